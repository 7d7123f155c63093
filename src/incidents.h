/* incidents.h — the `incidents` counts of the crime-effect section
 * (doc/metrics.md, "Crime effect"): reported incidents in the window, in
 * all, per area, per month and per offence type. Rows only; nothing goes
 * into the handover. The window is the study period until an [effect]
 * section gives its own. */
#ifndef AE_INCIDENTS_H
#define AE_INCIDENTS_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"

int ae_incidents_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
#endif
