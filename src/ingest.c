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
	x.a = a;
	x.err = err;
	int rc = ing_begin(&x, err);
	if (!rc)
		rc = ing_run_read_log(&x, err);
	if (!rc)
		rc = ing_run_searches(&x, err);
	if (!rc)
		rc = ing_run_sharing(&x, err);
	if (!rc)
		rc = ing_run_treatment(&x, err);
	if (!rc)
		rc = ing_run_incidents(&x, err);
	ing_end(&x);
	return rc;
}
