/* ingest.c — see ingest.h: the one pass over a study's inputs, table by
 * table in the order the links need (ingest_reads.h, ingest_tables.h). */
#include "ingest.h"
#include "ingest_reads.h"
#include "ingest_tables.h"
#include <string.h>

void ae_ingest_opts_init(ae_ingest_opts *o)
{
	o->threads = 1;
	o->split_min = 32u << 20;
	o->progress = 0;
	o->fast_path = 1;
	o->stop_after_reads = 0;
	o->reads_from = NULL;
	o->reads_user = NULL;
}

int ae_ingest(const ae_study *st, ae_tz *tz, const ae_ingest_opts *o, ae_agg *a, ae_error *err)
{
	ctx x;
	memset(&x, 0, sizeof x);
	x.st = st;
	x.tz = tz;
	x.threads = o->threads;
	x.progress = o->progress;
	x.fast_path = o->fast_path;
	x.split_min = o->split_min;
	x.stop_after_reads = o->stop_after_reads;
	x.reads_from = o->reads_from;
	x.reads_user = o->reads_user;
	x.a = a;
	x.err = err;
	int rc = ing_begin(&x, err);
	if (!rc)
		rc = ing_run_read_log(&x, err);
	if (!rc && !o->stop_after_reads)
		rc = ing_run_searches(&x, err);
	if (!rc && !o->stop_after_reads)
		rc = ing_run_sharing(&x, err);
	if (!rc && !o->stop_after_reads)
		rc = ing_run_treatment(&x, err);
	if (!rc && !o->stop_after_reads)
		rc = ing_run_incidents(&x, err);
	ing_end(&x);
	return rc;
}
