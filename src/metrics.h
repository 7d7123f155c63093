/* metrics.h — turns a finished aggregate into the rows of METRICS.md's
 * "Alert effectiveness" table, in the documented fixed order.
 * Reads the study and aggregate; appends rows to the caller's table. */
#ifndef AE_METRICS_H
#define AE_METRICS_H
#include "aggregate.h"
#include "study.h"
#include "table.h"

void ae_metrics_build(const ae_study *st, const ae_agg *a, ae_table *t);
#endif
