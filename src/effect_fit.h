/* effect_fit.h — the estimator core of the crime effect (METRICS.md, "Crime
 * effect"): Poisson maximum likelihood for a balanced panel of counts y[i][t]
 * (areas i = 0..G-1, periods t = 0..P-1) with area and period fixed effects
 * plus K regressors x[i][t][k] (the caller builds them: the (cohort, post
 * period) cell indicators of the extended two-way fixed-effects model, or the
 * event-time indicators of the event study), the ATT (the cells' coefficients
 * averaged with weights) and its leave-one-area-out jackknife (CV3) interval.
 *
 * The fit: the fixed effects are never dummies. Given b they have closed forms,
 *   alpha_i = log(sum_t y_it / sum_t exp(gamma_t + x_it b)), gamma_t likewise,
 * alternated to convergence; then one Newton step for b on the profile
 * likelihood: gradient X'(y - mu), Hessian X'WX less its projection on the
 * fixed effects (Schur complement, area effects eliminated in closed form,
 * period effects by a Cholesky of the P x P block), the K x K system by GSL's
 * Cholesky; step halving when the deviance rises; stop at a relative change in
 * deviance below 1e-10. An area with no incidents in any period drops out
 * (its fixed effect is not identified; the fit says which); a period with no
 * incidents in the areas fitted has gamma = -inf and no weight.
 *
 * Degenerate panels are errors (AE_EDATA, message in the ae_error), never a
 * crash: no incidents at all, fewer than two areas with incidents, no control
 * area (an area whose regressors are all zero), a regressor with no variation,
 * a regressor covering no incidents (its coefficient would be -inf), regressors
 * collinear with the fixed effects. GSL's error handler must be off (main does it).
 *
 * Ownership: an ae_effect_panel holds its own copy of y and of the nonzero x;
 * an ae_effect_fit owns its arrays; free each with its _free (NULL is fine).
 * Nothing here keeps state between calls: fits on one panel may run on
 * different threads. */
#ifndef AE_EFFECT_FIT_H
#define AE_EFFECT_FIT_H
#include "util.h"
#include <stddef.h>

typedef struct ae_effect_panel ae_effect_panel;

/* y[i*P + t] >= 0 (finite), x[(i*P + t)*K + k] (finite; only nonzeros are kept). */
int ae_effect_panel_new(ae_effect_panel **out, size_t G, size_t P, size_t K, const double *y, const double *x,
			ae_error *e);
/* The same with at most one indicator per area-period: cell[i*P + t] in 0..K-1
 * sets x[i][t][cell] = 1, -1 none (the cell and event-time designs are of this
 * form; saves G*P*K doubles), -2 leaves the area-period out of the fit (its
 * count and mean are taken as 0: the limit of a cell whose coefficient runs to
 * -inf or is not identified, as ppmlhdfe drops separated observations; an area
 * left with no incidents then drops out). ae_effect_cells_design
 * (effect_fast.h) writes this form for the cells design. */
int ae_effect_panel_new_cells(ae_effect_panel **out, size_t G, size_t P, size_t K, const double *y, const int *cell,
			      ae_error *e);
void ae_effect_panel_free(ae_effect_panel *p);

typedef struct ae_effect_fit {
	size_t G, P, K;
	double *b;                /* K; NAN for a regressor not in the fit */
	double *alpha;            /* G; NAN for an area not in the fit */
	double *gamma;            /* P; -INFINITY for a period with no incidents in the fit's areas */
	unsigned char *area_in;   /* G: 1 = the area is in the fit */
	unsigned char *zero_area; /* G: 1 = left out because it has no incidents */
	unsigned char *reg_in;    /* K: 1 = the regressor is in the fit */
	size_t n_areas;           /* areas in the fit */
	size_t n_zero_areas;      /* areas asked for but dropped for having no incidents */
	double deviance;
	int iterations; /* Newton steps */
} ae_effect_fit;

/* Fits the areas with area_in[i] = 1 (NULL: all) and the regressors with
 * reg_in[k] = 1 (NULL: all); of those areas, the ones with no incidents are
 * dropped and flagged in zero_area. start (NULL: b = 0) is a warm start: its
 * b, alpha and gamma (a fit of the same panel, e.g. the full fit for the
 * jackknife refits). On success *out is a new fit; on error *out is NULL. */
int ae_effect_fit_run(const ae_effect_panel *p, const unsigned char *area_in, const unsigned char *reg_in,
		      const ae_effect_fit *start, ae_effect_fit **out, ae_error *e);
void ae_effect_fit_free(ae_effect_fit *f);

/* Treated area-periods per regressor among the fit's areas: w[k] = the number
 * of area-periods of areas with area_in (NULL: all) where x_k != 0 — the ATT's
 * weights when the regressors are cell indicators. */
void ae_effect_cell_weights(const ae_effect_panel *p, const unsigned char *area_in, double *w);

/* Regressors whose treated area-periods (x_k != 0, areas with area_in, NULL:
 * all) hold no incidents: flags[k] = 1, returns how many. Such a cell's
 * coefficient is -inf (the fit refuses it); the caller decides whether to
 * merge or drop it, and says so. */
size_t ae_effect_empty_cells(const ae_effect_panel *p, const unsigned char *area_in, unsigned char *flags);

/* ATT = sum_k w_k b_k / sum_k w_k over the fit's regressors with w_k > 0;
 * NAN when there is none. (The event study's kind of average; the crime
 * effect's ratio is ae_effect_att_totals.) */
double ae_effect_att(const ae_effect_fit *f, const double *w);

/* The crime effect's ATT on a cells design (ae_effect_cells_design): the
 * treated area-periods' incidents over those expected without cameras,
 *   ATT = log(sum Y / sum exp(alpha_i + gamma_t)),
 * summed over the area-periods of the fit's areas that have a fitted
 * regressor, or are left out (cell -2) in a period with incidents: the
 * cells with no incidents, observed 0 against their expected count. (A
 * cell not identified has its areas or its period out of the fit, so it
 * adds nothing.) Over a cohort's areas the sum of exp(alpha_i) equals the
 * untreated fit's, so this is effect_fast.h's ATT. NAN when nothing is
 * expected (no cell). */
double ae_effect_att_totals(const ae_effect_panel *p, const ae_effect_fit *f);

/* The jackknife's cells for the fit without area `left_out`: fills reg_in[K]
 * (1 = the cell is kept; a cell with no treated area left must be 0) and
 * w[K] (weights rebuilt from the areas left). area_in is the refit's areas.
 * Returns 0, or nonzero with e set, which stops the jackknife. */
typedef int (*ae_effect_cells_fn)(void *ctx, size_t left_out, const unsigned char *area_in, unsigned char *reg_in,
				  double *w, ae_error *e);

typedef struct ae_effect_att_ci {
	double att;      /* the full fit's ATT (log rate ratio) */
	double se;       /* jackknife standard error */
	double ratio;    /* exp(att) */
	double lo, hi;   /* exp(att -/+ t(G-1) se) */
	double t;        /* t quantile used, G - 1 degrees of freedom */
	size_t G;        /* areas in the panel (the full fit's n_areas) */
	double att_mean; /* mean of the leave-one-out ATTs (reported, not used) */
	/* NULL, or why se, lo, hi, t and att_mean are NAN (a static sentence):
	 * one treated area only (leaving it out leaves no cell) */
	const char *why_not;
} ae_effect_att_ci;

/* Leave-one-area-out jackknife (CV3) of the ATT, METRICS.md "Crime effect":
 * for each area g of the full fit, refit without g (warm start from full),
 * ATT_-g from the cells and weights `cells` gives (NULL: the cells with
 * treated area-periods left, ae_effect_cell_weights), and
 *   se^2 = (G-1)/G * sum_g (ATT_-g - ATT)^2,
 * ATT the full fit's (not the mean of the ATT_-g: METRICS.md's form),
 * interval exp(ATT -/+ t(G-1, 1 - (1-conf)/2) se). w is the full fit's weights.
 * att_minus (NULL or G doubles, indexed by area; NAN for areas not in the fit)
 * receives each ATT_-g. A refit that fails fails the jackknife, naming the area.
 * One treated area (areas of the fit with a nonzero fitted regressor): not an
 * error; att and ratio set, the rest NAN and why_not says so. */
int ae_effect_jackknife(const ae_effect_panel *p, const ae_effect_fit *full, const double *w, ae_effect_cells_fn cells,
			void *ctx, double conf, ae_effect_att_ci *out, double *att_minus, ae_error *e);

/* The same jackknife of ae_effect_att_totals on a cells design: each refit
 * keeps the cells whose area-periods in the areas left hold incidents, whose
 * period has untreated incidents and whose cohort has incidents before its
 * start; the others' area-periods are left out (as cell -2), so a cell left
 * with no incidents stays in the ratio as observed 0 (the rules of
 * ae_effect_cells_design and ae_effect_att_jackknife_fast). */
int ae_effect_jackknife_totals(const ae_effect_panel *p, const ae_effect_fit *full, double conf, ae_effect_att_ci *out,
			       double *att_minus, ae_error *e);

/* The panel's areas G and regressors K. */
size_t ae_effect_panel_areas(const ae_effect_panel *p);
size_t ae_effect_panel_regressors(const ae_effect_panel *p);
/* Areas of the fit with a nonzero fitted regressor (the treated ones). */
size_t ae_effect_treated_areas(const ae_effect_panel *p, const ae_effect_fit *f);
#endif
