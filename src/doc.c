/* doc.c — see doc.h. */
#include "doc.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ae_doc_init(ae_doc *d)
{
	memset(d, 0, sizeof *d);
	ae_buf_init(&d->html);
	ae_buf_init(&d->md);
}

void ae_doc_release(ae_doc *d)
{
	ae_buf_release(&d->html);
	ae_buf_release(&d->md);
	memset(d, 0, sizeof *d);
}

void ae_html_text(ae_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			ae_buf_add(b, "&amp;", 5);
		else if (c == '<')
			ae_buf_add(b, "&lt;", 4);
		else if (c == '>')
			ae_buf_add(b, "&gt;", 4);
		else if (c == '"')
			ae_buf_add(b, "&quot;", 6);
		else
			ae_buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
}

/* Backslash-escapes what Markdown would read as markup; control characters
 * (a CSV field may hold a newline) become spaces so a line stays a line. */
void ae_md_text(ae_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			ae_buf_addc(b, ' ');
		else {
			if (strchr("\\`*_[]<>&~|#", c))
				ae_buf_addc(b, '\\');
			ae_buf_addc(b, (char)c);
		}
	}
}

/* A code span whose fence is longer than any run of backticks inside. */
void ae_md_code(ae_buf *b, const char *s, int cell)
{
	size_t run = 0, longest = 0, n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	int pad = n && (s[0] == '`' || s[n - 1] == '`');
	for (size_t i = 0; i <= longest; i++)
		ae_buf_addc(b, '`');
	if (pad)
		ae_buf_addc(b, ' ');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '|' && cell)
			ae_buf_add(b, "\\|", 2);
		else
			ae_buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	if (pad)
		ae_buf_addc(b, ' ');
	for (size_t i = 0; i <= longest; i++)
		ae_buf_addc(b, '`');
}

void ae_doc_raw(ae_doc *d, const char *html, const char *md)
{
	if (html)
		ae_buf_add(&d->html, html, strlen(html));
	if (md)
		ae_buf_add(&d->md, md, strlen(md));
}

void ae_doc_put(ae_doc *d, const char *s)
{
	ae_html_text(&d->html, s);
	ae_md_text(&d->md, s);
}

void ae_doc_putf(ae_doc *d, const char *fmt, ...)
{
	char buf[1024], *s = buf;
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	if (n >= (int)sizeof buf) { /* rare: a long name; printed whole, not cut */
		s = ae_malloc((size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	va_end(ap);
	if (n > 0)
		ae_doc_put(d, s);
	if (s != buf)
		free(s);
}

void ae_doc_code(ae_doc *d, const char *s)
{
	ae_doc_raw(d, "<code>", NULL);
	ae_html_text(&d->html, s);
	ae_doc_raw(d, "</code>", NULL);
	ae_md_code(&d->md, s, d->cell);
}

void ae_doc_section_open(ae_doc *d, const char *id, const char *title)
{
	d->sections++;
	ae_doc_raw(d, "<section id=\"", NULL);
	ae_html_text(&d->html, id);
	ae_doc_raw(d, "\" class=\"major\">\n<h2>", "## ");
	ae_doc_put(d, title);
	ae_doc_raw(d, "</h2>\n", "\n\n");
}

void ae_doc_section_close(ae_doc *d) { ae_doc_raw(d, "</section>\n", NULL); }

void ae_doc_h3(ae_doc *d, const char *title)
{
	ae_doc_raw(d, "<h3>", "### ");
	ae_doc_put(d, title);
	ae_doc_raw(d, "</h3>\n", "\n\n");
}

void ae_doc_para(ae_doc *d) { ae_doc_raw(d, "<p>", NULL); }

static void trim_end(ae_buf *b)
{
	while (b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
}

void ae_doc_para_end(ae_doc *d)
{
	trim_end(&d->html);
	trim_end(&d->md);
	ae_doc_raw(d, "</p>\n", "\n\n");
}

void ae_doc_list(ae_doc *d) { ae_doc_raw(d, "<ul>\n", NULL); }
void ae_doc_list_end(ae_doc *d) { ae_doc_raw(d, "</ul>\n", "\n"); }
void ae_doc_item(ae_doc *d) { ae_doc_raw(d, "<li>", "- "); }
void ae_doc_item_end(ae_doc *d) { ae_doc_raw(d, "</li>\n", "\n"); }

void ae_doc_table_open(ae_doc *d, const char *align, const char *const *heads)
{
	d->align = align;
	d->ncols = (int)strlen(align);
	ae_doc_raw(d, "<table>\n<thead><tr>", "|");
	for (int i = 0; i < d->ncols; i++) {
		ae_doc_raw(d, align[i] == 'r' ? "<th class=\"num\">" : "<th>", " ");
		ae_doc_put(d, heads[i]);
		ae_doc_raw(d, "</th>", " |");
	}
	ae_doc_raw(d, "</tr></thead>\n<tbody>\n", "\n|");
	for (int i = 0; i < d->ncols; i++)
		ae_doc_raw(d, NULL, align[i] == 'r' ? "---:|" : "---|");
	ae_doc_raw(d, NULL, "\n");
}

void ae_doc_row_open(ae_doc *d)
{
	d->col = 0;
	ae_doc_raw(d, "<tr>", "|");
}

void ae_doc_cell(ae_doc *d)
{
	/* a cell past the table's columns is left-aligned, not read past align */
	int right = d->col < d->ncols && d->align[d->col] == 'r';
	ae_doc_raw(d, right ? "<td class=\"num\">" : "<td>", " ");
	d->cell = 1;
}

void ae_doc_cell_end(ae_doc *d)
{
	d->cell = 0;
	d->col++;
	ae_doc_raw(d, "</td>", " |");
}

void ae_doc_cell_text(ae_doc *d, const char *s)
{
	ae_doc_cell(d);
	ae_doc_put(d, s);
	ae_doc_cell_end(d);
}

void ae_doc_row_end(ae_doc *d) { ae_doc_raw(d, "</tr>\n", "\n"); }
void ae_doc_table_close(ae_doc *d) { ae_doc_raw(d, "</tbody>\n</table>\n", "\n"); }
