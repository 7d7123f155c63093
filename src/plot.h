/* plot.h — gnuplot, run with no shell in between: the script goes down a
 * pipe to gnuplot's standard input, gnuplot runs in the report folder (so the
 * saved script re-runs there as it is), and its standard error is read back:
 * gnuplot 5.4 can exit 0 after a failed plot, so any message is a failure. */
#ifndef AE_PLOT_H
#define AE_PLOT_H
#include "output.h"
#include "spawn.h"
#include "util.h"
#include <stddef.h>

/* gnuplot: the binary to run (a path, or a name looked up on the PATH). */

/* "gnuplot 5.4 patchlevel 4" into buf; AE_EIO with a message if gnuplot is missing. */
int ae_plot_version(const char *gnuplot, char *buf, size_t n, ae_error *err);

/* Saves script as chart-NAME.gp in the report folder (checked writer) and
 * runs it there; an error names the chart. */
int ae_plot_run(ae_outdir *od, const char *gnuplot, const char *name, const char *script, ae_error *err);

/* The same in two steps, so that charts can be drawn side by side: a job
 * started (AE_OK) must be waited for. */
typedef struct ae_plot_job {
	ae_proc proc;
	char name[64];
} ae_plot_job;
int ae_plot_start(ae_outdir *od, const char *gnuplot, const char *name, const char *script, ae_plot_job *job,
		  ae_error *err);
int ae_plot_wait(ae_plot_job *job, ae_error *err);
#endif
