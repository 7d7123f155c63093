/* brief_charts.c — the charts section: each drawn chart's SVG inlined
 * (cleaned by svgclean) with its title and caption in the HTML, an image
 * link in the Markdown, then the charts left out and why. */
#include "brief.h"
#include "svgclean.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The charts a printed briefing keeps (report.html shows them all): the
 * few a committee reads first, two pages of them. The first two drawn are
 * the handout's. The rest are
 * marked "detail" and left out of print and the handout. */
static const char *const printed[] = {"funnel",      "map",        "dispositions", "exposure_neighborhood",
				      "crime-rates", "crime-event"};

int brief_chart_printed(const char *name)
{
	for (size_t i = 0; i < sizeof printed / sizeof printed[0]; i++)
		if (strcmp(name, printed[i]) == 0)
			return (int)i + 1;
	return 0;
}

/* One chart as a figure: its title, the SVG inlined, its caption. */
int brief_chart_figure(brief *b, const ae_chart *c, ae_error *err)
{
	ae_doc *d = &b->d;
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
	ae_doc_raw(d, brief_chart_printed(c->name) ? "<figure>\n" : "<figure class=\"detail\">\n", NULL);
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
	return AE_OK;
}

int brief_charts(brief *b, ae_error *err)
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
		int rc = brief_chart_figure(b, &cs->charts[i], err);
		if (rc)
			return rc;
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
