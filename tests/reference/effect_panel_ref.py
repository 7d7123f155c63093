#!/usr/bin/python3
"""Independent reference for a study's crime-effect metrics, from the input CSVs.

Written from the contract (DATA.md "incidents", METRICS.md "Crime effect"), not from src/: the
study file is read with configparser, the incidents and treatment tables with pandas, and the
model is fitted here.

    /usr/bin/python3 tests/reference/effect_panel_ref.py STUDY.ini [--engine statsmodels|ipf]
        [--permutations P] [--panel FILE] [--areas FILE] [--no-event] [--check-engines]

Prints metrics.csv-shaped rows (metric,dimension,group,estimate,ci_low,ci_high,numerator,
denominator,method) for crime_effect_ratio, crime_effect_p, crime_effect_mde, crime_pretrend_p and
crime_event_ratio, then `#` lines with the panel's counts. --panel writes crime_panel.csv's
columns (type,area,period,incidents; `all` first, then each type; every area, `unknown` and the
left-out ones included, and every period, zeros included) and --areas crime_areas.csv's (area,treatment_start,first_period,
role), so a test can compare alpr-eval's files with these.

Panel rules applied: fields trimmed; the missing tokens (and the study's `missing`) are empty; a
row without an id or a timestamp is dropped; the first row of a Report Number (file order) is the
incident, later rows of it count for nothing; the timestamp is the table's strptime pattern (or
ISO 8601), naive local time, and its local date places it in a month (or ISO week, Monday start)
of the [effect] window; its area is its `neighborhood` value, else `unknown` (no boundaries are
read here), an area the models leave out (role left_out_unknown_area, as alpr-eval); its type
is the study's value.type.NAME label that equals it, else the value as given. `all` = every
incident. The areas are those the window's incidents name plus those of the treatment table; an
area is treated from its earliest `start`; its first treated period is the one holding that date;
first treated period <= the window's first: left out (treated before the window); after the
window: a control; no incidents in the window (of the panel's type): left out.

Estimator (the KEY FACT of the design): fit area + period fixed-effects Poisson on the untreated
area-periods only (never-treated areas, and treated areas before their first treated period);
for each cohort g (areas sharing a first treated period) and post period t, tau_gt =
log(Y_gt / M_gt), Y_gt = sum_{i in g} y_it, M_gt = sum_{i in g} exp(alpha_i + gamma_t): the
extended two-way fixed-effects Poisson's cell coefficients (Wooldridge 2023). ATT =
log(sum Y_gt / sum M_gt) over the identified cells (M_gt > 0), cells with no incidents included
and counted: the cells' ratios averaged with weights M_gt (the lead's design since main 8559b3d;
METRICS.md's first wording averaged the tau with weights = treated area-periods, dropping cells
with no incidents: kept here as the `cellavg` diagnostic); ratio = exp(ATT).
Jackknife: refit without each area (cells and weights rebuilt), se^2 = (G-1)/G sum (ATT_-g -
ATT)^2, interval exp(ATT -/+ t(G-1) se). Randomization p: the panel's first-treated periods
permuted among its areas (numpy, seeded by the study seed: not alpr-eval's stream, so only the
distribution compares), (k+1)/(P+1) with k = #|ATT_perm| >= |ATT|. MDE: 1 - exp(-(t(G-1,
1-alpha/2) + z(0.8)) se). Event study: Poisson with area and period fixed effects and one
indicator per relative period lo..hi (ends binned, -1 the reference) on every area-period;
pre-trend p: Wald F of the pre coefficients (-lo..-2) with the jackknife covariance, F(k, G-1).

Two engines fit the fixed-effects Poisson: `statsmodels` (GLM Poisson with explicit area and
period dummies; the reference) and `ipf` (the same maximum likelihood by cyclic exact updates of
each factor's levels, numpy: every area's, period's and event bin's fitted sum equals its observed
sum; much faster, used by scripts/coverage_effect.py). --check-engines fits both and prints
their largest difference. The maximum likelihood is unique, so the two agree to the tolerance.
"""
import argparse
import configparser
import os
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import stats

MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}
TOL = 1e-11


# ------------------------------------------------------------------------------------------
# study and inputs
# ------------------------------------------------------------------------------------------


def read_study(path):
    cp = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",),
                                   inline_comment_prefixes=None)
    cp.optionxform = str
    with open(path) as f:
        cp.read_file(f)
    return cp


def split_list(s):
    return [x.strip() for x in s.split(",") if x.strip()]


class Study:
    def __init__(self, path):
        cp = read_study(path)
        base = os.path.dirname(os.path.abspath(path))
        st = cp["study"]
        self.seed = int(st.get("seed", "1"))
        self.conf = float(st.get("confidence", "0.95"))
        inc = cp["incidents"]
        self.inc_path = os.path.join(base, inc["path"])
        self.col = {c: inc.get("column." + c, c) for c in ("incident_id", "timestamp", "type", "neighborhood")}
        self.ts_format = inc.get("timestamp_format")
        self.missing = MISSING | set(split_list(inc.get("missing", "")))
        self.labels = {v.strip(): k[len("value.type."):] for k, v in inc.items() if k.startswith("value.type.")}
        tr = cp["treatment"]
        self.tr_path = os.path.join(base, tr["path"])
        ef = cp["effect"]
        self.start = pd.Timestamp(ef["start"])
        self.end = pd.Timestamp(ef["end"])
        self.unit = ef.get("unit", "month").strip()
        self.types = split_list(ef.get("types", ""))
        w = split_list(ef.get("window", "12, 24"))
        self.lo, self.hi = -int(w[0]), int(w[1])
        self.permutations = int(ef.get("permutations", "999"))


def period_key(dates, unit):
    """Period start (month's first day or ISO week's Monday) of each date."""
    d = pd.to_datetime(dates)
    if unit == "month":
        return d.dt.to_period("M").dt.start_time
    return (d - pd.to_timedelta(d.dt.weekday, unit="D")).dt.normalize()


def period_labels(keys, unit):
    if unit == "month":
        return [k.strftime("%Y-%m") for k in keys]
    return ["%04d-W%02d" % tuple(k.isocalendar()[:2]) for k in keys]


def load_incidents(s):
    head = pd.read_csv(s.inc_path, dtype=str, nrows=0).columns
    use = [c for c in s.col.values() if c in head]
    df = pd.read_csv(s.inc_path, dtype=str, keep_default_na=False, na_filter=False, usecols=use)
    df = df.apply(lambda c: c.str.strip())
    for c in df.columns:
        df.loc[df[c].isin(s.missing), c] = ""
    ids, ts = df[s.col["incident_id"]], df[s.col["timestamp"]]
    df = df[(ids != "") & (ts != "")]
    fmt = s.ts_format
    when = pd.to_datetime(df[s.col["timestamp"]], format=fmt if fmt else "ISO8601", errors="coerce")
    df = df.assign(_when=when)
    df = df[df["_when"].notna()]
    first = df.drop_duplicates(s.col["incident_id"], keep="first")
    first = first[(first["_when"] >= s.start) & (first["_when"] < s.end + pd.Timedelta(days=1))]
    n = len(first)
    typ = first[s.col["type"]].map(lambda v: s.labels.get(v, v)).values if s.col["type"] in first else [""] * n
    area = first[s.col["neighborhood"]].values if s.col["neighborhood"] in first else [""] * n
    return pd.DataFrame({"area": area, "type": typ, "period": period_key(first["_when"], s.unit).values})


def load_treatment(s):
    tr = pd.read_csv(s.tr_path, dtype=str, keep_default_na=False).apply(lambda c: c.str.strip())
    tr = tr[(tr["neighborhood"] != "") & (tr["start"] != "")]
    tr = tr.assign(start=pd.to_datetime(tr["start"]))
    return tr.groupby("neighborhood")["start"].min()


class Panel:
    """y[type] = areas x periods counts; first[i] = first treated period index or -1 (control)."""

    def __init__(self, s, inc, starts):
        self.periods = pd.date_range(period_key(pd.Series([s.start]), s.unit)[0],
                                     period_key(pd.Series([s.end]), s.unit)[0],
                                     freq="MS" if s.unit == "month" else "W-MON")
        self.labels = period_labels(self.periods, s.unit)
        self.unknown = int((inc["area"] == "").sum())
        inc = inc.assign(area=inc["area"].where(inc["area"] != "", "unknown"))
        names = sorted(set(inc["area"]) | set(starts.index), key=lambda a: (a == "unknown", a.encode()))
        pidx = {p: k for k, p in enumerate(self.periods)}
        T = len(self.periods)
        self.roles, self.first_all, self.start_of = {}, {}, {}
        for a in names:
            if a == "unknown":
                self.roles[a], self.first_all[a] = "left_out_unknown_area", None
            elif a in starts.index:
                st = starts[a]
                fp = pidx.get(period_key(pd.Series([st]), s.unit)[0])
                self.start_of[a] = st.strftime("%Y-%m-%d")
                if st < self.periods[0] or fp == 0:
                    self.roles[a], self.first_all[a] = "left_out_treated_before_window", None
                elif fp is None:
                    self.roles[a], self.first_all[a] = "control", -1
                else:
                    self.roles[a], self.first_all[a] = "treated", fp
            else:
                self.roles[a], self.first_all[a] = "control", -1
        self.counts = {}
        for typ in ["all"] + s.types:
            sub = inc if typ == "all" else inc[inc["type"] == typ]
            tab = sub.groupby(["area", "period"]).size()
            y = np.zeros((len(names), T))
            ai = {a: k for k, a in enumerate(names)}
            for (a, p), n in tab.items():
                y[ai[a], pidx[pd.Timestamp(p)]] = n
            self.counts[typ] = y
        tot = self.counts["all"].sum(axis=1)
        for k, a in enumerate(names):
            if tot[k] == 0 and self.roles[a] in ("treated", "control"):
                self.roles[a] = "left_out_no_incidents"
        self.names = names

    def model_arrays(self, typ):
        """(y, first, names) of the areas a model of `typ` fits: treated or control, with incidents."""
        y = self.counts[typ]
        keep = [k for k, a in enumerate(self.names)
                if self.roles[a] in ("treated", "control") and y[k].sum() > 0]
        return y[keep], np.array([self.first_all[self.names[k]] for k in keep]), [self.names[k] for k in keep]


# ------------------------------------------------------------------------------------------
# Poisson with fixed effects
# ------------------------------------------------------------------------------------------


def ipf_fit(y, factors, nlev, fixed0=None, start=None, maxit=20000, quiet=False):
    """Poisson ML of log mu = sum_f theta_f[level_f(obs)], by exact cyclic updates of each factor.
    y: observations (1-D); factors: list of level-index arrays; fixed0[f]: a level of factor f held
    at 0 (the reference), or None. A level whose observed sum is 0 goes to -inf. Returns thetas."""
    th = [np.zeros(n) if start is None else start[f].copy() for f, n in enumerate(nlev)]
    obs = [np.bincount(lv, weights=y, minlength=n) for lv, n in zip(factors, nlev)]
    with np.errstate(divide="ignore", invalid="ignore"):
        logobs = [np.log(o) for o in obs]
        for _ in range(maxit):
            eta = sum(t[lv] for t, lv in zip(th, factors))
            worst = 0.0
            for f, (lv, n) in enumerate(zip(factors, nlev)):
                mu = np.exp(eta)
                fit = np.bincount(lv, weights=mu, minlength=n)
                step = np.where(obs[f] > 0, logobs[f] - np.log(fit), -np.inf)
                step = np.where(np.isfinite(th[f]), step, 0.0)
                if fixed0 is not None and fixed0[f] is not None:
                    step[fixed0[f]] = 0.0
                fin = np.isfinite(step)
                if fin.any():
                    worst = max(worst, float(np.max(np.abs(step[fin]))))
                th[f] = th[f] + step
                eta = eta + step[lv]
            if worst < TOL:
                break
        else:
            if not quiet:
                warnings.warn("ipf_fit: no convergence in %d sweeps (last step %.3g)" % (maxit, worst))
    return th


def newton_fit(y, factors, nlev, fixed0=None, start=None, maxit=100):
    """The same maximum likelihood by 20 cyclic sweeps (ipf_fit; one from a warm start) then Newton steps on every free
    level at once (the Hessian X'WX built from level-pair sums; one period level held at its
    value, since the area and period levels share a free constant), to a step below TOL."""
    th = ipf_fit(y, factors, nlev, fixed0, start, maxit=20 if start is None else 1, quiet=True)
    off = np.cumsum([0] + list(nlev))
    free = np.concatenate([np.isfinite(t) for t in th])
    for f in range(len(nlev)):
        if fixed0 is not None and fixed0[f] is not None:
            free[off[f] + fixed0[f]] = False
    if len(nlev) > 1:
        fin1 = np.nonzero(np.isfinite(th[1]))[0]
        if len(fin1):
            free[off[1] + fin1[0]] = False
    cols = [lv + off[f] for f, lv in enumerate(factors)]
    N = off[-1]
    for _ in range(maxit):
        theta = np.concatenate(th)
        with np.errstate(invalid="ignore"):
            eta = sum(theta[c] for c in cols)
        mu = np.where(np.isfinite(eta), np.exp(np.where(np.isfinite(eta), eta, 0)), 0.0)
        r = y - mu
        g = np.zeros(N)
        H = np.zeros((N, N))
        for a in range(len(cols)):
            g += np.bincount(cols[a], weights=r, minlength=N)
            for b in range(len(cols)):
                H += np.bincount(cols[a] * N + cols[b], weights=mu, minlength=N * N).reshape(N, N)
        idx = np.nonzero(free)[0]
        step = np.linalg.solve(H[np.ix_(idx, idx)], g[idx])
        theta[idx] += step
        th = [theta[off[f]:off[f + 1]] for f in range(len(nlev))]
        if np.max(np.abs(step)) < TOL:
            break
    else:
        warnings.warn("newton_fit: no convergence")
    return th


def sm_fit(y, factors, nlev, fixed0=None):
    """The same model by statsmodels' GLM Poisson with explicit dummies (reference engine).
    Levels whose observed sum is 0 are dropped first and set to -inf (not identified)."""
    import statsmodels.api as sm
    keep = np.ones(len(y), bool)
    for _ in range(3):
        for lv, n in zip(factors, nlev):
            tot = np.bincount(lv[keep], weights=y[keep], minlength=n)
            keep &= tot[lv] > 0
    cols, where = [], []
    for f, (lv, n) in enumerate(zip(factors, nlev)):
        for l in range(n):
            if fixed0 is not None and fixed0[f] == l:
                continue
            col = (lv[keep] == l).astype(float)
            if col.any():
                cols.append(col)
                where.append((f, l))
    X = np.column_stack(cols)
    # drop linearly dependent columns (the free constant between area and period levels)
    q, r = np.linalg.qr(X)
    ind = np.abs(np.diag(r)) > 1e-9 * np.abs(np.diag(r)).max()
    res = sm.GLM(y[keep], X[:, ind], family=sm.families.Poisson()).fit(tol=1e-13, maxiter=200)
    b = np.zeros(X.shape[1])
    b[ind] = res.params
    th = [np.full(n, -np.inf) for n in nlev]
    if fixed0 is not None:
        for f, l in enumerate(fixed0):
            if l is not None:
                th[f][l] = 0.0
    for (f, l), v in zip(where, b):
        th[f][l] = v
    return th


def fit(engine, y, factors, nlev, fixed0=None, start=None):
    if engine == "statsmodels":
        return sm_fit(y, factors, nlev, fixed0)
    if len(nlev) > 2:
        return newton_fit(y, factors, nlev, fixed0, start)
    return ipf_fit(y, factors, nlev, fixed0, start)


# ------------------------------------------------------------------------------------------
# imputation ATT and event study
# ------------------------------------------------------------------------------------------


def att(y, first, engine="ipf", start=None):
    """ATT (log scale) by imputation: log(sum of the treated area-periods' incidents / sum of their
    imputed means) over the identified cells (cells with no incidents included). Returns (att,
    cells_dropped, thetas, cellavg); att is nan when no cell is identified. cellavg is the first
    design's average of the cells' log ratios with weights = treated area-periods, cells without
    incidents dropped: a diagnostic only (biased upwards when such cells are dropped)."""
    G, T = y.shape
    tt = np.arange(T)[None, :]
    treated = (first[:, None] >= 0) & (tt >= first[:, None])
    ai, ti = np.nonzero(~treated)
    th = fit(engine, y[ai, ti], [ai, ti], [G, T], start=start)
    with np.errstate(over="ignore"):
        m = np.exp(th[0][:, None] + th[1][None, :])
    num = den = so = se = 0.0
    dropped = 0
    for g in np.unique(first[first >= 0]):
        rows = first == g
        for t in range(g, T):
            o = y[rows, t].sum()
            e = m[rows, t].sum()
            if e == 0:  # not identified: no untreated incidents in the period or the cohort
                continue
            so, se = so + o, se + e
            if o == 0:
                dropped += 1
                continue
            w = rows.sum()
            num += w * np.log(o / e)
            den += w
    cellavg = num / den if den else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.log(so / se) if se > 0 else np.nan
    return a, dropped, th, cellavg


def jackknife(y, first, engine, th_full, full_value, fn):
    """Leave-one-area-out values of fn(y_-g, first_-g, start) -> vector; returns the (G, k) array."""
    G = y.shape[0]
    out = []
    for g in range(G):
        keep = np.arange(G) != g
        start = None if th_full is None else [th_full[0][keep]] + [t for t in th_full[1:]]
        out.append(fn(y[keep], first[keep], start))
    return np.array(out)


def event_design(first, T, lo, hi):
    """Event-bin level of each area-period: 0 = reference (controls and relative period -1),
    1.. = relative periods lo..hi without -1 (ends binned)."""
    rel = [r for r in range(lo, hi + 1) if r != -1]
    lvl = {r: k + 1 for k, r in enumerate(rel)}
    G = len(first)
    ev = np.zeros((G, T), dtype=np.int64)
    for i in range(G):
        if first[i] < 0:
            continue
        for t in range(T):
            r = min(max(t - first[i], lo), hi)
            ev[i, t] = lvl.get(r, 0)
    return ev, rel


def event_coefs(y, first, lo, hi, engine, start=None):
    G, T = y.shape
    ev, rel = event_design(first, T, lo, hi)
    ai, ti = np.indices((G, T))
    th = fit(engine, y.ravel(), [ai.ravel(), ti.ravel(), ev.ravel()], [G, T, len(rel) + 1],
             fixed0=[None, None, 0], start=start)
    return th[2][1:], th, rel


# ------------------------------------------------------------------------------------------
# one type's metrics
# ------------------------------------------------------------------------------------------


def pick(r):
    return [r[0], r[3]]


def model_type(y, first, conf, engine, permutations, seed, lo, hi, do_event=True):
    G = y.shape[0]
    res = {"G": G, "treated": int((first >= 0).sum())}
    a, dropped, th, cellavg = att(y, first, engine)
    res.update(att=a, cells_dropped=dropped)
    jk = jackknife(y, first, engine, th if engine == "ipf" else None, a,
                   lambda yy, ff, st: np.array(pick(att(yy, ff, engine, st))))
    se = np.sqrt((G - 1) / G * np.nansum((jk[:, 0] - a) ** 2))
    tq = stats.t.ppf(1 - (1 - conf) / 2, G - 1)
    res.update(se=se, ratio=np.exp(a), ci=(np.exp(a - tq * se), np.exp(a + tq * se)),
               mde=1 - np.exp(-(tq + stats.norm.ppf(0.8)) * se))
    cse = np.sqrt((G - 1) / G * np.nansum((jk[:, 1] - cellavg) ** 2))
    res.update(cellavg_ratio=np.exp(cellavg), cellavg_ci=(np.exp(cellavg - tq * cse), np.exp(cellavg + tq * cse)))
    if permutations > 0:
        rng = np.random.default_rng(seed)
        k = 0
        perm_atts = []
        for _ in range(permutations):
            fp = rng.permutation(first)
            v = att(y, fp, "ipf", th)[0]
            perm_atts.append(v)
            k += abs(v) >= abs(a) - 1e-12 * max(1.0, abs(a))
        res.update(p=(k + 1) / (permutations + 1), k=int(k), P=permutations)
    if do_event:
        b, thev, rel = event_coefs(y, first, lo, hi, engine)
        jkb = jackknife(y, first, engine, thev if engine == "ipf" else None, b,
                        lambda yy, ff, st: event_coefs(yy, ff, lo, hi, engine, st)[0])
        d = jkb - b
        V = (G - 1) / G * d.T @ d
        pre = [k for k, r in enumerate(rel) if r < -1]
        bp = b[pre]
        ok = np.isfinite(bp)
        Vp = V[np.ix_(pre, pre)][np.ix_(ok, ok)]
        kk = int(ok.sum())
        W = float(bp[ok] @ np.linalg.pinv(Vp) @ bp[ok]) if kk else np.nan
        res.update(pretrend_F=W / kk if kk else np.nan, pretrend_k=kk,
                   pretrend_p=float(stats.f.sf(W / kk, kk, G - 1)) if kk else np.nan)
        sd = np.sqrt(np.diag(V))
        res["event"] = [(r, np.exp(b[k]), np.exp(b[k] - tq * sd[k]), np.exp(b[k] + tq * sd[k]))
                        for k, r in enumerate(rel)]
    return res


def run(study_path, engine="ipf", permutations=None, types=None, do_event=True):
    """Every modelled type's results: {type: result dict}, and the panel."""
    s = Study(study_path)
    inc = load_incidents(s)
    panel = Panel(s, inc, load_treatment(s))
    P = s.permutations if permutations is None else permutations
    out = {}
    for typ in ["all"] + s.types if types is None else types:
        y, first, _ = panel.model_arrays(typ)
        out[typ] = model_type(y, first, s.conf, engine, P, s.seed, s.lo, s.hi, do_event and typ == "all")
        if do_event and typ != "all":
            r = model_type(y, first, s.conf, engine, 0, s.seed, s.lo, s.hi, True)
            out[typ].update(pretrend_p=r["pretrend_p"], pretrend_k=r["pretrend_k"])
    return s, panel, out


def fmt(x):
    return "" if x is None or (isinstance(x, float) and not np.isfinite(x)) else "%.10g" % x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("study")
    ap.add_argument("--engine", choices=["statsmodels", "ipf"], default="statsmodels")
    ap.add_argument("--permutations", type=int)
    ap.add_argument("--panel")
    ap.add_argument("--areas")
    ap.add_argument("--no-event", action="store_true")
    ap.add_argument("--check-engines", action="store_true")
    a = ap.parse_args()
    if a.check_engines:
        s = Study(a.study)
        panel = Panel(s, load_incidents(s), load_treatment(s))
        y, first, _ = panel.model_arrays("all")
        r1 = att(y, first, "statsmodels")[0]
        r2 = att(y, first, "ipf")[0]
        b1 = event_coefs(y, first, s.lo, s.hi, "statsmodels")[0]
        b2 = event_coefs(y, first, s.lo, s.hi, "ipf")[0]
        print("att statsmodels %.15g ipf %.15g diff %.3g; event max diff %.3g"
              % (r1, r2, abs(r1 - r2), np.nanmax(np.abs(b1 - b2))))
        return
    s, panel, out = run(a.study, a.engine, a.permutations, do_event=not a.no_event)
    print("metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator,method")
    for typ, r in out.items():
        dim, grp = ("all", "all") if typ == "all" else ("type", typ)
        print("crime_effect_ratio,%s,%s,%s,%s,%s,%d,%d,jackknife_area"
              % (dim, grp, fmt(r["ratio"]), fmt(r["ci"][0]), fmt(r["ci"][1]), r["treated"], r["G"]))
        if "p" in r:
            print("crime_effect_p,%s,%s,%s,,,%d,%d,none" % (dim, grp, fmt(r["p"]), r["k"], r["P"]))
        print("crime_effect_mde,%s,%s,%s,,,,,none" % (dim, grp, fmt(r["mde"])))
        if "pretrend_p" in r:
            print("crime_pretrend_p,%s,%s,%s,,,%d,%d,none" % (dim, grp, fmt(r["pretrend_p"]), r["pretrend_k"], r["G"] - 1))
    for r_, est, lo, hi in out["all"].get("event", []):
        print("crime_event_ratio,event_time,%d,%s,%s,%s,,,jackknife_area" % (r_, fmt(est), fmt(lo), fmt(hi)))
    if "event" in out["all"]:
        print("crime_event_ratio,event_time,-1,1,,,,,none")
    roles = pd.Series(panel.roles).value_counts()
    print("# areas by role: " + ", ".join("%s %d" % kv for kv in sorted(roles.items())))
    print("# incidents with no area (left out of the panel): %d" % panel.unknown)
    for typ, r in out.items():
        print("# %s: G %d, treated %d, cells dropped %d, incidents in the panel %d"
              % (typ, r["G"], r["treated"], r["cells_dropped"], int(panel.model_arrays(typ)[0].sum())))
    if a.panel:
        with open(a.panel, "w") as f:
            f.write("type,area,period,incidents\n")
            for typ, y in panel.counts.items():
                for k, name in enumerate(panel.names):
                    for t, lab in enumerate(panel.labels):
                        f.write("%s,%s,%s,%d\n" % (typ, name, lab, y[k, t]))
    if a.areas:
        with open(a.areas, "w") as f:
            f.write("area,treatment_start,first_period,role\n")
            for name in panel.names:
                fp = panel.first_all[name]
                lab = panel.labels[fp] if fp is not None and fp >= 0 else ""
                f.write("%s,%s,%s,%s\n" % (name, panel.start_of.get(name, ""), lab, panel.roles[name]))


if __name__ == "__main__":
    main()
