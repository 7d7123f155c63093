/* briefing.h — the committee briefing: report.html (one self-contained
 * file, charts inlined as SVG, no network, prints well) and report.md with
 * the same content. Every number in the summary comes from a row of the
 * metrics table and names that row. Reads only the handover (the study,
 * the table, the accounting, the listed areas) and the drawn charts, never
 * the aggregate; writes both files through the caller's report folder.
 * Nothing is kept: every argument stays owned by the caller. */
#ifndef AE_BRIEFING_H
#define AE_BRIEFING_H
#include "charts.h" /* ae_chartset (charts.h still includes aggregate.h; the briefing uses none of it) */
#include "handover.h"
#include "output.h"
#include "util.h"

/* Reads each chart's chart-NAME.svg from ae_outdir_path(od) and writes
 * report.html and report.md there with ae_outdir_write. An unreadable
 * chart or a failed write is an error naming the file; AE_EUSAGE if the
 * study has a neighbourhoods table but h->areas is NULL. */
int ae_briefing_write(const ae_handover *h, const ae_chartset *charts, ae_outdir *od, ae_error *err);
#endif
