/* test_exposure.c — every Exposure metric on a study small enough to work
 * out by hand; the arithmetic is written next to each expected value.
 *
 * Period 2025-06-01..04 (D = 4 days), UTC. Areas (neighborhoods table):
 *   A: population 1000, 2 km2, 500 vmt/day, pop_x 600, pop_y 400
 *   B: population 3000, 3 km2, 1000 vmt/day, pop_x 600, pop_y 2400
 *   C: population 500, 1 km2, 100 vmt/day, pop_x 0, pop_y 500 — no reads
 * Reads per day: A 2,0,2,0 (Y_A = 4); B 1,1,1,1 (Y_B = 4); 2 reads in Z,
 * which is not in the table (unassigned). R = 10, Y = 8, P = 4500.
 * Vehicles: P1 read at C1, C2, C3; P2 read once; P3 read 6 times at C1.
 * The tracking rows (reads-per-vehicle bins, quantiles) are worked out on
 * it too, and a written briefing of it (with alerts, outcomes, a cost in
 * euros and a retention policy) is read back: the Areas and Alerts
 * sections' figures against their rows, the summary's wording. */
#include "testutil.h"
#include "brief_read.h"
#include "hashtab.h"
#include <gsl/gsl_errno.h>

#define Z95 1.959963984540054 /* qnorm(0.975) in R */

static const char *const HEAD = "[study]\nstart = 2025-06-01\nend = 2025-06-04\ntimezone = UTC\nseed = 11\n"
				"bootstrap_replicates = 200\n";

static const char *const READS =
	"timestamp,camera_id,plate,neighborhood\n"
	"2025-06-01T08:00:00Z,C1,P1,A\n"
	"2025-06-01T09:00:00Z,C2,P1,A\n"
	"2025-06-01T10:00:00Z,C1,P3,B\n"
	"2025-06-02T10:00:00Z,C1,P3,B\n"
	"2025-06-03T08:00:00Z,C3,P1,A\n"
	"2025-06-03T09:00:00Z,C1,P2,A\n"
	"2025-06-03T10:00:00Z,C1,P3,B\n"
	"2025-06-04T10:00:00Z,C1,P3,B\n"
	"2025-06-04T11:00:00Z,C1,P3,Z\n"
	"2025-06-04T12:00:00Z,C1,P3,Z\n";

static const char *const HOODS =
	"neighborhood,population,area_km2,daily_vmt,pop_x,pop_y\n"
	"A,1000,2,500,600,400\n"
	"B,3000,3,1000,600,2400\n"
	"C,500,1,100,0,500\n";

static const ae_row *get(const ae_table *t, const char *m, const char *d, const char *g)
{
	const ae_row *r = ae_table_find(t, m, d, g, NULL);
	if (!r)
		fail_msg("no row %s,%s,%s", m, d, g);
	return r;
}

/* The study run to its metrics table. */
static const ae_table *build(run *s)
{
	run_small(s, HEAD, READS, NULL, NULL, NULL, HOODS);
	if (s->rc)
		fail_msg("%s", s->err.msg);
	return s->t;
}

static void test_rates_and_quasi_poisson(void **state)
{
	(void)state;
	run s;
	const ae_table *t = build(&s);
	/* all: 8 / 4500 * 1000. Daily listed totals 3,1,3,1: mean 2, sum sq dev 4,
	 * phi = max(1, 4/2/3) = 1, so Y -/+ z sqrt(8). */
	const ae_row *r = get(t, "reads_per_1k_residents", "all", "all");
	assert_close(r->est, 8.0 / 4500 * 1000, 1e-12);
	assert_close(r->lo, (8 - Z95 * sqrt(8)) / 4500 * 1000, 1e-9);
	assert_close(r->hi, (8 + Z95 * sqrt(8)) / 4500 * 1000, 1e-9);
	assert_string_equal(r->method, "quasi_poisson_days");
	/* A: days 2,0,2,0: mean 1, sum sq dev 4, phi = 4/1/3 = 4/3; lower floored at 0. */
	r = get(t, "reads_per_1k_residents", "neighborhood", "A");
	assert_close(r->est, 4.0, 1e-12);
	assert_close(r->lo, 0, 0);
	assert_close(r->hi, 4 + Z95 * sqrt(4.0 / 3 * 4), 1e-9);
	/* B: days 1,1,1,1: no spread, phi = 1: 4 -/+ 2z, per 3000 residents. */
	r = get(t, "reads_per_1k_residents", "neighborhood", "B");
	assert_close(r->est, 4.0 / 3, 1e-12);
	assert_close(r->lo, (4 - 2 * Z95) / 3, 1e-9);
	assert_close(r->hi, (4 + 2 * Z95) / 3, 1e-9);
	/* C: no reads at all, but a row (every area of the table); its upper
	 * bound is the exact Poisson one for a count of 0 (3.688879454 at 95 %)
	 * over its 500 residents, never a zero-width interval. */
	r = get(t, "reads_per_1k_residents", "neighborhood", "C");
	assert_close(r->est, 0, 0);
	assert_close(r->lo, 0, 0);
	assert_close(r->hi, 3.688879454 / 500 * 1000, 1e-9);
	assert_close(get(t, "reads_per_km2", "neighborhood", "A")->est, 2.0, 1e-12);     /* 4 / 2 */
	assert_close(get(t, "reads_per_km2", "neighborhood", "B")->est, 4.0 / 3, 1e-12); /* 4 / 3 */
	assert_close(get(t, "reads_per_100_vmt", "neighborhood", "A")->est, 0.2, 1e-12); /* 4/(500*4)*100 */
	assert_close(get(t, "reads_per_100_vmt", "neighborhood", "B")->est, 0.1, 1e-12); /* 4/(1000*4)*100 */
	assert_close(get(t, "reads_per_100_vmt", "neighborhood", "B")->den, 4000, 0);
	/* unassigned: the 2 reads in Z, out of 10 */
	r = get(t, "unassigned_reads", "all", "all");
	assert_close(r->est, 2, 0);
	assert_close(r->den, 10, 0);
	run_free(&s);
}

static void test_ratios_groups_gini(void **state)
{
	(void)state;
	run s;
	const ae_table *t = build(&s);
	/* exposure ratio: (Y_n / Y) / (pop_n / P) */
	assert_close(get(t, "exposure_ratio", "neighborhood", "A")->est, (4.0 / 8) / (1000.0 / 4500), 1e-12); /* 2.25 */
	assert_close(get(t, "exposure_ratio", "neighborhood", "B")->est, (4.0 / 8) / (3000.0 / 4500), 1e-12); /* 0.75 */
	assert_close(get(t, "exposure_ratio", "neighborhood", "C")->est, 0, 0);
	/* group x: (600*4 + 600*4/3 + 0*0) / 1200 = 8/3; y: (400*4 + 2400*4/3 + 500*0) / 3300 = 16/11 */
	assert_close(get(t, "group_exposure", "group", "x")->est, 8.0 / 3, 1e-12);
	assert_close(get(t, "group_exposure", "group", "y")->est, 16.0 / 11, 1e-12);
	/* disparity: over 8/4500*1000 = 16/9: x 1.5, y (16/11)/(16/9) = 9/11 */
	assert_close(get(t, "disparity_ratio", "group", "x")->est, 1.5, 1e-12);
	assert_close(get(t, "disparity_ratio", "group", "y")->est, 9.0 / 11, 1e-12);
	/* Gini: x = 0.004, 0.004/3, 0 with weights 1000, 3000, 500:
	 * sum_ij p_i p_j |x_i - x_j| = 2 (1000*3000*0.008/3 + 1000*500*0.004 + 3000*500*0.004/3) = 24000;
	 * G = 24000 / (2 * 4500^2 * 8/4500) = 1/3 */
	assert_close(get(t, "gini_reads_per_capita", "all", "all")->est, 1.0 / 3, 1e-12);
	/* vehicles: P1 at 3 cameras (tracked), P2 once, P3 at 1 camera: 1/3 and 1/3 */
	const ae_row *r = get(t, "tracked_plates_share", "all", "all");
	assert_close(r->num, 1, 0);
	assert_close(r->den, 3, 0);
	r = get(t, "plates_seen_once_share", "all", "all");
	assert_close(r->num, 1, 0);
	assert_close(r->den, 3, 0);
	/* bootstrap rows: the interval brackets something sensible and the method is named */
	r = get(t, "disparity_ratio", "group", "x");
	assert_string_equal(r->method, "bootstrap_days");
	assert_double_cmp(r->lo, <=, r->hi);
	run_free(&s);
}

static void test_bootstrap_collapses_without_daily_spread(void **state)
{
	(void)state;
	/* Every day identical: every resample is the data, so the percentile
	 * interval is the estimate itself. */
	static const char *const reads =
		"timestamp,camera_id,plate,neighborhood\n"
		"2025-06-01T08:00:00Z,C1,P1,A\n2025-06-01T09:00:00Z,C1,P2,B\n2025-06-01T10:00:00Z,C1,P3,B\n"
		"2025-06-02T08:00:00Z,C1,P1,A\n2025-06-02T09:00:00Z,C1,P2,B\n2025-06-02T10:00:00Z,C1,P3,B\n"
		"2025-06-03T08:00:00Z,C1,P1,A\n2025-06-03T09:00:00Z,C1,P2,B\n2025-06-03T10:00:00Z,C1,P3,B\n"
		"2025-06-04T08:00:00Z,C1,P1,A\n2025-06-04T09:00:00Z,C1,P2,B\n2025-06-04T10:00:00Z,C1,P3,B\n";
	run s;
	run_small(&s, HEAD, reads, NULL, NULL, NULL, HOODS);
	assert_int_equal(s.rc, AE_OK);
	const ae_table *t = s.t;
	static const char *const m[][3] = {{"exposure_ratio", "neighborhood", "A"},
					   {"group_exposure", "group", "y"},
					   {"disparity_ratio", "group", "x"},
					   {"gini_reads_per_capita", "all", "all"}};
	for (int i = 0; i < 4; i++) {
		const ae_row *r = get(t, m[i][0], m[i][1], m[i][2]);
		assert_close(r->lo, r->est, 1e-12);
		assert_close(r->hi, r->est, 1e-12);
	}
	run_free(&s);
}

static void test_polygon_and_camera_assignment(void **state)
{
	(void)state;
	/* Boundaries: A = [0,1]x[0,1], B = [1,2]x[0,1]. Reads: own column wins over
	 * the point; a point finds its polygon; no point: the camera's area (C2 from
	 * the cameras table, C3 from its own coordinates); nothing: unknown. */
	run s;
	char extra[1024];
	snprintf(extra, sizeof extra, "%s[neighborhoods]\npath = neighborhoods.csv\nboundaries = b.geojson\n", HEAD);
	static const char *const reads =
		"timestamp,camera_id,plate,neighborhood,lat,lon\n"
		"2025-06-01T08:00:00Z,C1,P1,B,0.5,0.5\n" /* own column: B */
		"2025-06-01T08:00:01Z,C1,P2,,0.5,1.5\n"  /* polygon: B */
		"2025-06-01T08:00:02Z,C2,P3,,,\n"        /* camera table: A */
		"2025-06-01T08:00:03Z,C3,P4,,,\n"        /* camera point: B */
		"2025-06-01T08:00:04Z,C4,P5,,,\n"        /* nothing: unknown */
		"2025-06-01T08:00:05Z,C1,P6,,5,5\n";     /* point outside: camera C1 has none: unknown */
	static const char *const cams = "camera_id,neighborhood,lat,lon\nC1,,,\nC2,A,,\nC3,,0.5,1.25\nC4,,,\n";
	run_small(&s, extra, reads, NULL, NULL, cams, HOODS);
	/* b.geojson does not exist yet: the run fails cleanly with an I/O error naming it */
	assert_int_equal(s.rc, AE_EIO);
	assert_non_null(strstr(s.err.msg, "b.geojson"));
	char path[128];
	snprintf(path, sizeof path, "%s/b.geojson", s.dir);
	write_file(path,
		   "{\"type\":\"FeatureCollection\",\"features\":["
		   "{\"type\":\"Feature\",\"properties\":{\"neighborhood\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
		   "\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},"
		   "{\"type\":\"Feature\",\"properties\":{\"neighborhood\":\"B\"},\"geometry\":{\"type\":\"Polygon\","
		   "\"coordinates\":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]}");
	/* the same study again, from scratch */
	if (run_go(&s))
		fail_msg("%s", s.err.msg);
	uint32_t A = ae_strtab_find(s.a->hoods, "A", 1), B = ae_strtab_find(s.a->hoods, "B", 1);
	assert_int_equal(s.a->hood[A].reads, 1);
	assert_int_equal(s.a->hood[B].reads, 3);
	assert_int_equal(s.a->hood[s.a->unknown_hood].reads, 2);
	assert_int_equal(s.a->unassigned, 2);
	run_free(&s);
}

/* The tracking rows on the same study: P1 read 3 times, P2 once, P3 6 times
 * (2 of them in Z: every read counts). R = 10, V = 3. */
static void test_tracking_rows_by_hand(void **state)
{
	(void)state;
	run s;
	const ae_table *t = build(&s);
	static const char *const bins[] = {"1", "2-4", "5-19", "20-99", "100+"};
	const double veh[] = {1, 1, 1, 0, 0}, rd[] = {1, 3, 6, 0, 0}; /* P2; P1; P3 */
	for (int k = 0; k < 5; k++) {
		const ae_row *r = ae_table_find(t, "reads_per_vehicle_share", "reads_per_vehicle", bins[k], "wilson");
		assert_non_null(r);
		assert_close(r->num, veh[k], 0);
		assert_close(r->den, 3, 0);
		assert_close(r->est, veh[k] / 3, 1e-12);
		r = ae_table_find(t, "reads_per_vehicle_read_share", "reads_per_vehicle", bins[k], "none");
		assert_non_null(r);
		assert_close(r->num, rd[k], 0);
		assert_close(r->den, 10, 0);
		assert_close(r->est, rd[k] / 10, 1e-12);
		assert_true(isnan(r->lo) && isnan(r->hi));
	}
	/* none read 20 times: 0 of 3, Wilson's upper end z^2 / (3 + z^2) */
	const ae_row *r = get(t, "vehicles_read_20_plus_share", "all", "all");
	assert_close(r->num, 0, 0);
	assert_close(r->den, 3, 0);
	assert_close(r->hi, Z95 * Z95 / (3 + Z95 * Z95), 1e-9);
	/* type 7 over 1, 3, 6: p50 = 3; p90 h = 1.8: 3 + 0.8 x 3 = 5.4; p99 h = 1.98: 3 + 0.98 x 3 = 5.94 */
	assert_close(get(t, "reads_per_vehicle", "quantile", "p50")->est, 3, 1e-12);
	assert_close(get(t, "reads_per_vehicle", "quantile", "p90")->est, 5.4, 1e-12);
	assert_close(get(t, "reads_per_vehicle", "quantile", "p99")->est, 5.94, 1e-12);
	assert_true(isnan(get(t, "reads_per_vehicle", "quantile", "p99")->den));
	assert_null(ae_table_find(t, "reads_per_vehicle", "quantile", "max", NULL));
	run_free(&s);

	/* each quantile's lower order statistic is 3, and 2 vehicles were read 3 times or more:
	 * shown at min_cell 2, suppressed at 3 */
	for (int mc = 2; mc <= 3; mc++) {
		char head[256];
		snprintf(head, sizeof head, "%smin_cell = %d\n", HEAD, mc);
		run_small(&s, head, READS, NULL, NULL, NULL, HOODS);
		assert_int_equal(s.rc, AE_OK);
		static const char *const q[] = {"p50", "p90", "p99"};
		for (int k = 0; k < 3; k++) {
			r = get(s.t, "reads_per_vehicle", "quantile", q[k]);
			assert_int_equal(strcmp(r->method, "suppressed") == 0, mc == 3);
			assert_int_equal(isnan(r->est), mc == 3);
		}
		run_free(&s);
	}
}

/* A written briefing on a small study with alerts, outcomes, a cost in
 * euros and a 2-day retention policy: the Areas and Alerts sections' every
 * figure is its cited row, the new rows are all cited, and the summary's
 * wording is the honest one. */
static char *section(const char *html, const char *id)
{
	char head[64];
	snprintf(head, sizeof head, "<section id=\"%s\"", id);
	const char *a = strstr(html, head);
	if (!a)
		fail_msg("no section %s", id);
	const char *b = strstr(a, "</section>");
	return ae_strndup(a, (size_t)(b - a));
}

static void test_briefing_tracking_and_wording(void **state)
{
	(void)state;
	static const char *const reads =
		"read_id,timestamp,camera_id,plate,neighborhood\n"
		"R1,2025-06-01T08:00:00Z,C1,P1,A\nR2,2025-06-01T09:00:00Z,C2,P1,A\nR3,2025-06-01T10:00:00Z,C1,P3,B\n"
		"R4,2025-06-02T10:00:00Z,C1,P3,B\nR5,2025-06-03T08:00:00Z,C3,P1,A\nR6,2025-06-03T09:00:00Z,C1,P2,A\n"
		"R7,2025-06-03T10:00:00Z,C1,P3,B\nR8,2025-06-04T10:00:00Z,C1,P3,B\nR9,2025-06-04T11:00:00Z,C1,P3,Z\n"
		"R10,2025-06-04T12:00:00Z,C1,P3,Z\n";
	static const char *const hits = "hit_id,read_id,hotlist,disposition\nH1,R3,stolen_vehicle,confirmed\n"
					"H2,R4,stolen_vehicle,confirmed\nH3,R6,registration,misread\n";
	static const char *const outcomes = "outcome_id,hit_id,type\nO1,H1,arrest\nO2,H2,citation\n";
	char head[512];
	snprintf(head, sizeof head, "%scost = 900\ncurrency = euros\nretention_days = 2\n", HEAD);
	run s;
	study_write(&s, head, reads, hits, outcomes, NULL, HOODS);
	char out[128];
	snprintf(out, sizeof out, "%s/out", s.dir);
	s.o.output = out;
	if (run_go(&s))
		fail_msg("%s", s.err.msg);
	char note[256];
	ae_error err = {0, ""};
	assert_int_equal(ae_run_write(s.run, note, sizeof note, &err), AE_OK);
	char path[256];
	snprintf(path, sizeof path, "%s/report.html", out);
	char *html = slurp_file(path, NULL);
	assert_non_null(html);

	/* every figure of the two sections: the cited row, its estimate as printed */
	static const char *const ids[] = {"areas", "alerts"};
	ae_buf cites;
	ae_buf_init(&cites);
	for (int i = 0; i < 2; i++) {
		char *sec = section(html, ids[i]);
		brief_fig fg;
		for (const char *p = sec; brief_next_fig(p, &fg); p = fg.end) {
			const ae_row *r = &s.t->rows[fg.line - 2];
			if (strcmp(r->metric, fg.m) || strcmp(r->dimension, fg.d) || strcmp(r->group, fg.g) ||
			    strcmp(r->method, fg.meth))
				fail_msg("line %zu is not %s, %s, %s, %s", fg.line, fg.m, fg.d, fg.g, fg.meth);
			ae_buf_printf(&cites, "%s,%s,%s\n", fg.m, fg.d, fg.g);
			tok t[8];
			int n = numbers(fg.text, t, 8);
			if (strcmp(r->method, "suppressed") == 0 || isnan(r->est)) {
				assert_true(strstr(fg.text, "not shown") || strstr(fg.text, "not defined"));
			} else {
				assert_true(n >= 1);
				near(t[0], r->est * (strncmp(t[0].end, " %", 2) == 0 ? 100 : 1), "estimate", fg.line);
			}
			free(fg.text);
		}
		free(sec);
	}
	ae_buf_addc(&cites, '\0');
	static const char *const must[] = {
		"vehicles_read_20_plus_share,all,all",
		"plates_seen_once_share,all,all",
		"reads_per_vehicle_share,reads_per_vehicle,1",
		"reads_per_vehicle_share,reads_per_vehicle,100+",
		"reads_per_vehicle_read_share,reads_per_vehicle,5-19",
		"reads_per_vehicle,quantile,p50",
		"reads_per_vehicle,quantile,p99",
		"reads_held_at_end,days,2",
		"vehicles_held_at_end,days,2",
		"reads_per_100_vmt,neighborhood,A",
		"disparity_ratio,group,x",
		"alert_share,hotlist,stolen_vehicle",
		"alert_share,hotlist,registration",
	};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		if (!strstr(cites.data, must[i]))
			fail_msg("the Areas and Alerts sections do not cite %s", must[i]);
	/* alerts: 2 of 3 stolen_vehicle, listed before registration */
	char *al = section(html, "alerts");
	assert_true(strstr(al, ">66.67 %</span>") && strstr(al, ">33.33 %</span>"));
	const char *tab = strstr(al, "<table");
	assert_non_null(tab);
	assert_true(strstr(tab, "stolen vehicle") < strstr(tab, "registration"));
	free(al);
	/* A 0.2 and B 0.1 reads per 100 vehicle-miles (4 / (500 x 4) x 100, 4 / (1000 x 4) x 100);
	 * C has no reads and is small */
	char *ar = section(html, "areas");
	assert_non_null(strstr(ar, "a vehicle-mile driven in A is read about 2.0 times as often as one in B."));
	/* on the 4th, a 2-day policy holds the reads of the 3rd and 4th: R5-R10, 6 reads of P1, P2, P3 */
	assert_non_null(strstr(ar, "about 2.0 reads per vehicle"));
	free(ar);
	/* the summary: disparity as places, two significant figures, no interval, capitalised */
	char *sum = section(html, "summary");
	assert_non_null(strstr(sum, "about places, not people"));
	const char *x = strstr(sum, "X <span class=\"fig\" data-line=\"");
	assert_non_null(x);
	brief_fig fg;
	assert_true(brief_next_fig(x, &fg));
	assert_string_equal(fg.text, "1.5"); /* 1.5 exactly (test_ratios_groups_gini) */
	assert_string_equal(fg.m, "disparity_ratio");
	assert_string_equal(fg.g, "x");
	free(fg.text);
	assert_null(strstr(sum, "x <span class=\"fig\""));
	assert_non_null(strstr(sum, "The share of reads that raised no alert is "));
	assert_null(strstr(sum, "no hotlist"));
	/* outcomes: the enforcement ones (arrest) apart from the others (citation) */
	const char *enf = strstr(sum, "Recorded enforcement outcomes"),
		   *oth = strstr(sum, "Other recorded outcomes: citation");
	assert_true(enf && oth && enf < strstr(sum, "arrest <span") && strstr(sum, "arrest <span") < oth);
	assert_non_null(strstr(sum, "The programme cost per arrest, in euros, is "));
	assert_non_null(strstr(sum, "it is not the price of an arrest"));
	free(sum);
	free(html);
	ae_buf_release(&cites);
	run_free(&s);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates_and_quasi_poisson),
		cmocka_unit_test(test_ratios_groups_gini),
		cmocka_unit_test(test_bootstrap_collapses_without_daily_spread),
		cmocka_unit_test(test_polygon_and_camera_assignment),
		cmocka_unit_test(test_tracking_rows_by_hand),
		cmocka_unit_test(test_briefing_tracking_and_wording),
	};
	return cmocka_run_group_tests_name("exposure", tests, NULL, NULL);
}
