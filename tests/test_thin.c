/* test_thin.c — thin data never breaks a run: studies cut from the sample
 * city (tests/thin_case.sh) with a single day, no accepted hit, a hits
 * table with a header only, one camera, one area, every daily count equal,
 * months with reads and no alert, and outcomes without hits. Each runs the
 * command-line tool (sanitizer build) to the end: exit 0, a full report,
 * no NaN or infinity printed, and every chart either drawn or listed with
 * the reason it was not. */
#include "testutil.h"
#include <ctype.h>

#define BIN "build/alpr-eval-san"

static const char *const charts[] =
	{"funnel",
	 "hit_rate_camera",
	 "false_positive_rate_camera",
	 "hit_rate_hotlist",
	 "false_positive_rate_hotlist",
	 "dispositions",
	 "monthly",
	 "exposure_neighborhood",
	 "disparity_group",
	 "map",
	 "lorenz"};
/* the first six are alert charts: without a hits table they are left out as a group */
#define N_ALERT_CHARTS 6

static void run_case(const char *name, int has_hits)
{
	char dir[64], cmd[512], path[256];
	strcpy(dir, "/tmp/ae-thin-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd,
		 "tests/thin_case.sh %s %s && ALPR_EVAL_CHROMIUM=none " BIN
		 " -q run -o %s/out %s/study.ini >%s/stdout 2>%s/stderr",
		 name, dir, dir, dir, dir, dir);
	int rc = system(cmd);
	snprintf(path, sizeof path, "%s/stderr", dir);
	char *err = slurp_file(path, NULL);
	if (rc != 0)
		fail_msg("%s: exit %d: %s", name, rc, err ? err : "");
	free(err);
	const char *files[] = {"metrics.csv",   "metrics.json", "rejects.csv",
			       "manifest.json", "report.html",  "report.md"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/out/%s", dir, files[i]);
		if (access(path, R_OK) != 0)
			fail_msg("%s: no %s", name, files[i]);
	}
	snprintf(path, sizeof path, "%s/out/metrics.csv", dir);
	char *csv = slurp_file(path, NULL);
	for (char *p = csv; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strstr(csv, "nan") || strstr(csv, "inf"))
		fail_msg("%s: metrics.csv prints a NaN or an infinity", name);
	free(csv);
	snprintf(path, sizeof path, "%s/out/report.md", dir);
	char *md = slurp_file(path, NULL);
	if (strstr(md, " nan") || strstr(md, " inf") || strstr(md, "NaN"))
		fail_msg("%s: report.md prints a NaN or an infinity", name);
	const char *left = strstr(md, "Charts left out, and why:");
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
		snprintf(path, sizeof path, "%s/out/chart-%s.svg", dir, charts[i]);
		if (access(path, R_OK) == 0)
			continue;
		char item[128], escaped[96];
		size_t k = 0;
		for (const char *c = charts[i]; *c && k + 2 < sizeof escaped; c++) { /* Markdown escapes '_' */
			if (*c == '_')
				escaped[k++] = '\\';
			escaped[k++] = *c;
		}
		escaped[k] = '\0';
		snprintf(item, sizeof item, "- %s: ", escaped);
		int said = left && strstr(left, item);
		if (!said && !has_hits && i < N_ALERT_CHARTS)
			said = left && strstr(left, "dispositions: no hits table in the study");
		if (!said)
			fail_msg("%s: chart %s neither drawn nor said not drawn", name, charts[i]);
	}
	free(md);
	rm_tree(dir);
}

static void test_one_day(void **state)
{
	(void)state;
	run_case("one_day", 1);
}
static void test_hits_unmatched(void **state)
{
	(void)state;
	run_case("hits_unmatched", 1);
}
static void test_hits_header_only(void **state)
{
	(void)state;
	run_case("hits_header_only", 1);
}
static void test_one_camera(void **state)
{
	(void)state;
	run_case("one_camera", 1);
}
static void test_one_area(void **state)
{
	(void)state;
	run_case("one_area", 1);
}
static void test_all_equal(void **state)
{
	(void)state;
	run_case("all_equal", 1);
}
static void test_month_without_hits(void **state)
{
	(void)state;
	run_case("month_without_hits", 1);
}
static void test_outcomes_without_hits(void **state)
{
	(void)state;
	run_case("outcomes_without_hits", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_day),
		cmocka_unit_test(test_hits_unmatched),
		cmocka_unit_test(test_hits_header_only),
		cmocka_unit_test(test_one_camera),
		cmocka_unit_test(test_one_area),
		cmocka_unit_test(test_all_equal),
		cmocka_unit_test(test_month_without_hits),
		cmocka_unit_test(test_outcomes_without_hits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
