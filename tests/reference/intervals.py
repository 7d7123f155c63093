#!/usr/bin/python3
"""Independent reference values for alpr-eval's interval code.

Writes tests/reference/intervals_ref.h (C header, values printed with %.17g).
Run with Debian's interpreter:  /usr/bin/python3 tests/reference/intervals.py

Sources of the values
  wilson           statsmodels.stats.proportion.proportion_confint(x, n, alpha, method='wilson')
  clopper_pearson  statsmodels.stats.proportion.proportion_confint(x, n, alpha, method='beta')
  jeffreys         scipy.stats.beta.ppf(a/2, x+.5, n-x+.5) .. beta.ppf(1-a/2, x+.5, n-x+.5) with the
                   Brown-Cai-DasGupta (2001) boundary convention: lower = 0 when x = 0,
                   upper = 1 when x = n.  Equal to statsmodels method='jeffreys' everywhere else.
  jeffreys_sm      statsmodels method='jeffreys' as returned (statsmodels 0.13.5 does NOT clamp
                   the boundaries); only emitted for the x = 0 / x = n cases where it differs.
  poisson_exact    Garwood: scipy.stats.chi2.ppf(a/2, 2x)/2 .. chi2.ppf(1-a/2, 2x+2)/2,
                   lower = 0 for x = 0 (chi2 with 0 degrees of freedom is undefined in scipy).
  cluster_plate    numpy, formula of METRICS.md; cross-checked against statsmodels OLS
                   cluster-robust and WLS HC1 standard errors (see cluster_cases()).

Every value is also recomputed with mpmath at 50 digits; the script aborts if any library
value is further than 1e-12 (relative) from it.  It also checks the reference values listed
in METRICS.md ("Reference values (for tests...)") to their printed precision.
"""
import math
import os
import sys

import mpmath
import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "intervals_ref.h")

mpmath.mp.dps = 50

BINOM_CASES = [
    # (x, n, [confidence levels])
    (7, 50, [0.95, 0.90, 0.99]),
    (0, 20, [0.95, 0.90, 0.99]),
    (20, 20, [0.95, 0.90, 0.99]),
    (210, 489286, [0.95, 0.90, 0.99]),
    (1, 1, [0.95]),
    (0, 1, [0.95]),
    (3, 1000000, [0.95]),
    (999999, 1000000, [0.95]),
    (150, 400, [0.95, 0.90, 0.99]),
    (5, 7, [0.95, 0.90, 0.99]),
    (12345, 98765432, [0.95]),
    (1, 2, [0.95]),
    (35, 35, [0.95]),
    (0, 98765432, [0.95]),
]

POISSON_CASES = [
    (0, [0.95, 0.90, 0.99]),
    (1, [0.95]),
    (5, [0.95, 0.90, 0.99]),
    (37, [0.95]),
    (1000, [0.95]),
    (123456, [0.95, 0.99]),
]

# --- high-precision independent recomputation (mpmath) ---------------------------------


def mp_z(conf):
    a = 1 - mpmath.mpf(conf)
    # z with Phi(z) = 1 - a/2
    return mpmath.sqrt(2) * mpmath.erfinv(1 - a)


def mp_wilson(x, n, conf):
    z = mp_z(conf)
    x, n = mpmath.mpf(x), mpmath.mpf(n)
    p = x / n
    z2 = z * z
    denom = 1 + z2 / n
    center = (p + z2 / (2 * n)) / denom
    half = z * mpmath.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return center - half, center + half


def mp_betacf(a, b, x):
    """Continued fraction for the incomplete beta (Lentz), in mpmath precision."""
    tiny = mpmath.mpf(10) ** -300
    eps = mpmath.mpf(10) ** -(mpmath.mp.dps - 5)
    qab, qap, qam = a + b, a + 1, a - 1
    c = mpmath.mpf(1)
    d = 1 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1 / d
    h = d
    m = 1
    while True:
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        de = d * c
        h *= de
        if abs(de - 1) < eps:
            return h
        m += 1
        if m > 10 ** 7:
            raise RuntimeError("betacf did not converge")


def mp_betainc_reg(a, b, x):
    """Regularised incomplete beta I_x(a, b) (independent of scipy/boost)."""
    if x <= 0:
        return mpmath.mpf(0)
    if x >= 1:
        return mpmath.mpf(1)
    lbt = (mpmath.loggamma(a + b) - mpmath.loggamma(a) - mpmath.loggamma(b)
           + a * mpmath.log(x) + b * mpmath.log1p(-x))
    bt = mpmath.exp(lbt)
    if x < (a + 1) / (a + b + 2):
        return bt * mp_betacf(a, b, x) / a
    return 1 - bt * mp_betacf(b, a, 1 - x) / b


def mp_beta_ppf(q, a, b):
    q = mpmath.mpf(q)
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    # solve I_t(a,b) = q by bisection on log scale around scipy's float answer
    x0 = mpmath.mpf(stats.beta.ppf(float(q), float(a), float(b)))
    lo, hi = x0 * (1 - mpmath.mpf(10) ** -6), x0 * (1 + mpmath.mpf(10) ** -6)
    hi = min(hi, 1 - (1 - x0) * (1 - mpmath.mpf(10) ** -6))
    f = lambda t: mp_betainc_reg(a, b, t) - q
    while f(lo) > 0:
        lo = lo / 2
    while f(hi) < 0:
        hi = (hi + 1) / 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
        if hi - lo < mid * mpmath.mpf(10) ** -30:
            break
    return (lo + hi) / 2


def mp_cp(x, n, conf):
    a = 1 - mpmath.mpf(conf)
    lo = mpmath.mpf(0) if x == 0 else mp_beta_ppf(a / 2, x, n - x + 1)
    hi = mpmath.mpf(1) if x == n else mp_beta_ppf(1 - a / 2, x + 1, n - x)
    return lo, hi


def mp_jeffreys(x, n, conf):
    a = 1 - mpmath.mpf(conf)
    lo = mp_beta_ppf(a / 2, x + 0.5, n - x + 0.5)
    hi = mp_beta_ppf(1 - a / 2, x + 0.5, n - x + 0.5)
    return lo, hi


def mp_gamma_ppf(q, k):
    q = mpmath.mpf(q)
    k = mpmath.mpf(k)
    x0 = stats.gamma.ppf(float(q), float(k))
    f = lambda t: mpmath.gammainc(k, 0, t, regularized=True) - q
    return mpmath.findroot(f, mpmath.mpf(x0), tol=mpmath.mpf(10) ** -40)


def mp_garwood(x, conf):
    a = 1 - mpmath.mpf(conf)
    lo = mpmath.mpf(0) if x == 0 else mp_gamma_ppf(a / 2, x)
    hi = mp_gamma_ppf(1 - a / 2, x + 1)
    return lo, hi


def close(v, ref, rel=1e-12):
    v = mpmath.mpf(float(v))
    if ref == 0:
        return abs(v) <= 1e-300
    return abs(v - ref) / abs(ref) <= rel


# --- library values ---------------------------------------------------------------------


def sm_ci(x, n, conf, method):
    lo, hi = proportion_confint(x, n, alpha=1 - conf, method=method)
    return float(lo), float(hi)


def garwood(x, conf):
    a = 1 - conf
    lo = 0.0 if x == 0 else float(stats.chi2.ppf(a / 2, 2 * x) / 2)
    hi = float(stats.chi2.ppf(1 - a / 2, 2 * x + 2) / 2)
    return lo, hi


def fmt(v):
    return "%.17g" % v


def check_metrics_md():
    """METRICS.md reference values, to the digits printed there."""
    def eq(v, s):
        digits = len(s.replace(".", "").lstrip("0"))
        ref = float(s)
        if ref == 0:
            return v == 0
        return abs(v - ref) <= 0.5001 * 10 ** (np.floor(np.log10(abs(ref))) - digits + 1)

    checks = [
        ("wilson", 7, 50, "0.0695083343", "0.2618619371"),
        ("beta", 7, 50, "0.0581917003", "0.2673960025"),
        ("jeffreys", 7, 50, "0.0648717012", "0.2553250282"),
        ("wilson", 0, 20, "0", "0.1611251581"),
        ("beta", 0, 20, "0", "0.1684334710"),
        ("wilson", 20, 20, "0.8388748419", "1"),
        ("beta", 20, 20, "0.8315665290", "1"),
        ("wilson", 210, 489286, "0.000374950282", "0.000491287728"),
    ]
    out = []
    for m, x, n, slo, shi in checks:
        lo, hi = sm_ci(x, n, 0.95, m)
        ok = eq(lo, slo) and (eq(hi, shi) if shi != "1" else abs(hi - 1) < 1e-15)
        out.append((ok, "%s %d/%d: %s .. %s  (METRICS.md %s .. %s)" % (m, x, n, fmt(lo), fmt(hi), slo, shi)))
    for x, slo, shi in [(0, "0", "3.688879454"), (5, "1.623486390", "11.66833208"), (37, "26.05141457", "50.99962614")]:
        lo, hi = garwood(x, 0.95)
        ok = eq(lo, slo) and eq(hi, shi)
        out.append((ok, "poisson_exact %d: %s .. %s  (METRICS.md %s .. %s)" % (x, fmt(lo), fmt(hi), slo, shi)))
    return out


# --- cluster_plate --------------------------------------------------------------------

CLUSTER_CASES = [
    # name, r_c, h_c, conf, scale, cap (1: a proportion, logit scale; 0: a rate, log scale)
    ("five_vehicles", [5, 3, 1, 10, 2], [2, 0, 0, 1, 1], 0.95, 1.0, True),
    ("one_vehicle_carries", [1, 1, 1, 1, 1, 1, 1, 1, 1, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 0.95, 1.0, True),
    ("near_one", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], 0.95, 1.0, True),
    ("per_million_90", [4, 7, 1, 1, 2, 9, 3], [1, 0, 0, 1, 0, 2, 0], 0.90, 1e6, False),
    ("one_hot_vehicle_99", [12, 1, 1, 2, 1, 3, 1, 1], [6, 0, 0, 0, 0, 1, 0, 0], 0.99, 1.0, True),
    ("many_vehicles", [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4],
     [0, 0, 1, 0, 0, 2, 0, 1, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 2, 0], 0.95, 1.0, True),
]


def mp_t_upper(q, df):
    """Student's t upper quantile at 50 digits: the x with P(T > x) = q, from the regularized
    incomplete beta (scipy's stdtrit is off by ~1e-9 relative at df near 1)."""
    with mpmath.workdps(50):
        d = mpmath.mpf(df)
        f = lambda x: mpmath.betainc(d / 2, mpmath.mpf(1) / 2, 0, d / (d + x * x), regularized=True) / 2 - mpmath.mpf(q)
        return float(mpmath.findroot(f, stats.t.ppf(1 - q, df)))


def cluster_numpy(r, h, conf, scale, cap):
    """METRICS.md "Clustered intervals": V = C/(C-1) sum u^2 / N^2, u = h - p r; Satterthwaite
    df = (sum u^2)^2 / sum u^4; Student's t (scipy, non-integer df); logit scale for a
    proportion, log scale for a rate. Returns scaled estimate, V, scaled lo, hi, and df."""
    r = np.asarray(r, dtype=float)
    h = np.asarray(h, dtype=float)
    R, H, C = r.sum(), h.sum(), len(r)
    p = H / R
    u = h - p * r
    V = C / (C - 1) * np.sum(u ** 2) / R ** 2
    df = max(1.0, np.sum(u ** 2) ** 2 / np.sum(u ** 4))
    t = mp_t_upper((1 - conf) / 2, df)
    if abs(stats.t.ppf(1 - (1 - conf) / 2, df) - t) > 1e-6 * t:
        raise SystemExit("scipy and mpmath disagree on t(%r, %r)" % (conf, df))
    se = math.sqrt(V)
    if cap:
        L = math.log(p / (1 - p))
        s = se / (p * (1 - p))
        lo, hi = special.expit(L - t * s), special.expit(L + t * s)
    else:
        lo, hi = p * math.exp(-t * se / p), p * math.exp(t * se / p)
    return p * scale, V, lo * scale, hi * scale, df, t


def cluster_statsmodels(r, h):
    """Two statsmodels routes to the same variance.

    (a) per-read data: y_i = hits raised by read i (0/1 here), intercept-only OLS,
        cov_type='cluster' with groups = vehicle.  beta = H/R = p.  statsmodels' default
        small-sample factor is C/(C-1) * (N-1)/(N-K) with N = R reads and K = 1, i.e. exactly C/(C-1).
    (b) per-vehicle data: y_c = h_c/r_c, WLS with weights r_c, cov_type='HC1'
        (factor C/(C-1)); meat sum r_c^2 (h_c/r_c - p)^2 = sum (h_c - p r_c)^2, bread 1/R.
    """
    y, g = [], []
    for c, (rc, hc) in enumerate(zip(r, h)):
        # spread h_c hits over the vehicle's r_c reads (one per read; cap irrelevant: only sums matter)
        per = [0.0] * rc
        for k in range(hc):
            per[k % rc] += 1.0
        y += per
        g += [c] * rc
    y = np.asarray(y)
    X = np.ones((len(y), 1))
    ra = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": np.asarray(g)})
    rr = np.asarray(r, dtype=float)
    yc = np.asarray(h, dtype=float) / rr
    rb = sm.WLS(yc, np.ones((len(rr), 1)), weights=rr).fit(cov_type="HC1")
    return float(ra.params[0]), float(ra.bse[0]) ** 2, float(rb.params[0]), float(rb.bse[0]) ** 2


def main():
    lines = []
    problems = []
    versions = "statsmodels %s, scipy %s, numpy %s, mpmath %s, Python %s" % (
        statsmodels.__version__, scipy.__version__, np.__version__, mpmath.__version__,
        sys.version.split()[0])

    md = check_metrics_md()
    for ok, s in md:
        if not ok:
            problems.append("METRICS.md reference mismatch: " + s)

    rows = []  # (comment or None, method, x, n, conf, lo, hi)
    worst = 0.0

    worst_where = [""]

    def track(v, ref, where=""):
        nonlocal worst
        if ref != 0:
            d = float(abs(mpmath.mpf(float(v)) - ref) / abs(ref))
            if d > worst:
                worst = d
                worst_where[0] = where

    rows.append(("wilson: statsmodels.stats.proportion.proportion_confint(count=x, nobs=n, "
                 "alpha=1-conf, method='wilson')", None))
    for x, n, confs in BINOM_CASES:
        for conf in confs:
            lo, hi = sm_ci(x, n, conf, "wilson")
            mlo, mhi = mp_wilson(x, n, conf)
            for v, ref in ((lo, mlo), (hi, mhi)):
                track(v, ref, "wilson %d/%d %g" % (x, n, conf))
                if not (close(v, ref, 1e-11) or abs(float(v) - float(ref)) < 1e-15):
                    problems.append("wilson %d/%d %g: %r vs mpmath %s" % (x, n, conf, v, ref))
            rows.append((None, ("wilson", x, n, conf, lo, hi)))

    rows.append(("clopper_pearson: statsmodels proportion_confint(..., method='beta') = "
                 "scipy.stats.beta.ppf(a/2, x, n-x+1) .. beta.isf(a/2, x+1, n-x); "
                 "statsmodels sets lo=0 at x=0 and hi=1 at x=n", None))
    for x, n, confs in BINOM_CASES:
        for conf in confs:
            lo, hi = sm_ci(x, n, conf, "beta")
            mlo, mhi = mp_cp(x, n, conf)
            for v, ref in ((lo, mlo), (hi, mhi)):
                track(v, ref, "clopper_pearson %d/%d %g" % (x, n, conf))
                if not close(v, ref, 1e-11):
                    problems.append("beta %d/%d %g: %r vs mpmath %s" % (x, n, conf, v, ref))
            rows.append((None, ("clopper_pearson", x, n, conf, lo, hi)))

    rows.append(("jeffreys (Brown-Cai-DasGupta 2001 convention, what alpr-eval uses): "
                 "scipy.stats.beta.ppf(a/2, x+0.5, n-x+0.5) .. beta.ppf(1-a/2, x+0.5, n-x+0.5), "
                 "then lo=0 if x==0 and hi=1 if x==n. Identical to statsmodels "
                 "proportion_confint(..., method='jeffreys') except at x==0 / x==n", None))
    sm_jeff_diff = []
    for x, n, confs in BINOM_CASES:
        for conf in confs:
            slo, shi = sm_ci(x, n, conf, "jeffreys")
            mlo, mhi = mp_jeffreys(x, n, conf)
            for v, ref in ((slo, mlo), (shi, mhi)):
                track(v, ref, "jeffreys %d/%d %g" % (x, n, conf))
                if not close(v, ref, 1e-11):
                    problems.append("jeffreys %d/%d %g: %r vs mpmath %s" % (x, n, conf, v, ref))
            lo = 0.0 if x == 0 else slo
            hi = 1.0 if x == n else shi
            rows.append((None, ("jeffreys", x, n, conf, lo, hi)))
            if (lo, hi) != (slo, shi):
                sm_jeff_diff.append(("jeffreys_sm", x, n, conf, slo, shi))

    rows.append(("jeffreys_sm: statsmodels %s proportion_confint(..., method='jeffreys') AS RETURNED "
                 "(= scipy.stats.beta.interval(conf, x+0.5, n-x+0.5)); statsmodels does NOT clamp: "
                 "x=0 gives lo>0, x=n gives hi<1. Only the cases that differ from 'jeffreys' above."
                 % statsmodels.__version__, None))
    for r in sm_jeff_diff:
        rows.append((None, r))

    rows.append(("poisson_exact (Garwood 1936), x = count, n unused (0): "
                 "scipy.stats.chi2.ppf(a/2, 2x)/2 .. chi2.ppf(1-a/2, 2x+2)/2, lo = 0 for x = 0", None))
    for x, confs in POISSON_CASES:
        for conf in confs:
            lo, hi = garwood(x, conf)
            glo = 0.0 if x == 0 else float(stats.gamma.ppf((1 - conf) / 2, x))
            ghi = float(stats.gamma.ppf(1 - (1 - conf) / 2, x + 1))
            mlo, mhi = mp_garwood(x, conf)
            for v, ref in ((lo, mlo), (hi, mhi), (glo, mlo), (ghi, mhi)):
                track(v, ref, "poisson_exact %d %g" % (x, conf))
                if not close(v, ref, 1e-11):
                    problems.append("garwood %d %g: %r vs mpmath %s" % (x, conf, v, ref))
            rows.append((None, ("poisson_exact", x, 0, conf, lo, hi)))

    # cluster_plate
    ccases = []
    cnotes = []
    for name, r, h, conf, scale, cap in CLUSTER_CASES:
        est, V, lo, hi, df, t = cluster_numpy(r, h, conf, scale, cap)
        pa, Va, pb, Vb = cluster_statsmodels(r, h)
        p = sum(h) / sum(r)
        relA = abs(Va - V) / V
        relB = abs(Vb - V) / V
        if relA > 1e-12 or relB > 1e-12 or abs(pa - p) > 1e-15 or abs(pb - p) > 1e-15:
            problems.append("cluster %s: numpy V %r, OLS-cluster %r, WLS-HC1 %r" % (name, V, Va, Vb))
        cnotes.append("%s: V numpy %s; OLS cluster %s (rel diff %.1e); WLS HC1 %s (rel diff %.1e); "
                      "df %s, t %s"
                      % (name, fmt(V), fmt(Va), relA, fmt(Vb), relB, fmt(df), fmt(t)))
        ccases.append((name, r, h, conf, scale, cap, sum(r), sum(h), est, V, lo, hi))

    if problems:
        for p in problems:
            print("PROBLEM:", p, file=sys.stderr)
        sys.exit(1)

    # ---- write header ----
    L = []
    L.append("/* intervals_ref.h -- GENERATED by tests/reference/intervals.py; do not edit by hand.")
    L.append(" * Regenerate: /usr/bin/python3 tests/reference/intervals.py")
    L.append(" * Libraries: %s" % versions)
    L.append(" * Independent check: every value recomputed with mpmath (50 digits);")
    L.append(" *   largest relative difference library vs mpmath: %.2e (%s)" % (worst, worst_where[0]))
    L.append(" *   (compare with a relative tolerance of about 1e-9; lo == 0 / hi == 1 are exact).")
    L.append(" * conf is the two-sided confidence level; a = 1 - conf; z = Phi^-1(1 - a/2).")
    L.append(" * METRICS.md reference values reproduced:")
    for ok, s in md:
        L.append(" *   %s %s" % ("ok " if ok else "BAD", s))
    wb = [(r[1], r[2], r[3], r[5]) for c, r in rows if r and r[0] == "wilson" and r[1] == r[2] and r[5] != 1.0]
    L.append(" * Wilson at x == n is exactly 1 in exact arithmetic; statsmodels' center + half may round")
    L.append(" *   to 0.99999999999999989 (it does so with alpha = 0.05 typed directly). Rows here use")
    L.append(" *   alpha = 1 - conf; x == n rows whose hi is not exactly 1: %s."
             % (", ".join("%d/%d@%g -> %s" % (x, n, c, fmt(h)) for x, n, c, h in wb) or "none"))
    L.append(" *   The table keeps the library value; the C tool may return exactly 1.")
    L.append(" */")
    L.append("#ifndef ALPR_EVAL_INTERVALS_REF_H")
    L.append("#define ALPR_EVAL_INTERVALS_REF_H")
    L.append("")
    L.append("typedef struct {")
    L.append("    const char *method; /* wilson, clopper_pearson, jeffreys, jeffreys_sm, poisson_exact */")
    L.append("    long long x;        /* successes / count */")
    L.append("    long long n;        /* trials (0 for poisson_exact) */")
    L.append("    double conf;")
    L.append("    double lo, hi;")
    L.append("} interval_ref;")
    L.append("")
    L.append("static const interval_ref INTERVAL_REFS[] = {")
    for comment, row in rows:
        if comment is not None:
            L.append("    /* %s */" % comment)
            continue
        m, x, n, conf, lo, hi = row
        L.append('    {"%s", %d, %d, %s, %s, %s},' % (m, x, n, fmt(conf), fmt(lo), fmt(hi)))
    L.append("};")
    L.append("#define INTERVAL_REFS_N (sizeof INTERVAL_REFS / sizeof INTERVAL_REFS[0])")
    L.append("")
    L.append("/* cluster_plate (METRICS.md): R = sum r_c, H = sum h_c, p = H/R, u_c = h_c - p r_c,")
    L.append(" *   V = C/(C-1) * sum_c u_c^2 / R^2, df = (sum u_c^2)^2 / sum u_c^4 (Satterthwaite),")
    L.append(" *   t = Student's t at 1 - alpha/2 with df; cap != 0 (a proportion): expit(logit p -/+ t se/(p(1-p)));")
    L.append(" *   cap = 0 (a rate): p exp(-/+ t se/p); then everything multiplied by scale.")
    L.append(" * Computed with numpy %s; t from mpmath at 50 digits (scipy.stats.t.ppf agrees to 1e-6)." % np.__version__)
    L.append(" * Cross-check (statsmodels %s), both agree with numpy V to ~1e-15 relative:" % statsmodels.__version__)
    L.append(" *   (a) per-read rows y_i = hits of read i, sm.OLS(y, ones).fit(cov_type='cluster',")
    L.append(" *       cov_kwds={'groups': vehicle}); default correction C/(C-1)*(N-1)/(N-K), K=1 -> C/(C-1);")
    L.append(" *   (b) per-vehicle rows y_c = h_c/r_c, sm.WLS(y, ones, weights=r_c).fit(cov_type='HC1').")
    L.append(" *   V below = bse^2 of either; values kept are numpy's.")
    for s in cnotes:
        L.append(" *   " + s)
    L.append(" */")
    L.append("typedef struct {")
    L.append("    const char *name;")
    L.append("    int nclusters;")
    L.append("    const long long *reads;  /* r_c */")
    L.append("    const long long *events; /* h_c */")
    L.append("    double conf;")
    L.append("    double scale;            /* 1 for a proportion, 1e6 for per-million */")
    L.append("    int cap;                 /* 1: a proportion (logit scale); 0: a rate (log scale) */")
    L.append("    long long R, H;")
    L.append("    double estimate;         /* p * scale */")
    L.append("    double V;                /* unscaled variance of p */")
    L.append("    double lo, hi;           /* scaled */")
    L.append("} cluster_ref;")
    L.append("")
    for name, r, h, *_ in ccases:
        L.append("static const long long CLUSTER_R_%s[] = {%s};" % (name, ", ".join(map(str, r))))
        L.append("static const long long CLUSTER_H_%s[] = {%s};" % (name, ", ".join(map(str, h))))
    L.append("")
    L.append("static const cluster_ref CLUSTER_REFS[] = {")
    for name, r, h, conf, scale, cap, R, H, est, V, lo, hi in ccases:
        L.append('    {"%s", %d, CLUSTER_R_%s, CLUSTER_H_%s, %s, %s, %d, %d, %d, %s, %s, %s, %s},'
                 % (name, len(r), name, name, fmt(conf), fmt(scale), 1 if cap else 0, R, H,
                    fmt(est), fmt(V), fmt(lo), fmt(hi)))
    L.append("};")
    L.append("#define CLUSTER_REFS_N (sizeof CLUSTER_REFS / sizeof CLUSTER_REFS[0])")
    L.append("")
    L.append("#endif")
    with open(OUT, "w") as f:
        f.write("\n".join(L) + "\n")
    print("wrote %s (%d interval rows, %d cluster cases); worst rel diff vs mpmath %.2e (%s)"
          % (OUT, sum(1 for c, r in rows if r), len(ccases), worst, worst_where[0]))
    for ok, s in md:
        print("METRICS.md", "ok " if ok else "BAD", s)
    for s in cnotes:
        print("cluster", s)


if __name__ == "__main__":
    main()
