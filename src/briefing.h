/* briefing.h — the committee briefing: report.html (one self-contained
 * file, charts inlined as SVG, no network, prints well) and report.md with
 * the same content. Every number in the summary comes from a row of the
 * metrics table and names that row. Reads the study, the aggregate (for the
 * data-quality and provenance sections), the table and the drawn charts;
 * writes into dir (the report's temporary folder). */
#ifndef AE_BRIEFING_H
#define AE_BRIEFING_H
#include "aggregate.h"
#include "charts.h"
#include "study.h"
#include "table.h"
#include "util.h"

int ae_briefing_write(const ae_study *st, const ae_agg *a, const ae_table *t, const ae_chartset *charts,
		      const char *dir, ae_error *err);
#endif
