/* alerts.h — the alert-effectiveness analysis: turns a finished aggregate
 * into the rows of doc/metrics.md's "Alert effectiveness" table, in the
 * documented fixed order. Reads the study and aggregate; appends rows to the
 * caller's table. Registered in analysis.c. */
#ifndef AE_ALERTS_H
#define AE_ALERTS_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"

/* A period shorter than this many days (three calendar months at most,
 * 89 to 92 days) also has its reads and hits by ISO week (dimension
 * `week`), and the chart of their course uses the weeks: one to three
 * monthly bars show no course. */
#define AE_WEEKLY_DAYS 93

int ae_alerts_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
/* Its charts, from the metrics table and the handover only (chartkit.h). */
struct ae_chartctx;
int ae_alerts_charts(struct ae_chartctx *c);
/* Its briefing parts (analysis.c registers them), through the briefing kit (brief.h). */
struct brief;
void ae_alerts_summary(struct brief *b);
void ae_alerts_section(struct brief *b);
#endif
