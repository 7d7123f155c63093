/* test_e2e.c — whole studies in-process: the tiny hand-made study against
 * tests/data/tiny/expected_metrics.csv and expected_counts.txt, written by
 * an independent pandas implementation of METRICS.md
 * (tests/reference/metrics_ref.py; see tests/reference/README.md). */
#include "testutil.h"
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>


/* Splits one CSV line without quotes (the expected files have none). */
static int split(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == ',') {
			*p = '\0';
			f[n++] = p + 1;
		}
	char *nl = strchr(f[n - 1], '\n');
	if (nl)
		*nl = '\0';
	return n;
}

static double num(const char *s) { return *s ? strtod(s, NULL) : NAN; }

static void matches_reference(const char *study, const char *expected)
{
	run r;
	run_study(&r, study);
	FILE *f = fopen(expected, "r");
	assert_non_null(f);
	char line[1024];
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	size_t compared = 0, nmetrics = 0;
	static char metrics[64][48];
	while (fgets(line, sizeof line, f)) {
		char *c[9];
		assert_int_equal(split(line, c, 9), 9);
		int seen = 0;
		for (size_t k = 0; k < nmetrics; k++)
			seen |= strcmp(metrics[k], c[0]) == 0;
		if (!seen && nmetrics < 64)
			snprintf(metrics[nmetrics++], 48, "%s", c[0]);
		const ae_row *row = ae_table_find(r.t, c[0], c[1], c[2], c[8]);
		if (!row)
			fail_msg("missing row %s,%s,%s,%s", c[0], c[1], c[2], c[8]);
		double want[5] = {num(c[3]), num(c[4]), num(c[5]), num(c[6]), num(c[7])};
		double got[5] = {row->est, row->lo, row->hi, row->num, row->den};
		for (int k = 0; k < 5; k++)
			if (!ae_close(got[k], want[k], 1e-9))
				fail_msg("%s,%s,%s,%s column %d: %.17g, reference %.17g", c[0], c[1], c[2], c[8], k + 3,
					 got[k], want[k]);
		compared++;
	}
	fclose(f);
	/* No extra rows either: every row of the tool, for the metrics the reference
	 * covers, is in the reference. */
	size_t ours = 0;
	for (size_t i = 0; i < r.t->n; i++) {
		int known = 0;
		for (size_t k = 0; k < nmetrics && !known; k++)
			known = strcmp(metrics[k], r.t->rows[i].metric) == 0;
		ours += known;
	}
	assert_int_equal(compared, ours);
	run_free(&r);
}

static void counts_and_rejects(const char *study, const char *expected)
{
	run r;
	run_study(&r, study);
	FILE *f = fopen(expected, "r");
	assert_non_null(f);
	char line[512];
	size_t nrej = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		char name[32], file[64];
		unsigned long long rd, acc, rej, oop;
		if (sscanf(line, "%31s %63s %llu %llu %llu %llu", name, file, &rd, &acc, &rej, &oop) == 6) {
			int t = ae_schema_table(name);
			assert_true(t >= 0);
			const ae_tablecount *tc = &r.acc.tables[t];
			assert_int_equal(tc->read, rd);
			assert_int_equal(tc->accepted, acc);
			assert_int_equal(tc->rejected, rej);
			assert_int_equal(tc->out_of_period, oop);
			continue;
		}
		/* a reject line: file,line,column,reason (the reference's own reason names) */
		char *c[4];
		assert_int_equal(split(line, c, 4), 4);
		assert_true(nrej < r.acc.nrejects);
		const ae_reject *rj = &r.acc.rejects[nrej++];
		assert_string_equal(r.st->input[rj->table].path_given, c[0]);
		assert_int_equal(rj->line, atol(c[1]));
		const char *col = rj->col < 0 ? "" : r.acc.tables[rj->table].colnames[rj->col];
		assert_string_equal(col, c[2]);
	}
	fclose(f);
	assert_int_equal(nrej, r.acc.nrejects);
	run_free(&r);
}

static void test_tiny_matches_reference(void **state)
{
	(void)state;
	matches_reference("tests/data/tiny/study.ini", "tests/data/tiny/expected_metrics.csv");
	counts_and_rejects("tests/data/tiny/study.ini", "tests/data/tiny/expected_counts.txt");
}

/* Exposure: polygons with a hole, a MultiPolygon, a point on a shared edge,
 * a camera placed by its coordinates, an unlisted area; bootstrap_days
 * reproduced from GSL's mt19937 stream independently in Python. */
/* The retention rows against tests/reference/retention_ref.py: the tiny
 * study, and the hand-made edges of test_retention.c (a read exactly d days
 * before the end, outcomes with no time, no hit, an unknown hit or a hit of
 * an out-of-period read, reads outside the period in the span). */
static void test_retention_matches_reference(void **state)
{
	(void)state;
	matches_reference("tests/data/tiny/study.ini", "tests/data/tiny/expected_retention.csv");
	matches_reference("tests/data/tiny-retention/study.ini", "tests/data/tiny-retention/expected_retention.csv");
}

static void test_tiny_exposure_matches_reference(void **state)
{
	(void)state;
	matches_reference("tests/data/tiny-exposure/study.ini", "tests/data/tiny-exposure/expected_metrics.csv");
	counts_and_rejects("tests/data/tiny-exposure/study.ini", "tests/data/tiny-exposure/expected_counts.txt");
}

/* A real-world style read log: reads carry census tract codes, the census
 * table has 40 tracts and the log touches 25 (the rest count in the
 * denominators), unlisted and retired codes are unassigned. */
static void test_census_tracts_match_reference(void **state)
{
	(void)state;
	matches_reference("analysis/census-tracts.ini", "tests/data/census-tracts/expected_metrics.csv");
	counts_and_rejects("analysis/census-tracts.ini", "tests/data/census-tracts/expected_counts.txt");
}

/* A Flock-shaped search audit log (two-line "Time Frame" cells, a UTC
 * "%m/%d/%Y, %I:%M:%S %p UTC" format, every reason class, flag terms and
 * near misses, after-hours edges, period edges across the zone, missing
 * fields, rejects) beside a tiny read log; governance_ref.py written from
 * the contract. The same log alone, with no read log, runs to the end. */
static void test_tiny_searches_match_reference(void **state)
{
	(void)state;
	matches_reference("tests/data/tiny-searches/study.ini", "tests/data/tiny-searches/expected_metrics.csv");
	counts_and_rejects("tests/data/tiny-searches/study.ini", "tests/data/tiny-searches/expected_counts.txt");
	matches_reference("tests/data/tiny-searches/alone.ini", "tests/data/tiny-searches/expected_metrics.csv");
	run r;
	run_study(&r, "tests/data/tiny-searches/alone.ini");
	assert_false(r.st->input[TB_READS].present);
	assert_null(ae_table_find(r.t, "reads", "all", "all", NULL));
	run_free(&r);
}

/* A sharing edge list of two agencies (hand-made; test_governance.c counts
 * it by hand as well) and the sample city's Flock share settings, against
 * sharing_ref.py written from the contract; the sample's expected rows are
 * made by the reference at test time from the generated file. */
static void test_sharing_matches_reference(void **state)
{
	(void)state;
	matches_reference("tests/data/tiny-sharing/study.ini", "tests/data/tiny-sharing/expected_metrics.csv");
	counts_and_rejects("tests/data/tiny-sharing/study.ini", "tests/data/tiny-sharing/expected_counts.txt");
	assert_int_equal(system("/usr/bin/python3 tests/reference/sharing_ref.py analysis/sample-city.ini "
				"build/sample-sharing-ref.csv"),
			 0);
	matches_reference("analysis/sample-city.ini", "build/sample-sharing-ref.csv");
}

static void test_other_binomial_methods(void **state)
{
	(void)state;
	/* The study's ci_method names the binomial rows' method: the tiny study
	 * with ci_method = clopper_pearson (its inputs by absolute path). */
	char cwd[1024], ini[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	char *text = slurp_file("tests/data/tiny/study.ini", NULL);
	assert_non_null(text);
	ini[0] = '\0';
	int methods = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		size_t at = strlen(ini);
		if (strncmp(line, "ci_method = ", 12) == 0)
			snprintf(ini + at, sizeof ini - at, "ci_method = clopper_pearson\n"), methods++;
		else if (strncmp(line, "path = ", 7) == 0)
			snprintf(ini + at, sizeof ini - at, "path = %s/tests/data/tiny/%s\n", cwd, line + 7);
		else
			snprintf(ini + at, sizeof ini - at, "%s\n", line);
	}
	free(text);
	assert_int_equal(methods, 1);
	run r;
	study_write(&r, ini, NULL, NULL, NULL, NULL, NULL);
	if (run_go(&r))
		fail_msg("%s", r.err.msg);
	assert_int_equal(r.st->ci_method, CI_CLOPPER_PEARSON);
	const ae_row *row = ae_table_find(r.t, "hit_rate", "all", "all", "clopper_pearson");
	assert_non_null(row);
	assert_null(ae_table_find(r.t, "hit_rate", "all", "all", "wilson"));
	assert_non_null(ae_table_find(r.t, "hit_rate", "all", "all", "cluster_plate"));
	run_free(&r);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tiny_matches_reference),
		cmocka_unit_test(test_retention_matches_reference),
		cmocka_unit_test(test_tiny_exposure_matches_reference),
		cmocka_unit_test(test_census_tracts_match_reference),
		cmocka_unit_test(test_tiny_searches_match_reference),
		cmocka_unit_test(test_sharing_matches_reference),
		cmocka_unit_test(test_other_binomial_methods),
	};
	return cmocka_run_group_tests_name("e2e", tests, NULL, NULL);
}
