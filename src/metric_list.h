/* metric_list.h — every metric alpr-eval writes, in one list: its name in
 * metrics.csv (doc/metrics.md's spelling: other tools read it), the table of
 * doc/metrics.md it belongs to, what it counts, and its interval methods. Code
 * names a metric as AE_M(name): a misspelt name does not compile, so no
 * chart or briefing line can silently miss its rows. Order: doc/metrics.md's,
 * which is also metrics.csv's order within each analysis. */
#ifndef AE_METRIC_LIST_H
#define AE_METRIC_LIST_H

#define AE_ALERTS "Alert effectiveness"
#define AE_EXPOSURE "Exposure"
#define AE_METRIC_LIST(X)                                                                                      \
	X(reads, AE_ALERTS, "read records accepted in the period", "none")                                     \
	X(distinct_plates, AE_ALERTS, "distinct vehicles (plate, plus state when present)", "none")            \
	X(hits, AE_ALERTS, "alerts", "none")                                                                   \
	X(hit_rate, AE_ALERTS, "hits / reads (for a hotlist: its hits / all reads)", "binomial, cluster_plate") \
	X(non_hit_share, AE_ALERTS, "1 - hit_rate: share of reads of vehicles on no hotlist", "binomial")      \
	X(disposition_share, AE_ALERTS, "hits with that disposition / hits", "binomial")                       \
	X(false_positive_rate, AE_ALERTS, "false-positive hits / hits with a known disposition", "binomial")   \
	X(confirmed_per_million_reads, AE_ALERTS, "confirmed hits per 1,000,000 reads", "cluster_plate")       \
	X(outcomes, AE_ALERTS, "incident outcomes of each type", "none")                                       \
	X(outcomes_per_million_reads, AE_ALERTS, "outcomes of that type per 1,000,000 reads", "poisson_exact") \
	X(reads_per_outcome, AE_ALERTS, "reads / outcomes of that type (inverted Poisson interval)", "poisson_exact") \
	X(outcome_yield, AE_ALERTS, "hits linked to at least one outcome / hits", "binomial")                  \
	X(cost_per_outcome, AE_ALERTS, "programme cost for the period / outcomes", "poisson_exact")            \
	X(reads_per_1k_residents, AE_EXPOSURE, "reads / population * 1000", "quasi_poisson_days")             \
	X(reads_per_km2, AE_EXPOSURE, "reads / area in km2", "quasi_poisson_days")                             \
	X(reads_per_100_vmt, AE_EXPOSURE, "reads / daily vehicle-miles travelled * 100", "quasi_poisson_days")\
	X(exposure_ratio, AE_EXPOSURE, "area's share of reads / its share of population", "bootstrap_days")   \
	X(group_exposure, AE_EXPOSURE, "population-weighted reads per 1k residents of a group", "bootstrap_days") \
	X(disparity_ratio, AE_EXPOSURE, "group_exposure / reads_per_1k_residents at all", "bootstrap_days")   \
	X(unassigned_reads, AE_EXPOSURE, "reads in no listed neighbourhood", "none")                           \
	X(tracked_plates_share, AE_EXPOSURE, "vehicles read by at least k distinct cameras / vehicles", "binomial") \
	X(plates_seen_once_share, AE_EXPOSURE, "vehicles read exactly once / vehicles", "binomial")           \
	X(gini_reads_per_capita, AE_EXPOSURE, "Gini of reads per resident across areas, population-weighted", "bootstrap_days")

enum ae_metric {
#define AE_METRIC_ENUM(name, table, definition, intervals) AE_METRIC_##name,
	AE_METRIC_LIST(AE_METRIC_ENUM)
#undef AE_METRIC_ENUM
	AE_METRIC_COUNT
};

typedef struct ae_metric_def {
	const char *name;
	const char *table;        /* doc/metrics.md's table */
	const char *definition;
	const char *intervals;    /* "binomial": the study's ci_method */
} ae_metric_def;
extern const ae_metric_def ae_metric_defs[AE_METRIC_COUNT];

/* The metric's name as metrics.csv spells it; a compile error if there is no such metric. */
#define AE_M(id) (ae_metric_defs[AE_METRIC_##id].name)
/* The definition of a metric by name, or NULL when there is no such metric. */
const ae_metric_def *ae_metric_find(const char *name);
#endif
