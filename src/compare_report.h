/* compare_report.h — the comparison's charts (two forest plots, each with
 * its .gp and .dat) and its "what changed" page (report.html, report.md),
 * written into a folder being built (output.h). Reads only the changes. */
#ifndef AE_COMPARE_REPORT_H
#define AE_COMPARE_REPORT_H
#include "compare.h"
#include "output.h"

int ae_compare_report(const ae_changes *c, ae_outdir *od, const char *gnuplot, ae_error *err);
#endif
