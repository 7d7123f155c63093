/* estimate.c — see estimate.h. */
#include "estimate.h"
#include "study.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

double ae_z(double confidence) { return gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2.0); }

int ae_wilson(double x, double n, double conf, ae_ci *o)
{
	if (!(n > 0))
		return -1;
	double z = ae_z(conf), z2 = z * z, p = x / n;
	double den = 1 + z2 / n;
	double mid = (p + z2 / (2 * n)) / den;
	double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den;
	o->est = p;
	o->lo = x == 0 ? 0 : fmax(0, mid - half);
	o->hi = x == n ? 1 : fmin(1, mid + half);
	return 0;
}

/* GSL's beta quantile can lose digits in the far tails; polish it with a few
 * bisection-guarded Newton steps on the CDF so intervals match R to 1e-9. */
static double beta_quantile(double prob, double a, double b)
{
	double q = gsl_cdf_beta_Pinv(prob, a, b);
	if (!isfinite(q) || q < 0 || q > 1)
		q = a / (a + b);
	double lo = 0, hi = 1;
	for (int it = 0; it < 200; it++) {
		double f = gsl_cdf_beta_P(q, a, b) - prob;
		if (f > 0)
			hi = q;
		else
			lo = q;
		double d = gsl_ran_beta_pdf(q, a, b);
		double nq = d > 0 ? q - f / d : NAN;
		if (!(nq > lo && nq < hi))
			nq = 0.5 * (lo + hi);
		if (fabs(nq - q) <= 1e-15 * fmax(q, 1e-300) || hi - lo <= 1e-300) {
			q = nq;
			break;
		}
		q = nq;
	}
	return q;
}

/* Lower tail prob of Beta(a, b): for prob near 1 work with the upper tail. */
static double beta_upper_quantile(double prob, double a, double b)
{
	/* the q with P(X > q) = prob, i.e. the (1 - prob) quantile, via symmetry */
	return 1.0 - beta_quantile(prob, b, a);
}

int ae_clopper_pearson(double x, double n, double conf, ae_ci *o)
{
	if (!(n > 0))
		return -1;
	double a = (1 - conf) / 2;
	o->est = x / n;
	o->lo = x == 0 ? 0 : beta_quantile(a, x, n - x + 1);
	o->hi = x == n ? 1 : beta_upper_quantile(a, x + 1, n - x);
	return 0;
}

int ae_jeffreys(double x, double n, double conf, ae_ci *o)
{
	if (!(n > 0))
		return -1;
	double a = (1 - conf) / 2;
	o->est = x / n;
	o->lo = x == 0 ? 0 : beta_quantile(a, x + 0.5, n - x + 0.5);
	o->hi = x == n ? 1 : beta_upper_quantile(a, x + 0.5, n - x + 0.5);
	return 0;
}

int ae_binomial(int method, double x, double n, double conf, ae_ci *o)
{
	switch (method) {
	case CI_CLOPPER_PEARSON: return ae_clopper_pearson(x, n, conf, o);
	case CI_JEFFREYS: return ae_jeffreys(x, n, conf, o);
	default: return ae_wilson(x, n, conf, o);
	}
}

/* Gamma(shape, 1) quantile, polished like the beta one. */
static double gamma_quantile(double prob, double shape, int upper)
{
	double q = upper ? gsl_cdf_gamma_Qinv(prob, shape, 1) : gsl_cdf_gamma_Pinv(prob, shape, 1);
	if (!isfinite(q) || q <= 0)
		q = shape;
	double lo = 0, hi = INFINITY;
	for (int it = 0; it < 200; it++) {
		double f = upper ? prob - gsl_cdf_gamma_Q(q, shape, 1) : gsl_cdf_gamma_P(q, shape, 1) - prob;
		if (f > 0)
			hi = q;
		else
			lo = q;
		double d = gsl_ran_gamma_pdf(q, shape, 1);
		double nq = d > 0 ? q - f / d : NAN;
		if (!(nq > lo && nq < hi))
			nq = isfinite(hi) ? 0.5 * (lo + hi) : 2 * q;
		if (fabs(nq - q) <= 1e-15 * q) {
			q = nq;
			break;
		}
		q = nq;
	}
	return q;
}

int ae_poisson_exact(double x, double conf, ae_ci *o)
{
	if (!(x >= 0))
		return -1;
	double a = (1 - conf) / 2;
	o->est = x;
	o->lo = x == 0 ? 0 : gamma_quantile(a, x, 0);
	o->hi = gamma_quantile(a, x + 1, 1);
	return 0;
}

/* Student's t upper quantile: GSL's inverse polished by Newton steps on the
 * upper tail (GSL alone is off by 1e-8 at small df and high levels). */
static double t_upper(double q, double df)
{
	double x = gsl_cdf_tdist_Qinv(q, df);
	for (int i = 0; i < 4 && isfinite(x); i++) {
		double f = gsl_cdf_tdist_Q(x, df) - q, d = gsl_ran_tdist_pdf(x, df);
		if (!(d > 0))
			break;
		double step = f / d;
		x += step;
		if (fabs(step) <= 1e-15 * fabs(x))
			break;
	}
	return x;
}

void ae_cluster_init(ae_cluster *c, double N, double E)
{
	memset(c, 0, sizeof *c);
	c->N = N;
	c->E = E;
	c->p = N > 0 ? E / N : 0;
}

void ae_cluster_add(ae_cluster *c, double n, double e)
{
	if (!(n > 0))
		return;
	/* from whole numbers, so that e = p n gives exactly 0 (V = 0 is a case) */
	double u = (e * c->N - c->E * n) / c->N, u2 = u * u;
	c->su2 += u2;
	c->su4 += u2 * u2;
	c->C += 1;
}

void ae_cluster_add_unplaced(ae_cluster *c, double k)
{
	if (!(k > 0))
		return;
	/* n = 0, e = 1: u = 1 */
	c->su2 += k;
	c->su4 += k;
	c->C += k;
}

void ae_cluster_add_rest(ae_cluster *c, double C, long double s2, long double s4)
{
	if (!(C > 0))
		return;
	double p2 = c->p * c->p;
	c->su2 += p2 * (double)s2;
	c->su4 += p2 * p2 * (double)s4;
	c->C += C;
}

int ae_cluster_ci(const ae_cluster *c, double conf, int kind, int method, ae_ci *o, double *df)
{
	if (df)
		*df = NAN;
	if (!(c->N > 0))
		return -1;
	double p = c->p;
	o->est = p;
	/* C < 2: nothing to measure spread with; E > N (reads with two alerts): no logit */
	if (c->C < 2 || c->E > c->N) {
		o->lo = o->hi = NAN;
		return 1;
	}
	double V = c->C / (c->C - 1) * c->su2 / (c->N * c->N);
	/* no spread to measure, or a boundary where the logit is infinite: the binomial interval */
	if (c->E <= 0 || c->E >= c->N || !(V > 0) || !(c->su4 > 0)) {
		if (ae_binomial(method, c->E, c->N, conf, o))
			return -1;
		o->est = p;
		return 0;
	}
	double d = fmax(1, c->su2 * c->su2 / c->su4);
	double t = t_upper((1 - conf) / 2, d), se = sqrt(V);
	if (df)
		*df = d;
	if (kind == AE_PROPORTION) {
		double L = log(p / (1 - p)), s = se / (p * (1 - p));
		o->lo = 1 / (1 + exp(-(L - t * s)));
		o->hi = 1 / (1 + exp(-(L + t * s)));
	} else {
		o->lo = p * exp(-t * se / p);
		o->hi = p * exp(t * se / p);
	}
	return 0;
}

int ae_quasi_poisson(const uint64_t *y, size_t D, size_t stride, double conf, ae_ci *o)
{
	if (!D)
		return -1;
	double Y = 0;
	for (size_t d = 0; d < D; d++)
		Y += (double)y[d * stride];
	double phi = 1;
	if (Y > 0 && D > 1) {
		double mean = Y / (double)D, ss = 0;
		for (size_t d = 0; d < D; d++) {
			double e = (double)y[d * stride] - mean;
			ss += e * e;
		}
		phi = fmax(1, ss / mean / (double)(D - 1));
	}
	double half = ae_z(conf) * sqrt(phi * Y);
	o->est = Y;
	o->lo = fmax(0, Y - half);
	o->hi = Y + half;
	if (Y == 0) { /* no reads at all: not certainty of none, the exact Poisson upper bound */
		ae_ci z;
		if (ae_poisson_exact(0, conf, &z) == 0)
			o->hi = z.hi;
	}
	return 0;
}

int ae_percentile_ci(double *v, size_t n, double conf, double *lo, double *hi)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	if (!k)
		return -1;
	gsl_sort(v, 1, k);
	double a = (1 - conf) / 2;
	*lo = gsl_stats_quantile_from_sorted_data(v, 1, k, a);
	*hi = gsl_stats_quantile_from_sorted_data(v, 1, k, 1 - a);
	return 0;
}
