/* compare_ci.h — the intervals of a change between two periods (doc/compare.md):
 * pure functions on the two sides' published figures. GSL's error handler
 * must be off (main does it). Each returns 0 with lo and hi, or -1 when the
 * change has no interval (a side without one, a zero base). */
#ifndef AE_COMPARE_CI_H
#define AE_COMPARE_CI_H

/* MOVER (Zou & Donner 2008) for d = pb - pa from each side's estimate and
 * limits, r the correlation of the two estimates (0: independent, which is
 * Newcombe's 1998 hybrid score interval when the limits are Wilson's):
 *   L = d - sqrt((pb - lb)^2 + (ua - pa)^2 - 2 r (pb - lb)(ua - pa))
 *   U = d + sqrt((ub - pb)^2 + (pa - la)^2 - 2 r (ub - pb)(pa - la)) */
int ae_mover_diff(double pa, double la, double ua, double pb, double lb, double ub, double r, double *lo, double *hi);

/* The exact conditional interval of a ratio of two Poisson means, rb / ra:
 * given xa + xb, xb is binomial with pi = rb / (ra + rb) (equal exposures);
 * Clopper-Pearson limits of pi turned into pi / (1 - pi). -1 when xa + xb
 * is 0 or xa is 0 (no finite ratio). */
int ae_poisson_ratio_exact(double xa, double xb, double conf, double *lo, double *hi);

/* A ratio of two day-based figures on the log scale: each side's standard
 * error backed out of its interval, se = (log hi - log lo) / (2 z); the
 * ratio's interval exp(log(b / a) -/+ z sqrt(se_a^2 + se_b^2)). -1 unless
 * every figure is positive and finite. */
int ae_log_ratio_days(double a, double la, double ua, double b, double lb, double ub, double conf, double *lo,
		      double *hi);
/* The same on the natural scale for a difference b - a, se = (hi - lo) / (2 z). */
int ae_diff_days(double a, double la, double ua, double b, double lb, double ub, double conf, double *lo, double *hi);
#endif
