/* estimate.h — interval methods of doc/metrics.md. Pure functions on counts;
 * GSL's error handler must be off (main does it) so they never abort.
 * Each returns 0, or -1 when the interval is not defined (n = 0). */
#ifndef AE_ESTIMATE_H
#define AE_ESTIMATE_H
#include <stddef.h>
#include <stdint.h>

typedef struct ae_ci {
	double est, lo, hi;
} ae_ci;

/* z for a two-sided interval at this confidence level. */
double ae_z(double confidence);

int ae_wilson(double x, double n, double conf, ae_ci *out);
int ae_clopper_pearson(double x, double n, double conf, ae_ci *out);
/* Jeffreys: equal-tailed Beta(x+1/2, n-x+1/2); lower 0 at x = 0 and upper 1
 * at x = n (Brown, Cai & DasGupta 2001). */
int ae_jeffreys(double x, double n, double conf, ae_ci *out);
/* method: CI_WILSON, CI_CLOPPER_PEARSON or CI_JEFFREYS (study.h). */
int ae_binomial(int method, double x, double n, double conf, ae_ci *out);

/* Garwood exact interval for a Poisson count x (est = x). */
int ae_poisson_exact(double x, double conf, ae_ci *out);

/* cluster_plate (doc/metrics.md, "Clustered intervals"): a ratio p = E/N
 * whose units (reads or hits) come in vehicle clusters. Vehicle c has n_c
 * units and e_c events, u_c = e_c - p n_c, C vehicles with n_c > 0;
 *   V = C/(C-1) sum u_c^2 / N^2, df = (sum u_c^2)^2 / sum u_c^4 (Satterthwaite),
 *   t = Student's t at 1 - alpha/2 with df (non-integer),
 *   a proportion on the logit scale: expit(logit p -/+ t se / (p (1-p))),
 *   a rate on the log scale: p exp(-/+ t se / p).
 * The totals are known before the vehicles are visited (one pass). */
typedef struct ae_cluster {
	double N, E, p;  /* units, events, E / N */
	double C;        /* vehicles with units */
	double su2, su4; /* sums of u_c^2 and u_c^4 */
} ae_cluster;
enum ae_cluster_kind { AE_PROPORTION, AE_RATE };
void ae_cluster_init(ae_cluster *c, double N, double E);
void ae_cluster_add(ae_cluster *c, double n, double e);
/* C more vehicles with no events, whose units n sum to s2 in squares and s4
 * in fourth powers (the many vehicles of a place that raised no alert). */
void ae_cluster_add_rest(ae_cluster *c, double C, long double s2, long double s4);
/* k events of no known vehicle (an outcome whose alert is not in the
 * period): each a cluster of its own with no units. */
void ae_cluster_add_unplaced(ae_cluster *c, double k);
/* 0 with est and interval (unscaled): E = 0, E = N or V = 0 give the
 * study's binomial interval (method: CI_*) of E of N, never a zero width;
 * 1 with the estimate alone (lo, hi NAN) when C < 2 or E > N; -1 when N = 0.
 * df, when not NULL, gets the degrees of freedom (NAN when not used). */
int ae_cluster_ci(const ae_cluster *c, double conf, int kind, int method, ae_ci *out, double *df);
/* quasi_poisson_days: the daily counts y[0], y[stride], ... (D of them, zero
 * days included). est = Y; interval Y -/+ z sqrt(phi Y) floored at 0, with
 * phi = max(1, sum (y - mean)^2 / mean / (D - 1)) (1 when Y = 0 or D = 1);
 * for Y = 0 the upper bound is the exact Poisson one for a count of 0. */
int ae_quasi_poisson(const uint64_t *y, size_t D, size_t stride, double conf, ae_ci *out);

/* Percentile interval of replicate values: NANs are left out, the rest are
 * sorted in place; linear interpolation between order statistics at
 * f (n - 1) (numpy's default). -1 when no value is left. */
int ae_percentile_ci(double *v, size_t n, double conf, double *lo, double *hi);
#endif
