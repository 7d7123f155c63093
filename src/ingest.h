/* ingest.h — one pass over a study's inputs into an ae_agg: cameras, then
 * hits and outcomes (small: kept), then the read log streamed once, then
 * the hits settled (linked in period, out of period, or rejected).
 * The caller owns the study, the aggregate and the time-zone handle. */
#ifndef AE_INGEST_H
#define AE_INGEST_H
#include "aggregate.h"
#include "study.h"
#include "timeparse.h"


/* How the pass runs; none of it changes what it finds. */
typedef struct ae_ingest_opts {
	int threads;        /* for the read log: 1 or 2 (one or two give the same aggregate) */
	uint64_t split_min; /* the smallest plain read log split between two threads, bytes */
	int progress;       /* a progress line for the read log on a terminal */
	int fast_path;      /* plain records skip libcsv (tests turn it off to compare) */
	/* partial.h: stop after the read log (no hits settled, no ae_agg_finish,
	 * no later table), for a partial aggregate */
	int stop_after_reads;
	/* partial.h: instead of reading the read log, fill the aggregate from
	 * partials (called after the tables the read log links to); NULL: read it */
	int (*reads_from)(void *user, const ae_study *st, ae_agg *a, ae_error *err);
	void *reads_user;
} ae_ingest_opts;
/* threads 1, split_min 32 MiB, no progress, fast path on, the read log read. */
void ae_ingest_opts_init(ae_ingest_opts *o);
int ae_ingest(const ae_study *st, ae_tz *tz, const ae_ingest_opts *o, ae_agg *a, ae_error *err);
#endif
