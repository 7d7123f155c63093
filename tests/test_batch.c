/* test_batch.c — batch and periodic runs from the command line (issue 15):
 * `run STUDY...` (each study runs whatever the others do; the exit code is
 * the worst; two studies writing one folder refused), `--period` in each of
 * its forms against a study file that says the same period itself,
 * `depend`'s make rules, and `make reports` rerunning only the reports whose
 * study file or inputs changed (tests/reports_case.sh). Runs the sanitizer
 * build from the repository root. */
#define _GNU_SOURCE
#include "testutil.h"
#include <jansson.h>
#include <sys/wait.h>

#define BIN "ALPR_EVAL_CHROMIUM=none build/alpr-eval-san"
static char tmp[64];

static int sh(const char *cmd, char *err, size_t errn) { return sh_in(tmp, cmd, err, errn); }

static char *out_text(void)
{
	char p[128];
	snprintf(p, sizeof p, "%s/stdout.txt", tmp);
	return slurp_file(p, NULL);
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ae-batch-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

/* The tiny study as NAME.ini in tmp, writing to tmp/OUT, with start and end
 * as given and extra lines in [study]. */
static void tiny(const char *name, const char *out, const char *start, const char *end, const char *extra)
{
	char path[256], text[4096];
	const char *pwd = getenv("PWD");
	extra = extra ? extra : "";
	snprintf(path, sizeof path, "%s/%s.ini", tmp, name);
	snprintf(text, sizeof text,
		 "[study]\ntitle = Tiny study\nstart = %s\nend = %s\n"
		 "timezone = America/Chicago\n%s\ncost = 1000\n%s\n"
		 "output = %s/%s\n%s\n[reads]\npath = %s/tests/data/tiny/reads.csv\n"
		 "[hits]\npath = %s/tests/data/tiny/hits.csv\n[outcomes]\npath = %s/tests/data/tiny/outcomes.csv\n"
		 "[cameras]\npath = %s/tests/data/tiny/cameras.csv\n",
		 start, end, strstr(extra, "seed") ? "" : "seed = 7",
		 strstr(extra, "max_reject_share") ? "" : "max_reject_share = 0.5", tmp, out, extra, pwd, pwd, pwd, pwd);
	write_file(path, text);
}

static char *file_in(const char *dir, const char *f)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s/%s", tmp, dir, f);
	return slurp_file(p, NULL);
}

static void test_several_studies_worst_exit(void **state)
{
	(void)state;
	tiny("a", "ra", "2025-03-01", "2025-11-30", NULL);
	tiny("b", "rb", "2025-03-01", "2025-11-30", NULL);
	/* c fails on its rejects (a share of 0 allowed): exit 1; the others are written */
	tiny("c", "rc", "2025-03-01", "2025-11-30", "max_reject_share = 0");
	char cmd[1024], err[8192];
	snprintf(cmd, sizeof cmd, BIN " -q run %s/a.ini %s/c.ini %s/b.ini", tmp, tmp, tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 1);
	char *out = out_text();
	char want[512];
	snprintf(want, sizeof want, "%s/ra\n%s/rb\n", tmp, tmp);
	assert_string_equal(out, want);
	free(out);
	if (!strstr(err, "max_reject_share"))
		fail_msg("c's error is not on stderr: %s", err);
	char *m = file_in("rb", "metrics.csv"), *n = file_in("ra", "metrics.csv");
	assert_non_null(m);
	assert_string_equal(m, n); /* the same study, the same figures */
	free(m);
	free(n);
	assert_null(file_in("rc", "metrics.csv"));

	/* a usage error (exit 2) outranks a data error (1); a missing study file is one */
	snprintf(cmd, sizeof cmd, BIN " -q run %s/c.ini %s/none.ini %s/a.ini", tmp, tmp, tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 2);
	if (!strstr(err, "none.ini: cannot open study file") || !strstr(err, "max_reject_share"))
		fail_msg("each failing study's error is not printed: %s", err);
	/* all ok: 0 */
	snprintf(cmd, sizeof cmd, BIN " -q run %s/a.ini %s/b.ini", tmp, tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
}

static void test_same_output_twice_refused(void **state)
{
	(void)state;
	tiny("a", "same", "2025-03-01", "2025-11-30", NULL);
	tiny("b", "same", "2025-03-01", "2025-11-30", "seed = 8");
	char cmd[1024], err[8192];
	snprintf(cmd, sizeof cmd, BIN " -q run %s/a.ini %s/b.ini", tmp, tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 2);
	if (!strstr(err, "is an earlier study's of this run: give each study its own output"))
		fail_msg("no refusal: %s", err);
	/* a's report stands, not b's */
	char *man = file_in("same", "manifest.json");
	assert_non_null(man);
	if (!strstr(man, "\"seed\": 7"))
		fail_msg("the folder is not a's: %.200s", man);
	free(man);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/a.ini %s/b.ini -o %s/x", tmp, tmp, tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 2);
	if (!strstr(err, "--output with several studies"))
		fail_msg("-o with several studies not refused: %s", err);
}

/* --period P on a study gives the metrics of the same study whose file says
 * that period; the folder is OUTPUT-LABEL and the manifest records P. */
static void period_case(const char *period, const char *start, const char *end, const char *label)
{
	char cmd[1024], err[8192], dir[64];
	tiny("year", "year", "2025-03-01", "2025-11-30", NULL);
	snprintf(dir, sizeof dir, "fixed-%s", label);
	tiny("fixed", dir, start, end, NULL);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/year.ini --period %s", tmp, period);
	if (sh(cmd, err, sizeof err) != 0)
		fail_msg("--period %s: %s", period, err);
	char *out = out_text();
	char want[256];
	snprintf(want, sizeof want, "%s/year-%s\n", tmp, label);
	assert_string_equal(out, want);
	free(out);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/fixed.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	char yd[64];
	snprintf(yd, sizeof yd, "year-%s", label);
	const char *same[] = {"metrics.csv", "rejects.csv"};
	for (size_t i = 0; i < 2; i++) {
		char *a = file_in(yd, same[i]), *b = file_in(dir, same[i]);
		assert_non_null(a);
		assert_non_null(b);
		if (strcmp(a, b) != 0)
			fail_msg("--period %s: %s differs from a study file with start %s, end %s", period, same[i],
				 start, end);
		free(a);
		free(b);
	}
	char p[512];
	snprintf(p, sizeof p, "%s/%s/manifest.json", tmp, yd);
	json_error_t je;
	json_t *m = json_load_file(p, 0, &je);
	assert_non_null(m);
	json_t *s = json_object_get(m, "study");
	assert_string_equal(json_string_value(json_object_get(s, "start")), start);
	assert_string_equal(json_string_value(json_object_get(s, "end")), end);
	assert_string_equal(json_string_value(json_object_get(s, "period")), period);
	json_decref(m);
	/* and the briefing's provenance says where its start and end came from */
	char *md = file_in(yd, "report.md"), row[256];
	snprintf(row, sizeof row, "| `period (--period, instead of the study file's start and end)` | %s |", period);
	if (!md || !strstr(md, row))
		fail_msg("report.md has no row %s", row);
	free(md);
}

static void test_period_forms(void **state)
{
	(void)state;
	period_case("2025", "2025-01-01", "2025-12-31", "2025");
	period_case("2024", "2024-01-01", "2024-12-31", "2024"); /* leap year, no reads in it */
	period_case("2025-06", "2025-06-01", "2025-06-30", "2025-06");
	period_case("2024-02", "2024-02-01", "2024-02-29", "2024-02");
	period_case("2025-Q2", "2025-04-01", "2025-06-30", "2025-Q2");
	period_case("2025-q4", "2025-10-01", "2025-12-31", "2025-Q4");
	period_case("2025-03-15..2025-07-04", "2025-03-15", "2025-07-04", "2025-03-15_2025-07-04");
}

static void test_period_refused(void **state)
{
	(void)state;
	tiny("year", "year", "2025-03-01", "2025-11-30", NULL);
	const char *bad[] = {"2025-13", "2025-00", "2025-Q5",
			     "25",      "2025-6",  "2025-06-01",
			     "abcd",    "2025..",  "2025-07-01..2025-06-30"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char cmd[512], err[4096];
		snprintf(cmd, sizeof cmd, BIN " -q run %s/year.ini --period '%s'", tmp, bad[i]);
		int rc = sh(cmd, err, sizeof err);
		if (rc != 2 || !strstr(err, "--period '") || strchr(err, '\n') != err + strlen(err) - 1)
			fail_msg("--period %s: exit %d, %s", bad[i], rc, err);
	}
}

static void test_depend_rules(void **state)
{
	(void)state;
	tiny("year", "year", "2025-03-01", "2025-11-30", NULL);
	char cmd[1024], err[4096];
	snprintf(cmd, sizeof cmd, BIN " -q run %s/year.ini --period 2025-04", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	/* from the manifest: its study, inputs and period */
	snprintf(cmd, sizeof cmd, BIN " depend %s/year-2025-04/manifest.json", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	char *o = out_text(), want[2048];
	const char *pwd = getenv("PWD");
	snprintf(want, sizeof want,
		 "%s/year-2025-04/manifest.json: %s/year.ini %s/tests/data/tiny/reads.csv %s/tests/data/tiny/hits.csv "
		 "%s/tests/data/tiny/outcomes.csv %s/tests/data/tiny/cameras.csv\n"
		 "%s/year-2025-04/manifest.json: AE_STUDY := %s/year.ini\n"
		 "%s/year-2025-04/manifest.json: AE_PERIOD := 2025-04\n"
		 "AE_REPORTS += %s/year-2025-04/manifest.json\n",
		 tmp, tmp, pwd, pwd, pwd, pwd, tmp, tmp, tmp, tmp);
	assert_string_equal(o, want);
	free(o);
	/* a path make cannot name is refused, and not a manifest is said */
	snprintf(cmd, sizeof cmd, BIN " depend %s/year.ini %s/stderr.txt.manifest.json", tmp, tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 2);
}

/* A merged report's provenance says its read log is the shards' when the
 * study's read log is not their bytes (here: merged in the other order), and
 * says nothing of shards when it is (the merge checked it: one run's report). */
static void test_merged_provenance(void **state)
{
	(void)state;
	tiny("year", "year", "2025-03-01", "2025-11-30", NULL);
	char cmd[2048], err[4096];
	snprintf(cmd, sizeof cmd,
		 "head -n 14 tests/data/tiny/reads.csv > %s/s1.csv && (head -n 1 tests/data/tiny/reads.csv; "
		 "tail -n +15 tests/data/tiny/reads.csv) > %s/s2.csv && " BIN
		 " -q partial %s/year.ini --reads %s/s1.csv -o %s/1.part && " BIN
		 " -q partial %s/year.ini --reads %s/s2.csv -o %s/2.part && " BIN
		 " -q merge %s/year.ini %s/2.part %s/1.part -o %s/merged && " BIN
		 " -q merge %s/year.ini %s/1.part %s/2.part -o %s/inorder",
		 tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp);
	if (sh(cmd, err, sizeof err) != 0)
		fail_msg("partial/merge failed: %s", err);
	char *md = file_in("merged", "report.md");
	assert_non_null(md);
	if (!strstr(md, "The read log was merged from 2 partials (alpr-eval merge)"))
		fail_msg("the merged briefing does not say its read log is the shards'");
	free(md);
	md = file_in("year", "report.md");
	assert_null(md); /* not run: nothing to compare; the one run below says nothing of shards */
	snprintf(cmd, sizeof cmd, BIN " -q run %s/year.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	md = file_in("year", "report.md");
	assert_non_null(md);
	assert_null(strstr(md, "merged from"));
	char *in = file_in("inorder", "report.md");
	assert_non_null(in);
	assert_string_equal(in, md);
	free(in);
	free(md);
}

static void test_make_reports_reruns_only_the_changed(void **state)
{
	(void)state;
	char cmd[512], dir[128];
	snprintf(dir, sizeof dir, "%s/mr", tmp);
	snprintf(cmd, sizeof cmd, "mkdir -p %s && tests/reports_case.sh %s build/alpr-eval-san 2>&1", dir, dir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char got[4096];
	size_t n = fread(got, 1, sizeof got - 1, p);
	got[n] = 0;
	int st = pclose(p);
	if (st != 0)
		fail_msg("tests/reports_case.sh failed: %s", got);
	const char *want = "STEP unchanged ran=\n"
			   "STEP input-b ran=b\n"
			   "STEP study-a ran=a a-june\n"
			   "STEP again ran=\n"
			   "PERIOD recorded\n";
	assert_string_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_several_studies_worst_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_output_twice_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depend_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merged_provenance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_make_reports_reruns_only_the_changed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
