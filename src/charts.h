/* charts.h — every chart of the briefing, drawn by gnuplot from the rows of
 * metrics.csv and the handover (the map adds the boundaries and camera points). Each chart
 * NAME is written into the report folder as chart-NAME.svg and .png with the
 * gnuplot script chart-NAME.gp and its data chart-NAME.dat beside them, so
 * `gnuplot chart-NAME.gp` in that folder redraws it.
 * ae_chartset is a plain struct owned by the caller (ae_chartset_release). */
#ifndef AE_CHARTS_H
#define AE_CHARTS_H
#include "handover.h"
#include "output.h"
#include "util.h"

typedef struct ae_chart {
	char *name;      /* e.g. "funnel": files chart-funnel.svg/.png/.gp/.dat */
	char *title;     /* what it shows, for a heading */
	char *caption;   /* one or two plain sentences: what to read from it */
} ae_chart;

typedef struct ae_chartset {
	ae_chart *charts;     /* in briefing order; only charts that were drawn */
	size_t n;
	char *missing;        /* charts left out and why, one per line ("" if none) */
	char gnuplot_version[64];
} ae_chartset;

/* Draws every chart the data allow into the report's temporary folder, with
 * the gnuplot binary named (NULL: "gnuplot" on the PATH), each analysis's in
 * the order of analysis.c. A chart gnuplot fails on is an error naming it. */
int ae_charts_draw(const ae_handover *h, ae_outdir *od, const char *gnuplot, ae_chartset *out, ae_error *err);
void ae_chartset_release(ae_chartset *c);
#endif
