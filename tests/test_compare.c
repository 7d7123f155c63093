/* test_compare.c — `alpr-eval compare` from the command line (issue 15):
 * two generated years sharing their vehicles (gen-city --fleet-seed, the
 * second with a planted drop in the hit rate; with their areas, so the
 * day-based exposure rows are compared too; min_cell 5, so some rows are
 * suppressed), every row of changes.csv
 * against the independent reference tests/reference/compare_ref.py (from
 * the raw inputs), a byte-identical rerun, the --period form against two
 * study files of the same dates, each refusal, and no plate in any output.
 * Runs the sanitizer build from the repository root. */
#define _GNU_SOURCE
#include "testutil.h"
#include <dirent.h>
#include <sys/wait.h>

#define BIN "ALPR_EVAL_CHROMIUM=none build/alpr-eval-san"
static char tmp[64];

static int sh(const char *cmd, char *err, size_t errn) { return sh_in(tmp, cmd, err, errn); }

/* A study NAME.ini in tmp over the generated city DATA, from START to END. */
static void study(const char *name, const char *data, const char *start, const char *end, const char *extra)
{
	char path[256], text[4096];
	snprintf(path, sizeof path, "%s/%s.ini", tmp, name);
	snprintf(text, sizeof text,
		 "[study]\ntitle = Year %s\nstart = %s\nend = %s\ntimezone = America/Chicago\n%s\nmin_cell = 5\n"
		 "output = %s/out/%s\n[reads]\npath = %s/reads.csv\n[hits]\npath = %s/hits.csv\n"
		 "[outcomes]\npath = %s/outcomes.csv\n[cameras]\npath = %s/cameras.csv\n"
		 "[neighborhoods]\npath = %s/neighborhoods.csv\nboundaries = %s/boundaries.geojson\n"
		 "boundaries_property = neighborhood\n",
		 name, start, end, extra ? extra : "seed = 5", tmp, name, data, data, data, data, data, data);
	write_file(path, text);
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ae-compare-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char cmd[1024];
	/* 2024 and 2025, one fleet; 2025's hit probabilities times 0.7 */
	snprintf(cmd, sizeof cmd,
		 "build/gen-city --out %s/y1 --reads 20000 --no-defects --plain --seed 11 --fleet-seed 7 --year 2024 "
		 ">/dev/null && build/gen-city --out %s/y2 --reads 20000 --no-defects --plain --seed 12 "
		 "--fleet-seed 7 --year 2025 --hit-scale 0.7 >/dev/null",
		 tmp, tmp);
	if (system(cmd) != 0)
		return -1;
	char d1[128], d2[128];
	snprintf(d1, sizeof d1, "%s/y1", tmp);
	snprintf(d2, sizeof d2, "%s/y2", tmp);
	study("a", d1, "2024-01-01", "2024-12-31", NULL);
	study("b", d2, "2025-01-01", "2025-12-31", NULL);
	snprintf(cmd, sizeof cmd, "%s run -q %s/a.ini %s/b.ini && %s compare -q %s/a.ini %s/b.ini", BIN, tmp, tmp, BIN,
		 tmp, tmp);
	return sh(cmd, NULL, 0) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

/* A reference script's run: it must exit 0 and print want; its output
 * (the caller frees it) for further checks. */
static char *reference_run(const char *cmd, const char *want)
{
	char err[4096], path[128];
	int rc = sh(cmd, err, sizeof err);
	snprintf(path, sizeof path, "%s/stdout.txt", tmp);
	char *out = slurp_file(path, NULL);
	if (rc)
		fprintf(stderr, "%s%s", out ? out : "", err);
	assert_int_equal(rc, 0);
	assert_non_null(out);
	assert_non_null(strstr(out, want));
	return out;
}

/* Every row against the reference, computed from the raw inputs. */
static void test_reference(void **state)
{
	(void)state;
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "/usr/bin/python3 tests/reference/compare_ref.py %s/a.ini %s/b.ini %s/out/a/metrics.csv "
		 "%s/out/b/metrics.csv %s/out/compare-a-b/changes.csv",
		 tmp, tmp, tmp, tmp, tmp);
	free(reference_run(cmd, " 0 differences"));
	/* the planted drop: hit_rate at all by both methods, an interval on each */
	char p[256];
	snprintf(p, sizeof p, "%s/out/compare-a-b/changes.csv", tmp);
	char *ch = slurp_file(p, NULL);
	assert_non_null(strstr(ch, "metric,dimension,group,row_method,estimate_a,estimate_b,change,ci_low,ci_high,"
				   "kind,method\n"));
	assert_non_null(strstr(ch, "\nhit_rate,all,all,cluster_plate,"));
	assert_non_null(strstr(ch, ",difference,cluster_plate_mover\n"));
	assert_non_null(strstr(ch, ",difference,newcombe_wilson\n"));
	assert_non_null(strstr(ch, ",ratio,poisson_ratio_exact_per_day\n"));
	assert_non_null(strstr(ch, ",ratio,normal_log_days\n")); /* the exposure rows: [neighborhoods] */
	/* min_cell 5 hides some cells: their changes are empty (the reference checks which) */
	assert_non_null(strstr(ch, ",,,,ratio,suppressed\n"));
	free(ch);
}

/* Every figure of the page's bullets against its changes.csv row, rounded
 * by the reference's own rule (tests/reference/compare_page_check.py). */
static void test_page_figures(void **state)
{
	(void)state;
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "/usr/bin/python3 tests/reference/compare_page_check.py %s/out/compare-a-b/report.md "
		 "%s/out/compare-a-b/changes.csv",
		 tmp, tmp);
	char *out = reference_run(cmd, " bullets, 0 differences");
	assert_null(strstr(out, "\n0 bullets"));
	free(out);
}

static void test_rerun_identical(void **state)
{
	(void)state;
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "cp -r %s/out/compare-a-b %s/first && %s compare -q %s/a.ini %s/b.ini && diff -r %s/first "
		 "%s/out/compare-a-b",
		 tmp, tmp, BIN, tmp, tmp, tmp, tmp);
	assert_int_equal(sh(cmd, NULL, 0), 0);
	/* the folder: the table, the manifest, two charts with their scripts and data, the page */
	static const char *const files[] = {"changes.csv",      "manifest.json",     "report.html",
					    "report.md",        "chart-rates.svg",   "chart-rates.gp",
					    "chart-rates.dat",  "chart-changes.svg", "chart-changes.gp",
					    "chart-changes.dat"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char p[256];
		snprintf(p, sizeof p, "%s/out/compare-a-b/%s", tmp, files[i]);
		char *t = slurp_file(p, NULL);
		if (!t)
			fprintf(stderr, "missing %s\n", files[i]);
		assert_non_null(t);
		free(t);
	}
}

/* compare STUDY --period P1 --period P2 writes what two study files of
 * those dates give, to OUTPUT-P1-vs-P2. */
static void test_period_form(void **state)
{
	(void)state;
	char d1[128], cmd[1024];
	snprintf(d1, sizeof d1, "%s/y1", tmp);
	study("h1", d1, "2024-01-01", "2024-06-30", NULL);
	study("h2", d1, "2024-07-01", "2024-12-31", NULL);
	snprintf(cmd, sizeof cmd,
		 "%s compare -q %s/a.ini --period 2024-01-01..2024-06-30 --period 2024-07-01..2024-12-31 && "
		 "%s compare -q %s/h1.ini %s/h2.ini && cmp %s/out/a-2024-01-01_2024-06-30-vs-2024-07-01_2024-12-31/"
		 "changes.csv %s/out/compare-h1-h2/changes.csv",
		 BIN, tmp, BIN, tmp, tmp, tmp, tmp);
	assert_int_equal(sh(cmd, NULL, 0), 0);
}

static void refused(const char *args, const char *says)
{
	char cmd[1024], err[4096];
	snprintf(cmd, sizeof cmd, "cd %s && %s/%s compare -q %s", tmp, getenv("PWD"), "build/alpr-eval-san", args);
	int rc = sh(cmd, err, sizeof err);
	if (rc != 2 || !strstr(err, says))
		fprintf(stderr, "%s: exit %d, %s", args, rc, err);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, says));
	/* one line */
	assert_non_null(strchr(err, '\n'));
	assert_null(strchr(strchr(err, '\n') + 1, '\n'));
}

static void test_refusals(void **state)
{
	(void)state;
	char d2[128];
	snprintf(d2, sizeof d2, "%s/y2", tmp);
	study("otherkey", d2, "2025-01-01", "2025-12-31", "seed = 6");
	refused("a.ini a.ini", "compared with itself");
	refused("a.ini --period 2024 --period 2024", "compared with itself");
	refused("a.ini otherkey.ini", "different keys");
	refused("a.ini b.ini -o out/a", "own report folder");
	refused("a.ini b.ini -o out/b/", "own report folder");
	refused("a.ini", "two study files");
	refused("a.ini --period 2024", "two study files");
	refused("a.ini b.ini otherkey.ini", "two study files");
	refused("a.ini --period 2024-Q1 --period 2024-Q2 --period 2024-Q3", "two --period");
}

/* No plate of either year in any file the comparison writes. */
static void test_no_plates(void **state)
{
	(void)state;
	char p[256];
	snprintf(p, sizeof p, "%s/out/compare-a-b", tmp);
	DIR *d = opendir(p);
	assert_non_null(d);
	char *files[32];
	size_t nf = 0;
	struct dirent *e;
	while ((e = readdir(d)) && nf < 32) {
		if (e->d_name[0] == '.')
			continue;
		char f[512];
		snprintf(f, sizeof f, "%s/%s", p, e->d_name);
		files[nf++] = slurp_file(f, NULL);
	}
	closedir(d);
	assert_true(nf >= 4);
	size_t checked = 0;
	for (int y = 1; y <= 2; y++) {
		snprintf(p, sizeof p, "%s/y%d/reads.csv", tmp, y);
		char *reads = slurp_file(p, NULL);
		assert_non_null(reads);
		/* the plate is the 4th field; every 7th line is enough to catch a leak of a list */
		size_t line = 0;
		for (char *s = strchr(reads, '\n'); s && s[1]; s = strchr(s + 1, '\n')) {
			if (line++ % 7)
				continue;
			char *f = s + 1;
			for (int k = 0; k < 3 && f; k++)
				f = strchr(f, ',') ? strchr(f, ',') + 1 : NULL;
			if (!f)
				continue;
			char plate[32];
			size_t n = strcspn(f, ",\n");
			if (n < 5 || n >= sizeof plate)
				continue;
			memcpy(plate, f, n);
			plate[n] = '\0';
			for (size_t i = 0; i < nf; i++)
				if (files[i] && strstr(files[i], plate)) {
					fprintf(stderr, "plate %s in an output\n", plate);
					fail();
				}
			checked++;
		}
		free(reads);
	}
	assert_true(checked > 1000);
	for (size_t i = 0; i < nf; i++)
		free(files[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference),       cmocka_unit_test(test_page_figures),
		cmocka_unit_test(test_rerun_identical), cmocka_unit_test(test_period_form),
		cmocka_unit_test(test_refusals),        cmocka_unit_test(test_no_plates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
