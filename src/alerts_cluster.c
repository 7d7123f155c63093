/* alerts_cluster.c — see alerts_cluster.h. */
#include "alerts_cluster.h"
#include "util.h"
#include <math.h>
#include <stdlib.h>

typedef struct ctx {
	const ae_study *st;
	const ae_agg *a;
} ctx;

int ae_alerts_enforced(const ae_study *st, const ae_hit *h)
{
	for (int o = 0; o < OT_COUNT; o++)
		if (h->outcomes_of[o] && ((st->enforcement_mask >> o) & 1))
			return 1;
	return 0;
}

typedef struct clin {
	uint32_t row, vehicle;
	uint16_t unit, event;
} clin;

static int clin_cmp(const void *x, const void *y)
{
	const clin *p = x, *q = y;
	if (p->row != q->row)
		return p->row < q->row ? -1 : 1;
	return p->vehicle < q->vehicle ? -1 : p->vehicle > q->vehicle;
}

static uint32_t row_of(const ae_hit *h, int dim)
{
	switch (dim) {
	case AE_CD_HOTLIST: return h->hotlist;
	case AE_CD_CAMERA: return h->camera;
	case AE_CD_HOOD: return h->hood;
	case AE_CD_MONTH: return h->month;
	default: return 0;
	}
}

static uint32_t rows_in(const ctx *b, int dim)
{
	switch (dim) {
	case AE_CD_HOTLIST: return HL_COUNT;
	case AE_CD_CAMERA: return ae_strtab_count(b->a->cameras);
	case AE_CD_HOOD: return ae_strtab_count(b->a->hoods);
	case AE_CD_MONTH: return b->a->nmonths;
	default: return 1;
	}
}

/* The in-period hits as units and events of metric m (for disposition_share,
 * every hit is a unit of every disposition's row). */
static clin *cl_inputs(const ctx *b, int m, int dim, size_t *n)
{
	const ae_agg *a = b->a;
	size_t cap = (size_t)a->nhits * (m == AE_CM_DISP ? DP_COUNT : m == AE_CM_OUT ? OT_COUNT : 1) + 1, k = 0;
	clin *in = ae_malloc(cap * sizeof *in);
	for (uint32_t i = 0; i < a->nhits; i++) {
		const ae_hit *h = &a->hits[i];
		if (h->linked != 1)
			continue;
		if (m == AE_CM_DISP) {
			for (int d = 0; d < DP_COUNT; d++)
				in[k++] = (clin){(uint32_t)d, h->vehicle, 1, h->disposition == d};
			continue;
		}
		if (m == AE_CM_OUT) {
			for (int o = 0; o < OT_COUNT; o++)
				if (h->outcomes_of[o])
					in[k++] = (clin){(uint32_t)o, h->vehicle, 1, h->outcomes_of[o]};
			continue;
		}
		clin c = {row_of(h, dim), h->vehicle, 1, 1};
		if (m == AE_CM_CONF && h->disposition != DP_CONFIRMED)
			continue;
		if (m == AE_CM_FP) {
			c.unit = h->disposition != DP_UNVERIFIED;
			c.event = c.unit && ((b->st->fp_mask >> h->disposition) & 1);
		} else if (m == AE_CM_YIELD) {
			c.event = h->outcomes > 0;
		} else if (m == AE_CM_ENF) {
			c.event = (uint8_t)ae_alerts_enforced(b->st, h);
		}
		if (c.unit)
			in[k++] = c;
	}
	*n = k;
	return in;
}

/* Units that are reads (hit_rate): a row's reads, distinct vehicles and
 * moments, and one vehicle's reads in it. */
static double row_reads(const ctx *b, int dim, uint32_t r)
{
	const ae_agg *a = b->a;
	return dim == AE_CD_CAMERA ? (double)a->cam[r].reads
	     : dim == AE_CD_HOOD   ? (double)a->hood[r].reads
	     : dim == AE_CD_MONTH  ? (double)a->month_reads[r]
				   : (double)a->reads;
}

static void row_rest(const ctx *b, int dim, uint32_t r, double *C, ae_moments *m)
{
	const ae_agg *a = b->a;
	if (dim == AE_CD_CAMERA) {
		*C = (double)a->cam[r].distinct;
		*m = a->cam_m[r];
	} else if (dim == AE_CD_HOOD) {
		*C = (double)a->hood[r].distinct;
		*m = a->hood_m[r];
	} else if (dim == AE_CD_MONTH) {
		*C = (double)a->month_distinct[r];
		*m = a->month_m[r];
	} else {
		*C = (double)ae_vtab_count(a->vehicles);
		*m = a->all_m;
	}
}

static uint32_t vehicle_reads(const ctx *b, int dim, uint32_t r, uint32_t vi)
{
	const ae_agg *a = b->a;
	if (dim == AE_CD_CAMERA || dim == AE_CD_HOOD || dim == AE_CD_MONTH)
		return ae_agg_vehicle_reads(a, vi,
					    dim == AE_CD_CAMERA ? AE_AT_CAMERA
					    : dim == AE_CD_HOOD ? AE_AT_HOOD
								: AE_AT_MONTH,
					    r);
	return ae_vtab_at(a->vehicles, vi)->reads;
}

/* Every row of metric m by dim at once: the hits sorted by row and vehicle;
 * for hit_rate the vehicles with no alert in a row come in through the
 * row's moments (aggregate.h), as one sum. */
ae_clres *ae_alerts_clustered(const ae_study *st, const ae_agg *a, int m, int dim)
{
	const ctx cx = {st, a}, *b = &cx;
	size_t n;
	clin *in = cl_inputs(b, m, dim, &n);
	if (n)
		qsort(in, n, sizeof *in, clin_cmp);
	uint32_t nrow = m == AE_CM_DISP ? DP_COUNT : m == AE_CM_OUT ? OT_COUNT : rows_in(b, dim);
	if (m == AE_CM_OUT)
		dim = AE_CD_ALL; /* the rows are outcome types; every row's units are all reads */
	ae_clres *out = ae_calloc(nrow, sizeof *out);
	size_t i = 0;
	for (uint32_t r = 0; r < nrow; r++) {
		size_t j = i;
		double N = 0, E = 0;
		for (; j < n && in[j].row == r; j++) {
			N += in[j].unit;
			E += in[j].event;
		}
		int reads = m == AE_CM_HIT || m == AE_CM_CONF || m == AE_CM_OUT;
		if (reads)
			N = row_reads(b, dim, r);
		/* outcomes whose alert is not in the period (or none) have no known
		 * vehicle: each is a cluster of its own, with no reads */
		double unplaced = 0;
		if (m == AE_CM_OUT && (double)a->outcomes_by_type[r] > E) {
			unplaced = (double)a->outcomes_by_type[r] - E;
			E = (double)a->outcomes_by_type[r];
		}
		ae_cluster c;
		ae_cluster_init(&c, N, E);
		ae_cluster_add_unplaced(&c, unplaced);
		double nev = 0;
		ae_u128 s2 = 0, s4 = 0;
		for (size_t k = i; k < j;) {
			size_t l = k;
			double un = 0, ev = 0;
			for (; l < j && in[l].vehicle == in[k].vehicle; l++) {
				un += in[l].unit;
				ev += in[l].event;
			}
			if (reads) {
				ae_u128 x = vehicle_reads(b, dim, r, in[k].vehicle), x2 = x * x;
				un = (double)x;
				s2 += x2;
				s4 += x2 * x2;
				nev++;
			}
			ae_cluster_add(&c, un, ev);
			out[r].vehicles += ev > 0;
			out[r].repeat += ev > 1;
			k = l;
		}
		if (reads) {
			double C;
			ae_moments mo;
			row_rest(b, dim, r, &C, &mo);
			ae_cluster_add_rest(&c, C - nev, (long double)(mo.s2 - s2), (long double)(mo.s4 - s4));
		}
		/* the repeat count flags rates over reads only: there a few vehicles'
		 * repeated alerts decide a rare-event rate; a share of alerts scales
		 * each vehicle's units with its events (measured: doc/metrics.md) */
		if (!reads)
			out[r].repeat = NAN;
		out[r].N = N;
		out[r].E = E;
		out[r].rc = ae_cluster_ci(&c, b->st->confidence,
					  m == AE_CM_CONF || m == AE_CM_OUT ? AE_RATE : AE_PROPORTION, b->st->ci_method,
					  &out[r].ci, NULL);
		i = j;
	}
	free(in);
	return out;
}
