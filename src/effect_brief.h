/* effect_brief.h — the crime effect in the briefing: a paragraph of the
 * summary (only when a model was fitted) and the section "Did crime
 * change?": the estimate, its interval, the randomization p-value, the
 * smallest change the data could have detected and the pre-trend check in
 * plain words, one line per offence type, the three charts, the design's
 * limits, and the published evaluations beside it with their citations.
 * Every figure is a cited row of the metrics table; the rest comes from the
 * crime-effect facts of the handover (h->effect, effect.h), never the
 * aggregate. For a study without incidents, treatment dates or an [effect]
 * section, the section says what that leaves unanswered and which input
 * would answer it. */
#ifndef AE_EFFECT_BRIEF_H
#define AE_EFFECT_BRIEF_H

struct brief;
void ae_effect_summary(struct brief *b);
void ae_effect_section(struct brief *b);
#endif
