/* charts.c — see charts.h. Each analysis draws its own charts (its row in
 * analysis.c) from the metrics table and the handover; this file runs them
 * in the table's order and collects what was drawn and what was not. Fonts,
 * sizes and colours are fixed, and no date is written: the same table gives
 * the same scripts, data and SVGs. */
#include "charts.h"
#include "analysis.h"
#include "chartkit.h"
#include <stdlib.h>
#include <string.h>

int ae_charts_draw(const ae_handover *h, ae_outdir *od, const char *gnuplot, ae_chartset *out, ae_error *err)
{
	memset(out, 0, sizeof *out);
	ae_chartctx c = {.h = h, .od = od, .gnuplot = gnuplot ? gnuplot : "gnuplot", .out = out, .err = err};
	ae_buf_init(&c.missing);
	int rc = ae_plot_version(c.gnuplot, out->gnuplot_version, sizeof out->gnuplot_version, err);
	for (size_t i = 0; !rc && i < ae_nanalyses; i++)
		if (ae_analyses[i].charts && ae_analysis_runs(&ae_analyses[i], h->st))
			rc = ae_analyses[i].charts(&c);
	rc = ae_chart_wait_all(&c, rc);
	if (!rc)
		rc = ae_check_stop(err);
	out->missing = ae_strdup(c.missing.data ? c.missing.data : "");
	ae_buf_release(&c.missing);
	if (rc)
		ae_chartset_release(out);
	return rc;
}
