/* alerts_cluster.h — the cluster_plate figures of the alert metrics
 * (doc/metrics.md, "Clustered intervals"), every row of a dimension at once:
 * the in-period alerts sorted by row and vehicle give each vehicle's units
 * and events; for the rates over reads, the vehicles with no alert in a row
 * enter through the row's moments (aggregate.h), as one sum. */
#ifndef AE_ALERTS_CLUSTER_H
#define AE_ALERTS_CLUSTER_H
#include "aggregate.h"
#include "estimate.h"
#include "study.h"

/* What is clustered: the metric (its units and events) ... */
enum {
	AE_CM_HIT,   /* hit_rate: units reads, events alerts */
	AE_CM_CONF,  /* confirmed_per_million_reads: units reads, events confirmed alerts (a rate) */
	AE_CM_FP,    /* false_positive_rate: units alerts with a known disposition, events false positives */
	AE_CM_DISP,  /* disposition_share: units alerts, events each disposition (rows: dispositions) */
	AE_CM_YIELD, /* outcome_yield: units alerts, events alerts with an outcome */
	AE_CM_ENF,   /* enforcement_yield: units alerts, events alerts with an enforcement outcome */
	AE_CM_OUT    /* outcomes_per_million_reads: units reads, events outcomes of each type (rows:
		      * outcome types; a rate); an outcome with no in-period alert is its own cluster */
};
/* ... and the dimension: rows are hotlist, camera, area or month indexes (one row for all). */
enum { AE_CD_ALL, AE_CD_HOTLIST, AE_CD_CAMERA, AE_CD_HOOD, AE_CD_MONTH };

/* One row's figures: the ratio's counts, the vehicles with events (and with
 * repeated events), and
 * ae_cluster_ci's result (rc) and interval (unscaled). */
typedef struct ae_clres {
	double N, E;
	double vehicles;
	double repeat; /* vehicles with two or more events; NAN for shares of alerts */
	ae_ci ci;
	int rc;
} ae_clres;

/* Every row of metric m by dim; an array the caller frees (one per row index). */
ae_clres *ae_alerts_clustered(const ae_study *st, const ae_agg *a, int m, int dim);
/* 1 when the alert links to an outcome of a type in the study's enforcement_outcomes. */
int ae_alerts_enforced(const ae_study *st, const ae_hit *h);
#endif
