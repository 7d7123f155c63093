/* chartkit.h — what every chart shares: the context an analysis's chart
 * step gets (the handover: study, metrics table, areas; never the
 * aggregate), gnuplot quoting, the chart's data file through the report
 * folder's checked writer, the common script head, and the start of a
 * gnuplot job (two run side by side). A chart NAME leaves chart-NAME.gp,
 * .dat, .svg and .png in the folder. The context is a plain struct owned by
 * charts.c for the length of one ae_charts_draw. */
#ifndef AE_CHARTKIT_H
#define AE_CHARTKIT_H
#include "handover.h"
#include "output.h"
#include "plot.h"
#include "util.h"
#include <stdio.h>

/* Okabe-Ito: colour-blind safe */
#define AE_BLUE "#0072B2"
#define AE_ORANGE "#E69F00"
#define AE_VERMILLION "#D55E00"
#define AE_GREEN "#009E73"

typedef struct ae_chart {
	char *name;    /* e.g. "funnel": files chart-funnel.svg/.png/.gp/.dat */
	char *title;   /* what it shows, for a heading */
	char *caption; /* one or two plain sentences: what to read from it */
} ae_chart;

typedef struct ae_chartset {
	ae_chart *charts; /* in briefing order; only charts that were drawn */
	size_t n;
	char *missing; /* charts left out and why, one per line ("" if none) */
	char gnuplot_version[64];
} ae_chartset;

void ae_chartset_release(ae_chartset *c);

typedef struct ae_chartctx {
	const ae_handover *h;
	ae_outdir *od;
	const char *gnuplot;
	ae_chartset *out;
	ae_buf missing; /* "name: why" per chart not drawn */
	ae_error *err;
	ae_plot_job jobs[2]; /* gnuplot's start-up is most of a chart: two at a time */
	int njobs, first;
} ae_chartctx;

/* A chart the data cannot support: said in the briefing with why. */
void ae_chart_missing(ae_chartctx *c, const char *name, const char *why);
/* A gnuplot double-quoted string. */
void ae_chart_quote(ae_buf *b, const char *s);
/* A label in a data file: double-quoted, inner quotes made single. */
void ae_chart_label(FILE *f, const char *s);
/* chart-NAME.dat, opened and closed through the report folder's checked writer. */
FILE *ae_chart_dat_open(ae_chartctx *c, const char *name, const char *suffix);
int ae_chart_dat_close(ae_chartctx *c, FILE *f, const char *name);
const ae_row *ae_chart_find(const ae_chartctx *c, const char *m, const char *d, const char *g, const char *meth);
/* The font size (canvas units) for a chart w units wide: text that prints
 * at 9 pt or more when the chart fills a page's width (178 mm); and the
 * same text in the PNG's points. Every text of a chart is at least this. */
int ae_chart_font(int w);
int ae_chart_png_font(int w);
/* A count axis ("y", "y2") from 0 past top, its ticks written with
 * thousands grouped by numfmt (not gnuplot's locale). */
void ae_chart_count_axis(ae_buf *s, const char *axis, double top);
/* The script's head: terminal, output, title with the study and period. */
void ae_chart_begin(ae_chartctx *c, ae_buf *s, const char *name, const char *title, int w, int h);
/* The same for a chart of another period than the study's (the crime effect's window). */
void ae_chart_begin_period(ae_chartctx *c, ae_buf *s, const char *name, const char *title, int w, int h,
			   const char *from, const char *to);
/* Adds the PNG rendering, starts gnuplot on the script (s is released),
 * records the chart for the briefing. */
int ae_chart_finish(ae_chartctx *c, ae_buf *s, const char *name, const char *title, const char *caption, int w, int h);
/* Waits for every chart still drawing; the first failure (rc, else the
 * first that fails now) is returned. */
int ae_chart_wait_all(ae_chartctx *c, int rc);
int ae_chart_wait_oldest(ae_chartctx *c);
/* What a tick of ae_chart_intervals says of its sample: nothing, "k of n"
 * (a share's numerator and denominator) or "n residents". */
enum { AE_NLABEL_NONE, AE_NLABEL_OF, AE_NLABEL_RESIDENTS };
/* Rows of metric x dim as points with interval bars, highest first: the
 * cluster_plate rows where there are any, else the others. scale: 100 for percentages; small: mark
 * groups under the study's small_population and plot them after the
 * others, apart, without setting the scale (one past it is drawn at the
 * top with its value); nlabel: AE_NLABEL_*; ref: a dashed line at this y
 * (NAN: none). Codes are in plain words (labels.h). Not drawn (and said) when no row has an estimate. */
int ae_chart_intervals(ae_chartctx *c, const char *name, const char *metric, const char *dim, const char *title,
		       const char *ylabel, const char *caption, double scale, int small, int nlabel, double ref);
#endif
