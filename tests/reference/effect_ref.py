#!/usr/bin/python3
"""Independent reference values for alpr-eval's crime-effect estimator (src/effect_fit.c).

Writes tests/reference/effect_ref.h (C header, values printed with %.17g).
Run with Debian's interpreter:  /usr/bin/python3 tests/reference/effect_ref.py

Each case is a small balanced panel y[area][period] drawn here (numpy, fixed seed) with
regressors x[area][period][k] (cell indicators). The reference fit is statsmodels' Poisson GLM
with explicit area and period dummies (C(area) + C(period) + x_k), METRICS.md "Crime effect":
  - areas with no incidents in any period are dropped (their effect is not identified);
    periods with no incidents in the areas kept are dropped too (their dummy would run to
    -inf; the other coefficients are unchanged);
  - att (cells designs; NAN for the event design): the crime effect's ratio, the treated
    area-periods' incidents over those expected without cameras, exp(area + period) from the
    GLM's dummies, summed over the identified cells (totals_fit: a cell with no incidents is
    left out of the GLM and counts as observed 0; one not identified is left out of both);
  - att_w: the old mean sum_k w_k b_k / sum_k w_k, w_k = the cell's treated area-periods
    (nonzero x_k) in the areas fitted, every period counted (a period with no incidents
    included); still the test of the general ae_effect_att;
  - jackknife (CV3) of both: for each area g kept, the fit on the other areas (att: cells and
    their identification rebuilt from the areas left; att_w: cells with no treated
    area-period left dropped and the weights recounted);
    se^2 = (G-1)/G * sum_g (ATT_-g - ATT)^2 with ATT the full fit's (METRICS.md's form, not
    the mean of the ATT_-g), interval exp(ATT -/+ t(G-1, 0.975) se), t from scipy.
"""
import os
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "effect_ref.h")
CONF = 0.95


def cells_design(G, P, first_treated):
    """Extended TWFE cells: one indicator per (cohort, post period); first_treated[i] is the
    area's first treated period or None. Returns x[G][P][K] and the cell labels."""
    cohorts = sorted({c for c in first_treated if c is not None})
    labels = [(c, t) for c in cohorts for t in range(c, P)]
    x = np.zeros((G, P, len(labels)))
    for i, c in enumerate(first_treated):
        if c is None:
            continue
        for t in range(c, P):
            x[i, t, labels.index((c, t))] = 1
    return x, labels


def event_design(G, P, first_treated, lo, hi):
    """Event-study indicators: relative period r = t - first in lo..hi (reference -1 left
    out, ends binned), controls all zero."""
    rel = [r for r in range(lo, hi + 1) if r != -1]
    x = np.zeros((G, P, len(rel)))
    for i, c in enumerate(first_treated):
        if c is None:
            continue
        for t in range(P):
            r = min(max(t - c, lo), hi)
            if r != -1:
                x[i, t, rel.index(r)] = 1
    return x, rel


def glm_fit(y, x, areas, periods_mask, cols):
    """Poisson GLM with area and period dummies on the areas `areas`, periods kept and
    regressors `cols`; returns the coefficient of each regressor in cols."""
    G, P, K = x.shape
    rows = []
    for i in areas:
        for t in range(P):
            if periods_mask[t]:
                rows.append((i, t))
    df = pd.DataFrame({"area": [f"a{i}" for i, _ in rows], "period": [f"p{t:03d}" for _, t in rows],
                       "y": [y[i, t] for i, t in rows]})
    D = pd.get_dummies(df[["area", "period"]], drop_first=False).astype(float)
    # one area dummy for each area, period dummies but the first (the intercept is in the areas)
    pcols = [c for c in D.columns if c.startswith("period_")][1:]
    acols = [c for c in D.columns if c.startswith("area_")]
    X = D[acols + pcols].to_numpy()
    Xk = np.array([[x[i, t, k] for k in cols] for i, t in rows])
    X = np.hstack([X, Xk])
    res = sm.GLM(df["y"].to_numpy(), X, family=sm.families.Poisson()).fit(tol=1e-14, maxiter=1000)
    b = res.params[-len(cols):]
    return dict(zip(cols, b)), res.deviance


def totals_fit(y, x, areas):
    """The crime effect's ATT on a cells design, fitted on `areas`: cells whose treated
    area-periods hold no incidents, or that are not identified (no untreated incidents in
    their period, or none before their cohort's start), have their area-periods left out;
    the GLM (area and period dummies, the other cells' indicators) then gives the expected
    count without cameras mu0 = exp(area + period) of every area-period, and
      ATT = log(sum observed / sum mu0) over the identified cells' area-periods
    (a cell with no incidents in: observed 0 against its expected count). Returns the ATT
    and the areas in the fit."""
    G, P, K = x.shape
    treated = x.any(axis=2)
    Ut = np.zeros(P)
    Ua = np.zeros(G)
    for i in areas:
        for t in range(P):
            if not treated[i, t]:
                Ut[t] += y[i, t]
                Ua[i] += y[i, t]
    ident, live = set(), set()
    for k in range(K):
        cov = [(i, t) for i in areas for t in range(P) if x[i, t, k] != 0]
        if not cov:
            continue
        if all(Ut[t] > 0 for _, t in cov) and sum(Ua[i] for i in {i for i, _ in cov}) > 0:
            ident.add(k)
            if sum(y[i, t] for i, t in cov) > 0:
                live.add(k)
    cell = lambda i, t: int(np.argmax(x[i, t])) if treated[i, t] else None
    rows = [(i, t) for i in areas for t in range(P) if not treated[i, t] or cell(i, t) in live]
    fit_areas = sorted({i for i, t in rows if y[i, t] > 0})
    rows = [(i, t) for i, t in rows if i in fit_areas]
    periods = sorted({t for i, t in rows if y[i, t] > 0})
    rows = [(i, t) for i, t in rows if t in periods]
    cols = sorted(live)
    df = pd.DataFrame({"area": [f"a{i}" for i, _ in rows], "period": [f"p{t:03d}" for _, t in rows]})
    D = pd.get_dummies(df[["area", "period"]], drop_first=False).astype(float)
    pcols = [c for c in D.columns if c.startswith("period_")][1:]
    acols = [c for c in D.columns if c.startswith("area_")]
    X = np.hstack([D[acols + pcols].to_numpy(), np.array([[x[i, t, k] for k in cols] for i, t in rows])])
    res = sm.GLM(np.array([y[i, t] for i, t in rows]), X, family=sm.families.Poisson()).fit(tol=1e-14,
                                                                                           maxiter=1000)
    par = dict(zip(acols + pcols, res.params[:len(acols) + len(pcols)]))
    obs = exp_ = 0.0
    for i in fit_areas:
        for t in periods:
            if treated[i, t] and cell(i, t) in ident:
                obs += y[i, t]
                exp_ += np.exp(par[f"area_a{i}"] + par.get(f"period_p{t:03d}", 0.0))
    return np.log(obs / exp_), fit_areas


def solve_case(y, x, cells):
    G, P, K = x.shape
    kept = [i for i in range(G) if y[i].sum() > 0]
    pmask = y[kept].sum(axis=0) > 0
    allk = list(range(K))
    b, dev = glm_fit(y, x, kept, pmask, allk)
    w = np.array([(x[kept, :, k] != 0).sum() for k in range(K)], dtype=float)
    att = sum(w[k] * b[k] for k in allk) / w.sum()
    att_minus = [float("nan")] * G
    for g in kept:
        rest = [i for i in kept if i != g]
        pm = y[rest].sum(axis=0) > 0
        wg = np.array([(x[rest][:, :, k] != 0).sum() for k in range(K)], dtype=float)
        cols = [k for k in range(K) if wg[k] > 0]
        bg, _ = glm_fit(y, x, rest, pm, cols)
        att_minus[g] = sum(wg[k] * bg[k] for k in cols) / sum(wg[k] for k in cols)
    Gn = len(kept)
    ss = sum((att_minus[g] - att) ** 2 for g in kept)
    se = np.sqrt((Gn - 1) / Gn * ss)
    tq = stats.t.ppf(1 - (1 - CONF) / 2, Gn - 1)
    r = dict(b=[b[k] for k in range(K)], dev=dev, att_w=att, se_w=se, t=tq, lo_w=np.exp(att - tq * se),
             hi_w=np.exp(att + tq * se), att_minus_w=att_minus, G=Gn, w=w)
    # the crime effect's ATT (cells designs only; NAN for the event design)
    r.update(att=float("nan"), se=float("nan"), lo=float("nan"), hi=float("nan"), att_minus=[float("nan")] * G)
    if not cells:
        return r
    att, fit_areas = totals_fit(y, x, kept)
    for g in fit_areas:
        r["att_minus"][g], _ = totals_fit(y, x, [i for i in fit_areas if i != g])
    Gn = len(fit_areas)
    se = np.sqrt((Gn - 1) / Gn * sum((r["att_minus"][g] - att) ** 2 for g in fit_areas))
    tq = stats.t.ppf(1 - (1 - CONF) / 2, Gn - 1)
    r.update(att=att, se=se, lo=np.exp(att - tq * se), hi=np.exp(att + tq * se), G_tot=Gn)
    return r


def draw(rng, G, P, first_treated, effect, base_lo=3, base_hi=15):
    area = rng.uniform(np.log(base_lo), np.log(base_hi), G)
    period = rng.normal(0, 0.2, P)
    y = np.zeros((G, P))
    for i in range(G):
        for t in range(P):
            eff = effect if first_treated[i] is not None and t >= first_treated[i] else 0.0
            y[i, t] = rng.poisson(np.exp(area[i] + period[t] + eff))
    return y


def cases():
    rng = np.random.default_rng(20261128)
    out = []
    # 1: six areas, eight periods, two cohorts (areas 0,1 from period 4; area 2 from period 6)
    ft = [4, 4, 6, None, None, None]
    y = draw(rng, 6, 8, ft, -0.3)
    x, _ = cells_design(6, 8, ft)
    out.append(("etwfe_6x8", y, x))
    # 2: seven areas, ten periods, event-study indicators -3..3; area 6 has no incidents,
    # period 0 has none in any area (both drop out)
    ft = [5, 6, 4, None, None, None, None]
    y = draw(rng, 7, 10, ft, 0.25, 4, 12)
    y[6, :] = 0
    y[:, 0] = 0
    x, _ = event_design(7, 10, ft, -3, 3)
    out.append(("event_7x10", y, x))
    # 3: eight areas, six periods, one treated area per cohort, small counts
    ft = [3, 4, None, None, None, None, None, None]
    y = draw(rng, 8, 6, ft, 0.4, 1, 4)
    x, _ = cells_design(8, 6, ft)
    out.append(("etwfe_8x6_small", y, x))
    # 4: an area with no incidents before its start but some after, in a cohort whose other
    # areas have some before: the full fit converges (the cohort's total identifies the cells;
    # three areas, so that leaving any one out still leaves incidents before the start)
    ft = [3, 3, 3, 5, None, None, None, None]
    y = draw(rng, 8, 8, ft, -0.2, 3, 9)
    y[1, :3] = 0
    y[1, 3:] = np.maximum(y[1, 3:], 1)
    x, _ = cells_design(8, 8, ft)
    out.append(("etwfe_zero_pre", y, x))
    return out


def event_case():
    """One event-study panel for the coefficient jackknife: ten areas, twelve periods, four
    treated areas in three cohorts, event times -3..3 (reference -1, ends binned)."""
    rng = np.random.default_rng(20261201)
    ft = [4, 5, 5, 7, None, None, None, None, None, None]
    y = draw(rng, 10, 12, ft, -0.3, 4, 12)
    x, rel = event_design(10, 12, ft, -3, 3)
    G, P, K = x.shape
    kept = [i for i in range(G) if y[i].sum() > 0]
    pmask = y[kept].sum(axis=0) > 0
    b, _ = glm_fit(y, x, kept, pmask, list(range(K)))
    b = np.array([b[k] for k in range(K)])
    bminus = np.full((G, K), np.nan)
    undefined = np.zeros(K, dtype=bool)
    for g in kept:
        rest = [i for i in kept if i != g]
        pm = y[rest].sum(axis=0) > 0
        cols = [k for k in range(K) if (x[rest][:, :, k] != 0).sum() > 0]
        undefined |= np.array([k not in cols for k in range(K)])
        bg, _ = glm_fit(y, x, rest, pm, cols)
        for k in cols:
            bminus[g, k] = bg[k]
    Gn = len(kept)
    D = bminus[kept] - b
    V = (Gn - 1) / Gn * (D.T @ D)
    V[undefined, :] = np.nan
    V[:, undefined] = np.nan
    tq = stats.t.ppf(1 - (1 - CONF) / 2, Gn - 1)
    se = np.sqrt(np.diag(V))
    pre = [rel.index(r) for r in rel if r < -1]
    bs = b[pre]
    F = float(bs @ np.linalg.solve(V[np.ix_(pre, pre)], bs)) / len(pre)
    p = stats.f.sf(F, len(pre), Gn - 1)
    return dict(name="event_10x12", G=G, P=P, K=K, n=Gn, y=y, x=x, b=b, bminus=bminus, V=V, t=tq,
                lo=np.exp(b - tq * se), hi=np.exp(b + tq * se), pre=pre, F=F, p=p)


def fmt(v):
    if isinstance(v, float) and np.isnan(v):
        return "NAN"
    return "%.17g" % v


def main():
    lines = []
    lines.append("/* effect_ref.h -- GENERATED by tests/reference/effect_ref.py; do not edit by hand.")
    lines.append(" * Regenerate: /usr/bin/python3 tests/reference/effect_ref.py")
    lines.append(" * Libraries: statsmodels %s, scipy %s, numpy %s, pandas %s, Python %s" % (
        statsmodels.__version__, scipy.__version__, np.__version__, pd.__version__, sys.version.split()[0]))
    lines.append(" * Poisson GLM with explicit area and period dummies, refit per left-out area; conf 0.95.")
    lines.append(" * y[i*P+t], x[(i*P+t)*K+k]; b per regressor; att_minus per area (NAN: not in the fit). */")
    lines.append("// clang-format off")
    lines.append("#ifndef ALPR_EVAL_EFFECT_REF_H")
    lines.append("#define ALPR_EVAL_EFFECT_REF_H")
    lines.append("#include <math.h>")
    lines.append("typedef struct {")
    lines.append("    const char *name;")
    lines.append("    int G, P, K, n_areas;")
    lines.append("    const double *y, *x, *b, *w, *att_minus_w, *att_minus;")
    lines.append("    double deviance, att_w, se_w, lo_w, hi_w, t, att, se, lo, hi;")
    lines.append("} effect_ref_case;")
    names = []
    for name, y, x in cases():
        r = solve_case(y, x, name.startswith("etwfe"))
        G, P, K = x.shape
        for k in range(K):
            if y[:, :][x[:, :, k] != 0].sum() == 0:
                raise SystemExit(f"{name}: cell {k} covers no incidents; draw again")
        lines.append(f"static const double {name}_y[] = {{{', '.join('%d' % v for v in y.flatten())}}};")
        lines.append(f"static const double {name}_x[] = {{{', '.join('%d' % v for v in x.flatten())}}};")
        lines.append(f"static const double {name}_b[] = {{{', '.join(fmt(v) for v in r['b'])}}};")
        lines.append(f"static const double {name}_w[] = {{{', '.join(fmt(v) for v in r['w'])}}};")
        lines.append(f"static const double {name}_att_minus_w[] = {{{', '.join(fmt(v) for v in r['att_minus_w'])}}};")
        lines.append(f"static const double {name}_att_minus[] = {{{', '.join(fmt(v) for v in r['att_minus'])}}};")
        names.append((name, G, P, K, r))
    lines.append("static const effect_ref_case effect_ref_cases[] = {")
    for name, G, P, K, r in names:
        if r.get("G_tot", r["G"]) != r["G"]:
            raise SystemExit(f"{name}: the totals fit has other areas; draw again")
        lines.append(f"    {{\"{name}\", {G}, {P}, {K}, {r['G']}, {name}_y, {name}_x, {name}_b, {name}_w, "
                     f"{name}_att_minus_w, {name}_att_minus, {fmt(r['dev'])}, {fmt(r['att_w'])}, "
                     f"{fmt(r['se_w'])}, {fmt(r['lo_w'])}, {fmt(r['hi_w'])}, {fmt(r['t'])}, {fmt(r['att'])}, "
                     f"{fmt(r['se'])}, {fmt(r['lo'])}, {fmt(r['hi'])}}},")
    lines.append("};")
    lines.append("#define EFFECT_REF_NCASES %d" % len(names))
    ev = event_case()
    n = ev["name"]
    lines.append("/* event-study coefficient jackknife: b_-g per area (row), V = (G-1)/G sum (b_-g - b)(b_-g - b)',")
    lines.append(" * intervals exp(b -/+ t se), Wald F of the pre-period coefficients (scipy F(k, G-1)) */")
    for key in ("y", "x", "b", "bminus", "V", "lo", "hi"):
        vals = np.asarray(ev[key]).flatten()
        f = (lambda v: "%d" % v) if key in ("y", "x") else fmt
        lines.append(f"static const double {n}_{key}[] = {{{', '.join(f(float(v)) for v in vals)}}};")
    lines.append(f"static const unsigned long {n}_pre[] = {{{', '.join(str(k) for k in ev['pre'])}}};")
    lines.append(f"enum {{ EVENT_REF_G = {ev['G']}, EVENT_REF_P = {ev['P']}, EVENT_REF_K = {ev['K']}, "
                 f"EVENT_REF_N = {ev['n']}, EVENT_REF_NPRE = {len(ev['pre'])} }};")
    lines.append(f"static const double {n}_t = {fmt(ev['t'])}, {n}_F = {fmt(ev['F'])}, {n}_p = {fmt(ev['p'])};")
    lines.append("#endif")
    lines.append("// clang-format on")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    for name, G, P, K, r in names:
        print(f"{name}: G={r['G']} att={r['att']:.6f} se={r['se']:.6f} ratio={np.exp(r['att']):.4f} "
              f"({r['lo']:.4f} .. {r['hi']:.4f}); mean of the cells' coefficients {r['att_w']:.6f} "
              f"se {r['se_w']:.6f}")
    print(f"{ev['name']}: G={ev['n']} F={ev['F']:.6f} p={ev['p']:.6f}")


if __name__ == "__main__":
    main()
