/* test_fastpath.c — the fast path for plain records and libcsv give the
 * same records: every study of the test corpus (hand-made, reference,
 * samples, the hostile cases that run) is run both ways (ae_run_options
 * fast_path 1 and 0) and must give the same counts, the same rejects at the
 * same lines and the same rows. */
#include "testutil.h"
#include <gsl/gsl_errno.h>
#include <math.h>

static int same_num(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

static void run_fast_path(run *r, const char *study, int on)
{
	ae_run_options o;
	run_options(&o, study);
	o.fast_path = on;
	if (run_with(r, &o))
		fail_msg("%s (fast path %s): %s", study, on ? "on" : "off", r->err.msg);
}

static void compare(const char *study)
{
	run a, b;
	run_fast_path(&a, study, 1);
	run_fast_path(&b, study, 0);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *x = &a.acc.tables[t], *y = &b.acc.tables[t];
		if (x->read != y->read || x->accepted != y->accepted || x->rejected != y->rejected ||
		    x->out_of_period != y->out_of_period)
			fail_msg("%s: table %d counts differ", study, t);
	}
	assert_int_equal(a.acc.nrejects, b.acc.nrejects);
	for (size_t i = 0; i < a.acc.nrejects; i++) {
		const ae_reject *x = &a.acc.rejects[i], *y = &b.acc.rejects[i];
		if (x->table != y->table || x->line != y->line || x->col != y->col || x->reason != y->reason ||
		    (x->detail == NULL) != (y->detail == NULL) || (x->detail && strcmp(x->detail, y->detail)))
			fail_msg("%s: reject %zu differs (line %ld vs %ld)", study, i, x->line, y->line);
	}
	assert_int_equal(a.t->n, b.t->n);
	for (size_t i = 0; i < a.t->n; i++) {
		const ae_row *x = &a.t->rows[i], *y = &b.t->rows[i];
		if (strcmp(x->metric, y->metric) || strcmp(x->dimension, y->dimension) || strcmp(x->group, y->group) ||
		    strcmp(x->method, y->method) || !same_num(x->est, y->est) || !same_num(x->lo, y->lo) ||
		    !same_num(x->hi, y->hi) || !same_num(x->num, y->num) || !same_num(x->den, y->den))
			fail_msg("%s: row %zu (%s,%s,%s,%s) differs: est lo hi num den %.17g %.17g %.17g %.17g %.17g "
				 "with the fast path, %.17g %.17g %.17g %.17g %.17g without",
				 study, i, x->metric, x->dimension, x->group, x->method, x->est, x->lo, x->hi, x->num,
				 x->den, y->est, y->lo, y->hi, y->num, y->den);
	}
	run_free(&a);
	run_free(&b);
}

static void test_reference_and_sample_studies(void **state)
{
	(void)state;
	static const char *const studies[] = {"tests/data/tiny/study.ini", "tests/data/tiny-exposure/study.ini",
					      "analysis/census-tracts.ini", "analysis/other-agency.ini",
					      "analysis/sample-city.ini"};
	for (size_t i = 0; i < sizeof studies / sizeof studies[0]; i++)
		compare(studies[i]);
}

static void test_hostile_cases(void **state)
{
	(void)state;
	const char *const *cases = hostile_runnable;
	for (size_t i = 0; i < N_HOSTILE_RUNNABLE; i++) {
		char p[128];
		snprintf(p, sizeof p, "tests/hostile/%s/study.ini", cases[i]);
		compare(p);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_and_sample_studies),
		cmocka_unit_test(test_hostile_cases),
	};
	return cmocka_run_group_tests_name("fastpath", tests, NULL, NULL);
}
