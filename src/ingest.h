/* ingest.h — one pass over a study's inputs into an ae_agg: cameras, then
 * hits and outcomes (small: kept), then the read log streamed once, then
 * the hits settled (linked in period, out of period, or rejected).
 * The caller owns the study, the aggregate and the time-zone handle. */
#ifndef AE_INGEST_H
#define AE_INGEST_H
#include "aggregate.h"
#include "study.h"
#include "timeparse.h"

int ae_ingest(const ae_study *st, ae_tz *tz, ae_agg *a, ae_error *err);
/* A progress line for the read log on a terminal (main turns it on unless --quiet). */
void ae_ingest_progress(int on);
/* Threads for the read log (1 or 2; 1 unless called), and the smallest
 * file split in two. One or two threads give the same aggregate. */
void ae_ingest_threads(int n, uint64_t min_bytes);

/* Upper case, no spaces, tabs or dashes; returns the new length (<= n). */
size_t ae_plate_normalise(const char *s, size_t n, char *out);
#endif
