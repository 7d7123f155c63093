/* test_hostile.c — the hostile-input suite: each folder of tests/hostile
 * (written by tests/hostile/make_cases.py) is a small study with inputs
 * as they arrive from broken exports, and expected.txt says the exit code,
 * what standard error must say, every line of rejects.csv, the manifest's
 * counts and lines of metrics.csv. Runs the sanitizer build. */
#define _GNU_SOURCE
#include "testutil.h"
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmp[64];

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	size_t got = fread(b, 1, (size_t)n, f);
	b[got] = '\0';
	fclose(f);
	return b;
}

static void check_case(const char *name)
{
	char dir[256], out[256], cmd[2048], p[512];
	snprintf(dir, sizeof dir, "tests/hostile/%s", name);
	snprintf(out, sizeof out, "%s/%s", tmp, name);
	snprintf(cmd, sizeof cmd,
		 "ALPR_EVAL_CHROMIUM=none build/alpr-eval-san -q run --output %s %s/study.ini >%s.out 2>%s.err", out,
		 dir, out, out);
	int st = system(cmd);
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	snprintf(p, sizeof p, "%s/expected.txt", dir);
	char *exp = slurp(p);
	assert_non_null(exp);
	snprintf(p, sizeof p, "%s.err", out);
	char *err = slurp(p);
	snprintf(p, sizeof p, "%s/rejects.csv", out);
	char *rej = slurp(p);
	snprintf(p, sizeof p, "%s/metrics.csv", out);
	char *met = slurp(p);
	snprintf(p, sizeof p, "%s/manifest.json", out);
	json_t *man = json_load_file(p, 0, NULL);
	int want_rejects = 0;
	for (char *line = strtok(exp, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "exit ", 5) == 0) {
			int want = atoi(line + 5);
			if (code != want)
				fail_msg("%s: exit %d, expected %d; stderr: %s", name, code, want, err ? err : "");
			if (want != 0) {
				struct stat sb;
				if (stat(out, &sb) == 0)
					fail_msg("%s: failed run left a report folder", name);
			}
		} else if (strncmp(line, "stderr ", 7) == 0) {
			if (!err || !strstr(err, line + 7))
				fail_msg("%s: stderr lacks \"%s\": %s", name, line + 7, err ? err : "");
			/* one line, naming the problem: nothing like a crash report */
			if (strstr(err, "Sanitizer") || strstr(err, "runtime error"))
				fail_msg("%s: sanitizer report: %s", name, err);
		} else if (strncmp(line, "reject ", 7) == 0) {
			want_rejects++;
			char needle[512];
			snprintf(needle, sizeof needle, "\n%s\n", line + 7);
			if (!rej || !strstr(rej, needle))
				fail_msg("%s: rejects.csv lacks %s:\n%s", name, line + 7, rej ? rej : "(none)");
		} else if (strncmp(line, "metric ", 7) == 0) {
			char needle[512];
			snprintf(needle, sizeof needle, "\n%s\n", line + 7);
			if (!met || !strstr(met, needle))
				fail_msg("%s: metrics.csv lacks %s", name, line + 7);
		} else if (strncmp(line, "count ", 6) == 0) {
			char table[32];
			long long r, a, j, o;
			assert_int_equal(sscanf(line + 6, "%31s %lld %lld %lld %lld", table, &r, &a, &j, &o), 5);
			assert_non_null(man);
			json_t *ins = json_object_get(man, "inputs"), *in;
			size_t i;
			int found = 0;
			json_array_foreach(ins, i, in) {
				if (strcmp(json_string_value(json_object_get(in, "table")), table))
					continue;
				found = 1;
				long long gr = json_integer_value(json_object_get(in, "records_read"));
				long long ga = json_integer_value(json_object_get(in, "accepted"));
				long long gj = json_integer_value(json_object_get(in, "rejected"));
				long long go = json_integer_value(json_object_get(in, "out_of_period"));
				if (gr != r || ga != a || gj != j || go != o)
					fail_msg("%s: %s counts %lld %lld %lld %lld, expected %lld %lld %lld %lld",
						 name, table, gr, ga, gj, go, r, a, j, o);
				assert_int_equal(ga + gj + go, gr); /* nothing lost */
			}
			if (!found)
				fail_msg("%s: no %s in the manifest", name, table);
		}
	}
	if (code == 0) {
		/* every reject is listed: no more lines than expected */
		int lines = 0;
		for (const char *c = rej; c && *c; c++)
			lines += *c == '\n';
		if (lines - 1 != want_rejects)
			fail_msg("%s: %d rejects in rejects.csv, %d expected:\n%s", name, lines - 1, want_rejects, rej);
	}
	json_decref(man);
	free(exp);
	free(err);
	free(rej);
	free(met);
}

#define CASE(n) \
	static void test_##n(void **s) \
	{ \
		(void)s; \
		check_case(#n); \
	}
CASE(nul_byte)
CASE(invalid_utf8)
CASE(big_field)
CASE(unterminated_quote)
CASE(truncated_gzip)
CASE(concatenated_gzip)
CASE(bom_crlf)
CASE(ragged_rows)
CASE(duplicate_header)
CASE(duplicate_ids)
CASE(impossible_dates)
CASE(dst_gap_overlap)
CASE(coordinates)
CASE(population_zero)
CASE(integer_limits)
CASE(empty_file)
CASE(header_only)
CASE(searches_nul_utf8)
CASE(searches_bom_crlf)
CASE(searches_ragged_unterminated)
CASE(searches_limits_and_window)
CASE(searches_truncated_gzip)
CASE(searches_duplicate_header)
CASE(searches_empty_file)
CASE(searches_header_only)
CASE(sharing_damage)
CASE(sharing_empty_file)
CASE(sharing_header_only)
CASE(incidents_damage)
CASE(incidents_truncated_gzip)

static int setup(void **s)
{
	(void)s;
	strcpy(tmp, "/tmp/ae-hostile-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **s)
{
	(void)s;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_big_field),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_truncated_gzip),
		cmocka_unit_test(test_concatenated_gzip),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_ragged_rows),
		cmocka_unit_test(test_duplicate_header),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_impossible_dates),
		cmocka_unit_test(test_dst_gap_overlap),
		cmocka_unit_test(test_coordinates),
		cmocka_unit_test(test_population_zero),
		cmocka_unit_test(test_integer_limits),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_searches_nul_utf8),
		cmocka_unit_test(test_searches_bom_crlf),
		cmocka_unit_test(test_searches_ragged_unterminated),
		cmocka_unit_test(test_searches_limits_and_window),
		cmocka_unit_test(test_searches_truncated_gzip),
		cmocka_unit_test(test_searches_duplicate_header),
		cmocka_unit_test(test_searches_empty_file),
		cmocka_unit_test(test_searches_header_only),
		cmocka_unit_test(test_sharing_damage),
		cmocka_unit_test(test_sharing_empty_file),
		cmocka_unit_test(test_sharing_header_only),
		cmocka_unit_test(test_incidents_damage),
		cmocka_unit_test(test_incidents_truncated_gzip),
	};
	return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
