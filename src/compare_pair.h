/* compare_pair.h — the vehicle as the cluster across two periods (doc/compare.md):
 * for each cluster_plate row both studies have, the sums behind the
 * correlation of the two estimates. Vehicles are matched by keyed plate
 * hash, so both aggregates must come from one plate key; a car read in both
 * periods is one cluster. With u_Sc = (e_Sc - p_S n_Sc) / N_S (side S, vehicle
 * c, the row's units n and events e as alerts_cluster.h counts them):
 *   saa = sum u_Ac^2, sbb = sum u_Bc^2, sab = sum u_Ac u_Bc,
 *   r = sab / sqrt(saa sbb)  (0 when a sum of squares is 0).
 * The aggregates must be finished and read in one thread (no second part). */
#ifndef AE_COMPARE_PAIR_H
#define AE_COMPARE_PAIR_H
#include "aggregate.h"
#include "study.h"

/* One row: set metric, dimension, group and each side's E and N (the row's
 * numerator and denominator) before the call; the sums are filled in. */
typedef struct ae_pair_row {
	const char *metric, *dimension, *group;
	double E[2], N[2];
	double saa, sbb, sab;
} ae_pair_row;

/* 1 when the metric's cluster_plate rows get a paired interval. */
int ae_pair_metric(const char *metric);
/* Fills the sums of rows[0..n). st, a: side A then side B. */
void ae_pair_sums(const ae_study *const st[2], const ae_agg *const a[2], ae_pair_row *rows, size_t n);
/* The correlation of a row's two estimates. */
double ae_pair_r(const ae_pair_row *r);
#endif
