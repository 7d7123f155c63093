/* brief.h — the briefing kit: the context shared while one briefing is
 * written, the row look-up and the figure-and-citation helpers every
 * section uses, and the briefing's own sections. Used by the briefing's
 * files (briefing.c, brief.c, brief_*.c) and by each analysis's summary and
 * section (registered in analysis.c), which read only the table and the
 * handover through it. A brief borrows everything it points to from the
 * handover and the caller; brief_init / brief_release own only its indexes
 * and doc. */
#ifndef AE_BRIEF_H
#define AE_BRIEF_H
#include "chartkit.h"
#include "handover.h"
#include "output.h"
#include "util.h"
#include "doc.h"
#include "hashtab.h"
#include "numfmt.h"
#include <stddef.h>
#include <stdint.h>

#define EN_DASH "\xe2\x80\x93"
/* v with two significant digits, grouped ("150,000", "21", "9.4", "0.36"). */
void brief_sig2(char *out, size_t n, double v);
#define EM_DASH "\xe2\x80\x94"

typedef struct brief {
	const ae_handover *h;
	const ae_study *st; /* h->st */
	const ae_table *t;  /* h->t */
	const ae_areas *ar; /* h->areas: NULL without a neighbourhoods table */
	const ae_chartset *ch;
	const char *dir; /* the report's temporary folder, where the charts are */
	ae_strtab *keys; /* "metric\0dimension\0group[\0method]" -> rowof index */
	size_t *rowof;
	ae_strtab *listed; /* listed area names, for "is this area listed?" */
	ae_doc d;
	char conf[32];             /* the study's confidence level in percent, e.g. "95" */
	int hits, outcomes, hoods; /* which optional inputs the study has */
	int few_said_in;           /* the section that last said in full what "few vehicles" means; -1 none */
} brief;

/* Indexes the table's rows and the listed areas; dir holds the charts. */
void brief_init(brief *b, const ae_handover *h, const ae_chartset *charts, const char *dir);
void brief_release(brief *b);

/* The first row with this metric, dimension and group (and method, unless
 * NULL), as ae_table_find would give; NULL if none. */
const ae_row *brief_find(const brief *b, const char *m, const char *dim, const char *g, const char *meth);
/* The row's line in metrics.csv (the header is line 1). */
size_t brief_line(const brief *b, const ae_row *r);
/* The row's figure in words (kind: enum ae_figkind), marked with its line. */
void brief_value(brief *b, const ae_row *r, int kind);
/* [metrics.csv line N: metric, dimension, group, method] as code. */
void brief_cite(brief *b, const ae_row *r);
/* brief_value, a space, brief_cite. */
void brief_figure(brief *b, const ae_row *r, int kind);
/* lead, then brief_figure, then tail; nothing at all when r is NULL (a row
 * the study could not make). */
void brief_sentence(brief *b, const char *lead, const ae_row *r, int kind, const char *tail);
/* A table row: label, the row's figure (or absent when r is NULL), its
 * citation (or a dash). */
void brief_table_line(brief *b, const char *label, const ae_row *r, int kind, const char *absent);
/* Opens a table row about input t: its name and its path as the study gives it. */
void brief_input_cells(brief *b, int t);
/* The study's false-positive set in words: "the plate was misread, ... or ...". */
void brief_fp_set_words(brief *b);
/* Listed area n (table order): its name; under the small-population threshold? */
const char *brief_area_name(const brief *b, uint32_t n);
int brief_is_small(const brief *b, uint32_t n);

/* The sections, in the page's order. Only the charts can fail (a chart
 * SVG that cannot be read). */
/* Key findings and what the briefing does not cover (brief_key.c). */
void brief_key_findings(brief *b);
void brief_summary(brief *b);
int brief_charts(brief *b, ae_error *err);
/* One chart as a figure (class "detail" unless brief_chart_printed: print
 * and the handout leave those out); fails when its SVG cannot be read. */
int brief_chart_figure(brief *b, const ae_chart *c, ae_error *err);
/* 0, or the chart's rank among the printed ones (1: the first). */
int brief_chart_printed(const char *name);
void brief_methods(brief *b);
void brief_quality(brief *b);
void brief_provenance(brief *b);
#endif
