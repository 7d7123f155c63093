/* exposure.h — doc/metrics.md's Exposure table: who is read, where, and how
 * unequally. Built from what the single pass collected (reads per local day
 * and listed neighbourhood, the vehicle table); appends rows to the table. */
#ifndef AE_EXPOSURE_H
#define AE_EXPOSURE_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"

void ae_exposure_build(const ae_study *st, const ae_agg *a, ae_table *t);

/* The reads_per_vehicle dimension's bins (doc/metrics.md): group names and
 * lower edges (the last bin is open); ae_rpv_bin gives a count's bin. */
#define AE_RPV_BINS 5
extern const char *const ae_rpv_names[AE_RPV_BINS];
extern const uint32_t ae_rpv_lo[AE_RPV_BINS];
int ae_rpv_bin(uint32_t reads);

/* The honesty notes that travel with the figures (metrics.json "notes"):
 * areas under the small-population threshold, whose per-capita rates are
 * shown but must not be ranked, and the reads no listed area holds.
 * A new jansson object owned by the caller; NULL without a neighborhoods table. */
struct json_t;
struct json_t *ae_exposure_notes(const ae_study *st, const ae_agg *a);
/* What the report layer needs to know of the listed areas (names,
 * populations, groups, the boundaries and the camera points for the map).
 * Fills out with arrays it owns (ae_areas_release); names and the geometry
 * are borrowed from the aggregate, which must outlive out. */
void ae_exposure_areas(const ae_agg *a, ae_areas *out);
void ae_areas_release(ae_areas *ar);

/* The analysis as analysis.c registers it: the rows, then (with a
 * neighborhoods table) the areas and the notes into h; ae_exposure_release
 * frees what it put there. */
int ae_exposure_analyse(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
void ae_exposure_release(ae_handover *h);
/* Its charts, from the metrics table and the handover only (chartkit.h). */
struct ae_chartctx;
int ae_exposure_charts(struct ae_chartctx *c);
/* Its briefing parts (analysis.c registers them), through the briefing kit (brief.h). */
struct brief;
void ae_exposure_summary(struct brief *b);
void ae_exposure_section(struct brief *b);
#endif
