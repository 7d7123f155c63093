/* test_sample.c — the sample studies end to end.
 * - Sample City: every count equals what the generator says it wrote
 *   (data-samples/sample-city/planted.ini, counted while writing), and the
 *   planted true values lie inside the intervals where the model says they
 *   should. One seed is one draw: a 95 % interval misses the truth 1 time in
 *   20 (this seed's false-positive share does), so coverage itself is checked
 *   over 60 generated cities — the only honest test of an interval method.
 * - Another agency's export runs by its study file alone and gives the counts
 *   in data-samples/other-agency/expected.ini.
 * - The committed sample is what the committed generator makes. */
#define _GNU_SOURCE
#include "testutil.h"
#include "hashtab.h"
#include <gsl/gsl_errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>


/* planted.ini / expected.ini: one section of key = number. */
#define MAXKV 1024
typedef struct kv {
	char key[MAXKV][64];
	double val[MAXKV];
	char sval[MAXKV][64];
	int n;
} kv;

static int kv_handler(void *u, const char *section, const char *name, const char *value)
{
	(void)section;
	kv *k = u;
	if (k->n < MAXKV) {
		snprintf(k->key[k->n], 64, "%s", name);
		snprintf(k->sval[k->n], 64, "%s", value);
		k->val[k->n++] = strtod(value, NULL);
	}
	return 1;
}

static double get(const kv *k, const char *key)
{
	for (int i = 0; i < k->n; i++)
		if (strcmp(k->key[i], key) == 0)
			return k->val[i];
	fail_msg("no key %s", key);
	return NAN;
}

static const ae_row *row(const run *r, const char *m, const char *d, const char *g, const char *meth)
{
	const ae_row *x = ae_table_find(r->t, m, d, g, meth);
	if (!x)
		fail_msg("no row %s,%s,%s,%s", m, d, g, meth ? meth : "*");
	return x;
}

/* The sample's planted.ini, and the sample study run in-process. */
static void planted_and_run(kv *p, run *r)
{
	memset(p, 0, sizeof *p);
	assert_int_equal(ini_parse("data-samples/sample-city/planted.ini", kv_handler, p), 0);
	run_study(r, "analysis/sample-city.ini");
}

static void assert_inside(const ae_row *x, double truth, const char *what)
{
	if (!(x->lo <= truth && truth <= x->hi))
		fail_msg("%s: true %.10g outside [%.10g, %.10g]", what, truth, x->lo, x->hi);
}

static void test_sample_city_counts_exact(void **state)
{
	(void)state;
	kv p;
	run r;
	planted_and_run(&p, &r);
	const ae_tablecount *rd = &r.a->tables[TB_READS], *ht = &r.a->tables[TB_HITS], *oc = &r.a->tables[TB_OUTCOMES];
	assert_int_equal(rd->read, (uint64_t)get(&p, "reads_total"));
	assert_int_equal(rd->accepted, (uint64_t)get(&p, "reads_in_period_expected"));
	assert_int_equal(rd->out_of_period, (uint64_t)get(&p, "reads_out_of_period"));
	assert_int_equal(rd->rejected, (uint64_t)get(&p, "reads_rejected_expected"));
	assert_int_equal(rd->by_reason[RJ_BAD_TIMESTAMP], (uint64_t)get(&p, "defects_reads_bad_timestamp"));
	assert_int_equal(rd->by_reason[RJ_MISSING], (uint64_t)get(&p, "defects_reads_empty_plate"));
	assert_int_equal(rd->by_reason[RJ_FIELD_COUNT], (uint64_t)get(&p, "defects_reads_field_count"));
	assert_int_equal(ht->read, (uint64_t)get(&p, "hits_written"));
	assert_int_equal(ht->accepted, (uint64_t)get(&p, "hits_in_period_expected"));
	assert_int_equal(ht->out_of_period, (uint64_t)get(&p, "hits_linked_out_of_period"));
	assert_int_equal(ht->rejected, (uint64_t)get(&p, "hits_rejected_expected"));
	assert_int_equal(oc->read, (uint64_t)get(&p, "outcomes_written"));
	assert_int_equal(oc->accepted, (uint64_t)get(&p, "outcomes_accepted_expected"));

	assert_close(row(&r, "distinct_plates", "all", "all", NULL)->est, get(&p, "distinct_vehicles_in_period"), 0);
	for (int d = 0; d < DP_COUNT; d++) {
		char k[64];
		snprintf(k, sizeof k, "hits_disposition_%s", ae_disposition_names[d]);
		assert_close(row(&r, "hits", "disposition", ae_disposition_names[d], NULL)->est, get(&p, k), 0);
	}
	for (int h = 0; h < HL_COUNT; h++) {
		char k[64];
		snprintf(k, sizeof k, "hits_hotlist_%s", ae_hotlist_names[h]);
		assert_close(row(&r, "hits", "hotlist", ae_hotlist_names[h], NULL)->est, get(&p, k), 0);
	}
	assert_close(row(&r, "hit_rate", "all", "all", "wilson")->est, get(&p, "hit_rate_realized"), 1e-9);
	assert_close(row(&r, "false_positive_rate", "all", "all", "wilson")->est, get(&p, "fp_share_realized"), 1e-9);
	assert_close(row(&r, "outcome_yield", "all", "all", "wilson")->est, get(&p, "outcome_yield_realized"), 1e-9);
	assert_close(row(&r, "confirmed_per_million_reads", "all", "all", NULL)->est,
		     get(&p, "confirmed_per_million_realized"), 1e-9);
	/* The generator's own numpy-free check of the cluster interval (planted.ini). */
	const ae_row *cl = row(&r, "hit_rate", "all", "all", "cluster_plate");
	assert_close(cl->lo, get(&p, "hit_rate_cluster_low_check"), 1e-9);
	assert_close(cl->hi, get(&p, "hit_rate_cluster_high_check"), 1e-9);
	/* outcome counts: below min_cell 10 suppressed (other, 8); the one other type that would
	 * give it back from the 126 accepted outcomes, the smallest (warning, 18), suppressed
	 * too; the rest shown */
	for (int o = 0; o < OT_COUNT; o++) {
		char k[64];
		snprintf(k, sizeof k, "outcomes_%s", ae_outcome_names[o]);
		double want = get(&p, k);
		const ae_row *x = row(&r, "outcomes", "outcome", ae_outcome_names[o], NULL);
		if (want < 10 || o == OT_WARNING) {
			assert_string_equal(x->method, "suppressed");
			assert_close(x->est, NAN, 0); /* NaN: not shown */
		} else {
			assert_close(x->est, want, 0);
		}
	}
	run_free(&r);
}

/* Every search figure the generator counted while writing the audit log
 * (planted.ini) is the run's, exactly. */
static void searches_match_planted(const kv *p, const run *r)
{
	const ae_tablecount *sc = &r->a->tables[TB_SEARCHES];
	assert_int_equal(sc->read, (uint64_t)get(p, "searches_total"));
	assert_int_equal(sc->accepted, (uint64_t)get(p, "searches_in_period"));
	assert_int_equal(sc->out_of_period, (uint64_t)get(p, "searches_out_of_period"));
	assert_int_equal(sc->rejected, 0);
	double n = get(p, "searches_in_period");
	assert_close(row(r, "searches", "all", "all", NULL)->est, n, 0);
	static const char *const cls[] = {"blank", "case_number_only", "vague", "generic_investigation", "substantive"};
	for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++) {
		char k[64];
		snprintf(k, sizeof k, "searches_reason_%s", cls[i]);
		assert_close(row(r, "searches", "reason_class", cls[i], NULL)->est, get(p, k), 0);
		assert_close(row(r, "search_reason_share", "reason_class", cls[i], NULL)->num, get(p, k), 0);
	}
	static const char *const types[] = {"lookup", "search", "freeform", "visual", "convoy", "multiGeo"};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		char k[64];
		snprintf(k, sizeof k, "searches_type_%s", types[i]);
		assert_close(row(r, "searches", "search_type", types[i], NULL)->est, get(p, k), 0);
	}
	assert_close(row(r, "searches", "organization_class", "in_state", NULL)->est, get(p, "searches_org_in_state"),
		     0);
	assert_close(row(r, "searches", "organization_class", "out_of_state", NULL)->est,
		     get(p, "searches_org_out_of_state"), 0);
	assert_close(row(r, "searches", "organization_class", "federal", NULL)->est, get(p, "searches_org_federal"), 0);
	assert_close(row(r, "searches_flagged_share", "all", "all", NULL)->num, get(p, "searches_flagged"), 0);
	assert_close(row(r, "searches_after_hours_share", "all", "all", NULL)->num, get(p, "searches_after_hours"), 0);
	assert_close(row(r, "searches_without_case_share", "all", "all", NULL)->num, get(p, "searches_without_case"), 0);
	static const char *const days[] = {"1", "7", "30", "90", "365"};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		char k[64];
		snprintf(k, sizeof k, "searches_lookback_over_%s", days[i]);
		const ae_row *x = row(r, "searches_lookback_over", "days", days[i], NULL);
		assert_close(x->num, get(p, k), 0);
		assert_close(x->den, get(p, "searches_with_window"), 0);
	}
	assert_close(row(r, "search_users", "all", "all", NULL)->est, get(p, "search_users"), 0);
	assert_close(row(r, "searches_top10_users_share", "all", "all", NULL)->num, get(p, "searches_top10_users"), 0);
	assert_close(row(r, "searches_multi_network_share", "all", "all", NULL)->num, get(p, "searches_multi_network"),
		     0);
	assert_close(row(r, "access_log_complete_share", "field", "query", NULL)->num, get(p, "searches_field_query"),
		     0);
	assert_close(row(r, "access_log_complete_share", "field", "user", NULL)->num, get(p, "searches_field_user"), 0);
	assert_close(row(r, "access_log_complete_share", "field", "reason", NULL)->num, get(p, "searches_field_reason"),
		     0);
	assert_close(row(r, "repeat_target_pairs", "all", "all", NULL)->est, get(p, "repeat_target_pairs"), 0);
}

/* The governance rows the read log makes (retention), which a study of the
 * audit log alone does not have. */
static int from_reads(const char *metric)
{
	const char *const m[] = {AE_M(reads_held_at_end), AE_M(vehicles_held_at_end), AE_M(outcome_read_age_days),
				 AE_M(outcomes_needing_older_reads), AE_M(read_log_span_days)};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (strcmp(metric, m[i]) == 0)
			return 1;
	return 0;
}

/* The search rows (governance metrics but the sharing and retention ones) of
 * two runs: the same rows, the same figures. */
static size_t search_rows_equal(const run *a, const run *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->t->n; i++) {
		const ae_row *x = &a->t->rows[i];
		const ae_metric_def *m = ae_metric_find(x->metric);
		if (!m || strcmp(m->table, AE_GOVERNANCE) != 0 || strncmp(x->metric, "sharing", 7) == 0 ||
		    from_reads(x->metric))
			continue;
		const ae_row *y = ae_table_find(b->t, x->metric, x->dimension, x->group, x->method);
		if (!y)
			fail_msg("no row %s,%s,%s,%s in the other run", x->metric, x->dimension, x->group, x->method);
		assert_close(x->est, y->est, 0);
		assert_close(x->lo, y->lo, 0);
		assert_close(x->hi, y->hi, 0);
		assert_close(x->num, y->num, 0);
		assert_close(x->den, y->den, 0);
		n++;
	}
	return n;
}

/* The audit log: every search figure the generator counted while writing
 * searches.csv (planted.ini) is the tool's, exactly. Two programs written
 * apart from the same contract, agreeing to the search. The same searches in
 * a second shape (search_audit.csv: the window in two columns, local times
 * with an offset), mapped by its study file alone, give the same figures and
 * the very same search rows. */
static void test_sample_city_searches_exact(void **state)
{
	(void)state;
	kv p;
	run r, q;
	planted_and_run(&p, &r);
	searches_match_planted(&p, &r);
	run_study(&q, "analysis/sample-city-portal.ini");
	assert_int_equal(q.rc, 0);
	assert_int_equal(q.st->input[TB_READS].present, 0);
	searches_match_planted(&p, &q);
	size_t n = search_rows_equal(&q, &r);
	assert_true(n > 50);
	assert_int_equal(search_rows_equal(&r, &q), n);
	run_free(&q);
	run_free(&r);
}

/* Every sharing figure the generator counted (planted.ini) is the run's; the
 * agency is in Texas, so the law defaults to none and sharing_prohibited has
 * no row. */
static void sharing_match_planted(const kv *p, const run *r)
{
	const ae_tablecount *tc = &r->a->tables[TB_SHARING];
	assert_int_equal(tc->accepted, (uint64_t)get(p, "sharing_organizations_total"));
	assert_int_equal(tc->rejected, 0);
	const ae_sharelist *l = r->h->sharing;
	assert_non_null(l);
	assert_int_equal(l->n, (size_t)get(p, "sharing_organizations_total"));
	size_t inactive = 0;
	for (size_t i = 0; i < l->n; i++)
		inactive += l->org[i].inactive != 0;
	assert_int_equal(inactive, (size_t)get(p, "sharing_inactive"));
	static const char *const dirs[] = {"outbound", "inbound"};
	static const char *const cls[] = {"federal", "immigration", "in_state", "out_of_state", "private", "unknown"};
	for (int d = 0; d < 2; d++) {
		char k[64], g[64];
		snprintf(k, sizeof k, "sharing_%s", dirs[d]);
		assert_close(row(r, "sharing_organizations", "direction", dirs[d], NULL)->est, get(p, k), 0);
		for (size_t c = 0; c < sizeof cls / sizeof cls[0]; c++) {
			snprintf(k, sizeof k, "sharing_%s_%s", dirs[d], cls[c]);
			snprintf(g, sizeof g, "%s:%s", dirs[d], cls[c]);
			assert_close(row(r, "sharing_organizations", "direction_class", g, NULL)->est, get(p, k), 0);
		}
	}
	assert_string_equal(r->st->law, "none");
	assert_null(ae_table_find(r->t, "sharing_prohibited", "all", "all", NULL));
}

/* The sharing settings: every figure the generator counted while writing
 * sharing.csv (planted.ini) is the tool's. The study's agency is in Texas,
 * so its law defaults to none and sharing_prohibited has no row; a copy of
 * the study with law = ca_sb34 gives it, measured against Texas. A regional
 * edge list (sharing_edges.csv) holding this agency's rows among other
 * agencies' gives the same figures by its study file alone, the other rows
 * out of scope. */
static void test_sample_city_sharing_exact(void **state)
{
	(void)state;
	kv p;
	run r;
	planted_and_run(&p, &r);
	assert_int_equal(r.a->tables[TB_SHARING].read, (uint64_t)get(&p, "sharing_organizations_total"));
	sharing_match_planted(&p, &r);
	run_free(&r);

	run_study(&r, "analysis/sample-city-network.ini");
	assert_int_equal(r.rc, 0);
	const ae_tablecount *tc = &r.a->tables[TB_SHARING];
	assert_int_equal(tc->read, (uint64_t)get(&p, "sharing_edges_rows"));
	assert_int_equal(tc->out_of_period, (uint64_t)get(&p, "sharing_edges_other_rows"));
	sharing_match_planted(&p, &r);
	run_free(&r);

	/* the same study under ca_sb34 (input paths one folder deeper) */
	char *ini = slurp_file("analysis/sample-city.ini", NULL);
	assert_non_null(ini);
	assert_int_equal(system("mkdir -p build/test-sample-law"), 0);
	FILE *f = fopen("build/test-sample-law/sample-city.ini", "w");
	assert_non_null(f);
	for (const char *q = ini; *q;) {
		const char *e = strchr(q, '\n');
		size_t n = e ? (size_t)(e - q + 1) : strlen(q);
		const char *rel = memmem(q, n, "= ../", 5);
		if (rel) {
			fwrite(q, 1, (size_t)(rel - q) + 2, f);
			fputs("../../", f);
			fwrite(rel + 5, 1, n - (size_t)(rel + 5 - q), f);
		} else {
			fwrite(q, 1, n, f);
		}
		if (n == 8 && strncmp(q, "[study]\n", 8) == 0)
			fputs("law = ca_sb34\n", f);
		q += n;
	}
	fclose(f);
	free(ini);
	run_study(&r, "build/test-sample-law/sample-city.ini");
	assert_string_equal(r.st->law, "ca_sb34");
	assert_close(row(&r, "sharing_prohibited", "all", "all", NULL)->est,
		     get(&p, "sharing_prohibited_ca_sb34_active"), 0);
	run_free(&r);
	rm_tree("build/test-sample-law");
}

static void test_sample_city_planted_inside_intervals(void **state)
{
	(void)state;
	kv p;
	run r;
	planted_and_run(&p, &r);
	/* Hits cluster on hotlisted vehicles: the vehicle-cluster interval must hold the truth. */
	assert_inside(row(&r, "hit_rate", "all", "all", "cluster_plate"), get(&p, "hit_rate_true"), "hit_rate");
	assert_inside(row(&r, "confirmed_per_million_reads", "all", "all", NULL), get(&p, "confirmed_per_million_true"),
		      "confirmed_per_million_reads");
	assert_inside(row(&r, "outcome_yield", "all", "all", "wilson"), get(&p, "outcome_yield_true"), "outcome_yield");
	for (int d = 0; d < DP_COUNT; d++) {
		char k[64];
		snprintf(k, sizeof k, "p_disposition_%s", ae_disposition_names[d]);
		assert_inside(row(&r, "disposition_share", "disposition", ae_disposition_names[d], NULL), get(&p, k),
			      ae_disposition_names[d]);
	}
	/* This seed's false-positive share (103/487) is a 2.2-sigma low draw: its
	 * interval misses 0.2556. Stated here rather than hidden by picking a seed. */
	const ae_row *fp = row(&r, "false_positive_rate", "all", "all", "wilson");
	assert_double_cmp(fp->hi, <, get(&p, "fp_share_true"));
	run_free(&r);
}

/* Coverage over many cities of Sample City's size (150,000 reads, about 60
 * hotlisted vehicles seen): the planted truth falls inside the 95 % interval
 * close to 95 % of the time for cluster_plate; Wilson on the same hit rate,
 * which treats every read as independent, covers far less. Measured (seeds
 * 1..40, 150k reads): the t / Satterthwaite / logit form of doc/metrics.md
 * 38/40 vs Wilson 11/40 (the earlier z form on the raw scale: 37/40). */
/* The planted exposure skew: every read lands in the area the generator put it
 * (polygons, holes, an island and cameras without an area included), and
 * the true disparity ratios lie inside their bootstrap intervals. */
static void test_sample_city_exposure(void **state)
{
	(void)state;
	kv p;
	run r;
	planted_and_run(&p, &r);
	for (uint32_t n = 0; n < r.a->nlisted; n++) {
		const char *name = ae_strtab_name(r.a->hoods, r.a->listed[n]);
		char k[96];
		snprintf(k, sizeof k, "reads_in_neighborhood_%s", name);
		for (char *c = k; *c; c++)
			if (*c == ' ')
				*c = '_';
		assert_close(row(&r, "reads", "neighborhood", name, NULL)->est, get(&p, k), 0);
	}
	assert_close(row(&r, "unassigned_reads", "all", "all", NULL)->est, get(&p, "unassigned_reads"), 0);
	for (int g = 0; g < r.a->ngroups; g++) {
		char k[96];
		snprintf(k, sizeof k, "disparity_ratio_true_%s", r.a->groups[g]);
		assert_inside(row(&r, "disparity_ratio", "group", r.a->groups[g], "bootstrap_days"), get(&p, k),
			      r.a->groups[g]);
	}
	/* the skew is real: a group well above 1 and one well below */
	assert_double_cmp(row(&r, "disparity_ratio", "group", "black", NULL)->lo, >, 1.4);
	assert_double_cmp(row(&r, "disparity_ratio", "group", "white", NULL)->hi, <, 0.8);
	run_free(&r);
}

static void test_interval_coverage_over_seeds(void **state)
{
	(void)state;
	const int N = 40;
	int cover_cluster = 0, cover_wilson = 0, cover_fp = 0, defined = 0;
	char dir[64];
	strcpy(dir, "/tmp/ae-cov-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char ini[256];
	snprintf(ini, sizeof ini, "%s/s.ini", dir);
	for (int s = 1; s <= N; s++) {
		char cmd[512];
		snprintf(cmd, sizeof cmd,
			 "build/gen-city --out %s --reads 150000 --seed %d --no-defects --plain >/dev/null 2>&1", dir,
			 s);
		assert_int_equal(system(cmd), 0);
		char text[1024];
		snprintf(text, sizeof text,
			 "[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\nseed = %d\n"
			 "[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n",
			 s);
		write_file(ini, text);
		kv p;
		memset(&p, 0, sizeof p);
		char pl[256];
		snprintf(pl, sizeof pl, "%s/planted.ini", dir);
		assert_int_equal(ini_parse(pl, kv_handler, &p), 0);
		run r;
		run_study(&r, ini);
		double h = get(&p, "hit_rate_true"), f = get(&p, "fp_share_true");
		const ae_row *c = row(&r, "hit_rate", "all", "all", "cluster_plate");
		const ae_row *w = row(&r, "hit_rate", "all", "all", "wilson");
		const ae_row *fr = row(&r, "false_positive_rate", "all", "all", "wilson");
		if (!isnan(c->lo)) {
			defined++;
			cover_cluster += c->lo <= h && h <= c->hi;
		}
		cover_wilson += w->lo <= h && h <= w->hi;
		cover_fp += fr->lo <= f && f <= fr->hi;
		run_free(&r);
	}
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	print_message("coverage over %d cities: cluster_plate %d/%d, wilson (hit rate) %d/%d, "
		      "wilson (false-positive share) %d/%d\n",
		      N, cover_cluster, defined, cover_wilson, N, cover_fp, N);
	assert_int_equal(defined, N);
	/* 95 % nominal over 40 draws: sd 1.4 draws; 34 would be 4 sd short. */
	assert_true(cover_fp >= 34);
	assert_true(cover_cluster >= 34);
	/* independence-based Wilson: under half, clearly worse */
	assert_true(cover_wilson <= N / 2);
}

static void test_other_agency_by_study_file_alone(void **state)
{
	(void)state;
	kv e;
	memset(&e, 0, sizeof e);
	assert_int_equal(ini_parse("data-samples/other-agency/expected.ini", kv_handler, &e), 0);
	run r;
	run_study(&r, "analysis/other-agency.ini");
	const ae_tablecount *rd = &r.a->tables[TB_READS];
	assert_int_equal(rd->read, (uint64_t)get(&e, "reads_total"));
	assert_int_equal(rd->accepted, (uint64_t)get(&e, "reads_accepted"));
	assert_int_equal(rd->out_of_period, (uint64_t)get(&e, "reads_out_of_period"));
	assert_int_equal(rd->rejected, (uint64_t)get(&e, "reads_rejected"));
	assert_int_equal(r.a->nrejects, 1);
	assert_int_equal(r.a->rejects[0].line, (long)get(&e, "reject_line"));
	assert_int_equal(r.a->rejects[0].reason, RJ_DST_GAP);
	assert_string_equal(r.a->tables[TB_READS].colnames[r.a->rejects[0].col], "Date Time");
	assert_close(row(&r, "distinct_plates", "all", "all", NULL)->est, get(&e, "distinct_plates"), 0);
	assert_int_equal(r.a->tables[TB_HITS].accepted, (uint64_t)get(&e, "hits_accepted"));
	assert_close(row(&r, "hits", "disposition", "confirmed", NULL)->est, get(&e, "hits_disposition_confirmed"), 0);
	assert_close(row(&r, "hits", "disposition", "misread", NULL)->est, get(&e, "hits_disposition_misread"), 0);
	assert_close(row(&r, "hits", "hotlist", "registration", NULL)->est, get(&e, "hits_hotlist_registration"), 0);
	assert_close(row(&r, "false_positive_rate", "all", "all", NULL)->est, get(&e, "false_positive_rate"), 1e-12);
	assert_close(row(&r, "outcome_yield", "all", "all", NULL)->est, get(&e, "outcome_yield"), 1e-12);
	assert_int_equal(r.a->tables[TB_OUTCOMES].accepted, (uint64_t)get(&e, "outcomes_total"));
	run_free(&r);
}

static void test_committed_sample_is_regenerated(void **state)
{
	(void)state;
	char dir[64];
	strcpy(dir, "/tmp/ae-regen-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "build/gen-city --out %s >/dev/null 2>&1 && cd %s && "
		 "for f in hits.csv outcomes.csv cameras.csv planted.ini neighborhoods.csv boundaries.geojson searches.csv sharing.csv search_audit.csv sharing_edges.csv; do cmp -s $f $OLDPWD/data-samples/sample-city/$f || exit 1; done && "
		 "zcat reads.csv.gz | cmp -s - <(zcat $OLDPWD/data-samples/sample-city/reads.csv.gz)",
		 dir, dir);
	char bash[1200];
	snprintf(bash, sizeof bash, "bash -c '%s'", cmd);
	int rc = system(bash);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(rc, 0);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_city_counts_exact),
		cmocka_unit_test(test_sample_city_searches_exact),
		cmocka_unit_test(test_sample_city_sharing_exact),
		cmocka_unit_test(test_sample_city_planted_inside_intervals),
		cmocka_unit_test(test_sample_city_exposure),
		cmocka_unit_test(test_interval_coverage_over_seeds),
		cmocka_unit_test(test_other_agency_by_study_file_alone),
		cmocka_unit_test(test_committed_sample_is_regenerated),
	};
	return cmocka_run_group_tests_name("sample", tests, NULL, NULL);
}
