/* metrics.c — see metrics.h. Row order: metrics as METRICS.md lists them;
 * within a metric its dimensions in the listed order; within a dimension,
 * cameras and neighbourhoods by name (byte order, `unknown` last), months
 * in time order, hotlists, dispositions and outcome types in DATA.md order. */
#include "metrics.h"
#include "estimate.h"
#include "exposure.h"
#include "util.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct build {
	const ae_study *st;
	const ae_agg *a;
	ae_table *t;
	const char *bin;   /* the study's binomial method name */
	double R;          /* accepted in-period reads */
	/* per-hit tallies, over in-period hits */
	double H, hl_hits[HL_COUNT], dp_hits[DP_COUNT];
	double fp, known, hl_fp[HL_COUNT], hl_known[HL_COUNT];
	double yield, hl_yield[HL_COUNT];
	double *cam_hits, *cam_fp, *cam_known, *hood_hits, *month_hits;
	uint32_t *cams, ncams, *hoods, nhoods;   /* sorted, with reads */
} build;

static const ae_strtab *sort_tab;
static uint32_t sort_unknown;

static int name_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	if ((a == sort_unknown) != (b == sort_unknown))
		return a == sort_unknown ? 1 : -1;
	return strcmp(ae_strtab_name(sort_tab, a), ae_strtab_name(sort_tab, b));
}

static uint32_t *sorted_places(const ae_strtab *tab, const ae_place *p, uint32_t unknown, uint32_t *n)
{
	uint32_t total = ae_strtab_count(tab), k = 0;
	uint32_t *ids = ae_malloc((total ? total : 1) * sizeof *ids);
	for (uint32_t i = 0; i < total; i++)
		if (p[i].reads > 0)
			ids[k++] = i;
	sort_tab = tab;
	sort_unknown = unknown;
	qsort(ids, k, sizeof *ids, name_cmp);
	*n = k;
	return ids;
}

static void month_name(const ae_agg *a, uint32_t m, char *buf)
{
	int64_t k = a->start_month + m;
	snprintf(buf, 16, "%04d-%02d", (int)(k / 12), (int)(k % 12) + 1);
}

static ae_row *count_row(build *b, const char *metric, const char *dim, const char *group, double v)
{
	ae_row *r = ae_table_add(b->t, metric, dim, group, "none");
	r->est = v;
	return r;
}

/* A count of vehicles or people: blanked below the study's min_cell. */
static void sensitive_count(build *b, const char *metric, const char *dim, const char *group, double v)
{
	if (b->st->min_cell > 0 && v < (double)b->st->min_cell) {
		ae_table_add(b->t, metric, dim, group, "suppressed");
		return;
	}
	count_row(b, metric, dim, group, v);
}

static void prop_row(build *b, const char *metric, const char *dim, const char *group, double x, double n)
{
	ae_row *r = ae_table_add(b->t, metric, dim, group, b->bin);
	r->num = x;
	r->den = n;
	ae_ci ci;
	if (ae_binomial(b->st->ci_method, x, n, b->st->confidence, &ci) == 0) {
		r->est = ci.est;
		r->lo = ci.lo;
		r->hi = ci.hi;
	}
}

static void tally_hits(build *b)
{
	const ae_agg *a = b->a;
	uint32_t nc = ae_strtab_count(a->cameras), nh = ae_strtab_count(a->hoods);
	b->cam_hits = ae_calloc(nc ? nc : 1, sizeof(double));
	b->cam_fp = ae_calloc(nc ? nc : 1, sizeof(double));
	b->cam_known = ae_calloc(nc ? nc : 1, sizeof(double));
	b->hood_hits = ae_calloc(nh ? nh : 1, sizeof(double));
	b->month_hits = ae_calloc(a->nmonths, sizeof(double));
	for (uint32_t i = 0; i < a->nhits; i++) {
		const ae_hit *h = &a->hits[i];
		if (h->linked != 1)
			continue;
		int fp = (b->st->fp_mask >> h->disposition) & 1;
		int known = h->disposition != DP_UNVERIFIED;
		b->H++;
		b->hl_hits[h->hotlist]++;
		b->dp_hits[h->disposition]++;
		b->cam_hits[h->camera]++;
		b->hood_hits[h->hood]++;
		b->month_hits[h->month]++;
		if (known) {
			b->known++;
			b->hl_known[h->hotlist]++;
			b->cam_known[h->camera]++;
			if (fp) {
				b->fp++;
				b->hl_fp[h->hotlist]++;
				b->cam_fp[h->camera]++;
			}
		}
		if (h->outcomes) {
			b->yield++;
			b->hl_yield[h->hotlist]++;
		}
	}
}

static void per_place(build *b, const char *metric, const char *dim, const uint32_t *ids, uint32_t n,
		      const ae_strtab *tab, const ae_place *p, const double *hits, int what)
{
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = ids[k];
		const char *g = ae_strtab_name(tab, i);
		if (what == 0) count_row(b, metric, dim, g, (double)p[i].reads);
		else if (what == 1) sensitive_count(b, metric, dim, g, (double)p[i].distinct);
		else if (what == 2) count_row(b, metric, dim, g, hits[i]);
		else prop_row(b, metric, dim, g, hits[i], (double)p[i].reads);
	}
}

static void per_month(build *b, const char *metric, int what)
{
	const ae_agg *a = b->a;
	char g[16];
	for (uint32_t m = 0; m < a->nmonths; m++) {
		if (!a->month_reads[m])
			continue;
		month_name(a, m, g);
		if (what == 0) count_row(b, metric, "month", g, (double)a->month_reads[m]);
		else if (what == 2) count_row(b, metric, "month", g, b->month_hits[m]);
		else prop_row(b, metric, "month", g, b->month_hits[m], (double)a->month_reads[m]);
	}
}

static void cluster_row(build *b, const char *metric, int confirmed, double scale)
{
	const ae_agg *a = b->a;
	ae_cluster c;
	memset(&c, 0, sizeof c);
	uint32_t nv = ae_vtab_count(a->vehicles);
	for (uint32_t i = 0; i < nv; i++) {
		const ae_vehicle *v = ae_vtab_at(a->vehicles, i);
		ae_cluster_add(&c, v->reads, confirmed ? v->confirmed : v->hits);
	}
	ae_row *r = ae_table_add(b->t, metric, "all", "all", "cluster_plate");
	r->num = c.H;
	r->den = c.R;
	ae_ci ci;
	if (ae_cluster_ci(&c, b->st->confidence, !confirmed, &ci) == 0) {
		r->est = ci.est * scale;
		r->lo = ci.lo * scale;
		r->hi = ci.hi * scale;
	} else if (c.R > 0) {
		r->est = c.H / c.R * scale;
	}
}

static void outcome_rows(build *b, int m0, int m1)
{
	const ae_agg *a = b->a;
	const ae_study *st = b->st;
	static const char *const names[] = {"outcomes", "outcomes_per_million_reads",
		"reads_per_outcome", "cost_per_outcome"};
	for (int m = m0; m <= m1; m++) {
		if (m == 3 && !st->has_cost)
			continue;
		for (int o = 0; o < OT_COUNT; o++) {
			double x = (double)a->outcomes_by_type[o];
			if (!x)
				continue;
			const char *g = ae_outcome_names[o];
			if (st->min_cell > 0 && x < (double)st->min_cell) {
				ae_table_add(b->t, names[m], "outcome", g, "suppressed");
				continue;
			}
			if (m == 0) {
				count_row(b, names[m], "outcome", g, x);
				continue;
			}
			ae_row *r = ae_table_add(b->t, names[m], "outcome", g, "poisson_exact");
			ae_ci ci;
			ae_poisson_exact(x, st->confidence, &ci);
			double top = m == 1 ? 1e6 : m == 2 ? b->R : st->cost;
			if (m == 1) {
				r->num = x;
				r->den = b->R;
				if (b->R > 0) {
					r->est = x / b->R * top;
					r->lo = ci.lo / b->R * top;
					r->hi = ci.hi / b->R * top;
				}
			} else {
				/* The inverted Garwood interval: top / U .. top / L. */
				r->num = top;
				r->den = x;
				r->est = top / x;
				r->lo = top / ci.hi;
				r->hi = top / ci.lo;
			}
		}
	}
}

void ae_metrics_build(const ae_study *st, const ae_agg *a, ae_table *t)
{
	build b;
	memset(&b, 0, sizeof b);
	b.st = st;
	b.a = a;
	b.t = t;
	b.bin = ae_ci_method_name(st->ci_method);
	b.R = (double)a->reads;
	tally_hits(&b);
	b.cams = sorted_places(a->cameras, a->cam, UINT32_MAX, &b.ncams);
	b.hoods = sorted_places(a->hoods, a->hood, a->unknown_hood, &b.nhoods);

	/* reads */
	count_row(&b, "reads", "all", "all", b.R);
	per_place(&b, "reads", "camera", b.cams, b.ncams, a->cameras, a->cam, NULL, 0);
	per_place(&b, "reads", "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, NULL, 0);
	per_month(&b, "reads", 0);

	/* distinct_plates */
	sensitive_count(&b, "distinct_plates", "all", "all", (double)ae_vtab_count(a->vehicles));
	per_place(&b, "distinct_plates", "camera", b.cams, b.ncams, a->cameras, a->cam, NULL, 1);
	per_place(&b, "distinct_plates", "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, NULL, 1);

	/* Without a hits (or outcomes) table there are no such rows: zero alerts
	 * and no alert data are different things. */
	if (!st->input[TB_HITS].present)
		goto done;
	/* hits */
	count_row(&b, "hits", "all", "all", b.H);
	for (int h = 0; h < HL_COUNT; h++)
		if (b.hl_hits[h])
			count_row(&b, "hits", "hotlist", ae_hotlist_names[h], b.hl_hits[h]);
	for (int d = 0; d < DP_COUNT; d++)
		if (b.dp_hits[d])
			count_row(&b, "hits", "disposition", ae_disposition_names[d], b.dp_hits[d]);
	per_place(&b, "hits", "camera", b.cams, b.ncams, a->cameras, a->cam, b.cam_hits, 2);
	per_place(&b, "hits", "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, b.hood_hits, 2);
	per_month(&b, "hits", 2);

	/* hit_rate */
	prop_row(&b, "hit_rate", "all", "all", b.H, b.R);
	cluster_row(&b, "hit_rate", 0, 1);
	per_place(&b, "hit_rate", "camera", b.cams, b.ncams, a->cameras, a->cam, b.cam_hits, 3);
	per_place(&b, "hit_rate", "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, b.hood_hits, 3);
	per_month(&b, "hit_rate", 3);
	for (int h = 0; h < HL_COUNT; h++)
		if (b.hl_hits[h])
			prop_row(&b, "hit_rate", "hotlist", ae_hotlist_names[h], b.hl_hits[h], b.R);

	/* non_hit_share, disposition_share */
	prop_row(&b, "non_hit_share", "all", "all", b.R - b.H, b.R);
	for (int d = 0; d < DP_COUNT; d++)
		if (b.dp_hits[d])
			prop_row(&b, "disposition_share", "disposition", ae_disposition_names[d], b.dp_hits[d], b.H);

	/* false_positive_rate: over hits whose disposition is known */
	prop_row(&b, "false_positive_rate", "all", "all", b.fp, b.known);
	for (int h = 0; h < HL_COUNT; h++)
		if (b.hl_hits[h])
			prop_row(&b, "false_positive_rate", "hotlist", ae_hotlist_names[h], b.hl_fp[h], b.hl_known[h]);
	for (uint32_t k = 0; k < b.ncams; k++) {
		uint32_t c = b.cams[k];
		prop_row(&b, "false_positive_rate", "camera", ae_strtab_name(a->cameras, c), b.cam_fp[c],
			 b.cam_known[c]);
	}

	cluster_row(&b, "confirmed_per_million_reads", 1, 1e6);
	if (!st->input[TB_OUTCOMES].present)
		goto done;
	outcome_rows(&b, 0, 2);
	prop_row(&b, "outcome_yield", "all", "all", b.yield, b.H);
	for (int h = 0; h < HL_COUNT; h++)
		if (b.hl_hits[h])
			prop_row(&b, "outcome_yield", "hotlist", ae_hotlist_names[h], b.hl_yield[h], b.hl_hits[h]);

	outcome_rows(&b, 3, 3);
done:
	ae_exposure_build(st, a, t);
	free(b.cam_hits); free(b.cam_fp); free(b.cam_known); free(b.hood_hits); free(b.month_hits);
	free(b.cams); free(b.hoods);
}
