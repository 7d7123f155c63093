/* effect_charts.h — the crime effect's charts, drawn from the metrics table
 * and the crime-effect facts of the handover (h->effect, effect.h) only,
 * never the aggregate: the event study (crime-event: crime_event_ratio by
 * event_time with intervals, a log scale and a line at 1), the incidents per
 * area of treated and control areas over the window (crime-rates), and the
 * randomization distribution with the observed ratio (crime-permutations).
 * A chart its data cannot support is said not drawn, with why
 * (ae_chart_missing); a study with neither incidents nor a crime model gets
 * none and says nothing (the briefing's section says what is unanswered). */
#ifndef AE_EFFECT_CHARTS_H
#define AE_EFFECT_CHARTS_H

struct ae_chartctx;
/* crime-event, crime-rates, crime-permutations; AE_OK when each was started
 * or said not drawn. */
int ae_effect_charts(struct ae_chartctx *c);
#endif
