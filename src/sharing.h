/* sharing.h — the governance analysis of the sharing table: which
 * organizations receive this agency's detections and which share theirs
 * with it, by class, and how many recipients a sharing law forbids
 * (doc/metrics.md, "Governance"). Rows, the report folder's sharing.csv
 * (through the handover) and a summary paragraph. */
#ifndef AE_SHARING_H
#define AE_SHARING_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"
#include <stdio.h>

int ae_sharing_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
void ae_sharing_release(ae_handover *h);
struct brief;
void ae_sharing_summary(struct brief *b);
/* sharing.csv: every accepted row of the agency, in file order, with its
 * class; 0, or nonzero when a write failed. */
int ae_sharing_write_csv(const ae_sharelist *l, FILE *f);
#endif
