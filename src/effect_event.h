/* effect_event.h — the event study's inference on a fit of effect_fit.h:
 * the leave-one-area-out jackknife of the whole coefficient vector (its
 * refits on two threads) and the Wald test of a subset of coefficients.
 * Ownership: an ae_effect_coef_ci is the caller's (ae_effect_coef_ci_free). */
#ifndef AE_EFFECT_EVENT_H
#define AE_EFFECT_EVENT_H
#include "effect_fit.h"

/* Event-study inference: the leave-one-area-out jackknife of the coefficient
 * vector. For each area g of the full fit, the refit without g (warm start
 * from full; regressors with no nonzero x left are left out of the refit, as
 * ae_effect_jackknife's default rule does), and
 *   V = (G-1)/G * sum_g (b_-g - b)(b_-g - b)',  se_k = sqrt(V_kk),
 *   interval exp(b_k -/+ t(G-1, 1 - (1-conf)/2) se_k), G = full->n_areas.
 * A regressor left out of some refit (an event time only the left-out area
 * reaches) has no jackknife variance: its row and column of V, se, lo and hi
 * are NAN (the others are unaffected); a regressor not in the full fit
 * likewise. One treated area: every V entry NAN and why_not says so. */
typedef struct ae_effect_coef_ci {
	size_t K, G;
	double t;             /* t quantile, G - 1 degrees of freedom */
	double *V;            /* K*K, row-major, symmetric */
	double *se, *lo, *hi; /* K */
	double *bminus;       /* G*K: b_-g (row g; NAN: area not in the fit, or regressor not in the refit) */
	const char *why_not;  /* NULL, or why V is all NAN (static sentence) */
} ae_effect_coef_ci;

/* On success *out is new (free with ae_effect_coef_ci_free); a refit that
 * fails fails the call, naming the area (AE_EDATA); a conf outside (0, 1) is
 * AE_EUSAGE; SIGINT/SIGTERM stops it with AE_ESIGNAL. */
int ae_effect_jackknife_coef(const ae_effect_panel *p, const ae_effect_fit *full, double conf, ae_effect_coef_ci **out,
			     ae_error *e);
void ae_effect_coef_ci_free(ae_effect_coef_ci *c);

/* Wald test that the coefficients S[0..k) (the pre-period event times) are
 * all 0 with covariance V (K*K, e.g. the jackknife's):
 *   F = b_S' V_SS^-1 b_S / k,  p = Q_F(F; k, G - 1).
 * Not an error but *F = *pval = NAN with *why set (static sentence) when
 * k = 0, k > G - 1, a tested b or V entry is not finite, or V_SS is singular
 * (Cholesky fails or reciprocal condition number below 1e-12). An index
 * S[u] >= K is AE_EUSAGE. */
int ae_effect_wald(const double *b, const double *V, size_t K, const size_t *S, size_t k, size_t G, double *F,
		   double *pval, const char **why, ae_error *e);
#endif
