/* test_gov_charts.c — the governance charts: search-lookback,
 * search-reasons, searches-month and searches-organization from the tiny
 * audit log, sharing-recipients from the tiny sharing list (every number of
 * their .dat files checked by hand against expected_metrics.csv and the
 * sharing list), each redrawn to the same SVG by gnuplot alone, and each
 * said "not drawn" when its rows cannot support it (no window column, a log
 * with no search, a list with no active detections recipient). The
 * retention chart from metrics tables built by hand in the shape
 * doc/metrics.md gives reads_held_at_end and vehicles_held_at_end, a
 * suppressed row included. */
#define _GNU_SOURCE
#include "testutil.h"
#include "chartkit.h"
#include "charts.h"
#include "output.h"
#include "retention_charts.h"
#include <gsl/gsl_errno.h>

/* A study's charts drawn into a fresh report folder (left uncommitted: the
 * files are read from its temporary folder, ae_outdir_path). */
typedef struct drawn {
	run s;
	ae_outdir *od;
	ae_chartset cs;
	char target[160];
} drawn;

static void draw_study(drawn *d)
{
	ae_error err = {0, ""};
	snprintf(d->target, sizeof d->target, "/tmp/ae-govcharts-%ld", (long)getpid());
	rm_tree(d->target);
	if (ae_outdir_begin(&d->od, d->target, &err))
		fail_msg("%s", err.msg);
	if (ae_charts_draw(d->s.h, d->od, NULL, &d->cs, &err))
		fail_msg("%s", err.msg);
}

static void drawn_free(drawn *d)
{
	ae_chartset_release(&d->cs);
	ae_outdir_free(d->od);
	run_free(&d->s);
}

static char *chart_file(const drawn *d, const char *name, const char *ext)
{
	char p[512];
	snprintf(p, sizeof p, "%s/chart-%s.%s", ae_outdir_path(d->od), name, ext);
	char *text = slurp_file(p, NULL);
	if (!text)
		fail_msg("no chart-%s.%s", name, ext);
	return text;
}

static const ae_chart *find_chart(const ae_chartset *cs, const char *name)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strcmp(cs->charts[i].name, name) == 0)
			return &cs->charts[i];
	return NULL;
}

/* The chart was drawn: its four files, its .dat holding each of lines,
 * and its SVG redrawn byte for byte by gnuplot alone on its script. */
static void assert_drawn(const drawn *d, const char *name, const char *const *lines)
{
	const ae_chart *c = find_chart(&d->cs, name);
	if (!c)
		fail_msg("chart %s not drawn: %s", name, d->cs.missing);
	assert_true(c->title && *c->title && c->caption && *c->caption);
	char *gp = chart_file(d, name, "gp"), *dat = chart_file(d, name, "dat"), *png = chart_file(d, name, "png");
	size_t na, nb;
	char p[512], cmd[1024];
	snprintf(p, sizeof p, "%s/chart-%s.svg", ae_outdir_path(d->od), name);
	char *svg = slurp_file(p, &na);
	assert_non_null(svg);
	for (size_t i = 0; lines[i]; i++)
		if (!strstr(dat, lines[i]))
			fail_msg("chart-%s.dat lacks \"%s\":\n%s", name, lines[i], dat);
	snprintf(cmd, sizeof cmd, "cd %s && rm chart-%s.svg && gnuplot chart-%s.gp 2>&1", ae_outdir_path(d->od), name,
		 name);
	assert_int_equal(system(cmd), 0);
	char *again = slurp_file(p, &nb);
	assert_non_null(again);
	assert_int_equal(na, nb);
	assert_memory_equal(svg, again, na);
	free(gp);
	free(dat);
	free(png);
	free(svg);
	free(again);
}

static void assert_not_drawn(const drawn *d, const char *name, const char *why)
{
	assert_null(find_chart(&d->cs, name));
	char item[256];
	snprintf(item, sizeof item, "%s: %s", name, why);
	if (!strstr(d->cs.missing, item))
		fail_msg("\"%s\" not in the charts left out:\n%s", item, d->cs.missing);
}

static void test_search_charts(void **state)
{
	(void)state;
	drawn d;
	memset(&d, 0, sizeof d);
	run_study(&d.s, "tests/data/tiny-searches/study.ini");
	draw_study(&d);
	/* expected_metrics.csv: searches_lookback_over 12, 8, 4, 3, 3, 0 of 13; retention_days = 60 */
	const char *const lookback[] = {"\"1 day\" 92.30769231 \"92.3% (12)\" 0\n",
					"\"7 days\" 61.53846154 \"61.5% (8)\" 0\n",
					"\"30 days\" 30.76923077 \"30.8% (4)\" 0\n",
					"\"policy (60 days)\" 23.07692308 \"23.1% (3)\" 1\n",
					"\"90 days\" 23.07692308 \"23.1% (3)\" 0\n",
					"\"365 days\" 0 \"0.0% (0)\" 0\n",
					NULL};
	assert_drawn(&d, "search-lookback", lookback);
	char *gp = chart_file(&d, "search-lookback", "gp");
	assert_non_null(strstr(gp, "title \"policy (60 days)\""));
	assert_non_null(strstr(gp, "lookback in days: median 8.8, 90th percentile 163.9, longest 184.7"));
	free(gp);
	assert_non_null(strstr(find_chart(&d.cs, "search-lookback")->caption, "of the 13 searches"));
	assert_non_null(strstr(find_chart(&d.cs, "search-lookback")->caption, "policy, 60 days"));
	const char *const reasons[] = {"\"no reason given\" 8.823529412 \"8.8% (3)\" 0\n",
				       "\"case number only\" 5.882352941 \"5.9% (2)\" 0\n",
				       "\"vague\" 26.47058824 \"26.5% (9)\" 0\n",
				       "\"generic 'investigation'\" 14.70588235 \"14.7% (5)\" 0\n",
				       "\"substantive\" 44.11764706 \"44.1% (15)\" 0\n",
				       NULL};
	assert_drawn(&d, "search-reasons", reasons);
	const char *const month[] = {"\"2025-03\" 7 \"7 (20.6%)\" 0\n", "\"2025-04\" 11 \"11 (32.4%)\" 0\n",
				     "\"2025-05\" 16 \"16 (47.1%)\" 0\n", NULL};
	assert_drawn(&d, "searches-month", month);
	const char *const org[] = {"\"federal agencies\" 3 \"3 (8.8%)\" 0\n",
				   "\"agencies of this state\" 22 \"22 (64.7%)\" 0\n",
				   "\"agencies of other states\" 4 \"4 (11.8%)\" 0\n",
				   "\"not public agencies\" 2 \"2 (5.9%)\" 0\n",
				   "\"not classified\" 3 \"3 (8.8%)\" 0\n",
				   NULL};
	assert_drawn(&d, "searches-organization", org);
	/* no sharing table: no sharing chart, and nothing said of it (the analysis did not run) */
	assert_null(find_chart(&d.cs, "sharing-recipients"));
	assert_null(strstr(d.cs.missing, "sharing-recipients"));
	drawn_free(&d);
}

static void test_sharing_chart(void **state)
{
	(void)state;
	drawn d;
	memset(&d, 0, sizeof d);
	run_study(&d.s, "tests/data/tiny-sharing/study.ini");
	draw_study(&d);
	/* Fresno's detections rows (tests/test_governance.c): outbound Clovis (CA), Reno (NV), FBI
	 * Sacramento, ICE ERO San Francisco, Acme Repossession LLC, Bakersfield PD (CA), the inactive
	 * Madera; inbound Clovis, Tulare, Lake Tahoe Task Force, Phoenix, the inactive Madera */
	const char *const lines[] = {"\"federal agencies\" 2 0\n",
				     "\"of which immigration\" 1 0\n",
				     "\"agencies of this state\" 2 2\n",
				     "\"agencies of other states\" 1 1\n",
				     "\"not public agencies\" 1 0\n",
				     "\"not classified\" 0 1\n",
				     NULL};
	assert_drawn(&d, "sharing-recipients", lines);
	const ae_chart *c = find_chart(&d.cs, "sharing-recipients");
	assert_non_null(strstr(c->caption, "Federal and immigration recipients: ICE ERO San Francisco (immigration); "
					   "FBI Sacramento."));
	char *gp = chart_file(&d, "sharing-recipients", "gp");
	assert_non_null(strstr(gp, "ICE ERO San Francisco (immigration)\\nFBI Sacramento"));
	/* the other source's rows and the hotlist rows name no recipient */
	assert_null(strstr(gp, "Sacramento Police"));
	free(gp);
	drawn_free(&d);
}

/* A written study of the audit log (and a sharing list) alone. */
static void written(drawn *d, const char *extra, const char *searches, const char *sharing)
{
	memset(d, 0, sizeof *d);
	study_write(&d->s, extra, NULL, NULL, NULL, NULL, NULL);
	char p[256];
	if (searches) {
		snprintf(p, sizeof p, "%s/searches.csv", d->s.dir);
		write_file(p, searches);
	}
	if (sharing) {
		snprintf(p, sizeof p, "%s/sharing.csv", d->s.dir);
		write_file(p, sharing);
	}
	if (run_go(&d->s))
		fail_msg("%s", d->s.err.msg);
	draw_study(d);
}

static void test_no_window_no_lookback(void **state)
{
	(void)state;
	drawn d;
	written(&d, "[searches]\npath = searches.csv\n",
		"search_id,timestamp,reason\n1,2025-03-01T10:00:00Z,stolen car\n2,2025-04-02T10:00:00Z,\n", NULL);
	assert_not_drawn(&d, "search-lookback", "no search in the log records the period it asked for");
	const char *const reasons[] = {"\"no reason given\" 50 \"50.0% (1)\" 0\n", NULL};
	assert_drawn(&d, "search-reasons", reasons);
	const char *const month[] = {"\"2025-03\" 1 \"1 (50.0%)\" 0\n", NULL};
	assert_drawn(&d, "searches-month", month);
	const char *const org[] = {"\"not classified\" 2 \"2 (100.0%)\" 0\n", NULL};
	assert_drawn(&d, "searches-organization", org);
	/* no retention_days: the caption says so, and no bar is the policy */
	assert_null(strstr(d.cs.missing, "search-reasons"));
	drawn_free(&d);
}

static void test_no_search_nothing_drawn(void **state)
{
	(void)state;
	drawn d;
	written(&d, "[searches]\npath = searches.csv\n", "search_id,timestamp,reason,window\n", NULL);
	assert_not_drawn(&d, "search-lookback", "no search in the log records the period it asked for");
	assert_not_drawn(&d, "search-reasons", "no searches in the period");
	assert_not_drawn(&d, "searches-month", "no searches in the period");
	assert_not_drawn(&d, "searches-organization", "no searches in the period");
	assert_int_equal(d.cs.n, 0);
	drawn_free(&d);
}

static void test_sharing_without_recipients(void **state)
{
	(void)state;
	drawn d;
	written(&d, "agency_state = TX\n[sharing]\npath = sharing.csv\n", NULL,
		"organization,outbound,inbound,kind\nAustin PD (TX),yes,no,hotlists\nOld PD [Inactive],yes,yes,\n");
	assert_not_drawn(&d, "sharing-recipients",
			 "no active organization receives or sends detections in the sharing table");
	drawn_free(&d);
}

/* ---------------- the retention chart, from tables built by hand ---------------- */
/* The retention chart over table t, in a study with retention_days 60 and min_cell. */
typedef struct handmade {
	run s;
	ae_handover h;
	ae_outdir *od;
	ae_chartset cs;
	ae_chartctx c;
	ae_error err;
	char target[160];
} handmade;

static void handmade_draw(handmade *m, ae_table *t, long min_cell)
{
	memset(m, 0, sizeof *m);
	char extra[128];
	snprintf(extra, sizeof extra, "retention_days = 60\nmin_cell = %ld\n", min_cell);
	run_small(&m->s, extra, "timestamp,camera_id,plate\n2025-06-01T08:00:00Z,C1,P1\n", NULL, NULL, NULL, NULL);
	if (m->s.rc)
		fail_msg("%s", m->s.err.msg);
	m->h = *m->s.h;
	m->h.t = t;
	snprintf(m->target, sizeof m->target, "/tmp/ae-retcharts-%ld", (long)getpid());
	rm_tree(m->target);
	if (ae_outdir_begin(&m->od, m->target, &m->err))
		fail_msg("%s", m->err.msg);
	m->c = (ae_chartctx){.h = &m->h, .od = m->od, .gnuplot = "gnuplot", .out = &m->cs, .err = &m->err};
	ae_buf_init(&m->c.missing);
	int rc = ae_retention_charts(&m->c);
	rc = ae_chart_wait_all(&m->c, rc);
	if (rc)
		fail_msg("%s", m->err.msg);
	m->cs.missing = ae_strdup(m->c.missing.data ? m->c.missing.data : "");
	ae_buf_release(&m->c.missing);
}

static void handmade_free(handmade *m)
{
	ae_chartset_release(&m->cs);
	ae_outdir_free(m->od);
	run_free(&m->s);
}

static void held_rows(ae_table *t, const char *days, double reads, double vehicles, double never, int suppressed)
{
	ae_row *r = ae_table_add(t, "reads_held_at_end", "days", days, "none");
	r->est = reads;
	r = ae_table_add(t, "vehicles_held_at_end", "days", days, suppressed ? "suppressed" : "none");
	if (!suppressed) {
		r->est = vehicles;
		r->num = never;
		r->den = vehicles;
	}
}

static void test_retention_chart(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	held_rows(&t, "1", 1200, 3, 0, 1); /* 3 vehicles under min_cell 5: held back */
	held_rows(&t, "7", 8000, 900, 850, 0);
	held_rows(&t, "30", 30000, 3000, 2700, 0);
	held_rows(&t, "60", 60000, 5000, 4400, 0);
	held_rows(&t, "90", 88000, 6400, 5568, 0);
	held_rows(&t, "365", 120000, 8000, 6800, 0);
	handmade m;
	handmade_draw(&m, &t, 5);
	assert_int_equal(m.cs.n, 1);
	assert_string_equal(m.cs.charts[0].name, "retention-held");
	drawn d = {.od = m.od, .cs = m.cs};
	const char *const lines[] = {"\"1 day\" 1 1200 NaN NaN NaN \"\"\n",
				     "\"7 days\" 7 8000 900 850 94.44444444 \"94.4% never alerted\"\n",
				     "\"30 days\" 30 30000 3000 2700 90 \"90.0% never alerted\"\n",
				     "\"policy (60 days)\" 60 60000 5000 4400 88 \"88.0% never alerted\"\n",
				     "\"90 days\" 90 88000 6400 5568 87 \"87.0% never alerted\"\n",
				     "\"365 days\" 365 120000 8000 6800 85 \"85.0% never alerted\"\n",
				     NULL};
	assert_drawn(&d, "retention-held", lines);
	const char *cap = m.cs.charts[0].caption;
	assert_non_null(strstr(cap, "Not drawn, held back as small counts (min_cell 5): vehicles at 1 day."));
	assert_non_null(strstr(cap, "policy is 60 days"));
	handmade_free(&m);
	ae_table_release(&t);
}

static void test_retention_not_drawn(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	handmade m;
	handmade_draw(&m, &t, 0);
	assert_int_equal(m.cs.n, 0);
	assert_non_null(strstr(m.cs.missing,
			       "retention-held: no reads_held_at_end or vehicles_held_at_end rows in metrics.csv"));
	handmade_free(&m);
	held_rows(&t, "7", 0, 0, 0, 0);
	held_rows(&t, "30", 0, 0, 0, 0);
	handmade_draw(&m, &t, 0);
	assert_int_equal(m.cs.n, 0);
	assert_non_null(strstr(m.cs.missing, "retention-held: no read would be held at the period's end"));
	handmade_free(&m);
	ae_table_release(&t);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_charts),
		cmocka_unit_test(test_sharing_chart),
		cmocka_unit_test(test_no_window_no_lookback),
		cmocka_unit_test(test_no_search_nothing_drawn),
		cmocka_unit_test(test_sharing_without_recipients),
		cmocka_unit_test(test_retention_chart),
		cmocka_unit_test(test_retention_not_drawn),
	};
	return cmocka_run_group_tests_name("gov_charts", tests, NULL, NULL);
}
