/* retention.h — the retention what-ifs of the read log (doc/metrics.md,
 * "Governance"): what a d-day retention policy would hold on the period's
 * last day, how old the reads behind recorded outcomes were (what a d-day
 * policy would have lost), and how far the read log reaches. Rows only, from
 * the aggregate's age buckets, vehicles' newest reads and outcome times
 * (aggregate.h); no handover, no charts or section. */
#ifndef AE_RETENTION_H
#define AE_RETENTION_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"

int ae_retention_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
#endif
