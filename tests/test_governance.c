/* test_governance.c — the governance rows of small hand-made audit logs,
 * every expected value worked out by hand in the comments: counts and exact
 * shares, type-7 quantiles, the after-hours window (also across midnight),
 * the days groups, repeated targets, search_users under min_cell, and the
 * study keys that stop a run. The Flock-shaped fixture with its independent
 * reference is in test_e2e.c. */
#include "testutil.h"

#define SH "search_id,timestamp,user,reason,case_number,window_start,search_type,networks_searched,query\n"

/* Study America/Chicago (CDT, UTC-5, in May), period 2025 (STUDY_HEAD). */
static void run_log(run *s, const char *study_keys, const char *csv)
{
	char extra[1024];
	snprintf(extra, sizeof extra, "%s[searches]\npath = searches.csv\n", study_keys ? study_keys : "");
	study_write(s, extra, NULL, NULL, NULL, NULL, NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/searches.csv", s->dir);
	write_file(path, csv);
	run_go(s);
}

static const ae_row *row(const run *s, const char *m, const char *d, const char *g)
{
	const ae_row *r = ae_table_find(s->t, m, d, g, NULL);
	if (!r)
		fail_msg("no row %s,%s,%s", m, d, g);
	return r;
}

/* Four users: u1 4 searches, u2 2, u3 1, u4 1 (and one with no user). */
static const char LOG[] = SH
	/* 06:30Z = 01:30 CDT: after hours; lookback 10 days; same target 3 times over 20 days, no case */
	"a,2025-05-01T06:30:00Z,u1,stolen car,,2025-04-21T06:30:00Z,lookup,1,ABC 123\n"
	"b,2025-05-11T12:00:00Z,u1,test,,,lookup,3,abc-123\n"
	"c,2025-05-21T06:30:00Z,u1,25-0012,,,search,,ABC123\n"
	/* 10:00Z = 05:00 CDT: the window's end is excluded */
	"d,2025-05-21T10:00:00Z,u1,ICE request,C-1,2025-05-20T10:00:00Z,unknown,1,XYZ\n"
	"e,2025-06-01T12:00:00Z,u2,,,2025-01-01T12:00:00Z,search,2,XYZ\n"
	"f,2025-06-02T12:00:00Z,u2,investigation,,,,,\n"
	"g,2025-06-03T12:00:00Z,u3,deportation,,,,,\n"
	"h,2025-06-04T12:00:00Z,u4,x,,,,,\n"
	"i,2025-06-05T12:00:00Z,,robbery,,,,,\n";

static void test_counts_shares_quantiles(void **st)
{
	(void)st;
	run s;
	run_log(&s, "retention_days = 100\n", LOG);
	assert_int_equal(s.rc, AE_OK);
	assert_accounted(&s);
	assert_close(row(&s, "searches", "all", "all")->est, 9, 0);
	assert_close(row(&s, "searches", "month", "2025-05")->est, 4, 0);
	assert_close(row(&s, "searches", "month", "2025-06")->est, 5, 0);
	assert_close(row(&s, "searches", "month", "2025-01")->est, 0, 0);
	/* the type spelt "unknown" takes the searches with no type: d + f..i */
	assert_close(row(&s, "searches", "search_type", "unknown")->est, 5, 0);
	assert_close(row(&s, "searches", "search_type", "lookup")->est, 2, 0);
	assert_close(row(&s, "searches", "reason_class", "blank")->est, 1, 0);
	assert_close(row(&s, "searches", "reason_class", "case_number_only")->est, 1, 0);
	assert_close(row(&s, "searches", "reason_class", "vague")->est, 2, 0); /* test, x */
	assert_close(row(&s, "searches", "organization_class", "unknown")->est, 9, 0);
	/* without case: all but d (case C-1) and c (case_number_only): 7 / 9 */
	const ae_row *r = row(&s, "searches_without_case_share", "all", "all");
	assert_close(r->num, 7, 0);
	assert_close(r->den, 9, 0);
	assert_close(row(&s, "searches_flagged_share", "all", "all")->num, 2, 0);     /* ICE, deportation */
	assert_close(row(&s, "searches_after_hours_share", "all", "all")->num, 2, 0); /* a, c */
	assert_close(row(&s, "search_users", "all", "all")->est, 4, 0);
	assert_close(row(&s, "searches_top10_users_share", "all", "all")->num, 8, 0);
	/* per user 1, 1, 2, 4: type 7 p50 h = 1.5 -> 1.5; p90 h = 2.7 -> 2 + 0.7 * 2 = 3.4 */
	assert_close(row(&s, "searches_per_user", "quantile", "p50")->est, 1.5, 1e-12);
	assert_close(row(&s, "searches_per_user", "quantile", "p90")->est, 3.4, 1e-12);
	assert_close(row(&s, "searches_per_user", "quantile", "p95")->est, 3.7, 1e-12);
	assert_close(row(&s, "searches_per_user", "quantile", "max")->est, 4, 0);
	/* lookbacks 10, 1, 151 days; over 7: 2 of 3; the days groups 1, 7, 30, 90, 100, 365 */
	assert_close(row(&s, "search_lookback_days", "quantile", "p50")->est, 10, 1e-12);
	assert_close(row(&s, "searches_lookback_over", "days", "7")->num, 2, 0);
	assert_close(row(&s, "searches_lookback_over", "days", "100")->num, 1, 0);
	assert_close(row(&s, "searches_lookback_over", "days", "365")->den, 3, 0);
	/* no window end given: no window lengths */
	assert_true(isnan(row(&s, "search_window_days", "quantile", "max")->est));
	r = row(&s, "searches_multi_network_share", "all", "all"); /* 3 and 2 of 1, 3, 1, 2 */
	assert_close(r->num, 2, 0);
	assert_close(r->den, 4, 0);
	assert_close(row(&s, "access_log_complete_share", "field", "query")->num, 5, 0);
	assert_close(row(&s, "access_log_complete_share", "field", "user")->num, 8, 0);
	assert_close(row(&s, "access_log_complete_share", "field", "reason")->num, 8, 0);
	/* (u1, ABC123) 3 times over 20 days, no case; (u1, XYZ) once, (u2, XYZ) once */
	assert_close(row(&s, "repeat_target_pairs", "all", "all")->est, 1, 0);
	run_free(&s);
}

/* An after-hours window across midnight, and search_users below min_cell. */
static void test_window_across_midnight_and_min_cell(void **st)
{
	(void)st;
	run s;
	run_log(&s, "after_hours = 22:00-02:00\nmin_cell = 5\n", LOG);
	assert_int_equal(s.rc, AE_OK);
	/* 01:30 CDT (a, c) are in; 05:00, 07:00 are not */
	assert_close(row(&s, "searches_after_hours_share", "all", "all")->num, 2, 0);
	const ae_row *u = ae_table_find(s.t, "search_users", "all", "all", NULL);
	assert_non_null(u);
	assert_string_equal(u->method, "suppressed");
	assert_true(isnan(u->est));
	/* the per-user quantiles' denominator is the same count of users */
	const ae_row *q = ae_table_find(s.t, "searches_per_user", "quantile", "max", NULL);
	assert_string_equal(q->method, "suppressed");
	run_free(&s);
}

static void test_bad_keys_stop_the_run(void **st)
{
	(void)st;
	run s;
	run_log(&s, "after_hours = late\n", LOG);
	assert_int_equal(s.rc, AE_EUSAGE);
	assert_non_null(strstr(s.err.msg, "after_hours"));
	run_free(&s);
	run_log(&s, "agency_state = Atlantis\n", LOG);
	assert_int_equal(s.rc, AE_EUSAGE);
	assert_non_null(strstr(s.err.msg, "agency_state"));
	run_free(&s);
	run_log(&s, "retention_alternatives = 7, a week\n", LOG);
	assert_int_equal(s.rc, AE_EUSAGE);
	run_free(&s);
}

/* tests/data/tiny-sharing: an edge list of two agencies, counted by hand.
 * Fresno's detections rows: Clovis (out, in; CA column: in_state), Reno
 * (out; NV: out_of_state), FBI Sacramento (out; federal rule), ICE ERO
 * (out; immigration, so federal), Acme Repossession LLC (out; no public
 * word: private), Madera Sheriff's Office [Inactive] (out, in; inactive),
 * Tulare County Sheriff (in; "California": in_state), Lake Tahoe Task
 * Force (in; public, no state: unknown), Phoenix PD (in; "Arizona":
 * out_of_state), Bakersfield PD (CA) (out; the XX column is no state, the
 * "(CA)" suffix is), Visalia PD (neither way). Reno's hotlists row is
 * listed but not counted; two Sacramento rows are out of scope; a second
 * Clovis row is rejected as a repeat.
 *   outbound 7, inbound 5 (Madera in both);
 *   outbound active: federal 2 (immigration 1), in_state 2, out_of_state 1,
 *   private 1, unknown 0; inbound active: in_state 2, out_of_state 1,
 *   unknown 1, the rest 0;
 *   sharing_prohibited (ca_sb34, the default for CA): Reno, FBI, ICE, Acme = 4. */
static void test_sharing_edge_list(void **st)
{
	(void)st;
	run s;
	run_study(&s, "tests/data/tiny-sharing/study.ini");
	assert_accounted(&s);
	const ae_tablecount *tc = &s.acc.tables[TB_SHARING];
	assert_int_equal(tc->read, 15);
	assert_int_equal(tc->accepted, 12);
	assert_int_equal(tc->out_of_period, 2);
	assert_int_equal(tc->rejected, 1);
	assert_int_equal(s.a->rejects[0].line, 16);
	assert_int_equal(s.a->rejects[0].reason, RJ_DUPLICATE_ID);
	static const struct {
		const char *g;
		double n;
	} want[] = {{"outbound", 7},          {"inbound", 5},
		    {"outbound:federal", 2},  {"outbound:immigration", 1},
		    {"outbound:in_state", 2}, {"outbound:out_of_state", 1},
		    {"outbound:private", 1},  {"outbound:unknown", 0},
		    {"inbound:federal", 0},   {"inbound:immigration", 0},
		    {"inbound:in_state", 2},  {"inbound:out_of_state", 1},
		    {"inbound:private", 0},   {"inbound:unknown", 1}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const ae_row *r = row(&s, "sharing_organizations",
				      strchr(want[i].g, ':') ? "direction_class" : "direction", want[i].g);
		assert_string_equal(r->method, "none");
		if (r->est != want[i].n)
			fail_msg("sharing_organizations %s: %g, not %g", want[i].g, r->est, want[i].n);
	}
	assert_string_equal(s.st->law, "ca_sb34");
	assert_true(row(&s, "sharing_prohibited", "all", "all")->est == 4);
	/* sharing.csv: every accepted row in file order, with its class and rule */
	char out[300], path[340];
	snprintf(out, sizeof out, "build/test-governance-sharing");
	rm_tree(out);
	ae_error err = {AE_OK, ""};
	run_free(&s);
	ae_run_options o;
	run_options(&o, "tests/data/tiny-sharing/study.ini");
	o.output = out;
	assert_int_equal(run_with(&s, &o), AE_OK);
	assert_int_equal(ae_run_write(s.run, NULL, 0, &err), AE_OK);
	snprintf(path, sizeof path, "%s/sharing.csv", out);
	char *csv = slurp_file(path, NULL);
	assert_non_null(csv);
	assert_non_null(strstr(csv, "organization,kind,outbound,inbound,state,class,immigration,inactive,rule_line\n"
				    "Clovis Police Department,detections,yes,yes,CA,in_state,no,no,\n"));
	assert_non_null(strstr(csv, "\nICE ERO San Francisco,detections,yes,no,,federal,yes,no,22\n"));
	assert_non_null(strstr(csv, "\nMadera Sheriff's Office [Inactive],detections,yes,yes,CA,in_state,no,yes,\n"));
	assert_non_null(strstr(csv, "\nReno Police Department,hotlists,yes,no,NV,out_of_state,no,no,\n"));
	assert_non_null(strstr(csv, "\nBakersfield PD (CA),detections,yes,no,CA,in_state,no,no,\n"));
	assert_null(strstr(csv, "Sacramento Police"));
	size_t lines = 0;
	for (const char *q = csv; *q; q++)
		lines += *q == '\n';
	assert_int_equal(lines, 13);
	free(csv);
	run_free(&s);
	rm_tree(out);
}

/* law: ca_sb34 when agency_state is CA, else none (no row); another value stops the run. */
static void test_sharing_law(void **st)
{
	(void)st;
	static const struct {
		const char *keys;
		const char *law;
		int rows;
	} cases[] = {{"agency_state = Texas\n", "none", 0},
		     {"agency_state = California\n", "ca_sb34", 1},
		     {"", "none", 0},
		     {"agency_state = CA\nlaw = none\n", "none", 0},
		     {"agency_state = TX\nlaw = ca_sb34\n", "ca_sb34", 1}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char extra[512];
		snprintf(extra, sizeof extra, "%s[sharing]\npath = sharing.csv\n", cases[i].keys);
		run s;
		study_write(&s, extra, NULL, NULL, NULL, NULL, NULL);
		char path[256];
		snprintf(path, sizeof path, "%s/sharing.csv", s.dir);
		write_file(path, "organization\nReno Police Department (NV)\n");
		assert_int_equal(run_go(&s), AE_OK);
		assert_string_equal(s.st->law, cases[i].law);
		const ae_row *p = ae_table_find(s.t, "sharing_prohibited", "all", "all", NULL);
		assert_int_equal(p != NULL, cases[i].rows);
		/* a plain list: every organization a recipient */
		assert_true(row(&s, "sharing_organizations", "direction", "outbound")->est == 1);
		run_free(&s);
	}
	run s;
	study_write(&s, "law = ca_sb35\n[sharing]\npath = sharing.csv\n", NULL, NULL, NULL, NULL, NULL);
	assert_int_not_equal(run_go(&s), AE_OK);
	assert_null(s.run);
	assert_non_null(strstr(s.err.msg, "law"));
	run_free(&s);
}

/* organization_rules: a study's own rules file (relative to the study file)
 * replaces the built-in copy of the shipped one; a missing or bad one stops
 * the run with the file and line. */
static void test_own_rules_file(void **st)
{
	(void)st;
	static const char *const ORGS = "organization,state\nAcme Repossession LLC,\nReno Police Department,NV\n";
	run s;
	study_write(&s, "agency_state = CA\norganization_rules = my-rules.txt\n[sharing]\npath = sharing.csv\n", NULL,
		    NULL, NULL, NULL, NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/sharing.csv", s.dir);
	write_file(path, ORGS);
	snprintf(path, sizeof path, "%s/my-rules.txt", s.dir);
	write_file(path, "# ours: repossession firms count as federal, and nothing is public\nfederal\tRepossession\n");
	assert_int_equal(run_go(&s), AE_OK);
	/* Acme: federal by the study's rule (private by the shipped ones); Reno
	 * out of state by its state column either way */
	assert_true(row(&s, "sharing_organizations", "direction_class", "outbound:federal")->est == 1);
	assert_true(row(&s, "sharing_organizations", "direction_class", "outbound:private")->est == 0);
	assert_true(row(&s, "sharing_organizations", "direction_class", "outbound:out_of_state")->est == 1);
	run_free(&s);

	/* the built-in rules: Reno out of state, Acme private */
	study_write(&s, "agency_state = CA\n[sharing]\npath = sharing.csv\n", NULL, NULL, NULL, NULL, NULL);
	snprintf(path, sizeof path, "%s/sharing.csv", s.dir);
	write_file(path, ORGS);
	assert_int_equal(run_go(&s), AE_OK);
	assert_true(row(&s, "sharing_organizations", "direction_class", "outbound:out_of_state")->est == 1);
	assert_true(row(&s, "sharing_organizations", "direction_class", "outbound:private")->est == 1);
	assert_true(row(&s, "sharing_organizations", "direction_class", "outbound:federal")->est == 0);
	run_free(&s);

	study_write(&s, "organization_rules = missing.txt\n[sharing]\npath = sharing.csv\n", NULL, NULL, NULL, NULL,
		    NULL);
	snprintf(path, sizeof path, "%s/sharing.csv", s.dir);
	write_file(path, ORGS);
	assert_int_not_equal(run_go(&s), AE_OK);
	assert_non_null(strstr(s.err.msg, "missing.txt: cannot open"));
	run_free(&s);

	study_write(&s, "organization_rules = bad.txt\n[sharing]\npath = sharing.csv\n", NULL, NULL, NULL, NULL, NULL);
	snprintf(path, sizeof path, "%s/sharing.csv", s.dir);
	write_file(path, ORGS);
	snprintf(path, sizeof path, "%s/bad.txt", s.dir);
	write_file(path, "public\tpolice\nfederl\tFBI\n");
	assert_int_not_equal(run_go(&s), AE_OK);
	assert_non_null(strstr(s.err.msg, "bad.txt line 2: unknown class 'federl'"));
	run_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_shares_quantiles),
		cmocka_unit_test(test_window_across_midnight_and_min_cell),
		cmocka_unit_test(test_bad_keys_stop_the_run),
		cmocka_unit_test(test_sharing_edge_list),
		cmocka_unit_test(test_sharing_law),
		cmocka_unit_test(test_own_rules_file),
	};
	return cmocka_run_group_tests_name("governance", tests, NULL, NULL);
}
