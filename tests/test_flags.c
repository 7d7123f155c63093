/* test_flags.c — the briefing's few-vehicles flag (table.h AE_FEW): the
 * vehicles behind each cluster_plate row's events and, for the rates over
 * reads, those with repeated events, against an independent count
 * (tests/reference/flags_ref.py, tests/data/tiny/expected_flags.csv); and
 * the flag's rule itself. */
#include "testutil.h"
#include <stdlib.h>
#include <string.h>

static void test_counts_match_reference(void **state)
{
	(void)state;
	run r;
	run_study(&r, "tests/data/tiny/study.ini");
	FILE *f = fopen("tests/data/tiny/expected_flags.csv", "r");
	assert_non_null(f);
	char line[512];
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	size_t checked = 0, with_repeat = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *c[5], *p = line;
		for (int k = 0; k < 5; k++) {
			c[k] = p;
			p = strchr(p, ',');
			if (k < 4) {
				assert_non_null(p);
				*p++ = '\0';
			}
		}
		const ae_row *row = ae_table_find(r.t, c[0], c[1], c[2], "cluster_plate");
		if (!row)
			fail_msg("no cluster_plate row %s,%s,%s", c[0], c[1], c[2]);
		if (!ae_close(row->vehicles, atof(c[3]), 0))
			fail_msg("%s,%s,%s: %g vehicles, reference %s", c[0], c[1], c[2], row->vehicles, c[3]);
		if (*c[4]) {
			with_repeat++;
			if (!ae_close(row->repeat, atof(c[4]), 0))
				fail_msg("%s,%s,%s: %g repeating, reference %s", c[0], c[1], c[2], row->repeat, c[4]);
		} else if (!isnan(row->repeat)) {
			fail_msg("%s,%s,%s: a share of alerts has a repeat count", c[0], c[1], c[2]);
		}
		checked++;
	}
	fclose(f);
	assert_true(checked >= 50 && with_repeat >= 20);
	/* every clustered row with events is in the reference */
	size_t ours = 0;
	for (size_t i = 0; i < r.t->n; i++)
		ours += strcmp(r.t->rows[i].method, "cluster_plate") == 0 && r.t->rows[i].vehicles > 0;
	assert_int_equal(ours, checked);
	run_free(&r);
}

static ae_row row_of(double vehicles, double repeat)
{
	ae_row r;
	memset(&r, 0, sizeof r);
	r.vehicles = vehicles;
	r.repeat = repeat;
	return r;
}

static void test_rule(void **state)
{
	(void)state;
	ae_row r = row_of(NAN, NAN); /* not a clustered row */
	assert_false(AE_FEW(&r));
	r = row_of(29, NAN);
	assert_true(AE_FEW(&r));
	r = row_of(30, NAN); /* a share of alerts: the first count alone */
	assert_false(AE_FEW(&r));
	r = row_of(400, 29); /* many vehicles, few of them repeating: a hotlist's rate */
	assert_true(AE_FEW(&r));
	r = row_of(400, 30);
	assert_false(AE_FEW(&r));
	r = row_of(400, 0); /* every alert from a different vehicle */
	assert_true(AE_FEW(&r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_match_reference),
		cmocka_unit_test(test_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
