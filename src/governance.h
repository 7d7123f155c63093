/* governance.h — the governance analysis of the searches table (the audit
 * log): how many searches, why, by whom, how far back, and how complete the
 * log is (doc/metrics.md, "Governance"). Rows and a summary paragraph; no
 * handover, no charts or section yet. */
#ifndef AE_GOVERNANCE_H
#define AE_GOVERNANCE_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"

int ae_governance_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
/* A paragraph of the briefing's summary, from the table's rows. */
struct brief;
void ae_governance_summary(struct brief *b);
#endif
