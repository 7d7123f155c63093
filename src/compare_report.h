/* compare_report.h — the changes of a comparison (compare.c makes them),
 * its charts (two forest plots, each with its .gp and .dat) and its "what
 * changed" page (report.html, report.md), written into a folder being built
 * (output.h). Reads only the changes. */
#ifndef AE_COMPARE_REPORT_H
#define AE_COMPARE_REPORT_H
#include "output.h"
#include "study.h"
#include "util.h"
#include <stddef.h>

/* One row of changes.csv. Strings are borrowed from side A's table (or static). */
typedef struct ae_change {
	const char *metric, *dimension, *group;
	const char *row_method;        /* the rows' method (the unsuppressed side's when one is suppressed) */
	double a, b;                   /* the two estimates; NAN: empty */
	double a_lo, a_hi, b_lo, b_hi; /* their intervals (the charts'); NAN: empty */
	double change, lo, hi;         /* NAN: empty */
	const char *kind;              /* "difference" or "ratio" */
	const char *method;            /* the change's interval method, "none" or "suppressed" */
} ae_change;

/* The changes of a comparison, owned by ae_compare_run; the report reads it. */
typedef struct ae_changes {
	ae_change *v;
	size_t n;
	const ae_study *st[2];
	double confidence;
} ae_changes;

int ae_compare_report(const ae_changes *c, ae_outdir *od, const char *gnuplot, ae_error *err);
#endif
