/* governance.h — the governance analysis of the searches table (the audit
 * log): how many searches, why, by whom, how far back, and how complete the
 * log is (doc/metrics.md, "Governance"). Rows only: no handover, no charts
 * yet. */
#ifndef AE_GOVERNANCE_H
#define AE_GOVERNANCE_H
#include "analysis.h"

int ae_governance_build(const ae_study *st, const struct ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
#endif
