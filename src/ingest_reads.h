/* ingest_reads.h — the ingest pass's start and end, the read log and the
 * tables read before it that it links to (neighbourhoods and boundaries,
 * cameras, hits, outcomes), and the table reader every table goes through.
 * Inside the pass only (ingest.c, ingest_tables.c). */
#ifndef AE_INGEST_READS_H
#define AE_INGEST_READS_H
#include "ingest_checks.h"

/* The pass's start (the plate key, the tables of ids) and end (keys wiped,
 * rejects in file order). */
int ing_begin(ctx *x, ae_error *err);
void ing_end(ctx *x);
/* Neighbourhoods, boundaries, cameras, hits, outcomes, then the read log. */
int ing_run_read_log(ctx *x, ae_error *err);
/* One table through the reader (two threads for a big plain read log). */
int ing_run_table(ctx *x, int table, ae_record_fn fn, ae_error *err);
#endif
