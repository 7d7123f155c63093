/* bench_effect.c — the crime effect's run time at size (a benchmark, not a
 * test; `make bench-effect`): a 300-area x 260-week panel drawn with a fixed
 * seed (5 staggered cohorts, 60 treated areas, gamma-Poisson counts around 3
 * per area-week), then the imputation fit, its jackknife, 999 permutations on
 * 2 threads, the event-study fit (36 event-time indicators, -12 .. 24, ends
 * binned), its coefficient jackknife and the pre-trend Wald test; prints the
 * wall time of each step and the total. */
#include "effect_fast.h"
#include "effect_event.h"
#include "effect_fit.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { G = 300, P = 260, NTR = 60, NCOH = 5, LO = -12, HI = 24, K = HI - LO, NPERM = 999 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const ae_error *e)
{
	fprintf(stderr, "bench-effect: %s: %s\n", what, e->msg);
	exit(1);
}

int main(void)
{
	gsl_set_error_handler_off();
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 20261128);
	double *y = malloc(sizeof(double) * G * P), gam[P];
	int first[G], *cell = malloc(sizeof(int) * G * P);
	for (int t = 0; t < P; t++)
		gam[t] = 0.15 * sin(6.283185307179586 * t / 52.0) + gsl_ran_gaussian(r, 0.05);
	for (int i = 0; i < G; i++) {
		first[i] = i < NTR ? 80 + (i % NCOH) * 25 : -1; /* weeks 80, 105, ... 180 */
		double a = log(3) + gsl_ran_gaussian(r, 0.4);
		for (int t = 0; t < P; t++) {
			int post = first[i] >= 0 && t >= first[i];
			double m = exp(a + gam[t] + (post ? log(0.9) : 0)) * gsl_ran_gamma(r, 4, 0.25);
			y[i * P + t] = gsl_ran_poisson(r, m);
			int c = -1;
			if (first[i] >= 0) {
				int rel = t - first[i];
				rel = rel < LO ? LO : rel > HI ? HI : rel;
				if (rel != -1)
					c = rel < -1 ? rel - LO : rel - LO - 1;
			}
			cell[i * P + t] = c;
		}
	}
	gsl_rng_free(r);
	ae_error e = {0, ""};
	double t0 = now(), t = t0, total = 0;
#define STEP(name) \
	do { \
		double t_ = now(); \
		printf("%-40s %8.3f s\n", name, t_ - t); \
		total += t_ - t; \
		t = t_; \
	} while (0)

	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result res;
	if (ae_effect_att_imputation(y, G, P, first, NULL, ws, &res, NULL, &e))
		die("imputation", &e);
	STEP("imputation fit");
	ae_effect_att_ci ci;
	if (ae_effect_att_jackknife_fast(y, G, P, first, NULL, 0.95, &ci, NULL, &e))
		die("jackknife", &e);
	STEP("imputation jackknife (300 refits)");
	ae_effect_ri_result *ri = NULL;
	if (ae_effect_ri(y, G, P, first, NULL, NPERM, 20261128, 2, &ri, &e))
		die("randomization", &e);
	STEP("999 permutations, 2 threads");
	ae_effect_panel *p = NULL;
	ae_effect_fit *f = NULL;
	if (ae_effect_panel_new_cells(&p, G, P, K, y, cell, &e) || ae_effect_fit_run(p, NULL, NULL, NULL, &f, &e))
		die("event study", &e);
	STEP("event-study fit (K = 36)");
	ae_effect_coef_ci *c = NULL;
	if (ae_effect_jackknife_coef(p, f, 0.95, &c, &e))
		die("event-study jackknife", &e);
	STEP("event-study jackknife (300 refits)");
	size_t S[-LO - 1];
	for (size_t k = 0; k < (size_t)(-LO - 1); k++)
		S[k] = k;
	double F, pv;
	const char *why = NULL;
	if (ae_effect_wald(f->b, c->V, K, S, -LO - 1, c->G, &F, &pv, &why, &e))
		die("wald", &e);
	STEP("Wald test of the pre-period ratios (METRICS.md form)");
	printf("%-40s %8.3f s\n", "total", total);
	/* for comparison (not in the total): the general fit on the cells design */
	size_t Kc = ae_effect_ncells(y, G, P, first, NULL);
	int *cc = malloc(sizeof(int) * G * P);
	unsigned char *kept = malloc(Kc);
	double *tau = malloc(sizeof(double) * Kc), *w = malloc(sizeof(double) * Kc);
	ae_effect_panel *pc = NULL;
	ae_effect_fit *fc = NULL;
	double g0 = now();
	if (ae_effect_cells_design(y, G, P, first, NULL, cc, kept, &e) ||
	    ae_effect_panel_new_cells(&pc, G, P, Kc, y, cc, &e) || ae_effect_fit_run(pc, NULL, kept, NULL, &fc, &e))
		die("general cells fit", &e);
	double g1 = now();
	ae_effect_att_imputation(y, G, P, first, NULL, ws, &res, tau, &e);
	double worst = 0;
	for (size_t k = 0; k < Kc; k++)
		if (kept[k])
			worst = fmax(worst, fabs(tau[k] - fc->b[k]));
	ae_effect_cell_weights(pc, fc->area_in, w);
	printf("(general fit on the %zu cells: %.3f s; largest cell difference %.2g, ATT difference %.2g)\n", Kc,
	       g1 - g0, worst, fabs(ae_effect_att_totals(pc, fc) - res.att));
	ae_effect_fit_free(fc);
	ae_effect_panel_free(pc);
	free(cc);
	free(kept);
	free(tau);
	free(w);
	printf("ATT %.4f, ratio %.3f (%.3f .. %.3f), %zu areas, %zu treated, %zu cells (%zu dropped), %d sweeps\n",
	       res.att, ci.ratio, ci.lo, ci.hi, ci.G, res.treated_areas, res.cells, res.cells_dropped, res.sweeps);
	printf("randomization: k %zu of %zu, p %.4f; pre-trend F(%d, %zu) = %.3f, p %.4f%s%s\n", ri->k, ri->nperm,
	       ri->p, -LO - 1, c->G - 1, F, pv, why ? ", " : "", why ? why : "");
	ae_effect_coef_ci_free(c);
	ae_effect_fit_free(f);
	ae_effect_panel_free(p);
	ae_effect_ri_free(ri);
	ae_effect_imp_ws_free(ws);
	free(y);
	free(cell);
	return 0;
}
