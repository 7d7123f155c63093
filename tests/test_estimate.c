/* test_estimate.c — interval methods against values from independent
 * sources: tests/reference/intervals_ref.h (statsmodels 0.13.5 / scipy 1.10.1,
 * each value re-checked with mpmath at 50 digits; see that file's header) and
 * the reference values printed in METRICS.md. */
#include "testutil.h"
#include "estimate.h"
#include "study.h"
#include "../tests/reference/intervals_ref.h"
#include <gsl/gsl_errno.h>
#include <string.h>

#define REL 1e-9

static void test_metrics_md_reference_values(void **state)
{
	(void)state;
	ae_ci c;
	/* METRICS.md "Reference values (for tests; from R / scipy, 95 %)" */
	ae_wilson(7, 50, 0.95, &c);
	assert_double_near(c.lo, 0.0695083343, 1e-10);
	assert_double_near(c.hi, 0.2618619371, 1e-10);
	ae_clopper_pearson(7, 50, 0.95, &c);
	assert_double_near(c.lo, 0.0581917003, 1e-10);
	assert_double_near(c.hi, 0.2673960025, 1e-10);
	ae_jeffreys(7, 50, 0.95, &c);
	assert_double_near(c.lo, 0.0648717012, 1e-10);
	assert_double_near(c.hi, 0.2553250282, 1e-10);
	ae_wilson(0, 20, 0.95, &c);
	assert_double_near(c.lo, 0, 0);
	assert_double_near(c.hi, 0.1611251581, 1e-10);
	ae_clopper_pearson(0, 20, 0.95, &c);
	assert_double_near(c.lo, 0, 0);
	assert_double_near(c.hi, 0.1684334710, 1e-10);
	ae_wilson(20, 20, 0.95, &c);
	assert_double_near(c.lo, 0.8388748419, 1e-10);
	assert_double_near(c.hi, 1, 0);
	ae_clopper_pearson(20, 20, 0.95, &c);
	assert_double_near(c.lo, 0.8315665290, 1e-10);
	assert_double_near(c.hi, 1, 0);
	ae_wilson(210, 489286, 0.95, &c); /* Irvine PD 2016 */
	assert_double_near(c.lo, 0.000374950282, 1e-12);
	assert_double_near(c.hi, 0.000491287728, 1e-12);
	ae_poisson_exact(0, 0.95, &c);
	assert_double_near(c.lo, 0, 0);
	assert_double_near(c.hi, 3.688879454, 1e-9);
	ae_poisson_exact(5, 0.95, &c);
	assert_double_near(c.lo, 1.623486390, 1e-9);
	assert_double_near(c.hi, 11.66833208, 1e-8);
	ae_poisson_exact(37, 0.95, &c);
	assert_double_near(c.lo, 26.05141457, 1e-8);
	assert_double_near(c.hi, 50.99962614, 1e-8);
}

static void test_library_reference_table(void **state)
{
	(void)state;
	int checked = 0;
	for (size_t i = 0; i < INTERVAL_REFS_N; i++) {
		const interval_ref *r = &INTERVAL_REFS[i];
		ae_ci c;
		if (strcmp(r->method, "wilson") == 0)
			assert_int_equal(ae_wilson((double)r->x, (double)r->n, r->conf, &c), 0);
		else if (strcmp(r->method, "clopper_pearson") == 0)
			assert_int_equal(ae_clopper_pearson((double)r->x, (double)r->n, r->conf, &c), 0);
		else if (strcmp(r->method, "jeffreys") == 0)
			assert_int_equal(ae_jeffreys((double)r->x, (double)r->n, r->conf, &c), 0);
		else if (strcmp(r->method, "poisson_exact") == 0)
			assert_int_equal(ae_poisson_exact((double)r->x, r->conf, &c), 0);
		else
			continue; /* jeffreys_sm: statsmodels without the boundary convention */
		if (!ae_close(c.lo, r->lo, REL) || !ae_close(c.hi, r->hi, REL))
			fail_msg("%s %lld/%lld @%.2f: %.17g..%.17g, reference %.17g..%.17g", r->method, r->x, r->n,
				 r->conf, c.lo, c.hi, r->lo, r->hi);
		checked++;
	}
	assert_true(checked > 60);
}

static void test_cluster_reference(void **state)
{
	(void)state;
	for (size_t i = 0; i < CLUSTER_REFS_N; i++) {
		const cluster_ref *r = &CLUSTER_REFS[i];
		ae_cluster c;
		ae_cluster_init(&c, (double)r->R, (double)r->H);
		for (int k = 0; k < r->nclusters; k++)
			ae_cluster_add(&c, (double)r->reads[k], (double)r->events[k]);
		ae_ci ci;
		double df;
		assert_int_equal(ae_cluster_ci(&c, r->conf, r->cap ? AE_PROPORTION : AE_RATE, CI_WILSON, &ci, &df), 0);
		assert_true(df >= 1);
		assert_close(c.C, (double)r->nclusters, 0);
		assert_close(ci.est * r->scale, r->estimate, REL);
		assert_close(ci.lo * r->scale, r->lo, REL);
		assert_close(ci.hi * r->scale, r->hi, REL);
	}
}

static void test_undefined_without_denominator(void **state)
{
	(void)state;
	ae_ci c;
	assert_int_equal(ae_wilson(0, 0, 0.95, &c), -1);
	assert_int_equal(ae_clopper_pearson(0, 0, 0.95, &c), -1);
	assert_int_equal(ae_jeffreys(0, 0, 0.95, &c), -1);
	ae_cluster cl;
	ae_cluster_init(&cl, 0, 0);
	assert_int_equal(ae_cluster_ci(&cl, 0.95, AE_PROPORTION, CI_WILSON, &c, NULL), -1); /* no units */
	ae_cluster_init(&cl, 5, 1);
	ae_cluster_add(&cl, 5, 1);
	assert_int_equal(ae_cluster_ci(&cl, 0.95, AE_PROPORTION, CI_WILSON, &c, NULL), 1); /* one vehicle */
	assert_double_near(c.est, 0.2, 1e-15);
	assert_true(isnan(c.lo) && isnan(c.hi));
}

/* Zero events, all events, or no spread: the study's binomial interval of E
 * of N (doc/metrics.md), never a zero-width one. */
static void test_cluster_boundaries_fall_back_to_binomial(void **state)
{
	(void)state;
	ae_cluster cl;
	ae_ci c, w;
	double df;
	ae_cluster_init(&cl, 20, 0);
	for (int k = 0; k < 4; k++)
		ae_cluster_add(&cl, 5, 0);
	assert_int_equal(ae_cluster_ci(&cl, 0.95, AE_PROPORTION, CI_WILSON, &c, &df), 0);
	ae_wilson(0, 20, 0.95, &w);
	assert_double_near(c.lo, 0, 0);
	assert_double_near(c.hi, 0.1611251581, 1e-9); /* METRICS.md: wilson 0 of 20 */
	assert_double_near(c.hi, w.hi, 0);
	assert_true(isnan(df));
	ae_cluster_init(&cl, 20, 20);
	for (int k = 0; k < 4; k++)
		ae_cluster_add(&cl, 5, 5);
	assert_int_equal(ae_cluster_ci(&cl, 0.95, AE_PROPORTION, CI_CLOPPER_PEARSON, &c, NULL), 0);
	assert_double_near(c.lo, 0.8315665290, 1e-9); /* METRICS.md: clopper_pearson 20 of 20 */
	assert_double_near(c.hi, 1, 0);
	/* every vehicle at the same rate: V = 0 */
	ae_cluster_init(&cl, 20, 4);
	for (int k = 0; k < 4; k++)
		ae_cluster_add(&cl, 5, 1);
	assert_int_equal(ae_cluster_ci(&cl, 0.95, AE_PROPORTION, CI_WILSON, &c, NULL), 0);
	ae_wilson(4, 20, 0.95, &w);
	assert_double_near(c.lo, w.lo, 0);
	assert_double_near(c.hi, w.hi, 0);
	assert_double_cmp(c.hi, >, c.lo);
}

/* An outcome with no known vehicle is a cluster of its own (n 0, e 1):
 * hand sums checked with scipy (doc/metrics.md, outcomes_per_million_reads). */
static void test_cluster_unplaced_event(void **state)
{
	(void)state;
	ae_cluster cl;
	ae_ci c;
	double df;
	ae_cluster_init(&cl, 40, 3);
	ae_cluster_add(&cl, 10, 2);
	ae_cluster_add(&cl, 20, 0);
	ae_cluster_add(&cl, 10, 0);
	ae_cluster_add_unplaced(&cl, 1);
	assert_close(cl.C, 4, 0);
	assert_int_equal(ae_cluster_ci(&cl, 0.95, AE_RATE, CI_WILSON, &c, &df), 0);
	assert_double_near(df, 3.275465013, 1e-9);
	assert_double_near(c.lo, 0.004993134236, 1e-11);
	assert_double_near(c.hi, 1.126546921, 1e-8);
}

/* quasi_poisson_days at Y = 0: 0 .. the exact Poisson upper bound of a zero count. */
static void test_quasi_poisson_zero_count(void **state)
{
	(void)state;
	uint64_t y[7] = {0};
	ae_ci c;
	assert_int_equal(ae_quasi_poisson(y, 7, 1, 0.95, &c), 0);
	assert_double_near(c.est, 0, 0);
	assert_double_near(c.lo, 0, 0);
	assert_double_near(c.hi, 3.688879454, 1e-9);
}

static void test_binomial_dispatch(void **state)
{
	(void)state;
	ae_ci a, b;
	ae_binomial(CI_JEFFREYS, 7, 50, 0.95, &a);
	ae_jeffreys(7, 50, 0.95, &b);
	assert_double_near(a.lo, b.lo, 0);
	assert_double_near(a.hi, b.hi, 0);
	ae_binomial(CI_CLOPPER_PEARSON, 7, 50, 0.95, &a);
	ae_clopper_pearson(7, 50, 0.95, &b);
	assert_double_near(a.lo, b.lo, 0);
	assert_double_near(a.hi, b.hi, 0);
	/* Jeffreys boundary convention (Brown, Cai & DasGupta 2001): 0 at x=0, 1 at x=n. */
	ae_jeffreys(0, 30, 0.95, &a);
	assert_double_near(a.lo, 0, 0);
	assert_double_cmp(a.hi, >, 0);
	ae_jeffreys(30, 30, 0.95, &a);
	assert_double_near(a.hi, 1, 0);
	assert_double_cmp(a.lo, <, 1);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metrics_md_reference_values),
		cmocka_unit_test(test_library_reference_table),
		cmocka_unit_test(test_cluster_reference),
		cmocka_unit_test(test_cluster_boundaries_fall_back_to_binomial),
		cmocka_unit_test(test_cluster_unplaced_event),
		cmocka_unit_test(test_quasi_poisson_zero_count),
		cmocka_unit_test(test_undefined_without_denominator),
		cmocka_unit_test(test_binomial_dispatch),
	};
	return cmocka_run_group_tests_name("estimate", tests, NULL, NULL);
}
