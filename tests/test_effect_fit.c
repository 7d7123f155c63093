/* test_effect_fit.c — the crime-effect estimator core (src/effect_fit.h):
 * coefficients, the ATT (observed over expected incidents in the treated
 * area-periods, ae_effect_att_totals; and the weighted mean of the
 * coefficients, ae_effect_att) and their leave-one-area-out jackknives
 * against statsmodels' Poisson GLM with area and period dummies refit per left-out area
 * (tests/reference/effect_ref.py -> effect_ref.h), a planted effect on a
 * simulated panel, warm starts, and the degenerate panels. With
 * AE_EFFECT_TIMING=1 it also prints (asserts nothing) the time of one fit and
 * the jackknife on 300 areas x 260 periods; the sanitizer build is slow, so for
 * representative figures build it optimised:
 *   gcc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc -Itests -o build/effect-timing \
 *       tests/test_effect_fit.c src/effect_fit.c src/util.c -lgsl -lgslcblas -lm -lcmocka
 *   AE_EFFECT_TIMING=1 build/effect-timing */
#include "testutil.h"
#include "effect_fit.h"
#include "reference/effect_ref.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <time.h>

#define REL 1e-6

/* b's agree to REL relative, with an absolute floor for coefficients near 0. */
static void assert_coef(double got, double want, const char *what, int k)
{
	if (!(fabs(got - want) <= REL * fmax(fabs(want), 0.05)))
		fail_msg("%s coefficient %d = %.12g, statsmodels %.12g", what, k, got, want);
}

/* One indicator per area-period as cell indices (-1 none), from a dense x. */
static int *cells_of(const double *x, int G, int P, int K)
{
	int *c = malloc((size_t)G * P * sizeof *c);
	for (int j = 0; j < G * P; j++) {
		c[j] = -1;
		for (int k = 0; k < K; k++)
			if (x[(size_t)j * K + k] != 0)
				c[j] = k;
	}
	return c;
}

static void check_case(const effect_ref_case *rc, ae_effect_panel *p)
{
	ae_error e = {0, ""};
	ae_effect_fit *f = NULL;
	if (ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e))
		fail_msg("%s: %s", rc->name, e.msg);
	assert_int_equal(f->n_areas, rc->n_areas);
	assert_int_equal(f->n_zero_areas, rc->G - rc->n_areas);
	for (int k = 0; k < rc->K; k++)
		assert_coef(f->b[k], rc->b[k], rc->name, k);
	assert_close(f->deviance, rc->deviance, REL);
	double *w = malloc((size_t)rc->K * sizeof *w);
	ae_effect_cell_weights(p, f->area_in, w);
	for (int k = 0; k < rc->K; k++)
		assert_double_near(w[k], rc->w[k], 0);
	/* the weighted mean of the coefficients and its jackknife */
	assert_close(ae_effect_att(f, w), rc->att_w, REL);
	ae_effect_att_ci ci;
	double *am = malloc((size_t)rc->G * sizeof *am);
	if (ae_effect_jackknife(p, f, w, NULL, NULL, 0.95, &ci, am, &e))
		fail_msg("%s: %s", rc->name, e.msg);
	for (int g = 0; g < rc->G; g++) {
		if (isnan(rc->att_minus_w[g]))
			assert_true(isnan(am[g]));
		else
			assert_coef(am[g], rc->att_minus_w[g], "mean without the area", g);
	}
	assert_int_equal(ci.G, rc->n_areas);
	assert_close(ci.att, rc->att_w, REL);
	assert_close(ci.se, rc->se_w, REL);
	assert_close(ci.t, rc->t, 1e-9);
	assert_close(ci.ratio, exp(rc->att_w), REL);
	assert_close(ci.lo, rc->lo_w, REL);
	assert_close(ci.hi, rc->hi_w, REL);
	/* the crime effect's ATT, observed over expected (cells designs only) */
	if (!isnan(rc->att)) {
		assert_close(ae_effect_att_totals(p, f), rc->att, REL);
		if (ae_effect_jackknife_totals(p, f, 0.95, &ci, am, &e))
			fail_msg("%s: %s", rc->name, e.msg);
		for (int g = 0; g < rc->G; g++) {
			if (isnan(rc->att_minus[g]))
				assert_true(isnan(am[g]));
			else
				assert_coef(am[g], rc->att_minus[g], "ATT without the area", g);
		}
		assert_int_equal(ci.G, rc->n_areas);
		assert_close(ci.att, rc->att, REL);
		assert_close(ci.se, rc->se, REL);
		assert_close(ci.t, rc->t, 1e-9);
		assert_close(ci.lo, rc->lo, REL);
		assert_close(ci.hi, rc->hi, REL);
	}
	free(w);
	free(am);
	ae_effect_fit_free(f);
}

static void test_against_statsmodels(void **state)
{
	(void)state;
	for (int c = 0; c < EFFECT_REF_NCASES; c++) {
		const effect_ref_case *rc = &effect_ref_cases[c];
		ae_effect_panel *p = NULL;
		ae_error e = {0, ""};
		if (ae_effect_panel_new(&p, rc->G, rc->P, rc->K, rc->y, rc->x, &e))
			fail_msg("%s: %s", rc->name, e.msg);
		check_case(rc, p);
		ae_effect_panel_free(p);
		/* the same through the one-indicator form */
		int *cell = cells_of(rc->x, rc->G, rc->P, rc->K);
		if (ae_effect_panel_new_cells(&p, rc->G, rc->P, rc->K, rc->y, cell, &e))
			fail_msg("%s: %s", rc->name, e.msg);
		check_case(rc, p);
		ae_effect_panel_free(p);
		free(cell);
	}
}

/* A caller's cells callback: the default rule written out, counting calls. */
typedef struct cb_ctx {
	const ae_effect_panel *p;
	size_t K;
	int calls;
} cb_ctx;

static int cells_cb(void *ctx, size_t left_out, const unsigned char *area_in, unsigned char *reg_in, double *w,
		    ae_error *e)
{
	(void)e;
	cb_ctx *c = ctx;
	assert_int_equal(area_in[left_out], 0);
	c->calls++;
	ae_effect_cell_weights(c->p, area_in, w);
	for (size_t k = 0; k < c->K; k++)
		reg_in[k] = reg_in[k] && w[k] > 0;
	return 0;
}

static int cells_stop(void *ctx, size_t left_out, const unsigned char *area_in, unsigned char *reg_in, double *w,
		      ae_error *e)
{
	(void)ctx, (void)area_in, (void)reg_in, (void)w;
	return ae_fail(e, AE_EUSAGE, "stopped at area %zu", left_out);
}

static void test_cells_callback(void **state)
{
	(void)state;
	const effect_ref_case *rc = &effect_ref_cases[0];
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_panel_new(&p, rc->G, rc->P, rc->K, rc->y, rc->x, &e), 0);
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
	cb_ctx c = {p, (size_t)rc->K, 0};
	ae_effect_att_ci ci;
	assert_int_equal(ae_effect_jackknife(p, f, rc->w, cells_cb, &c, 0.95, &ci, NULL, &e), 0);
	assert_int_equal(c.calls, rc->n_areas);
	assert_close(ci.se, rc->se_w, REL);
	assert_int_equal(ae_effect_jackknife(p, f, rc->w, cells_stop, NULL, 0.95, &ci, NULL, &e), AE_EUSAGE);
	assert_string_equal(e.msg, "stopped at area 0");
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
}

/* The zero area of the event case is flagged, and its alpha is NAN. */
static void test_zero_area_and_period_flagged(void **state)
{
	(void)state;
	const effect_ref_case *rc = &effect_ref_cases[1];
	ae_effect_panel *p = NULL;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_panel_new(&p, rc->G, rc->P, rc->K, rc->y, rc->x, &e), 0);
	ae_effect_fit *f = NULL;
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
	assert_int_equal(f->zero_area[6], 1);
	assert_int_equal(f->area_in[6], 0);
	assert_true(isnan(f->alpha[6]));
	assert_true(isinf(f->gamma[0]) && f->gamma[0] < 0);
	assert_true(isfinite(f->gamma[1]));
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
}

/* A staggered panel with cell indicators (cohort x post period); y drawn with
 * log-ratio `effect` on treated area-periods. Returns the panel; *wout the weights. */
typedef struct sim {
	int G, P, K;
	double *y;
	int *cell;
} sim;

static sim simulate(gsl_rng *r, int G, int P, int ntreated, int ncohorts, double effect)
{
	sim s = {G, P, 0, malloc((size_t)G * P * sizeof(double)), malloc((size_t)G * P * sizeof(int))};
	int *first = malloc((size_t)G * sizeof *first), *cohort_start = malloc((size_t)ncohorts * sizeof(int));
	int *cell0 = malloc((size_t)ncohorts * sizeof(int));
	for (int c = 0; c < ncohorts; c++) {
		cohort_start[c] = P / 3 + c * (P / 2 - P / 3) / (ncohorts > 1 ? ncohorts - 1 : 1);
		cell0[c] = s.K;
		s.K += P - cohort_start[c];
	}
	double *gam = malloc((size_t)P * sizeof *gam);
	for (int t = 0; t < P; t++)
		gam[t] = 0.3 * sin(t * 0.5) + gsl_ran_gaussian(r, 0.1);
	for (int i = 0; i < G; i++) {
		first[i] = i < ntreated ? i % ncohorts : -1;
		double a = log(2) + gsl_rng_uniform(r) * log(10);
		for (int t = 0; t < P; t++) {
			int c = first[i];
			int post = c >= 0 && t >= cohort_start[c];
			s.cell[i * P + t] = post ? cell0[c] + t - cohort_start[c] : -1;
			s.y[i * P + t] = gsl_ran_poisson(r, exp(a + gam[t] + (post ? effect : 0)));
		}
	}
	free(first);
	free(cohort_start);
	free(cell0);
	free(gam);
	return s;
}

static void test_planted_effect(void **state)
{
	(void)state;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 20261128);
	double planted = log(0.8);
	sim s = simulate(r, 40, 36, 12, 3, planted);
	ae_effect_panel *p = NULL;
	ae_error e = {0, ""};
	if (ae_effect_panel_new_cells(&p, s.G, s.P, s.K, s.y, s.cell, &e))
		fail_msg("%s", e.msg);
	ae_effect_fit *f = NULL;
	if (ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e))
		fail_msg("%s", e.msg);
	double *w = malloc((size_t)s.K * sizeof *w);
	ae_effect_cell_weights(p, NULL, w);
	ae_effect_att_ci ci;
	if (ae_effect_jackknife(p, f, w, NULL, NULL, 0.95, &ci, NULL, &e))
		fail_msg("%s", e.msg);
	print_message("planted %.4f: ATT %.4f se %.4f ratio %.3f (%.3f .. %.3f), %zu areas\n", planted, ci.att, ci.se,
		      ci.ratio, ci.lo, ci.hi, ci.G);
	assert_double_cmp(ci.se, >, 0);
	assert_double_cmp(fabs(ci.att - planted), <, 3 * ci.se);
	assert_double_cmp(ci.se, <, 0.1);
	assert_double_cmp(ci.lo, <, ci.ratio);
	assert_double_cmp(ci.ratio, <, ci.hi);
	/* the crime effect's ATT (observed over expected) holds the planted ratio too */
	if (ae_effect_jackknife_totals(p, f, 0.95, &ci, NULL, &e))
		fail_msg("%s", e.msg);
	print_message("observed over expected: ATT %.4f se %.4f ratio %.3f (%.3f .. %.3f)\n", ci.att, ci.se, ci.ratio,
		      ci.lo, ci.hi);
	assert_double_cmp(fabs(ci.att - planted), <, 3 * ci.se);
	assert_double_cmp(ci.lo, <, ci.ratio);
	assert_double_cmp(ci.ratio, <, ci.hi);
	/* a warm start from the fit lands on the same point in fewer steps */
	ae_effect_fit *f2 = NULL;
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, f, &f2, &e), 0);
	for (int k = 0; k < s.K; k++)
		assert_double_near(f2->b[k], f->b[k], 1e-7);
	assert_true(f2->iterations <= f->iterations);
	ae_effect_fit_free(f2);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
	free(w);
	free(s.y);
	free(s.cell);
	gsl_rng_free(r);
}

/* The fit on this panel fails with a message holding `want`. */
static void expect_fail(const double *y, const double *x, size_t G, size_t P, size_t K, const char *want)
{
	ae_effect_panel *p = NULL;
	ae_error e = {0, ""};
	int rc = ae_effect_panel_new(&p, G, P, K, y, x, &e);
	ae_effect_fit *f = (ae_effect_fit *)1;
	if (!rc) {
		rc = ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e);
		assert_null(f);
	}
	ae_effect_panel_free(p);
	assert_int_equal(rc, AE_EDATA);
	if (!strstr(e.msg, want))
		fail_msg("message '%s' lacks '%s'", e.msg, want);
}

static void test_degenerate_panels(void **state)
{
	(void)state;
	enum { G = 4, P = 4 };
	double y[G * P], x[G * P];
	for (int j = 0; j < G * P; j++)
		y[j] = 3 + j % 5, x[j] = (j / P == 0 && j % P >= 2); /* area 0 treated from period 2 */
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_panel_new(&p, G, P, 1, y, x, &e), 0);
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);

	double z[G * P] = {0};
	expect_fail(z, x, G, P, 1, "no incidents in any");
	/* one area with incidents */
	double one[G * P] = {0};
	for (int t = 0; t < P; t++)
		one[t] = 5;
	expect_fail(one, x, G, P, 1, "only 1 area with incidents");
	/* every area treated alike: no control */
	double all[G * P];
	for (int j = 0; j < G * P; j++)
		all[j] = j % P >= 2;
	expect_fail(y, all, G, P, 1, "no control areas");
	/* a regressor that is zero everywhere */
	double none[G * P] = {0};
	expect_fail(y, none, G, P, 1, "no variation");
	/* a treated cell with no incidents */
	double sep[G * P];
	memcpy(sep, y, sizeof sep);
	sep[2] = sep[3] = 0;
	expect_fail(sep, x, G, P, 1, "covers no incidents");
	unsigned char flag = 0;
	assert_int_equal(ae_effect_panel_new(&p, G, P, 1, sep, x, &e), 0);
	assert_int_equal(ae_effect_empty_cells(p, NULL, &flag), 1);
	assert_int_equal(flag, 1);
	ae_effect_panel_free(p);
	/* two identical regressors: collinear */
	double two[G * P * 2];
	for (int j = 0; j < G * P; j++)
		two[2 * j] = two[2 * j + 1] = x[j];
	expect_fail(y, two, G, P, 2, "collinear");
	/* negative and non-finite counts */
	double neg[G * P];
	memcpy(neg, y, sizeof neg);
	neg[5] = -1;
	expect_fail(neg, x, G, P, 1, "area 1, period 1 is -1");
	neg[5] = NAN;
	expect_fail(neg, x, G, P, 1, "must be >= 0");
	/* the jackknife: without the only control the refit fails, naming the area */
	double y3[3 * P], x3[3 * P];
	for (int j = 0; j < 3 * P; j++)
		y3[j] = 4 + j % 3, x3[j] = j / P < 2 && j % P >= 2;
	assert_int_equal(ae_effect_panel_new(&p, 3, P, 1, y3, x3, &e), 0);
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
	double w = 4;
	ae_effect_att_ci ci;
	assert_int_equal(ae_effect_jackknife(p, f, &w, NULL, NULL, 0.95, &ci, NULL, &e), AE_EDATA);
	if (!strstr(e.msg, "without area 2") || !strstr(e.msg, "no control areas"))
		fail_msg("jackknife message: %s", e.msg);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Not a test: time of one fit and the jackknife, 300 areas x 260 periods. */
static void timing(int ncohorts, const char *what)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 7);
	sim s = simulate(r, 300, 260, 30, ncohorts, log(0.9));
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_panel_new_cells(&p, s.G, s.P, s.K, s.y, s.cell, &e), 0);
	double t0 = now();
	if (ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e))
		fail_msg("%s", e.msg);
	double t1 = now();
	double *w = malloc((size_t)s.K * sizeof *w);
	ae_effect_cell_weights(p, NULL, w);
	ae_effect_att_ci ci;
	if (ae_effect_jackknife(p, f, w, NULL, NULL, 0.95, &ci, NULL, &e))
		fail_msg("%s", e.msg);
	double t2 = now();
	print_message("timing %s: 300 x 260, K = %d: fit %.3f s (%d Newton steps), jackknife %zu refits %.2f s; "
		      "ratio %.3f (%.3f .. %.3f)\n",
		      what, s.K, t1 - t0, f->iterations, ci.G, t2 - t1, ci.ratio, ci.lo, ci.hi);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
	free(w);
	free(s.y);
	free(s.cell);
	gsl_rng_free(r);
}

static void test_timing(void **state)
{
	(void)state;
	if (!getenv("AE_EFFECT_TIMING")) {
		print_message("timing skipped (AE_EFFECT_TIMING=1 to run it)\n");
		return;
	}
	timing(1, "one cohort");
	timing(5, "five cohorts");
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_statsmodels), cmocka_unit_test(test_zero_area_and_period_flagged),
		cmocka_unit_test(test_cells_callback),      cmocka_unit_test(test_planted_effect),
		cmocka_unit_test(test_degenerate_panels),   cmocka_unit_test(test_timing),
	};
	return cmocka_run_group_tests_name("effect_fit", tests, NULL, NULL);
}
