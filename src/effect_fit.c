/* effect_fit.c — see effect_fit.h. */
#include "effect_fit.h"
#include <pthread.h>
#include <stdint.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEV_TOL 1e-10   /* relative change in deviance (METRICS.md) */
#define FE_TOL 1e-13    /* fixed effects given b: largest relative change of a margin */
#define FE_SWEEPS 20000 /* alternations of the closed-form updates, at most */
#define MAX_NEWTON 200  /* Newton steps, at most */
#define RCOND_MIN 1e-12 /* below this the K x K system is taken as singular */

/* The nonzero x are kept per area-period (row i*P + t): they are sparse in
 * the designs this serves (one indicator per area-period). */
struct ae_effect_panel {
	size_t G, P, K;
	double *y;
	size_t *row; /* G*P + 1 offsets into col/val */
	size_t *col;
	double *val;
	unsigned char *drop; /* G*P, 1 = observation left out (cell -2); NULL: none */
};

static int check_y(size_t G, size_t P, size_t K, const double *y, ae_error *e)
{
	if (G == 0 || P == 0)
		return ae_fail(e, AE_EDATA, "crime effect: empty panel (%zu areas, %zu periods)", G, P);
	if (K == 0)
		return ae_fail(e, AE_EDATA, "crime effect: no regressors (no treated cell or event period)");
	for (size_t j = 0; j < G * P; j++)
		if (!isfinite(y[j]) || y[j] < 0)
			return ae_fail(e, AE_EDATA, "crime effect: count of area %zu, period %zu is %g (must be >= 0)",
				       j / P, j % P, y[j]);
	return AE_OK;
}

static ae_effect_panel *panel_alloc(size_t G, size_t P, size_t K, const double *y, size_t nnz)
{
	ae_effect_panel *p = ae_calloc(1, sizeof *p);
	p->G = G, p->P = P, p->K = K;
	p->y = ae_memdup(y, G * P * sizeof *y);
	p->row = ae_calloc(G * P + 1, sizeof *p->row);
	p->col = ae_malloc((nnz ? nnz : 1) * sizeof *p->col);
	p->val = ae_malloc((nnz ? nnz : 1) * sizeof *p->val);
	return p;
}

int ae_effect_panel_new(ae_effect_panel **out, size_t G, size_t P, size_t K, const double *y, const double *x,
			ae_error *e)
{
	*out = NULL;
	int rc = check_y(G, P, K, y, e);
	if (rc)
		return rc;
	size_t nnz = 0;
	for (size_t j = 0; j < G * P * K; j++) {
		if (!isfinite(x[j]))
			return ae_fail(e, AE_EDATA, "crime effect: regressor %zu of area %zu, period %zu is not finite",
				       j % K, j / K / P, j / K % P);
		nnz += x[j] != 0;
	}
	ae_effect_panel *p = panel_alloc(G, P, K, y, nnz);
	size_t n = 0;
	for (size_t j = 0; j < G * P; j++) {
		for (size_t k = 0; k < K; k++)
			if (x[j * K + k] != 0)
				p->col[n] = k, p->val[n++] = x[j * K + k];
		p->row[j + 1] = n;
	}
	*out = p;
	return AE_OK;
}

int ae_effect_panel_new_cells(ae_effect_panel **out, size_t G, size_t P, size_t K, const double *y, const int *cell,
			      ae_error *e)
{
	*out = NULL;
	int rc = check_y(G, P, K, y, e);
	if (rc)
		return rc;
	size_t nnz = 0;
	for (size_t j = 0; j < G * P; j++) {
		if (cell[j] < -2 || (cell[j] >= 0 && (size_t)cell[j] >= K))
			return ae_fail(e, AE_EDATA, "crime effect: cell %d of area %zu, period %zu is not in -2..%zu",
				       cell[j], j / P, j % P, K - 1);
		nnz += cell[j] >= 0;
	}
	ae_effect_panel *p = panel_alloc(G, P, K, y, nnz);
	size_t n = 0;
	for (size_t j = 0; j < G * P; j++) {
		if (cell[j] >= 0)
			p->col[n] = (size_t)cell[j], p->val[n++] = 1;
		else if (cell[j] == -2) {
			/* left out: no incidents and no weight in any margin (its mean is 0) */
			if (!p->drop)
				p->drop = ae_calloc(G * P, 1);
			p->drop[j] = 1;
			p->y[j] = 0;
		}
		p->row[j + 1] = n;
	}
	*out = p;
	return AE_OK;
}

void ae_effect_panel_free(ae_effect_panel *p)
{
	if (!p)
		return;
	free(p->y);
	free(p->row);
	free(p->col);
	free(p->val);
	free(p->drop);
	free(p);
}

void ae_effect_fit_free(ae_effect_fit *f)
{
	if (!f)
		return;
	free(f->b);
	free(f->alpha);
	free(f->gamma);
	free(f->area_in);
	free(f->zero_area);
	free(f->reg_in);
	free(f);
}

/* Working state of one fit. Areas and periods "in" are the ones with
 * incidents; kmap numbers the fitted regressors 0..Ka-1 (-1: not fitted). */
typedef struct fitws {
	const ae_effect_panel *p;
	size_t G, P, K, Ka;
	const unsigned char *ain, *pin;
	const long *kmap;
	double *Yi, *Yt; /* margins */
	double *E;       /* exp(x_it b), G*P */
	double *ea, *eg; /* exp(alpha), exp(gamma) */
	double *mu;      /* G*P */
} fitws;

/* exp(x_it b) for the fitted cells. */
static void set_offsets(fitws *w, const double *b)
{
	const ae_effect_panel *p = w->p;
	for (size_t i = 0; i < w->G; i++) {
		if (!w->ain[i])
			continue;
		for (size_t t = 0; t < w->P; t++) {
			size_t j = i * w->P + t;
			double s = 0;
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
				if (w->kmap[p->col[n]] >= 0)
					s += p->val[n] * b[p->col[n]];
			w->E[j] = p->drop && p->drop[j] ? 0 : exp(s);
		}
	}
}

/* The fixed effects given b: the closed-form updates alternated (iterative
 * proportional fitting of both margins), from ea/eg as they are; then mu and
 * the deviance. */
static double solve_fe(fitws *w)
{
	size_t G = w->G, P = w->P;
	double *colsum = ae_malloc(P * sizeof *colsum);
	for (int sweep = 0; sweep < FE_SWEEPS; sweep++) {
		double worst = 0;
		for (size_t i = 0; i < G; i++) {
			if (!w->ain[i])
				continue;
			double s = 0;
			const double *Ei = w->E + i * P;
			for (size_t t = 0; t < P; t++)
				if (w->pin[t])
					s += w->eg[t] * Ei[t];
			double r = w->Yi[i] / (s * w->ea[i]); /* the row margin's ratio before the update */
			worst = fmax(worst, fabs(r - 1));
			w->ea[i] = w->Yi[i] / s;
		}
		memset(colsum, 0, P * sizeof *colsum);
		for (size_t i = 0; i < G; i++) {
			if (!w->ain[i])
				continue;
			const double *Ei = w->E + i * P;
			for (size_t t = 0; t < P; t++)
				colsum[t] += w->ea[i] * Ei[t];
		}
		for (size_t t = 0; t < P; t++)
			if (w->pin[t])
				w->eg[t] = w->Yt[t] / colsum[t];
		if (worst < FE_TOL && sweep > 0)
			break;
	}
	free(colsum);
	double dev = 0;
	for (size_t i = 0; i < G; i++) {
		if (!w->ain[i])
			continue;
		for (size_t t = 0; t < P; t++) {
			size_t j = i * P + t;
			if (!w->pin[t]) {
				w->mu[j] = 0;
				continue;
			}
			double m = w->ea[i] * w->eg[t] * w->E[j], y = w->p->y[j];
			w->mu[j] = m;
			dev += y > 0 ? 2 * (y * log(y / m) - (y - m)) : 2 * m;
		}
	}
	return dev;
}

/* The Newton direction d (length K, unfitted entries 0) of the profile
 * likelihood at the current mu: H d = X'(y - mu), H = X'WX less its part
 * explained by the fixed effects (area effects eliminated in closed form,
 * then the periods but the first by a Cholesky). */
static int newton_dir(fitws *w, double *d, ae_error *e)
{
	const ae_effect_panel *p = w->p;
	size_t G = w->G, P = w->P, K = w->K, Ka = w->Ka;
	size_t *tk = ae_malloc(P * sizeof *tk), nT = 0; /* periods in, the first the reference */
	long *pidx = ae_malloc(P * sizeof *pidx);
	for (size_t t = 0; t < P; t++) {
		pidx[t] = -1;
		if (w->pin[t]) {
			if (nT)
				pidx[t] = (long)nT - 1;
			tk[nT++] = t;
		}
	}
	size_t Pm = nT - 1;
	gsl_matrix *H = gsl_matrix_calloc(Ka, Ka);
	gsl_vector *g = gsl_vector_calloc(Ka);
	gsl_matrix *R = Pm ? gsl_matrix_calloc(Pm, Ka) : NULL;
	gsl_matrix *S = Pm ? gsl_matrix_calloc(Pm, Pm) : NULL;
	double *Ca = ae_calloc(Ka, sizeof *Ca), *mup = ae_malloc((Pm ? Pm : 1) * sizeof *mup);
	size_t *nzk = ae_malloc(Ka * sizeof *nzk);
	int rc = AE_OK;
	for (size_t i = 0; i < G; i++) {
		if (!w->ain[i])
			continue;
		double A = 0;
		memset(Ca, 0, Ka * sizeof *Ca);
		for (size_t t = 0; t < P; t++) {
			if (!w->pin[t])
				continue;
			size_t j = i * P + t;
			double m = w->mu[j], r = p->y[j] - m;
			A += m;
			if (pidx[t] >= 0) {
				mup[pidx[t]] = m;
				*gsl_matrix_ptr(S, (size_t)pidx[t], (size_t)pidx[t]) += m;
			}
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++) {
				long a = w->kmap[p->col[n]];
				if (a < 0)
					continue;
				double v = p->val[n];
				Ca[a] += m * v;
				if (pidx[t] >= 0)
					*gsl_matrix_ptr(R, (size_t)pidx[t], (size_t)a) += m * v;
				*gsl_vector_ptr(g, (size_t)a) += v * r;
				for (size_t n2 = p->row[j]; n2 < p->row[j + 1]; n2++) {
					long a2 = w->kmap[p->col[n2]];
					if (a2 >= 0)
						*gsl_matrix_ptr(H, (size_t)a, (size_t)a2) += m * v * p->val[n2];
				}
			}
		}
		/* eliminate alpha_i: subtract the outer products over its weight A */
		size_t nk = 0;
		for (size_t a = 0; a < Ka; a++)
			if (Ca[a] != 0)
				nzk[nk++] = a;
		for (size_t u = 0; u < nk; u++)
			for (size_t v = 0; v < nk; v++)
				*gsl_matrix_ptr(H, nzk[u], nzk[v]) -= Ca[nzk[u]] * Ca[nzk[v]] / A;
		for (size_t u = 0; u < nk; u++) {
			double c = Ca[nzk[u]] / A;
			for (size_t q = 0; q < Pm; q++)
				*gsl_matrix_ptr(R, q, nzk[u]) -= mup[q] * c;
		}
		for (size_t q = 0; q < Pm; q++) {
			double c = mup[q] / A;
			double *Sq = gsl_matrix_ptr(S, q, 0);
			for (size_t q2 = 0; q2 <= q; q2++)
				Sq[q2] -= c * mup[q2];
		}
	}
	if (Pm) {
		/* S is filled below the diagonal, which is what the Cholesky reads */
		if (gsl_linalg_cholesky_decomp1(S) != GSL_SUCCESS) {
			rc = ae_fail(e, AE_EDATA,
				     "crime effect: the period effects are not identified (singular system)");
			goto out;
		}
		/* R'S^-1 R = Z'Z with Z = L^-1 R (S = LL'); H's lower triangle is what its Cholesky reads */
		gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, S, R);
		gsl_blas_dsyrk(CblasLower, CblasTrans, -1.0, R, 1.0, H);
	}
	if (gsl_linalg_cholesky_decomp1(H) != GSL_SUCCESS) {
		rc = ae_fail(e, AE_EDATA,
			     "crime effect: the regressors are collinear with the area and period effects "
			     "(e.g. every area treated alike, or a cell that equals a period)");
		goto out;
	}
	double rcond = 0;
	gsl_vector *work = gsl_vector_alloc(3 * Ka);
	gsl_linalg_cholesky_rcond(H, &rcond, work);
	gsl_vector_free(work);
	if (!(rcond > RCOND_MIN)) {
		rc = ae_fail(e, AE_EDATA,
			     "crime effect: the regressors are nearly collinear with the area and period effects "
			     "(reciprocal condition number %.3g)",
			     rcond);
		goto out;
	}
	gsl_linalg_cholesky_svx(H, g);
	for (size_t k = 0; k < K; k++)
		d[k] = w->kmap[k] >= 0 ? gsl_vector_get(g, (size_t)w->kmap[k]) : 0;
out:
	gsl_matrix_free(H);
	gsl_vector_free(g);
	if (R)
		gsl_matrix_free(R);
	if (S)
		gsl_matrix_free(S);
	free(Ca);
	free(mup);
	free(nzk);
	free(tk);
	free(pidx);
	return rc;
}

/* The checks of a degenerate panel, on the areas and periods with incidents. */
static int check_design(const ae_effect_panel *p, const unsigned char *ain, const unsigned char *pin, const long *kmap,
			ae_error *e)
{
	size_t G = p->G, P = p->P, K = p->K;
	size_t *cnt = ae_calloc(K, sizeof *cnt);
	double *xy = ae_calloc(K, sizeof *xy), *lo = ae_malloc(K * sizeof *lo), *hi = ae_malloc(K * sizeof *hi);
	unsigned char *neg = ae_calloc(K, 1);
	size_t nobs = 0, controls = 0;
	int rc = AE_OK;
	for (size_t k = 0; k < K; k++)
		lo[k] = INFINITY, hi[k] = -INFINITY;
	for (size_t i = 0; i < G; i++) {
		if (!ain[i])
			continue;
		int treated = 0;
		for (size_t t = 0; t < P; t++) {
			if (!pin[t])
				continue;
			size_t j = i * P + t;
			if (p->drop && p->drop[j])
				continue;
			nobs++;
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++) {
				size_t k = p->col[n];
				if (kmap[k] < 0)
					continue;
				double v = p->val[n];
				treated = 1;
				cnt[k]++;
				xy[k] += v * p->y[j];
				lo[k] = fmin(lo[k], v), hi[k] = fmax(hi[k], v);
				neg[k] |= v < 0;
			}
		}
		controls += !treated;
	}
	for (size_t k = 0; k < K && !rc; k++) {
		if (kmap[k] < 0)
			continue;
		if (cnt[k] < nobs && cnt[k] > 0)
			lo[k] = fmin(lo[k], 0), hi[k] = fmax(hi[k], 0);
		if (cnt[k] == 0 || lo[k] == hi[k])
			rc = ae_fail(e, AE_EDATA,
				     "crime effect: regressor %zu has no variation in the area-periods fitted "
				     "(%zu of %zu nonzero)",
				     k, cnt[k], nobs);
		else if (!neg[k] && xy[k] == 0)
			rc = ae_fail(e, AE_EDATA,
				     "crime effect: regressor %zu covers no incidents (%zu area-periods, all zero); "
				     "its coefficient would be minus infinity",
				     k, cnt[k]);
	}
	if (!rc && controls == 0)
		rc = ae_fail(e, AE_EDATA,
			     "crime effect: no control areas: every area with incidents has a treated period "
			     "(the effect needs areas not treated in the window)");
	free(cnt);
	free(xy);
	free(lo);
	free(hi);
	free(neg);
	return rc;
}

int ae_effect_fit_run(const ae_effect_panel *p, const unsigned char *area_in, const unsigned char *reg_in,
		      const ae_effect_fit *start, ae_effect_fit **out, ae_error *e)
{
	*out = NULL;
	size_t G = p->G, P = p->P, K = p->K;
	ae_effect_fit *f = ae_calloc(1, sizeof *f);
	f->G = G, f->P = P, f->K = K;
	f->b = ae_malloc(K * sizeof *f->b);
	f->alpha = ae_malloc(G * sizeof *f->alpha);
	f->gamma = ae_malloc(P * sizeof *f->gamma);
	f->area_in = ae_calloc(G, 1);
	f->zero_area = ae_calloc(G, 1);
	f->reg_in = ae_calloc(K, 1);
	fitws w = {.p = p, .G = G, .P = P, .K = K};
	w.Yi = ae_calloc(G, sizeof *w.Yi);
	w.Yt = ae_calloc(P, sizeof *w.Yt);
	w.E = ae_calloc(G * P, sizeof *w.E);
	w.mu = ae_calloc(G * P, sizeof *w.mu);
	w.ea = ae_malloc(G * sizeof *w.ea);
	w.eg = ae_malloc(P * sizeof *w.eg);
	unsigned char *pin = ae_calloc(P, 1);
	long *kmap = ae_malloc(K * sizeof *kmap);
	double *b = ae_calloc(K, sizeof *b), *d = ae_calloc(K, sizeof *d), *bt = ae_calloc(K, sizeof *bt);
	double *ea0 = ae_malloc(G * sizeof *ea0), *eg0 = ae_malloc(P * sizeof *eg0);
	int rc = AE_OK;

	size_t asked = 0;
	double total = 0;
	for (size_t i = 0; i < G; i++) {
		if (area_in && !area_in[i])
			continue;
		asked++;
		for (size_t t = 0; t < P; t++)
			w.Yi[i] += p->y[i * P + t];
		total += w.Yi[i];
		if (w.Yi[i] > 0) {
			f->area_in[i] = 1, f->n_areas++;
			for (size_t t = 0; t < P; t++)
				w.Yt[t] += p->y[i * P + t];
		} else
			f->zero_area[i] = 1, f->n_zero_areas++;
	}
	if (total == 0) {
		rc = ae_fail(e, AE_EDATA, "crime effect: no incidents in any of the %zu areas and %zu periods", asked,
			     P);
		goto out;
	}
	if (f->n_areas < 2) {
		rc = ae_fail(e, AE_EDATA,
			     "crime effect: only %zu area with incidents (of %zu); the area effects leave nothing to "
			     "compare",
			     f->n_areas, asked);
		goto out;
	}
	for (size_t t = 0; t < P; t++)
		pin[t] = w.Yt[t] > 0;
	for (size_t k = 0; k < K; k++) {
		f->reg_in[k] = !reg_in || reg_in[k];
		kmap[k] = f->reg_in[k] ? (long)w.Ka++ : -1;
	}
	if (w.Ka == 0) {
		rc = ae_fail(e, AE_EDATA, "crime effect: no regressor left in the fit (no treated cell)");
		goto out;
	}
	rc = check_design(p, f->area_in, pin, kmap, e);
	if (rc)
		goto out;
	w.ain = f->area_in, w.pin = pin, w.kmap = kmap;

	/* starting point: the warm start where it has values, else b = 0 and unit effects */
	for (size_t k = 0; k < K; k++)
		b[k] = start && kmap[k] >= 0 && isfinite(start->b[k]) ? start->b[k] : 0;
	for (size_t i = 0; i < G; i++)
		w.ea[i] = start && isfinite(start->alpha[i]) ? exp(start->alpha[i]) : 1;
	for (size_t t = 0; t < P; t++)
		w.eg[t] = start && isfinite(start->gamma[t]) ? exp(start->gamma[t]) : w.Yt[t] / (double)f->n_areas;
	set_offsets(&w, b);
	double dev = solve_fe(&w);
	int done = 0, it = 0;
	for (; it < MAX_NEWTON && !done; it++) {
		rc = newton_dir(&w, d, e);
		if (rc)
			goto out;
		memcpy(ea0, w.ea, G * sizeof *ea0);
		memcpy(eg0, w.eg, P * sizeof *eg0);
		double step = 1, dev_new = NAN;
		int halvings = 0;
		for (; halvings < 50; halvings++, step /= 2) {
			for (size_t k = 0; k < K; k++)
				bt[k] = b[k] + step * d[k];
			memcpy(w.ea, ea0, G * sizeof *ea0);
			memcpy(w.eg, eg0, P * sizeof *eg0);
			set_offsets(&w, bt);
			dev_new = solve_fe(&w);
			if (isfinite(dev_new) && dev_new <= dev * (1 + 1e-14))
				break;
		}
		if (halvings == 50) {
			/* no step lowers the deviance: b is at the optimum to rounding */
			memcpy(w.ea, ea0, G * sizeof *ea0);
			memcpy(w.eg, eg0, P * sizeof *eg0);
			set_offsets(&w, b);
			dev = solve_fe(&w);
			break;
		}
		memcpy(b, bt, K * sizeof *b);
		done = fabs(dev - dev_new) / (fabs(dev_new) + 0.1) < DEV_TOL;
		dev = dev_new;
	}
	if (!done && it >= MAX_NEWTON) {
		rc = ae_fail(e, AE_EDATA, "crime effect: the fit did not converge in %d Newton steps (deviance %g)",
			     MAX_NEWTON, dev);
		goto out;
	}
	for (size_t k = 0; k < K; k++)
		f->b[k] = kmap[k] >= 0 ? b[k] : NAN;
	for (size_t i = 0; i < G; i++)
		f->alpha[i] = f->area_in[i] ? log(w.ea[i]) : NAN;
	for (size_t t = 0; t < P; t++)
		f->gamma[t] = pin[t] ? log(w.eg[t]) : -INFINITY;
	f->deviance = dev;
	f->iterations = it;
out:
	free(w.Yi);
	free(w.Yt);
	free(w.E);
	free(w.mu);
	free(w.ea);
	free(w.eg);
	free(pin);
	free(kmap);
	free(b);
	free(d);
	free(bt);
	free(ea0);
	free(eg0);
	if (rc)
		ae_effect_fit_free(f);
	else
		*out = f;
	return rc;
}

void ae_effect_cell_weights(const ae_effect_panel *p, const unsigned char *area_in, double *w)
{
	memset(w, 0, p->K * sizeof *w);
	for (size_t i = 0; i < p->G; i++) {
		if (area_in && !area_in[i])
			continue;
		for (size_t j = i * p->P; j < (i + 1) * p->P; j++)
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
				w[p->col[n]] += 1;
	}
}

size_t ae_effect_empty_cells(const ae_effect_panel *p, const unsigned char *area_in, unsigned char *flags)
{
	double *cover = ae_calloc(p->K, sizeof *cover), *sum = ae_calloc(p->K, sizeof *sum);
	for (size_t i = 0; i < p->G; i++) {
		if (area_in && !area_in[i])
			continue;
		for (size_t j = i * p->P; j < (i + 1) * p->P; j++)
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
				cover[p->col[n]] += 1, sum[p->col[n]] += p->y[j];
	}
	size_t m = 0;
	for (size_t k = 0; k < p->K; k++) {
		flags[k] = cover[k] > 0 && sum[k] == 0;
		m += flags[k];
	}
	free(cover);
	free(sum);
	return m;
}

double ae_effect_att(const ae_effect_fit *f, const double *w)
{
	double s = 0, sw = 0;
	for (size_t k = 0; k < f->K; k++)
		if (f->reg_in[k] && w[k] > 0)
			s += w[k] * f->b[k], sw += w[k];
	return sw > 0 ? s / sw : NAN;
}

/* Areas of the fit with a nonzero fitted regressor. */
size_t ae_effect_treated_areas(const ae_effect_panel *p, const ae_effect_fit *f)
{
	size_t n = 0;
	for (size_t i = 0; i < p->G; i++) {
		if (!f->area_in[i])
			continue;
		int tr = 0;
		for (size_t j = i * p->P; j < (i + 1) * p->P && !tr; j++)
			for (size_t m = p->row[j]; m < p->row[j + 1]; m++)
				tr |= f->reg_in[p->col[m]] && p->val[m] != 0;
		n += tr;
	}
	return n;
}

double ae_effect_att_totals(const ae_effect_panel *p, const ae_effect_fit *f)
{
	double obs = 0, exp0 = 0;
	for (size_t i = 0; i < p->G; i++) {
		if (!f->area_in[i])
			continue;
		for (size_t t = 0; t < p->P; t++) {
			size_t j = i * p->P + t;
			int cell = 0;
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
				cell |= f->reg_in[p->col[n]] && p->val[n] != 0;
			/* a left-out area-period of an area in the fit, in a period with
			 * incidents, is a cell with no incidents (observed 0); an
			 * unidentified cell's are not: their areas or periods are out */
			if (!(cell || (p->drop && p->drop[j])) || !isfinite(f->gamma[t]))
				continue;
			obs += cell ? p->y[j] : 0;
			exp0 += exp(f->alpha[i] + f->gamma[t]);
		}
	}
	return exp0 > 0 ? log(obs / exp0) : NAN;
}

/* The jackknife refit's panel for the totals ATT (cells designs): of the full
 * fit's regressors (reg_full), rin keeps those whose area-periods in ain hold
 * incidents, whose periods all have untreated incidents and whose areas have
 * some; the others' area-periods are left out (as cell -2), as
 * ae_effect_cells_design does for the areas left. */
static ae_effect_panel *refit_panel(const ae_effect_panel *p, const unsigned char *reg_full, const unsigned char *ain,
				    unsigned char *rin)
{
	size_t G = p->G, P = p->P, K = p->K;
	double *Ut = ae_calloc(P, sizeof *Ut), *Ua = ae_calloc(G, sizeof *Ua);
	double *Yk = ae_calloc(K, sizeof *Yk), *Ak = ae_calloc(K, sizeof *Ak);
	size_t *last = ae_malloc(K * sizeof *last);
	unsigned char *badp = ae_calloc(K, 1), *treated = ae_calloc(G * P, 1);
	for (size_t k = 0; k < K; k++)
		last[k] = G;
	for (size_t j = 0; j < G * P; j++) {
		for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
			treated[j] |= reg_full[p->col[n]] && p->val[n] != 0;
		if (ain[j / P] && !treated[j] && !(p->drop && p->drop[j]))
			Ut[j % P] += p->y[j], Ua[j / P] += p->y[j];
	}
	for (size_t j = 0; j < G * P; j++) {
		if (!ain[j / P])
			continue;
		for (size_t n = p->row[j]; n < p->row[j + 1]; n++) {
			size_t k = p->col[n];
			Yk[k] += p->y[j];
			badp[k] |= Ut[j % P] == 0;
			if (last[k] != j / P)
				Ak[k] += Ua[j / P], last[k] = j / P;
		}
	}
	for (size_t k = 0; k < K; k++)
		rin[k] = reg_full[k] && Yk[k] > 0 && !badp[k] && Ak[k] > 0;
	ae_effect_panel *q = panel_alloc(G, P, K, p->y, p->row[G * P]);
	q->drop = ae_calloc(G * P, 1);
	size_t m = 0;
	for (size_t j = 0; j < G * P; j++) {
		int d = p->drop && p->drop[j];
		for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
			d |= reg_full[p->col[n]] && !rin[p->col[n]];
		if (d)
			q->drop[j] = 1, q->y[j] = 0;
		else
			for (size_t n = p->row[j]; n < p->row[j + 1]; n++)
				q->col[m] = p->col[n], q->val[m++] = p->val[n];
		q->row[j + 1] = m;
	}
	free(Ut);
	free(Ua);
	free(Yk);
	free(Ak);
	free(last);
	free(badp);
	free(treated);
	return q;
}

/* Both jackknives: totals selects ae_effect_att_totals (w and cells unused). */
static int jackknife(const ae_effect_panel *p, const ae_effect_fit *full, const double *w, ae_effect_cells_fn cells,
		     void *ctx, int totals, double conf, ae_effect_att_ci *out, double *att_minus, ae_error *e)
{
	size_t G = p->G, K = p->K;
	memset(out, 0, sizeof *out);
	double att = totals ? ae_effect_att_totals(p, full) : ae_effect_att(full, w);
	if (!isfinite(att))
		return ae_fail(e, AE_EDATA, "crime effect: no treated cell %s (the ATT is not defined)",
			       totals ? "with incidents" : "with a weight");
	if (!(conf > 0 && conf < 1))
		return ae_fail(e, AE_EUSAGE, "crime effect: confidence %g is not between 0 and 1", conf);
	if (ae_effect_treated_areas(p, full) < 2) {
		/* leaving the one treated area out leaves no cell: the jackknife has nothing to vary */
		out->G = full->n_areas;
		out->att = att;
		out->ratio = exp(att);
		out->se = out->lo = out->hi = out->t = out->att_mean = NAN;
		out->why_not = "only one treated area: without it no treated cell is left, so the leave-one-area-out "
			       "interval is not defined";
		if (att_minus)
			for (size_t i = 0; i < G; i++)
				att_minus[i] = NAN;
		return AE_OK;
	}
	unsigned char *ain = ae_malloc(G), *rin = ae_malloc(K);
	double *wg = ae_malloc(K * sizeof *wg);
	double ss = 0, sum = 0;
	int rc = AE_OK;
	if (att_minus)
		for (size_t i = 0; i < G; i++)
			att_minus[i] = NAN;
	for (size_t g = 0; g < G && !rc; g++) {
		if (!full->area_in[g])
			continue;
		rc = ae_check_stop(e);
		if (rc)
			break;
		memcpy(ain, full->area_in, G);
		ain[g] = 0;
		ae_effect_panel *q = NULL;
		if (totals)
			q = refit_panel(p, full->reg_in, ain, rin);
		else if (cells) {
			memcpy(rin, full->reg_in, K);
			rc = cells(ctx, g, ain, rin, wg, e);
			if (rc)
				break;
		} else {
			ae_effect_cell_weights(p, ain, wg);
			for (size_t k = 0; k < K; k++)
				rin[k] = full->reg_in[k] && wg[k] > 0;
		}
		ae_effect_fit *fg = NULL;
		ae_error sub = {0, ""};
		rc = ae_effect_fit_run(q ? q : p, ain, rin, full, &fg, &sub);
		double ag = rc ? NAN : totals ? ae_effect_att_totals(q, fg) : ae_effect_att(fg, wg);
		ae_effect_fit_free(fg);
		ae_effect_panel_free(q);
		if (rc) {
			rc = ae_fail(e, sub.status, "jackknife without area %zu: %s", g, sub.msg);
			break;
		}
		if (!isfinite(ag)) {
			rc = ae_fail(e, AE_EDATA, "jackknife without area %zu: no treated cell left", g);
			break;
		}
		if (att_minus)
			att_minus[g] = ag;
		ss += (ag - att) * (ag - att);
		sum += ag;
	}
	free(ain);
	free(rin);
	free(wg);
	if (rc)
		return rc;
	size_t n = full->n_areas;
	out->G = n;
	out->att = att;
	out->att_mean = sum / (double)n;
	out->se = sqrt((double)(n - 1) / (double)n * ss);
	out->t = gsl_cdf_tdist_Qinv((1 - conf) / 2, (double)(n - 1));
	out->ratio = exp(att);
	out->lo = exp(att - out->t * out->se);
	out->hi = exp(att + out->t * out->se);
	return AE_OK;
}

int ae_effect_jackknife(const ae_effect_panel *p, const ae_effect_fit *full, const double *w, ae_effect_cells_fn cells,
			void *ctx, double conf, ae_effect_att_ci *out, double *att_minus, ae_error *e)
{
	return jackknife(p, full, w, cells, ctx, 0, conf, out, att_minus, e);
}

int ae_effect_jackknife_totals(const ae_effect_panel *p, const ae_effect_fit *full, double conf, ae_effect_att_ci *out,
			       double *att_minus, ae_error *e)
{
	return jackknife(p, full, NULL, NULL, NULL, 1, conf, out, att_minus, e);
}

size_t ae_effect_panel_areas(const ae_effect_panel *p) { return p->G; }
size_t ae_effect_panel_regressors(const ae_effect_panel *p) { return p->K; }
