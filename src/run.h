/* run.h — one run of a study, the whole pipeline behind one handle:
 *   ae_run_new      load the study file (and its time zone)
 *   ae_run_ingest   one pass over the inputs into the aggregate
 *   ae_run_analyse  every analysis of analysis.c: the metrics table and the handover
 *   ae_run_write    the report folder: metrics, rejects, manifest, charts, briefing
 *   ae_run_free     everything the run holds
 * Each step needs the one before. main.c, the tests, the fuzz targets and the
 * bench all go through here. ae_run is an opaque handle owned by the caller;
 * what the accessors return belongs to the run and lives until ae_run_free.
 * Nothing here reads the environment or exits: the options say it all. */
#ifndef AE_RUN_H
#define AE_RUN_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>

typedef struct ae_run_options {
	const char *study;    /* the study file */
	const char *output;   /* the report folder; NULL: the study's `output` */
	int threads;          /* read-log threads, 1 or 2; 0: 2 on a machine with 2 cores or more */
	uint64_t split_min;   /* the smallest plain read log split between two threads, bytes */
	int progress;         /* a progress line for the read log on a terminal */
	int fast_path;        /* plain records skip libcsv (tests compare both) */
	const char *gnuplot;  /* the gnuplot binary; NULL: "gnuplot" on the PATH */
	const char *chromium; /* the browser for report.pdf; NULL: "chromium"; "none": no PDF */
	const char *period;   /* --period: replaces the study's start and end (study.h); NULL: the study's */
	const char *reads;    /* the read log instead of the study's (a shard, for partial); NULL: the study's */
} ae_run_options;

/* The defaults: threads 0, split_min 32 MiB, no progress, fast path on. */
void ae_run_options_init(ae_run_options *o);

typedef struct ae_run ae_run;

/* Loads the study: AE_EUSAGE with a message naming the file and line for a
 * bad study file or time zone. *out is set (and must be freed) even on error. */
int ae_run_new(ae_run **out, const ae_run_options *o, ae_error *err);
int ae_run_ingest(ae_run *r, ae_error *err);
/* Instead of ae_run_ingest (partial.h): the read pass only, written to file
 * as a partial aggregate; the run can go no further. */
int ae_run_partial(ae_run *r, const char *file, ae_error *err);
/* Instead of ae_run_ingest: the study's inputs but its read log, which is
 * the partials' merged in the order given; then on as after ae_run_ingest. */
int ae_run_merge(ae_run *r, const char *const *partials, size_t n, ae_error *err);
/* AE_EDATA naming the first input whose rejected share is over the study's
 * max_reject_share ("nothing written"); AE_OK otherwise. After ae_run_ingest. */
int ae_run_check_rejects(const ae_run *r, ae_error *err);
int ae_run_analyse(ae_run *r, ae_error *err);
/* Writes the report folder whole or not at all. note (may be NULL) gets a
 * line about report.pdf when none was written ("" otherwise). */
int ae_run_write(ae_run *r, char *note, size_t n, ae_error *err);
void ae_run_free(ae_run *r);

/* Read-only views. */
const ae_study *ae_run_study(const ae_run *r);
const ae_agg *ae_run_agg(const ae_run *r);           /* after ae_run_ingest */
const ae_table *ae_run_table(const ae_run *r);       /* after ae_run_analyse */
const ae_handover *ae_run_handover(const ae_run *r); /* after ae_run_analyse */
ae_accounting ae_run_accounting(const ae_run *r);    /* after ae_run_ingest */
#endif
