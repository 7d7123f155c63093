/* exposure.c — see exposure.h. Row order: METRICS.md's Exposure table;
 * neighbourhoods by name (byte order), groups in the table's column order.
 * bootstrap_days resamples the study's days with GSL's mt19937 seeded with the
 * study seed: B replicates drawn in one stream, every bootstrap figure
 * computed from the same replicates, percentile intervals. */
#include "exposure.h"
#include "estimate.h"
#include "util.h"
#include <gsl/gsl_rng.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct xp {
	const ae_study *st;
	const ae_agg *a;
	uint32_t N;          /* listed areas */
	int G;               /* groups */
	double P;            /* total known population */
	const char *bin;
} xp;

/* The bootstrap figures of one set of per-area counts y[0..N-1]. out holds
 * N exposure ratios, G group exposures, G disparity ratios, 1 Gini. */
typedef struct pair {
	double x, p;
} pair;

static int pair_cmp(const void *u, const void *v)
{
	const pair *a = u, *b = v;
	return (a->x > b->x) - (a->x < b->x);
}

static double gini(const xp *e, const double *y, pair *buf)
{
	size_t k = 0;
	double sp = 0, spx = 0;
	for (uint32_t n = 0; n < e->N; n++) {
		double p = e->a->pop[n];
		if (!(p > 0))
			continue;
		buf[k].x = y[n] / p;
		buf[k].p = p;
		sp += p;
		spx += p * buf[k].x;
		k++;
	}
	if (!k || !(spx > 0))
		return NAN;
	qsort(buf, k, sizeof *buf, pair_cmp);
	/* sum_ij p_i p_j |x_i - x_j| = 2 sum_i p_i x_i (P_below_i - P_above_i), x sorted */
	double below = 0, s = 0;
	for (size_t i = 0; i < k; i++) {
		double above = sp - below - buf[i].p;
		s += buf[i].p * buf[i].x * (below - above);
		below += buf[i].p;
	}
	double xbar = spx / sp;
	return 2 * s / (2 * sp * sp * xbar);
}

static void figures(const xp *e, const double *y, double *out, pair *buf)
{
	const ae_agg *a = e->a;
	double Y = 0;
	for (uint32_t n = 0; n < e->N; n++)
		Y += y[n];
	double all = e->P > 0 ? Y / e->P * 1000 : NAN;
	for (uint32_t n = 0; n < e->N; n++) {
		double p = a->pop[n];
		out[n] = Y > 0 && p > 0 && e->P > 0 ? (y[n] / Y) / (p / e->P) : NAN;
	}
	for (int g = 0; g < e->G; g++) {
		double num = 0, den = 0;
		for (uint32_t n = 0; n < e->N; n++) {
			double p = a->pop[n], gp = a->gpop[(size_t)n * (size_t)e->G + (size_t)g];
			if (!(p > 0) || isnan(gp))
				continue;
			num += gp * (y[n] / p * 1000);
			den += gp;
		}
		double ge = den > 0 ? num / den : NAN;
		out[e->N + (uint32_t)g] = ge;
		out[e->N + (uint32_t)e->G + (uint32_t)g] = all > 0 ? ge / all : NAN;
	}
	out[e->N + 2 * (uint32_t)e->G] = gini(e, y, buf);
}

/* est[k] on the data; lo[k], hi[k] from B day-resampled replicates. */
static void bootstrap(const xp *e, const double *y0, double *est, double *lo, double *hi)
{
	const ae_agg *a = e->a;
	size_t K = e->N + 2 * (size_t)e->G + 1, B = (size_t)e->st->bootstrap_replicates, D = a->ndays;
	pair *buf = ae_malloc((e->N ? e->N : 1) * sizeof *buf);
	figures(e, y0, est, buf);
	double *rep = ae_malloc(K * B * sizeof *rep), *y = ae_malloc((e->N ? e->N : 1) * sizeof *y),
	       *one = ae_malloc(K * sizeof *one);
	uint32_t *mult = ae_malloc(D * sizeof *mult);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, (unsigned long)e->st->seed);
	for (size_t b = 0; b < B; b++) {
		memset(mult, 0, D * sizeof *mult);
		for (size_t i = 0; i < D; i++)
			mult[gsl_rng_uniform_int(r, D)]++;
		memset(y, 0, e->N * sizeof *y);
		for (size_t d = 0; d < D; d++) {
			if (!mult[d])
				continue;
			const uint64_t *row = a->day_hood + d * e->N;
			for (uint32_t n = 0; n < e->N; n++)
				y[n] += (double)mult[d] * (double)row[n];
		}
		figures(e, y, one, buf);
		for (size_t k = 0; k < K; k++)
			rep[k * B + b] = one[k];
	}
	for (size_t k = 0; k < K; k++)
		if (isnan(est[k]) || ae_percentile_ci(rep + k * B, B, e->st->confidence, &lo[k], &hi[k]))
			lo[k] = hi[k] = NAN;
	gsl_rng_free(r);
	free(rep); free(y); free(one); free(mult); free(buf);
}

static const ae_strtab *sort_tab;
static const uint32_t *sort_ids;
static int listed_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return strcmp(ae_strtab_name(sort_tab, sort_ids[a]), ae_strtab_name(sort_tab, sort_ids[b]));
}

/* Rows that need the neighborhoods table, up to unassigned_reads; the Gini
 * figure (listed last in METRICS.md) is handed back for the caller to add. */
static void area_rows(xp *e, ae_table *t, double gini3[3])
{
	const ae_agg *a = e->a;
	const ae_study *st = e->st;
	uint32_t N = e->N;
	size_t D = a->ndays;
	for (uint32_t n = 0; n < N; n++)
		if (a->pop[n] > 0)
			e->P += a->pop[n];
	double *y = ae_calloc(N ? N : 1, sizeof *y);
	uint64_t *tot = ae_calloc(D ? D : 1, sizeof *tot);   /* daily reads over listed areas */
	for (size_t d = 0; d < D; d++)
		for (uint32_t n = 0; n < N; n++) {
			y[n] += (double)a->day_hood[d * N + n];
			tot[d] += a->day_hood[d * N + n];
		}
	double Y = 0;
	for (uint32_t n = 0; n < N; n++)
		Y += y[n];
	uint32_t *order = ae_malloc((N ? N : 1) * sizeof *order);
	for (uint32_t n = 0; n < N; n++)
		order[n] = n;
	sort_tab = a->hoods;
	sort_ids = a->listed;
	qsort(order, N, sizeof *order, listed_cmp);

	ae_ci ci;
	ae_row *r = ae_table_add(t, "reads_per_1k_residents", "all", "all", "quasi_poisson_days");
	r->num = Y;
	r->den = e->P;
	if (e->P > 0 && ae_quasi_poisson(tot, D, 1, st->confidence, &ci) == 0) {
		r->est = Y / e->P * 1000;
		r->lo = ci.lo / e->P * 1000;
		r->hi = ci.hi / e->P * 1000;
	}
	static const char *const qp_metrics[] = {"reads_per_1k_residents", "reads_per_km2", "reads_per_100_vmt"};
	for (int m = 0; m < 3; m++)
		for (uint32_t k = 0; k < N; k++) {
			uint32_t n = order[k];
			double den = m == 0 ? a->pop[n] : m == 1 ? a->area[n] : a->vmt[n] * (double)D;
			double scale = m == 0 ? 1000 : m == 1 ? 1 : 100;
			r = ae_table_add(t, qp_metrics[m], "neighborhood", ae_strtab_name(a->hoods, a->listed[n]),
					 "quasi_poisson_days");
			r->num = y[n];
			r->den = den;
			if (den > 0 && ae_quasi_poisson(a->day_hood + n, D, N, st->confidence, &ci) == 0) {
				r->est = y[n] / den * scale;
				r->lo = ci.lo / den * scale;
				r->hi = ci.hi / den * scale;
			}
		}

	size_t K = N + 2 * (size_t)e->G + 1;
	double *est = ae_malloc(K * sizeof *est), *lo = ae_malloc(K * sizeof *lo), *hi = ae_malloc(K * sizeof *hi);
	bootstrap(e, y, est, lo, hi);
	for (uint32_t k = 0; k < N; k++) {
		uint32_t n = order[k];
		r = ae_table_add(t, "exposure_ratio", "neighborhood", ae_strtab_name(a->hoods, a->listed[n]),
				 "bootstrap_days");
		r->num = y[n];
		r->est = est[n];
		r->lo = lo[n];
		r->hi = hi[n];
	}
	for (int m = 0; m < 2; m++)
		for (int g = 0; g < e->G; g++) {
			size_t k = N + (size_t)m * (size_t)e->G + (size_t)g;
			r = ae_table_add(t, m ? "disparity_ratio" : "group_exposure", "group", a->groups[g],
					 "bootstrap_days");
			r->est = est[k];
			r->lo = lo[k];
			r->hi = hi[k];
		}
	r = ae_table_add(t, "unassigned_reads", "all", "all", "none");
	r->est = r->num = (double)a->unassigned;
	r->den = (double)a->reads;
	gini3[0] = est[K - 1];
	gini3[1] = lo[K - 1];
	gini3[2] = hi[K - 1];
	free(est); free(lo); free(hi); free(y); free(order); free(tot);
}

static void share_row(const xp *e, ae_table *t, const char *metric, double x, double n)
{
	ae_row *r = ae_table_add(t, metric, "all", "all", e->bin);
	r->num = x;
	r->den = n;
	ae_ci ci;
	if (ae_binomial(e->st->ci_method, x, n, e->st->confidence, &ci) == 0) {
		r->est = ci.est;
		r->lo = ci.lo;
		r->hi = ci.hi;
	}
}

void ae_exposure_build(const ae_study *st, const ae_agg *a, ae_table *t)
{
	xp e = {st, a, a->nlisted, a->ngroups, 0, ae_ci_method_name(st->ci_method)};
	int areas = st->input[TB_HOODS].present;
	double g[3] = {NAN, NAN, NAN};
	if (areas)
		area_rows(&e, t, g);

	/* vehicles: every accepted in-period read counts (METRICS.md rule 3) */
	double tracked = 0, once = 0, V = (double)ae_vtab_count(a->vehicles);
	for (uint32_t i = 0; i < ae_vtab_count(a->vehicles); i++) {
		const ae_vehicle *v = ae_vtab_at(a->vehicles, i);
		tracked += v->cameras >= (uint32_t)st->tracked_cameras;
		once += v->reads == 1;
	}
	share_row(&e, t, "tracked_plates_share", tracked, V);
	share_row(&e, t, "plates_seen_once_share", once, V);

	if (areas) {
		ae_row *r = ae_table_add(t, "gini_reads_per_capita", "all", "all", "bootstrap_days");
		r->est = g[0];
		r->lo = g[1];
		r->hi = g[2];
	}
}

json_t *ae_exposure_notes(const ae_study *st, const ae_agg *a)
{
	if (!st->input[TB_HOODS].present)
		return NULL;
	json_t *o = json_object();
	json_object_set_new(o, "small_population_threshold", json_real(st->small_population));
	uint32_t N = a->nlisted;
	uint32_t *order = ae_malloc((N ? N : 1) * sizeof *order);
	for (uint32_t n = 0; n < N; n++)
		order[n] = n;
	sort_tab = a->hoods;
	sort_ids = a->listed;
	qsort(order, N, sizeof *order, listed_cmp);
	json_t *small = json_array();
	for (uint32_t k = 0; k < N; k++) {
		uint32_t n = order[k];
		if (!(a->pop[n] >= st->small_population))
			json_array_append_new(small, json_string(ae_strtab_name(a->hoods, a->listed[n])));
	}
	free(order);
	json_object_set_new(o, "small_population_areas", small);
	json_object_set_new(o, "unassigned_reads", json_integer((json_int_t)a->unassigned));
	json_object_set_new(o, "unassigned_share",
			    a->reads ? json_real((double)a->unassigned / (double)a->reads) : json_null());
	json_object_set_new(o, "tracked_cameras", json_integer(st->tracked_cameras));
	json_object_set_new(o, "bootstrap_replicates", json_integer(st->bootstrap_replicates));
	return o;
}

void ae_exposure_areas(const ae_agg *a, ae_areas *out)
{
	memset(out, 0, sizeof *out);
	out->n = a->nlisted;
	const char **names = ae_malloc((a->nlisted + 1) * sizeof *names);
	for (uint32_t n = 0; n < a->nlisted; n++)
		names[n] = ae_strtab_name(a->hoods, a->listed[n]);
	out->name = names;
	out->population = a->pop;
	out->ngroups = a->ngroups;
	out->groups = (const char *const *)a->groups;
	out->geo = a->geo;
	uint32_t nc = ae_strtab_count(a->cameras);
	double *lon = ae_malloc((nc + 1) * sizeof *lon), *lat = ae_malloc((nc + 1) * sizeof *lat);
	for (uint32_t i = 0; i < nc; i++)
		if (!isnan(a->camera_lat[i]) && !isnan(a->camera_lon[i]) && a->cam[i].reads) {
			lon[out->ncameras] = a->camera_lon[i];
			lat[out->ncameras++] = a->camera_lat[i];
		}
	out->camera_lon = lon;
	out->camera_lat = lat;
}

void ae_areas_release(ae_areas *ar)
{
	free((void *)ar->name);
	free((void *)ar->camera_lon);
	free((void *)ar->camera_lat);
	memset(ar, 0, sizeof *ar);
}
