/* test_suppress.c — the small-count rule (src/suppress.c, doc/metrics.md
 * section 6).
 * - On hand-made tables: counts of vehicles or outcomes in (0, min_cell)
 *   suppressed with every row that carries them (whatever its method); a
 *   share of fewer than min_cell alerts suppressed even at 0; a cell that
 *   the others and a published total would give back hidden together with
 *   the next-smallest one; cells pinned to 1 by their neighbours' lower
 *   bounds protected too; a cell pinned by a count of reads given up and
 *   counted, not papered over with more suppression.
 * - On whole runs: no published count of vehicles or outcomes in
 *   (0, min_cell) in the sample city, the other agency's export and the
 *   hand-made tiny-suppress studies; manifest.json drops distinct_vehicles
 *   with its row; and tests/reference/recover_suppressed.py, reading only
 *   what a report publishes, recovers no suppressed cell of any of them. */
#include "testutil.h"
#include "manifest.h"
#include "suppress.h"
#include "table.h"
#include <jansson.h>

static ae_row *add(ae_table *t, const char *metric, const char *dim, const char *group, const char *method, double est,
		   double num, double den)
{
	ae_row *r = ae_table_add(t, ae_metric_find(metric)->name, dim, group, method);
	r->est = est;
	r->num = num;
	r->den = den;
	if (!isnan(est) && strcmp(method, "none") != 0) {
		r->lo = est / 2;
		r->hi = est * 2;
	}
	return r;
}

/* A share row x of n with a plain estimate. */
static void share(ae_table *t, const char *metric, const char *dim, const char *group, double x, double n)
{
	add(t, metric, dim, group, "wilson", n > 0 ? x / n : NAN, x, n);
}

static int suppressed(const ae_table *t, const char *metric, const char *dim, const char *group, const char *method)
{
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		if (strcmp(r->metric, metric) || strcmp(r->dimension, dim) || strcmp(r->group, group))
			continue;
		if (method && strcmp(r->method, method) && strcmp(r->method, "suppressed"))
			continue;
		if (strcmp(r->method, "suppressed") == 0) {
			if (!isnan(r->est) || !isnan(r->lo) || !isnan(r->hi) || !isnan(r->num) || !isnan(r->den))
				fail_msg("%s,%s,%s suppressed with a number left", metric, dim, group);
			return 1;
		}
		return 0;
	}
	fail_msg("no row %s,%s,%s", metric, dim, group);
	return -1;
}

static ae_suppress_opts opts(long min_cell, double outcomes_total)
{
	ae_suppress_opts o = {min_cell, outcomes_total, 3u /* arrest, vehicle_recovered */, 3};
	return o;
}

/* Alerts with an outcome by hotlist, over 20 alerts each, with the `all` row. */
static void yields(ae_table *t, const char *metric, const double *x, int n)
{
	static const char *const hl[] = {"stolen_vehicle", "stolen_plate", "wanted_person", "registration", "manual"};
	double all = 0;
	for (int i = 0; i < n; i++)
		all += x[i];
	share(t, metric, "all", "all", all, 20.0 * n);
	for (int i = 0; i < n; i++)
		share(t, metric, "hotlist", hl[i], x[i], 20);
}

static void test_off_changes_nothing(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	const double x[] = {20, 3, 8, 12};
	yields(&t, "outcome_yield", x, 4);
	ae_suppress_opts o = opts(0, NAN);
	ae_suppress_result res;
	ae_suppress_table(&t, &o, &res);
	assert_int_equal(res.rows, 0);
	for (size_t i = 0; i < t.n; i++)
		assert_string_equal(t.rows[i].method, "wilson");
	ae_table_release(&t);
}

static void test_small_numerator_hides_every_row_of_its_group(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	const double x[] = {20, 3, 0, 12, 9};
	yields(&t, "outcome_yield", x, 5);
	/* a second method on the same group: the numerator shows there too */
	add(&t, "outcome_yield", "hotlist", "stolen_plate", "cluster_plate", 0.15, 3, 20);
	add(&t, "hits", "hotlist", "stolen_plate", "none", 20, NAN, NAN);
	ae_suppress_opts o = opts(5, NAN);
	ae_suppress_result res;
	ae_suppress_table(&t, &o, &res);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "stolen_plate", "wilson"), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "stolen_plate", "cluster_plate"), 1);
	/* 0 of 20 is published; the count of alerts is not one of vehicles or outcomes */
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "wanted_person", NULL), 0);
	assert_int_equal(suppressed(&t, "hits", "hotlist", "stolen_plate", NULL), 0);
	/* 3 alone would be all minus the rest: the smallest other (9) goes too, the total stays */
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "manual", NULL), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "registration", NULL), 0);
	assert_int_equal(suppressed(&t, "outcome_yield", "all", "all", NULL), 0);
	assert_int_equal(res.rows, 3);
	assert_int_equal(res.exposed, 0);
	ae_table_release(&t);
}

static void test_share_of_few_alerts_hidden_even_at_zero(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	share(&t, "outcome_yield", "all", "all", 31, 45);
	share(&t, "outcome_yield", "hotlist", "stolen_vehicle", 30, 40);
	share(&t, "outcome_yield", "hotlist", "missing_person", 1, 1); /* 1 of 1 */
	share(&t, "outcome_yield", "hotlist", "amber_alert", 0, 3);    /* 0 of 3 */
	share(&t, "outcome_yield", "hotlist", "manual", 0, 0);         /* 0 of 0: nothing to hide */
	ae_suppress_opts o = opts(5, NAN);
	ae_suppress_table(&t, &o, NULL);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "missing_person", NULL), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "amber_alert", NULL), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "manual", NULL), 0);
	/* the two hidden ones could be 1 + 0 or 0 + 1: not pinned, nothing more hidden */
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "stolen_vehicle", NULL), 0);
	assert_int_equal(suppressed(&t, "outcome_yield", "all", "all", NULL), 0);
	ae_table_release(&t);
}

/* Outcomes of a type and the three rows made from the count; linked counts. */
static void outcome_type(ae_table *t, const char *type, double u, double linked)
{
	add(t, "outcomes", "outcome", type, "none", u, NAN, NAN);
	add(t, "outcomes_linked", "outcome", type, "none", linked, NAN, NAN);
	add(t, "outcomes_per_million_reads", "outcome", type, "poisson_exact", u / 1000 * 1e6, u, 1000);
	add(t, "reads_per_outcome", "outcome", type, "poisson_exact", 1000 / u, 1000, u);
	add(t, "cost_per_outcome", "outcome", type, "poisson_exact", 5000 / u, 5000, u);
}

static void test_outcome_types_against_the_accepted_count(void **state)
{
	(void)state;
	static const char *const rows[] = {"outcomes", "outcomes_per_million_reads", "reads_per_outcome",
					   "cost_per_outcome"};
	for (int published = 0; published < 2; published++) {
		ae_table t;
		ae_table_init(&t);
		outcome_type(&t, "arrest", 30, 28);
		outcome_type(&t, "citation", 15, 12);
		outcome_type(&t, "warning", 2, 0);
		ae_suppress_opts o = opts(5, published ? 47 : NAN);
		ae_suppress_table(&t, &o, NULL);
		for (int m = 0; m < 4; m++) {
			assert_int_equal(suppressed(&t, rows[m], "outcome", "warning", NULL), 1);
			/* 47 - 30 - 15 = 2: with the total published, citation goes too */
			assert_int_equal(suppressed(&t, rows[m], "outcome", "citation", NULL), published);
			assert_int_equal(suppressed(&t, rows[m], "outcome", "arrest", NULL), 0);
		}
		/* a type's linked count goes with its outcomes count, even at 0 */
		assert_int_equal(suppressed(&t, "outcomes_linked", "outcome", "warning", NULL), 1);
		assert_int_equal(suppressed(&t, "outcomes_linked", "outcome", "citation", NULL), published);
		assert_int_equal(suppressed(&t, "outcomes_linked", "outcome", "arrest", NULL), 0);
		ae_table_release(&t);
	}
}

static void test_few_vehicles_take_the_vehicle_shares(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	add(&t, "reads", "all", "all", "none", 40, NAN, NAN);
	add(&t, "distinct_plates", "all", "all", "none", 4, NAN, NAN);
	share(&t, "tracked_plates_share", "all", "all", 0, 4);
	share(&t, "plates_seen_once_share", "all", "all", 1, 4);
	ae_suppress_opts o = opts(5, NAN);
	ae_suppress_table(&t, &o, NULL);
	/* each share's denominator is every vehicle: all three go, the reads stay */
	assert_int_equal(suppressed(&t, "distinct_plates", "all", "all", NULL), 1);
	assert_int_equal(suppressed(&t, "tracked_plates_share", "all", "all", NULL), 1);
	assert_int_equal(suppressed(&t, "plates_seen_once_share", "all", "all", NULL), 1);
	assert_int_equal(suppressed(&t, "reads", "all", "all", NULL), 0);
	ae_table_release(&t);
}

/* The reads-per-vehicle bins of 50 vehicles and 1,000 reads: 20 read once,
 * 15 two to four times (40 reads), 8 five to nineteen times (100), v3 twenty
 * to ninety-nine times (r3 reads), v4 a hundred times or more (r4). */
static void rpv_table(ae_table *t, double v3, double r3, double v4, double r4)
{
	static const char *const g[] = {"1", "2-4", "5-19", "20-99", "100+"};
	const double v[] = {20, 15, 8, v3, v4}, r[] = {20, 40, 100, r3, r4};
	double V = 0, R = 0;
	for (int k = 0; k < 5; k++) {
		V += v[k];
		R += r[k];
	}
	add(t, "reads", "all", "all", "none", R, NAN, NAN);
	add(t, "distinct_plates", "all", "all", "none", V, NAN, NAN);
	share(t, "plates_seen_once_share", "all", "all", v[0], V);
	share(t, "vehicles_read_20_plus_share", "all", "all", v[3] + v[4], V);
	for (int k = 0; k < 5; k++)
		share(t, "reads_per_vehicle_share", "reads_per_vehicle", g[k], v[k], V);
	for (int k = 0; k < 5; k++)
		add(t, "reads_per_vehicle_read_share", "reads_per_vehicle", g[k], "none", r[k] / R, r[k], R);
}

static void test_reads_per_vehicle_bins(void **state)
{
	(void)state;
	/* 4 and 3 vehicles in the top bins: both hidden with their reads; the
	 * 20+ count (7) and the reads of both (840) leave each at 1..6 */
	ae_table t;
	ae_table_init(&t);
	rpv_table(&t, 4, 240, 3, 600);
	ae_suppress_opts o = opts(5, NAN);
	ae_suppress_result res;
	ae_suppress_table(&t, &o, &res);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_share", "reads_per_vehicle", "20-99", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_share", "reads_per_vehicle", "100+", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "20-99", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "100+", NULL), 1);
	assert_int_equal(suppressed(&t, "vehicles_read_20_plus_share", "all", "all", NULL), 0);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_share", "reads_per_vehicle", "5-19", NULL), 0);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "1", NULL), 0);
	assert_int_equal(res.rows, 4);
	assert_int_equal(res.exposed, 0);
	ae_table_release(&t);

	/* one vehicle read 300 times: its bin is 1 = all - the other bins, and
	 * its reads all reads - the other bins' reads. The smallest other bin
	 * (5-19, 8 vehicles) would not do: the 20+ count (13) less bin 20-99
	 * would still give 1. Bin 20-99 (12) goes, with its reads: then the top
	 * bin is 1..5 (its reads, at least 100 each, and bin 20-99's, at least
	 * 20 each, share 660), and no other bin needs to go. */
	ae_table_init(&t);
	rpv_table(&t, 12, 360, 1, 300);
	ae_suppress_table(&t, &o, &res);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_share", "reads_per_vehicle", "100+", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "100+", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_share", "reads_per_vehicle", "20-99", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "20-99", NULL), 1);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "1", NULL), 0);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_share", "reads_per_vehicle", "5-19", NULL), 0);
	assert_int_equal(suppressed(&t, "reads_per_vehicle_read_share", "reads_per_vehicle", "5-19", NULL), 0);
	assert_int_equal(suppressed(&t, "vehicles_read_20_plus_share", "all", "all", NULL), 0);
	assert_int_equal(res.rows, 4);
	assert_int_equal(suppressed(&t, "distinct_plates", "all", "all", NULL), 0);
	assert_int_equal(res.exposed, 0);
	ae_table_release(&t);
}

static void test_cells_pinned_by_lower_bounds(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	/* min_cell 2: the two 1s are hidden, but each is at least 1 and they sum to all - 5 = 2 */
	const double x[] = {5, 1, 1};
	yields(&t, "outcome_yield", x, 3);
	ae_suppress_opts o = opts(2, NAN);
	ae_suppress_table(&t, &o, NULL);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "stolen_plate", NULL), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "wanted_person", NULL), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "hotlist", "stolen_vehicle", NULL), 1);
	assert_int_equal(suppressed(&t, "outcome_yield", "all", "all", NULL), 0);
	ae_table_release(&t);
}

static void test_pinned_by_reads_is_given_up_not_spread(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	add(&t, "reads", "all", "all", "none", 61, NAN, NAN);
	add(&t, "reads", "camera", "CAM-A", "none", 60, NAN, NAN);
	add(&t, "reads", "camera", "CAM-Z", "none", 1, NAN, NAN);
	add(&t, "distinct_plates", "all", "all", "none", 30, NAN, NAN);
	add(&t, "distinct_plates", "camera", "CAM-A", "none", 30, NAN, NAN);
	add(&t, "distinct_plates", "camera", "CAM-Z", "none", 1, NAN, NAN);
	ae_suppress_opts o = opts(5, NAN);
	ae_suppress_result res;
	ae_suppress_table(&t, &o, &res);
	/* one read is one vehicle: the reads row says so, and hiding more would not change that */
	assert_int_equal(suppressed(&t, "distinct_plates", "camera", "CAM-Z", NULL), 1);
	assert_int_equal(suppressed(&t, "distinct_plates", "camera", "CAM-A", NULL), 0);
	assert_int_equal(suppressed(&t, "distinct_plates", "all", "all", NULL), 0);
	assert_int_equal(res.rows, 1);
	assert_int_equal(res.exposed, 1);
	ae_table_release(&t);
}

static void test_second_pass_changes_nothing(void **state)
{
	(void)state;
	ae_table t;
	ae_table_init(&t);
	const double x[] = {20, 3, 0, 12, 9}, e[] = {10, 1, 0, 6, 2};
	yields(&t, "outcome_yield", x, 5);
	yields(&t, "enforcement_yield", e, 5);
	outcome_type(&t, "arrest", 30, 28);
	outcome_type(&t, "warning", 2, 0);
	ae_suppress_opts o = opts(5, 32);
	ae_suppress_result res;
	ae_suppress_table(&t, &o, &res);
	assert_true(res.rows > 0);
	ae_suppress_table(&t, &o, &res);
	assert_int_equal(res.rows, 0);
	ae_table_release(&t);
}

/* ---------------- whole runs ---------------- */
static const char *const studies[] = {"tests/data/tiny-suppress/study.ini", "tests/data/tiny-suppress/extra.ini",
				      "analysis/other-agency.ini", "analysis/sample-city.ini"};

/* The value a row publishes of a count of vehicles or outcomes, or NAN. */
static double count_of(const ae_row *r, int *which)
{
	static const struct {
		const char *metric;
		int part; /* 0 estimate, 1 numerator, 2 denominator */
	} counts[] = {{"distinct_plates", 0},
		      {"tracked_plates_share", 1},
		      {"tracked_plates_share", 2},
		      {"plates_seen_once_share", 1},
		      {"plates_seen_once_share", 2},
		      {"outcomes", 0},
		      {"outcomes_linked", 0},
		      {"outcomes_per_million_reads", 1},
		      {"reads_per_outcome", 2},
		      {"cost_per_outcome", 2},
		      {"outcome_yield", 1},
		      {"enforcement_yield", 1},
		      {"vehicles_read_20_plus_share", 1},
		      {"vehicles_read_20_plus_share", 2},
		      {"reads_per_vehicle_share", 1},
		      {"reads_per_vehicle_share", 2}};
	for (int k = *which; k < (int)(sizeof counts / sizeof counts[0]); k++)
		if (strcmp(r->metric, counts[k].metric) == 0) {
			*which = k + 1;
			return counts[k].part == 0 ? r->est : counts[k].part == 1 ? r->num : r->den;
		}
	*which = -1;
	return NAN;
}

static void test_no_published_count_under_min_cell(void **state)
{
	(void)state;
	for (size_t s = 0; s < sizeof studies / sizeof studies[0]; s++) {
		run r;
		run_study(&r, studies[s]);
		double m = (double)r.st->min_cell;
		assert_true(m > 0);
		size_t hidden = 0;
		for (size_t i = 0; i < r.t->n; i++) {
			const ae_row *x = &r.t->rows[i];
			hidden += strcmp(x->method, "suppressed") == 0;
			for (int k = 0; k >= 0;) {
				double v = count_of(x, &k);
				if (k >= 0 && v > 0 && v < m)
					fail_msg("%s: %s,%s,%s publishes %g, under min_cell %g", studies[s], x->metric,
						 x->dimension, x->group, v, m);
			}
		}
		assert_true(hidden > 0);
		run_free(&r);
	}
}

static void test_manifest_drops_distinct_vehicles_with_its_row(void **state)
{
	(void)state;
	const char *reads = "read_id,timestamp,camera_id,plate\n"
			    "R1,2025-06-02T08:00:00,CAM-A,AAA1\nR2,2025-06-02T09:00:00,CAM-A,AAA2\n"
			    "R3,2025-06-03T08:00:00,CAM-B,AAA2\nR4,2025-06-03T09:00:00,CAM-B,AAA3\n";
	for (int min_cell = 3; min_cell <= 5; min_cell += 2) {
		char extra[64];
		snprintf(extra, sizeof extra, "min_cell = %d\n", min_cell);
		run r;
		run_small(&r, extra, reads, NULL, NULL, NULL, NULL);
		assert_int_equal(r.rc, AE_OK);
		char path[128];
		snprintf(path, sizeof path, "%s/manifest.json", r.dir);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		assert_int_equal(ae_manifest_write(r.st, &r.acc, r.t, NULL, f), 0);
		fclose(f);
		json_error_t je;
		json_t *m = json_load_file(path, 0, &je);
		assert_non_null(m);
		json_t *v = json_object_get(json_object_get(m, "counts"), "distinct_vehicles");
		/* 3 vehicles: shown under min_cell 3, null under 5 */
		if (min_cell == 3)
			assert_int_equal(json_integer_value(v), 3);
		else
			assert_true(json_is_null(v));
		json_decref(m);
		run_free(&r);
	}
}

static void test_nothing_recovered_from_what_is_published(void **state)
{
	(void)state;
	char cmd[1024] = "/usr/bin/python3 tests/reference/recover_suppressed.py --bin build/alpr-eval-san";
	for (size_t s = 0; s < sizeof studies / sizeof studies[0]; s++) {
		strcat(cmd, " ");
		strcat(cmd, studies[s]);
	}
	/* exit 0: no cell recovered, no small count published, no report figure of a suppressed row */
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_off_changes_nothing),
		cmocka_unit_test(test_small_numerator_hides_every_row_of_its_group),
		cmocka_unit_test(test_share_of_few_alerts_hidden_even_at_zero),
		cmocka_unit_test(test_outcome_types_against_the_accepted_count),
		cmocka_unit_test(test_few_vehicles_take_the_vehicle_shares),
		cmocka_unit_test(test_reads_per_vehicle_bins),
		cmocka_unit_test(test_cells_pinned_by_lower_bounds),
		cmocka_unit_test(test_pinned_by_reads_is_given_up_not_spread),
		cmocka_unit_test(test_second_pass_changes_nothing),
		cmocka_unit_test(test_no_published_count_under_min_cell),
		cmocka_unit_test(test_manifest_drops_distinct_vehicles_with_its_row),
		cmocka_unit_test(test_nothing_recovered_from_what_is_published),
	};
	return cmocka_run_group_tests_name("suppress", tests, NULL, NULL);
}
