/* doc.h — a document written as HTML and as Markdown side by side: every
 * call adds to both renderings (raw markup names what goes into each), so
 * the two never drift. Text is escaped for each; the caller only chooses
 * structure. ae_doc is a plain struct owned by the caller (ae_doc_init /
 * ae_doc_release); the finished renderings are its html and md buffers. */
#ifndef AE_DOC_H
#define AE_DOC_H
#include "util.h"

typedef struct ae_doc {
	ae_buf html, md;
	int cell;          /* inside a Markdown table cell: '|' must be escaped even in code */
	const char *align; /* current table: 'l' or 'r' per column */
	int col, ncols;
	int sections; /* sections opened so far */
} ae_doc;

void ae_doc_init(ae_doc *d);
void ae_doc_release(ae_doc *d);

/* Escaping into a buffer, for writers that build markup of their own:
 * HTML text (also fit for a quoted attribute value), Markdown text, and a
 * Markdown code span (cell: inside a table cell, where '|' ends the cell).
 * Control characters become spaces, so a line stays a line. */
void ae_html_text(ae_buf *b, const char *s);
void ae_md_text(ae_buf *b, const char *s);
void ae_md_code(ae_buf *b, const char *s, int cell);

/* Markup, different per rendering; NULL writes nothing to that one. */
void ae_doc_raw(ae_doc *d, const char *html, const char *md);
/* Text, escaped for each rendering. */
void ae_doc_put(ae_doc *d, const char *s);
void ae_doc_putf(ae_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text shown literally: <code> and a Markdown code span. */
void ae_doc_code(ae_doc *d, const char *s);

/* A major section (id: its anchor) and a heading within one. */
void ae_doc_section_open(ae_doc *d, const char *id, const char *title);
void ae_doc_section_close(ae_doc *d);
void ae_doc_h3(ae_doc *d, const char *title);
/* A paragraph; trailing blanks are trimmed at its end. */
void ae_doc_para(ae_doc *d);
void ae_doc_para_end(ae_doc *d);
void ae_doc_list(ae_doc *d);
void ae_doc_list_end(ae_doc *d);
void ae_doc_item(ae_doc *d);
void ae_doc_item_end(ae_doc *d);

/* A table: align has one letter per column, 'l' or 'r' (numbers), and
 * heads as many headings; align must outlive the table. */
void ae_doc_table_open(ae_doc *d, const char *align, const char *const *heads);
void ae_doc_row_open(ae_doc *d);
void ae_doc_cell(ae_doc *d);
void ae_doc_cell_end(ae_doc *d);
/* A whole cell of plain text. */
void ae_doc_cell_text(ae_doc *d, const char *s);
void ae_doc_row_end(ae_doc *d);
void ae_doc_table_close(ae_doc *d);
#endif
