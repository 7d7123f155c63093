/* exposure.c — see exposure.h. Row order: doc/metrics.md's Exposure table;
 * neighbourhoods by name (byte order), groups in the table's column order.
 * bootstrap_days resamples the study's days with GSL's mt19937 seeded with the
 * study seed: B replicates drawn in one stream, every bootstrap figure
 * computed from the same replicates, percentile intervals. */
#include "exposure.h"
#include "brief.h"
#include "chartkit.h"
#include "estimate.h"
#include "geo.h"
#include "numfmt.h"
#include "util.h"
#include <gsl/gsl_rng.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct xp {
	const ae_study *st;
	const ae_agg *a;
	uint32_t N; /* listed areas */
	int G;      /* groups */
	double P;   /* total known population */
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
	free(rep);
	free(y);
	free(one);
	free(mult);
	free(buf);
}

/* Listed areas 0..N-1 in name order, into order. */
static void listed_by_name(const ae_agg *a, uint32_t *order, uint32_t N)
{
	const char **names = ae_malloc((N ? N : 1) * sizeof *names);
	for (uint32_t n = 0; n < N; n++)
		names[n] = ae_strtab_name(a->hoods, a->listed[order[n]]);
	ae_sort_named(order, names, N, UINT32_MAX);
	free(names);
}

/* Rows that need the neighborhoods table, up to unassigned_reads; the Gini
 * figure (listed last in doc/metrics.md) is handed back for the caller to add. */
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
	uint64_t *tot = ae_calloc(D ? D : 1, sizeof *tot); /* daily reads over listed areas */
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
	listed_by_name(a, order, N);

	ae_ci ci;
	ae_row *r = ae_table_add(t, AE_M(reads_per_1k_residents), "all", "all", "quasi_poisson_days");
	r->num = Y;
	r->den = e->P;
	if (e->P > 0 && ae_quasi_poisson(tot, D, 1, st->confidence, &ci) == 0) {
		r->est = Y / e->P * 1000;
		r->lo = ci.lo / e->P * 1000;
		r->hi = ci.hi / e->P * 1000;
	}
	const char *const qp_metrics[] = {AE_M(reads_per_1k_residents), AE_M(reads_per_km2), AE_M(reads_per_100_vmt)};
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
		r = ae_table_add(t, AE_M(exposure_ratio), "neighborhood", ae_strtab_name(a->hoods, a->listed[n]),
				 "bootstrap_days");
		r->num = y[n];
		r->est = est[n];
		r->lo = lo[n];
		r->hi = hi[n];
	}
	for (int m = 0; m < 2; m++)
		for (int g = 0; g < e->G; g++) {
			size_t k = N + (size_t)m * (size_t)e->G + (size_t)g;
			r = ae_table_add(t, m ? AE_M(disparity_ratio) : AE_M(group_exposure), "group", a->groups[g],
					 "bootstrap_days");
			r->est = est[k];
			r->lo = lo[k];
			r->hi = hi[k];
		}
	r = ae_table_add(t, AE_M(unassigned_reads), "all", "all", "none");
	r->est = r->num = (double)a->unassigned;
	r->den = (double)a->reads;
	gini3[0] = est[K - 1];
	gini3[1] = lo[K - 1];
	gini3[2] = hi[K - 1];
	free(est);
	free(lo);
	free(hi);
	free(y);
	free(order);
	free(tot);
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

/* Reads-per-vehicle bins: the lower edge of each, the last open. */
const char *const ae_rpv_names[AE_RPV_BINS] = {"1", "2-4", "5-19", "20-99", "100+"};
const uint32_t ae_rpv_lo[AE_RPV_BINS] = {1, 2, 5, 20, 100};

int ae_rpv_bin(uint32_t reads)
{
	int k = AE_RPV_BINS - 1;
	while (k > 0 && reads < ae_rpv_lo[k])
		k--;
	return k;
}

/* Vehicles with this many reads or more share one histogram slot: a
 * quantile that falls there has no estimate (doc/metrics.md). */
#define RPV_HIST 65536u

/* The x-th smallest reads per vehicle (x from 0), from the histogram; UINT32_MAX in the top slot. */
static uint32_t hist_order(const uint32_t *hist, uint32_t x)
{
	uint64_t below = 0;
	for (uint32_t r = 0; r < RPV_HIST; r++) {
		below += hist[r];
		if (below > x)
			return r;
	}
	return UINT32_MAX;
}

/* reads_per_vehicle at p50, p90, p99: type 7 like every quantile of the
 * table (table.h). No max: it is one vehicle's count. A quantile is
 * suppressed when fewer than min_cell vehicles were read at least as often as
 * the order statistic below it: the figure would describe those few. */
static void rpv_quantiles(const ae_study *st, ae_table *t, const uint32_t *hist, uint32_t V)
{
	static const char *const names[] = {"p50", "p90", "p99"};
	static const double p[] = {0.5, 0.9, 0.99};
	for (int q = 0; q < 3; q++) {
		/* no denominator: it would repeat distinct_plates outside the suppression rule's reach */
		ae_row *r = ae_table_add(t, AE_M(reads_per_vehicle), "quantile", names[q], "none");
		if (!V)
			continue;
		double h = (double)(V - 1) * p[q];
		uint32_t lo = (uint32_t)h, x0 = hist_order(hist, lo), x1 = lo + 1 < V ? hist_order(hist, lo + 1) : x0;
		if (x0 == UINT32_MAX || x1 == UINT32_MAX)
			continue;
		uint64_t at_or_above = V;
		for (uint32_t k = 0; k < x0; k++)
			at_or_above -= hist[k];
		if (st->min_cell > 0 && at_or_above < (uint64_t)st->min_cell) {
			r->method = "suppressed";
			continue;
		}
		r->est = (double)x0 + (h - (double)lo) * ((double)x1 - (double)x0);
	}
}

void ae_exposure_build(const ae_study *st, const ae_agg *a, ae_table *t)
{
	xp e = {st, a, a->nlisted, a->ngroups, 0, ae_ci_method_name(st->ci_method)};
	int areas = st->input[TB_HOODS].present;
	double g[3] = {NAN, NAN, NAN};
	if (areas)
		area_rows(&e, t, g);

	/* vehicles: every accepted in-period read counts (doc/metrics.md rule 3);
	 * one pass over the vehicle table, the bins and a fixed-size histogram of
	 * reads per vehicle for the quantiles (no per-vehicle memory) */
	double tracked = 0, once = 0, V = (double)ae_vtab_count(a->vehicles), R = 0;
	double vbin[AE_RPV_BINS] = {0}, rbin[AE_RPV_BINS] = {0};
	uint32_t *hist = ae_calloc(RPV_HIST + 1, sizeof *hist);
	for (uint32_t i = 0; i < ae_vtab_count(a->vehicles); i++) {
		const ae_vehicle *v = ae_vtab_at(a->vehicles, i);
		tracked += v->cameras >= (uint32_t)st->tracked_cameras;
		once += v->reads == 1;
		int k = ae_rpv_bin(v->reads);
		vbin[k]++;
		rbin[k] += v->reads;
		R += v->reads;
		hist[v->reads < RPV_HIST ? v->reads : RPV_HIST]++;
	}
	share_row(&e, t, AE_M(tracked_plates_share), tracked, V);
	share_row(&e, t, AE_M(plates_seen_once_share), once, V);
	share_row(&e, t, AE_M(vehicles_read_20_plus_share), vbin[3] + vbin[4], V);
	for (int k = 0; k < AE_RPV_BINS; k++) {
		ae_row *r = ae_table_add(t, AE_M(reads_per_vehicle_share), "reads_per_vehicle", ae_rpv_names[k], e.bin);
		r->num = vbin[k];
		r->den = V;
		ae_ci ci;
		if (ae_binomial(st->ci_method, vbin[k], V, st->confidence, &ci) == 0) {
			r->est = ci.est;
			r->lo = ci.lo;
			r->hi = ci.hi;
		}
	}
	for (int k = 0; k < AE_RPV_BINS; k++) { /* an exact share of the whole record */
		ae_row *r = ae_table_add(t, AE_M(reads_per_vehicle_read_share), "reads_per_vehicle", ae_rpv_names[k],
					 "none");
		r->num = rbin[k];
		r->den = R;
		if (R > 0)
			r->est = rbin[k] / R;
	}
	rpv_quantiles(st, t, hist, (uint32_t)V);
	free(hist);

	if (areas) {
		ae_row *r = ae_table_add(t, AE_M(gini_reads_per_capita), "all", "all", "bootstrap_days");
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
	listed_by_name(a, order, N);
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

int ae_exposure_analyse(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err)
{
	(void)err;
	ae_exposure_build(st, a, t);
	if (!st->input[TB_HOODS].present)
		return AE_OK;
	ae_areas *ar = ae_malloc(sizeof *ar);
	ae_exposure_areas(a, ar);
	h->areas = ar;
	h->notes = ae_exposure_notes(st, a);
	return AE_OK;
}

void ae_exposure_release(ae_handover *h)
{
	if (h->areas) {
		ae_areas_release((ae_areas *)h->areas);
		free((void *)h->areas);
		h->areas = NULL;
	}
	json_decref(h->notes);
	h->notes = NULL;
}

/* ---------------- charts: from the metrics table and the areas handed over ---------------- */
/* ---------------- the Lorenz curve behind the Gini ---------------- */
typedef struct lz {
	double y, p;
} lz;

static int lz_cmp(const void *a, const void *b)
{
	const lz *x = a, *y = b;
	double rx = x->y / x->p, ry = y->y / y->p;
	return (rx > ry) - (rx < ry);
}

static int chart_lorenz(ae_chartctx *c)
{
	const char *name = "lorenz";
	const ae_row *g = ae_chart_find(c, AE_M(gini_reads_per_capita), "all", "all", NULL);
	if (!g) {
		ae_chart_missing(c, name, "no neighborhoods table in the study");
		return AE_OK;
	}
	lz *v = ae_malloc((c->h->t->n ? c->h->t->n : 1) * sizeof *v);
	size_t n = 0;
	double sy = 0, sp = 0;
	for (size_t i = 0; i < c->h->t->n; i++) {
		const ae_row *r = &c->h->t->rows[i];
		if (strcmp(r->metric, AE_M(reads_per_1k_residents)) || strcmp(r->dimension, "neighborhood") ||
		    !(r->den > 0))
			continue;
		v[n].y = r->num;
		v[n++].p = r->den;
		sy += r->num;
		sp += r->den;
	}
	if (n < 2 || !(sy > 0)) {
		free(v);
		ae_chart_missing(c, name, "fewer than two populated areas with reads");
		return AE_OK;
	}
	qsort(v, n, sizeof *v, lz_cmp);
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(v);
		return AE_EIO;
	}
	fprintf(f,
		"# population_share read_share (cumulative; areas by reads per resident, from reads_per_1k_residents numerator/denominator)\n0 0\n");
	double cy = 0, cp = 0;
	for (size_t i = 0; i < n; i++) {
		cy += v[i].y;
		cp += v[i].p;
		fprintf(f, "%.10g %.10g\n", cp / sp, cy / sy);
	}
	free(v);
	if (ae_chart_dat_close(c, f, name))
		return AE_EIO;
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, name, "Who is read: the Lorenz curve of reads per resident", 700, 620);
	ae_buf_printf(&s,
		      "set size ratio 1\nset xrange [0:1]\nset yrange [0:1]\nset xlabel 'share of residents (areas from least to most read per resident)'\n"
		      "set ylabel 'share of reads'\nset key top left\n"
		      "set label 1 'Gini %.3f (95 %% interval %.3f to %.3f)' at graph 0.05, graph 0.80\n",
		      g->est, g->lo, g->hi);
	ae_buf_printf(&s,
		      "plot x with lines dt 2 lc rgb '#555555' title 'equal exposure', \\\n"
		      "     'chart-%s.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '%s' title 'this study'\n",
		      name, AE_BLUE);
	return ae_chart_finish(
		c, &s, name, "Lorenz curve of reads per resident",
		"The further the curve sags below the diagonal, the more reads fall on a few areas relative to where people live.",
		700, 620);
}

/* ---------------- the map ---------------- */
static int dbl_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static const char *const blues[5] = {"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"};

static double seg_dist2(double px, double py, double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
	double t = l > 0 ? ((px - ax) * dx + (py - ay) * dy) / l : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	double qx = ax + t * dx - px, qy = ay + t * dy - py;
	return qx * qx + qy * qy;
}

/* Where an area's name goes: of a 20 x 20 grid over its largest ring, the
 * point in the area (not in a hole, nor in a neighbour) farthest from the
 * area's edges, holes included (ks: longitude's shrink at this latitude).
 * *w, *h: the ring's width and height (lonscale'd degrees). 0: no point. */
static int label_point(const ae_geo *g, int feat, double ks, double *lon, double *lat, double *w, double *h)
{
	size_t nr = ae_geo_rings(g);
	double best = 0, x0 = 0, x1 = 0, y0 = 0, y1 = 0;
	for (size_t i = 0; i < nr; i++) {
		int f, hole;
		const double *x, *y;
		size_t n;
		ae_geo_ring(g, i, &f, &hole, &x, &y, &n);
		if (f != feat || hole || n < 3)
			continue;
		double a = 0, bx0 = x[0], bx1 = x[0], by0 = y[0], by1 = y[0];
		for (size_t j = 0; j < n; j++) {
			size_t k = (j + 1) % n;
			a += x[j] * y[k] - x[k] * y[j];
			bx0 = fmin(bx0, x[j]), bx1 = fmax(bx1, x[j]), by0 = fmin(by0, y[j]), by1 = fmax(by1, y[j]);
		}
		if (fabs(a) > best) {
			best = fabs(a);
			x0 = bx0, x1 = bx1, y0 = by0, y1 = by1;
		}
	}
	if (!(best > 0))
		return 0;
	*w = (x1 - x0) * ks, *h = y1 - y0;
	double dbest = -1;
	for (int i = 1; i < 20; i++)
		for (int j = 1; j < 20; j++) {
			double px = x0 + (x1 - x0) * i / 20, py = y0 + (y1 - y0) * j / 20;
			if (ae_geo_locate(g, px, py) != feat)
				continue;
			double d = INFINITY;
			for (size_t r = 0; r < nr; r++) {
				int f, hole;
				const double *x, *y;
				size_t n;
				ae_geo_ring(g, r, &f, &hole, &x, &y, &n);
				if (f != feat)
					continue;
				for (size_t q = 0; q < n; q++) {
					size_t k = (q + 1) % n;
					d = fmin(d, seg_dist2(px * ks, py, x[q] * ks, y[q], x[k] * ks, y[k]));
				}
			}
			if (d > dbest) {
				dbest = d;
				*lon = px, *lat = py;
			}
		}
	return dbest >= 0;
}

static int chart_map(ae_chartctx *c)
{
	const char *name = "map";
	const ae_areas *ar = c->h->areas;
	if (!ar || !ar->geo) {
		ae_chart_missing(c, name, "no boundaries (GeoJSON) in the study");
		return AE_OK;
	}
	int nf = ae_geo_count(ar->geo);
	double *val = ae_malloc((size_t)nf * sizeof *val), *sorted = ae_malloc((size_t)nf * sizeof *sorted);
	int nv = 0;
	for (int i = 0; i < nf; i++) {
		const ae_row *r =
			ae_chart_find(c, AE_M(reads_per_1k_residents), "neighborhood", ae_geo_name(ar->geo, i), NULL);
		val[i] = r ? r->est : NAN;
		if (!isnan(val[i]))
			sorted[nv++] = val[i];
	}
	/* Five classes by rank (quintiles of the areas), so one extreme small area
	 * does not wash out the rest; class k holds values up to brk[k]. */
	qsort(sorted, (size_t)nv, sizeof *sorted, dbl_cmp);
	double brk[5];
	for (int k = 0; k < 5; k++)
		brk[k] = nv ? sorted[(size_t)((k + 1) * nv / 5 > 0 ? (k + 1) * nv / 5 - 1 : 0)] : NAN;
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(val);
		return AE_EIO;
	}
	fprintf(f, "# lon lat rgb: one block per ring (holes white, areas without a rate grey), then the cameras\n");
	size_t nr = ae_geo_rings(ar->geo);
	double mlat = 0;
	for (size_t i = 0; i < nr; i++) {
		int feat, hole;
		const double *x, *y;
		size_t n;
		ae_geo_ring(ar->geo, i, &feat, &hole, &x, &y, &n);
		unsigned rgb = 0xbbbbbb;
		if (hole) {
			rgb = 0xffffff;
		} else if (!isnan(val[feat])) {
			int k = 0;
			while (k < 4 && val[feat] > brk[k])
				k++;
			rgb = (unsigned)strtoul(blues[k] + 1, NULL, 16);
		}
		/* one blank line between rings: gnuplot fills each block on its own, in order */
		if (i)
			fputc('\n', f);
		for (size_t j = 0; j < n; j++)
			fprintf(f, "%.6f %.6f %u\n", x[j], y[j], rgb);
		mlat = y[0];
	}
	fputs("\n\n", f); /* index 1: the cameras */
	size_t ncam = 0;
	for (; ncam < ar->ncameras; ncam++)
		fprintf(f, "%.6f %.6f 0\n", ar->camera_lon[ncam], ar->camera_lat[ncam]);
	if (!ncam)
		fputs("NaN NaN 0\n", f);
	/* index 2: each area's name and rate, inside it (white on the two
	 * darkest classes); an area too small for them has them just above it */
	fputs("\n\n", f);
	int nlab = 0;
	double ks = cos(mlat * 3.14159265358979323846 / 180);
	for (int i = 0; i < nf; i++) {
		double lon = 0, lat = 0, w = 0, hh = 0;
		if (!label_point(ar->geo, i, ks, &lon, &lat, &w, &hh))
			continue;
		const ae_row *r =
			ae_chart_find(c, AE_M(reads_per_1k_residents), "neighborhood", ae_geo_name(ar->geo, i), NULL);
		int outside = (r && !(r->den >= c->h->st->small_population)) || w < hh * 0.3;
		int k = 0;
		while (!isnan(val[i]) && k < 4 && val[i] > brk[k])
			k++;
		char v[64], lab[300];
		if (isnan(val[i]))
			snprintf(lab, sizeof lab, "%s", ae_geo_name(ar->geo, i));
		else {
			ae_num_count(v, sizeof v, val[i]);
			snprintf(lab, sizeof lab, "%s%s%s", ae_geo_name(ar->geo, i), outside ? ": " : "\\n", v);
		}
		/* above the area: its top plus a little, in the dark colour */
		fprintf(f, "%.6f %.6f ", lon, outside ? lat + hh * 0.5 + 0.002 : lat);
		fputc('"', f);
		for (const char *p = lab; *p; p++)
			fputc(*p == '"' ? '\'' : *p, f);
		fputc('"', f);
		fprintf(f, " %u\n", !outside && !isnan(val[i]) && k >= 3 ? 0xffffffu : 0x222222u);
		nlab++;
	}
	if (!nlab)
		fputs("NaN NaN \"\" 0\n", f);
	if (ae_chart_dat_close(c, f, name)) {
		free(val);
		return AE_EIO;
	}
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, name, "Reads per 1,000 residents by area, with camera locations", 900, 800);
	/* degrees of longitude shrink with latitude: keep the map's shape; the
	 * key's title is the colours' unit */
	ae_buf_printf(&s,
		      "unset xtics\nunset ytics\nunset border\nunset grid\nset size ratio -1\n"
		      "set key outside right top Left reverse samplen 1.5 title \"reads per\\n1,000 residents\" left\n"
		      "set xrange [*:*]\nset yrange [*:*]\nlonscale = %.6f\n",
		      cos(mlat * 3.14159265358979323846 / 180));
	ae_buf_printf(&s,
		      "plot 'chart-%s.dat' index 0 using ($1*lonscale):2:3 with filledcurves closed fc rgb variable notitle, \\\n"
		      "     '' index 0 using ($1*lonscale):2 with lines lc rgb '#444444' lw 0.6 notitle",
		      name);
	for (int k = 0; k < 5 && nv; k++) {
		if (k && brk[k] == brk[k - 1])
			continue;
		char v[64];
		ae_num_count(v, sizeof v, brk[k]);
		ae_buf_printf(&s, ", \\\n     NaN with boxes fs solid fc rgb '%s' title '%s %s'", blues[k],
			      k ? "up to" : "lowest, up to", v);
	}
	free(sorted);
	ae_buf_printf(&s,
		      ", \\\n     'chart-%s.dat' index 1 using ($1*lonscale):2 with points pt 7 ps 0.8 lc rgb '%s' title 'fixed camera', \\\n"
		      "     '' index 2 using ($1*lonscale):2:3:4 with labels tc rgb variable notitle\n",
		      name, AE_VERMILLION);
	free(val);
	return ae_chart_finish(
		c, &s, name, "Map of exposure",
		"Areas shaded by reads per 1,000 residents, in five classes by rank (darkest: the most-read fifth of areas); each area carries its name and rate; dots are fixed cameras. Mobile units have no fixed place and are not shown.",
		900, 800);
}

int ae_exposure_charts(ae_chartctx *c)
{
	if (!c->h->st->input[TB_HOODS].present) {
		ae_chart_missing(c, "exposure charts and the map", "no neighborhoods table in the study");
		return AE_OK;
	}
	int rc = ae_chart_intervals(
		c, "exposure_neighborhood", AE_M(reads_per_1k_residents), "neighborhood",
		"Reads per 1,000 residents by area", "reads per 1,000 residents",
		"Reads in each area per 1,000 people who live there, highest first; small-population areas are marked and should not be ranked.",
		1, 1, AE_NLABEL_RESIDENTS, NAN);
	if (!rc)
		rc = ae_chart_intervals(
			c, "disparity_group", AE_M(disparity_ratio), "group",
			"Exposure of each group relative to the city as a whole",
			"disparity ratio (1 = the city's rate)",
			"Population-weighted reads per resident for each group, divided by the city-wide rate; above 1 means more exposed.",
			1, 0, AE_NLABEL_NONE, 1);
	if (!rc)
		rc = chart_map(c);
	if (!rc)
		rc = chart_lorenz(c);
	return rc;
}

/* ---------------- the briefing: from the metrics table and the areas handed over ---------------- */
/* A group's code as a name in text: "black" -> "Black", "two_or_more" ->
 * "Two or more" (metrics.csv keeps the code). */
static void group_words(const char *code, char *out, size_t n)
{
	snprintf(out, n, "%s", code);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* A ratio about places, to two significant figures and without its
 * interval: the interval is about day-to-day variation in reads, and the
 * figure is not that precise about people (it assumes every resident is
 * read at their area's rate). The span holds the row's estimate, as
 * brief_value's would; a suppressed or empty row prints as brief_value does. */
static void place_ratio(brief *b, const ae_row *r)
{
	if (strcmp(r->method, "suppressed") == 0 || isnan(r->est) || !(r->est > 0)) {
		brief_figure(b, r, FIG_RATIO);
		return;
	}
	int dec = 1 - (int)floor(log10(r->est));
	char e[64];
	ae_num_fixed(e, sizeof e, r->est, dec < 0 ? 0 : dec, 1);
	ae_buf_printf(&b->d.html, "<span class=\"fig\" data-line=\"%zu\">", brief_line(b, r));
	ae_doc_put(&b->d, e);
	ae_doc_raw(&b->d, "</span>", NULL);
	ae_doc_put(&b->d, " ");
	brief_cite(b, r);
}

static void summary_exposure(brief *b)
{
	ae_doc *d = &b->d;
	const ae_areas *ar = b->ar;
	ae_doc_para(d);
	if (!b->hoods) {
		ae_doc_put(d, "No neighbourhoods table was supplied, so reads per resident, exposure ratios and "
			      "disparities between groups cannot be given.");
		ae_doc_para_end(d);
		return;
	}
	const ae_row *all = brief_find(b, AE_M(reads_per_1k_residents), "all", "all", NULL);
	if (all) {
		ae_doc_put(d, "Across the listed neighbourhoods, the number of reads per thousand residents is ");
		brief_figure(b, all, FIG_RATE);
		ae_doc_put(d, ". ");
	}
	/* the most-read area that is not too small to rank */
	const ae_row *top = NULL;
	uint32_t topn = 0;
	for (uint32_t n = 0; n < ar->n; n++) {
		const ae_row *r =
			brief_find(b, AE_M(reads_per_1k_residents), "neighborhood", brief_area_name(b, n), NULL);
		if (!r || brief_is_small(b, n) || isnan(r->est))
			continue;
		if (!top || r->est > top->est) {
			top = r;
			topn = n;
		}
	}
	if (top) {
		ae_doc_put(d, "Among areas not under the small-population threshold, ");
		ae_doc_put(d, brief_area_name(b, topn));
		ae_doc_put(d, " is read most: its reads per thousand residents are ");
		brief_figure(b, top, FIG_RATE);
		const ae_row *er = brief_find(b, AE_M(exposure_ratio), "neighborhood", brief_area_name(b, topn), NULL);
		if (er) {
			ae_doc_put(d, ", and its exposure ratio " EM_DASH " its share of reads over its share of "
				      "residents " EM_DASH " is ");
			brief_figure(b, er, FIG_RATIO);
		}
		ae_doc_put(d, ". ");
	} else {
		ae_doc_put(d, "No listed area with a known population is above the small-population threshold, so none "
			      "is ranked. ");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	int any = 0;
	for (int g = 0; g < ar->ngroups; g++) {
		const ae_row *r = brief_find(b, AE_M(disparity_ratio), "group", ar->groups[g], NULL);
		if (!r)
			continue;
		char name[128];
		group_words(ar->groups[g], name, sizeof name);
		ae_doc_put(d, any ? "; "
				  : "Reads are counted where the cameras are, so the comparison between groups is "
				    "about places, not people: the average resident of each group lives in an area read "
				    "this many times the city's rate per resident (one is the city's rate): ");
		ae_doc_put(d, name);
		ae_doc_put(d, " ");
		place_ratio(b, r);
		any = 1;
	}
	ae_doc_put(d, any ? ". Each treats everyone in an area as read at the area's rate: it says where the "
			    "cameras read, not how often any one person is. "
			  : "The neighbourhoods table has no population groups, so no disparity ratio is "
			    "given. ");
	const ae_row *gini = brief_find(b, AE_M(gini_reads_per_capita), "all", "all", NULL);
	if (gini) {
		ae_doc_put(d, "The Gini coefficient of reads per resident across areas is ");
		brief_figure(b, gini, FIG_RATIO);
		ae_doc_put(d, " (zero would mean the residents of every area are read equally often). ");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	any = 0;
	for (uint32_t n = 0; n < ar->n; n++) {
		if (!brief_is_small(b, n))
			continue;
		ae_doc_put(d, any ? ", "
				  : "Areas under the small-population threshold, whose rates are shown but "
				    "must not be ranked: ");
		ae_doc_put(d, brief_area_name(b, n));
		any = 1;
	}
	ae_doc_put(d, any ? ". " : "No listed area is under the small-population threshold. ");
	const ae_row *un = brief_find(b, AE_M(unassigned_reads), "all", "all", NULL);
	if (un) {
		char c[64], s[64], buf[192];
		ae_num_count(c, sizeof c, un->est);
		if (un->den > 0) {
			double share = un->num / un->den;
			ae_num_figure(s, sizeof s, share, FIG_PCT, ae_num_decimals(FIG_PCT, share));
			snprintf(buf, sizeof buf, "%s (%s of all reads)", c, s);
		} else {
			snprintf(buf, sizeof buf, "%s", c);
		}
		ae_doc_put(d, "The number of reads in no listed area, left out of these rates, is ");
		ae_buf_printf(&d->html, "<span class=\"fig\" data-line=\"%zu\">", brief_line(b, un));
		ae_doc_put(d, buf);
		ae_doc_raw(d, "</span>", NULL);
		ae_doc_put(d, " ");
		brief_cite(b, un);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
}

void ae_exposure_summary(brief *b) { summary_exposure(b); }

/* The Areas section: one part per area, the listed neighbourhoods in the
 * table's order with their residents, or, without a neighbourhoods table,
 * the areas the reads name. Small areas are flagged, not ranked. */
static const ae_row *area_row(const brief *b, const char *metric, const char *name, const char *meth)
{
	return brief_find(b, metric, "neighborhood", name, meth);
}

/* One line of an area's table: the figure and its row, or a dash. */
static void area_table(brief *b, const char *name, int listed, uint32_t n)
{
	static const char *const heads[] = {"Figure", "Value", "Row in metrics.csv"};
	ae_doc *d = &b->d;
	ae_doc_table_open(d, "lrl", heads);
	if (listed) {
		char pop[64];
		if (isnan(b->ar->population[n]))
			snprintf(pop, sizeof pop, "unknown");
		else
			ae_num_count(pop, sizeof pop, b->ar->population[n]);
		ae_doc_row_open(d);
		ae_doc_cell_text(d, "Residents");
		ae_doc_cell_text(d, pop);
		ae_doc_cell_text(d, "neighbourhoods table");
		ae_doc_row_end(d);
	}
	brief_table_line(b, "Reads", area_row(b, AE_M(reads), name, NULL), FIG_COUNT, "none in the period");
	brief_table_line(b, "Distinct vehicles", area_row(b, AE_M(distinct_plates), name, NULL), FIG_COUNT,
			 "none in the period");
	if (b->hits) {
		brief_table_line(b, "Alerts (hits)", area_row(b, AE_M(hits), name, NULL), FIG_COUNT,
				 "none in the period");
		brief_table_line(b, "Hit rate", area_row(b, AE_M(hit_rate), name, "cluster_plate"), FIG_PCT, "no reads");
	}
	if (listed) {
		brief_table_line(b, "Reads per thousand residents",
				 area_row(b, AE_M(reads_per_1k_residents), name, NULL), FIG_RATE, "not in the table");
		brief_table_line(b, "Exposure ratio", area_row(b, AE_M(exposure_ratio), name, NULL), FIG_RATIO,
				 "not in the table");
		brief_table_line(b, "Reads per 100 vehicle-miles travelled",
				 area_row(b, AE_M(reads_per_100_vmt), name, NULL), FIG_RATE, "not in the table");
	}
	ae_doc_table_close(d);
}

/* Reads per resident rank areas by where people sleep; reads per
 * vehicle-mile allow for traffic. The most and least read of the areas that
 * are not small, with the ratio of the two (the two figures are cited). */
static void vmt_paragraph(brief *b)
{
	const ae_row *hi = NULL, *lo = NULL;
	const char *hin = NULL, *lon = NULL;
	for (uint32_t n = 0; n < b->ar->n; n++) {
		const char *name = brief_area_name(b, n);
		const ae_row *r = area_row(b, AE_M(reads_per_100_vmt), name, NULL);
		if (!r || brief_is_small(b, n) || isnan(r->est) || !(r->est > 0))
			continue;
		if (!hi || r->est > hi->est) {
			hi = r;
			hin = name;
		}
		if (!lo || r->est < lo->est) {
			lo = r;
			lon = name;
		}
	}
	if (!hi || hi == lo)
		return;
	ae_doc *d = &b->d;
	ae_doc_para(d);
	ae_doc_put(d, "Reads per resident follow where people live; reads per 100 vehicle-miles travelled allow for "
		      "traffic, since a busy road is read more whoever lives beside it. Of the areas not under the "
		      "small-population threshold, ");
	ae_doc_put(d, hin);
	ae_doc_put(d, " has the most reads per 100 vehicle-miles, ");
	brief_figure(b, hi, FIG_RATE);
	ae_doc_put(d, ", and ");
	ae_doc_put(d, lon);
	ae_doc_put(d, " the fewest, ");
	brief_figure(b, lo, FIG_RATE);
	char x[64];
	double k = hi->est / lo->est;
	ae_num_fixed(x, sizeof x, k, k < 10 ? 1 : 0, 1);
	ae_doc_putf(d, ": a vehicle-mile driven in %s is read about %s times as often as one in %s.", hin, x, lon);
	ae_doc_para_end(d);
}

/* The groups: the summary's disparity ratios in full, beside the exposure
 * they divide, for readers who want the detail. */
static void groups_part(brief *b)
{
	ae_doc *d = &b->d;
	if (!b->ar || !b->ar->ngroups)
		return;
	ae_doc_h3(d, "Groups: where their members live");
	ae_doc_para(d);
	ae_doc_put(d, "For each population group of the neighbourhoods table: the reads per thousand residents of the "
		      "area where its average member lives (each area's rate weighted by the group's residents "
		      "there), and that over the city's rate. Both are about places, not people: they treat everyone "
		      "in an area as read at the area's rate. The intervals show how much the figures move with the "
		      "day-to-day variation of the reads, not how precisely they describe anyone.");
	ae_doc_para_end(d);
	static const char *const heads[] = {"Group", "Reads per thousand residents", "Row in metrics.csv",
					    "Times the city's rate", "Row in metrics.csv"};
	ae_doc_table_open(d, "lrlrl", heads);
	for (int g = 0; g < b->ar->ngroups; g++) {
		const ae_row *ge = brief_find(b, AE_M(group_exposure), "group", b->ar->groups[g], NULL);
		const ae_row *dr = brief_find(b, AE_M(disparity_ratio), "group", b->ar->groups[g], NULL);
		if (!ge || !dr)
			continue;
		char name[128];
		group_words(b->ar->groups[g], name, sizeof name);
		ae_doc_row_open(d);
		ae_doc_cell_text(d, name);
		const ae_row *two[2] = {ge, dr};
		for (int j = 0; j < 2; j++) {
			ae_doc_cell(d);
			brief_value(b, two[j], j ? FIG_RATIO : FIG_RATE);
			ae_doc_cell_end(d);
			ae_doc_cell(d);
			brief_cite(b, two[j]);
			ae_doc_cell_end(d);
		}
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
}

/* The tracking part: how often one vehicle is read, and what the retention
 * policy holds per vehicle. Vehicle figures need no neighbourhoods table. */
static void tracking_part(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *V = brief_find(b, AE_M(distinct_plates), "all", "all", NULL);
	const ae_row *once = brief_find(b, AE_M(plates_seen_once_share), "all", "all", NULL);
	const ae_row *often = brief_find(b, AE_M(vehicles_read_20_plus_share), "all", "all", NULL);
	const ae_row *tr = brief_find(b, AE_M(tracked_plates_share), "all", "all", NULL);
	if (!V || !once || !often)
		return;
	ae_doc_h3(d, "Tracking: how often one vehicle is read");
	ae_doc_para(d);
	ae_doc_put(d, "Every read is kept with its place and time, so the more often a vehicle is read, the more of "
		      "its movements the record holds. Of the ");
	brief_value(b, V, FIG_COUNT);
	ae_doc_put(d, " ");
	brief_cite(b, V);
	ae_doc_put(d, " vehicles read in the period, the share read only once is ");
	brief_figure(b, once, FIG_PCT);
	ae_doc_put(d, ", and the share read twenty times or more is ");
	brief_figure(b, often, FIG_PCT);
	ae_doc_put(d, ".");
	if (tr) {
		ae_doc_putf(d, " The share read by %ld or more different cameras is ", b->st->tracked_cameras);
		brief_figure(b, tr, FIG_PCT);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);

	static const char *const words[AE_RPV_BINS] = {"once", "2 to 4 times", "5 to 19 times", "20 to 99 times",
						       "100 times or more"};
	static const char *const heads[] = {"Vehicles read", "Share of vehicles", "Row in metrics.csv",
					    "Share of all reads", "Row in metrics.csv"};
	ae_doc_table_open(d, "lrlrl", heads);
	for (int k = 0; k < AE_RPV_BINS; k++) {
		const ae_row *sv =
			brief_find(b, AE_M(reads_per_vehicle_share), "reads_per_vehicle", ae_rpv_names[k], NULL);
		const ae_row *sr =
			brief_find(b, AE_M(reads_per_vehicle_read_share), "reads_per_vehicle", ae_rpv_names[k], NULL);
		if (!sv || !sr)
			continue;
		ae_doc_row_open(d);
		ae_doc_cell_text(d, words[k]);
		const ae_row *two[2] = {sv, sr};
		for (int j = 0; j < 2; j++) {
			ae_doc_cell(d);
			brief_value(b, two[j], FIG_PCT);
			ae_doc_cell_end(d);
			ae_doc_cell(d);
			brief_cite(b, two[j]);
			ae_doc_cell_end(d);
		}
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);

	/* the highest quantile shown: p99, or p90 when p99 rests on too few vehicles to publish */
	const ae_row *p50 = brief_find(b, AE_M(reads_per_vehicle), "quantile", "p50", NULL);
	const ae_row *top = NULL;
	const char *share = NULL;
	static const char *const qs[2][2] = {{"p99", "one in a hundred"}, {"p90", "one in ten"}};
	for (int q = 0; q < 2 && !top; q++) {
		const ae_row *r = brief_find(b, AE_M(reads_per_vehicle), "quantile", qs[q][0], NULL);
		if (r && strcmp(r->method, "suppressed") != 0 && !isnan(r->est)) {
			top = r;
			share = qs[q][1];
		}
	}
	ae_doc_para(d);
	if (p50 && strcmp(p50->method, "suppressed") != 0 && !isnan(p50->est)) {
		ae_doc_put(d, "Half the vehicles were read at most ");
		brief_figure(b, p50, FIG_COUNT);
		ae_doc_put(d, " times");
		if (top) {
			ae_doc_putf(d, "; the most-read %s, at least ", share);
			brief_figure(b, top, FIG_COUNT);
			ae_doc_put(d, " times");
		}
		ae_doc_put(d, ". The single most-read vehicle is not given: it is one vehicle, and most likely one "
			      "person's car. ");
	}
	/* what the agency's own retention policy holds, per vehicle, on the period's last day */
	long days = b->st->retention_days;
	char g[32];
	snprintf(g, sizeof g, "%ld", days);
	const ae_row *rh = days > 0 ? brief_find(b, AE_M(reads_held_at_end), "days", g, NULL) : NULL;
	const ae_row *vh = days > 0 ? brief_find(b, AE_M(vehicles_held_at_end), "days", g, NULL) : NULL;
	if (rh && vh) {
		ae_doc_putf(d, "On the period's last day, the agency's %ld-day retention policy held ", days);
		brief_figure(b, rh, FIG_COUNT);
		ae_doc_put(d, " reads of ");
		brief_figure(b, vh, FIG_COUNT);
		ae_doc_put(d, " vehicles");
		if (!isnan(rh->est) && !isnan(vh->est) && vh->est > 0 && !isnan(vh->num)) {
			char per[64], quiet[64];
			ae_num_fixed(per, sizeof per, rh->est / vh->est, 1, 1);
			ae_num_count(quiet, sizeof quiet, vh->num);
			ae_doc_putf(d,
				    ", about %s reads per vehicle; %s of those vehicles raised no "
				    "alert in the period",
				    per, quiet);
		}
		ae_doc_put(d, ".");
	} else if (days <= 0) {
		ae_doc_put(d, "The study gives no retention policy (retention_days), so what it would hold per vehicle "
			      "is not said here.");
	}
	ae_doc_para_end(d);
}

void ae_exposure_section(brief *b)
{
	ae_doc *d = &b->d;
	if (b->hoods) {
		char thr[64];
		ae_num_count(thr, sizeof thr, b->st->small_population);
		ae_doc_para(d);
		ae_doc_putf(d,
			    "Each neighbourhood of the neighbourhoods table, in the table's order. Areas with "
			    "fewer than %s residents (the study's small-population threshold) are flagged: a few "
			    "reads move their rates a lot, so they are shown but must not be ranked.",
			    thr);
		ae_doc_para_end(d);
		vmt_paragraph(b);
		for (uint32_t n = 0; n < b->ar->n; n++) {
			const char *name = brief_area_name(b, n);
			ae_doc_raw(d, "<div class=\"area\">\n", NULL); /* kept on one printed page */
			ae_doc_h3(d, name);
			if (brief_is_small(b, n)) {
				ae_doc_raw(d, "<p class=\"flag\">", "**");
				ae_doc_put(d, "Small population " EM_DASH " do not rank.");
				ae_doc_raw(d, "</p>\n", "**\n\n");
			}
			area_table(b, name, 1, n);
			ae_doc_raw(d, "</div>\n", NULL);
		}
		const ae_row *un = brief_find(b, AE_M(unassigned_reads), "all", "all", NULL);
		if (un) {
			ae_doc_para(d);
			ae_doc_put(d, "Reads in no listed area (not counted in any area above): ");
			brief_figure(b, un, FIG_COUNT);
			ae_doc_put(d, ".");
			ae_doc_para_end(d);
		}
		groups_part(b);
		tracking_part(b);
		return;
	}
	/* no neighbourhoods table: the areas the reads carry, without population */
	int named = 0;
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, AE_M(reads)) == 0 && strcmp(r->dimension, "neighborhood") == 0 &&
		    strcmp(r->group, "unknown") != 0)
			named = 1;
	}
	ae_doc_para(d);
	if (!named) {
		ae_doc_put(d, "No neighbourhoods table was supplied and no read carries a neighbourhood, so there "
			      "is no per-area breakdown.");
		ae_doc_para_end(d);
		tracking_part(b);
		return;
	}
	ae_doc_put(d, "No neighbourhoods table was supplied: the areas below are those the reads and cameras name, "
		      "in the order of metrics.csv, without population, so there are no per-resident figures. "
		      "\xe2\x80\x9cunknown\xe2\x80\x9d holds reads with no area.");
	ae_doc_para_end(d);
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, AE_M(reads)) != 0 || strcmp(r->dimension, "neighborhood") != 0)
			continue;
		ae_doc_raw(d, "<div class=\"area\">\n", NULL);
		ae_doc_h3(d, r->group);
		area_table(b, r->group, 0, 0);
		ae_doc_raw(d, "</div>\n", NULL);
	}
	tracking_part(b);
}
