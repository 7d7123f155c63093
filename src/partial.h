/* partial.h — partial aggregates: one shard of a study's read log (a month,
 * an agency, a slice of a big file), aggregated by `alpr-eval partial` and
 * combined by `alpr-eval merge` into the report of one run over the shards
 * together (doc/partials.md says what "together" means and what is refused).
 *
 * A partial is the aggregate's read-log part after the read pass and before
 * ae_agg_finish: per-camera, area, month, day and age counts, the vehicles
 * (keyed plate hashes, never plates) with their reads per cell, the hits its
 * reads link, the read log's rejects. The tables the read log links to
 * (areas, boundaries, cameras, hits, outcomes) are not in it: the merge reads
 * them from its own study, and a partial's fingerprint says they were the same.
 *
 * The file: magic, format version, length, tool version, the study
 * fingerprint, the plate key's identity, tagged sections, and a SHA-256 of
 * everything before it. Nothing is kept between calls. */
#ifndef AE_PARTIAL_H
#define AE_PARTIAL_H
#include "aggregate.h"
#include "study.h"
#include "util.h"
#include <stdint.h>

#define AE_PARTIAL_FORMAT 1

/* What a partial and the study it is merged into must share: the period,
 * the time zone, the read log's reading (columns, formats, labels) and the
 * tables it links to, their options and their contents (SHA-256), the
 * boundaries. After the tables before the read log are ingested. */
void ae_partial_fingerprint(const ae_study *st, const ae_agg *a, uint8_t out[32]);

/* The read-log part of a (ingested with stop_after_reads) to file, whole or
 * not at all (a temporary file renamed into place). */
int ae_partial_write(const char *file, const ae_study *st, const ae_agg *a, ae_error *err);

/* The reads_from of ae_ingest_opts: the partials' read logs, in the order
 * given, as one read log (the shards' records one after the other, one
 * header); their rejects' lines are the lines of that concatenation. When the
 * study's read log is present and is exactly that concatenation (checked by
 * one read of it), the read log is that file, as in one run; otherwise the
 * shards are listed in the aggregate (a->shards) for the manifest. Every
 * refusal (another format or tool version, truncated or corrupt, another
 * study or plate key, the same shard twice, different headers) names the
 * file and says the fix; nothing is merged then. */
typedef struct ae_partial_set {
	const char *const *files;
	size_t n;
} ae_partial_set;
int ae_partial_merge_reads(void *set, const ae_study *st, ae_agg *a, ae_error *err);
#endif
