/* compare_pair.c — see compare_pair.h. Each vehicle's units and events in
 * every row it touches are listed side by side (the few alerts it raised,
 * its reads per camera, area and month from vcells), so a vehicle costs its
 * own cells, never a pass over the rows. */
#define _GNU_SOURCE /* qsort_r */
#include "compare_pair.h"
#include "alerts_cluster.h"
#include "hashtab.h"
#include "metric_list.h"
#include "util.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The metrics (alerts_cluster.h's AE_CM_*, outcomes_per_million_reads left
 * out) and the dimensions of their rows. */
enum { PM_HIT, PM_CONF, PM_FP, PM_DISP, PM_YIELD, PM_ENF, PM_N };
static const int pm_id[PM_N] = {AE_METRIC_hit_rate,
				AE_METRIC_confirmed_per_million_reads,
				AE_METRIC_false_positive_rate,
				AE_METRIC_disposition_share,
				AE_METRIC_outcome_yield,
				AE_METRIC_enforcement_yield};
#define pm_name(m) (ae_metric_defs[pm_id[m]].name)
enum { PD_ALL, PD_HOTLIST, PD_CAMERA, PD_HOOD, PD_MONTH, PD_DISP, PD_N };
static const char *const pd_name[PD_N] = {"all", "hotlist", "camera", "neighborhood", "month", "disposition"};

int ae_pair_metric(const char *metric)
{
	for (int m = 0; m < PM_N; m++)
		if (strcmp(metric, pm_name(m)) == 0)
			return 1;
	return 0;
}

/* One side: its row ids by metric, dimension and index (UINT32_MAX: no such row). */
typedef struct side {
	const ae_study *st;
	const ae_agg *a;
	uint32_t *rid[PM_N][PD_N];
	uint32_t nidx[PD_N];
	uint32_t *hit_at; /* hits by vehicle: in-period hits sorted by vehicle ... */
	uint32_t *first;  /* ... vehicle vi's are hit_at[first[vi] .. first[vi + 1]) */
	ae_vcells_reader *rd;
} side;

static void group_name(const side *s, int d, uint32_t i, char *buf, size_t n)
{
	switch (d) {
	case PD_HOTLIST: snprintf(buf, n, "%s", ae_hotlist_names[i]); break;
	case PD_CAMERA: snprintf(buf, n, "%s", ae_strtab_name(s->a->cameras, i)); break;
	case PD_HOOD: snprintf(buf, n, "%s", ae_strtab_name(s->a->hoods, i)); break;
	case PD_MONTH: {
		int64_t k = s->a->start_month + i;
		snprintf(buf, n, "%04d-%02d", (int)(k / 12), (int)(k % 12) + 1);
		break;
	}
	case PD_DISP: snprintf(buf, n, "%s", ae_disposition_names[i]); break;
	default: snprintf(buf, n, "all");
	}
}

static void row_key(ae_buf *b, const char *m, const char *d, const char *g)
{
	b->len = 0;
	ae_buf_printf(b, "%s\x1f%s\x1f%s", m, d, g);
}

static int hit_vehicle_cmp(const void *x, const void *y, void *u)
{
	const ae_hit *h = u;
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	if (h[p].vehicle != h[q].vehicle)
		return h[p].vehicle < h[q].vehicle ? -1 : 1;
	return p < q ? -1 : p > q;
}

static void side_init(side *s, const ae_study *st, const ae_agg *a, const ae_strtab *keys)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	s->a = a;
	s->nidx[PD_ALL] = 1;
	s->nidx[PD_HOTLIST] = HL_COUNT;
	s->nidx[PD_CAMERA] = ae_strtab_count(a->cameras);
	s->nidx[PD_HOOD] = ae_strtab_count(a->hoods);
	s->nidx[PD_MONTH] = a->nmonths;
	s->nidx[PD_DISP] = DP_COUNT;
	ae_buf k;
	ae_buf_init(&k);
	char g[256];
	for (int m = 0; m < PM_N; m++)
		for (int d = 0; d < PD_N; d++) {
			s->rid[m][d] = ae_malloc(((size_t)s->nidx[d] + 1) * sizeof(uint32_t));
			for (uint32_t i = 0; i < s->nidx[d]; i++) {
				group_name(s, d, i, g, sizeof g);
				row_key(&k, pm_name(m), pd_name[d], g);
				s->rid[m][d][i] = ae_strtab_find(keys, k.data, k.len);
			}
		}
	ae_buf_release(&k);
	uint32_t nv = ae_vtab_count(a->vehicles), nh = 0;
	s->hit_at = ae_malloc(((size_t)a->nhits + 1) * sizeof(uint32_t));
	for (uint32_t i = 0; i < a->nhits; i++)
		if (a->hits[i].linked == 1)
			s->hit_at[nh++] = i;
	qsort_r(s->hit_at, nh, sizeof(uint32_t), hit_vehicle_cmp, a->hits);
	s->first = ae_calloc((size_t)nv + 2, sizeof(uint32_t));
	for (uint32_t k2 = 0; k2 < nh; k2++)
		s->first[a->hits[s->hit_at[k2]].vehicle + 1]++;
	for (uint32_t v = 0; v < nv; v++)
		s->first[v + 1] += s->first[v];
	s->rd = ae_vcells_reader_new(a->vc, a->vehicles);
}

static void side_release(side *s)
{
	for (int m = 0; m < PM_N; m++)
		for (int d = 0; d < PD_N; d++)
			free(s->rid[m][d]);
	free(s->hit_at);
	free(s->first);
	ae_vcells_reader_free(s->rd);
}

/* A vehicle's units and events in one row. */
typedef struct ent {
	uint32_t row;
	double n, e;
} ent;

typedef struct ents {
	ent *v;
	size_t n, cap;
	uint32_t *cells, *counts, ncells, capcells;
} ents;

static void put(ents *l, uint32_t row, double n, double e)
{
	if (row == UINT32_MAX)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = ae_realloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (ent){row, n, e};
}

static int ent_cmp(const void *x, const void *y)
{
	const ent *p = x, *q = y;
	return p->row < q->row ? -1 : p->row > q->row;
}

/* Vehicle vi's entries, one per row (summed), sorted by row. */
static void vehicle_ents(side *s, uint32_t vi, ents *l)
{
	const ae_agg *a = s->a;
	l->n = 0;
	double tot = ae_vtab_at(a->vehicles, vi)->reads;
	/* rates over reads: every vehicle has all its reads as units of the
	 * rows at all and by hotlist; its alerts are the events */
	put(l, s->rid[PM_HIT][PD_ALL][0], tot, 0);
	put(l, s->rid[PM_CONF][PD_ALL][0], tot, 0);
	for (uint32_t h = 0; h < HL_COUNT; h++)
		put(l, s->rid[PM_HIT][PD_HOTLIST][h], tot, 0);
	l->ncells = 0;
	ae_vcells_reader_get(s->rd, vi, &l->cells, &l->counts, &l->ncells, &l->capcells);
	for (uint32_t k = 0; k < l->ncells; k++) {
		uint32_t cam, hood, month;
		ae_vcells_cell_of(a->vc, l->cells[k], &cam, &hood, &month);
		double c = l->counts[k];
		put(l, s->rid[PM_HIT][PD_CAMERA][cam], c, 0);
		put(l, s->rid[PM_HIT][PD_HOOD][hood], c, 0);
		if (month < a->nmonths)
			put(l, s->rid[PM_HIT][PD_MONTH][month], c, 0);
	}
	for (uint32_t k = s->first[vi]; k < s->first[vi + 1]; k++) {
		const ae_hit *h = &a->hits[s->hit_at[k]];
		put(l, s->rid[PM_HIT][PD_ALL][0], 0, 1);
		put(l, s->rid[PM_HIT][PD_HOTLIST][h->hotlist], 0, 1);
		put(l, s->rid[PM_HIT][PD_CAMERA][h->camera], 0, 1);
		put(l, s->rid[PM_HIT][PD_HOOD][h->hood], 0, 1);
		if (h->month < a->nmonths)
			put(l, s->rid[PM_HIT][PD_MONTH][h->month], 0, 1);
		if (h->disposition == DP_CONFIRMED)
			put(l, s->rid[PM_CONF][PD_ALL][0], 0, 1);
		for (uint32_t d = 0; d < DP_COUNT; d++)
			put(l, s->rid[PM_DISP][PD_DISP][d], 1, h->disposition == d);
		/* shares of alerts: by all, hotlist, camera and area */
		const uint32_t at[4][2] =
			{{PD_ALL, 0}, {PD_HOTLIST, h->hotlist}, {PD_CAMERA, h->camera}, {PD_HOOD, h->hood}};
		double fp = (s->st->fp_mask >> h->disposition) & 1, y = h->outcomes > 0,
		       en = ae_alerts_enforced(s->st, h);
		for (int j = 0; j < 4; j++) {
			if (h->disposition != DP_UNVERIFIED)
				put(l, s->rid[PM_FP][at[j][0]][at[j][1]], 1, fp);
			put(l, s->rid[PM_YIELD][at[j][0]][at[j][1]], 1, y);
			put(l, s->rid[PM_ENF][at[j][0]][at[j][1]], 1, en);
		}
	}
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, ent_cmp);
	size_t w = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (w && l->v[w - 1].row == l->v[i].row) {
			l->v[w - 1].n += l->v[i].n;
			l->v[w - 1].e += l->v[i].e;
		} else {
			l->v[w++] = l->v[i];
		}
	}
	l->n = w;
}

/* u of a vehicle's entry: from whole numbers, as ae_cluster_add forms it */
static double u_of(const ae_pair_row *r, int s, const ent *e)
{
	double N = r->N[s], E = r->E[s];
	return (e->e * N - E * e->n) / N / N;
}

typedef struct vkey {
	uint64_t k0, k1;
	uint32_t vi;
} vkey;

static int vkey_cmp(const void *x, const void *y)
{
	const vkey *p = x, *q = y;
	if (p->k0 != q->k0)
		return p->k0 < q->k0 ? -1 : 1;
	return p->k1 < q->k1 ? -1 : p->k1 > q->k1;
}

/* A side's sums of squares, over every vehicle with units in the row. */
static void squares(side *s, int si, ae_pair_row *rows, ents *l)
{
	uint32_t nv = ae_vtab_count(s->a->vehicles);
	for (uint32_t vi = 0; vi < nv; vi++) {
		vehicle_ents(s, vi, l);
		for (size_t k = 0; k < l->n; k++) {
			ae_pair_row *r = &rows[l->v[k].row];
			if (!(l->v[k].n > 0) || !(r->N[si] > 0))
				continue;
			double u = u_of(r, si, &l->v[k]);
			*(si ? &r->sbb : &r->saa) += u * u;
		}
	}
}

void ae_pair_sums(const ae_study *const st[2], const ae_agg *const a[2], ae_pair_row *rows, size_t n)
{
	ae_strtab *keys = ae_strtab_new();
	ae_buf k;
	ae_buf_init(&k);
	for (size_t i = 0; i < n; i++) {
		row_key(&k, rows[i].metric, rows[i].dimension, rows[i].group);
		ae_strtab_intern(keys, k.data, k.len, NULL); /* rows are distinct: id i */
		rows[i].saa = rows[i].sbb = rows[i].sab = 0;
	}
	ae_buf_release(&k);
	side s[2];
	for (int j = 0; j < 2; j++)
		side_init(&s[j], st[j], a[j], keys);
	ents la = {0}, lb = {0};
	squares(&s[0], 0, rows, &la);
	squares(&s[1], 1, rows, &lb);
	/* B's vehicles by key, then A's looked up one by one */
	uint32_t nb = ae_vtab_count(a[1]->vehicles), na = ae_vtab_count(a[0]->vehicles);
	vkey *kb = ae_malloc(((size_t)nb + 1) * sizeof *kb);
	for (uint32_t v = 0; v < nb; v++) {
		const ae_vehicle *x = ae_vtab_at(a[1]->vehicles, v);
		kb[v] = (vkey){x->k0, x->k1, v};
	}
	qsort(kb, nb, sizeof *kb, vkey_cmp);
	for (uint32_t v = 0; v < na; v++) {
		const ae_vehicle *x = ae_vtab_at(a[0]->vehicles, v);
		vkey want = {x->k0, x->k1, 0};
		const vkey *m = nb ? bsearch(&want, kb, nb, sizeof *kb, vkey_cmp) : NULL;
		if (!m)
			continue;
		vehicle_ents(&s[0], v, &la);
		vehicle_ents(&s[1], m->vi, &lb);
		for (size_t i = 0, j = 0; i < la.n && j < lb.n;) {
			if (la.v[i].row < lb.v[j].row) {
				i++;
			} else if (la.v[i].row > lb.v[j].row) {
				j++;
			} else {
				ae_pair_row *r = &rows[la.v[i].row];
				if (la.v[i].n > 0 && lb.v[j].n > 0 && r->N[0] > 0 && r->N[1] > 0)
					r->sab += u_of(r, 0, &la.v[i]) * u_of(r, 1, &lb.v[j]);
				i++;
				j++;
			}
		}
	}
	free(kb);
	free(la.v);
	free(la.cells);
	free(la.counts);
	free(lb.v);
	free(lb.cells);
	free(lb.counts);
	for (int j = 0; j < 2; j++)
		side_release(&s[j]);
	ae_strtab_free(keys);
}

double ae_pair_r(const ae_pair_row *r)
{
	if (!(r->saa > 0) || !(r->sbb > 0))
		return 0;
	double v = r->sab / sqrt(r->saa * r->sbb);
	return fmax(-1, fmin(1, v));
}
