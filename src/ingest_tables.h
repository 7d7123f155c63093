/* ingest_tables.h — the tables the ingest pass reads after the read log:
 * the search audit log, the sharing list, the treatment schedule and the
 * incidents (the treatment before the incidents: it sets their window).
 * Inside the pass only (ingest.c). */
#ifndef AE_INGEST_TABLES_H
#define AE_INGEST_TABLES_H
#include "ingest_checks.h"

int ing_run_searches(ctx *x, ae_error *err);
int ing_run_sharing(ctx *x, ae_error *err);
int ing_run_treatment(ctx *x, ae_error *err);
int ing_run_incidents(ctx *x, ae_error *err);
#endif
