/* charts.h — every chart of the briefing, drawn by gnuplot from the rows of
 * metrics.csv and the handover (the map adds the boundaries and camera points). Each chart
 * NAME is written into the report folder as chart-NAME.svg and .png with the
 * gnuplot script chart-NAME.gp and its data chart-NAME.dat beside them, so
 * `gnuplot chart-NAME.gp` in that folder redraws it.
 * ae_chartset (chartkit.h) is a plain struct owned by the caller (ae_chartset_release). */
#ifndef AE_CHARTS_H
#define AE_CHARTS_H
#include "chartkit.h"
#include "handover.h"
#include "output.h"
#include "util.h"

/* Draws every chart the data allow into the report's temporary folder, with
 * the gnuplot binary named (NULL: "gnuplot" on the PATH), each analysis's in
 * the order of analysis.c. A chart gnuplot fails on is an error naming it. */
int ae_charts_draw(const ae_handover *h, ae_outdir *od, const char *gnuplot, ae_chartset *out, ae_error *err);
#endif
