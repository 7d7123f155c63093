/* briefing.c — the committee briefing (see briefing.h): report.html and
 * report.md, built side by side by the same code so the two never drift.
 *
 * Every number in the summary is printed from a row of the metrics table
 * and followed by that row's line in metrics.csv (line = row index + 2).
 * Numbers are formatted here with integer arithmetic (no locale, no %g), no
 * clock is read and no path is made absolute, so reruns give the same bytes.
 * Strings from data are escaped for HTML or Markdown. Charts are inlined as
 * SVG with their ids prefixed and anything that could load a resource
 * (scripts, styles, external links) removed: the page needs no network. */
#include "briefing.h"
#include "doc.h"
#include "hashtab.h"
#include "numfmt.h"
#include "svgclean.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EN_DASH "\xe2\x80\x93"
#define EM_DASH "\xe2\x80\x94"

/* ---- the briefing ---- */

typedef struct brief {
	const ae_handover *h;
	const ae_study *st;      /* h->st */
	const ae_table *t;       /* h->t */
	const ae_areas *ar;      /* h->areas: NULL without a neighbourhoods table */
	const ae_chartset *ch;
	const char *dir;         /* the report's temporary folder, where the charts are */
	ae_strtab *keys;   /* "metric\0dimension\0group[\0method]" -> rowof index */
	size_t *rowof;
	ae_strtab *listed;       /* listed area names, for "is this area listed?" */
	ae_doc d;
	char conf[32];     /* the study's confidence level in percent, e.g. "95" */
	int hits, outcomes, hoods;   /* which optional inputs the study has */
} brief;

static void row_key(ae_buf *k, const char *m, const char *dim, const char *g, const char *meth)
{
	k->len = 0;
	ae_buf_add(k, m, strlen(m) + 1);
	ae_buf_add(k, dim, strlen(dim) + 1);
	ae_buf_add(k, g, strlen(g));
	if (meth) {
		ae_buf_addc(k, '\0');
		ae_buf_add(k, meth, strlen(meth));
	}
}

/* An index of the rows, with and without their method: the per-area
 * sections look up many rows and the table can be long. The first row of a
 * key wins, as ae_table_find would give. */
static void index_rows(brief *b)
{
	b->keys = ae_strtab_new();
	b->rowof = ae_malloc((2 * b->t->n + 1) * sizeof *b->rowof);
	ae_buf k;
	ae_buf_init(&k);
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		for (int with = 0; with < 2; with++) {
			int added;
			row_key(&k, r->metric, r->dimension, r->group, with ? r->method : NULL);
			uint32_t id = ae_strtab_intern(b->keys, k.data, k.len, &added);
			if (added)
				b->rowof[id] = i;
		}
	}
	ae_buf_release(&k);
}

static const ae_row *find(const brief *b, const char *m, const char *dim, const char *g, const char *meth)
{
	ae_buf k;
	ae_buf_init(&k);
	row_key(&k, m, dim, g, meth);
	uint32_t id = ae_strtab_find(b->keys, k.data, k.len);
	ae_buf_release(&k);
	return id == UINT32_MAX ? NULL : &b->t->rows[b->rowof[id]];
}

static size_t line_of(const brief *b, const ae_row *r) { return (size_t)(r - b->t->rows) + 2; }

/* A row's figure in words: value and interval, "fewer than N" for a
 * suppressed count, "not defined" for an empty estimate. */
static void fig_text(const brief *b, const ae_row *r, int kind, char *out, size_t n)
{
	char e[64], lo[64], hi[64], mc[64];
	if (strcmp(r->method, "suppressed") == 0) {
		ae_num_count(mc, sizeof mc, (double)b->st->min_cell);
		snprintf(out, n, kind == FIG_COUNT ? "fewer than %s" : "not shown (fewer than %s cases)", mc);
		return;
	}
	if (isnan(r->est)) {
		snprintf(out, n, "not defined (no denominator)");
		return;
	}
	/* decimals from the estimate; from the interval's far end when it is zero */
	double ref = r->est;
	if (ref == 0 && isfinite(r->hi))
		ref = r->hi;
	int dec = ae_num_decimals(kind, ref);
	if (kind == FIG_COUNT)
		dec = 0;
	ae_num_figure(e, sizeof e, r->est, kind, dec);
	if (kind == FIG_COUNT || strcmp(r->method, "none") == 0) {
		snprintf(out, n, "%s", e);
		return;
	}
	if (isnan(r->lo) || isnan(r->hi)) {
		snprintf(out, n, "%s (no interval)", e);
		return;
	}
	/* a narrow interval gets up to three more decimals, so its ends do not
	 * print the same as the estimate when they differ */
	for (int more = 0;; more++, dec++) {
		ae_num_figure(e, sizeof e, r->est, kind, dec);
		ae_num_figure(lo, sizeof lo, r->lo, kind, dec);
		ae_num_figure(hi, sizeof hi, r->hi, kind, dec);
		int same = (r->lo != r->est && strcmp(lo, e) == 0) || (r->hi != r->est && strcmp(hi, e) == 0);
		if (!same || more == 3 || dec >= 8)
			break;
	}
	snprintf(out, n, "%s (%s %% interval %s" EN_DASH "%s)", e, b->conf, lo, hi);
}

/* The figure, marked with its row's line so a reader (or a test) can check it. */
static void value(brief *b, const ae_row *r, int kind)
{
	char buf[256];
	fig_text(b, r, kind, buf, sizeof buf);
	ae_buf_printf(&b->d.html, "<span class=\"fig\" data-line=\"%zu\">", line_of(b, r));
	ae_doc_put(&b->d, buf);
	ae_doc_raw(&b->d, "</span>", NULL);
}

/* [metrics.csv line N: metric, dimension, group, method] */
static void cite(brief *b, const ae_row *r)
{
	ae_buf c;
	ae_buf_init(&c);
	ae_buf_printf(&c, "[metrics.csv line %zu: %s, %s, %s, %s]", line_of(b, r), r->metric, r->dimension,
		      r->group, r->method);
	ae_doc_raw(&b->d, "<code class=\"cite\">", NULL);
	ae_html_text(&b->d.html, c.data);
	ae_doc_raw(&b->d, "</code>", NULL);
	ae_md_code(&b->d.md, c.data, b->d.cell);
	ae_buf_release(&c);
}

/* value, then a space and the citation */
static void figure(brief *b, const ae_row *r, int kind)
{
	value(b, r, kind);
	ae_doc_put(&b->d, " ");
	cite(b, r);
}

static const char *ci_name(int m)
{
	return m == CI_CLOPPER_PEARSON ? "Clopper" EN_DASH "Pearson" : m == CI_JEFFREYS ? "Jeffreys" : "Wilson";
}

static const char *dispo_words(int d)
{
	static const char *const w[DP_COUNT] = {"the alert was confirmed", "the plate was misread",
		"the plate's state was wrong", "the hotlist entry was stale", "the alert was not actionable",
		"the alert was never verified"};
	return d >= 0 && d < DP_COUNT ? w[d] : "";
}

static const char *outcome_words(int o)
{
	static const char *const w[OT_COUNT] = {"arrest", "vehicle recovered", "citation", "warning",
		"no action", "other"};
	return o >= 0 && o < OT_COUNT ? w[o] : "";
}

/* "the plate was misread, ... or the hotlist entry was stale" */
static void fp_set_words(brief *b)
{
	int n = 0, k = 0;
	for (int d = 0; d < DP_COUNT; d++)
		n += (b->st->fp_mask >> d) & 1;
	if (!n) {
		ae_doc_put(&b->d, "no verification result counts as wrong in this study");
		return;
	}
	for (int d = 0; d < DP_COUNT; d++) {
		if (!((b->st->fp_mask >> d) & 1))
			continue;
		ae_doc_put(&b->d, k == 0 ? "" : k == n - 1 ? " or " : ", ");
		ae_doc_put(&b->d, dispo_words(d));
		k++;
	}
}

static int is_small(const brief *b, uint32_t n) { return !(b->ar->population[n] >= b->st->small_population); }

static const char *listed_name(const brief *b, uint32_t n)
{
	return b->ar->name[n];
}

/* ---- (1) summary ---- */

static void summary_reads(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *reads = find(b, "reads", "all", "all", NULL);
	const ae_row *veh = find(b, "distinct_plates", "all", "all", NULL);
	ae_doc_para(d);
	ae_doc_put(d, "The cameras made ");
	if (reads) {
		value(b, reads, FIG_COUNT);
		ae_doc_put(d, " reads in the study period ");
		cite(b, reads);
	} else {
		ae_doc_put(d, "no reads in the study period");
	}
	if (veh) {
		ae_doc_put(d, ", of ");
		value(b, veh, FIG_COUNT);
		ae_doc_put(d, " distinct vehicles ");
		cite(b, veh);
	}
	ae_doc_put(d, ".");
	ae_doc_para_end(d);
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
	const ae_row *nh = find(b, "non_hit_share", "all", "all", NULL);
	const ae_row *hits = find(b, "hits", "all", "all", NULL);
	const ae_row *hrc = find(b, "hit_rate", "all", "all", "cluster_plate");
	const ae_row *hrb = find(b, "hit_rate", "all", "all", bin);
	ae_doc_para(d);
	if (nh) {
		ae_doc_put(d, "The share of reads that were of vehicles on no hotlist is ");
		figure(b, nh, FIG_PCT);
		ae_doc_put(d, ". ");
	}
	if (hits) {
		ae_doc_put(d, "The cameras raised ");
		value(b, hits, FIG_COUNT);
		ae_doc_put(d, " alerts (" "\xe2\x80\x9c" "hits" "\xe2\x80\x9d" ") ");
		cite(b, hits);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
	if (hrc) {
		ae_doc_para(d);
		ae_doc_put(d, "The hit rate " EM_DASH " alerts per read " EM_DASH " is ");
		figure(b, hrc, FIG_PCT);
		ae_doc_put(d, ". This interval counts each vehicle as one cluster, because the same car is read again "
		       "and again and its alerts come together.");
		if (hrb) {
			ae_doc_putf(d, " The plain %s row of the table, ", ci_name(b->st->ci_method));
			figure(b, hrb, FIG_PCT);
			ae_doc_put(d, ", treats every read as independent and so understates the uncertainty; quote the "
			       "first.");
		}
		ae_doc_para_end(d);
	}

	const ae_row *fp = find(b, "false_positive_rate", "all", "all", NULL);
	const ae_row *uv = find(b, "disposition_share", "disposition", "unverified", NULL);
	ae_doc_para(d);
	if (fp) {
		ae_doc_put(d, "The share of alerts that were wrong, among alerts whose verification result was recorded, is ");
		figure(b, fp, FIG_PCT);
		ae_doc_put(d, "; an alert counts as wrong when ");
		fp_set_words(b);
		ae_doc_put(d, ". ");
	}
	if (uv) {
		ae_doc_put(d, "The share of all alerts that were never verified is ");
		figure(b, uv, FIG_PCT);
		ae_doc_put(d, ": whether they were right is unknown, and they are not counted as correct.");
	} else if (hits && hits->est > 0) {
		ae_doc_put(d, "Every alert has a recorded verification result.");
	}
	ae_doc_para_end(d);
}

static void summary_outcomes(brief *b)
{
	ae_doc *d = &b->d;
	if (!b->hits) {
		if (b->outcomes) {
			ae_doc_para(d);
			ae_doc_put(d, "Outcome data was supplied but, without alert data, no outcome figures are computed.");
			ae_doc_para_end(d);
		}
		return;
	}
	ae_doc_para(d);
	if (!b->outcomes) {
		ae_doc_put(d, "No outcome data was supplied, so nothing is said about what alerts led to beyond "
		       "whether they were confirmed. ");
	} else {
		const ae_row *y = find(b, "outcome_yield", "all", "all", NULL);
		if (y) {
			ae_doc_put(d, "The share of alerts linked to at least one recorded outcome is ");
			figure(b, y, FIG_PCT);
			ae_doc_put(d, ". ");
		}
		int any = 0;
		for (int o = 0; o < OT_COUNT; o++) {
			const ae_row *r = find(b, "outcomes", "outcome", ae_outcome_names[o], NULL);
			if (!r)
				continue;
			ae_doc_put(d, any ? "; " : "Recorded outcomes by type: ");
			ae_doc_put(d, outcome_words(o));
			ae_doc_put(d, " ");
			figure(b, r, FIG_COUNT);
			any = 1;
		}
		ae_doc_put(d, any ? ". " : "No outcome of any type was recorded in the study period. ");
		const ae_row *rpo = find(b, "reads_per_outcome", "outcome", "arrest", NULL);
		if (rpo) {
			ae_doc_put(d, "The number of reads per arrest is ");
			figure(b, rpo, FIG_RATE);
			ae_doc_put(d, ". ");
		}
		const ae_row *cpo = find(b, "cost_per_outcome", "outcome", "arrest", NULL);
		if (cpo) {
			ae_doc_put(d, "The programme cost per arrest, from the cost the study gives, is ");
			figure(b, cpo, FIG_RATE);
			ae_doc_put(d, ". ");
		}
	}
	const ae_row *cpm = find(b, "confirmed_per_million_reads", "all", "all", NULL);
	if (cpm) {
		ae_doc_put(d, "The number of confirmed alerts per million reads is ");
		figure(b, cpm, FIG_RATE);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
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
	const ae_row *all = find(b, "reads_per_1k_residents", "all", "all", NULL);
	if (all) {
		ae_doc_put(d, "Across the listed neighbourhoods, the number of reads per thousand residents is ");
		figure(b, all, FIG_RATE);
		ae_doc_put(d, ". ");
	}
	/* the most-read area that is not too small to rank */
	const ae_row *top = NULL;
	uint32_t topn = 0;
	for (uint32_t n = 0; n < ar->n; n++) {
		const ae_row *r = find(b, "reads_per_1k_residents", "neighborhood", listed_name(b, n), NULL);
		if (!r || is_small(b, n) || isnan(r->est))
			continue;
		if (!top || r->est > top->est) {
			top = r;
			topn = n;
		}
	}
	if (top) {
		ae_doc_put(d, "Among areas not under the small-population threshold, ");
		ae_doc_put(d, listed_name(b, topn));
		ae_doc_put(d, " is read most: its reads per thousand residents are ");
		figure(b, top, FIG_RATE);
		const ae_row *er = find(b, "exposure_ratio", "neighborhood", listed_name(b, topn), NULL);
		if (er) {
			ae_doc_put(d, ", and its exposure ratio " EM_DASH " its share of reads over its share of residents "
			       EM_DASH " is ");
			figure(b, er, FIG_RATIO);
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
		const ae_row *r = find(b, "disparity_ratio", "group", ar->groups[g], NULL);
		if (!r)
			continue;
		ae_doc_put(d, any ? "; " : "How often residents of each group are read, compared with the average "
				    "resident (disparity ratio): ");
		ae_doc_put(d, ar->groups[g]);
		ae_doc_put(d, " ");
		figure(b, r, FIG_RATIO);
		any = 1;
	}
	ae_doc_put(d, any ? ". " : "The neighbourhoods table has no population groups, so no disparity ratio is given. ");
	const ae_row *gini = find(b, "gini_reads_per_capita", "all", "all", NULL);
	if (gini) {
		ae_doc_put(d, "The Gini coefficient of reads per resident across areas is ");
		figure(b, gini, FIG_RATIO);
		ae_doc_put(d, " (zero would mean the residents of every area are read equally often). ");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	any = 0;
	for (uint32_t n = 0; n < ar->n; n++) {
		if (!is_small(b, n))
			continue;
		ae_doc_put(d, any ? ", " : "Areas under the small-population threshold, whose rates are shown but must not "
				    "be ranked: ");
		ae_doc_put(d, listed_name(b, n));
		any = 1;
	}
	ae_doc_put(d, any ? ". " : "No listed area is under the small-population threshold. ");
	const ae_row *un = find(b, "unassigned_reads", "all", "all", NULL);
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
		ae_buf_printf(&d->html, "<span class=\"fig\" data-line=\"%zu\">", line_of(b, un));
		ae_doc_put(d, buf);
		ae_doc_raw(d, "</span>", NULL);
		ae_doc_put(d, " ");
		cite(b, un);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
}

static void summary(brief *b)
{
	ae_doc_section_open(&b->d, "summary", "Summary");
	summary_reads(b);
	summary_alerts(b);
	summary_outcomes(b);
	summary_exposure(b);
	ae_doc_section_close(&b->d);
}

/* ---- (2) one section per area ---- */

/* One line of an area's table: the figure and its row, or a dash. */
static void area_line(brief *b, const char *label, const ae_row *r, int kind, const char *absent)
{
	ae_doc *d = &b->d;
	ae_doc_row_open(d);
	ae_doc_cell_text(d, label);
	ae_doc_cell(d);
	if (r)
		value(b, r, kind);
	else
		ae_doc_put(d, absent);
	ae_doc_cell_end(d);
	ae_doc_cell(d);
	if (r)
		cite(b, r);
	else
		ae_doc_put(d, EM_DASH);
	ae_doc_cell_end(d);
	ae_doc_row_end(d);
}

static void area_table(brief *b, const char *name, int listed, uint32_t n)
{
	static const char *const heads[] = {"Figure", "Value", "Row in metrics.csv"};
	const char *bin = ae_ci_method_name(b->st->ci_method);
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
	area_line(b, "Reads", find(b, "reads", "neighborhood", name, NULL), FIG_COUNT, "none in the period");
	area_line(b, "Distinct vehicles", find(b, "distinct_plates", "neighborhood", name, NULL), FIG_COUNT,
		  "none in the period");
	if (b->hits) {
		area_line(b, "Alerts (hits)", find(b, "hits", "neighborhood", name, NULL), FIG_COUNT, "none in the period");
		area_line(b, "Hit rate", find(b, "hit_rate", "neighborhood", name, bin), FIG_PCT, "no reads");
	}
	if (listed) {
		area_line(b, "Reads per thousand residents", find(b, "reads_per_1k_residents", "neighborhood", name, NULL),
			  FIG_RATE, "not in the table");
		area_line(b, "Exposure ratio", find(b, "exposure_ratio", "neighborhood", name, NULL), FIG_RATIO,
			  "not in the table");
	}
	ae_doc_table_close(d);
}

static void areas(brief *b)
{
	ae_doc *d = &b->d;
	ae_doc_section_open(d, "areas", "Areas");
	if (b->hoods) {
		char thr[64];
		ae_num_count(thr, sizeof thr, b->st->small_population);
		ae_doc_para(d);
		ae_doc_putf(d, "Each neighbourhood of the neighbourhoods table, in the table's order. Areas with fewer than "
			"%s residents (the study's small-population threshold) are flagged: a few reads move their "
			"rates a lot, so they are shown but must not be ranked.", thr);
		ae_doc_para_end(d);
		for (uint32_t n = 0; n < b->ar->n; n++) {
			const char *name = listed_name(b, n);
			ae_doc_raw(d, "<div class=\"area\">\n", NULL);   /* kept on one printed page */
			ae_doc_h3(d, name);
			if (is_small(b, n)) {
				ae_doc_raw(d, "<p class=\"flag\">", "**");
				ae_doc_put(d, "Small population " EM_DASH " do not rank.");
				ae_doc_raw(d, "</p>\n", "**\n\n");
			}
			area_table(b, name, 1, n);
			ae_doc_raw(d, "</div>\n", NULL);
		}
		const ae_row *un = find(b, "unassigned_reads", "all", "all", NULL);
		if (un) {
			ae_doc_para(d);
			ae_doc_put(d, "Reads in no listed area (not counted in any area above): ");
			figure(b, un, FIG_COUNT);
			ae_doc_put(d, ".");
			ae_doc_para_end(d);
		}
		ae_doc_section_close(d);
		return;
	}
	/* no neighbourhoods table: the areas the reads carry, without population */
	int named = 0;
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, "reads") == 0 && strcmp(r->dimension, "neighborhood") == 0 &&
		    strcmp(r->group, "unknown") != 0)
			named = 1;
	}
	ae_doc_para(d);
	if (!named) {
		ae_doc_put(d, "No neighbourhoods table was supplied and no read carries a neighbourhood, so there is no "
		       "per-area breakdown.");
		ae_doc_para_end(d);
		ae_doc_section_close(d);
		return;
	}
	ae_doc_put(d, "No neighbourhoods table was supplied: the areas below are those the reads and cameras name, "
	       "in the order of metrics.csv, without population, so there are no per-resident figures. "
	       "\xe2\x80\x9cunknown\xe2\x80\x9d holds reads with no area.");
	ae_doc_para_end(d);
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, "reads") != 0 || strcmp(r->dimension, "neighborhood") != 0)
			continue;
		ae_doc_raw(d, "<div class=\"area\">\n", NULL);
		ae_doc_h3(d, r->group);
		area_table(b, r->group, 0, 0);
		ae_doc_raw(d, "</div>\n", NULL);
	}
	ae_doc_section_close(d);
}

/* ---- (3) charts ---- */

static int read_whole(const char *path, ae_buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ae_buf_add(b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

/* The file name for a Markdown link: anything unusual percent-encoded. */
static void md_link(ae_buf *b, const char *name)
{
	char file[16];
	for (const char *p = "chart-"; *p; p++)
		ae_buf_addc(b, *p);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-_.", *p))
			ae_buf_addc(b, (char)*p);
		else {
			snprintf(file, sizeof file, "%%%02X", *p);
			ae_buf_add(b, file, 3);
		}
	}
	ae_buf_add(b, ".svg", 4);
}

static int charts_section(brief *b, ae_error *err)
{
	ae_doc *d = &b->d;
	ae_doc_section_open(d, "charts", "Charts");
	const ae_chartset *cs = b->ch;
	if (!cs || !cs->n) {
		ae_doc_para(d);
		ae_doc_put(d, "No charts were drawn.");
		ae_doc_para_end(d);
	}
	for (size_t i = 0; cs && i < cs->n; i++) {
		const ae_chart *c = &cs->charts[i];
		const char *title = c->title ? c->title : c->name;
		ae_buf file, svg;
		ae_buf_init(&file);
		ae_buf_init(&svg);
		ae_buf_printf(&file, "%s/chart-%s.svg", b->dir, c->name);
		errno = 0;
		if (read_whole(file.data, &svg) != 0) {
			int rc = ae_fail(err, AE_EIO, "%s: cannot read the chart: %s", file.data, strerror(errno ? errno : EIO));
			ae_buf_release(&file);
			ae_buf_release(&svg);
			return rc;
		}
		char prefix[128];
		ae_svg_id_prefix(prefix, sizeof prefix, c->name);
		ae_doc_raw(d, "<figure>\n", NULL);
		ae_doc_h3(d, title);
		ae_svg_inline(&d->html, svg.data ? svg.data : "", svg.len, prefix, title);
		ae_doc_raw(d, NULL, "![");
		ae_md_text(&d->md, title);
		ae_doc_raw(d, NULL, "](");
		md_link(&d->md, c->name);
		ae_doc_raw(d, NULL, ")\n\n");
		if (c->caption && *c->caption) {
			ae_doc_raw(d, "<figcaption>", NULL);
			ae_doc_put(d, c->caption);
			ae_doc_raw(d, "</figcaption>\n", "\n\n");
		}
		ae_doc_raw(d, "</figure>\n", NULL);
		ae_buf_release(&file);
		ae_buf_release(&svg);
	}
	if (cs && cs->missing && *cs->missing) {
		ae_doc_para(d);
		ae_doc_put(d, "Charts left out, and why:");
		ae_doc_para_end(d);
		ae_doc_list(d);
		for (const char *p = cs->missing; *p;) {
			const char *e = strchr(p, '\n');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n) {
				char *line = ae_strndup(p, n);
				ae_doc_item(d);
				ae_doc_put(d, line);
				ae_doc_item_end(d);
				free(line);
			}
			p += n + (e ? 1 : 0);
		}
		ae_doc_list_end(d);
	}
	ae_doc_section_close(d);
	return AE_OK;
}

/* ---- (4) methods ---- */

static const struct {
	const char *metric, *what;
} metric_defs[] = {
	{"reads", "Plate reads accepted in the study period (detections, not a vendor's total records)."},
	{"distinct_plates", "Distinct vehicles read: the plate, plus its state when given."},
	{"hits", "Alerts: reads that matched a hotlist."},
	{"hit_rate", "Alerts per read; for a hotlist, its alerts over all reads."},
	{"non_hit_share", "The share of reads of vehicles on no hotlist (one minus the hit rate)."},
	{"disposition_share", "The share of alerts with each verification result."},
	{"false_positive_rate", "Wrong alerts over alerts whose verification result is known (unverified alerts left out)."},
	{"confirmed_per_million_reads", "Confirmed alerts per million reads."},
	{"outcomes", "Recorded incident outcomes of each type."},
	{"outcomes_per_million_reads", "Outcomes of a type per million reads."},
	{"reads_per_outcome", "Reads per outcome of a type."},
	{"outcome_yield", "The share of alerts linked to at least one recorded outcome of any type."},
	{"cost_per_outcome", "The programme's cost for the period per outcome of a type."},
	{"reads_per_1k_residents", "Reads per thousand residents (at all: reads in listed areas over their whole population)."},
	{"reads_per_km2", "Reads per square kilometre of the area."},
	{"reads_per_100_vmt", "Reads per 100 vehicle miles travelled in the area over the period."},
	{"exposure_ratio", "An area's share of reads over its share of residents (1 is its proportional share)."},
	{"group_exposure", "Reads per thousand residents as met by the average member of a group (area rates weighted by the group's residents)."},
	{"disparity_ratio", "A group's exposure over the all-area rate (1 is the average resident)."},
	{"unassigned_reads", "Reads in no listed area, kept out of every per-resident figure."},
	{"tracked_plates_share", "The share of vehicles read by at least k distinct cameras."},
	{"plates_seen_once_share", "The share of vehicles read exactly once."},
	{"gini_reads_per_capita", "Gini coefficient of reads per resident across areas, population-weighted (0 is equal exposure)."},
};

static const char *method_words(const brief *b, const char *m, char *buf, size_t n)
{
	if (strcmp(m, "wilson") == 0)
		return "Wilson score interval for a proportion; it treats every record as independent.";
	if (strcmp(m, "clopper_pearson") == 0)
		return "Clopper" EN_DASH "Pearson exact binomial interval; it treats every record as independent.";
	if (strcmp(m, "jeffreys") == 0)
		return "Jeffreys interval (a Beta(1/2, 1/2) prior); it treats every record as independent.";
	if (strcmp(m, "cluster_plate") == 0)
		return "Each vehicle is one cluster: a car read many times is not many independent chances. The "
		       "interval comes from how alerts spread across vehicles (a cluster-robust variance), floored "
		       "at zero.";
	if (strcmp(m, "poisson_exact") == 0)
		return "Garwood's exact Poisson interval for the count of outcomes; reads per outcome and cost per "
		       "outcome turn it upside down.";
	if (strcmp(m, "quasi_poisson_days") == 0)
		return "A read log is a census, not a sample: the interval reflects how the daily counts vary, a "
		       "Poisson interval widened by the day-to-day over-dispersion over every day of the period, "
		       "days without reads included.";
	if (strcmp(m, "bootstrap_days") == 0) {
		snprintf(buf, n, "The study's days are drawn again with replacement %ld times (seed %llu), the "
			 "figure recomputed each time, and the middle %s %% of the results kept.",
			 b->st->bootstrap_replicates, b->st->seed, b->conf);
		return buf;
	}
	if (strcmp(m, "none") == 0)
		return "A count: exact, no interval.";
	if (strcmp(m, "suppressed") == 0) {
		snprintf(buf, n, "A count of vehicles or people under %ld (the study's min_cell), or a figure made "
			 "from one, is not published.", b->st->min_cell);
		return buf;
	}
	return "See METRICS.md.";
}

static void methods(brief *b)
{
	ae_doc *d = &b->d;
	const ae_table *t = b->t;
	ae_doc_section_open(d, "methods", "Methods");
	ae_doc_para(d);
	ae_doc_putf(d, "Every figure in this briefing is a row of metrics.csv in this folder; the citation after it gives "
		"the line (the header is line 1). Intervals are %s %% intervals.", b->conf);
	ae_doc_para_end(d);

	/* a metric's rows are contiguous in the table (METRICS.md order), so
	 * each run of rows is one line here, with the methods its rows use */
	static const char *const heads[] = {"Metric", "What it measures", "Interval"};
	const char *all_methods[16];
	size_t nall = 0;
	ae_doc_table_open(d, "lll", heads);
	for (size_t i = 0, next; i < t->n; i = next) {
		const char *m = t->rows[i].metric;
		const char *used[8];
		size_t nused = 0;
		for (next = i; next < t->n && strcmp(t->rows[next].metric, m) == 0; next++) {
			const char *meth = t->rows[next].method;
			size_t k = 0;
			while (k < nused && strcmp(used[k], meth) != 0)
				k++;
			if (k == nused && nused < 8)
				used[nused++] = meth;
			k = 0;
			while (k < nall && strcmp(all_methods[k], meth) != 0)
				k++;
			if (k == nall && nall < 16)
				all_methods[nall++] = meth;
		}
		const char *what = "See METRICS.md.";
		for (size_t k = 0; k < sizeof metric_defs / sizeof metric_defs[0]; k++)
			if (strcmp(metric_defs[k].metric, m) == 0)
				what = metric_defs[k].what;
		ae_doc_row_open(d);
		ae_doc_cell(d);
		ae_doc_code(d, m);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		ae_doc_put(d, what);
		if (strcmp(m, "tracked_plates_share") == 0)
			ae_doc_putf(d, " Here k = %ld.", b->st->tracked_cameras);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		for (size_t k = 0; k < nused; k++) {
			ae_doc_put(d, k ? ", " : "");
			ae_doc_code(d, used[k]);
		}
		ae_doc_cell_end(d);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);

	ae_doc_h3(d, "How the intervals are made");
	ae_doc_list(d);
	for (size_t k = 0; k < nall; k++) {
		char buf[512];
		ae_doc_item(d);
		ae_doc_code(d, all_methods[k]);
		ae_doc_put(d, ": ");
		ae_doc_put(d, method_words(b, all_methods[k], buf, sizeof buf));
		ae_doc_item_end(d);
	}
	ae_doc_list_end(d);

	ae_doc_h3(d, "Wrong alerts");
	ae_doc_para(d);
	ae_doc_put(d, "An alert counts as a false positive when ");
	fp_set_words(b);
	ae_doc_put(d, " (the study's false-positive set:");
	int any = 0;
	for (int k = 0; k < DP_COUNT; k++)
		if ((b->st->fp_mask >> k) & 1) {
			ae_doc_put(d, any++ ? ", " : " ");
			ae_doc_code(d, ae_disposition_names[k]);
		}
	ae_doc_put(d, any ? "). " : " empty). ");
	ae_doc_put(d, "Alerts never verified are left out of the false-positive rate's denominator and reported as their "
	       "own share.");
	ae_doc_para_end(d);

	ae_doc_h3(d, "What these data cannot say");
	ae_doc_list(d);
	ae_doc_item(d);
	ae_doc_put(d, "A hit ratio is not a crime-reduction effect: it says how often reads matched a hotlist, not "
	       "whether the programme prevented or solved any crime.");
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Outcomes linked to alerts do not show that the alert caused them: the stop, arrest or recovery "
	       "might have happened without it.");
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Unverified alerts are unknown, not correct: nobody recorded whether they were right.");
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Per-resident figures count where cameras read vehicles, not where the people in them live.");
	ae_doc_item_end(d);
	ae_doc_list_end(d);
	ae_doc_section_close(d);
}

/* ---- (5) data quality ---- */

static void quality(brief *b)
{
	ae_doc *d = &b->d;
	const ae_tablecount *tables = b->h->acc.tables;
	const ae_study *st = b->st;
	char c[5][64];
	ae_doc_section_open(d, "quality", "Data quality");
	ae_doc_para(d);
	ae_doc_put(d, "Every input record is accepted, rejected with a reason, or counted as outside the study period; "
	       "the counts add up. Every rejected record is listed in rejects.csv with its file, line, column "
	       "and reason.");
	ae_doc_para_end(d);
	static const char *const heads[] = {"Input", "Path", "Records read", "Accepted", "Rejected", "Out of period"};
	ae_doc_table_open(d, "llrrrr", heads);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &tables[t];
		if (!tc->present)
			continue;
		ae_doc_row_open(d);
		ae_doc_cell_text(d, ae_tables[t].name);
		ae_doc_cell(d);
		ae_doc_code(d, st->input[t].path_given ? st->input[t].path_given : "");
		ae_doc_cell_end(d);
		ae_num_count(c[0], 64, (double)tc->read);
		ae_num_count(c[1], 64, (double)tc->accepted);
		ae_num_count(c[2], 64, (double)tc->rejected);
		ae_num_count(c[3], 64, (double)tc->out_of_period);
		for (int k = 0; k < 4; k++)
			ae_doc_cell_text(d, c[k]);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);

	ae_doc_h3(d, "Rejects by reason");
	int any = 0;
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &tables[t];
		if (!tc->present || !tc->rejected)
			continue;
		if (!any++)
			ae_doc_list(d);
		ae_doc_item(d);
		ae_doc_put(d, ae_tables[t].name);
		ae_doc_put(d, ": ");
		int k = 0;
		for (int r = 0; r < RJ_COUNT; r++) {
			if (!tc->by_reason[r])
				continue;
			ae_num_count(c[0], 64, (double)tc->by_reason[r]);
			ae_doc_putf(d, "%s%s %s", k++ ? "; " : "", ae_reason_names[r], c[0]);
		}
		ae_doc_item_end(d);
	}
	if (any)
		ae_doc_list_end(d);
	else {
		ae_doc_para(d);
		ae_doc_put(d, "No record was rejected.");
		ae_doc_para_end(d);
	}

	ae_doc_h3(d, "Gaps and thresholds");
	ae_doc_list(d);
	if (b->hoods) {
		const ae_row *un = find(b, "unassigned_reads", "all", "all", NULL);
		if (un) {
			ae_doc_item(d);
			ae_doc_put(d, "Reads in no listed area: ");
			figure(b, un, FIG_COUNT);
			if (un->den > 0) {
				double share = un->num / un->den;
				ae_num_figure(c[0], 64, share, FIG_PCT, ae_num_decimals(FIG_PCT, share));
				ae_doc_putf(d, ", %s of all reads (numerator over denominator of that row).", c[0]);
			}
			ae_doc_item_end(d);
		}
		/* areas the reads name that the neighbourhoods table does not list */
		for (size_t i = 0; i < b->t->n; i++) {
			const ae_row *r = &b->t->rows[i];
			if (strcmp(r->metric, "reads") != 0 || strcmp(r->dimension, "neighborhood") != 0)
				continue;
			if (ae_strtab_find(b->listed, r->group, strlen(r->group)) != UINT32_MAX)
				continue;
			ae_doc_item(d);
			ae_doc_put(d, "Reads in ");
			ae_doc_put(d, r->group);
			ae_doc_put(d, ", which the neighbourhoods table does not list: ");
			figure(b, r, FIG_COUNT);
			ae_doc_item_end(d);
		}
	}
	if (b->hits) {
		const ae_row *uh = find(b, "hits", "disposition", "unverified", NULL);
		const ae_row *us = find(b, "disposition_share", "disposition", "unverified", NULL);
		ae_doc_item(d);
		if (uh) {
			ae_doc_put(d, "Alerts never verified: ");
			figure(b, uh, FIG_COUNT);
			if (us) {
				ae_doc_put(d, ", a share of ");
				figure(b, us, FIG_PCT);
			}
		} else {
			ae_doc_put(d, "Alerts never verified: none.");
		}
		ae_doc_item_end(d);
	}
	if (b->hoods) {
		char thr[64];
		ae_num_count(thr, sizeof thr, st->small_population);
		ae_doc_item(d);
		ae_doc_putf(d, "Areas under the small-population threshold (%s residents): ", thr);
		int k = 0;
		for (uint32_t n = 0; n < b->ar->n; n++) {
			if (!is_small(b, n))
				continue;
			ae_doc_put(d, k++ ? "; " : "");
			ae_doc_put(d, listed_name(b, n));
			if (isnan(b->ar->population[n]))
				ae_doc_put(d, " (population unknown)");
			else {
				ae_num_count(c[0], 64, b->ar->population[n]);
				ae_doc_putf(d, " (%s residents)", c[0]);
			}
		}
		ae_doc_put(d, k ? "." : "none.");
		ae_doc_item_end(d);
	}
	size_t sup = 0;
	for (size_t i = 0; i < b->t->n; i++)
		sup += strcmp(b->t->rows[i].method, "suppressed") == 0;
	ae_doc_item(d);
	if (st->min_cell > 0) {
		ae_num_count(c[0], 64, (double)sup);
		ae_num_count(c[1], 64, (double)st->min_cell);
		ae_doc_putf(d, "Rows of metrics.csv suppressed because they count fewer than %s vehicles or people (or are "
			"made from such a count): %s.", c[1], c[0]);
	} else {
		ae_doc_put(d, "Small counts are not suppressed in this study (min_cell = 0).");
	}
	ae_doc_item_end(d);
	ae_doc_list_end(d);
	ae_doc_section_close(d);
}

/* ---- (6) provenance ---- */

static void param(ae_doc *d, const char *name, const char *val)
{
	ae_doc_row_open(d);
	ae_doc_cell(d);
	ae_doc_code(d, name);
	ae_doc_cell_end(d);
	ae_doc_cell_text(d, val);
	ae_doc_row_end(d);
}

static void provenance(brief *b)
{
	ae_doc *d = &b->d;
	const ae_study *st = b->st;
	const ae_accounting *acc = &b->h->acc;
	char v[96];
	ae_doc_section_open(d, "provenance", "Provenance");
	ae_doc_list(d);
	ae_doc_item(d);
	ae_doc_put(d, "Tool: alpr-eval " AE_VERSION ".");
	ae_doc_item_end(d);
	ae_doc_item(d);
	if (b->ch && b->ch->n) {
		ae_doc_put(d, "Charts drawn with: ");
		ae_doc_put(d, b->ch->gnuplot_version[0] ? b->ch->gnuplot_version : "gnuplot (version not known)");
		ae_doc_put(d, ".");
	} else {
		ae_doc_put(d, "No charts were drawn.");
	}
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Study file: ");
	ae_doc_code(d, st->file ? st->file : "");
	if (acc->study.present) {   /* hashed as it was loaded, not read again now */
		ae_doc_put(d, ", SHA-256 ");
		ae_doc_code(d, acc->study.sha256);
	} else {
		ae_doc_put(d, " (its SHA-256 was not recorded)");
	}
	ae_doc_put(d, ".");
	ae_doc_item_end(d);
	ae_doc_list_end(d);

	static const char *const heads[] = {"Input", "Path", "Bytes", "SHA-256"};
	ae_doc_table_open(d, "llrl", heads);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &acc->tables[t];
		if (!tc->present)
			continue;
		ae_doc_row_open(d);
		ae_doc_cell_text(d, ae_tables[t].name);
		ae_doc_cell(d);
		ae_doc_code(d, st->input[t].path_given ? st->input[t].path_given : "");
		ae_doc_cell_end(d);
		ae_num_count(v, sizeof v, (double)tc->bytes);
		ae_doc_cell_text(d, v);
		ae_doc_cell(d);
		ae_doc_code(d, tc->sha256);
		ae_doc_cell_end(d);
		ae_doc_row_end(d);
	}
	if (st->boundaries_given) {
		ae_doc_row_open(d);
		ae_doc_cell_text(d, "boundaries");
		ae_doc_cell(d);
		ae_doc_code(d, st->boundaries_given);
		ae_doc_cell_end(d);
		if (acc->boundaries.present) {
			ae_num_count(v, sizeof v, (double)acc->boundaries.bytes);
			ae_doc_cell_text(d, v);
			ae_doc_cell(d);
			ae_doc_code(d, acc->boundaries.sha256);
			ae_doc_cell_end(d);
		} else {
			ae_doc_cell_text(d, EM_DASH);
			ae_doc_cell_text(d, "not recorded");
		}
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);

	ae_doc_h3(d, "Study parameters");
	static const char *const pheads[] = {"Parameter", "Value"};
	ae_doc_table_open(d, "ll", pheads);
	param(d, "title", st->title ? st->title : "");
	param(d, "start", st->start_s ? st->start_s : "");
	param(d, "end", st->end_s ? st->end_s : "");
	param(d, "timezone", st->timezone ? st->timezone : "");
	snprintf(v, sizeof v, "%llu", st->seed);
	param(d, "seed", v);
	ae_num_plain(v, sizeof v, st->confidence);
	param(d, "confidence", v);
	param(d, "ci_method", ae_ci_method_name(st->ci_method));
	ae_buf fp;
	ae_buf_init(&fp);
	for (int k = 0; k < DP_COUNT; k++)
		if ((st->fp_mask >> k) & 1)
			ae_buf_printf(&fp, "%s%s", fp.len ? ", " : "", ae_disposition_names[k]);
	param(d, "false_positive", fp.data ? fp.data : "(none)");
	ae_buf_release(&fp);
	snprintf(v, sizeof v, "%ld", st->min_cell);
	param(d, "min_cell", v);
	ae_num_plain(v, sizeof v, st->max_reject_share);
	param(d, "max_reject_share", v);
	ae_num_plain(v, sizeof v, st->small_population);
	param(d, "small_population", v);
	snprintf(v, sizeof v, "%ld", st->tracked_cameras);
	param(d, "tracked_cameras", v);
	snprintf(v, sizeof v, "%ld", st->bootstrap_replicates);
	param(d, "bootstrap_replicates", v);
	if (st->has_cost) {
		ae_num_plain(v, sizeof v, st->cost);
		param(d, "cost", v);
	}
	param(d, "plate key", st->plate_key_file ? "key file" : "derived from seed");
	ae_doc_table_close(d);
	ae_doc_section_close(d);
}

/* ---- the page around the sections ---- */

static const char css[] =
	":root{--ink:#1b1b1b;--muted:#4d4d4d;--rule:#c8c8c8;--accent:#0072b2;--warn:#d55e00;--shade:#f2f2f2}\n"
	"html{font-size:100%}\n"
	"body{margin:0 auto;max-width:46rem;padding:1.5rem 1.25rem 4rem;color:var(--ink);background:#fff;"
	"font-family:\"Source Serif Pro\",Georgia,\"Times New Roman\",serif;font-size:1.0625rem;line-height:1.55}\n"
	"h1,h2,h3,th,nav,.kicker,figcaption,table{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Helvetica Neue\",Arial,sans-serif}\n"
	"h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .6rem}\n"
	"h2{font-size:1.4rem;margin:2.5rem 0 .8rem;padding-top:.6rem;border-top:3px solid var(--accent)}\n"
	"h3{font-size:1.1rem;margin:1.8rem 0 .5rem}\n"
	".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;color:var(--muted);margin:0}\n"
	"nav ol{padding-left:1.2rem;columns:2}\n"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}\n"
	"th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--rule)}\n"
	"th{border-bottom:2px solid var(--ink)}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"code{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.85em;"
	"overflow-wrap:anywhere}\n"
	"code.cite{color:var(--muted);font-size:.75em;white-space:normal}\n"
	".fig{font-weight:600}\n"
	".flag{border-left:6px solid var(--warn);background:var(--shade);padding:.4rem .7rem;font-weight:700;"
	"font-family:system-ui,sans-serif}\n"
	"figure{margin:1.5rem 0}\n"
	"figure svg{display:block;max-width:100%;height:auto}\n"
	"figcaption{color:var(--muted);font-size:.9rem;margin-top:.4rem}\n"
	"@page{margin:15mm 16mm}\n"
	"@media print{\n"
	" body{max-width:none;padding:0;font-size:10pt;line-height:1.4;color:#000;background:none}\n"
	" h1{font-size:18pt} h2{margin-top:0}\n"
	" p{margin:.45em 0}\n"
	" nav{display:none}\n"
	" section.major{break-before:page;page-break-before:always}\n"
	" #summary{break-before:auto;page-break-before:auto}\n"
	" h2,h3{break-after:avoid;page-break-after:avoid}\n"
	" figure,tr,.flag,.area{break-inside:avoid;page-break-inside:avoid}\n"
	" .flag{background:none}\n"
	" code.cite{color:#333;font-size:.7em}\n"
	"}\n";

static void page_head(brief *b)
{
	ae_doc *d = &b->d;
	const ae_study *st = b->st;
	const char *title = st->title ? st->title : "ALPR study";
	ae_doc_raw(d, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", NULL);
	ae_html_text(&d->html, title);
	ae_doc_raw(d, " " EM_DASH " briefing</title>\n<style>\n", NULL);
	ae_doc_raw(d, css, NULL);
	ae_doc_raw(d, "</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">ALPR programme briefing</p>\n<h1>", "# ");
	ae_doc_put(d, title);
	ae_doc_raw(d, "</h1>\n", "\n\n");
	ae_doc_para(d);
	ae_doc_putf(d, "Study period %s to %s, local dates in %s. Intervals are %s %% intervals. Every figure is a row "
		"of metrics.csv in this folder, and the citation after it gives the line.",
	     st->start_s ? st->start_s : "", st->end_s ? st->end_s : "", st->timezone ? st->timezone : "",
	     b->conf);
	ae_doc_para_end(d);
	ae_doc_raw(d, "</header>\n<nav>\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n"
	       "<li><a href=\"#areas\">Areas</a></li>\n<li><a href=\"#charts\">Charts</a></li>\n"
	       "<li><a href=\"#methods\">Methods</a></li>\n<li><a href=\"#quality\">Data quality</a></li>\n"
	       "<li><a href=\"#provenance\">Provenance</a></li>\n</ol>\n</nav>\n", NULL);
}

int ae_briefing_write(const ae_handover *h, const ae_chartset *charts, ae_outdir *od, ae_error *err)
{
	const ae_study *st = h->st;
	if (st->input[TB_HOODS].present && !h->areas)
		return ae_fail(err, AE_EUSAGE, "briefing: the handover has a neighbourhoods table but no areas");
	brief b;
	memset(&b, 0, sizeof b);
	b.h = h;
	b.st = st;
	b.t = h->t;
	b.ar = h->areas;
	b.ch = charts;
	b.dir = ae_outdir_path(od);
	b.hits = st->input[TB_HITS].present;
	b.outcomes = st->input[TB_OUTCOMES].present;
	b.hoods = st->input[TB_HOODS].present;
	ae_doc_init(&b.d);
	ae_num_plain(b.conf, sizeof b.conf, st->confidence * 100);
	index_rows(&b);
	b.listed = ae_strtab_new();
	for (uint32_t n = 0; b.ar && n < b.ar->n; n++)
		ae_strtab_intern(b.listed, b.ar->name[n], strlen(b.ar->name[n]), NULL);

	page_head(&b);
	summary(&b);
	areas(&b);
	int rc = charts_section(&b, err);
	if (!rc) {
		methods(&b);
		quality(&b);
		provenance(&b);
		ae_doc_raw(&b.d, "</body>\n</html>\n", NULL);
		rc = ae_outdir_write(od, "report.html", b.d.html.data, b.d.html.len, err);
	}
	if (!rc)
		rc = ae_outdir_write(od, "report.md", b.d.md.data, b.d.md.len, err);
	ae_doc_release(&b.d);
	ae_strtab_free(b.keys);
	ae_strtab_free(b.listed);
	free(b.rowof);
	return rc;
}
