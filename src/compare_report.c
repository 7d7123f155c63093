/* compare_report.c — see compare_report.h. Two forest plots drawn by
 * gnuplot (script and data kept beside each SVG, as every chart of the
 * report folder), then one short page in HTML and Markdown (doc.h): the
 * periods, the main changes in plain words, the charts, a table of the
 * changes with an interval, and the method. Only the changes table is
 * read: no plate, user or search term can reach it. */
#include "compare_report.h"
#include "brief.h"
#include "chartkit.h"
#include "doc.h"
#include "labels.h"
#include "plot.h"
#include "svgclean.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usable(const ae_change *c) { return isfinite(c->change) && strcmp(c->method, "suppressed") != 0; }

/* The hit rate's clustered rows of the dimensions a reader compares (not
 * the many cameras and months: changes.csv has them). */
static int rate_row(const ae_change *c)
{
	return strcmp(c->metric, "hit_rate") == 0 && strcmp(c->row_method, "cluster_plate") == 0 &&
	       (strcmp(c->dimension, "all") == 0 || strcmp(c->dimension, "hotlist") == 0 ||
		strcmp(c->dimension, "neighborhood") == 0) &&
	       isfinite(c->a) && isfinite(c->b);
}

/* The shares' paired changes at all (and each disposition), in points. */
static int change_row(const ae_change *c)
{
	return strcmp(c->method, "cluster_plate_mover") == 0 && strcmp(c->metric, "confirmed_per_million_reads") != 0 &&
	       (strcmp(c->dimension, "all") == 0 || strcmp(c->dimension, "disposition") == 0);
}

static void label_of(const ae_change *c, char *buf, size_t n)
{
	if (strcmp(c->dimension, "all") == 0)
		snprintf(buf, n, "%s: all", c->metric);
	else
		snprintf(buf, n, "%s: %s", strcmp(c->metric, "hit_rate") ? c->metric : c->dimension, c->group);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
}

static void head(ae_buf *s, const char *name, const char *title, const ae_changes *ch, int w, int h)
{
	ae_buf_printf(s, "# %s: %s\n# Re-run in this folder with: gnuplot chart-%s.gp\n", name, title, name);
	ae_buf_printf(s, "set terminal svg size %d,%d fixed noenhanced font 'DejaVu Sans,%d' background rgb 'white'\n",
		      w, h, ae_chart_font(w));
	ae_buf_printf(s, "set output 'chart-%s.svg'\nset title ", name);
	char t[1024];
	snprintf(t, sizeof t, "%s\n%s (%s to %s) and %s (%s to %s)", title, ch->st[0]->title, ch->st[0]->start_s,
		 ch->st[0]->end_s, ch->st[1]->title, ch->st[1]->start_s, ch->st[1]->end_s);
	ae_chart_quote(s, t);
	ae_buf_puts(s, "\nset border 3\nset tics nomirror\nset grid xtics lc rgb '#dddddd'\n");
}

static double nz(double v) { return isfinite(v) ? v : 0; }

/* One chart: its data file written, its script run. which: 0 rates, 1 changes. */
static int chart(const ae_changes *ch, ae_outdir *od, const char *gnuplot, int which, ae_error *err)
{
	const char *name = which ? "changes" : "rates";
	char file[64];
	snprintf(file, sizeof file, "chart-%s.dat", name);
	FILE *f = ae_outdir_open(od, file, err);
	if (!f)
		return AE_EIO;
	int k = 0;
	char label[256];
	double top = 0; /* the highest estimate: a rate's axis stops at three times it */
	for (size_t i = 0; i < ch->n; i++) {
		const ae_change *c = &ch->v[i];
		if (which ? !change_row(c) : !rate_row(c))
			continue;
		top = fmax(top, fmax(nz(c->a), nz(c->b)));
		label_of(c, label, sizeof label);
		fprintf(f, "%d ", k++);
		ae_chart_label(f, label);
		if (which)
			fprintf(f, " %.10g %.10g %.10g\n", 100 * c->change, 100 * c->lo, 100 * c->hi);
		else
			fprintf(f, " %.10g %.10g %.10g %.10g %.10g %.10g\n", 100 * c->a, 100 * nz(c->a_lo),
				100 * nz(c->a_hi), 100 * c->b, 100 * nz(c->b_lo), 100 * nz(c->b_hi));
	}
	if (!k)
		fputs("0 \"none\" NaN NaN NaN NaN NaN NaN\n", f);
	int rc = ae_outdir_close(od, f, file, err);
	if (rc)
		return rc;
	int w = 1000, h = 160 + 34 * (k ? k : 1);
	ae_buf s;
	ae_buf_init(&s);
	char title[128];
	snprintf(title, sizeof title, "The changes, B minus A, with %g %% intervals (percentage points)",
		 100 * ch->confidence);
	head(&s, name, which ? title : "Alerts per 100 reads, A and B, with clustered intervals", ch, w, h);
	ae_buf_printf(&s, "set yrange [%d.5:-0.5]\nset ytics scale 0\nset lmargin 30\n", k ? k - 1 : 0);
	if (which) {
		ae_buf_printf(&s, "set xlabel 'percentage points'\nset key off\nset arrow from 0, graph 0 to 0, graph 1 "
				  "nohead dt 2 lc rgb '#555555'\n");
		ae_buf_printf(&s, "plot 'chart-%s.dat' using 3:1:4:5:ytic(2) with xerrorbars pt 7 lc rgb '%s'\n", name,
			      AE_BLUE);
	} else {
		/* a rate resting on a few vehicles has limits near 0 and 1: its bar is cut at the edge */
		ae_buf_printf(&s, "set xlabel 'alerts per 100 reads (bars cut at three times the highest rate)'\n"
				  "set key top right\n");
		if (top > 0)
			ae_buf_printf(&s, "set xrange [0:%.10g]\n", 300 * top);
		ae_buf_printf(&s,
			      "plot 'chart-%s.dat' using 3:($1-0.15):4:5:ytic(2) with xerrorbars pt 7 lc rgb '%s' "
			      "title 'A', '' using 6:($1+0.15):7:8 with xerrorbars pt 5 lc rgb '%s' title 'B'\n",
			      name, AE_ORANGE, AE_BLUE);
	}
	rc = ae_plot_run(od, gnuplot, name, s.data, err);
	ae_buf_release(&s);
	return rc;
}

static const ae_change *find(const ae_changes *ch, const char *m, const char *d, const char *g, const char *rm)
{
	for (size_t i = 0; i < ch->n; i++) {
		const ae_change *c = &ch->v[i];
		if (strcmp(c->metric, m) == 0 && strcmp(c->dimension, d) == 0 && strcmp(c->group, g) == 0 &&
		    strcmp(c->row_method, rm) == 0)
			return c;
	}
	return NULL;
}

/* A value in its unit: pct 1 a share in percent, 2 a change of shares in
 * percentage points, 3 the same without the unit (a range's first end), 0
 * as it is (a rate per million). */
static void fig(char *out, size_t n, double v, int pct)
{
	char s[48];
	brief_sig2(s, sizeof s, fabs(pct ? 100 * v : v));
	snprintf(out, n, "%s%s%s", v < 0 ? "minus " : "", s, pct == 1 ? " %" : pct == 2 ? " percentage points" : "");
}

/* One plain sentence on a change: from, to, by, the range in words, and
 * whether the range holds no change. */
static void sentence(ae_doc *d, const ae_change *c, const char *what, int pct)
{
	if (!c || !usable(c))
		return;
	char a[80], b[80], by[80], lo[80], hi[80];
	fig(a, sizeof a, c->a, pct);
	fig(b, sizeof b, c->b, pct);
	fig(by, sizeof by, c->change, pct ? 2 : 0);
	ae_doc_item(d);
	ae_doc_putf(d, "%s went from %s to %s, a change of %s", what, a, b, by);
	if (isfinite(c->lo) && isfinite(c->hi)) {
		fig(lo, sizeof lo, c->lo, pct ? 3 : 0);
		fig(hi, sizeof hi, c->hi, pct ? 2 : 0);
		ae_doc_putf(d, " (between %s and %s): %s.", lo, hi,
			    c->lo > 0 || c->hi < 0
				    ? "more than chance would explain"
				    : "the range includes zero, so the data cannot tell this change from chance");
	} else {
		ae_doc_put(d, " (no interval).");
	}
	ae_doc_item_end(d);
}

static int figure(ae_doc *d, ae_outdir *od, const char *name, const char *title, ae_error *err)
{
	char *p = ae_path_join(ae_outdir_path(od), name);
	ae_buf svg;
	ae_buf_init(&svg);
	FILE *f = fopen(p, "r");
	char buf[8192];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ae_buf_add(&svg, buf, n);
	int bad = !f || ferror(f);
	if (f)
		fclose(f);
	free(p);
	if (bad) {
		ae_buf_release(&svg);
		return ae_fail(err, AE_EIO, "%s: cannot read the chart", name);
	}
	char prefix[64];
	ae_svg_id_prefix(prefix, sizeof prefix, name);
	ae_doc_raw(d, "<figure>\n", NULL);
	ae_doc_h3(d, title);
	ae_svg_inline(&d->html, svg.data ? svg.data : "", svg.len, prefix, title);
	ae_doc_raw(d, "</figure>\n", "![");
	ae_doc_raw(d, NULL, title);
	ae_doc_raw(d, NULL, "](");
	ae_doc_raw(d, NULL, name);
	ae_doc_raw(d, NULL, ")\n\n");
	ae_buf_release(&svg);
	return AE_OK;
}

/* A share (a rate of reads or alerts between 0 and 1), shown in percent. */
static int is_share(const char *metric)
{
	size_t n = strlen(metric);
	return strcmp(metric, "confirmed_per_million_reads") != 0 &&
	       ((n > 5 && strcmp(metric + n - 5, "_rate") == 0) || (n > 6 && strcmp(metric + n - 6, "_share") == 0) ||
		(n > 6 && strcmp(metric + n - 6, "_yield") == 0));
}

/* A table value, two significant figures: what (0 a side's estimate, 1 the
 * change or a limit) decides the unit: a share in %, its change in points,
 * a count grouped, a ratio as "x 1.4". */
static void num(char *out, size_t n, const ae_change *c, double v, int what)
{
	char s[48];
	if (!isfinite(v)) {
		snprintf(out, n, "%s", "");
		return;
	}
	int share = is_share(c->metric), ratio = strcmp(c->kind, "ratio") == 0;
	if (!what && !share && v == floor(v) && fabs(v) < 1e15)
		ae_num_count(s, sizeof s, v);
	else
		brief_sig2(s, sizeof s, fabs(share ? 100 * v : v));
	if (what && ratio)
		snprintf(out, n, "\xc3\x97 %s", s); /* U+00D7, the multiplication sign */
	else
		snprintf(out, n, "%s%s%s", v < 0 && s[0] != '-' ? "\xe2\x88\x92" : "", s,
			 share ? (what ? " pts" : " %") : ""); /* U+2212, the minus sign */
}

/* The interval's method in words. */
static const char *method_words(const char *m)
{
	static const char *const w[][2] = {
		{"cluster_plate_mover", "paired, vehicles as clusters (MOVER)"},
		{"newcombe_wilson", "Newcombe (reads independent)"},
		{"poisson_ratio_exact_per_day", "exact Poisson ratio, per day"},
		{"poisson_ratio_exact", "exact Poisson ratio"},
		{"normal_log_days", "days, normal on the log scale"},
		{"normal_days", "days, normal"},
	};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(m, w[i][0]) == 0)
			return w[i][1];
	return m;
}

static void page(const ae_changes *ch, ae_doc *d)
{
	const ae_study *a = ch->st[0], *b = ch->st[1];
	ae_doc_raw(d, "<h1>", "# ");
	ae_doc_put(d, "What changed");
	ae_doc_raw(d, "</h1>\n", "\n\n");
	ae_doc_para(d);
	ae_doc_putf(d, "A: %s, %s to %s. B: %s, %s to %s. Every change is B against A.", a->title, a->start_s, a->end_s,
		    b->title, b->start_s, b->end_s);
	ae_doc_para_end(d);
	ae_doc_section_open(d, "main", "The main changes");
	ae_doc_list(d);
	sentence(d, find(ch, "hit_rate", "all", "all", "cluster_plate"), "Alerts per 100 reads", 1);
	sentence(d, find(ch, "false_positive_rate", "all", "all", "cluster_plate"),
		 "The share of checked alerts that were wrong", 1);
	sentence(d, find(ch, "disposition_share", "disposition", "confirmed", "cluster_plate"),
		 "The share of alerts confirmed", 1);
	sentence(d, find(ch, "outcome_yield", "all", "all", "cluster_plate"),
		 "The share of alerts with a recorded outcome", 1);
	sentence(d, find(ch, "confirmed_per_million_reads", "all", "all", "cluster_plate"),
		 "Confirmed alerts per million reads", 0);
	ae_doc_list_end(d);
	ae_doc_section_close(d);
	ae_doc_section_open(d, "charts", "Charts");
	ae_doc_section_close(d);
}

static void table(const ae_changes *ch, ae_doc *d)
{
	ae_doc_section_open(d, "table", "The changes with an interval");
	ae_doc_para(d);
	ae_doc_put(d,
		   "Rows at all, by hotlist and by disposition; changes.csv has every row, by camera, area and month "
		   "too, to full precision. Shares are in percent and their changes in percentage points (pts); a "
		   "count's change is the ratio of its per-day rates (\xc3\x97 1.4: 40 % more a day). Two significant "
		   "figures.");
	ae_doc_para_end(d);
	static const char *const heads[] = {"figure", "group", "A", "B", "change", "low", "high", "interval"};
	ae_doc_table_open(d, "llrrrrrl", heads);
	for (size_t i = 0; i < ch->n; i++) {
		const ae_change *c = &ch->v[i];
		if (!usable(c) || !isfinite(c->lo) || strcmp(c->dimension, "camera") == 0 ||
		    strcmp(c->dimension, "neighborhood") == 0 || strcmp(c->dimension, "month") == 0 ||
		    strcmp(c->dimension, "week") == 0)
			continue;
		char v[5][80];
		num(v[0], sizeof v[0], c, c->a, 0);
		num(v[1], sizeof v[1], c, c->b, 0);
		num(v[2], sizeof v[2], c, c->change, 1);
		num(v[3], sizeof v[3], c, c->lo, 1);
		num(v[4], sizeof v[4], c, c->hi, 1);
		ae_doc_row_open(d);
		ae_doc_cell_text(d, c->metric);
		ae_doc_cell_text(d, c->group);
		for (int k = 0; k < 5; k++)
			ae_doc_cell_text(d, v[k]);
		ae_doc_cell_text(d, method_words(c->method));
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
	ae_doc_section_close(d);
	ae_doc_section_open(d, "method", "How the intervals are made");
	ae_doc_para(d);
	ae_doc_putf(d,
		    "Each interval is %g %%. A share's change is B minus A. For the clustered rows the vehicle is the "
		    "cluster across both periods: a car read in both is matched by its keyed plate hash, and the two "
		    "estimates' correlation over the vehicles enters a MOVER interval (Zou and Donner 2008) built on each "
		    "side's own clustered limits, so the range follows the skew of a rare-event rate. The binomial rows use "
		    "Newcombe's hybrid score interval for two independent shares. A count of events (reads, alerts, "
		    "outcomes, searches) changes by the ratio of its per-day rates, with the exact interval for a ratio of "
		    "two Poisson counts; it counts every event as independent, and reads and alerts come in bursts, so "
		    "read that range as the least the change could be off by. Distinct counts (vehicles, users, "
		    "recipients) change by their difference, without an interval. doc/compare.md gives every formula and "
		    "the measured coverage.",
		    100 * ch->confidence);
	ae_doc_para_end(d);
	ae_doc_section_close(d);
}

int ae_compare_report(const ae_changes *c, ae_outdir *od, const char *gnuplot, ae_error *err)
{
	int rc = chart(c, od, gnuplot ? gnuplot : "gnuplot", 0, err);
	if (!rc)
		rc = chart(c, od, gnuplot ? gnuplot : "gnuplot", 1, err);
	if (rc)
		return rc;
	ae_doc d;
	ae_doc_init(&d);
	ae_doc_raw(&d,
		   "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>What changed</title>\n"
		   "<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}"
		   "td,th{padding:2px 6px;border-bottom:1px solid #ddd}svg{max-width:100%;height:auto}</style>\n"
		   "</head>\n<body>\n",
		   NULL);
	page(c, &d);
	rc = figure(&d, od, "chart-rates.svg", "Alerts per 100 reads, A and B", err);
	if (!rc)
		rc = figure(&d, od, "chart-changes.svg", "The changes in the shares, with their intervals", err);
	if (!rc) {
		table(c, &d);
		ae_doc_raw(&d, "</body>\n</html>\n", NULL);
		rc = ae_outdir_write(od, "report.html", d.html.data, d.html.len, err);
	}
	if (!rc)
		rc = ae_outdir_write(od, "report.md", d.md.data, d.md.len, err);
	ae_doc_release(&d);
	return rc;
}
