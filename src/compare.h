/* compare.h — `alpr-eval compare`: two studies (or two periods of one) run
 * in memory, and the change in every rate they share written to a folder
 * whole or not at all: changes.csv, manifest.json, two charts and a "what
 * changed" page (doc/compare.md). Nothing here exits or reads the
 * environment; the options say it all. */
#ifndef AE_COMPARE_H
#define AE_COMPARE_H
#include "study.h"
#include "util.h"
#include <stdint.h>

typedef struct ae_compare_options {
	const char *study[2];  /* A, then B: the same file for two periods */
	const char *period[2]; /* --period of each side; NULL: the study's own start and end */
	const char *output;    /* the folder; NULL: compare-NAMEA-NAMEB beside A's report, or OUTPUT-P1-vs-P2 */
	const char *gnuplot;   /* NULL: "gnuplot" on the PATH */
	uint64_t split_min;    /* as ae_run_options' */
	int progress;
} ae_compare_options;

void ae_compare_options_init(ae_compare_options *o);
/* The whole command: AE_EUSAGE for a refusal (the message says the fix).
 * *out (the caller frees it) gets the folder written, or NULL. */
int ae_compare_run(const ae_compare_options *o, char **out, ae_error *err);
#endif
