#!/usr/bin/python3
"""Independent reference for a crime-effect study (METRICS.md "Crime effect"), from the inputs.

Usage: /usr/bin/python3 tests/reference/effect_study_ref.py STUDY.ini OUT_DIR
Reads the study file (configparser), its incidents and treatment tables (csv module, ISO
timestamps or dates in the study's time zone; value.type.NAME labels), and writes to OUT_DIR:
  expected_panel.csv  type,area,period,incidents  (monthly; every area and month, zeros kept)
  expected_areas.csv  area,treatment_start,first_period,role
  expected_effect.csv metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator
for crime_effect_ratio, crime_effect_mde, crime_event_ratio and crime_pretrend_p (all and each
type). The randomization p is not here: it depends on GSL's permutation stream; the C tests
check its arithmetic instead.

The model is fitted the long way, to be independent of alpr-eval's imputation shortcut:
statsmodels' Poisson GLM with explicit area and period dummies plus one indicator per
(cohort, post period) cell (cells whose treated area-periods hold no incidents are left out
with their area-periods, as ppmlhdfe drops separated observations); ATT = the cells'
coefficients averaged by treated area-periods; the jackknife refits the GLM without each area
(cells rebuilt from the areas left). The event study: indicators of relative periods -PRE..POST
(ends binned, -1 left out), jackknife covariance of the coefficient vector; the pre-trend test is
the mean of the pre-period coefficients that have a jackknife variance against 0. Intervals and
tests use t with (treated areas - 1) degrees of freedom. Unit: month only.
"""
import configparser
import csv
import math
import os
import sys
import warnings
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

warnings.filterwarnings("ignore")


def load(study):
    cp = configparser.ConfigParser(inline_comment_prefixes=None, interpolation=None)
    cp.optionxform = str
    cp.read(study)
    here = os.path.dirname(os.path.abspath(study))
    return cp, here


def local_day(s, tz):
    s = s.strip()
    if len(s) == 10:
        return date.fromisoformat(s)
    t = datetime.fromisoformat(s.replace("Z", "+00:00"))
    if t.tzinfo is None:
        # a naive local time inside a spring-forward gap does not exist: rejected (METRICS.md rule 8)
        back = t.replace(tzinfo=tz).astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
        return None if back != t else t.date()
    return t.astimezone(tz).date()


def main():
    study, out = sys.argv[1], sys.argv[2]
    cp, here = load(study)
    tz = ZoneInfo(cp["study"]["timezone"])
    eff = cp["effect"]
    w0 = date.fromisoformat(eff.get("start", cp["study"]["start"]))
    w1 = date.fromisoformat(eff.get("end", cp["study"]["end"]))
    types = [t.strip() for t in eff.get("types", "").split(",") if t.strip()]
    pre, post = [int(v) for v in eff.get("window", "12, 24").split(",")]
    conf = float(cp["study"].get("confidence", "0.95"))
    inc = cp["incidents"]
    labels = {v: k[len("value.type."):] for k, v in inc.items() if k.startswith("value.type.")}
    months = []
    y, m = w0.year, w0.month
    while (y, m) <= (w1.year, w1.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    midx = {p: i for i, p in enumerate(months)}
    seen, recs, areas = set(), [], []
    with open(os.path.join(here, inc["path"]), newline="") as f:
        for r in csv.DictReader(f):
            if r["incident_id"] in seen:
                continue
            d = local_day(r["timestamp"], tz)
            if d is None:
                continue
            seen.add(r["incident_id"])
            if not (w0 <= d <= w1):
                continue
            area = r.get("neighborhood", "").strip() or "unknown"
            t = r.get("type", "").strip()
            recs.append((area, f"{d.year:04d}-{d.month:02d}", labels.get(t, t)))
    start = {}
    with open(os.path.join(here, cp["treatment"]["path"]), newline="") as f:
        for r in csv.DictReader(f):
            d = date.fromisoformat(r["start"].strip())
            a = r["neighborhood"].strip()
            start[a] = min(start.get(a, d), d)
    for a in sorted(set([r[0] for r in recs]) | set(start)):
        areas.append(a)
    G, P = len(areas), len(months)
    aidx = {a: i for i, a in enumerate(areas)}
    models = ["all"] + types
    Y = {m: np.zeros((G, P)) for m in models}
    for a, p, t in recs:
        Y["all"][aidx[a], midx[p]] += 1
        if t in Y and t != "all":
            Y[t][aidx[a], midx[p]] += 1
    role, first = {}, {}
    for a in areas:
        s = start.get(a)
        if a == "unknown" and s is None:
            role[a] = "left_out_unknown_area"
        elif s is None or s > w1:
            role[a] = "control"
        else:
            k = (s.year - w0.year) * 12 + s.month - w0.month
            if s < w0 or k <= 0:
                role[a] = "left_out_treated_before_window"
            else:
                role[a], first[a] = "treated", k
        if role[a] in ("treated", "control") and Y["all"][aidx[a]].sum() == 0:
            role[a] = "left_out_no_incidents"
            first.pop(a, None)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "expected_panel.csv"), "w") as f:
        f.write("type,area,period,incidents\n")
        for m in models:
            for a in areas:
                for p in months:
                    f.write(f"{m},{a},{p},{int(Y[m][aidx[a], midx[p]])}\n")
    with open(os.path.join(out, "expected_areas.csv"), "w") as f:
        f.write("area,treatment_start,first_period,role\n")
        for a in areas:
            s = start.get(a)
            fp = months[first[a]] if a in first else ""
            f.write(f"{a},{s.isoformat() if s else ''},{fp},{role[a]}\n")
    panel_areas = [a for a in areas if role[a] in ("treated", "control")]
    rows = []
    for m in models:
        rows += fit_model(m, Y[m], panel_areas, aidx, first, P, pre, post, conf)
    order = {"crime_effect_ratio": 0, "crime_effect_mde": 1, "crime_event_ratio": 2, "crime_pretrend_p": 3}
    rows.sort(key=lambda r: (order[r[0]], 0 if r[1] != "type" else 1, models.index(r[2]) if r[1] != "event_time" else int(r[2])))
    with open(os.path.join(out, "expected_effect.csv"), "w") as f:
        f.write("metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator\n")
        for r in rows:
            f.write(",".join(r[:3]) + "," + ",".join("" if v is None or (isinstance(v, float) and math.isnan(v)) else repr(float(v)) for v in r[3:]) + "\n")


def glm(y, area, period, X, effects=False):
    """Poisson GLM with area and period dummies and the columns of X; returns the X coefficients
    (and, with effects, a function (area, period) -> exp(alpha + gamma), the fitted mean
    without the X terms)."""
    df = pd.DataFrame({"a": [str(a) for a in area], "p": [str(p) for p in period]})
    D = pd.get_dummies(df.a, prefix="a", drop_first=True).astype(float)
    D = D.join(pd.get_dummies(df.p, prefix="p", drop_first=True).astype(float))
    D = sm.add_constant(D)
    Xd = pd.DataFrame(X, columns=[f"x{k}" for k in range(X.shape[1])])
    res = sm.GLM(y, pd.concat([D.reset_index(drop=True), Xd], axis=1), family=sm.families.Poisson()).fit(tol=1e-13, maxiter=500)
    b = res.params[[f"x{k}" for k in range(X.shape[1])]].values
    if not effects:
        return b
    a0, p0 = sorted(set(df.a))[0], sorted(set(df.p))[0]

    def mu0(a, p):
        v = res.params["const"]
        if str(a) != a0:
            v += res.params[f"a_{a}"]
        if str(p) != p0:
            v += res.params[f"p_{p}"]
        return math.exp(v)

    return b, mu0


def long_panel(Yg, areas, aidx, P):
    """Long form over the areas with incidents and periods with incidents among them."""
    keep = [a for a in areas if Yg[aidx[a]].sum() > 0]
    per = [t for t in range(P) if sum(Yg[aidx[a], t] for a in keep) > 0]
    rows = [(a, t, Yg[aidx[a], t]) for a in keep for t in per]
    return keep, rows


def att_fit(Yg, areas, aidx, first, P):
    keep, rows = long_panel(Yg, areas, aidx, P)
    cohorts = sorted({first[a] for a in keep if a in first})
    cells = [(c, t) for c in cohorts for t in range(c, P)]
    # cells with incidents in their treated area-periods (others are dropped with their area-periods)
    tot = {cl: 0.0 for cl in cells}
    n = {cl: 0 for cl in cells}
    for a, t, v in rows:
        if a in first and t >= first[a]:
            tot[(first[a], t)] += v
    for a in keep:
        if a in first:
            for t in range(first[a], P):
                n[(first[a], t)] += 1
    # a cell with no incidents has its coefficient at -inf: its area-periods leave the fit (as
    # ppmlhdfe drops separated observations) but it stays in the ratio as observed 0 against its
    # expected count
    live = [cl for cl in cells if tot[cl] > 0]
    rows2 = [(a, t, v) for a, t, v in rows if not (a in first and t >= first[a] and (first[a], t) not in live)]
    X = np.zeros((len(rows2), len(live)))
    li = {cl: k for k, cl in enumerate(live)}
    for r, (a, t, v) in enumerate(rows2):
        if a in first and t >= first[a]:
            X[r, li[(first[a], t)]] = 1
    b, mu0 = glm(np.array([v for _, _, v in rows2]), [a for a, _, _ in rows2], [t for _, t, _ in rows2], X, True)
    # crime_effect_ratio: the treated area-periods' incidents over those expected without cameras
    periods = {t for _, t, _ in rows}
    obs = exp_ = 0.0
    for a in keep:
        if a not in first:
            continue
        for t in range(first[a], P):
            if t in periods:
                obs += Yg[aidx[a], t]
                exp_ += mu0(a, t)
    treated = len([a for a in keep if a in first])
    return math.log(obs / exp_), len(keep), treated


def event_fit(Yg, areas, aidx, first, P, pre, post):
    keep, rows = long_panel(Yg, areas, aidx, P)
    rel = [r for r in range(-pre, post + 1) if r != -1]
    X = np.zeros((len(rows), len(rel)))
    for i, (a, t, v) in enumerate(rows):
        if a in first:
            r = min(max(t - first[a], -pre), post)
            if r != -1:
                X[i, rel.index(r)] = 1
    yv = np.array([v for _, _, v in rows])
    live = [k for k in range(len(rel)) if X[:, k].sum() > 0 and (yv * X[:, k]).sum() > 0]
    b = np.full(len(rel), np.nan)
    b[live] = glm(yv, [a for a, _, _ in rows], [t for _, t, _ in rows], X[:, live])
    return b, rel, keep


def fit_model(m, Yg, areas, aidx, first, P, pre, post, conf):
    out = []
    dim, grp = ("all", "all") if m == "all" else ("type", m)
    att, G, treated = att_fit(Yg, areas, aidx, first, P)
    keep = [a for a in areas if Yg[aidx[a]].sum() > 0]
    jk = []
    for g in keep:
        rest = [a for a in keep if a != g]
        jk.append(att_fit(Yg, rest, aidx, first, P)[0])
    jk = np.array(jk)
    se = math.sqrt((G - 1) / G * ((jk - att) ** 2).sum())
    # t with (treated areas - 1) degrees of freedom: the jackknife variance rests on the treated
    # areas (alpr-eval's choice over METRICS.md's G - 1; doc/metrics.md says why)
    tq = stats.t.ppf(1 - (1 - conf) / 2, treated - 1)
    out.append(("crime_effect_ratio", dim, grp, math.exp(att), math.exp(att - tq * se), math.exp(att + tq * se), treated, G))
    out.append(("crime_effect_mde", dim, grp, 1 - math.exp(-(tq + stats.norm.ppf(0.8)) * se), None, None, None, None))
    b, rel, keep = event_fit(Yg, areas, aidx, first, P, pre, post)
    Gk = len(keep)
    B = []
    for g in keep:
        bg, _, _ = event_fit(Yg, [a for a in keep if a != g], aidx, first, P, pre, post)
        B.append(bg)
    B = np.array(B)
    D = B - b
    ok = [k for k in range(len(rel)) if np.isfinite(b[k]) and np.all(np.isfinite(D[:, k]))]
    V = np.full((len(rel), len(rel)), np.nan)
    sub = D[:, ok]
    V[np.ix_(ok, ok)] = (Gk - 1) / Gk * sub.T @ sub
    treated = len([a for a in keep if a in first])
    tq = stats.t.ppf(1 - (1 - conf) / 2, treated - 1)
    if m == "all":
        for k, r in enumerate(rel):
            se_k = math.sqrt(V[k, k]) if k in ok else float("nan")
            lo = math.exp(b[k] - tq * se_k) if k in ok else None
            hi = math.exp(b[k] + tq * se_k) if k in ok else None
            out.append(("crime_event_ratio", "event_time", str(r), math.exp(b[k]) if np.isfinite(b[k]) else None, lo, hi, None, None))
        out.append(("crime_event_ratio", "event_time", "-1", 1.0, None, None, None, None))
    # the pre-trend test: the mean of the pre-period coefficients with a jackknife variance, t with
    # treated - 1 degrees of freedom
    S = [k for k in ok if rel[k] < -1]
    ones = np.ones(len(S)) / len(S)
    mean = float(ones @ b[S])
    var = float(ones @ V[np.ix_(S, S)] @ ones)
    p = 2 * stats.t.sf(abs(mean) / math.sqrt(var), treated - 1)
    out.append(("crime_pretrend_p", dim, grp, p, None, None, len(S), treated - 1))
    return out


if __name__ == "__main__":
    main()
