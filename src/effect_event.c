/* effect_event.c — see effect_event.h. */
#include "effect_event.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RCOND_MIN 1e-12 /* below this a covariance block is taken as singular (as effect_fit.c does) */

void ae_effect_coef_ci_free(ae_effect_coef_ci *c)
{
	if (!c)
		return;
	free(c->V);
	free(c->se);
	free(c->lo);
	free(c->hi);
	free(c->bminus);
	free(c);
}

/* The event jackknife's refits, areas g = tid, tid + nthreads, ... of the
 * full fit: b_-g into bminus's row g (NAN where the refit leaves a regressor
 * out). The first failure stops the thread (its area in fail_g). */
typedef struct coef_job {
	const ae_effect_panel *p;
	const ae_effect_fit *full;
	double *bminus;
	size_t tid, nthreads;
	int rc;
	size_t fail_g;
	ae_error err;
} coef_job;

static void *coef_refits(void *u)
{
	coef_job *j = u;
	const ae_effect_panel *p = j->p;
	const ae_effect_fit *full = j->full;
	size_t G = ae_effect_panel_areas(p), K = ae_effect_panel_regressors(p);
	unsigned char *ain = ae_malloc(G), *rin = ae_malloc(K), *empty = ae_malloc(K);
	double *wg = ae_malloc(K * sizeof *wg);
	for (size_t g = j->tid; g < G && !j->rc; g += j->nthreads) {
		if (!full->area_in[g])
			continue;
		j->rc = ae_check_stop(&j->err);
		if (j->rc) {
			j->fail_g = g;
			break;
		}
		memcpy(ain, full->area_in, G);
		ain[g] = 0;
		ae_effect_cell_weights(p, ain, wg);
		ae_effect_empty_cells(p, ain, empty); /* no incidents left under it: -inf, left out */
		for (size_t k = 0; k < K; k++)
			rin[k] = full->reg_in[k] && wg[k] > 0 && !empty[k];
		ae_effect_fit *fg = NULL;
		ae_error sub = {0, ""};
		j->rc = ae_effect_fit_run(p, ain, rin, full, &fg, &sub);
		if (j->rc) {
			j->fail_g = g;
			ae_fail(&j->err, sub.status, "jackknife without area %zu: %s", g, sub.msg);
			break;
		}
		double *bg = j->bminus + g * K;
		for (size_t k = 0; k < K; k++)
			bg[k] = rin[k] ? fg->b[k] : NAN;
		ae_effect_fit_free(fg);
	}
	free(ain);
	free(rin);
	free(empty);
	free(wg);
	return NULL;
}

int ae_effect_jackknife_coef(const ae_effect_panel *p, const ae_effect_fit *full, double conf, ae_effect_coef_ci **out,
			     ae_error *e)
{
	*out = NULL;
	if (!(conf > 0 && conf < 1))
		return ae_fail(e, AE_EUSAGE, "crime effect: confidence %g is not between 0 and 1", conf);
	size_t G = ae_effect_panel_areas(p), K = ae_effect_panel_regressors(p), n = full->n_areas;
	ae_effect_coef_ci *c = ae_calloc(1, sizeof *c);
	c->K = K, c->G = n;
	c->V = ae_calloc(K * K, sizeof *c->V);
	c->se = ae_malloc(K * sizeof *c->se);
	c->lo = ae_malloc(K * sizeof *c->lo);
	c->hi = ae_malloc(K * sizeof *c->hi);
	c->bminus = ae_malloc(G * K * sizeof *c->bminus);
	for (size_t j = 0; j < G * K; j++)
		c->bminus[j] = NAN;
	c->t = gsl_cdf_tdist_Qinv((1 - conf) / 2, (double)(n - 1));
	unsigned char *undef = ae_calloc(K, 1);
	int rc = AE_OK;
	if (ae_effect_treated_areas(p, full) < 2)
		c->why_not = "only one treated area: without it no event-time coefficient is left, so the "
			     "leave-one-area-out covariance is not defined";
	if (!c->why_not) {
		/* the refits on two threads (each is independent); V summed after, in area order, so
		 * the figures do not depend on the threads */
		coef_job jobs[2];
		pthread_t th;
		for (size_t t = 0; t < 2; t++)
			jobs[t] = (coef_job){p, full, c->bminus, t, 2, AE_OK, SIZE_MAX, {0, ""}};
		int threaded = pthread_create(&th, NULL, coef_refits, &jobs[1]) == 0;
		if (!threaded)
			jobs[0].nthreads = 1;
		coef_refits(&jobs[0]);
		if (threaded)
			pthread_join(th, NULL);
		const coef_job *bad = NULL;
		for (size_t t = 0; t < 2; t++)
			if (jobs[t].rc && (!bad || jobs[t].fail_g < bad->fail_g))
				bad = &jobs[t];
		if (bad) {
			rc = bad->rc;
			*e = bad->err;
		}
	}
	for (size_t g = 0; g < G && !rc && !c->why_not; g++) {
		if (!full->area_in[g])
			continue;
		const double *bg = c->bminus + g * K;
		for (size_t k = 0; k < K; k++) {
			undef[k] |= full->reg_in[k] && isnan(bg[k]);
			if (isnan(bg[k]))
				continue;
			double dk = bg[k] - full->b[k];
			for (size_t l = 0; l <= k; l++)
				if (!isnan(bg[l]))
					c->V[k * K + l] += dk * (bg[l] - full->b[l]);
		}
	}
	if (rc) {
		free(undef);
		ae_effect_coef_ci_free(c);
		return rc;
	}
	double f = (double)(n - 1) / (double)n;
	for (size_t k = 0; k < K; k++)
		for (size_t l = 0; l <= k; l++) {
			double v = c->why_not || !full->reg_in[k] || !full->reg_in[l] || undef[k] || undef[l]
					 ? NAN
					 : f * c->V[k * K + l];
			c->V[k * K + l] = c->V[l * K + k] = v;
		}
	for (size_t k = 0; k < K; k++) {
		c->se[k] = sqrt(c->V[k * K + k]);
		c->lo[k] = exp(full->b[k] - c->t * c->se[k]);
		c->hi[k] = exp(full->b[k] + c->t * c->se[k]);
	}
	free(undef);
	*out = c;
	return AE_OK;
}

int ae_effect_wald(const double *b, const double *V, size_t K, const size_t *S, size_t k, size_t G, double *F,
		   double *pval, const char **why, ae_error *e)
{
	*F = *pval = NAN;
	*why = NULL;
	if (k == 0) {
		*why = "no coefficient to test";
		return AE_OK;
	}
	if (G < 2 || k > G - 1) {
		*why = "more coefficients to test than areas less one (the F test has no denominator degrees of freedom)";
		return AE_OK;
	}
	for (size_t u = 0; u < k; u++)
		if (S[u] >= K)
			return ae_fail(e, AE_EUSAGE, "crime effect: tested coefficient %zu is not in 0..%zu", S[u],
				       K - 1);
	for (size_t u = 0; u < k; u++)
		for (size_t v = 0; v < k; v++)
			if (!isfinite(b[S[u]]) || !isfinite(V[S[u] * K + S[v]])) {
				*why = "a tested coefficient or its jackknife variance is not defined (not identified "
				       "without some area)";
				return AE_OK;
			}
	gsl_matrix *A = gsl_matrix_alloc(k, k);
	gsl_vector *x = gsl_vector_alloc(k), *work = gsl_vector_alloc(3 * k);
	for (size_t u = 0; u < k; u++) {
		gsl_vector_set(x, u, b[S[u]]);
		for (size_t v = 0; v < k; v++)
			gsl_matrix_set(A, u, v, V[S[u] * K + S[v]]);
	}
	double rcond = 0;
	if (gsl_linalg_cholesky_decomp1(A) != GSL_SUCCESS ||
	    gsl_linalg_cholesky_rcond(A, &rcond, work) != GSL_SUCCESS || !(rcond > RCOND_MIN))
		*why = "the jackknife covariance of the tested coefficients is singular";
	else {
		gsl_vector *z = gsl_vector_alloc(k);
		gsl_linalg_cholesky_solve(A, x, z);
		double q = 0;
		gsl_blas_ddot(x, z, &q);
		gsl_vector_free(z);
		*F = q / (double)k;
		*pval = gsl_cdf_fdist_Q(*F, (double)k, (double)(G - 1));
	}
	gsl_matrix_free(A);
	gsl_vector_free(x);
	gsl_vector_free(work);
	return AE_OK;
}
