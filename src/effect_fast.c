/* effect_fast.c — see effect_fast.h. */
#include "effect_fast.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define IPF_TOL 1e-13      /* largest relative miss of a cohort's untreated margin */
#define IPF_SWEEPS 1000000 /* at most (a sweep is O(P)) */
#define TIE_REL 1e-12      /* |ATT_perm| >= |ATT_obs| to this relative rounding */

struct ae_effect_imp_ws {
	size_t G, P;
	double *c;          /* P: exp(gamma), the warm start; 0 = none */
	double *Ytun;       /* P: untreated incidents per period */
	double *YL, *B, *C; /* P+1: untreated incidents per cohort L, sum of its exp(alpha), prefix sums of c */
	size_t *nL, *nU;    /* P+1: areas with incidents, used areas, per cohort (L = P: controls) */
	double *num;        /* P*P: num[L*P + t] incidents of cohort L in period t >= L */
	long *L;            /* G: the area's cohort, -1 not asked for or no incidents */
	double *ypre;       /* G */
	unsigned char *used;
	double *gamma, *alpha;
};

ae_effect_imp_ws *ae_effect_imp_ws_new(size_t G, size_t P)
{
	ae_effect_imp_ws *w = ae_calloc(1, sizeof *w);
	w->G = G, w->P = P;
	w->c = ae_calloc(P, sizeof *w->c);
	w->Ytun = ae_malloc(P * sizeof *w->Ytun);
	w->YL = ae_malloc((P + 1) * sizeof *w->YL);
	w->B = ae_malloc((P + 1) * sizeof *w->B);
	w->C = ae_malloc((P + 1) * sizeof *w->C);
	w->nL = ae_malloc((P + 1) * sizeof *w->nL);
	w->nU = ae_malloc((P + 1) * sizeof *w->nU);
	w->num = ae_malloc(P * P * sizeof *w->num);
	w->L = ae_malloc(G * sizeof *w->L);
	w->ypre = ae_malloc(G * sizeof *w->ypre);
	w->used = ae_calloc(G, 1);
	w->gamma = ae_malloc(P * sizeof *w->gamma);
	w->alpha = ae_malloc(G * sizeof *w->alpha);
	return w;
}

void ae_effect_imp_ws_free(ae_effect_imp_ws *w)
{
	if (!w)
		return;
	free(w->c);
	free(w->Ytun);
	free(w->YL);
	free(w->B);
	free(w->C);
	free(w->nL);
	free(w->nU);
	free(w->num);
	free(w->L);
	free(w->ypre);
	free(w->used);
	free(w->gamma);
	free(w->alpha);
	free(w);
}

void ae_effect_imp_ws_copy_start(ae_effect_imp_ws *to, const ae_effect_imp_ws *from)
{
	memcpy(to->c, from->c, to->P * sizeof *to->c);
}

const double *ae_effect_imp_ws_gamma(const ae_effect_imp_ws *w) { return w->gamma; }

const double *ae_effect_imp_ws_alpha(const ae_effect_imp_ws *w) { return w->alpha; }

const unsigned char *ae_effect_imp_ws_used(const ae_effect_imp_ws *w) { return w->used; }

static int check_inputs(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in, ae_error *e)
{
	if (G == 0 || P == 0)
		return ae_fail(e, AE_EDATA, "crime effect: empty panel (%zu areas, %zu periods)", G, P);
	for (size_t i = 0; i < G; i++) {
		if (area_in && !area_in[i])
			continue;
		if (first[i] < -1 || (first[i] >= 0 && (size_t)first[i] >= P))
			return ae_fail(e, AE_EDATA,
				       "crime effect: first treated period %d of area %zu is not in -1..%zu", first[i],
				       i, P - 1);
		for (size_t t = 0; t < P; t++) {
			double v = y[i * P + t];
			if (!isfinite(v) || v < 0)
				return ae_fail(e, AE_EDATA,
					       "crime effect: count of area %zu, period %zu is %g (must be >= 0)", i, t,
					       v);
		}
	}
	return AE_OK;
}

/* Cohorts of the areas asked for with incidents: off[L] = the first cell of
 * cohort L (L < P), or -1; returns the cells listed. */
static size_t list_cells(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in, long *off)
{
	for (size_t L = 0; L < P; L++)
		off[L] = -1;
	for (size_t i = 0; i < G; i++) {
		if ((area_in && !area_in[i]) || first[i] < 0 || (size_t)first[i] >= P || off[first[i]] >= 0)
			continue;
		double s = 0;
		for (size_t t = 0; t < P; t++)
			s += y[i * P + t];
		if (s > 0)
			off[first[i]] = 0;
	}
	size_t n = 0;
	for (size_t L = 0; L < P; L++)
		if (off[L] >= 0)
			off[L] = (long)n, n += P - L;
	return n;
}

size_t ae_effect_ncells(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in)
{
	long *off = ae_malloc(P * sizeof *off);
	size_t n = list_cells(y, G, P, first, area_in, off);
	free(off);
	return n;
}

/* One pass over the panel: the cohorts' totals, the untreated incidents per
 * period, the cells' numerators, the used areas. */
static int tally(const double *y, const int *first, const unsigned char *area_in, ae_effect_imp_ws *w,
		 ae_effect_att_result *out, ae_error *e)
{
	size_t G = w->G, P = w->P;
	memset(w->Ytun, 0, P * sizeof *w->Ytun);
	memset(w->YL, 0, (P + 1) * sizeof *w->YL);
	memset(w->nL, 0, (P + 1) * sizeof *w->nL);
	memset(w->nU, 0, (P + 1) * sizeof *w->nU);
	for (size_t i = 0; i < G; i++) {
		w->L[i] = -1;
		w->used[i] = 0;
		if (area_in && !area_in[i])
			continue;
		size_t L = first[i] < 0 ? P : (size_t)first[i];
		const double *yi = y + i * P;
		double pre = 0, post = 0;
		for (size_t t = 0; t < L; t++)
			pre += yi[t];
		for (size_t t = L; t < P; t++)
			post += yi[t];
		if (pre + post == 0) {
			out->zero_areas++;
			continue;
		}
		if (L < P && w->nL[L] == 0)
			memset(w->num + L * P, 0, P * sizeof *w->num);
		w->L[i] = (long)L;
		w->nL[L]++;
		w->ypre[i] = pre;
		w->YL[L] += pre;
		for (size_t t = 0; t < L; t++)
			w->Ytun[t] += yi[t];
		double *nu = w->num + L * P;
		for (size_t t = L; t < P; t++)
			nu[t] += yi[t];
	}
	if (w->nL[P] == 0)
		return ae_fail(e, AE_EDATA,
			       "crime effect: no control areas: every area with incidents has a treated period "
			       "(the effect needs areas not treated in the window)");
	/* used: an incident untreated or in a kept cell (a cohort with none before its start keeps none) */
	for (size_t i = 0; i < G; i++) {
		if (w->L[i] < 0)
			continue;
		size_t L = (size_t)w->L[i];
		int u = w->ypre[i] > 0;
		if (!u && L < P && w->YL[L] > 0) {
			const double *yi = y + i * P;
			for (size_t t = L; t < P && !u; t++)
				u = yi[t] > 0 && w->Ytun[t] > 0;
		}
		w->used[i] = (unsigned char)u;
		w->nU[L] += (size_t)u;
	}
	return AE_OK;
}

/* The untreated fit: B[L] = sum of exp(alpha) of cohort L, c[t] = exp(gamma_t). */
static int ipf(ae_effect_imp_ws *w, size_t nused, ae_effect_att_result *out, ae_error *e)
{
	size_t P = w->P;
	double *c = w->c, *C = w->C, *B = w->B;
	for (size_t t = 0; t < P; t++)
		if (w->Ytun[t] == 0)
			c[t] = 0;
		else if (!(c[t] > 0 && isfinite(c[t])))
			c[t] = w->Ytun[t] / (double)nused;
	int sweep = 0, done = 0;
	for (; sweep < IPF_SWEEPS && !done; sweep++) {
		C[0] = 0;
		for (size_t t = 0; t < P; t++)
			C[t + 1] = C[t] + c[t];
		for (size_t L = 0; L <= P; L++)
			B[L] = w->YL[L] > 0 ? w->YL[L] / C[L] : 0;
		double A = 0;
		for (size_t t = P; t-- > 0;) {
			A += B[t + 1];
			c[t] = w->Ytun[t] > 0 ? w->Ytun[t] / A : 0;
		}
		/* the periods' margins now hold exactly; the cohorts' are the test */
		C[0] = 0;
		for (size_t t = 0; t < P; t++)
			C[t + 1] = C[t] + c[t];
		double worst = 0;
		for (size_t L = 0; L <= P; L++)
			if (w->YL[L] > 0)
				worst = fmax(worst, fabs(B[L] * C[L] / w->YL[L] - 1));
		done = worst < IPF_TOL;
	}
	out->sweeps = sweep;
	if (!done)
		return ae_fail(e, AE_EDATA, "crime effect: the untreated fit did not converge in %d sweeps", IPF_SWEEPS);
	return AE_OK;
}

int ae_effect_att_imputation(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
			     ae_effect_imp_ws *ws, ae_effect_att_result *out, double *tau, ae_error *e)
{
	memset(out, 0, sizeof *out);
	out->att = NAN;
	if (ws->G != G || ws->P != P)
		return ae_fail(e, AE_EUSAGE, "crime effect: workspace for %zu x %zu used on %zu x %zu", ws->G, ws->P, G,
			       P);
	int rc = check_inputs(y, G, P, first, area_in, e);
	if (!rc)
		rc = tally(y, first, area_in, ws, out, e);
	if (rc)
		return rc;
	size_t nused = 0;
	for (size_t L = 0; L <= P; L++)
		nused += ws->nU[L];
	out->areas = nused;
	out->treated_areas = nused - ws->nU[P];
	rc = ipf(ws, nused, out, e);
	if (rc)
		return rc;
	double s = 0, sw = 0;
	size_t k = 0;
	for (size_t L = 0; L < P; L++) {
		if (ws->nL[L] == 0)
			continue;
		const double *nu = ws->num + L * P;
		for (size_t t = L; t < P; t++, k++) {
			double tk = NAN;
			if (!(ws->YL[L] > 0 && ws->Ytun[t] > 0)) {
				out->cells_unidentified++;
			} else {
				/* observed over expected without cameras, summed over the cells: a
				 * cell with no incidents counts as 0 against its expected count */
				double mu0 = ws->B[L] * ws->c[t];
				if (nu[t] == 0)
					out->cells_dropped++;
				else
					tk = log(nu[t] / mu0);
				out->cells++;
				s += nu[t], sw += mu0;
			}
			if (tau)
				tau[k] = tk;
		}
	}
	out->ncells = k;
	out->att = sw > 0 ? log(s / sw) : NAN;
	for (size_t t = 0; t < P; t++)
		ws->gamma[t] = ws->c[t] > 0 ? log(ws->c[t]) : -INFINITY;
	for (size_t i = 0; i < G; i++) {
		if (!ws->used[i]) {
			ws->alpha[i] = NAN;
			continue;
		}
		size_t L = (size_t)ws->L[i];
		ws->alpha[i] = ws->ypre[i] > 0 ? log(ws->ypre[i] / ws->C[L]) : -INFINITY;
	}
	return AE_OK;
}

int ae_effect_cells_design(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
			   int *cell, unsigned char *kept, ae_error *e)
{
	int rc = check_inputs(y, G, P, first, area_in, e);
	if (rc)
		return rc;
	long *off = ae_malloc(P * sizeof *off);
	size_t K = list_cells(y, G, P, first, area_in, off);
	/* a cell is kept when its treated area-periods hold incidents, its period
	 * has untreated incidents and its cohort has incidents before its start */
	double *num = ae_calloc(K ? K : 1, sizeof *num), *Ytun = ae_calloc(P, sizeof *Ytun);
	double *YL = ae_calloc(P, sizeof *YL);
	for (size_t i = 0; i < G; i++) {
		if ((area_in && !area_in[i]))
			continue;
		size_t L = first[i] < 0 ? P : (size_t)first[i];
		for (size_t t = 0; t < P; t++) {
			double v = y[i * P + t];
			if (t < L)
				Ytun[t] += v;
			if (t < L && L < P)
				YL[L] += v;
			if (t >= L && off[L] >= 0)
				num[(size_t)off[L] + t - L] += v;
		}
	}
	unsigned char *keep = ae_calloc(K ? K : 1, 1);
	for (size_t L = 0; L < P; L++)
		if (off[L] >= 0)
			for (size_t t = L; t < P; t++)
				keep[(size_t)off[L] + t - L] =
					num[(size_t)off[L] + t - L] > 0 && Ytun[t] > 0 && YL[L] > 0;
	for (size_t i = 0; i < G; i++) {
		size_t L = first[i] < 0 || (area_in && !area_in[i]) ? P : (size_t)first[i];
		for (size_t t = 0; t < P; t++) {
			int v = -1;
			if (t >= L && off[L] >= 0) {
				size_t k = (size_t)off[L] + t - L;
				v = keep[k] ? (int)k : -2;
			}
			cell[i * P + t] = v;
		}
	}
	if (kept)
		memcpy(kept, keep, K);
	free(off);
	free(num);
	free(Ytun);
	free(YL);
	free(keep);
	return AE_OK;
}

int ae_effect_att_jackknife_fast(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in,
				 double conf, ae_effect_att_ci *out, double *att_minus, ae_error *e)
{
	memset(out, 0, sizeof *out);
	if (!(conf > 0 && conf < 1))
		return ae_fail(e, AE_EUSAGE, "crime effect: confidence %g is not between 0 and 1", conf);
	if (att_minus)
		for (size_t i = 0; i < G; i++)
			att_minus[i] = NAN;
	ae_effect_imp_ws *full = ae_effect_imp_ws_new(G, P), *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result r;
	unsigned char *used = ae_malloc(G ? G : 1), *ain = ae_malloc(G ? G : 1);
	int rc = ae_effect_att_imputation(y, G, P, first, area_in, full, &r, NULL, e);
	if (!rc && !isfinite(r.att))
		rc = ae_fail(e, AE_EDATA, "crime effect: no treated cell with incidents (the ATT is not defined)");
	if (rc)
		goto out;
	memcpy(used, ae_effect_imp_ws_used(full), G);
	size_t n = r.areas;
	out->G = n;
	out->att = r.att;
	out->ratio = exp(r.att);
	if (r.treated_areas < 2) {
		out->se = out->lo = out->hi = out->t = out->att_mean = NAN;
		out->why_not = "only one treated area: without it no treated cell is left, so the leave-one-area-out "
			       "interval is not defined";
		goto out;
	}
	double ss = 0, sum = 0;
	for (size_t g = 0; g < G && !rc; g++) {
		if (!used[g])
			continue;
		rc = ae_check_stop(e);
		if (rc)
			break;
		for (size_t i = 0; i < G; i++)
			ain[i] = (!area_in || area_in[i]) && i != g;
		ae_effect_imp_ws_copy_start(ws, full);
		ae_effect_att_result rg;
		ae_error sub = {0, ""};
		rc = ae_effect_att_imputation(y, G, P, first, ain, ws, &rg, NULL, &sub);
		if (rc) {
			rc = ae_fail(e, sub.status, "jackknife without area %zu: %s", g, sub.msg);
			break;
		}
		if (!isfinite(rg.att)) {
			rc = ae_fail(e, AE_EDATA, "jackknife without area %zu: no treated cell left", g);
			break;
		}
		if (att_minus)
			att_minus[g] = rg.att;
		ss += (rg.att - r.att) * (rg.att - r.att);
		sum += rg.att;
	}
	if (rc)
		goto out;
	out->att_mean = sum / (double)n;
	out->se = sqrt((double)(n - 1) / (double)n * ss);
	out->t = gsl_cdf_tdist_Qinv((1 - conf) / 2, (double)(n - 1));
	out->lo = exp(r.att - out->t * out->se);
	out->hi = exp(r.att + out->t * out->se);
out:
	ae_effect_imp_ws_free(full);
	ae_effect_imp_ws_free(ws);
	free(used);
	free(ain);
	return rc;
}

void ae_effect_ri_free(ae_effect_ri_result *r)
{
	if (!r)
		return;
	free(r->perm_att);
	free(r);
}

/* One thread's share of the permutations: every nthreads-th from `from`. */
typedef struct ri_job {
	const double *y;
	size_t G, P, n, nperm, from, stride;
	const int *first, *perms;
	const size_t *idx;
	const unsigned char *area_in;
	const ae_effect_imp_ws *start;
	double *att;
	int rc;
	ae_error err;
} ri_job;

static void *ri_run(void *arg)
{
	ri_job *j = arg;
	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(j->G, j->P);
	int *fp = ae_memdup(j->first, j->G * sizeof *fp);
	for (size_t q = j->from; q < j->nperm && !j->rc; q += j->stride) {
		if (ae_stop_signal) {
			j->rc = ae_check_stop(&j->err);
			break;
		}
		const int *perm = j->perms + q * j->n;
		for (size_t u = 0; u < j->n; u++)
			fp[j->idx[u]] = perm[u];
		ae_effect_imp_ws_copy_start(ws, j->start);
		ae_effect_att_result r;
		ae_error sub = {0, ""};
		if (ae_effect_att_imputation(j->y, j->G, j->P, fp, j->area_in, ws, &r, NULL, &sub))
			j->rc = ae_fail(&j->err, sub.status, "randomization permutation %zu: %s", q + 1, sub.msg);
		else
			j->att[q] = r.att;
	}
	free(fp);
	ae_effect_imp_ws_free(ws);
	return NULL;
}

int ae_effect_ri(const double *y, size_t G, size_t P, const int *first, const unsigned char *area_in, size_t nperm,
		 unsigned long seed, int threads, ae_effect_ri_result **out, ae_error *e)
{
	*out = NULL;
	if (threads != 1 && threads != 2)
		return ae_fail(e, AE_EUSAGE, "crime effect: randomization threads %d (1 or 2)", threads);
	if (nperm == 0)
		return ae_fail(e, AE_EUSAGE, "crime effect: no randomization permutations asked for");
	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result r;
	int rc = ae_effect_att_imputation(y, G, P, first, area_in, ws, &r, NULL, e);
	if (!rc && !isfinite(r.att))
		rc = ae_fail(e, AE_EDATA, "crime effect: no treated cell with incidents (nothing to permute against)");
	if (rc) {
		ae_effect_imp_ws_free(ws);
		return rc;
	}
	/* the panel's areas: asked for, with incidents in the window */
	size_t *idx = ae_malloc((G ? G : 1) * sizeof *idx), n = 0;
	for (size_t i = 0; i < G; i++) {
		if (area_in && !area_in[i])
			continue;
		double s = 0;
		for (size_t t = 0; t < P; t++)
			s += y[i * P + t];
		if (s > 0)
			idx[n++] = i;
	}
	int *perms = ae_malloc((nperm * n + 1) * sizeof *perms);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, seed);
	for (size_t q = 0; q < nperm; q++) {
		int *pq = perms + q * n;
		for (size_t u = 0; u < n; u++)
			pq[u] = first[idx[u]];
		gsl_ran_shuffle(rng, pq, n, sizeof *pq);
	}
	gsl_rng_free(rng);
	ae_effect_ri_result *res = ae_calloc(1, sizeof *res);
	res->nperm = nperm;
	res->att = r.att;
	res->perm_att = ae_malloc(nperm * sizeof *res->perm_att);
	ri_job jobs[2];
	for (int t = 0; t < threads; t++)
		jobs[t] = (ri_job){.y = y,
				   .G = G,
				   .P = P,
				   .n = n,
				   .nperm = nperm,
				   .from = (size_t)t,
				   .stride = (size_t)threads,
				   .first = first,
				   .perms = perms,
				   .idx = idx,
				   .area_in = area_in,
				   .start = ws,
				   .att = res->perm_att,
				   .err = {0, ""}};
	pthread_t th;
	int spawned = threads == 2 && pthread_create(&th, NULL, ri_run, &jobs[1]) == 0;
	if (threads == 2 && !spawned)
		ri_run(&jobs[1]); /* no second thread: the same share, in turn */
	ri_run(&jobs[0]);
	if (spawned)
		pthread_join(th, NULL);
	for (int t = 0; t < threads && !rc; t++)
		if (jobs[t].rc)
			rc = ae_fail(e, jobs[t].rc, "%s", jobs[t].err.msg);
	if (!rc) {
		double bar = fabs(r.att) * (1 - TIE_REL);
		for (size_t q = 0; q < nperm; q++) {
			double a = res->perm_att[q];
			if (!isfinite(a))
				res->nempty++, res->k++;
			else if (fabs(a) >= bar)
				res->k++;
		}
		res->p = (double)(res->k + 1) / (double)(nperm + 1);
		*out = res;
	} else
		ae_effect_ri_free(res);
	free(idx);
	free(perms);
	ae_effect_imp_ws_free(ws);
	return rc;
}
