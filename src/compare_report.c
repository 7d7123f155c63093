/* compare_report.c — see compare_report.h. */
#include "compare_report.h"

int ae_compare_report(const ae_changes *c, ae_outdir *od, const char *gnuplot, ae_error *err)
{
	(void)c;
	(void)od;
	(void)gnuplot;
	(void)err;
	return AE_OK;
}
