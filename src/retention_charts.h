/* retention_charts.h — the retention chart (retention-held): what each
 * retention length would hold on the period's last day, reads and vehicles,
 * and how many of the vehicles held never raised an alert. Drawn from the
 * metrics table only (reads_held_at_end and vehicles_held_at_end by days,
 * doc/metrics.md "Governance"); said not drawn (ae_chart_missing) when those
 * rows are absent or hold nothing. Returns AE_OK, or the chart kit's error. */
#ifndef AE_RETENTION_CHARTS_H
#define AE_RETENTION_CHARTS_H

struct ae_chartctx;
int ae_retention_charts(struct ae_chartctx *c);
#endif
