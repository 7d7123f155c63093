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

/* Ratio estimate over vehicle clusters: accumulate per vehicle, then finish. */
typedef struct ae_cluster {
	double R, H;          /* total reads and events */
	double shh, shr, srr; /* sums of h^2, h*r, r^2 over vehicles */
	double C;             /* vehicles */
} ae_cluster;
void ae_cluster_add(ae_cluster *c, double r, double h);
/* p = H/R, V = C/(C-1) sum (h - p r)^2 / R^2; p -/+ z sqrt(V), floored at 0,
 * capped at 1 when cap (the estimate is a proportion). */
int ae_cluster_ci(const ae_cluster *c, double conf, int cap, ae_ci *out);
/* quasi_poisson_days: the daily counts y[0], y[stride], ... (D of them, zero
 * days included). est = Y; interval Y -/+ z sqrt(phi Y) floored at 0, with
 * phi = max(1, sum (y - mean)^2 / mean / (D - 1)) (1 when Y = 0 or D = 1). */
int ae_quasi_poisson(const uint64_t *y, size_t D, size_t stride, double conf, ae_ci *out);

/* Percentile interval of replicate values: NANs are left out, the rest are
 * sorted in place; linear interpolation between order statistics at
 * f (n - 1) (numpy's default). -1 when no value is left. */
int ae_percentile_ci(double *v, size_t n, double conf, double *lo, double *hi);
#endif
