/* governance_charts.c — see governance_charts.h. The audit log and the
 * sharing list are whole records: every figure here is an exact count or
 * share (method none), drawn as plain bars with the number written on each.
 * A suppressed row is not drawn as zero: its bar is left out, its label says
 * so and so does the caption. gnuplot reports an empty range or a plot of
 * no valid point on stderr, which fails the chart: a chart with nothing to
 * show is said not drawn instead, and no plot element is left without a
 * point. */
#include "governance_charts.h"
#include "chartkit.h"
#include "gov_classify.h"
#include "labels.h"
#include "numfmt.h"
#include "schema.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One bar: its tick label, height (NAN: not drawn), the text above it, and
 * whether it is the highlighted one (the retention policy). */
typedef struct bar {
	char label[160];
	double y;
	char text[160];
	int hi;
} bar;

typedef struct bars {
	const char *name, *title, *ylabel, *dat_head;
	double ymax;          /* the top of a fixed scale (100 for per cent); NAN: from the bars */
	const char *lo_title; /* key titles when a bar is highlighted */
	const char *hi_title;
	const char *note; /* a label at the top right, or NULL */
	int w, h;
} bars;

static int is_suppressed(const ae_row *r) { return strcmp(r->method, "suppressed") == 0; }

/* Draws bars b[0..n) (at least one with a height: the caller checks). */
static int draw_bars(ae_chartctx *c, const bars *o, const bar *b, size_t n, const char *caption)
{
	FILE *f = ae_chart_dat_open(c, o->name, "");
	if (!f)
		return AE_EIO;
	fprintf(f, "# %s\n# label value text highlighted (value NaN: not drawn)\n", o->dat_head);
	size_t nlo = 0, nhi = 0;
	double top = 0;
	for (size_t i = 0; i < n; i++) {
		ae_chart_label(f, b[i].label);
		if (isnan(b[i].y))
			fputs(" NaN ", f);
		else
			fprintf(f, " %.10g ", b[i].y);
		ae_chart_label(f, b[i].text);
		fprintf(f, " %d\n", b[i].hi);
		if (!isnan(b[i].y)) {
			nlo += !b[i].hi;
			nhi += b[i].hi != 0;
			top = b[i].y > top ? b[i].y : top;
		}
	}
	if (ae_chart_dat_close(c, f, o->name))
		return AE_EIO;
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, o->name, o->title, o->w, o->h);
	ae_buf_puts(&s, "set ylabel ");
	ae_chart_quote(&s, o->ylabel);
	/* the texts over the bars side by side would run into each other (a
	 * character about 0.6 of the font wide, the bars over about 85 % of the
	 * width): then they stand upright, and need more room above the tallest */
	size_t longest_text = 0;
	for (size_t i = 0; i < n; i++)
		longest_text = strlen(b[i].text) > longest_text ? strlen(b[i].text) : longest_text;
	int upright = (double)(longest_text + 1) * 0.6 * ae_chart_font(o->w) * (double)n > 0.85 * o->w;
	/* room above the tallest bar for its number; a scale of zeros is given a top */
	double ytop = !isnan(o->ymax) ? o->ymax * 1.1 : top > 0 ? top * (upright ? 1.5 : 1.18) : 1;
	ae_buf_printf(&s, "\nset yrange [0:%.10g]\nset xrange [-0.6:%zu.6]\n", ytop, n - 1);
	if (!isnan(o->ymax))
		ae_buf_printf(&s, "set ytics 0, %.10g, %.10g\n", o->ymax / 5, o->ymax);
	/* labels side by side need about 0.6 of the font's size a character */
	size_t chars = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		chars += strlen(b[i].label) + 2;
		longest = strlen(b[i].label) > longest ? strlen(b[i].label) : longest;
	}
	if (n > 6 || chars * (size_t)ae_chart_font(o->w) * 6 / 10 > (size_t)o->w * 4 / 5)
		ae_buf_printf(&s, "set xtics rotate by 30 right\nset bmargin %d\n", 2 + (int)(longest / 3));
	ae_buf_puts(&s, "set style fill solid 0.85 border -1\nset boxwidth 0.6\n");
	if (o->note) {
		ae_buf_puts(&s, "set label 1 ");
		ae_chart_quote(&s, o->note);
		ae_buf_puts(&s, " at graph 0.98, graph 0.96 right\n");
	}
	if (nhi)
		ae_buf_puts(&s, "set key at graph 0.98, graph 0.88 right top\n");
	/* ticks for every bar, a held-back one too; no element without a valid point (it would warn) */
	ae_buf_puts(&s, "set xtics (");
	for (size_t i = 0; i < n; i++) {
		ae_buf_puts(&s, i ? ", " : "");
		ae_chart_quote(&s, b[i].label);
		ae_buf_printf(&s, " %zu", i);
	}
	ae_buf_puts(&s, ")\n");
	ae_buf_printf(&s, "plot 'chart-%s.dat' ", o->name);
	if (nlo) {
		ae_buf_printf(&s, "using 0:($4 > 0 ? NaN : $2) with boxes lc rgb '%s'", AE_BLUE);
		if (nhi) {
			ae_buf_puts(&s, " title ");
			ae_chart_quote(&s, o->lo_title);
			ae_buf_puts(&s, ", \\\n     '' ");
		}
	}
	if (nhi) {
		ae_buf_printf(&s, "using 0:($4 > 0 ? $2 : NaN) with boxes lc rgb '%s' title ", AE_VERMILLION);
		ae_chart_quote(&s, o->hi_title);
	}
	ae_buf_puts(&s, upright ? ", \\\n     '' using 0:2:3 with labels rotate by 90 left offset 0,0.5 notitle\n"
				: ", \\\n     '' using 0:2:3 with labels offset 0,0.8 notitle\n");
	return ae_chart_finish(c, &s, o->name, o->title, caption, o->w, o->h);
}

/* The caption's word on rows held back for small counts. */
static void note_held_back(ae_buf *cap, const ae_buf *which, long min_cell)
{
	if (!which->len)
		return;
	ae_buf_printf(cap, " Not drawn, held back as small counts (min_cell %ld): %s.", min_cell, which->data);
}

static void list_add(ae_buf *b, const char *s)
{
	if (b->len)
		ae_buf_puts(b, ", ");
	ae_buf_puts(b, s);
}

/* ---------------- how far back searches reached ---------------- */
static int chart_lookback(ae_chartctx *c)
{
	const char *name = "search-lookback";
	const ae_study *st = c->h->st;
	const ae_table *t = c->h->t;
	bar *b = ae_calloc(t->n ? t->n : 1, sizeof *b);
	size_t n = 0, drawn = 0, rows = 0;
	double den = NAN;
	ae_buf held;
	ae_buf_init(&held);
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		if (strcmp(r->metric, AE_M(searches_lookback_over)) || strcmp(r->dimension, "days"))
			continue;
		rows++;
		int sup = is_suppressed(r);
		if (!sup && isnan(r->est))
			continue; /* no search with a window: no share */
		errno = 0;
		long d = strtol(r->group, NULL, 10);
		bar *x = &b[n++];
		x->hi = st->retention_days > 0 && d == st->retention_days;
		if (x->hi)
			snprintf(x->label, sizeof x->label, "policy (%ld days)", d);
		else
			snprintf(x->label, sizeof x->label, "%s day%s", r->group, d == 1 ? "" : "s");
		if (sup) {
			x->y = NAN;
			strncat(x->label, " (held back)", sizeof x->label - strlen(x->label) - 1);
			list_add(&held, x->label);
			continue;
		}
		x->y = r->est * 100;
		char cnt[64];
		ae_num_count(cnt, sizeof cnt, r->num);
		snprintf(x->text, sizeof x->text, "%.1f%% (%s)", x->y, cnt);
		den = r->den;
		drawn++;
	}
	if (!drawn) {
		free(b);
		ae_buf_release(&held);
		ae_chart_missing(c, name,
				 rows ? "no search in the log records the period it asked for (no window column, or "
					"every window empty)"
				      : "no searches_lookback_over rows in metrics.csv");
		return AE_OK;
	}
	/* the lookback's quantiles, written at the top */
	char note[256] = "", q[3][64];
	static const char *const qn[3] = {"p50", "p90", "max"};
	int have_q = 1;
	for (int k = 0; k < 3; k++) {
		const ae_row *r = ae_chart_find(c, AE_M(search_lookback_days), "quantile", qn[k], "none");
		if (!r || isnan(r->est))
			have_q = 0;
		else
			ae_num_fixed(q[k], sizeof q[k], r->est, 1, 1);
	}
	if (have_q)
		snprintf(note, sizeof note, "lookback in days: median %s, 90th percentile %s, longest %s", q[0], q[1],
			 q[2]);
	char dens[64], pol[64];
	ae_num_count(dens, sizeof dens, den);
	snprintf(pol, sizeof pol, "policy (%ld days)", st->retention_days);
	ae_buf cap;
	ae_buf_init(&cap);
	ae_buf_printf(&cap,
		      "Each bar is the share (and number) of the %s searches that record the period they asked for "
		      "whose period reached back more than that many days: the searches a retention policy of that "
		      "length would have cut off.",
		      dens);
	if (st->retention_days > 0)
		ae_buf_printf(&cap, " The agency's own policy, %ld days, is the highlighted bar.", st->retention_days);
	else
		ae_buf_puts(&cap, " The study gives no retention policy (retention_days), so no bar is the policy.");
	note_held_back(&cap, &held, st->min_cell);
	bars o = {name,
		  "How far back searches reached, against retention lengths",
		  "per cent of searches with a window",
		  "searches_lookback_over by days from metrics.csv (value: per cent; text: per cent and number)",
		  100,
		  "other retention lengths",
		  pol,
		  have_q ? note : NULL,
		  900,
		  520};
	int rc = draw_bars(c, &o, b, n, cap.data);
	free(b);
	ae_buf_release(&held);
	ae_buf_release(&cap);
	return rc;
}

/* ---------------- counts or shares by a dimension ---------------- */
/* Plain words for a group of a dimension; the group itself when unknown. */
/* Bars of metric by dim: a share (per cent, with its numerator) when share
 * is set, else a count with its share of total (when total > 0). Not drawn
 * when nothing has a height, or every height is zero. */
static int chart_by(ae_chartctx *c, const char *name, const char *metric, const char *dim, int share, double total,
		    const char *title, const char *ylabel, const char *caption, const char *empty)
{
	char lb[128];
	const ae_study *st = c->h->st;
	const ae_table *t = c->h->t;
	bar *b = ae_calloc(t->n ? t->n : 1, sizeof *b);
	size_t n = 0;
	double top = 0;
	ae_buf held;
	ae_buf_init(&held);
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		if (strcmp(r->metric, metric) || strcmp(r->dimension, dim))
			continue;
		bar *x = &b[n++];
		snprintf(x->label, sizeof x->label, "%s", ae_label_plain(dim, r->group, lb, sizeof lb));
		if (is_suppressed(r) || isnan(r->est)) {
			x->y = NAN;
			strncat(x->label, is_suppressed(r) ? " (held back)" : " (none)",
				sizeof x->label - strlen(x->label) - 1);
			if (is_suppressed(r))
				list_add(&held, ae_label_plain(dim, r->group, lb, sizeof lb));
			continue;
		}
		char cnt[64];
		if (share) {
			x->y = r->est * 100;
			ae_num_count(cnt, sizeof cnt, r->num);
			snprintf(x->text, sizeof x->text, "%.1f%% (%s)", x->y, cnt);
		} else {
			x->y = r->est;
			ae_num_count(cnt, sizeof cnt, r->est);
			if (total > 0)
				snprintf(x->text, sizeof x->text, "%s (%.1f%%)", cnt, 100 * r->est / total);
			else
				snprintf(x->text, sizeof x->text, "%s", cnt);
		}
		top = x->y > top ? x->y : top;
	}
	if (!(top > 0)) {
		free(b);
		ae_buf_release(&held);
		ae_chart_missing(c, name, empty);
		return AE_OK;
	}
	ae_buf cap, head;
	ae_buf_init(&cap);
	ae_buf_init(&head);
	ae_buf_puts(&cap, caption);
	note_held_back(&cap, &held, st->min_cell);
	ae_buf_printf(&head, "%s by %s from metrics.csv (value: %s)", metric, dim,
		      share ? "per cent; text: per cent and number" : "count; text: count and per cent of all");
	bars o = {name, title, ylabel, head.data, share ? 100 : NAN, "", "", NULL, 900, 520};
	int rc = draw_bars(c, &o, b, n, cap.data);
	free(b);
	ae_buf_release(&held);
	ae_buf_release(&cap);
	ae_buf_release(&head);
	return rc;
}

int ae_governance_charts(ae_chartctx *c)
{
	const ae_row *all = ae_chart_find(c, AE_M(searches), "all", "all", NULL);
	double total = all && !is_suppressed(all) ? all->est : NAN;
	int rc = chart_lookback(c);
	if (!rc)
		rc = chart_by(c, "search-reasons", AE_M(search_reason_share), "reason_class", 1, NAN,
			      "Why searches were run: the stated reason", "per cent of searches",
			      "The share (and number) of searches by the kind of reason the searcher typed. Only a "
			      "substantive reason, or a case number, lets a reviewer check a search afterwards.",
			      "no searches in the period");
	if (!rc)
		rc = chart_by(c, "searches-month", AE_M(searches), "month", 0, total, "Searches by month",
			      "searches per month",
			      "Searches of the stored reads in each month of the study period (local time), with each "
			      "month's share of all searches.",
			      "no searches in the period");
	if (!rc)
		rc = chart_by(c, "searches-organization", AE_M(searches), "organization_class", 0, total,
			      "Who searched: searches by the searcher's organization", "searches",
			      "Searches by the kind of organization the searching user belongs to, with each kind's share "
			      "of all searches. Federal and out-of-state searchers reach this agency's reads through "
			      "sharing.",
			      "no searches in the period");
	return rc;
}

/* ---------------- sharing: recipients and senders by class ---------------- */
/* Whether a sharing-list entry is an active outbound recipient of
 * detections that is an immigration agency (imm) or another federal one. */
static int fed_recipient(const ae_shareorg *o, int imm)
{
	return o->kind == SK_DETECTIONS && o->outbound && !o->inactive &&
	       (imm ? o->immigration : o->cls == ORG_FEDERAL && !o->immigration);
}

/* The outbound active immigration, then other federal, recipients of
 * detections, each in file order and once, "; "-separated, immigration
 * ones marked; returns how many. */
static size_t federal_names(const ae_sharelist *l, ae_buf *out)
{
	size_t k = 0;
	for (int imm = 1; imm >= 0; imm--)
		for (size_t i = 0; l && i < l->n; i++) {
			const ae_shareorg *o = &l->org[i];
			if (!fed_recipient(o, imm))
				continue;
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++)
				seen = fed_recipient(&l->org[j], imm) && strcmp(l->org[j].name, o->name) == 0;
			if (seen)
				continue;
			ae_buf_puts(out, k ? "; " : "");
			ae_buf_puts(out, o->name);
			ae_buf_puts(out, imm ? " (immigration)" : "");
			k++;
		}
	return k;
}

int ae_sharing_charts(ae_chartctx *c)
{
	char lb[128];
	const char *name = "sharing-recipients";
	const ae_study *st = c->h->st;
	static const char *const cls[] = {"federal", "immigration", "in_state", "out_of_state", "private", "unknown"};
	enum { NC = sizeof cls / sizeof cls[0] };
	double v[2][NC];
	int held[2][NC] = {{0}};
	double top = 0;
	size_t have = 0;
	for (int d = 0; d < 2; d++)
		for (int k = 0; k < NC; k++) {
			char g[64];
			snprintf(g, sizeof g, "%s:%s", d ? "inbound" : "outbound", cls[k]);
			const ae_row *r = ae_chart_find(c, AE_M(sharing_organizations), "direction_class", g, NULL);
			v[d][k] = r && !is_suppressed(r) ? r->est : NAN;
			held[d][k] = r && is_suppressed(r);
			have += r != NULL;
			if (!isnan(v[d][k]) && v[d][k] > top)
				top = v[d][k];
		}
	if (!have) {
		ae_chart_missing(c, name, "no sharing_organizations rows by direction_class in metrics.csv");
		return AE_OK;
	}
	if (!(top > 0)) {
		ae_chart_missing(c, name, "no active organization receives or sends detections in the sharing table");
		return AE_OK;
	}
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f)
		return AE_EIO;
	fputs("# sharing_organizations by direction_class from metrics.csv (active organizations; immigration "
	      "agencies are also counted in their class)\n# class outbound inbound (NaN: held back or absent)\n",
	      f);
	for (int k = 0; k < NC; k++) {
		ae_chart_label(f, ae_label_plain("direction_class", cls[k], lb, sizeof lb));
		for (int d = 0; d < 2; d++) {
			if (isnan(v[d][k]))
				fputs(" NaN", f);
			else
				fprintf(f, " %.0f", v[d][k]);
		}
		fputc('\n', f);
	}
	if (ae_chart_dat_close(c, f, name))
		return AE_EIO;
	ae_buf names;
	ae_buf_init(&names);
	size_t nfed = federal_names(c->h->sharing, &names);
	ae_buf s;
	ae_buf_init(&s);
	const char *title = "Who receives this agency's detections, and who sends theirs";
	ae_chart_begin(c, &s, name, title, 900, 600);
	/* the bars stay under the names' lines at the top left (about 5.5 % of the height each);
	 * the key above the plot, clear of them */
	size_t lines = nfed ? 2 + (nfed < 8 ? nfed : 8) : 1;
	double frac = 0.92 - 0.055 * (double)lines;
	ae_buf_printf(&s,
		      "set ylabel 'organizations'\nset yrange [0:%.10g]\nset xrange [-0.6:%d.6]\n"
		      "set style fill solid 0.85 border -1\nset boxwidth 0.36\nset key tmargin right vertical "
		      "samplen 1.5\nset xtics rotate by 20 right\nset bmargin 6\n",
		      top / (frac < 0.4 ? 0.4 : frac) + 0.5, NC - 1);
	if (top < 10)
		ae_buf_puts(&s, "set ytics 1\n");
	/* the names at the top left: a list longer than a few lines is in the caption and sharing.csv */
	ae_buf lab;
	ae_buf_init(&lab);
	if (nfed) {
		ae_buf_puts(&lab, "Federal and immigration recipients:");
		size_t shown = 0;
		for (const char *p = names.data; p && *p && shown < 8; shown++) {
			const char *e = strstr(p, "; ");
			size_t len = e ? (size_t)(e - p) : strlen(p);
			ae_buf_printf(&lab, "\n%.*s%s", (int)(len > 64 ? 61 : len), p, len > 64 ? "..." : "");
			p = e ? e + 2 : p + len;
		}
		if (nfed > shown)
			ae_buf_printf(&lab, "\nand %zu more (caption, sharing.csv)", nfed - shown);
	} else {
		ae_buf_puts(&lab, "No active federal or immigration recipient");
	}
	ae_buf_puts(&s, "set label 1 ");
	ae_chart_quote(&s, lab.data);
	ae_buf_puts(&s, " at graph 0.02, graph 0.97 left front\n");
	ae_buf_release(&lab);
	int nout = 0, nin = 0;
	for (int k = 0; k < NC; k++) {
		nout += !isnan(v[0][k]);
		nin += !isnan(v[1][k]);
	}
	/* the ticks between each pair of bars; no element without a valid point (it would warn) */
	ae_buf_puts(&s, "set xtics (");
	for (int k = 0; k < NC; k++) {
		ae_buf_puts(&s, k ? ", " : "");
		ae_chart_quote(&s, ae_label_plain("direction_class", cls[k], lb, sizeof lb));
		ae_buf_printf(&s, " %d", k);
	}
	ae_buf_puts(&s, ")\n");
	ae_buf_printf(&s, "plot 'chart-%s.dat' ", name);
	if (nout)
		ae_buf_printf(&s, "using ($0 - 0.19):2 with boxes lc rgb '%s' title 'receive ours (outbound)'%s",
			      AE_BLUE, nin ? ", \\\n     '' " : "");
	if (nin)
		ae_buf_printf(&s, "using ($0 + 0.19):3 with boxes lc rgb '%s' title 'send us theirs (inbound)'",
			      AE_ORANGE);
	if (nout)
		ae_buf_puts(&s, ", \\\n     '' using ($0 - 0.19):2:(sprintf('%.0f', $2)) with labels offset 0,0.7 "
				"notitle");
	if (nin)
		ae_buf_puts(&s, ", \\\n     '' using ($0 + 0.19):3:(sprintf('%.0f', $3)) with labels offset 0,0.7 "
				"notitle");
	ae_buf_addc(&s, '\n');
	ae_buf cap;
	ae_buf_init(&cap);
	ae_buf_puts(&cap, "Active organizations that receive this agency's detections (outbound) and that send it "
			  "theirs (inbound), by kind; immigration agencies are also counted among federal ones. ");
	if (nfed)
		ae_buf_printf(&cap, "Federal and immigration recipients: %s.", names.data);
	else
		ae_buf_puts(&cap, "No active federal or immigration agency receives its detections.");
	ae_buf heldl;
	ae_buf_init(&heldl);
	for (int d = 0; d < 2; d++)
		for (int k = 0; k < NC; k++)
			if (held[d][k]) {
				char g[96];
				snprintf(g, sizeof g, "%s %s", d ? "inbound" : "outbound",
					 ae_label_plain("direction_class", cls[k], lb, sizeof lb));
				list_add(&heldl, g);
			}
	note_held_back(&cap, &heldl, st->min_cell);
	int rc = ae_chart_finish(c, &s, name, title, cap.data, 900, 600);
	ae_buf_release(&heldl);
	ae_buf_release(&cap);
	ae_buf_release(&names);
	return rc;
}
