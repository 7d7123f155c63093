/* test_real_exports.c — real agencies' published Flock exports, run as
 * published by a study file alone (data-samples/real/, analysis/real-*.ini):
 * the command-line tool (sanitizer build) writes the report, and every row
 * of its metrics.csv must equal the hand count of
 * tests/reference/real_exports_ref.py (compare_metrics.py: same rows, same
 * order, relative 1e-9). Also: every record of the file is accounted for in
 * manifest.json, and no user, query or long reason text of the file appears
 * in any file of the report folder.
 *
 * A real city's published crime export (data-samples/real/los-angeles-crime/)
 * is checked by tests/reference/real_crime_ref.py instead: the `incidents`
 * rows of metrics.csv against its hand count, crime_panel.csv and
 * crime_areas.csv too once the report folder holds them, and its expected
 * files against the committed tests/data/real-crime/ (so the committed panel
 * is the hand count of the committed export). */
#include "testutil.h"
#include <jansson.h>

#define BIN "build/alpr-eval-san"
#define PY "/usr/bin/python3"

/* Whether needle occurs in the n bytes at hay (reports may be binary). */
static int contains(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k && i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

static void check_study(const char *name)
{
	char dir[64], cmd[2048], path[512];
	strcpy(dir, "/tmp/ae-real-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd,
		 "ALPR_EVAL_CHROMIUM=none " BIN " -q run -o %s/out analysis/%s.ini >%s/stdout 2>%s/stderr", dir, name,
		 dir, dir);
	if (system(cmd) != 0) {
		snprintf(path, sizeof path, "%s/stderr", dir);
		char *err = slurp_file(path, NULL);
		fail_msg("%s: the run failed: %s", name, err ? err : "");
	}
	snprintf(cmd, sizeof cmd,
		 PY " tests/reference/real_exports_ref.py analysis/%s.ini %s/ref.csv %s/secrets.txt >%s/ref.out", name,
		 dir, dir, dir);
	if (system(cmd) != 0)
		fail_msg("%s: the reference failed", name);
	snprintf(cmd, sizeof cmd, PY " tests/reference/compare_metrics.py %s/ref.csv %s/out/metrics.csv", dir, dir);
	if (system(cmd) != 0)
		fail_msg("%s: metrics.csv differs from the hand count (listed above)", name);

	/* Every record in the file is accepted, rejected or out of period. */
	snprintf(path, sizeof path, "%s/ref.out", dir);
	char *out = slurp_file(path, NULL);
	assert_non_null(out);
	char *at = strstr(out, "records_total ");
	assert_non_null(at);
	long records = strtol(at + 14, NULL, 10);
	free(out);
	snprintf(path, sizeof path, "%s/out/manifest.json", dir);
	json_error_t jerr;
	json_t *m = json_load_file(path, 0, &jerr);
	if (!m)
		fail_msg("%s: manifest.json: %s", name, jerr.text);
	json_t *inputs = json_object_get(m, "inputs");
	assert_int_equal(json_array_size(inputs), 1);
	json_t *in = json_array_get(inputs, 0);
	long read = (long)json_integer_value(json_object_get(in, "records_read"));
	long acc = (long)json_integer_value(json_object_get(in, "accepted"));
	long rej = (long)json_integer_value(json_object_get(in, "rejected"));
	long oop = (long)json_integer_value(json_object_get(in, "out_of_period"));
	if (read != records || acc + rej + oop != records)
		fail_msg("%s: %ld records in the file, manifest: %ld read = %ld + %ld + %ld", name, records, read, acc,
			 rej, oop);
	json_decref(m);

	/* No user, query or reason text of the file in any output file. */
	snprintf(path, sizeof path, "%s/secrets.txt", dir);
	char *secrets = slurp_file(path, NULL);
	assert_non_null(secrets);
	snprintf(path, sizeof path, "%s/out", dir);
	DIR *d = opendir(path);
	assert_non_null(d);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/out/%s", dir, e->d_name);
		size_t n = 0;
		char *text = slurp_file(path, &n);
		assert_non_null(text);
		files++;
		char *copy = strdup(secrets);
		for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
			if (contains(text, n, line))
				fail_msg("%s: %s holds a user, query or reason of the file", name, e->d_name);
		free(copy);
		free(text);
	}
	closedir(d);
	free(secrets);
	assert_true(files >= 6);
	rm_tree(dir);
}

/* San Mateo CA PD, search_audit.a871b2fc.csv: 91 searches, users redacted. */
static void test_san_mateo_a871b2fc(void **state)
{
	(void)state;
	check_study("real-san-mateo-audit-a871b2fc");
}

/* San Mateo CA PD, search_audit.f5f2e2bb.csv: 36 searches, case numbers as
 * reasons, one blank reason. */
static void test_san_mateo_f5f2e2bb(void **state)
{
	(void)state;
	check_study("real-san-mateo-audit-f5f2e2bb");
}

/* Los Altos CA PD, SharedNetworks.csv (CRLF): 299 organizations. */
static void test_los_altos_sharing(void **state)
{
	(void)state;
	check_study("real-los-altos-sharing");
}

/* Runs a crime-export study and checks it against real_crime_ref.py. */
static void check_crime_study(const char *name, const char *expected_dir)
{
	char dir[64], cmd[2048], path[512];
	strcpy(dir, "/tmp/ae-crime-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd,
		 "ALPR_EVAL_CHROMIUM=none " BIN " -q run -o %s/out analysis/%s.ini >%s/stdout 2>%s/stderr", dir, name,
		 dir, dir);
	if (system(cmd) != 0) {
		snprintf(path, sizeof path, "%s/stderr", dir);
		char *err = slurp_file(path, NULL);
		fail_msg("%s: the run failed: %s", name, err ? err : "");
	}
	snprintf(cmd, sizeof cmd, PY " tests/reference/real_crime_ref.py analysis/%s.ini %s/ref %s/out >%s/ref.out",
		 name, dir, dir, dir);
	if (system(cmd) != 0)
		fail_msg("%s: the report differs from the hand count (listed above)", name);
	static const char *files[] = {"expected_panel.csv", "expected_areas.csv", "expected_incidents.csv"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(cmd, sizeof cmd, "cmp -s %s/ref/%s %s/%s", dir, files[i], expected_dir, files[i]);
		if (system(cmd) != 0)
			fail_msg("%s: %s/%s is not the hand count of the export (rerun real_crime_ref.py)", name,
				 expected_dir, files[i]);
	}

	/* Every record of the export is accepted, rejected or out of period. */
	snprintf(path, sizeof path, "%s/ref.out", dir);
	char *out = slurp_file(path, NULL);
	assert_non_null(out);
	char *at = strstr(out, "records_total ");
	assert_non_null(at);
	long records = strtol(at + 14, NULL, 10);
	free(out);
	snprintf(path, sizeof path, "%s/out/manifest.json", dir);
	json_error_t jerr;
	json_t *m = json_load_file(path, 0, &jerr);
	if (!m)
		fail_msg("%s: manifest.json: %s", name, jerr.text);
	json_t *in = json_array_get(json_object_get(m, "inputs"), 0);
	assert_non_null(in);
	long read = (long)json_integer_value(json_object_get(in, "records_read"));
	long acc = (long)json_integer_value(json_object_get(in, "accepted"));
	long rej = (long)json_integer_value(json_object_get(in, "rejected"));
	long oop = (long)json_integer_value(json_object_get(in, "out_of_period"));
	if (read != records || acc + rej + oop != records)
		fail_msg("%s: %ld records in the file, manifest: %ld read = %ld + %ld + %ld", name, records, read, acc,
			 rej, oop);
	json_decref(m);
	rm_tree(dir);
}

/* Los Angeles, Crime Data from 2020 to Present (first 874 records, 2020),
 * with an illustrative treatment schedule by LAPD area. */
static void test_los_angeles_crime(void **state)
{
	(void)state;
	check_crime_study("real-los-angeles-crime", "tests/data/real-crime");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_san_mateo_a871b2fc),
		cmocka_unit_test(test_san_mateo_f5f2e2bb),
		cmocka_unit_test(test_los_altos_sharing),
		cmocka_unit_test(test_los_angeles_crime),
	};
	return cmocka_run_group_tests_name("real_exports", tests, NULL, NULL);
}
