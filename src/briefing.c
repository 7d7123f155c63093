/* briefing.c — the committee briefing (see briefing.h): report.html and
 * report.md, built side by side by the same code so the two never drift.
 *
 * Every number in the summary is printed from a row of the metrics table
 * and followed by that row's line in metrics.csv (line = row index + 2).
 * Numbers are formatted here with integer arithmetic (no locale, no %g), no
 * clock is read and no path is made absolute, so reruns give the same bytes.
 * Strings from data are escaped for HTML or Markdown. Charts are inlined as
 * SVG with their ids prefixed and anything that could load a resource
 * (scripts, styles, external links) removed: the page needs no network.
 *
 * This file holds the page around the sections (head, style sheet, table
 * of contents) and the order of the sections; doc.c writes the two
 * renderings, numfmt.c the numbers, svgclean.c the inlined charts, brief.c
 * the figures and citations, and brief_*.c one section each. */
#include "brief.h"
#include "analysis.h"

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
	"sup.cite{color:var(--muted);font-size:.62em;font-weight:400;font-family:system-ui,sans-serif;"
	"margin-left:.12em;cursor:help}\n"
	"td sup.cite{vertical-align:baseline;font-size:.85em}\n"
	"section.key{border:1px solid var(--rule);border-top:4px solid var(--accent);background:#f7fafc;"
	"padding:.3rem 1.1rem .6rem;margin:1.2rem 0}\n"
	"section.key h2{border:0;margin:.6rem 0 .4rem;padding:0}\n"
	"section.key li{margin:.45rem 0}\n"
	".fig{font-weight:600}\n"
	".flag{border-left:6px solid var(--warn);background:var(--shade);padding:.4rem .7rem;font-weight:700;"
	"font-family:system-ui,sans-serif}\n"
	"figure{margin:1.5rem 0}\n"
	"figure svg{display:block;max-width:100%;height:auto}\n"
	"figcaption{color:var(--muted);font-size:.9rem;margin-top:.4rem}\n"
	".print-only{display:none}\n"
	"@page{margin:14mm 15mm}\n"
	/* print: what a committee reads (key findings, summary, the chosen
	 * charts, audits, peers); the per-area tables, the other charts, methods,
	 * data quality and provenance stay in report.html, which the print says */
	"@media print{\n"
	" body{max-width:none;padding:0;font-size:10pt;line-height:1.35;color:#000;background:none}\n"
	" h1{font-size:17pt} h2{font-size:13pt;margin:1.1em 0 .4em} h3{font-size:11pt;margin:.9em 0 .3em}\n"
	" p{margin:.4em 0} li{margin:.2em 0}\n"
	" nav,#areas,#methods,#quality,#provenance,.detail,.screen-only{display:none}\n"
	" .print-only{display:block}\n"
	" #charts,#handout-charts{break-before:page;page-break-before:always}\n"
	" h2,h3{break-after:avoid;page-break-after:avoid}\n"
	" figure,tr,.flag,.area,section.key li{break-inside:avoid;page-break-inside:avoid}\n"
	" figure{margin:.6em 0 1em}\n"
	" figure svg{max-height:92mm;width:auto;margin:0 auto}\n"
	" table{font-size:8.5pt}\n"
	" .flag{background:none}\n"
	"}\n";

/* The page's head and the header: title, period, how figures are cited. */
static void page_top(brief *b, const char *kicker)
{
	ae_doc *d = &b->d;
	const ae_study *st = b->st;
	const char *title = st->title ? st->title : "ALPR study";
	ae_doc_raw(d,
		   "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		   NULL);
	ae_html_text(&d->html, title);
	ae_doc_raw(d, " " EM_DASH " briefing</title>\n<style>\n", NULL);
	ae_doc_raw(d, css, NULL);
	ae_doc_raw(d, "</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">", NULL);
	ae_html_text(&d->html, kicker);
	ae_doc_raw(d, "</p>\n<h1>", "# ");
	ae_doc_put(d, title);
	ae_doc_raw(d, "</h1>\n", "\n\n");
	ae_doc_para(d);
	ae_doc_putf(d, "Study period %s to %s, local dates in %s. Intervals are %s %% intervals. ",
		    st->start_s ? st->start_s : "", st->end_s ? st->end_s : "", st->timezone ? st->timezone : "",
		    b->conf);
	ae_doc_raw(d,
		   "Every figure is a row of metrics.csv in this folder: the small raised number after it is the "
		   "row&#39;s line (on screen, point at it for the row&#39;s name).",
		   "Every figure is a row of metrics.csv in this folder, and the citation after it gives the line.");
	ae_doc_para_end(d);
}

static void page_head(brief *b)
{
	ae_doc *d = &b->d;
	const ae_study *st = b->st;
	page_top(b, "ALPR programme briefing");
	ae_doc_raw(d,
		   "<p class=\"print-only\">This print holds the key findings, the summary, the main charts, audits "
		   "and peers. The per-area tables, every chart, the methods, data quality and provenance are in "
		   "report.html beside it.</p>\n",
		   NULL);
	ae_doc_raw(d, "</header>\n", NULL);
	brief_key_findings(b);
	ae_doc_raw(d,
		   "<nav>\n<ol>\n<li><a href=\"#key-findings\">Key findings</a></li>\n<li><a href=\"#summary\">Summary</a></li>\n",
		   NULL);
	for (size_t i = 0; i < ae_nanalyses; i++) {
		const ae_analysis *an = &ae_analyses[i];
		if (!an->section || !ae_analysis_runs(an, st))
			continue;
		ae_doc_raw(d, "<li><a href=\"#", NULL);
		ae_doc_raw(d, an->section_id, NULL);
		ae_doc_raw(d, "\">", NULL);
		ae_html_text(&d->html, an->section_title);
		ae_doc_raw(d, "</a></li>\n", NULL);
	}
	ae_doc_raw(d,
		   "<li><a href=\"#charts\">Charts</a></li>\n"
		   "<li><a href=\"#methods\">Methods</a></li>\n<li><a href=\"#quality\">Data quality</a></li>\n"
		   "<li><a href=\"#provenance\">Provenance</a></li>\n</ol>\n</nav>\n",
		   NULL);
}

/* handout.html: two printed pages, the key findings and then the first two
 * of the printed charts, for a committee's packet. It says where the rest is. */
static int handout_write(const ae_handover *h, const ae_chartset *charts, ae_outdir *od, ae_error *err)
{
	brief b;
	brief_init(&b, h, charts, ae_outdir_path(od));
	ae_doc *d = &b.d;
	page_top(&b, "ALPR programme briefing " EM_DASH " handout");
	ae_doc_raw(d,
		   "<p>The key findings and the main charts of the briefing. The whole briefing, with every "
		   "figure's interval, the per-area tables, the methods and the data's quality, is report.html "
		   "(and report.pdf) in this folder.</p>\n</header>\n",
		   NULL);
	brief_key_findings(&b);
	int rc = AE_OK;
	ae_doc_raw(d, "<section id=\"handout-charts\" class=\"major\">\n", NULL);
	for (int rank = 1, n = 0; !rc && charts && rank <= 6 && n < 2; rank++) /* the two first in print order */
		for (size_t i = 0; !rc && i < charts->n; i++)
			if (brief_chart_printed(charts->charts[i].name) == rank) {
				rc = brief_chart_figure(&b, &charts->charts[i], err);
				n++;
			}
	ae_doc_raw(d, "</section>\n</body>\n</html>\n", NULL);
	if (!rc)
		rc = ae_outdir_write(od, "handout.html", d->html.data, d->html.len, err);
	brief_release(&b);
	return rc;
}

int ae_briefing_write(const ae_handover *h, const ae_chartset *charts, ae_outdir *od, ae_error *err)
{
	if (h->st->input[TB_HOODS].present && h->st->input[TB_READS].present && !h->areas)
		return ae_fail(err, AE_EUSAGE, "briefing: the handover has a neighbourhoods table but no areas");
	brief b;
	brief_init(&b, h, charts, ae_outdir_path(od));
	page_head(&b);
	brief_summary(&b);
	for (size_t i = 0; i < ae_nanalyses; i++) { /* each analysis's own section, in the table's order */
		const ae_analysis *an = &ae_analyses[i];
		if (!an->section || !ae_analysis_runs(an, h->st))
			continue;
		ae_doc_section_open(&b.d, an->section_id, an->section_title);
		an->section(&b);
		ae_doc_section_close(&b.d);
	}
	int rc = brief_charts(&b, err);
	if (!rc) {
		brief_methods(&b);
		brief_quality(&b);
		brief_provenance(&b);
		ae_doc_raw(&b.d, "</body>\n</html>\n", NULL);
		rc = ae_outdir_write(od, "report.html", b.d.html.data, b.d.html.len, err);
	}
	if (!rc)
		rc = ae_outdir_write(od, "report.md", b.d.md.data, b.d.md.len, err);
	brief_release(&b);
	if (!rc)
		rc = handout_write(h, charts, od, err);
	return rc;
}
