/* alerts.c — see alerts.h. Row order: metrics as doc/metrics.md lists them;
 * within a metric its dimensions in the listed order; within a dimension,
 * cameras and neighbourhoods by name (byte order, `unknown` last), months
 * in time order, hotlists, dispositions and outcome types in doc/inputs.md order. */
#include "alerts.h"
#include "alerts_cluster.h"
#include "brief.h"
#include "chartkit.h"
#include "numfmt.h"
#include "estimate.h"
#include "util.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct build {
	const ae_study *st;
	const ae_agg *a;
	ae_table *t;
	const char *bin; /* the study's binomial method name */
	double R;        /* accepted in-period reads */
	/* per-hit tallies, over in-period hits */
	double H, hl_hits[HL_COUNT], dp_hits[DP_COUNT];
	double fp, known, hl_fp[HL_COUNT], hl_known[HL_COUNT];
	double yield, hl_yield[HL_COUNT];
	double enf, hl_enf[HL_COUNT]; /* hits linked to an enforcement outcome */
	double linked_of[OT_COUNT];   /* outcomes of each type linked to an accepted hit */
	double *cam_hits, *cam_fp, *cam_known, *hood_hits, *month_hits, *day_hits;
	double *hood_fp, *hood_known, *cam_yield, *cam_enf, *hood_yield, *hood_enf;
	uint32_t *cams, ncams, *hoods, nhoods; /* sorted, with reads */
} build;

static uint32_t *sorted_places(const ae_strtab *tab, const ae_place *p, uint32_t unknown, uint32_t *n)
{
	uint32_t total = ae_strtab_count(tab), k = 0;
	uint32_t *ids = ae_malloc((total ? total : 1) * sizeof *ids);
	for (uint32_t i = 0; i < total; i++)
		if (p[i].reads > 0)
			ids[k++] = i;
	const char **names = ae_malloc((k ? k : 1) * sizeof *names);
	for (uint32_t i = 0; i < k; i++)
		names[i] = ae_strtab_name(tab, ids[i]);
	ae_sort_named(ids, names, k, unknown);
	free(names);
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
	b->day_hits = ae_calloc(a->ndays ? a->ndays : 1, sizeof(double));
	b->hood_fp = ae_calloc(nh ? nh : 1, sizeof(double));
	b->hood_known = ae_calloc(nh ? nh : 1, sizeof(double));
	b->cam_yield = ae_calloc(nc ? nc : 1, sizeof(double));
	b->cam_enf = ae_calloc(nc ? nc : 1, sizeof(double));
	b->hood_yield = ae_calloc(nh ? nh : 1, sizeof(double));
	b->hood_enf = ae_calloc(nh ? nh : 1, sizeof(double));
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
		if (h->day < a->ndays)
			b->day_hits[h->day]++;
		if (known) {
			b->known++;
			b->hl_known[h->hotlist]++;
			b->cam_known[h->camera]++;
			b->hood_known[h->hood]++;
			if (fp) {
				b->fp++;
				b->hl_fp[h->hotlist]++;
				b->cam_fp[h->camera]++;
				b->hood_fp[h->hood]++;
			}
		}
		if (h->outcomes) {
			b->yield++;
			b->hl_yield[h->hotlist]++;
			b->cam_yield[h->camera]++;
			b->hood_yield[h->hood]++;
		}
		for (int o = 0; o < OT_COUNT; o++)
			b->linked_of[o] += h->outcomes_of[o];
		if (ae_alerts_enforced(b->st, h)) {
			b->enf++;
			b->hl_enf[h->hotlist]++;
			b->cam_enf[h->camera]++;
			b->hood_enf[h->hood]++;
		}
	}
}

static void prop_rows(build *b, const char *metric, const char *dim, const char *group, double x, double n,
		      const ae_clres *c);

/* what: 0 reads, 1 distinct vehicles, 2 hits, 3 hit_rate (binomial and, by
 * cl, cluster_plate rows), 4 a ratio of hits[] over den[] (with cl) */
static void per_place(build *b, const char *metric, const char *dim, const uint32_t *ids, uint32_t n,
		      const ae_strtab *tab, const ae_place *p, const double *hits, int what, const double *den,
		      const ae_clres *cl)
{
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = ids[k];
		const char *g = ae_strtab_name(tab, i);
		if (what == 0)
			count_row(b, metric, dim, g, (double)p[i].reads);
		else if (what == 1)
			sensitive_count(b, metric, dim, g, (double)p[i].distinct);
		else if (what == 2)
			count_row(b, metric, dim, g, hits[i]);
		else
			prop_rows(b, metric, dim, g, hits[i], what == 3 ? (double)p[i].reads : den[i], &cl[i]);
	}
}

/* Reads (what 0) or hits (2) by ISO week, for a period too short for
 * months to show a course (AE_WEEKLY_DAYS): weeks with reads, in time order;
 * a week the period cuts holds only its days in the period. */
static void per_week(build *b, const char *metric, int what)
{
	const ae_agg *a = b->a;
	if (a->ndays >= AE_WEEKLY_DAYS)
		return;
	long start = b->st->start_day, base = ae_monday(start);
	uint32_t nw = (uint32_t)((ae_monday(start + (long)a->ndays - 1) - base) / 7 + 1);
	double *reads = ae_calloc(nw, sizeof *reads), *hits = ae_calloc(nw, sizeof *hits);
	for (uint32_t d = 0; d < a->ndays; d++) {
		uint32_t w = (uint32_t)((ae_monday(start + (long)d) - base) / 7);
		reads[w] += (double)a->day_reads[d];
		hits[w] += b->day_hits[d];
	}
	for (uint32_t w = 0; w < nw; w++) {
		if (!reads[w])
			continue;
		char g[16];
		ae_iso_week_label(base + 7 * (long)w, g, sizeof g);
		count_row(b, metric, "week", g, what == 0 ? reads[w] : hits[w]);
	}
	free(reads);
	free(hits);
}

static void per_month(build *b, const char *metric, int what, const ae_clres *cl)
{
	const ae_agg *a = b->a;
	char g[16];
	for (uint32_t m = 0; m < a->nmonths; m++) {
		if (!a->month_reads[m])
			continue;
		month_name(a, m, g);
		if (what == 0)
			count_row(b, metric, "month", g, (double)a->month_reads[m]);
		else if (what == 2)
			count_row(b, metric, "month", g, b->month_hits[m]);
		else
			prop_rows(b, metric, "month", g, b->month_hits[m], (double)a->month_reads[m], &cl[m]);
	}
}

static void cl_row(build *b, const char *metric, const char *dim, const char *group, const ae_clres *c)
{
	ae_row *r = ae_table_add(b->t, metric, dim, group, "cluster_plate");
	r->num = c->E;
	r->den = c->N;
	r->vehicles = c->vehicles;
	r->repeat = c->repeat;
	if (c->rc >= 0) {
		r->est = c->ci.est;
		r->lo = c->ci.lo;
		r->hi = c->ci.hi;
	}
}

/* A binomial row and its cluster_plate row. */
static void prop_rows(build *b, const char *metric, const char *dim, const char *group, double x, double n,
		      const ae_clres *c)
{
	prop_row(b, metric, dim, group, x, n);
	cl_row(b, metric, dim, group, c);
}

/* hit_rate and confirmed_per_million_reads at all: the alert vehicles one by
 * one, every other vehicle through the city's moments (aggregate.h). */
static void cluster_row(build *b, const char *metric, int confirmed, double scale)
{
	ae_clres *c = ae_alerts_clustered(b->st, b->a, confirmed ? AE_CM_CONF : AE_CM_HIT, AE_CD_ALL);
	ae_row *r = ae_table_add(b->t, metric, "all", "all", "cluster_plate");
	r->num = c->E;
	r->den = c->N;
	r->vehicles = c->vehicles;
	r->repeat = c->repeat;
	if (c->rc >= 0) {
		r->est = c->ci.est * scale;
		r->lo = c->ci.lo * scale;
		r->hi = c->ci.hi * scale;
	}
	free(c);
}

/* outcomes_linked: the outcomes of each type (those with an outcomes row)
 * whose hit_id links to an accepted hit. Suppressed with the type's count,
 * or when itself a count of outcomes under min_cell (0 is published). */
static void linked_rows(build *b)
{
	const ae_agg *a = b->a;
	const ae_study *st = b->st;
	for (int o = 0; o < OT_COUNT; o++) {
		double all = (double)a->outcomes_by_type[o], x = b->linked_of[o];
		if (!all)
			continue;
		const char *g = ae_outcome_names[o];
		int small = st->min_cell > 0 && (all < (double)st->min_cell || (x > 0 && x < (double)st->min_cell));
		if (small)
			ae_table_add(b->t, AE_M(outcomes_linked), "outcome", g, "suppressed");
		else
			count_row(b, AE_M(outcomes_linked), "outcome", g, x);
	}
}

/* The cluster_plate row of outcomes_per_million_reads (m 1), reads_per_outcome
 * (2) or cost_per_outcome (3): the clustered rate of the type per read,
 * scaled, or inverted like the Garwood row (top / hi .. top / lo). */
static void outcome_cluster_row(build *b, const char *metric, int m, const char *g, const ae_clres *c)
{
	ae_row *r = ae_table_add(b->t, metric, "outcome", g, "cluster_plate");
	r->vehicles = c->vehicles;
	r->repeat = c->repeat;
	double top = m == 2 ? c->N : b->st->cost;
	if (m == 1) {
		r->num = c->E;
		r->den = c->N;
	} else {
		r->num = top;
		r->den = c->E;
	}
	if (c->rc < 0)
		return;
	if (m == 1) {
		r->est = c->ci.est * 1e6;
		r->lo = c->ci.lo * 1e6;
		r->hi = c->ci.hi * 1e6;
	} else {
		r->est = top / (c->ci.est * c->N);
		r->lo = top / (c->ci.hi * c->N);
		r->hi = top / (c->ci.lo * c->N);
	}
}

static void outcome_rows(build *b, int m0, int m1)
{
	const ae_agg *a = b->a;
	const ae_study *st = b->st;
	const char *const names[] = {AE_M(outcomes), AE_M(outcomes_per_million_reads), AE_M(reads_per_outcome),
				     AE_M(cost_per_outcome)};
	/* the clustered rate of each type: outcomes come in vehicles too (a
	 * stolen car's repeated alerts, each with its arrest or recovery) */
	ae_clres *cl = m1 >= 1 ? ae_alerts_clustered(st, a, AE_CM_OUT, AE_CD_ALL) : NULL;
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
				if (m > 0) /* and its cluster_plate twin */
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
			outcome_cluster_row(b, names[m], m, g, &cl[o]);
		}
	}
	free(cl);
}

static int asc_u32(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	return p < q ? -1 : p > q;
}

static int desc_u32(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	return p > q ? -1 : p < q;
}

/* How many vehicles the alerts came from, and what share the ten busiest
 * gave: few vehicles carrying the alerts is what makes intervals wide. */
static void vehicle_rows(build *b)
{
	const ae_agg *a = b->a;
	/* the in-period hits' vehicles, sorted: each run is one vehicle's alerts */
	uint32_t *v = ae_malloc((a->nhits ? a->nhits : 1) * sizeof *v), n = 0, k = 0;
	for (uint32_t i = 0; i < a->nhits; i++)
		if (a->hits[i].linked == 1)
			v[n++] = a->hits[i].vehicle;
	qsort(v, n, sizeof *v, asc_u32);
	uint32_t *h = ae_malloc((n ? n : 1) * sizeof *h);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i;
		while (j < n && v[j] == v[i])
			j++;
		h[k++] = j - i;
		i = j;
	}
	qsort(h, k, sizeof *h, desc_u32);
	double top = 0;
	for (uint32_t i = 0; i < k && i < 10; i++)
		top += h[i];
	free(h);
	free(v);
	sensitive_count(b, AE_M(alert_vehicles), "all", "all", k);
	ae_row *r = ae_table_add(b->t, AE_M(alerts_top10_vehicles_share), "all", "all", "none");
	r->num = top;
	r->den = b->H;
	if (b->H > 0)
		r->est = top / b->H;
}

/* A hit-based share at all, by hotlist (those with hits), camera and
 * neighbourhood (those with reads): binomial and cluster_plate rows. */
static void by_dims(build *b, const char *metric, int m, double x, double n, const double *hl_x, const double *hl_n,
		    const double *cam_x, const double *cam_n, const double *hood_x, const double *hood_n,
		    const double *hl_hits)
{
	const ae_agg *a = b->a;
	ae_clres *cl = ae_alerts_clustered(b->st, b->a, m, AE_CD_ALL);
	prop_rows(b, metric, "all", "all", x, n, cl);
	free(cl);
	cl = ae_alerts_clustered(b->st, b->a, m, AE_CD_HOTLIST);
	for (int h = 0; h < HL_COUNT; h++)
		if (hl_hits[h])
			prop_rows(b, metric, "hotlist", ae_hotlist_names[h], hl_x[h], hl_n[h], &cl[h]);
	free(cl);
	cl = ae_alerts_clustered(b->st, b->a, m, AE_CD_CAMERA);
	per_place(b, metric, "camera", b->cams, b->ncams, a->cameras, a->cam, cam_x, 4, cam_n, cl);
	free(cl);
	cl = ae_alerts_clustered(b->st, b->a, m, AE_CD_HOOD);
	per_place(b, metric, "neighborhood", b->hoods, b->nhoods, a->hoods, a->hood, hood_x, 4, hood_n, cl);
	free(cl);
}

int ae_alerts_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *ho, ae_error *err)
{
	(void)ho;
	(void)err;
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
	count_row(&b, AE_M(reads), "all", "all", b.R);
	per_place(&b, AE_M(reads), "camera", b.cams, b.ncams, a->cameras, a->cam, NULL, 0, NULL, NULL);
	per_place(&b, AE_M(reads), "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, NULL, 0, NULL, NULL);
	per_month(&b, AE_M(reads), 0, NULL);
	per_week(&b, AE_M(reads), 0);

	/* distinct_plates */
	sensitive_count(&b, AE_M(distinct_plates), "all", "all", (double)ae_vtab_count(a->vehicles));
	per_place(&b, AE_M(distinct_plates), "camera", b.cams, b.ncams, a->cameras, a->cam, NULL, 1, NULL, NULL);
	per_place(&b, AE_M(distinct_plates), "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, NULL, 1, NULL, NULL);

	/* Without a hits (or outcomes) table there are no such rows: zero alerts
	 * and no alert data are different things. */
	if (!st->input[TB_HITS].present)
		goto done;
	/* hits */
	count_row(&b, AE_M(hits), "all", "all", b.H);
	for (int h = 0; h < HL_COUNT; h++)
		if (b.hl_hits[h])
			count_row(&b, AE_M(hits), "hotlist", ae_hotlist_names[h], b.hl_hits[h]);
	for (int d = 0; d < DP_COUNT; d++)
		if (b.dp_hits[d])
			count_row(&b, AE_M(hits), "disposition", ae_disposition_names[d], b.dp_hits[d]);
	per_place(&b, AE_M(hits), "camera", b.cams, b.ncams, a->cameras, a->cam, b.cam_hits, 2, NULL, NULL);
	per_place(&b, AE_M(hits), "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, b.hood_hits, 2, NULL, NULL);
	per_month(&b, AE_M(hits), 2, NULL);
	per_week(&b, AE_M(hits), 2);
	vehicle_rows(&b);
	for (int h = 0; h < HL_COUNT; h++) /* the alert mix: the whole record, so exact */
		if (b.hl_hits[h]) {
			ae_row *r = ae_table_add(b.t, AE_M(alert_share), "hotlist", ae_hotlist_names[h], "none");
			r->num = b.hl_hits[h];
			r->den = b.H;
			r->est = b.hl_hits[h] / b.H;
		}

	/* hit_rate */
	prop_row(&b, AE_M(hit_rate), "all", "all", b.H, b.R);
	cluster_row(&b, AE_M(hit_rate), 0, 1);
	ae_clres *cl = ae_alerts_clustered(b.st, b.a, AE_CM_HIT, AE_CD_CAMERA);
	per_place(&b, AE_M(hit_rate), "camera", b.cams, b.ncams, a->cameras, a->cam, b.cam_hits, 3, NULL, cl);
	free(cl);
	cl = ae_alerts_clustered(b.st, b.a, AE_CM_HIT, AE_CD_HOOD);
	per_place(&b, AE_M(hit_rate), "neighborhood", b.hoods, b.nhoods, a->hoods, a->hood, b.hood_hits, 3, NULL, cl);
	free(cl);
	cl = ae_alerts_clustered(b.st, b.a, AE_CM_HIT, AE_CD_MONTH);
	per_month(&b, AE_M(hit_rate), 3, cl);
	free(cl);
	cl = ae_alerts_clustered(b.st, b.a, AE_CM_HIT, AE_CD_HOTLIST);
	for (int h = 0; h < HL_COUNT; h++)
		if (b.hl_hits[h])
			prop_rows(&b, AE_M(hit_rate), "hotlist", ae_hotlist_names[h], b.hl_hits[h], b.R, &cl[h]);
	free(cl);

	/* non_hit_share, disposition_share */
	prop_row(&b, AE_M(non_hit_share), "all", "all", b.R - b.H, b.R);
	cl = ae_alerts_clustered(b.st, b.a, AE_CM_DISP, AE_CD_ALL);
	for (int d = 0; d < DP_COUNT; d++)
		if (b.dp_hits[d])
			prop_rows(&b, AE_M(disposition_share), "disposition", ae_disposition_names[d], b.dp_hits[d],
				  b.H, &cl[d]);
	free(cl);

	/* false_positive_rate: over hits whose disposition is known */
	by_dims(&b, AE_M(false_positive_rate), AE_CM_FP, b.fp, b.known, b.hl_fp, b.hl_known, b.cam_fp, b.cam_known,
		b.hood_fp, b.hood_known, b.hl_hits);

	cluster_row(&b, AE_M(confirmed_per_million_reads), 1, 1e6);
	if (!st->input[TB_OUTCOMES].present)
		goto done;
	outcome_rows(&b, 0, 0);
	linked_rows(&b);
	outcome_rows(&b, 1, 2);
	by_dims(&b, AE_M(outcome_yield), AE_CM_YIELD, b.yield, b.H, b.hl_yield, b.hl_hits, b.cam_yield, b.cam_hits,
		b.hood_yield, b.hood_hits, b.hl_hits);
	by_dims(&b, AE_M(enforcement_yield), AE_CM_ENF, b.enf, b.H, b.hl_enf, b.hl_hits, b.cam_enf, b.cam_hits,
		b.hood_enf, b.hood_hits, b.hl_hits);
	outcome_rows(&b, 3, 3);
done:
	free(b.hood_fp);
	free(b.hood_known);
	free(b.cam_yield);
	free(b.cam_enf);
	free(b.hood_yield);
	free(b.hood_enf);
	free(b.cam_hits);
	free(b.cam_fp);
	free(b.cam_known);
	free(b.hood_hits);
	free(b.month_hits);
	free(b.day_hits);
	free(b.cams);
	free(b.hoods);
	return AE_OK;
}

/* ---------------- charts: from the metrics table only ---------------- */
/* ---------------- the alert funnel ---------------- */
static int chart_funnel(ae_chartctx *c)
{
	const char *name = "funnel";
	const ae_row *reads = ae_chart_find(c, AE_M(reads), "all", "all", NULL),
		     *hits = ae_chart_find(c, AE_M(hits), "all", "all", NULL);
	if (!hits) {
		ae_chart_missing(c, name, "no hits table in the study");
		return AE_OK;
	}
	const ae_row *conf = ae_chart_find(c, AE_M(hits), "disposition", "confirmed", NULL);
	const ae_row *yield = ae_chart_find(c, AE_M(outcome_yield), "all", "all", NULL);
	const ae_row *nonhit = ae_chart_find(c, AE_M(non_hit_share), "all", "all", NULL);
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f)
		return AE_EIO;
	fprintf(f,
		"# stage count label (from metrics.csv: reads/hits at all, hits of disposition confirmed, outcome_yield numerator)\n");
	double v[4] = {reads->est, hits->est, conf ? conf->est : 0, yield ? yield->num : NAN};
	static const char *const stage[] = {"reads", "alerts\n(hits)", "confirmed\nalerts",
					    "alerts with any\nrecorded outcome"};
	int nstage = 0;
	for (int i = 0; i < 4; i++) {
		if (i == 3 && !yield)
			break;
		nstage++;
		char lab[64];
		double x = v[i];
		if (i == 3 && isnan(x)) {
			/* its row is suppressed (suppress.c): the briefing's words, not "nan" */
			snprintf(lab, sizeof lab, "not shown (min_cell %ld)", c->h->st->min_cell);
		} else if (i == 3 && c->h->st->min_cell > 0 && x < (double)c->h->st->min_cell) {
			snprintf(lab, sizeof lab, "fewer than %ld", c->h->st->min_cell);
			x = NAN;
		} else {
			ae_num_count(lab, sizeof lab, x);
		}
		ae_chart_label(f, stage[i]);
		fprintf(f, " %s ", isnan(x) || x <= 0 ? "NaN" : "");
		if (!(isnan(x) || x <= 0))
			fprintf(f, "%.0f", x);
		fputc(' ', f);
		ae_chart_label(f, lab);
		fputc('\n', f);
	}
	if (ae_chart_dat_close(c, f, name))
		return AE_EIO;
	ae_buf s;
	ae_buf_init(&s);
	/* a linear scale, so that the drop from reads to alerts is seen as it is:
	 * the later stages are slivers beside the reads, and their counts say how many */
	ae_chart_begin(c, &s, name, "Alert funnel: from reads to outcomes", 900, 520);
	if (nonhit && nonhit->est < 1) {
		/* (R - H) / R: H / R alerts a read, said as one in so many */
		char k[64];
		ae_num_count(k, sizeof k, round(1 / (1 - nonhit->est)));
		ae_buf_printf(&s, "set label 1 'about 1 in %s reads raised an alert' at graph 0.98, graph 0.9 right\n",
			      k);
	}
	ae_buf_puts(&s,
		    "set ylabel 'records'\nset style fill solid 0.85 border -1\nset boxwidth 0.6\nset xrange [-0.6:3.6]\n"
		    "set bmargin 4\nset xtics (");
	for (int i = 0; i < nstage; i++) {
		ae_buf_puts(&s, i ? ", " : "");
		ae_chart_quote(&s, stage[i]);
		ae_buf_printf(&s, " %d", i);
	}
	ae_buf_puts(&s, ")\n");
	ae_chart_count_axis(&s, "y", reads->est * 1.12);
	ae_buf_printf(&s,
		      "plot 'chart-%s.dat' using 0:2 with boxes lc rgb '%s', \\\n"
		      "     '' using 0:($2 > 0 ? $2 : 0):3 with labels offset 0,0.8\n",
		      name, AE_BLUE);
	return ae_chart_finish(c, &s, name, "Alert funnel",
			       "How many reads became alerts, how many alerts were confirmed, and how many led to a recorded outcome, on a linear scale: "
			       "beside the reads, the later stages are slivers; the number over each bar is its count.",
			       900, 520);
}

/* ---------------- reads and hits by month, or by week ---------------- */
/* A week's tick: the first day of ISO week g (YYYY-Www) in the period, and
 * how many of its days are in it when the period cuts it. */
static void week_tick(const ae_study *st, const char *g, char *out, size_t n)
{
	int y = 0, w = 0;
	if (sscanf(g, "%d-W%d", &y, &w) != 2) {
		snprintf(out, n, "%s", g);
		return;
	}
	long mon = ae_monday(ae_days_from_civil(y, 1, 4)) + 7 * (long)(w - 1);
	long from = mon < st->start_day ? st->start_day : mon, to = mon + 6 > st->end_day ? st->end_day : mon + 6;
	int yy, mm, dd;
	ae_civil_from_days(from, &yy, &mm, &dd);
	if (to - from + 1 < 7)
		snprintf(out, n, "%04d-%02d-%02d (%ld day%s)", yy, mm, dd, to - from + 1, to == from ? "" : "s");
	else
		snprintf(out, n, "%04d-%02d-%02d", yy, mm, dd);
}

static int chart_monthly(ae_chartctx *c)
{
	const char *name = "monthly";
	/* the weeks where the table has them (a short period), else the months */
	int weekly = 0;
	for (size_t i = 0; i < c->h->t->n && !weekly; i++)
		weekly = strcmp(c->h->t->rows[i].metric, AE_M(reads)) == 0 &&
			 strcmp(c->h->t->rows[i].dimension, "week") == 0;
	const char *unit = weekly ? "week" : "month";
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f)
		return AE_EIO;
	fprintf(f, "# %s reads hits (metrics.csv: reads and hits by %s%s)\n", unit, unit,
		weekly ? "; a week's first day in the period, and its days when the period cuts it" : "");
	size_t n = 0;
	double top_hits = 0, top_reads = 0;
	int have_hits = ae_chart_find(c, AE_M(hits), "all", "all", NULL) != NULL;
	for (size_t i = 0; i < c->h->t->n; i++) {
		const ae_row *r = &c->h->t->rows[i];
		if (strcmp(r->metric, AE_M(reads)) || strcmp(r->dimension, unit))
			continue;
		const ae_row *h = have_hits ? ae_chart_find(c, AE_M(hits), unit, r->group, NULL) : NULL;
		char tick[64];
		if (weekly)
			week_tick(c->h->st, r->group, tick, sizeof tick);
		else
			snprintf(tick, sizeof tick, "%s", r->group);
		ae_chart_label(f, tick);
		if (h && h->est > top_hits)
			top_hits = h->est;
		top_reads = fmax(top_reads, r->est);
		if (h)
			fprintf(f, " %.0f %.0f\n", r->est, h->est);
		else
			fprintf(f, " %.0f NaN\n", r->est);
		n++;
	}
	if (ae_chart_dat_close(c, f, name))
		return AE_EIO;
	if (!n) {
		ae_chart_missing(c, name, "no reads in the period");
		return AE_OK;
	}
	const char *title = weekly ? "Reads and alerts by week" : "Reads and alerts by month";
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, name, title, 900, 540);
	ae_buf_printf(&s,
		      "set ylabel 'reads per %s'\nset ytics nomirror\nset xtics rotate by 40 right\n"
		      "set key tmargin right vertical samplen 1.5\n"
		      "set style fill solid 0.6 border -1\nset boxwidth 0.7\nset xrange [-0.6:%zu.6]\n",
		      unit, n - 1);
	ae_chart_count_axis(&s, "y", top_reads * 1.1);
	/* no alert in any period: an axis of zeros still needs a range */
	if (have_hits) {
		ae_buf_printf(&s, "set y2label 'alerts (hits) per %s'\n", unit);
		ae_chart_count_axis(&s, "y2", top_hits > 0 ? top_hits * 1.1 : 1);
	}
	ae_buf_printf(&s, "plot 'chart-%s.dat' using 0:2:xtic(1) with boxes lc rgb '%s' title 'reads (left axis)'",
		      name, AE_BLUE);
	if (have_hits)
		ae_buf_printf(&s,
			      ", \\\n     '' using 0:3 axes x1y2 with linespoints pt 7 lw 2 lc rgb '%s' title 'alerts (right axis)'",
			      AE_VERMILLION);
	ae_buf_addc(&s, '\n');
	return ae_chart_finish(
		c, &s, name, title,
		weekly ? "Reads (bars, left axis) and alerts (line, right axis) in each week of the study period (ISO weeks, "
			 "Monday to Sunday, local time), each marked by its first day; the study is too short for months. "
			 "A week the period cuts says how many of its days are in it, and its counts are lower for that."
		       : "Reads (bars, left axis) and alerts (line, right axis) in each month of the study period, local time.",
		900, 540);
}

int ae_alerts_charts(ae_chartctx *c)
{
	const ae_study *st = c->h->st;
	int hits = st->input[TB_HITS].present;
	char pct[64];
	snprintf(pct, sizeof pct, "per cent, with %g %% intervals", st->confidence * 100);
	int rc = chart_funnel(c);
	/* the interval charts of the alert rates, all from the clustered rows */
	const struct {
		const char *name, *metric, *dim, *title, *caption;
	} iv[] = {
		{"hit_rate_camera", AE_M(hit_rate), "camera", "Hit rate by camera",
		 "Alerts per read at each camera, highest first; the bars are intervals that allow for one vehicle "
		 "raising many alerts (clustered by vehicle)."},
		{"false_positive_rate_camera", AE_M(false_positive_rate), "camera", "False-positive rate by camera",
		 "Share of verified alerts at each camera that were wrong (misread, wrong state or stale entry); "
		 "intervals clustered by vehicle."},
		{"hit_rate_hotlist", AE_M(hit_rate), "hotlist", "Hit rate by hotlist",
		 "Alerts per read, by the hotlist that raised them; intervals clustered by vehicle. A list "
		 "with few vehicles on it reads low in a period when none of them happened to be read often, "
		 "and no interval from the data can show that."},
		{"false_positive_rate_hotlist", AE_M(false_positive_rate), "hotlist", "False-positive rate by hotlist",
		 "Share of verified alerts that were wrong, by hotlist; intervals clustered by vehicle."},
		{"dispositions", AE_M(disposition_share), "disposition", "What verification found",
		 "Share of all alerts by what the officer's check found; unverified alerts are unknown, not correct. "
		 "Intervals clustered by vehicle."},
	};
	for (size_t i = 0; !rc && hits && i < sizeof iv / sizeof iv[0]; i++)
		rc = ae_chart_intervals(c, iv[i].name, iv[i].metric, iv[i].dim, iv[i].title, pct, iv[i].caption, 100, 0,
					AE_NLABEL_OF, NAN);
	if (!hits)
		ae_chart_missing(c, "hit and false-positive rates, dispositions", "no hits table in the study");
	if (!rc)
		rc = chart_monthly(c);
	return rc;
}

/* ---------------- the briefing: from the metrics table only ---------------- */
static const char *ci_name(int m)
{
	return m == CI_CLOPPER_PEARSON ? "Clopper" EN_DASH "Pearson" : m == CI_JEFFREYS ? "Jeffreys" : "Wilson";
}

static const char *outcome_words(int o)
{
	static const char *const w[OT_COUNT] = {"arrest",  "vehicle recovered", "citation",
						"warning", "no action",         "other"};
	return o >= 0 && o < OT_COUNT ? w[o] : "";
}

static void summary_alerts(brief *b)
{
	ae_doc *d = &b->d;
	if (!b->hits) {
		ae_doc_para(d);
		ae_doc_put(d, "No alert (hits) data was supplied, so no alert figures are given: nothing is said here "
			      "about hit rates, wrong alerts or what alerts led to.");
		ae_doc_para_end(d);
		return;
	}
	const char *bin = ae_ci_method_name(b->st->ci_method);
	const ae_row *nh = brief_find(b, AE_M(non_hit_share), "all", "all", NULL);
	const ae_row *hits = brief_find(b, AE_M(hits), "all", "all", NULL);
	const ae_row *hrc = brief_find(b, AE_M(hit_rate), "all", "all", "cluster_plate");
	const ae_row *hrb = brief_find(b, AE_M(hit_rate), "all", "all", bin);
	ae_doc_para(d);
	if (nh) {
		/* not "of vehicles on no hotlist": a misread is of a vehicle on no list, yet raises an alert */
		ae_doc_put(d, "The share of reads that raised no alert is ");
		brief_figure(b, nh, FIG_PCT);
		ae_doc_put(d, ". ");
	}
	if (hits) {
		ae_doc_put(d, "The cameras raised ");
		brief_value(b, hits, FIG_COUNT);
		ae_doc_put(d, " alerts ("
			      "\xe2\x80\x9c"
			      "hits"
			      "\xe2\x80\x9d"
			      ") ");
		brief_cite(b, hits);
		ae_doc_put(d, ".");
		const ae_row *av = brief_find(b, AE_M(alert_vehicles), "all", "all", NULL);
		const ae_row *top = brief_find(b, AE_M(alerts_top10_vehicles_share), "all", "all", NULL);
		if (av && top && !isnan(top->est)) {
			ae_doc_put(d, " They came from ");
			brief_value(b, av, FIG_COUNT);
			ae_doc_put(d, " vehicles ");
			brief_cite(b, av);
			ae_doc_put(d, ", and the ten vehicles with the most alerts raised ");
			brief_figure(b, top, FIG_PCT);
			ae_doc_put(d, " of them: a few vehicles carrying many alerts is why the intervals below are "
				      "counted by vehicle, not by read.");
		}
	}
	ae_doc_para_end(d);
	if (hrc) {
		ae_doc_para(d);
		ae_doc_put(d, "The hit rate " EM_DASH " alerts per read " EM_DASH " is ");
		brief_figure(b, hrc, FIG_PCT);
		ae_doc_put(d, ". This interval counts each vehicle as one cluster, because the same car is read again "
			      "and again and its alerts come together.");
		if (hrb && !isnan(hrb->lo) && !isnan(hrc->lo)) {
			/* which to quote follows from the two rows, not from a rule of thumb */
			int wider = hrc->hi - hrc->lo >= hrb->hi - hrb->lo;
			ae_doc_putf(d, " The plain %s row of the table, ", ci_name(b->st->ci_method));
			brief_figure(b, hrb, FIG_PCT);
			ae_doc_put(d,
				   wider ? ", treats every read as independent and so understates the uncertainty; "
					   "quote the first."
					 : ", treats every read as independent; here it is the wider of the two, so quote "
					   "it: the clustered interval is narrower only because the alerts are spread "
					   "evenly over many vehicles.");
		}
		ae_doc_para_end(d);
	}

	const ae_row *fp = brief_find(b, AE_M(false_positive_rate), "all", "all", "cluster_plate");
	const ae_row *uv = brief_find(b, AE_M(disposition_share), "disposition", "unverified", "cluster_plate");
	ae_doc_para(d);
	if (fp) {
		ae_doc_put(d, "The share of alerts that were wrong, among alerts whose verification result was "
			      "recorded, is ");
		brief_figure(b, fp, FIG_PCT);
		ae_doc_put(d, "; an alert counts as wrong when ");
		brief_fp_set_words(b);
		ae_doc_put(d, ". ");
	}
	if (uv) {
		ae_doc_put(d, "The share of all alerts that were never verified is ");
		brief_figure(b, uv, FIG_PCT);
		ae_doc_put(d, ": whether they were right is unknown, and they are not counted as correct.");
	} else if (hits && hits->est > 0) {
		ae_doc_put(d, "Every alert has a recorded verification result.");
	}
	ae_doc_para_end(d);
}

/* "<lead> <figure with its citation>. ", or nothing when the row is absent. */
static void figure_sentence(brief *b, const char *lead, const ae_row *r, int kind)
{
	brief_sentence(b, lead, r, kind, ". ");
}

/* The cluster_plate row, or when it was held back the suppressed row in its
 * place (so the sentence says "not shown" rather than going silent). */
static const ae_row *clustered(const brief *b, const char *m, const char *dim, const char *g)
{
	const ae_row *r = brief_find(b, m, dim, g, "cluster_plate");
	return r ? r : brief_find(b, m, dim, g, "suppressed");
}

static void summary_outcomes(brief *b)
{
	ae_doc *d = &b->d;
	if (!b->hits) {
		if (b->outcomes) {
			ae_doc_para(d);
			ae_doc_put(d, "Outcome data was supplied but, without alert data, no outcome figures are "
				      "computed.");
			ae_doc_para_end(d);
		}
		return;
	}
	ae_doc_para(d);
	if (!b->outcomes) {
		ae_doc_put(d, "No outcome data was supplied, so nothing is said about what alerts led to beyond "
			      "whether they were confirmed. ");
	} else {
		figure_sentence(b, "The share of alerts linked to at least one recorded outcome is ",
				brief_find(b, AE_M(outcome_yield), "all", "all", "cluster_plate"), FIG_PCT);
		char set[160] = "The share that led to an enforcement outcome (the study counts ";
		for (int o = 0, n = 0; o < OT_COUNT; o++)
			if ((b->st->enforcement_mask >> o) & 1)
				snprintf(set + strlen(set), sizeof set - strlen(set), "%s%s", n++ ? ", " : "",
					 outcome_words(o));
		strncat(set, ") is ", sizeof set - strlen(set) - 1);
		figure_sentence(b, set, brief_find(b, AE_M(enforcement_yield), "all", "all", "cluster_plate"), FIG_PCT);
		/* enforcement outcomes as enforcement_yield counts them, then the rest */
		int any = 0;
		for (int e = 1; e >= 0; e--) {
			int first = 1;
			for (int o = 0; o < OT_COUNT; o++) {
				const ae_row *r = brief_find(b, AE_M(outcomes), "outcome", ae_outcome_names[o], NULL);
				if (!r || (int)((b->st->enforcement_mask >> o) & 1) != e)
					continue;
				ae_doc_put(d, !first ? "; "
					      : e ? "Recorded enforcement outcomes (the study's enforcement_outcomes): "
					      : any ? ". Other recorded outcomes: "
						    : "Recorded outcomes, none of them an enforcement outcome: ");
				ae_doc_put(d, outcome_words(o));
				ae_doc_put(d, " ");
				brief_figure(b, r, FIG_COUNT);
				any = 1;
				first = 0;
			}
		}
		ae_doc_put(d, any ? ". " : "No outcome of any type was recorded in the study period. ");
		figure_sentence(b, "The number of reads per arrest is ",
				clustered(b, AE_M(reads_per_outcome), "outcome", "arrest"), FIG_RATE);
		const ae_row *cost = clustered(b, AE_M(cost_per_outcome), "outcome", "arrest");
		if (cost) {
			ae_doc_put(d, "The programme cost per arrest, ");
			if (b->st->currency) {
				ae_doc_put(d, "in ");
				ae_doc_put(d, b->st->currency);
			} else {
				ae_doc_put(d, "in the study's currency (the study does not name it)");
			}
			ae_doc_put(d, ", is ");
			brief_figure(b, cost, FIG_RATE);
			ae_doc_put(d,
				   ". It charges the whole cost the study gives for the period to arrests alone, as if the "
				   "system did nothing else: its other outcomes and uses (investigators' searches, data "
				   "shared with other agencies) are not counted, so it is not the price of an arrest. ");
		}
	}
	const ae_row *cpm = brief_find(b, AE_M(confirmed_per_million_reads), "all", "all", NULL);
	if (cpm) {
		ae_doc_put(d, "The number of confirmed alerts per million reads is ");
		brief_figure(b, cpm, FIG_RATE);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
}

void ae_alerts_summary(brief *b)
{
	summary_alerts(b);
	summary_outcomes(b);
}

/* The alert mix: which hotlists the alerts came from, largest first. */
void ae_alerts_section(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *rows[HL_COUNT];
	int n = 0;
	for (int h = 0; h < HL_COUNT; h++) {
		const ae_row *r = brief_find(b, AE_M(alert_share), "hotlist", ae_hotlist_names[h], NULL);
		if (r)
			rows[n++] = r;
	}
	ae_doc_para(d);
	if (!n) {
		ae_doc_put(d, b->hits ? "No alert was raised in the study period."
				      : "No alert (hits) data was supplied, so there is no alert mix.");
		ae_doc_para_end(d);
		return;
	}
	ae_doc_put(d, "Which kind of hotlist entry the alerts matched, largest share first. The hit rate and the "
		      "outcomes in the summary count them all together, and an alert for a registration is not an "
		      "alert for a stolen car or a wanted person.");
	ae_doc_para_end(d);
	for (int i = 1; i < n; i++) /* largest share first; ties in the hotlists' order */
		for (int j = i; j > 0 && rows[j]->est > rows[j - 1]->est; j--) {
			const ae_row *x = rows[j];
			rows[j] = rows[j - 1];
			rows[j - 1] = x;
		}
	static const char *const heads[] = {"Hotlist", "Share of alerts", "Row in metrics.csv", "Alerts",
					    "Row in metrics.csv"};
	ae_doc_table_open(d, "lrlrl", heads);
	for (int i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s", rows[i]->group);
		for (char *p = name; *p; p++)
			if (*p == '_')
				*p = ' ';
		const ae_row *cnt = brief_find(b, AE_M(hits), "hotlist", rows[i]->group, NULL);
		ae_doc_row_open(d);
		ae_doc_cell_text(d, name);
		ae_doc_cell(d);
		brief_value(b, rows[i], FIG_PCT);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		brief_cite(b, rows[i]);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		if (cnt)
			brief_value(b, cnt, FIG_COUNT);
		else
			ae_doc_put(d, EM_DASH);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		if (cnt)
			brief_cite(b, cnt);
		else
			ae_doc_put(d, EM_DASH);
		ae_doc_cell_end(d);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
}
