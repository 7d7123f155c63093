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
	" sup.cite{color:#333}\n"
	" section.key{background:none;margin:.4rem 0;padding:0 .8rem .3rem}\n"
	"}\n";

static void page_head(brief *b)
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
	ae_doc_raw(d,
		   "</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">ALPR programme briefing</p>\n"
		   "<h1>",
		   "# ");
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
	return rc;
}
