/* test_exposure.c — every Exposure metric on a study small enough to work
 * out by hand; the arithmetic is written next to each expected value.
 *
 * Period 2025-06-01..04 (D = 4 days), UTC. Areas (neighborhoods table):
 *   A: population 1000, 2 km2, 500 vmt/day, pop_x 600, pop_y 400
 *   B: population 3000, 3 km2, 1000 vmt/day, pop_x 600, pop_y 2400
 *   C: population 500, 1 km2, 100 vmt/day, pop_x 0, pop_y 500 — no reads
 * Reads per day: A 2,0,2,0 (Y_A = 4); B 1,1,1,1 (Y_B = 4); 2 reads in Z,
 * which is not in the table (unassigned). R = 10, Y = 8, P = 4500.
 * Vehicles: P1 read at C1, C2, C3; P2 read once; P3 read 6 times at C1. */
#include "testutil.h"
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

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates_and_quasi_poisson),
		cmocka_unit_test(test_ratios_groups_gini),
		cmocka_unit_test(test_bootstrap_collapses_without_daily_spread),
		cmocka_unit_test(test_polygon_and_camera_assignment),
	};
	return cmocka_run_group_tests_name("exposure", tests, NULL, NULL);
}
