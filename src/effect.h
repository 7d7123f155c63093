/* effect.h — the crime-effect analysis (doc/metrics.md, "Crime effect"):
 * from the incidents of the [effect] window and each area's treatment start,
 * the panel of incidents per area and period, the extended two-way
 * fixed-effects Poisson's ratio with its leave-one-area-out interval, the
 * randomization p-value, the minimum detectable effect, the event study and
 * its pre-trend test, for all incidents and each modelled type.
 *
 * Build appends the rows and hands the report layer the facts below through
 * h->effect (owned by the handover until ae_effect_release). */
#ifndef AE_EFFECT_H
#define AE_EFFECT_H
#include "aggregate.h"
#include "handover.h"
#include "study.h"
#include "table.h"

/* An area's part in the panel. */
enum ae_effect_role {
	ER_TREATED,      /* first treated inside the window, after its first period */
	ER_CONTROL,      /* never treated, or first treated after the window */
	ER_LEFT_EARLY,   /* treated in or before the window's first period: no pre-period */
	ER_LEFT_NO_DATA, /* no incidents in the window: its effect is not identified */
	ER_LEFT_UNKNOWN, /* "unknown": incidents with no area */
	ER_COUNT
};
extern const char *const ae_effect_role_names[]; /* treated, control, left_out_... */

/* One model (all incidents, or one type): what the rows do not hold. */
typedef struct ae_effect_model {
	const char *type;             /* "all" or the type's name */
	const char *why_not;          /* NULL when fitted; else why there is no estimate (a sentence) */
	size_t cells;                 /* (cohort, period) cells in the ratio */
	size_t cells_dropped;         /* of those, cells with no incidents (observed 0 against their expected count) */
	size_t cells_unidentified;    /* cells left out: no untreated incidents in their period or before their start */
	size_t nperm;                 /* permutations run (0: none) */
	double *perm_att;             /* nperm log ratios, in the order drawn (NULL when none) */
	double att;                   /* the observed log ratio (NAN when none) */
	const char *pretrend_why_not; /* NULL when the pre-trend test has a p-value */
	const char *interval_why_not; /* NULL when the ratio has an interval (one treated area: none) */
} ae_effect_model;

typedef struct ae_effect_facts {
	const char *unit;   /* "month" or "week" */
	const char *source; /* "treatment table", "cameras table", or NULL: no treatment dates */
	size_t nperiods;
	char **period; /* nperiods labels, YYYY-MM or YYYY-Www */
	size_t nareas;
	char **area;     /* every area an incident could fall in, by name */
	int *role;       /* nareas ae_effect_role */
	long *start_day; /* nareas treatment start (local day), LONG_MIN when none */
	int *first;      /* nareas first treated period index, -1 when none in the window */
	size_t nrole[ER_COUNT];
	size_t ncohorts;
	/* the panel of all incidents: y[area * nperiods + period] */
	double *y;
	/* mean incidents per area and period (all types) of the treated areas
	 * before their start, after it, and of the controls; NAN where none */
	double *treated_before, *treated_after, *control;
	size_t nmodels;         /* 1 + the study's types */
	ae_effect_model *model; /* [0] is all */
	/* the panel per modelled type, for crime_panel.csv: ytype[k][area * nperiods + period], k < nmodels - 1 */
	double **ytype;
} ae_effect_facts;

int ae_effect_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err);
void ae_effect_release(ae_handover *h);
/* crime_panel.csv and crime_areas.csv (effect.h's facts as tables); 0, or -1 on a write error. */
int ae_effect_write_panel(const ae_effect_facts *e, FILE *f);
int ae_effect_write_areas(const ae_effect_facts *e, FILE *f);
#endif
