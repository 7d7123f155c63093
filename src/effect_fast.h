/* effect_fast.h — the fast path of the crime effect (METRICS.md, "Crime
 * effect"): the extended two-way fixed-effects Poisson's cell coefficients and
 * ATT by imputation, its leave-one-area-out jackknife and the randomization
 * inference, as pure functions of a balanced panel y[i*P + t] (areas i <
 * G, periods t < P) and each area's first treated period first[i] (0..P-1;
 * -1: a control, never treated in the window).
 *
 * Why it is exact: the cells design's coefficients (one indicator per
 * (cohort, post period), area and period effects) equal the imputation
 * estimates (Wooldridge 2023): fit the area and period effects on the
 * untreated area-periods alone, then
 *   tau_gt = log(sum_{i in g} y_it / sum_{i in g} exp(alpha_i + gamma_t)).
 * (The full fit's area effects of a cohort's areas differ from the untreated
 * fit's one by one, but their sum, the only thing tau and gamma depend on, is
 * the same.) The untreated fit is two-way iterative proportional fitting in
 * multiplicative form: each area is untreated in periods 0..L_i-1 (L_i =
 * first[i], or P for a control), so both updates need only the cohorts'
 * totals and prefix sums of exp(gamma), O(P + cohorts) a sweep; it stops when
 * every cohort's untreated margin is matched to a relative 1e-13 (which gives
 * the coefficients to about 1e-12; the general fit, ae_effect_fit_run, to
 * its 1e-10 in deviance). Cost: one pass over the panel per call.
 *
 * Cells and areas, the same in both paths (ae_effect_cells_design writes the
 * general fit's design so that ae_effect_fit_run gives the same numbers):
 * - an area with no incidents in the window drops out (zero_areas);
 * - cohorts are the distinct first values of the areas with incidents; a
 *   cohort's cells are (cohort, t) for t = first .. P-1, numbered cohort by
 *   cohort (ascending first), then by t;
 * - a cell whose treated area-periods hold no incidents has tau = -inf: its
 *   area-periods do not move the fit (as ppmlhdfe drops separated
 *   observations), it is counted (cells_dropped) and it stays in the ATT;
 * - a cell that is not identified is dropped too (cells_unidentified): its
 *   period has no incidents in any untreated area-period, or its cohort has
 *   no incidents before its first treated period (exp(alpha) of every area of
 *   the cohort is 0, so tau would be +inf). The full Poisson fit
 *   has no finite maximum there (statsmodels' GLM stops with such cells'
 *   coefficients near +38 and the areas' effects near -36: not identified);
 *   both paths drop the cell and its area-periods instead (the general fit
 *   through cell -2, effect_fit.h), and an area left with no incidents in
 *   the cells kept drops out.
 *   An area with no incidents before its start but some after, in a cohort
 *   whose other areas have some before, needs nothing: the full fit
 *   converges there and both paths agree (its alpha alone is -inf in the
 *   untreated fit; the cohort's total is not);
 * - an area is used when it has an incident in an untreated area-period or in
 *   a kept cell; ATT = log(sum_k Y_k / sum_k M_k) over the identified cells,
 *   Y_k the cell's incidents and M_k = sum_{i in g} exp(alpha_i + gamma_t) the
 *   incidents expected there without cameras: the treated area-periods'
 *   observed over expected, i.e. the cells' ratios exp(tau_k) averaged with
 *   weights M_k. (METRICS.md averages the tau_k with weights = treated
 *   area-periods instead; that average is minus infinity as soon as one cell
 *   holds no incidents, and biased upwards when such cells are dropped, which
 *   sparse panels — weeks, single offence types — always have.) NAN (not an
 *   error) when no cell is identified.
 * Errors (AE_EDATA, message in e): a count negative or not finite, a first
 * outside -1..P-1, no control area with incidents (the general fit refuses
 * it too), the fit not converging.
 *
 * Ownership: the workspace is the caller's (one per thread); the functions
 * keep nothing else between calls. GSL's error handler must be off. */
#ifndef AE_EFFECT_FAST_H
#define AE_EFFECT_FAST_H
#include "effect_fit.h"
#include "util.h"
#include <stddef.h>

/* Scratch for G x P panels and the warm start: each call starts from the
 * previous call's period effects (where positive) and leaves its own. */
typedef struct ae_effect_imp_ws ae_effect_imp_ws;
ae_effect_imp_ws *ae_effect_imp_ws_new(size_t G, size_t P);
void ae_effect_imp_ws_free(ae_effect_imp_ws *w);
/* Copies from's warm start (period effects) into to (same G, P). */
void ae_effect_imp_ws_copy_start(ae_effect_imp_ws *to, const ae_effect_imp_ws *from);
/* The last call's period effects gamma_t (P; -INFINITY for a period with no
 * untreated incidents), and area effects alpha_i (G; NAN for an area not
 * used, -INFINITY for one with no untreated incidents); valid until the next
 * call with the workspace. */
const double *ae_effect_imp_ws_gamma(const ae_effect_imp_ws *w);
const double *ae_effect_imp_ws_alpha(const ae_effect_imp_ws *w);
/* The last call's used areas (G; 1 = used). */
const unsigned char *ae_effect_imp_ws_used(const ae_effect_imp_ws *w);

typedef struct ae_effect_att_result {
	double att;                /* log rate ratio; NAN when no cell is kept */
	size_t ncells;             /* cells listed (the length of tau) */
	size_t cells;              /* identified: in the ATT (those with no incidents too) */
	size_t cells_dropped;      /* of those, cells with no incidents (tau -inf, observed 0) */
	size_t cells_unidentified; /* no untreated incidents in the period or before the cohort's start */
	size_t treated_areas;      /* used areas with a first treated period */
	size_t areas;              /* used areas */
	size_t zero_areas;         /* areas asked for with no incidents in the window */
	int sweeps;                /* proportional-fitting sweeps */
} ae_effect_att_result;

/* The cells listed for this panel (the length tau needs). */
size_t ae_effect_ncells(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in);

/* The cells design of the general fit (ae_effect_panel_new_cells with K =
 * ae_effect_ncells): cell[G*P] gets -1 (untreated, or an area not asked for),
 * the cell's index, or -2 for the area-periods of a dropped cell; kept[K]
 * (NULL: not wanted) 1 for a kept cell, to pass as ae_effect_fit_run's reg_in.
 * Errors as ae_effect_att_imputation's (first out of range, bad count). */
int ae_effect_cells_design(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
			   int *cell, unsigned char *kept, ae_error *e);

/* The ATT by imputation over the areas with area_in[i] (NULL: all). tau
 * (NULL, or ae_effect_ncells doubles) receives each cell's coefficient, NAN
 * for a dropped one. *out is always written (att NAN on error). */
int ae_effect_att_imputation(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
			     ae_effect_imp_ws *ws, ae_effect_att_result *out, double *tau, ae_error *e);

/* Leave-one-area-out jackknife (CV3, METRICS.md) of the imputation ATT, the
 * same numbers as ae_effect_jackknife on the cells design (cells and weights
 * rebuilt from the areas left, cells the refit drops left out):
 *   se^2 = (G-1)/G * sum_g (ATT_-g - ATT)^2 over the used areas g, G = their
 * number, interval exp(ATT -/+ t(G-1) se). att_minus (NULL or G doubles)
 * receives ATT_-g, NAN for areas not used. One treated area: not an error;
 * att and ratio set, se, lo, hi, t, att_mean NAN and why_not says so. No cell
 * kept: AE_EDATA. A refit that fails (e.g. without the only control area), or
 * keeps no cell, fails the call naming the area. */
int ae_effect_att_jackknife_fast(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
				 double conf, ae_effect_att_ci *out, double *att_minus, ae_error *e);

/* Randomization inference: the first values of the panel's areas (area_in,
 * NULL all, with incidents in the window; controls included) permuted among
 * those areas nperm times by gsl_ran_shuffle with one GSL mt19937 seeded with
 * seed, all permutations drawn first in order, then the ATT of each (every fit
 * starts from the observed fit's period effects, so the figures do not depend
 * on `threads`, 1 or 2). k = permutations with |ATT_perm| >= |ATT_obs| (to a
 * relative 1e-12, so a relabelling that leaves the cohorts as they are ties);
 * a permutation that keeps no cell counts in k (conservative) and in nempty;
 * p = (k + 1) / (nperm + 1). Errors: the observed ATT not defined (AE_EDATA),
 * a permutation's fit failing (names it), threads not 1 or 2, nperm 0
 * (AE_EUSAGE). *out is new on success (ae_effect_ri_free). */
typedef struct ae_effect_ri_result {
	size_t nperm, k, nempty;
	double att; /* observed */
	double p;
	double *perm_att; /* nperm, in the order drawn; NAN: no cell kept */
} ae_effect_ri_result;
int ae_effect_ri(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in, size_t nperm,
		 unsigned long seed, int threads, ae_effect_ri_result **out, ae_error *e);
void ae_effect_ri_free(ae_effect_ri_result *r);
#endif
