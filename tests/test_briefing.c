/* test_briefing.c — the committee briefing (report.html, report.md).
 *
 * The central check reads the summary back: every figure is a
 * <span class="fig" data-line="N"> followed by its citation
 * [metrics.csv line N: metric, dimension, group, method]; line N of the
 * metrics.csv written beside it must hold that row, and the printed numbers
 * must be that row's estimate and interval, rounded. Once figures and
 * citations are cut out, no digit may be left in the summary: no number
 * there comes from anywhere but the table.
 *
 * The briefing gets what a run hands the report layer (an ae_handover,
 * built from the aggregate as main.c does) and writes through an ae_outdir;
 * test_reads_the_handover checks that it reads nothing else.
 *
 * Fixture ("full"): 10 days in UTC, 300 reads spread over the listed areas
 * Alder (5,000 residents), Birch (3,000) and Cedar (400: small population),
 * plus Elm, which the neighbourhoods table does not list; Dogwood is listed
 * but has no reads. The table lists Dogwood, Birch, Alder, Cedar in that
 * order. Per thousand residents Cedar (150) is read most, but it is small,
 * so Birch (30) is the area the summary names. Every 7th read raises a hit;
 * one outcome type (warning) has a single record, under min_cell = 2. */
#include "testutil.h"
#include "brief_read.h"
#include "briefing.h"
#include "exposure.h"
#include "numfmt.h"
#include "output.h"
#include "peers.h"
#include "table.h"
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <ctype.h>
#include <sys/stat.h>

#define DASH "\xe2\x80\x93" /* en dash between the ends of an interval */

static const char *const HEAD =
	"[study]\ntitle = Briefing test\nstart = 2025-06-01\nend = 2025-06-10\ntimezone = UTC\nseed = 5\n"
	"min_cell = %d\ncost = 5000\nbootstrap_replicates = 100\nmax_reject_share = 1\n";

static const char *const HOODS =
	"neighborhood,population,area_km2,daily_vmt,pop_x,pop_y\n"
	"Dogwood,2000,2,500,1000,1000\n"
	"Birch,3000,3,1000,600,2400\n"
	"Alder,5000,2,500,3000,2000\n"
	"Cedar,400,1,100,100,300\n";

/* A gnuplot-like SVG: prolog, DOCTYPE with a URL, comment, ids in both
 * quote styles, references to them, and things that must not reach the page. */
static const char *const SVG =
	"<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
	"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
	"<!-- made by hand, see https://example.org -->\n"
	"<svg width=\"600\" height=\"400\" viewBox=\"0 0 600 400\" onload=\"gnuplot_svg.Init(evt)\"\n"
	" xmlns=\"http://www.w3.org/2000/svg\"\n xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
	"<title>Gnuplot</title>\n"
	"<script type=\"text/javascript\" xlink:href=\"https://cdn.example.org/gnuplot_svg.js\"/>\n"
	"<script type=\"text/javascript\"><![CDATA[ var x = '</g>'; ]]></script>\n"
	"<style>svg { background: url(https://example.org/bg.png) }</style>\n"
	"<g id=\"gnuplot_canvas\">\n<defs>\n"
	"\t<circle id='gpDot' r='0.5'/>\n\t<path id='gpPt0' d='M-1,0 h2'/>\n"
	"\t<use xlink:href='#gpPt0' id='gpPt6' fill='currentColor'/>\n"
	"\t<filter id='textbox'><feFlood flood-color='#FFFFFF'/></filter>\n"
	"</defs>\n"
	"<g id=\"gnuplot_plot_1\"><use href=\"#gpPt0\" x=\"1\" y=\"2\"/>"
	"<text filter=\"url(#textbox)\">label</text></g>\n"
	"<a xlink:href=\"http://example.org/\"><text>link</text></a>\n"
	"<image xlink:href=\"photo.png\" width=\"1\" height=\"1\"/>\n"
	"<rect style=\"fill:url(https://example.org/p.svg#pat)\" width=\"1\" height=\"1\"/>\n"
	"\t\t<polygon fill = 'rgb(  0, 114, 178)' fill-opacity = '0.85' points = '1,2 3,4 5,6 '/>\n"
	"</g>\n</svg>\n";

/* ---- fixture ---- */

static char *gen_reads(int with_hood)
{
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_printf(&b, "read_id,timestamp,camera_id,plate%s\n", with_hood ? ",neighborhood" : "");
	for (int i = 0; i < 300; i++) {
		int k = i % 10;
		const char *hood = k < 4 ? "Alder" : k < 7 ? "Birch" : k < 9 ? "Cedar" : "Elm";
		ae_buf_printf(&b, "R%d,2025-06-%02dT%02d:%02d:00Z,CAM-%c,PL%d", i, i % 10 + 1, (i / 10) % 24, i % 60,
			      'A' + i % 4, i % 40);
		if (with_hood)
			ae_buf_printf(&b, ",%s", hood);
		ae_buf_addc(&b, '\n');
	}
	return b.data;
}

/* Every 7th read raises a hit; all_unverified: no disposition is known. */
static char *gen_hits(int all_unverified)
{
	static const char *const hl[] = {"stolen_vehicle", "registration", "wanted_person"};
	static const char *const dp[] = {"confirmed",      "misread",     "confirmed", "unverified",
					 "not_actionable", "wrong_state", "confirmed"};
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_printf(&b, "hit_id,read_id,hotlist,disposition\n");
	for (int i = 0, k = 0; i < 300; i += 7, k++)
		ae_buf_printf(&b, "H%d,R%d,%s,%s\n", k, i, hl[k % 3], all_unverified ? "unverified" : dp[k % 7]);
	return b.data;
}

/* arrests for every third hit, recoveries for some, one lone warning */
static char *gen_outcomes(void)
{
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_printf(&b, "outcome_id,hit_id,type\n");
	int n = 0;
	for (int k = 0; k < 43; k++) {
		if (k % 3 == 0)
			ae_buf_printf(&b, "O%d,H%d,arrest\n", n++, k);
		else if (k % 5 == 1)
			ae_buf_printf(&b, "O%d,H%d,vehicle_recovered\n", n++, k);
	}
	ae_buf_printf(&b, "O%d,H2,warning\n", n);
	return b.data;
}

typedef struct fx {
	run s;
	ae_outdir *od; /* the report folder; out is its temporary path */
	char out[256];
	ae_areas areas;
	ae_handover h;
	ae_chart chart[2];
	ae_chartset cs;
} fx;

static void write_text(const char *dir, const char *name, const char *text)
{
	char p[320];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	write_file(p, text);
}

/* What the run hands the report layer, copied so that a test can change
 * it (the pointers in it stay the run's). */
static void fx_handover(fx *f)
{
	f->h = *f->s.h;
	memset(&f->areas, 0, sizeof f->areas);
	if (f->h.areas) {
		f->areas = *f->h.areas;
		f->h.areas = &f->areas;
	}
}

/* After the pass: the table, the handover, a report folder under the
 * study's and metrics.csv in it. */
static void fx_report(fx *f)
{
	if (f->s.rc)
		fail_msg("%s", f->s.err.msg);
	fx_handover(f);
	char target[128];
	ae_error err = {0, ""};
	snprintf(target, sizeof target, "%s/out", f->s.dir);
	if (ae_outdir_begin(&f->od, target, &err))
		fail_msg("%s", err.msg);
	snprintf(f->out, sizeof f->out, "%s", ae_outdir_path(f->od));
	char p[320];
	snprintf(p, sizeof p, "%s/metrics.csv", f->out);
	FILE *m = fopen(p, "w");
	assert_non_null(m);
	assert_int_equal(ae_table_write_csv(f->s.t, m), 0);
	fclose(m);
}

/* Runs the study, builds the table, writes metrics.csv and two charts (same
 * SVG, so their ids would collide unprefixed) into a report folder. */
static void fx_go(fx *f, const char *head, int hits, int outcomes, int hoods, int all_unverified)
{
	char *reads = gen_reads(1), *h = hits ? gen_hits(all_unverified) : NULL, *o = outcomes ? gen_outcomes() : NULL;
	run_small(&f->s, head, reads, h, o, NULL, hoods ? HOODS : NULL);
	free(reads);
	free(h);
	free(o);
	fx_report(f);
	write_text(f->out, "chart-funnel.svg", SVG);
	write_text(f->out, "chart-map.svg", SVG);
	f->chart[0] = (ae_chart){"funnel", "From reads to outcomes", "Most reads raise no alert."};
	f->chart[1] = (ae_chart){"map", "Where the cameras read", "Reads by area."};
	f->cs.charts = f->chart;
	f->cs.n = 2;
	f->cs.missing = "monthly: fewer than two months of reads\n";
	snprintf(f->cs.gnuplot_version, sizeof f->cs.gnuplot_version, "gnuplot 5.4 patchlevel 4");
}

static void fx_full(fx *f, int min_cell)
{
	char head[512];
	snprintf(head, sizeof head, HEAD, min_cell);
	fx_go(f, head, 1, 1, 1, 0);
}

static void fx_done(fx *f)
{
	ae_outdir_free(f->od);
	run_free(&f->s);
}

static char *slurp(const char *dir, const char *name)
{
	char p[320];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "rb");
	if (!f)
		fail_msg("cannot open %s", p);
	ae_buf b;
	ae_buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ae_buf_add(&b, chunk, n);
	fclose(f);
	ae_buf_addc(&b, '\0');
	return b.data;
}

static void brief(fx *f)
{
	ae_error err = {0, ""};
	int rc = ae_briefing_write(&f->h, &f->cs, f->od, &err);
	if (rc)
		fail_msg("briefing: %s", err.msg);
}

/* ---- reading the summary back ---- */


typedef struct csv {
	char *text;
	char **line; /* line[i] is physical line i + 1 */
	size_t n;
} csv;

static void csv_load(csv *c, const char *dir)
{
	c->text = slurp(dir, "metrics.csv");
	c->n = 0;
	c->line = NULL;
	for (char *p = c->text; *p;) {
		char *e = strchr(p, '\n');
		c->line = ae_realloc(c->line, (c->n + 1) * sizeof *c->line);
		c->line[c->n++] = p;
		if (!e)
			break;
		*e = '\0';
		p = e + 1;
	}
}

static void csv_free(csv *c)
{
	free(c->text);
	free(c->line);
}

/* Splits a line at commas (the test's names hold none) into 9 fields. */
static void fields(char *line, char *f[9])
{
	for (int i = 0; i < 9; i++) {
		f[i] = line;
		char *e = strchr(line, ',');
		if (i < 8) {
			if (!e)
				fail_msg("short metrics line");
			*e = '\0';
			line = e + 1;
		}
	}
}

/* Checks every figure of the summary against metrics.csv; returns how many. */
/* Every figure of the section with this id is its cited row; digits: whether
 * text outside the figures may hold digits (law sections, day counts). */
static int check_section(const char *html, const char *id, int digits, const char *dir, double conf, long min_cell)
{
	char head[64];
	snprintf(head, sizeof head, "<section id=\"%s\"", id);
	char *sum = between(html, head, "</section>");
	csv c;
	csv_load(&c, dir);
	int figures = 0;
	brief_fig fg;
	for (const char *p = sum; brief_next_fig(p, &fg); p = fg.end) {
		size_t line = fg.line;
		const char *text = fg.text;
		const char *m = fg.m, *d = fg.d, *g = fg.g, *meth = fg.meth;
		if (line < 2 || line > c.n)
			fail_msg("line %zu is not a row of metrics.csv (%zu lines)", line, c.n);
		char *copy = ae_strdup(c.line[line - 1]), *f[9];
		fields(copy, f);
		if (strcmp(f[0], m) || strcmp(f[1], d) || strcmp(f[2], g) || strcmp(f[8], meth))
			fail_msg("line %zu holds %s,%s,%s,%s but is cited as %s, %s, %s, %s", line, f[0], f[1], f[2],
				 f[8], m, d, g, meth);

		tok t[8];
		int n = numbers(text, t, 8);
		if (strcmp(f[8], "suppressed") == 0) {
			if (!strstr(text, "fewer than") || n < 1)
				fail_msg("suppressed row %zu printed as '%s'", line, text);
			near(t[0], (double)min_cell, "min_cell", line);
		} else if (!*f[3]) {
			if (!strstr(text, "not defined"))
				fail_msg("empty estimate of line %zu printed as '%s'", line, text);
		} else {
			if (n < 1)
				fail_msg("no number in '%s'", text);
			double scale = strncmp(t[0].end, " %", 2) == 0 ? 100 : 1;
			near(t[0], strtod(f[3], NULL) * scale, "estimate", line);
			if (strstr(text, "interval")) {
				if (n != 4)
					fail_msg("'%s': expected estimate, level, low, high", text);
				near(t[1], conf * 100, "confidence level", line);
				near(t[2], strtod(f[4], NULL) * scale, "ci_low", line);
				near(t[3], strtod(f[5], NULL) * scale, "ci_high", line);
			} else if (strstr(text, "of all reads")) {
				assert_int_equal(n, 2);
				near(t[1], strtod(f[6], NULL) / strtod(f[7], NULL) * 100, "share", line);
			} else if (n != 1) {
				fail_msg("'%s': unexpected numbers", text);
			}
		}
		free(copy);
		free(fg.text);
		figures++;
	}

	/* with figures and citations cut out, no digit is left */
	const char *open = "<span class=\"fig\" data-line=\"";
	ae_buf rest;
	ae_buf_init(&rest);
	for (const char *q = sum; *q;) {
		if (strncmp(q, open, strlen(open)) == 0) {
			q = strstr(q, "</span>") + 7;
		} else if (strncmp(q, CITE_OPEN, strlen(CITE_OPEN)) == 0) {
			q = strstr(q, CITE_CLOSE) + strlen(CITE_CLOSE);
		} else if (*q == '<') {
			q = strchr(q, '>') + 1;
		} else {
			ae_buf_addc(&rest, *q++);
		}
	}
	for (size_t i = 0; !digits && i < rest.len; i++)
		if (isdigit((unsigned char)rest.data[i]))
			fail_msg("a number outside any figure in the summary: ...%.60s",
				 rest.data + (i > 30 ? i - 30 : 0));
	ae_buf_release(&rest);
	csv_free(&c);
	free(sum);
	return figures;
}

/* Half a unit in the second significant digit of want: a key finding shows
 * two (counts under 100 in full, which this also allows). */
static void near2(double got, double want, const char *what, size_t line)
{
	double tol = want > 0 ? 0.5 * pow(10, floor(log10(want)) - 1) * (1 + 1e-9) : 1e-12;
	if (!(fabs(got - want) <= tol))
		fail_msg("key finding, line %zu: %s printed %.10g, the row gives %.10g", line, what, got, want);
}

/* Every number of the key findings, recomputed from the metrics.csv row its
 * span cites, in the form the span names: count (the estimate), percent
 * (estimate, then the interval's ends, times 100), one-in (1 / estimate,
 * then 1 / ci_low and 1 / ci_high: "between 1 in 660 and 1 in 120"), ratio.
 * The section comes first, before the summary and any chart, with 4 to 6
 * findings and the list of what the briefing does not cover. Returns the
 * number of figures. */
static int check_key_findings(const char *html, const char *dir)
{
	const char *sec_at = strstr(html, "<section id=\"key-findings\"");
	assert_non_null(sec_at);
	const char *fig_at = strstr(html, "<figure"), *sum_at = strstr(html, "<section id=\"summary\"");
	assert_true(!fig_at || sec_at < fig_at);
	assert_true(sum_at && sec_at < sum_at);
	char *sec = between(html, "<section id=\"key-findings\"", "</section>");
	char *list = between(sec, "<ul>", "</ul>");
	int items = 0;
	for (const char *q = list; (q = strstr(q, "<li>")); q++)
		items++;
	assert_true(items >= 4 && items <= 6);
	assert_non_null(strstr(sec, "<h3>What this briefing does not cover, and why</h3>"));
	csv c;
	csv_load(&c, dir);
	int figures = 0;
	brief_fig fg;
	for (const char *p = sec; brief_next_fig(p, &fg); p = fg.end) {
		const char *span = strstr(p, "<span class=\"fig\""); /* this figure's */
		const char *fa = strstr(span, "data-form=\"");
		assert_true(fa && fa < fg.end);
		char form[16];
		assert_int_equal(sscanf(fa + 11, "%15[^\"]", form), 1);
		if (fg.line < 2 || fg.line > c.n)
			fail_msg("line %zu is not a row of metrics.csv", fg.line);
		char *copy = ae_strdup(c.line[fg.line - 1]), *f[9];
		fields(copy, f);
		if (strcmp(f[0], fg.m) || strcmp(f[1], fg.d) || strcmp(f[2], fg.g) || strcmp(f[8], fg.meth))
			fail_msg("line %zu holds %s,%s,%s,%s, cited as %s, %s, %s, %s", fg.line, f[0], f[1], f[2], f[8],
				 fg.m, fg.d, fg.g, fg.meth);
		double est = strtod(f[3], NULL), lo = strtod(f[4], NULL), hi = strtod(f[5], NULL);
		/* the "1" of each "1 in" is words, not a figure */
		char *t = ae_strdup(fg.text);
		for (char *q; (q = strstr(t, "1 in ")); q[0] = ' ')
			;
		tok k[8];
		int n = numbers(t, k, 8);
		double want[3] = {0, 0, 0};
		int nw = 0;
		if (strcmp(form, "count") == 0) {
			want[0] = est;
			nw = 1;
		} else if (strcmp(form, "percent") == 0) {
			want[0] = est * 100, want[1] = lo * 100, want[2] = hi * 100;
			nw = 3;
		} else if (strcmp(form, "ratio") == 0) {
			want[0] = est, want[1] = lo, want[2] = hi;
			nw = 3;
		} else if (strcmp(form, "one-in") == 0) {
			want[0] = 1 / est, want[1] = 1 / lo, want[2] = 1 / hi;
			nw = 3;
			if (strstr(t, "at most"))
				want[1] = want[2], nw = 2;
		} else {
			fail_msg("unknown data-form '%s'", form);
		}
		if (!(n == 1 || n == nw))
			fail_msg("key finding '%s': %d numbers", fg.text, n);
		static const char *const what[] = {"estimate", "interval end", "interval end"};
		for (int i = 0; i < n; i++)
			near2(k[i].v, want[i], what[i], fg.line);
		free(t);
		free(copy);
		free(fg.text);
		figures++;
	}
	csv_free(&c);
	free(list);
	free(sec);
	return figures;
}

static int check_summary(const char *html, const char *dir, double conf, long min_cell)
{
	return check_section(html, "summary", 0, dir, conf, min_cell);
}

/* The metrics.csv lines cited in a text, in order, as "N," joined. */
static char *cited_lines(const char *text, const char *marker)
{
	ae_buf b;
	ae_buf_init(&b);
	for (const char *p = text; (p = strstr(p, marker)); p += strlen(marker))
		ae_buf_printf(&b, "%lu,", strtoul(p + strlen(marker), NULL, 10));
	ae_buf_addc(&b, '\0');
	return b.data;
}

/* A NaN or infinity that slipped through a formatter. */
static void assert_no_nan(const char *text)
{
	static const char *const bad[] = {" nan", ">nan", "-nan", " inf", ">inf", "not finite", "NaN"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strstr(text, bad[i]))
			fail_msg("'%s' printed", bad[i]);
}

/* Markdown without its code spans (whose text is shown literally). */
static char *md_prose(const char *md)
{
	ae_buf b;
	ae_buf_init(&b);
	for (const char *p = md; *p;) {
		if (*p == '`') {
			size_t ticks = strspn(p, "`");
			char fence[16];
			snprintf(fence, sizeof fence, "%.*s", (int)ticks, p);
			const char *e = strstr(p + ticks, fence);
			p = e ? e + ticks : p + strlen(p);
		} else {
			ae_buf_addc(&b, *p++);
		}
	}
	ae_buf_addc(&b, '\0');
	return b.data;
}

/* ---- tests ---- */

static void test_summary_figures_are_table_rows(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *html = slurp(f.out, "report.html");
	/* reads, vehicles, non-hit share, hits, alert vehicles, top-ten share, hit rate twice, wrong alerts, unverified,
	 * yield, enforcement yield, three outcome types, reads and cost per arrest, confirmed per million,
	 * rate at all, Birch's rate and ratio, two groups, Gini, unassigned */
	assert_int_equal(check_summary(html, f.out, 0.95, 2), 25);
	/* reads and alerts, wrong alerts, outcomes, tracking, where: no search log or sharing list */
	assert_int_equal(check_key_findings(html, f.out), 14); /* 4 + 2 + 2 + 2 + 2 + 2 */
	char *sum = between(html, "<section id=\"summary\"", "</section>");
	static const char *const must[] =
		{"reads, all, all, none\"",
		 "distinct_plates, all, all, none\"",
		 "non_hit_share, all, all, wilson\"",
		 "hit_rate, all, all, cluster_plate\"",
		 "hit_rate, all, all, wilson\"",
		 "false_positive_rate, all, all, cluster_plate\"",
		 "disposition_share, disposition, unverified, cluster_plate\"",
		 "outcome_yield, all, all, cluster_plate\"",
		 "alert_vehicles, all, all, none\"",
		 "alerts_top10_vehicles_share, all, all, none\"",
		 "outcomes, outcome, arrest, none\"",
		 "reads_per_outcome, outcome, arrest, cluster_plate\"",
		 "confirmed_per_million_reads, all, all, cluster_plate\"",
		 "reads_per_1k_residents, all, all,",
		 "reads_per_1k_residents, neighborhood, Birch,",
		 "exposure_ratio, neighborhood, Birch,",
		 "disparity_ratio, group, x,",
		 "disparity_ratio, group, y,",
		 "gini_reads_per_capita, all, all,",
		 "unassigned_reads, all, all, none\""};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		if (!strstr(sum, must[i]))
			fail_msg("the summary does not cite %s", must[i]);
	/* the cluster row comes first; which to quote follows from the two rows' widths */
	assert_true(strstr(sum, "cluster_plate\"") < strstr(sum, "hit_rate, all, all, wilson\""));
	const ae_row *hc = ae_table_find(f.s.t, "hit_rate", "all", "all", "cluster_plate");
	const ae_row *hw = ae_table_find(f.s.t, "hit_rate", "all", "all", "wilson");
	if (hc->hi - hc->lo >= hw->hi - hw->lo)
		assert_non_null(strstr(sum, "understates the uncertainty; quote the first."));
	else
		assert_non_null(strstr(sum, "here it is the wider of the two, so quote it"));
	/* Cedar is read most per resident but is small: Birch is named, Cedar is not ranked */
	assert_non_null(strstr(sum, "Birch is read most"));
	assert_null(strstr(sum, "reads_per_1k_residents, neighborhood, Cedar"));
	assert_non_null(strstr(sum, "must not be ranked: Cedar."));
	assert_no_nan(html);
	free(sum);
	free(html);
	fx_done(&f);
}

static void test_area_sections_in_table_order(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *html = slurp(f.out, "report.html"), *md = slurp(f.out, "report.md");
	char *areas = between(html, "<section id=\"areas\"", "</section>");
	const char *d = strstr(areas, "<h3>Dogwood</h3>"), *b = strstr(areas, "<h3>Birch</h3>"),
		   *a = strstr(areas, "<h3>Alder</h3>"), *c = strstr(areas, "<h3>Cedar</h3>");
	assert_true(d && b && a && c);
	assert_true(d < b && b < a && a < c);
	assert_null(strstr(areas, "<h3>Elm</h3>")); /* not listed: counted as unassigned */
	/* only Cedar carries the flag, right under its heading */
	const char *flag = "<p class=\"flag\">Small population \xe2\x80\x94 do not rank.</p>";
	assert_ptr_equal(strstr(areas, flag), strstr(c, flag));
	assert_true(strstr(c, flag) == c + strlen("<h3>Cedar</h3>\n"));
	/* Dogwood has no reads but its exposure rows */
	char *dog = between(d, "<h3>Dogwood</h3>", "<h3>");
	assert_non_null(strstr(dog, "none in the period"));
	assert_non_null(strstr(dog, "reads_per_1k_residents, neighborhood, Dogwood"));
	assert_non_null(strstr(dog, "exposure_ratio, neighborhood, Dogwood"));
	/* each listed area: reads, vehicles, hits, hit rate, per 1k, exposure ratio */
	char *birch = between(b, "<h3>Birch</h3>", "<h3>");
	static const char *const rows[] = {"reads, neighborhood, Birch, none",
					   "distinct_plates, neighborhood, Birch",
					   "hits, neighborhood, Birch, none",
					   "hit_rate, neighborhood, Birch, cluster_plate",
					   "reads_per_1k_residents, neighborhood, Birch",
					   "exposure_ratio, neighborhood, Birch"};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (!strstr(birch, rows[i]))
			fail_msg("Birch's section lacks %s", rows[i]);
	/* Markdown: the same areas as tables */
	assert_non_null(strstr(md, "### Birch\n\n| Figure | Value | Row in metrics.csv |\n|---|---:|---|\n"));
	assert_non_null(strstr(md, "### Cedar\n\n**Small population \xe2\x80\x94 do not rank.**\n"));
	free(dog);
	free(birch);
	free(areas);
	free(html);
	free(md);
	fx_done(&f);
}

static void test_markdown_cites_the_same_rows(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *html = slurp(f.out, "report.html"), *md = slurp(f.out, "report.md");
	char *hs = between(html, "<section id=\"summary\"", "</section>"), *ms = between(md, "## Summary", "\n## ");
	char *hl = cited_lines(hs, CITE_OPEN "metrics.csv line "), *ml = cited_lines(ms, "`[metrics.csv line ");
	assert_true(strlen(hl) > 20);
	assert_string_equal(hl, ml);
	/* every section, in order, in both */
	static const char *const secs[][2] =
		{{"id=\"summary\"", "## Summary"},      {"id=\"areas\"", "## Areas"},
		 {"id=\"charts\"", "## Charts"},        {"id=\"methods\"", "## Methods"},
		 {"id=\"quality\"", "## Data quality"}, {"id=\"provenance\"", "## Provenance"}};
	const char *hp = html, *mp = md;
	for (size_t i = 0; i < 6; i++) {
		hp = strstr(hp, secs[i][0]);
		mp = strstr(mp, secs[i][1]);
		if (!hp || !mp)
			fail_msg("section %s missing or out of order", secs[i][1]);
	}
	/* charts as image links */
	assert_non_null(strstr(md, "![From reads to outcomes](chart-funnel.svg)"));
	assert_non_null(strstr(md, "![Where the cameras read](chart-map.svg)"));
	assert_null(strstr(md, "<svg"));
	free(hl);
	free(ml);
	free(hs);
	free(ms);
	free(html);
	free(md);
	fx_done(&f);
}

static void test_reruns_are_byte_identical(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *h1 = slurp(f.out, "report.html"), *m1 = slurp(f.out, "report.md");
	brief(&f);
	char *h2 = slurp(f.out, "report.html"), *m2 = slurp(f.out, "report.md");
	assert_string_equal(h1, h2);
	assert_string_equal(m1, m2);
	/* another folder: the folder's name is printed nowhere */
	char target[160];
	snprintf(target, sizeof target, "%s/elsewhere", f.s.dir);
	ae_outdir *od;
	ae_error err = {0, ""};
	assert_int_equal(ae_outdir_begin(&od, target, &err), AE_OK);
	const char *other = ae_outdir_path(od);
	write_text(other, "chart-funnel.svg", SVG);
	write_text(other, "chart-map.svg", SVG);
	assert_int_equal(ae_briefing_write(&f.h, &f.cs, od, &err), AE_OK);
	char *h3 = slurp(other, "report.html"), *m3 = slurp(other, "report.md");
	assert_string_equal(h1, h3);
	assert_string_equal(m1, m3);
	assert_null(strstr(h1, "/out"));
	assert_null(strstr(h1, f.out));
	assert_null(strstr(m1, f.out));
	assert_null(strstr(h1, ".tmp-"));
	free(h1);
	free(h2);
	free(h3);
	free(m1);
	free(m2);
	free(m3);
	ae_outdir_free(od);
	fx_done(&f);
}

static void test_missing_inputs_are_said(void **state)
{
	(void)state;
	/* reads only, without any neighbourhood */
	fx f;
	memset(&f, 0, sizeof f);
	char *reads = gen_reads(0);
	run_small(&f.s, NULL, reads, NULL, NULL, NULL, NULL);
	free(reads);
	fx_report(&f);
	f.cs.missing = ""; /* no chart drawn */
	brief(&f);
	char *html = slurp(f.out, "report.html"), *md = slurp(f.out, "report.md");
	check_summary(html, f.out, 0.95, 0);
	static const char *const says[] = {"No alert (hits) data was supplied, so no alert figures are given",
					   "No neighbourhoods table was supplied, so reads per resident",
					   "no read carries a neighbourhood, so there is no per-area breakdown",
					   "No charts were drawn.",
					   "Not answered: the study has no sharing list",
					   "Not answered: the study has no search audit log",
					   "does not give the agency's retention policy",
					   "What these records cannot show"};
	for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
		if (!strstr(html, says[i]))
			fail_msg("report.html does not say '%s'", says[i]);
		if (!strstr(md, says[i]))
			fail_msg("report.md does not say '%s'", says[i]);
	}
	assert_no_nan(html);
	assert_null(strstr(html, "hit_rate"));
	free(html);
	free(md);
	fx_done(&f);

	/* hits but no outcomes */
	char head[512];
	snprintf(head, sizeof head, HEAD, 2);
	fx_go(&f, head, 1, 0, 1, 0);
	brief(&f);
	html = slurp(f.out, "report.html");
	check_summary(html, f.out, 0.95, 2);
	assert_non_null(strstr(html, "No outcome data was supplied, so nothing is said about what alerts led to"));
	assert_non_null(strstr(html, "hit_rate, all, all, cluster_plate"));
	assert_null(strstr(html, "outcome_yield, all"));
	free(html);
	fx_done(&f);

	/* hits and outcomes but no neighbourhoods table: areas come from the reads */
	fx_go(&f, head, 1, 1, 0, 0);
	brief(&f);
	html = slurp(f.out, "report.html");
	check_summary(html, f.out, 0.95, 2);
	assert_non_null(strstr(html, "No neighbourhoods table was supplied, so reads per resident"));
	assert_null(strstr(html, "reads_per_1k_residents"));
	assert_non_null(strstr(html, "<h3>Elm</h3>"));
	assert_non_null(strstr(html, "outcome_yield, all, all, cluster_plate"));
	free(html);
	fx_done(&f);
}

static void test_suppressed_and_undefined(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *html = slurp(f.out, "report.html"), *md = slurp(f.out, "report.md");
	/* one warning, under min_cell = 2 */
	assert_non_null(strstr(html, "warning <span class=\"fig\" data-line=\""));
	char *w = between(html, "warning <span class=\"fig\"", CITE_CLOSE);
	assert_non_null(strstr(w, ">not shown (fewer than 2, or held back to protect a smaller count)</span>"));
	assert_non_null(strstr(w, "outcomes, outcome, warning, suppressed\""));
	assert_non_null(strstr(md, "warning not shown (fewer than 2, or held back to protect a smaller count) "
				   "`[metrics.csv line"));
	free(w);
	free(html);
	free(md);
	fx_done(&f);

	/* min_cell 1000: even the vehicle count and reads per arrest are held back */
	fx_full(&f, 1000);
	brief(&f);
	html = slurp(f.out, "report.html");
	check_summary(html, f.out, 0.95, 1000);
	assert_non_null(strstr(html, "of <span class=\"fig\" data-line=\""));
	assert_non_null(strstr(html, ">not shown (fewer than 1,000, or held back to protect a smaller count)</span> "
				     "distinct vehicles"));
	assert_non_null(
		strstr(html, ">not shown (fewer than 1,000 cases, or held back to protect a smaller count)</span>"));
	free(html);
	fx_done(&f);

	/* every alert unverified: no false-positive rate can be given */
	char head[512];
	snprintf(head, sizeof head, HEAD, 2);
	fx_go(&f, head, 1, 1, 1, 1);
	brief(&f);
	html = slurp(f.out, "report.html");
	check_summary(html, f.out, 0.95, 2);
	char *fp = between(html, "The share of alerts that were wrong", "</code>");
	assert_non_null(strstr(fp, "not defined (no denominator)"));
	free(fp);
	free(html);
	fx_done(&f);
}

/* Every id in the page, for uniqueness and for references. */
static int has_id(const char *html, const char *id, size_t n)
{
	for (const char *p = html; (p = strstr(p, "id=")); p += 3) {
		if (p > html && !isspace((unsigned char)p[-1]))
			continue;
		char q = p[3];
		if ((q == '"' || q == '\'') && strncmp(p + 4, id, n) == 0 && p[4 + n] == q)
			return 1;
	}
	return 0;
}

static void test_charts_inlined_with_prefixed_ids(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *html = slurp(f.out, "report.html");
	char *charts = between(html, "<section id=\"charts\"", "</section>");
	assert_null(strstr(html, "<?xml"));
	assert_null(strstr(html, "<!DOCTYPE svg"));
	assert_null(strstr(html, "made by hand"));
	assert_non_null(strstr(charts, "<h3>From reads to outcomes</h3>"));
	assert_non_null(strstr(charts, "<figcaption>Most reads raise no alert.</figcaption>"));
	assert_non_null(strstr(charts, "<title>From reads to outcomes</title>"));
	assert_non_null(strstr(charts, "<li>monthly: fewer than two months of reads</li>"));
	assert_non_null(strstr(charts, "id=\"funnel-gnuplot_canvas\""));
	assert_non_null(strstr(charts, "id=\"map-gnuplot_canvas\""));
	assert_non_null(strstr(charts, "id='funnel-gpPt0'"));
	assert_non_null(strstr(charts, "xlink:href='#map-gpPt0'"));
	assert_non_null(strstr(charts, "href=\"#funnel-gpPt0\""));
	assert_non_null(strstr(charts, "url(#map-textbox)"));
	assert_null(strstr(charts, "id=\"gnuplot_canvas\""));
	assert_null(strstr(charts, "'#gpPt0'"));
	assert_null(strstr(charts, "url(#textbox)"));
	assert_non_null(strstr(charts, "<text>link</text>"));   /* the text stays, the link goes */
	assert_non_null(strstr(charts, "style=\"fill:none\"")); /* an outside url() is neutralised */
	/* gnuplot's filled polygons write blanks around '=': the fill must survive */
	assert_non_null(
		strstr(charts, "<polygon fill='rgb(  0, 114, 178)' fill-opacity='0.85' points='1,2 3,4 5,6 '/>"));

	/* ids unique over the page; every reference points to one of them */
	for (const char *p = html; (p = strstr(p, "id=")); p += 3) {
		char q = p[3];
		if (!isspace((unsigned char)p[-1]) || (q != '"' && q != '\''))
			continue;
		const char *v = p + 4, *e = strchr(v, q);
		size_t n = (size_t)(e - v);
		const char *again = p + 3;
		while ((again = strstr(again, "id=")) && again) {
			if (isspace((unsigned char)again[-1]) && again[3] == q && strncmp(again + 4, v, n) == 0 &&
			    again[4 + n] == q)
				fail_msg("id '%.*s' twice", (int)n, v);
			again += 3;
		}
	}
	static const char *const refs[] = {"href=\"#", "href='#", "url(#"};
	int nrefs = 0;
	for (size_t k = 0; k < 3; k++)
		for (const char *p = charts; (p = strstr(p, refs[k])); p++) {
			const char *v = p + strlen(refs[k]);
			size_t n = strcspn(v, "\"')");
			if (!has_id(html, v, n))
				fail_msg("reference to '%.*s', which no id holds", (int)n, v);
			nrefs++;
		}
	assert_true(nrefs >= 6);
	free(charts);
	free(html);
	fx_done(&f);
}

static void test_no_network_resources(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	brief(&f);
	char *html = slurp(f.out, "report.html");
	/* the SVG namespaces are names, not fetched: cut them out, then nothing may remain */
	static const char *const ns[] = {"xmlns=\"http://www.w3.org/2000/svg\"",
					 "xmlns:xlink=\"http://www.w3.org/1999/xlink\""};
	for (size_t k = 0; k < 2; k++)
		for (char *p; (p = strstr(html, ns[k]));)
			memset(p, ' ', strlen(ns[k]));
	static const char *const bad[] = {"http://", "https://",  "<script",    "<link",      "@import",
					  " src=",   "<iframe",   "<object",    "<embed",     "onload",
					  "url(h",   "photo.png", "<style>svg", "example.org"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strstr(html, bad[i]))
			fail_msg("report.html holds '%s'", bad[i]);
	/* one style sheet, with a print part */
	assert_non_null(strstr(html, "<style>\n"));
	assert_non_null(strstr(html, "@media print"));
	assert_non_null(strstr(html, "break-before:page"));
	free(html);
	fx_done(&f);
}

static void test_data_strings_escaped(void **state)
{
	(void)state;
	static const char *const reads = "timestamp,camera_id,plate,neighborhood\n"
					 "2025-06-01T08:00:00Z,<cam>,P1,\"<Oak> & \"\"Ash\"\"\"\n"
					 "2025-06-02T08:00:00Z,<cam>,P2,\"<Oak> & \"\"Ash\"\"\"\n";
	static const char *const hoods = "neighborhood,population\n"
					 "\"<Oak> & \"\"Ash\"\"\",5000\n";
	fx f;
	memset(&f, 0, sizeof f);
	run_small(&f.s,
		  "[study]\ntitle = Fish & <Chips> \"x\"\nstart = 2025-06-01\nend = 2025-06-03\ntimezone = UTC\n"
		  "seed = 3\nbootstrap_replicates = 100\n",
		  reads, NULL, NULL, NULL, hoods);
	fx_report(&f);
	write_text(f.out, "chart-a.svg", SVG);
	f.chart[0] = (ae_chart){"a", "Reads <by> area & \"kind\"", "A caption with <b>bold</b>."};
	f.cs.charts = f.chart;
	f.cs.n = 1;
	f.cs.missing = "map: no <boundaries>\n";
	brief(&f);
	char *html = slurp(f.out, "report.html"), *md = slurp(f.out, "report.md");
	assert_non_null(strstr(html, "<title>Fish &amp; &lt;Chips&gt; &quot;x&quot; "));
	assert_non_null(strstr(html, "<h1>Fish &amp; &lt;Chips&gt; &quot;x&quot;</h1>"));
	assert_non_null(strstr(html, "<h3>&lt;Oak&gt; &amp; &quot;Ash&quot;</h3>"));
	assert_non_null(strstr(html, "Reads &lt;by&gt; area &amp; &quot;kind&quot;"));
	assert_non_null(strstr(html, "no &lt;boundaries&gt;"));
	assert_non_null(strstr(html, "aria-label=\"Reads &lt;by&gt; area &amp; &quot;kind&quot;\""));
	char *prose = md_prose(md);
	static const char *const raw[] = {"<Oak>", "<Chips>", "<b>", "<by>", "<boundaries>", "<cam>"};
	for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
		if (strstr(html, raw[i]))
			fail_msg("report.html holds '%s' unescaped", raw[i]);
		if (strstr(prose, raw[i]))
			fail_msg("report.md holds '%s' unescaped outside code", raw[i]);
	}
	free(prose);
	/* in a code span the name is literal, and in a table cell its '|'-free text stands */
	assert_non_null(strstr(md, "`[metrics.csv line "));
	assert_non_null(strstr(md, "# Fish \\& \\<Chips\\> \"x\"\n"));
	assert_non_null(strstr(md, "### \\<Oak\\> \\& \"Ash\"\n"));
	free(html);
	free(md);
	fx_done(&f);
}

static void test_write_errors_name_the_file(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	ae_error err = {0, ""};
	/* a chart the set names but that is not there */
	f.chart[1].name = "absent";
	int rc = ae_briefing_write(&f.h, &f.cs, f.od, &err);
	assert_int_equal(rc, AE_EIO);
	assert_int_equal(err.status, AE_EIO);
	assert_non_null(strstr(err.msg, "chart-absent.svg"));
	char p[320];
	snprintf(p, sizeof p, "%s/report.html", f.out);
	assert_int_not_equal(access(p, F_OK), 0);
	/* report.html, then report.md, in the way of a folder of that name */
	f.cs.n = 0;
	static const char *const names[] = {"report.html", "report.md"};
	for (int k = 0; k < 2; k++) {
		snprintf(p, sizeof p, "%s/%s", f.out, names[k]);
		assert_int_equal(mkdir(p, 0777), 0);
		err.msg[0] = '\0';
		rc = ae_briefing_write(&f.h, &f.cs, f.od, &err);
		assert_int_equal(rc, AE_EIO);
		if (!strstr(err.msg, names[k]))
			fail_msg("the error does not name %s: %s", names[k], err.msg);
		assert_int_equal(rmdir(p), 0);
	}
	/* a handover that lost its areas is refused, not read as "no table" */
	f.h.areas = NULL;
	rc = ae_briefing_write(&f.h, &f.cs, f.od, &err);
	assert_int_equal(rc, AE_EUSAGE);
	/* the target folder is untouched: nothing was committed */
	char target[160];
	snprintf(target, sizeof target, "%s/out", f.s.dir);
	assert_int_not_equal(access(target, F_OK), 0);
	fx_done(&f);
}

/* The report layer reads the handover, not the aggregate or the disk: what
 * the handover says is what the briefing prints. */
static void test_reads_the_handover(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	/* the study file changed after it was loaded: the hash taken at load is cited */
	char ini[128];
	snprintf(ini, sizeof ini, "%s/study.ini", f.s.dir);
	write_file(ini, "[study]\nchanged = after the run started\n");
	brief(&f);
	char *md = slurp(f.out, "report.md");
	char want[160];
	assert_true(f.s.st->file_hash.present);
	snprintf(want, sizeof want, ", SHA-256 `%s`.", f.s.st->file_hash.sha256);
	assert_non_null(strstr(md, want));
	/* Elm is read but not listed: the data-quality section says so */
	assert_non_null(strstr(md, "Reads in Elm, which the neighbourhoods table does not list: "));
	assert_null(strstr(md, "Reads in Alder, which"));
	free(md);

	/* a handover of its own: counts, hashes and area names come from it */
	ae_tablecount tables[TB_COUNT];
	memcpy(tables, f.h.acc.tables, sizeof tables);
	tables[TB_READS].read = 123456789;
	snprintf(tables[TB_READS].sha256, sizeof tables[TB_READS].sha256, "%064d", 7);
	f.h.acc.tables = tables;
	f.h.acc.study.present = 0;
	const char *names[8];
	double pop[8];
	assert_true(f.areas.n <= 8);
	for (uint32_t n = 0; n < f.areas.n; n++) {
		names[n] = strcmp(f.areas.name[n], "Alder") == 0 ? "Elm" : f.areas.name[n];
		pop[n] = strcmp(f.areas.name[n], "Dogwood") == 0 ? 50 : f.areas.population[n];
	}
	ae_areas ar = f.areas;
	ar.name = names;
	ar.population = pop;
	f.h.areas = &ar;
	brief(&f);
	md = slurp(f.out, "report.md");
	assert_non_null(strstr(md, "| reads | `reads.csv` | 123,456,789 |"));
	snprintf(want, sizeof want, "`%064d`", 7);
	assert_non_null(strstr(md, want));
	assert_non_null(strstr(md, "Study file: `"));
	assert_non_null(strstr(md, "(its SHA-256 was not recorded)."));
	/* Elm is now listed and Alder is not; Dogwood (50 residents) is small */
	assert_non_null(strstr(md, "### Elm\n"));
	assert_null(strstr(md, "### Alder\n"));
	assert_null(strstr(md, "Reads in Elm, which"));
	assert_non_null(strstr(md, "Reads in Alder, which the neighbourhoods table does not list: "));
	assert_non_null(strstr(md, "### Dogwood\n\n**Small population"));
	assert_non_null(strstr(md, "Dogwood (50 residents)"));
	free(md);
	fx_done(&f);
}

/* Data quality names each unknown label once, with the study-file line that
 * maps it, the first three, then says there are more. */
static void test_unknown_labels_name_the_fix(void **state)
{
	(void)state;
	fx f;
	fx_full(&f, 2);
	ae_tablecount tables[TB_COUNT];
	memcpy(tables, f.h.acc.tables, sizeof tables);
	tables[TB_HITS].rejected += 5;
	tables[TB_HITS].by_reason[RJ_UNKNOWN_VALUE] += 5;
	char a[] = "'Rejected'", b[] = "'Stolen bike'", c[] = "'Expired'", d[] = "'Other thing'";
	const ae_reject rj[] = {{TB_HITS, RJ_UNKNOWN_VALUE, HC_DISPOSITION, 4, a},
				{TB_HITS, RJ_UNKNOWN_VALUE, HC_DISPOSITION, 5, a},
				{TB_HITS, RJ_UNKNOWN_VALUE, HC_HOTLIST, 6, b},
				{TB_HITS, RJ_UNKNOWN_VALUE, HC_HOTLIST, 7, c},
				{TB_HITS, RJ_UNKNOWN_VALUE, HC_HOTLIST, 8, d}};
	f.h.acc.tables = tables;
	f.h.acc.rejects = rj;
	f.h.acc.nrejects = sizeof rj / sizeof rj[0];
	brief(&f);
	char *md = slurp(f.out, "report.md");
	const char *want =
		"- hits: unknown value 5. Unknown label 'Rejected' in column disposition: map it in \\[hits\\] with "
		"`value.disposition.<one of confirmed, misread, wrong_state, stale_entry, not_actionable, unverified> = "
		"Rejected`; 'Stolen bike' in column hotlist: map it in \\[hits\\] with `value.hotlist.<one of "
		"stolen_vehicle, stolen_plate, wanted_person, missing_person, amber_alert, registration, manual, other> = "
		"Stolen bike`; 'Expired' in column hotlist: map it in \\[hits\\] with `value.hotlist.<one of "
		"stolen_vehicle, stolen_plate, wanted_person, missing_person, amber_alert, registration, manual, other> = "
		"Expired`; and more (rejects.csv lists each).\n";
	if (!strstr(md, want))
		fail_msg("report.md lacks\n%s", want);
	assert_null(strstr(md, "Other thing"));
	free(md);
	char *html = slurp(f.out, "report.html");
	assert_non_null(strstr(html, "<code>value.disposition.&lt;one of confirmed, "));
	free(html);
	fx_done(&f);
}

/* Data quality flags reads in "unknown" past 5 % of the reads, citing both
 * rows, with the fix; at 0 % it says nothing of it. */
static void test_unknown_area_flagged(void **state)
{
	(void)state;
	char head[512];
	snprintf(head, sizeof head, HEAD, 2);
	for (int flagged = 0; flagged < 2; flagged++) {
		char *reads = gen_reads(1);
		if (flagged) /* Elm's reads (one in ten) lose their area: 30 of 300 */
			for (char *p; (p = strstr(reads, ",Elm\n")) != NULL;)
				memmove(p + 1, p + 4, strlen(p + 4) + 1);
		fx f;
		memset(&f, 0, sizeof f);
		run_small(&f.s, head, reads, NULL, NULL, NULL, HOODS);
		free(reads);
		fx_report(&f);
		f.cs.missing = "";
		brief(&f);
		char *md = slurp(f.out, "report.md");
		const ae_row *un = ae_table_find(f.s.t, "reads", "neighborhood", "unknown", NULL);
		if (!flagged) {
			assert_null(un);
			assert_null(strstr(md, "are in no area"));
		} else {
			assert_non_null(un);
			assert_true(un->est == 30);
			char want[512];
			snprintf(want, sizeof want,
				 "- **10.00 %% of the reads are in no area (\xe2\x80\x9cunknown\xe2\x80\x9d), more than 5 %%**: "
				 "30 `[metrics.csv line %zu: reads, neighborhood, unknown, none]` of 300 `[metrics.csv line "
				 "2: reads, all, all, none]`. No area figure counts them",
				 (size_t)(un - f.s.t->rows) + 2);
			if (!strstr(md, want))
				fail_msg("report.md lacks\n%s\nin\n%.700s", want,
					 strstr(md, "### Gaps") ? strstr(md, "### Gaps") : md);
			assert_non_null(
				strstr(md, "map the read log's area column (`column.neighborhood` in \\[reads\\])"));
			assert_non_null(strstr(md, "or give every camera a neighbourhood in the cameras table.\n"));
			/* it comes first among the gaps */
			const char *gaps =
				strstr(md, "### Gaps and thresholds\n\n- **10.00 % of the reads are in no area");
			assert_non_null(gaps);
			assert_non_null(strstr(gaps, "- Reads in no listed area: 30 "));
		}
		free(md);
		fx_done(&f);
	}
}

/* Every peer of analysis/peers.csv, read from the file itself, is in the
 * section "peers" with its source, period and address. */
static void check_peers_listed(const char *html)
{
	size_t n;
	char *text = slurp_file(AE_PEERS_DEFAULT, &n);
	assert_non_null(text);
	ae_peers *file;
	ae_error err = {0};
	if (ae_peers_parse((const unsigned char *)text, n, AE_PEERS_DEFAULT, &file, &err))
		fail_msg("%s", err.msg);
	assert_true(ae_peers_count(file) >= 4);
	char *sec = between(html, "<section id=\"peers\"", "</section>");
	unescape(sec);
	assert_non_null(strstr(sec, "Definitions differ"));
	for (size_t i = 0; i < ae_peers_count(file); i++) {
		const ae_peer *e = ae_peers_get(file, i);
		const char *need[] = {e->agency, e->source, e->period, ae_peers_url_shown(e->url)};
		for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
			if (!strstr(sec, need[k]))
				fail_msg("peer on line %ld: '%s' not in the section", e->line, need[k]);
	}
	free(sec);
	ae_peers_free(file);
	free(text);
}

static void test_sample_city(void **state)
{
	(void)state;
	fx f;
	memset(&f, 0, sizeof f);
	run_study(&f.s, "analysis/sample-city.ini");
	strcpy(f.s.dir, "/tmp/ae-test-XXXXXX");
	assert_non_null(mkdtemp(f.s.dir));
	fx_report(&f);
	f.cs.missing = "";
	brief(&f);
	char *html = slurp(f.out, "report.html"), *md = slurp(f.out, "report.md");
	/* as the full fixture, with six outcome types and five groups */
	/* 31 figures of alerts and exposure, 9 of the search audit log, 6 of the sharing list */
	assert_int_equal(check_summary(html, f.out, f.s.st->confidence, f.s.st->min_cell), 46);
	/* six findings: reads and alerts, wrong alerts, outcomes, tracking, where, searches and sharing */
	assert_int_equal(check_key_findings(html, f.out), 18); /* 4 + 4 + 2 + 2 + 2 + 4 */
	assert_non_null(strstr(html, "<li><strong>Reads and alerts.</strong> The cameras read plates about <span"));
	assert_non_null(strstr(html, "\" data-form=\"one-in\">1 in 280 reads (between 1 in 660 and 1 in 120)</span>"));
	/* Audits, sharing and retention: every figure a cited row; recipients named */
	assert_true(check_section(html, "governance", 1, f.out, f.s.st->confidence, f.s.st->min_cell) >= 21);
	assert_non_null(strstr(html, "Immigration agencies by name: [Federal] U.S. Border Patrol - Del Rio Sector; "));
	assert_non_null(strstr(html, "searches, organization_class, federal, none\""));
	assert_non_null(strstr(html, "access_log_complete_share, field, reason, none\""));
	assert_non_null(strstr(html, "receive this agency's detections is <span class=\"fig\""));
	assert_non_null(strstr(html, "(sharing_prohibited) are not computed: the study's law is none."));
	assert_non_null(strstr(html, "The search audit log records <span class=\"fig\""));
	/* Peers: the city's figures cited rows; every peer of the shipped file quoted with its source */
	assert_true(check_section(html, "peers", 1, f.out, f.s.st->confidence, f.s.st->min_cell) >= 3);
	check_peers_listed(html);
	/* Pecan Hill (874 residents) has the highest rate but is small: Harbor is named */
	assert_non_null(strstr(html, "Harbor is read most"));
	assert_non_null(strstr(html, "<h3>Pecan Hill</h3>\n<p class=\"flag\">"));
	assert_non_null(strstr(html, "other <span class=\"fig\" data-line=\""));
	assert_non_null(strstr(html, ">not shown (fewer than 10, or held back to protect a smaller count)</span>"));
	/* the formatting rules, on the brief's own example and a few others */
	assert_non_null(strstr(html, ">0.36 % (95 % interval 0.15 %" DASH "0.87 %)</span>"));
	assert_non_null(strstr(html, ">149,548</span>"));
	assert_non_null(strstr(html, ">2.02 (95 % interval 1.97" DASH "2.06)</span>"));
	assert_non_null(strstr(html, ">0.369 (95 % interval 0.364" DASH "0.374)</span>"));
	/* reads per arrest with the clustered interval, not Garwood's 3,227-6,583 */
	assert_non_null(strstr(html, ">4,532 (95 % interval 2,221" DASH "9,245)</span>"));
	/* a narrow interval gets the decimals that tell its ends from the estimate */
	assert_non_null(strstr(html, ">1.229 (95 % interval 1.225" DASH "1.233)</span>"));
	/* areas in the neighbourhoods table's order */
	const char *at = html;
	for (uint32_t k = 0; k < f.areas.n; k++) {
		char h[128];
		snprintf(h, sizeof h, "<h3>%s</h3>", f.areas.name[k]);
		const char *q = strstr(at, h);
		if (!q)
			fail_msg("area %s missing or out of order", h);
		at = q;
	}
	/* data quality: the sample's unmapped labels with the lines that map them */
	assert_non_null(strstr(md, "- outcomes: unknown value 1. Unknown label 'vehicle\\_towed' in column type: map it "
				   "in \\[outcomes\\] with `value.type.<one of arrest, vehicle_recovered, citation, "
				   "warning, no_action, other> = vehicle_towed`.\n"));
	/* provenance: relative paths as the study gives them, the study file's hash */
	assert_non_null(strstr(md, "Study file: `analysis/sample-city.ini`, SHA-256 `"));
	assert_non_null(strstr(md, "`../data-samples/sample-city/reads.csv.gz`"));
	assert_non_null(strstr(md, f.h.acc.tables[TB_READS].sha256));
	assert_non_null(strstr(md, f.s.st->file_hash.sha256));
	/* the boundaries as they were loaded: bytes and hash from the accounting */
	assert_true(f.h.acc.boundaries.present);
	char row[256], bytes[64];
	ae_num_count(bytes, sizeof bytes, (double)f.h.acc.boundaries.bytes);
	snprintf(row, sizeof row, "| boundaries | `%s` | %s | `%s` |", f.s.st->boundaries_given, bytes,
		 f.h.acc.boundaries.sha256);
	if (!strstr(md, row))
		fail_msg("no boundaries row '%s'", row);
	assert_non_null(strstr(md, "| `seed` | 20251231 |"));
	assert_no_nan(html);
	free(html);
	free(md);
	fx_done(&f);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_figures_are_table_rows),
		cmocka_unit_test(test_area_sections_in_table_order),
		cmocka_unit_test(test_markdown_cites_the_same_rows),
		cmocka_unit_test(test_reruns_are_byte_identical),
		cmocka_unit_test(test_missing_inputs_are_said),
		cmocka_unit_test(test_suppressed_and_undefined),
		cmocka_unit_test(test_charts_inlined_with_prefixed_ids),
		cmocka_unit_test(test_no_network_resources),
		cmocka_unit_test(test_data_strings_escaped),
		cmocka_unit_test(test_write_errors_name_the_file),
		cmocka_unit_test(test_reads_the_handover),
		cmocka_unit_test(test_unknown_labels_name_the_fix),
		cmocka_unit_test(test_unknown_area_flagged),
		cmocka_unit_test(test_sample_city),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
