/* analysis.h — the table of analyses: the one place that says which
 * analyses a run makes, in which order their rows stand in metrics.csv and
 * their charts and sections in the briefing. An analysis is one module and
 * one row here: the inputs it needs, a build step that reads the aggregate
 * and appends rows (and may hand the report layer facts through the
 * handover), and the report steps, which read only the metrics table and the
 * handover. Adding one: a new module and a new row in analysis.c. */
#ifndef AE_ANALYSIS_H
#define AE_ANALYSIS_H
#include "handover.h"
#include "study.h"
#include "table.h"
#include "util.h"
#include <stddef.h>

struct ae_agg;
struct ae_chartctx;
struct brief;

typedef struct ae_analysis {
	const char *name;
	unsigned needs; /* bit per table (1u << TB_X) that must be present; the rest is optional */
	/* Rows into t (in doc/metrics.md order), facts into h. */
	int (*build)(const ae_study *st, const struct ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
	/* Frees what build put into h; NULL when it puts nothing there. */
	void (*release)(ae_handover *h);
	/* Its charts, from the table and the handover (charts.c calls it); NULL: none. */
	int (*charts)(struct ae_chartctx *c);
	/* Its paragraphs of the briefing's summary, and a section of its own
	 * (id and title for the page's contents), from the table and the
	 * handover through the briefing kit (brief.h); NULL: none. */
	void (*summary)(struct brief *b);
	const char *section_id, *section_title;
	void (*section)(struct brief *b);
} ae_analysis;

extern const ae_analysis ae_analyses[];
extern const size_t ae_nanalyses;
/* Whether the study has every input the analysis needs. */
int ae_analysis_runs(const ae_analysis *an, const ae_study *st);
#endif
