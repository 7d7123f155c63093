/* governance_charts.h — the charts of the search audit log and of the
 * sharing settings, drawn from the metrics table and the handover only
 * (never the aggregate): how far back searches reached against retention
 * lengths (search-lookback), why they were run (search-reasons), when and by
 * whom (searches-month, searches-organization), and which organizations
 * receive or send detections (sharing-recipients). Each returns AE_OK when
 * its charts were started or said not drawn (ae_chart_missing). */
#ifndef AE_GOVERNANCE_CHARTS_H
#define AE_GOVERNANCE_CHARTS_H

struct ae_chartctx;
/* search-lookback, search-reasons, searches-month, searches-organization */
int ae_governance_charts(struct ae_chartctx *c);
/* sharing-recipients */
int ae_sharing_charts(struct ae_chartctx *c);
#endif
