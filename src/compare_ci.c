/* compare_ci.c — see compare_ci.h. */
#include "compare_ci.h"
#include "estimate.h"
#include <math.h>

int ae_mover_diff(double pa, double la, double ua, double pb, double lb, double ub, double r, double *lo, double *hi)
{
	if (!isfinite(pa) || !isfinite(la) || !isfinite(ua) || !isfinite(pb) || !isfinite(lb) || !isfinite(ub))
		return -1;
	if (!isfinite(r))
		r = 0;
	double d = pb - pa;
	double x = pb - lb, y = ua - pa, v = ub - pb, w = pa - la;
	/* with |r| <= 1 both sums are >= 0 but for rounding */
	*lo = d - sqrt(fmax(0, x * x + y * y - 2 * r * x * y));
	*hi = d + sqrt(fmax(0, v * v + w * w - 2 * r * v * w));
	return 0;
}

int ae_poisson_ratio_exact(double xa, double xb, double conf, double *lo, double *hi)
{
	double n = xa + xb;
	ae_ci ci;
	if (!(xa > 0) || ae_clopper_pearson(xb, n, conf, &ci))
		return -1;
	*lo = ci.lo / (1 - ci.lo);
	*hi = ci.hi < 1 ? ci.hi / (1 - ci.hi) : INFINITY;
	return 0;
}

static int positive(double a, double la, double ua)
{
	return isfinite(a) && isfinite(la) && isfinite(ua) && a > 0 && la > 0 && ua > 0;
}

int ae_log_ratio_days(double a, double la, double ua, double b, double lb, double ub, double conf, double *lo,
		      double *hi)
{
	if (!positive(a, la, ua) || !positive(b, lb, ub))
		return -1;
	double z = ae_z(conf);
	double sa = (log(ua) - log(la)) / (2 * z), sb = (log(ub) - log(lb)) / (2 * z);
	double half = z * sqrt(sa * sa + sb * sb), m = log(b / a);
	*lo = exp(m - half);
	*hi = exp(m + half);
	return 0;
}

int ae_diff_days(double a, double la, double ua, double b, double lb, double ub, double conf, double *lo, double *hi)
{
	if (!isfinite(a) || !isfinite(la) || !isfinite(ua) || !isfinite(b) || !isfinite(lb) || !isfinite(ub))
		return -1;
	double z = ae_z(conf);
	double sa = (ua - la) / (2 * z), sb = (ub - lb) / (2 * z);
	double half = z * sqrt(sa * sa + sb * sb);
	*lo = b - a - half;
	*hi = b - a + half;
	return 0;
}
