/* test_effect_fast.c — the crime effect's fast path (src/effect_fast.h) and
 * the event study's inference (src/effect_fit.h): the imputation ATT equal to
 * the general fit on the cells design (random panels) and to statsmodels
 * (tests/reference/effect_ref.h), the fast jackknife equal to the general
 * one (the ATT as observed over expected incidents in the treated
 * area-periods, ae_effect_att_totals, cells with no incidents in), randomization inference the same on one and two threads, the event
 * study's coefficient jackknife and Wald test against statsmodels and scipy,
 * and the degenerate panels. */
#include "testutil.h"
#include "effect_fast.h"
#include "effect_event.h"
#include "effect_fit.h"
#include "reference/effect_ref.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#define EQ 1e-8

static void assert_eq(double got, double want, const char *what, size_t k)
{
	if (!(fabs(got - want) <= EQ * fmax(1, fabs(want))))
		fail_msg("%s %zu = %.15g, want %.15g", what, k, got, want);
}

/* first[i] from a dense cells design: the first period with a nonzero x. */
static int *first_of(const double *x, int G, int P, int K)
{
	int *f = malloc((size_t)G * sizeof *f);
	for (int i = 0; i < G; i++) {
		f[i] = -1;
		for (int t = P - 1; t >= 0; t--)
			for (int k = 0; k < K; k++)
				if (x[((size_t)i * P + t) * K + k] != 0)
					f[i] = t;
	}
	return f;
}

static int general_jackknives; /* comparisons with ae_effect_jackknife_totals made */

/* The general fit's ATT on the cells design of the areas ain. */
static double general_att(const double *y, size_t G, size_t P, const int *first, const unsigned char *ain)
{
	ae_error e = {0, ""};
	size_t K = ae_effect_ncells(y, G, P, first, ain);
	int *cell = malloc(G * P * sizeof *cell);
	unsigned char *kept = malloc(K + 1);
	assert_int_equal(ae_effect_cells_design(y, G, P, first, ain, cell, kept, &e), 0);
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	if (ae_effect_panel_new_cells(&p, G, P, K, y, cell, &e))
		fail_msg("general panel: %s", e.msg);
	if (ae_effect_fit_run(p, ain, kept, NULL, &f, &e))
		fail_msg("general refit: %s", e.msg);
	double att = ae_effect_att_totals(p, f);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
	free(cell);
	free(kept);
	return att;
}

/* The imputation and the general fit on the cells design give the same
 * cells, ATT, period effects and areas; with `jackknife`, the same
 * leave-one-area-out ATTs and interval. */
static void compare_paths(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
			  int jackknife)
{
	ae_error e = {0, ""};
	size_t K = ae_effect_ncells(y, G, P, first, area_in);
	int *cell = malloc(G * P * sizeof *cell);
	unsigned char *kept = malloc(K + 1);
	double *tau = malloc((K + 1) * sizeof *tau), *w = malloc((K + 1) * sizeof *w);
	assert_int_equal(ae_effect_cells_design(y, G, P, first, area_in, cell, kept, &e), 0);
	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result r;
	if (ae_effect_att_imputation(y, G, P, first, area_in, ws, &r, tau, &e))
		fail_msg("imputation: %s", e.msg);
	assert_int_equal(r.ncells, K);
	ae_effect_panel *p = NULL;
	assert_int_equal(ae_effect_panel_new_cells(&p, G, P, K, y, cell, &e), 0);
	ae_effect_fit *f = NULL;
	if (ae_effect_fit_run(p, area_in, kept, NULL, &f, &e))
		fail_msg("general fit: %s", e.msg);
	assert_int_equal(f->n_areas, r.areas);
	size_t nkept = 0;
	for (size_t k = 0; k < K; k++) {
		if (kept[k]) {
			assert_eq(tau[k], f->b[k], "cell", k);
			nkept++;
		} else
			assert_true(isnan(tau[k]));
	}
	/* cells counts the identified ones, those with no incidents (dropped from the fit) too */
	assert_int_equal(nkept, r.cells - r.cells_dropped);
	assert_int_equal(K, r.cells + r.cells_unidentified);
	assert_eq(r.att, ae_effect_att_totals(p, f), "ATT", 0);
	/* the mean of the cells' coefficients (the old ATT) is another number
	 * as soon as the cells' ratios differ */
	ae_effect_cell_weights(p, f->area_in, w);
	double mean_tau = ae_effect_att(f, w);
	if (r.cells_dropped == 0 && r.cells > 1 && fabs(mean_tau - r.att) < 1e-6)
		fail_msg("ATT %.15g equals the mean of the cells' coefficients", r.att);
	/* the period effects too (where the general fit has them) */
	const double *gam = ae_effect_imp_ws_gamma(ws);
	for (size_t t = 0; t < P; t++)
		if (isfinite(f->gamma[t]) && isfinite(gam[t]))
			assert_eq(gam[t] - gam[0], f->gamma[t] - f->gamma[0], "gamma", t);
	if (jackknife) {
		/* the fast jackknife against refits of the general fit, each on the
		 * cells design of the areas left (a cell a refit leaves with no
		 * incidents is dropped there, as in the fast path) */
		ae_effect_att_ci b;
		double *bm = malloc(G * sizeof *bm);
		if (ae_effect_att_jackknife_fast(y, G, P, first, area_in, 0.95, &b, bm, &e))
			fail_msg("fast jackknife: %s", e.msg);
		unsigned char *ain = malloc(G);
		double ss = 0;
		if (b.why_not) /* one treated area: nothing to compare */
			assert_true(isnan(b.se) && isnan(bm[0]));
		for (size_t g = 0; g < G && !b.why_not; g++) {
			if (!f->area_in[g]) {
				assert_true(isnan(bm[g]));
				continue;
			}
			for (size_t i = 0; i < G; i++)
				ain[i] = (!area_in || area_in[i]) && i != g;
			double ag = general_att(y, G, P, first, ain);
			assert_eq(bm[g], ag, "ATT without area", g);
			ss += (ag - r.att) * (ag - r.att);
		}
		assert_int_equal(b.G, f->n_areas);
		if (!b.why_not)
			assert_eq(b.se, sqrt((double)(b.G - 1) / (double)b.G * ss), "se", 0);
		/* and the general jackknife itself, its refits on the full panel with
		 * the cells each refit drops left out */
		ae_effect_att_ci a;
		double *am = malloc(G * sizeof *am);
		if (ae_effect_jackknife_totals(p, f, 0.95, &a, am, &e))
			fail_msg("general jackknife: %s", e.msg);
		assert_eq(a.att, r.att, "jackknife ATT", 0);
		assert_int_equal(a.G, b.G);
		if (b.why_not)
			assert_true(a.why_not && isnan(a.se));
		else {
			for (size_t g = 0; g < G; g++)
				if (isnan(bm[g]))
					assert_true(isnan(am[g]));
				else
					assert_eq(am[g], bm[g], "general jackknife ATT without area", g);
			assert_eq(b.se, a.se, "se", 0);
			assert_eq(b.lo, a.lo, "lo", 0);
			assert_eq(b.hi, a.hi, "hi", 0);
			general_jackknives++;
		}
		free(am);
		free(bm);
		free(ain);
	}
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
	ae_effect_imp_ws_free(ws);
	free(cell);
	free(kept);
	free(tau);
	free(w);
}

/* A random staggered panel: ncoh cohorts, ntr treated areas, small means
 * (zero counts common), overdispersed. */
static double *draw_panel(gsl_rng *r, size_t G, size_t P, size_t ntr, size_t ncoh, double mean, int *first)
{
	double *y = malloc(G * P * sizeof *y);
	double *gam = malloc(P * sizeof *gam);
	for (size_t t = 0; t < P; t++)
		gam[t] = gsl_ran_gaussian(r, 0.2);
	for (size_t i = 0; i < G; i++) {
		first[i] = i < ntr ? (int)(2 + (i % ncoh) * (P - 4) / ncoh) : -1;
		double a = log(mean) + gsl_ran_gaussian(r, 0.6);
		for (size_t t = 0; t < P; t++) {
			double eff = first[i] >= 0 && (int)t >= first[i] ? -0.2 : 0;
			y[i * P + t] = gsl_ran_poisson(r, exp(a + gam[t] + eff) * gsl_ran_gamma(r, 3, 1.0 / 3));
		}
	}
	free(gam);
	return y;
}

static void test_equals_general_fit(void **state)
{
	(void)state;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 1301);
	for (int rep = 0; rep < 30; rep++) {
		size_t G = 8 + gsl_rng_uniform_int(r, 30), P = 8 + gsl_rng_uniform_int(r, 20);
		size_t ncoh = 1 + gsl_rng_uniform_int(r, 5), ntr = ncoh + gsl_rng_uniform_int(r, G / 2);
		if (ntr > G - 3) /* two controls at least besides the all-zero area */
			ntr = G - 3;
		int *first = malloc(G * sizeof *first);
		double *y = draw_panel(r, G, P, ntr, ncoh, 0.5 + 4 * gsl_rng_uniform(r), first);
		if (rep % 3 == 0) /* an area with no incidents at all */
			memset(y + (G - 1) * P, 0, P * sizeof *y);
		if (rep % 4 == 1) /* a cohort-period cell with no incidents */
			for (size_t i = 0; i < G; i++)
				if (first[i] == first[0])
					y[i * P + P - 1] = 0;
		if (rep % 5 == 2 && ntr > ncoh) /* no incidents before the start, some after */
			for (int t = 0; t < first[0]; t++)
				y[t] = 0, y[first[0]] += 1;
		compare_paths(y, G, P, first, NULL, 1);
		free(first);
		free(y);
	}
	print_message("%d of 30 jackknives compared with ae_effect_jackknife_totals\n", general_jackknives);
	gsl_rng_free(r);
}

static void test_against_statsmodels(void **state)
{
	(void)state;
	for (int c = 0; c < EFFECT_REF_NCASES; c++) {
		const effect_ref_case *rc = &effect_ref_cases[c];
		if (strncmp(rc->name, "etwfe", 5))
			continue;
		int *first = first_of(rc->x, rc->G, rc->P, rc->K);
		ae_effect_imp_ws *ws = ae_effect_imp_ws_new(rc->G, rc->P);
		ae_effect_att_result r;
		double *tau = malloc((size_t)rc->K * sizeof *tau), *am = malloc((size_t)rc->G * sizeof *am);
		ae_error e = {0, ""};
		assert_int_equal(ae_effect_ncells(rc->y, rc->G, rc->P, first, NULL), rc->K);
		if (ae_effect_att_imputation(rc->y, rc->G, rc->P, first, NULL, ws, &r, tau, &e))
			fail_msg("%s: %s", rc->name, e.msg);
		for (int k = 0; k < rc->K; k++)
			assert_double_near(tau[k], rc->b[k], 1e-7 * fmax(1, fabs(rc->b[k])));
		/* the reference tells the ATT from the old mean of the coefficients */
		assert_double_cmp(fabs(rc->att - rc->att_w), >, 1e-3);
		assert_double_near(r.att, rc->att, 1e-7);
		assert_int_equal(r.areas, rc->n_areas);
		ae_effect_att_ci ci;
		if (ae_effect_att_jackknife_fast(rc->y, rc->G, rc->P, first, NULL, 0.95, &ci, am, &e))
			fail_msg("%s: %s", rc->name, e.msg);
		assert_close(ci.se, rc->se, 1e-6);
		assert_close(ci.lo, rc->lo, 1e-6);
		assert_close(ci.hi, rc->hi, 1e-6);
		assert_close(ci.t, rc->t, 1e-9);
		for (int g = 0; g < rc->G; g++)
			assert_double_near(am[g], rc->att_minus[g], 1e-7);
		assert_null(ci.why_not);
		/* and the general path on the same panel, through the cells design */
		compare_paths(rc->y, (size_t)rc->G, (size_t)rc->P, first, NULL, 1);
		ae_effect_imp_ws_free(ws);
		free(tau);
		free(am);
		free(first);
	}
}

static void test_warm_start_and_area_in(void **state)
{
	(void)state;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 77);
	size_t G = 40, P = 30;
	int first[40];
	double *y = draw_panel(r, G, P, 12, 3, 3, first);
	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result a, b;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_att_imputation(y, G, P, first, NULL, ws, &a, NULL, &e), 0);
	assert_int_equal(ae_effect_att_imputation(y, G, P, first, NULL, ws, &b, NULL, &e), 0);
	assert_double_near(a.att, b.att, 1e-12);
	assert_true(b.sweeps <= 2);
	/* leaving areas out through area_in equals the general fit with the same area_in */
	unsigned char ain[40];
	for (size_t i = 0; i < G; i++)
		ain[i] = i % 7 != 3;
	compare_paths(y, G, P, first, ain, 0);
	ae_effect_imp_ws *ws2 = ae_effect_imp_ws_new(G, P + 1);
	assert_int_equal(ae_effect_att_imputation(y, G, P, first, NULL, ws2, &b, NULL, &e), AE_EUSAGE);
	ae_effect_imp_ws_free(ws2);
	ae_effect_imp_ws_free(ws);
	free(y);
	gsl_rng_free(r);
}

static void test_randomization(void **state)
{
	(void)state;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 99);
	size_t G = 60, P = 40;
	int first[60];
	double *y = draw_panel(r, G, P, 12, 3, 4, first);
	ae_effect_ri_result *one = NULL, *two = NULL, *again = NULL;
	ae_error e = {0, ""};
	if (ae_effect_ri(y, G, P, first, NULL, 199, 42, 1, &one, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(ae_effect_ri(y, G, P, first, NULL, 199, 42, 2, &two, &e), 0);
	assert_int_equal(ae_effect_ri(y, G, P, first, NULL, 199, 43, 2, &again, &e), 0);
	assert_memory_equal(one->perm_att, two->perm_att, 199 * sizeof(double));
	assert_int_equal(one->k, two->k);
	assert_true(memcmp(one->perm_att, again->perm_att, 199 * sizeof(double)) != 0);
	size_t k = 0;
	for (size_t q = 0; q < 199; q++)
		k += !isfinite(one->perm_att[q]) || fabs(one->perm_att[q]) >= fabs(one->att) * (1 - 1e-12);
	assert_int_equal(k, one->k);
	assert_double_near(one->p, (double)(k + 1) / 200, 1e-15);
	print_message("RI: ATT %.4f, k %zu of 199, p %.3f\n", one->att, one->k, one->p);
	/* a planted effect far outside the permutations' spread */
	for (size_t i = 0; i < 12; i++)
		for (size_t t = (size_t)first[i]; t < P; t++)
			y[i * P + t] *= 3;
	ae_effect_ri_result *big = NULL;
	assert_int_equal(ae_effect_ri(y, G, P, first, NULL, 99, 42, 2, &big, &e), 0);
	assert_int_equal(big->k, 0);
	assert_double_near(big->p, 0.01, 1e-15);
	ae_effect_ri_result *none = NULL;
	assert_int_equal(ae_effect_ri(y, G, P, first, NULL, 99, 42, 3, &none, &e), AE_EUSAGE);
	assert_null(none);
	ae_effect_ri_free(one);
	ae_effect_ri_free(two);
	ae_effect_ri_free(again);
	ae_effect_ri_free(big);
	free(y);
	gsl_rng_free(r);
}

/* A permutation that keeps no cell counts as at least as large. */
static void test_randomization_empty_permutation(void **state)
{
	(void)state;
	/* area 2 has incidents only in period 1: a permutation that treats it
	 * from period 3 leaves every cell empty */
	enum { G = 3, P = 6 };
	double y[G * P] = {4, 5, 6, 3, 2, 5, 3, 4, 2, 5, 6, 3, 0, 0, 0, 0, 0, 0};
	int first[G] = {3, -1, -1};
	y[2 * P + 1] = 1; /* area 2: incidents only before period 3 */
	ae_effect_ri_result *ri = NULL;
	ae_error e = {0, ""};
	if (ae_effect_ri(y, G, P, first, NULL, 50, 1, 1, &ri, &e))
		fail_msg("%s", e.msg);
	assert_true(ri->nempty > 0);
	size_t k = 0;
	for (size_t q = 0; q < ri->nperm; q++)
		k += !isfinite(ri->perm_att[q]) || fabs(ri->perm_att[q]) >= fabs(ri->att) * (1 - 1e-12);
	assert_int_equal(k, ri->k);
	ae_effect_ri_free(ri);
}

static void test_event_study_inference(void **state)
{
	(void)state;
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_panel_new(&p, EVENT_REF_G, EVENT_REF_P, EVENT_REF_K, event_10x12_y, event_10x12_x,
					     &e),
			 0);
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
	for (int k = 0; k < EVENT_REF_K; k++)
		assert_double_near(f->b[k], event_10x12_b[k], 1e-7);
	ae_effect_coef_ci *c = NULL;
	if (ae_effect_jackknife_coef(p, f, 0.95, &c, &e))
		fail_msg("%s", e.msg);
	assert_null(c->why_not);
	assert_int_equal(c->G, EVENT_REF_N);
	assert_close(c->t, event_10x12_t, 1e-9);
	for (int j = 0; j < EVENT_REF_G * EVENT_REF_K; j++)
		assert_double_near(c->bminus[j], event_10x12_bminus[j], 1e-7);
	for (int j = 0; j < EVENT_REF_K * EVENT_REF_K; j++)
		assert_double_near(c->V[j], event_10x12_V[j], 1e-8);
	for (int k = 0; k < EVENT_REF_K; k++) {
		assert_close(c->lo[k], event_10x12_lo[k], 1e-6);
		assert_close(c->hi[k], event_10x12_hi[k], 1e-6);
	}
	double F, pv;
	const char *why = "x";
	size_t S[EVENT_REF_NPRE];
	for (int u = 0; u < EVENT_REF_NPRE; u++)
		S[u] = event_10x12_pre[u];
	assert_int_equal(ae_effect_wald(f->b, c->V, EVENT_REF_K, S, EVENT_REF_NPRE, c->G, &F, &pv, &why, &e), 0);
	assert_null(why);
	assert_close(F, event_10x12_F, 1e-6);
	assert_close(pv, event_10x12_p, 1e-6);
	/* the Wald test's refusals: NAN with a reason */
	assert_int_equal(ae_effect_wald(f->b, c->V, EVENT_REF_K, S, 0, c->G, &F, &pv, &why, &e), 0);
	assert_true(isnan(F) && isnan(pv) && strstr(why, "no coefficient"));
	assert_int_equal(ae_effect_wald(f->b, c->V, EVENT_REF_K, S, 2, 2, &F, &pv, &why, &e), 0);
	assert_true(isnan(pv) && strstr(why, "degrees of freedom"));
	double sing[4] = {1, 1, 1, 1}, b2[2] = {0.1, 0.2};
	size_t S2[2] = {0, 1};
	assert_int_equal(ae_effect_wald(b2, sing, 2, S2, 2, 10, &F, &pv, &why, &e), 0);
	assert_true(isnan(F) && strstr(why, "singular"));
	S2[1] = 5;
	assert_int_equal(ae_effect_wald(b2, sing, 2, S2, 2, 10, &F, &pv, &why, &e), AE_EUSAGE);
	ae_effect_coef_ci_free(c);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
}

/* An event time only one area reaches: left out of that area's refit, its
 * variance (row and column of V) is NAN, the others are not; the Wald test on
 * it says why. */
static void test_event_time_one_area(void **state)
{
	(void)state;
	enum { G = 6, P = 8, K = 3 };
	double y[G * P];
	int cell[G * P];
	for (int j = 0; j < G * P; j++)
		y[j] = 3 + (j * 7) % 5, cell[j] = -1;
	/* areas 0 and 1 treated at 4: event times -2 (k0), 0 (k1); area 0 alone reaches +3 (k2) */
	for (int i = 0; i < 2; i++) {
		cell[i * P + 2] = 0;
		for (int t = 4; t < P; t++)
			cell[i * P + t] = 1;
	}
	cell[7] = 2;
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	ae_error e = {0, ""};
	assert_int_equal(ae_effect_panel_new_cells(&p, G, P, K, y, cell, &e), 0);
	assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
	ae_effect_coef_ci *c = NULL;
	if (ae_effect_jackknife_coef(p, f, 0.95, &c, &e))
		fail_msg("%s", e.msg);
	assert_true(isnan(c->V[2 * K + 2]) && isnan(c->V[0 * K + 2]) && isnan(c->lo[2]));
	assert_true(isfinite(c->V[0]) && isfinite(c->V[K + 1]) && isfinite(c->lo[0]));
	assert_true(isnan(c->bminus[0 * K + 2]) && isfinite(c->bminus[1 * K + 2]));
	double F, pv;
	const char *why = NULL;
	size_t S[2] = {0, 2};
	assert_int_equal(ae_effect_wald(f->b, c->V, K, S, 2, c->G, &F, &pv, &why, &e), 0);
	assert_true(isnan(F) && strstr(why, "not defined"));
	ae_effect_coef_ci_free(c);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
}

static void test_degenerate(void **state)
{
	(void)state;
	enum { G = 5, P = 6 };
	double y[G * P];
	for (int j = 0; j < G * P; j++)
		y[j] = 2 + (j * 5) % 7;
	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result r;
	ae_error e = {0, ""};
	ae_effect_att_ci ci;
	/* no control area */
	int all[G] = {2, 3, 3, 4, 2};
	assert_int_equal(ae_effect_att_imputation(y, G, P, all, NULL, ws, &r, NULL, &e), AE_EDATA);
	assert_non_null(strstr(e.msg, "no control areas"));
	assert_true(isnan(r.att));
	assert_int_equal(ae_effect_att_jackknife_fast(y, G, P, all, NULL, 0.95, &ci, NULL, &e), AE_EDATA);
	/* one treated area: the estimate, the interval NAN and why */
	int one[G] = {3, -1, -1, -1, -1};
	assert_int_equal(ae_effect_att_imputation(y, G, P, one, NULL, ws, &r, NULL, &e), 0);
	assert_int_equal(r.treated_areas, 1);
	assert_int_equal(ae_effect_att_jackknife_fast(y, G, P, one, NULL, 0.95, &ci, NULL, &e), 0);
	assert_true(isfinite(ci.att) && isnan(ci.se) && isnan(ci.lo) && isnan(ci.hi));
	assert_non_null(strstr(ci.why_not, "only one treated area"));
	compare_paths(y, G, P, one, NULL, 0);
	{ /* the general jackknife says the same */
		size_t K = ae_effect_ncells(y, G, P, one, NULL);
		int cell[G * P];
		assert_int_equal(ae_effect_cells_design(y, G, P, one, NULL, cell, NULL, &e), 0);
		ae_effect_panel *p = NULL;
		ae_effect_fit *f = NULL;
		assert_int_equal(ae_effect_panel_new_cells(&p, G, P, K, y, cell, &e), 0);
		assert_int_equal(ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e), 0);
		ae_effect_att_ci g;
		assert_int_equal(ae_effect_jackknife_totals(p, f, 0.95, &g, NULL, &e), 0);
		assert_true(isnan(g.se) && g.why_not);
		assert_double_near(g.att, ci.att, 1e-8);
		ae_effect_coef_ci *c = NULL;
		assert_int_equal(ae_effect_jackknife_coef(p, f, 0.95, &c, &e), 0);
		assert_true(c->why_not && isnan(c->V[0]));
		ae_effect_coef_ci_free(c);
		ae_effect_fit_free(f);
		ae_effect_panel_free(p);
	}
	/* an all-zero area drops out, flagged */
	int two[G] = {3, 4, -1, -1, -1};
	double z[G * P];
	memcpy(z, y, sizeof z);
	memset(z + 4 * P, 0, P * sizeof *z);
	assert_int_equal(ae_effect_att_imputation(z, G, P, two, NULL, ws, &r, NULL, &e), 0);
	assert_int_equal(r.zero_areas, 1);
	assert_int_equal(r.areas, 4);
	assert_true(isnan(ae_effect_imp_ws_alpha(ws)[4]));
	compare_paths(z, G, P, two, NULL, 1);
	/* a cell with no incidents: dropped from the fit, counted, and in the ATT
	 * as observed 0 against its expected count */
	z[0 * P + 5] = 0;
	double tau[7];
	assert_int_equal(ae_effect_ncells(z, G, P, two, NULL), 5);
	assert_int_equal(ae_effect_att_imputation(z, G, P, two, NULL, ws, &r, tau, &e), 0);
	assert_int_equal(r.cells_dropped, 1);
	assert_int_equal(r.cells, 5);
	assert_true(isnan(tau[2]));
	compare_paths(z, G, P, two, NULL, 0);
	/* a cohort with no incidents before its start: its cells are not identified */
	memcpy(z, y, sizeof z);
	for (int t = 0; t < 4; t++)
		z[1 * P + t] = 0;
	assert_int_equal(ae_effect_att_imputation(z, G, P, two, NULL, ws, &r, tau, &e), 0);
	assert_int_equal(r.cells_unidentified, 2);
	assert_int_equal(r.areas, 4);
	compare_paths(z, G, P, two, NULL, 0);
	/* a period with no untreated incidents */
	memcpy(z, y, sizeof z);
	for (int i = 2; i < G; i++)
		z[i * P + 5] = 0;
	z[1 * P + 5] = 0;
	assert_int_equal(ae_effect_att_imputation(z, G, P, two, NULL, ws, &r, tau, &e), 0);
	/* both cohorts' cells of that period (area 1's holds no incidents either) */
	assert_int_equal(r.cells_unidentified, 2);
	assert_int_equal(r.cells_dropped, 0);
	assert_true(isnan(tau[2]) && isnan(tau[4]));
	compare_paths(z, G, P, two, NULL, 0);
	/* every treated cell empty: observed 0 against the expected, ATT -inf, not
	 * an error; the jackknife and RI refuse */
	memcpy(z, y, sizeof z);
	for (int t = 3; t < P; t++)
		z[t] = 0;
	assert_int_equal(ae_effect_att_imputation(z, G, P, one, NULL, ws, &r, NULL, &e), 0);
	assert_true(isinf(r.att) && r.att < 0);
	assert_int_equal(r.cells, 3);
	assert_int_equal(r.cells_dropped, 3);
	assert_int_equal(ae_effect_att_jackknife_fast(z, G, P, one, NULL, 0.95, &ci, NULL, &e), AE_EDATA);
	ae_effect_ri_result *ri = NULL;
	assert_int_equal(ae_effect_ri(z, G, P, one, NULL, 9, 1, 1, &ri, &e), AE_EDATA);
	assert_null(ri);
	/* no cell identified (the one cohort has no incidents before its start): no ATT */
	memcpy(z, y, sizeof z);
	for (int t = 0; t < 3; t++)
		z[t] = 0;
	assert_int_equal(ae_effect_att_imputation(z, G, P, one, NULL, ws, &r, NULL, &e), 0);
	assert_true(isnan(r.att));
	assert_int_equal(r.cells, 0);
	assert_int_equal(r.cells_unidentified, 3);
	assert_int_equal(ae_effect_att_jackknife_fast(z, G, P, one, NULL, 0.95, &ci, NULL, &e), AE_EDATA);
	/* bad inputs */
	int bad[G] = {6, -1, -1, -1, -1};
	assert_int_equal(ae_effect_att_imputation(y, G, P, bad, NULL, ws, &r, NULL, &e), AE_EDATA);
	assert_non_null(strstr(e.msg, "first treated period 6 of area 0"));
	memcpy(z, y, sizeof z);
	z[7] = -1;
	assert_int_equal(ae_effect_att_imputation(z, G, P, one, NULL, ws, &r, NULL, &e), AE_EDATA);
	assert_non_null(strstr(e.msg, "area 1, period 1"));
	assert_int_equal(ae_effect_ri(y, G, P, one, NULL, 0, 1, 1, &ri, &e), AE_EUSAGE);
	/* the only control left out: the jackknife names the area */
	int most[G] = {2, 3, 3, 4, -1};
	assert_int_equal(ae_effect_att_jackknife_fast(y, G, P, most, NULL, 0.95, &ci, NULL, &e), AE_EDATA);
	assert_non_null(strstr(e.msg, "without area 4"));
	ae_effect_imp_ws_free(ws);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equals_general_fit),
		cmocka_unit_test(test_against_statsmodels),
		cmocka_unit_test(test_warm_start_and_area_in),
		cmocka_unit_test(test_randomization),
		cmocka_unit_test(test_randomization_empty_permutation),
		cmocka_unit_test(test_event_study_inference),
		cmocka_unit_test(test_event_time_one_area),
		cmocka_unit_test(test_degenerate),
	};
	return cmocka_run_group_tests_name("effect_fast", tests, NULL, NULL);
}
