#!/usr/bin/python3
"""Coverage of a compound-Poisson score interval for hit_rate by hotlist, beside cluster_plate.

A measurement, not part of the tool (issue 11). For each regime (sample: 150,000 reads; large:
2,000,000) and seeds 1..N, scripts/coverage.py's run_city generates a city with build/gen-city and
runs build/alpr-eval on it; this script then reads the city's own hits.csv and reads file
(reads.csv or reads.csv.gz) and, per hotlist, each vehicle's in-period alerts of that list
(vehicle = normalised plate + state; a hit links to its read by read_id, or without one by plate +
camera_id + timestamp; a hit counts when its read is in the study period, local Jan 1 .. Dec 31 of
planted.ini's year in its time zone). From these it computes, for each hotlist:

  E   = the list's in-period hits, e_i = those of vehicle i, N = all in-period reads
  D   = sum e_i^2 / sum e_i over the vehicles with e_i >= 1 (size-biased mean contribution)
  D+  = (sum e_i^2 + m^2) / (sum e_i + m), m = max e_i (one extra pseudo-vehicle as heavy as the
        heaviest seen: a small-sample inflation)
  df  = (sum u_c^2)^2 / sum u_c^4, u_c = e_c - (E/N) n_c over every vehicle read in the period
        (the Satterthwaite df of cluster_plate, METRICS.md), at least 1
  score interval for the expected count T, inverting (E - T)^2 <= q^2 T D:
        T = E + q^2 D / 2 -/+ q sqrt(E D + q^4 D^2 / 4);   rate interval = T / N
  E = 0: [0, q^2 / N] (D = 1, Poisson; q normal, as df is undefined)

Variants: score_z (q = normal 0.975 quantile, D), score_t (q = Student t at df, D), score_z_infl
(normal, D+), score_t_infl (t, D+). Two more rows, for the record only: score_z_as_written (the
issue's closed form q sqrt(E D + q^4 D^2 / 4), not the roots of the score equation) and
score_z_oracleD (score_z with D pooled over every city of the regime: no city can compute it).
Each is checked against planted.ini's hit_rate_true_hotlist_<list>,
beside the tool's cluster_plate row from metrics.csv of the same city. It also recomputes the
cluster_plate interval and the row's E and N from the raw data and counts the disagreements with
metrics.csv (a check of the linking above), and computes the briefing's few-vehicles flag
(AE_FEW, src/table.h: fewer than 30 vehicles with an alert of the list, or fewer than 30 with two
or more), compared with metrics.json's few_vehicles.

  /usr/bin/python3 scripts/coverage_score.py [--regimes sample,large] [--seeds-sample 40]
      [--seeds-large 24] [--jobs 2] [--work build/coverage-score] [--keep] [--reuse] [--rows CSV]

--keep keeps the generated cities; --reuse analyses a kept city again instead of regenerating it.
Prints markdown tables and writes them to WORK/coverage-score.md. Needs numpy and scipy.
"""
import argparse
import concurrent.futures
import csv
import datetime
import gzip
import json
import os
import shutil
import sys
import time
import zoneinfo

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coverage  # noqa: E402  (scripts/coverage.py: run_city, planted, REGIMES)

Z = stats.norm.ppf(0.975)
FEW = 30  # AE_FEW_VEHICLES
VARIANTS = ["score_z", "score_t", "score_z_infl", "score_t_infl"]
UTC = datetime.timezone.utc


def norm_plate(p):
    return p.upper().replace(" ", "").replace("-", "")


def utc_string(ts, tz):
    """an ISO 8601 timestamp (Z, offset, or naive local) as 'YYYY-MM-DDTHH:MM:SSZ'"""
    if len(ts) == 20 and ts[-1] == "Z":
        return ts
    d = datetime.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    if d.tzinfo is None:
        d = d.replace(tzinfo=tz)
    return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def open_text(d, name):
    p = os.path.join(d, name)
    if os.path.exists(p + ".gz"):
        return gzip.open(p + ".gz", "rt", newline="")
    return open(p, newline="")


def timezone_of(d):
    with open(os.path.join(d, "planted.ini")) as f:
        for line in f:
            if line.split("=")[0].strip().lower() == "timezone":
                return line.split("=", 1)[1].strip()
    return "America/Chicago"


def vehicle_alerts(d, year, tzname):
    """(n, e, N): n = in-period reads of each vehicle (numpy array), e = {hotlist: {vehicle index:
    alerts}}, N = in-period reads"""
    tz = zoneinfo.ZoneInfo(tzname)
    start = datetime.datetime(year, 1, 1, tzinfo=tz).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    by_id, by_key = {}, {}
    with open_text(d, "hits.csv") as f:
        rd = csv.reader(f)
        h = [c.strip().lower() for c in next(rd)]
        ih, ir, it, ic, ip = (h.index(c) for c in ("hotlist", "read_id", "timestamp", "camera_id", "plate"))
        for r in rd:
            if r[ir]:
                by_id.setdefault(r[ir], []).append(r[ih])
            else:
                key = (norm_plate(r[ip]), r[ic], utc_string(r[it], tz))
                by_key.setdefault(key, []).append(r[ih])
    vid, counts, e = {}, [], {}
    N = 0
    with open_text(d, "reads.csv") as f:
        rd = csv.reader(f)
        h = [c.strip().lower() for c in next(rd)]
        it, ic, ip, ist, ir = (h.index(c) for c in ("timestamp", "camera_id", "plate", "plate_state", "read_id"))
        for r in rd:
            ts = utc_string(r[it], tz)
            if not (start <= ts < end) or not r[ip]:
                continue
            plate = norm_plate(r[ip])
            v = vid.get((plate, r[ist]))
            if v is None:
                v = vid[(plate, r[ist])] = len(counts)
                counts.append(0)
            counts[v] += 1
            N += 1
            lists = by_id.get(r[ir])
            if by_key:
                more = by_key.get((plate, r[ic], ts))
                if more:
                    lists = (lists or []) + more
            if lists:
                for g in lists:
                    ev = e.setdefault(g, {})
                    ev[v] = ev.get(v, 0) + 1
    return np.array(counts, dtype=float), e, N


def score(E, D, q, N):
    if E == 0:
        return 0.0, Z * Z / N
    c = E + q * q * D / 2
    w = q * np.sqrt(E * D + q * q * D * D / 4)  # the roots of T^2 - (2E + q^2 D) T + E^2 = 0
    return (c - w) / N, (c + w) / N


def score_as_written(E, D, q, N):
    """the brief's closed form, q sqrt(E D + q^4 D^2 / 4): not the roots (too wide, lower end < 0)"""
    if E == 0:
        return 0.0, Z * Z / N
    c = E + q * q * D / 2
    w = q * np.sqrt(E * D + q ** 4 * D * D / 4)
    return (c - w) / N, (c + w) / N


def cluster(e, n, N):
    """cluster_plate as METRICS.md defines it (logit scale), for 0 < E < N; None otherwise"""
    E = e.sum()
    C = len(n)
    if C < 2 or E == 0 or E == N:
        return None
    p = E / N
    u = e - p * n
    su2, su4 = (u * u).sum(), (u ** 4).sum()
    if su2 == 0:
        return None
    df = max(su2 * su2 / su4, 1.0)
    se = np.sqrt(C / (C - 1) * su2 / (N * N))
    t = stats.t.ppf(0.975, df)
    L, s = np.log(p / (1 - p)), se / (p * (1 - p))
    ex = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    return ex(L - t * s), ex(L + t * s)


def analyse(root, regime, seed, work, reuse, keep):
    d = os.path.join(work, "%s-%d" % (regime, seed))
    t0 = time.time()
    if not (reuse and os.path.exists(os.path.join(d, "out", "metrics.json"))):
        coverage.run_city(root, regime, seed, work, 1)
    truth = coverage.planted(os.path.join(d, "planted.ini"))
    with open(os.path.join(d, "out", "metrics.csv"), newline="") as f:
        mrows = list(csv.DictReader(f))
    with open(os.path.join(d, "out", "metrics.json")) as f:
        jrows = json.load(f)["rows"]
    tool = {}
    for r, j in zip(mrows, jrows):
        if r["metric"] == "hit_rate" and r["dimension"] == "hotlist" and r["method"] == "cluster_plate":
            tool[r["group"]] = (r, j.get("few_vehicles"))
    t1 = time.time()
    n, alerts, N = vehicle_alerts(d, int(truth.get("year", 2025)), timezone_of(d))
    out = []
    lists = sorted(k[len("p_hotlist_"):] for k in truth if k.startswith("p_hotlist_"))
    for g in lists:
        true = truth.get("hit_rate_true_hotlist_" + g)
        if true is None:
            continue
        ev = alerts.get(g, {})
        e = np.zeros(len(n))
        for v, c in ev.items():
            e[v] = c
        pos = e[e > 0]
        E, S2 = pos.sum(), (pos * pos).sum()
        m = pos.max() if len(pos) else 0.0
        rec = {"regime": regime, "seed": seed, "hotlist": g, "truth": true, "E": int(E), "N": N,
               "vehicles": int(len(pos)), "repeat": int((pos >= 2).sum()), "max_e": int(m)}
        rec["few"] = rec["vehicles"] < FEW or rec["repeat"] < FEW
        df = float("nan")
        if E > 0:
            p = E / N
            u = e - p * n
            su2, su4 = (u * u).sum(), (u ** 4).sum()
            df = max(su2 * su2 / su4, 1.0) if su4 > 0 else float("nan")
        rec["df"] = df
        D = S2 / E if E else 1.0
        Dp = (S2 + m * m) / (E + m) if E else 1.0
        qt = stats.t.ppf(0.975, df) if df == df else Z
        rec["D"], rec["D_infl"] = D, Dp
        for name, q, dd in (("score_z", Z, D), ("score_t", qt, D), ("score_z_infl", Z, Dp),
                            ("score_t_infl", qt, Dp)):
            rec[name] = score(E, dd, q, N)
        rec["score_z_as_written"] = score_as_written(E, D, Z, N)
        mine = cluster(e, n, N)
        r, jfew = tool.get(g, (None, None))
        rec["cluster_plate"] = None
        rec["check"] = []
        if r is not None and r["ci_low"] != "" and r["ci_high"] != "":
            rec["cluster_plate"] = (float(r["ci_low"]), float(r["ci_high"]))
        if r is None and E > 0:
            rec["check"].append("no cluster_plate row")
        elif r is not None:
            if r["numerator"] != "" and int(float(r["numerator"])) != E:
                rec["check"].append("E %s vs %d" % (r["numerator"], E))
            if r["denominator"] != "" and int(float(r["denominator"])) != N:
                rec["check"].append("N %s vs %d" % (r["denominator"], N))
            if mine and rec["cluster_plate"]:
                a, b = rec["cluster_plate"]
                if abs(mine[0] - a) > 1e-6 * b or abs(mine[1] - b) > 1e-6 * b:
                    rec["check"].append("cluster interval [%g, %g] vs [%g, %g]" % (mine[0], mine[1], a, b))
            if jfew is not None and bool(jfew) != rec["few"]:
                rec["check"].append("few_vehicles %s vs %s" % (jfew, rec["few"]))
        out.append(rec)
    if not keep:
        shutil.rmtree(d, ignore_errors=True)
    return out, t1 - t0, time.time() - t1


def held(iv, t):
    """None: no interval; else (held, truth above)"""
    if iv is None:
        return None
    return iv[0] <= t <= iv[1], t > iv[1]


def pct(h, n):
    return "%.1f %% (%d/%d)" % (100.0 * h / n, h, n) if n else ""


def add_oracle(recs):
    """score_z_oracleD: score_z with D pooled over every city of the regime for the list (sum of
    sum e^2 over sum E): not usable on one city, it shows what a better D alone would give"""
    pool = {}
    for x in recs:
        u = pool.setdefault((x["regime"], x["hotlist"]), [0.0, 0.0])
        u[0] += x["D"] * x["E"] if x["E"] else 0.0
        u[1] += x["E"]
    for x in recs:
        u = pool[(x["regime"], x["hotlist"])]
        x["score_z_oracleD"] = score(x["E"], u[0] / u[1] if u[1] else 1.0, Z, x["N"])


def tables(recs, regimes, seeds):
    add_oracle(recs)
    forms = ["cluster_plate"] + VARIANTS
    L = []
    main_forms = forms + ["score_z_as_written", "score_z_oracleD"]
    L += ["Hit rate by hotlist, 95 % intervals: held / defined (all 8 hotlists of every city)", "",
          "| interval | " + " | ".join("%s (%s reads, %d cities)" % (r, format(coverage.REGIMES[r], ","), seeds[r])
                                       for r in regimes) + " |", "|---|" + "---|" * len(regimes)]
    for fm in main_forms:
        cells = []
        for reg in regimes:
            hs = [held(x[fm], x["truth"]) for x in recs if x["regime"] == reg]
            dfd = [h for h in hs if h is not None]
            cells.append(pct(sum(h[0] for h in dfd), len(dfd)))
        L.append("| %s | %s |" % (fm, " | ".join(cells)))
    L += ["", "score_z_as_written: the closed form q sqrt(E D + q^4 D^2 / 4) taken literally (not the roots of the "
          "score equation); score_z_oracleD: score_z with D pooled over all cities of the regime (an oracle, "
          "not an interval one city can compute)."]
    L += ["", "Split by the briefing's few-vehicles flag (AE_FEW: fewer than 30 vehicles with an alert of the list, "
          "or fewer than 30 with two or more; computed from the raw data):", "",
          "| interval | " + " | ".join("%s: flagged | %s: not flagged" % (r, r) for r in regimes) + " |",
          "|---|" + "---|---|" * len(regimes)]
    for fm in main_forms:
        cells = []
        for reg in regimes:
            for few in (True, False):
                hs = [held(x[fm], x["truth"]) for x in recs if x["regime"] == reg and x["few"] == few]
                dfd = [h for h in hs if h is not None]
                cells.append(pct(sum(h[0] for h in dfd), len(dfd)))
        L.append("| %s | %s |" % (fm, " | ".join(cells)))
    L += ["", "Width against cluster_plate: median of (score width / cluster_plate width) over the rows where "
          "both are defined; in brackets the 10th and 90th percentiles; then flagged / not flagged medians:", "",
          "| interval | " + " | ".join(regimes) + " |", "|---|" + "---|" * len(regimes)]
    for fm in VARIANTS + ["score_z_oracleD"]:
        cells = []
        for reg in regimes:
            def ratios(sel):
                return np.array([(x[fm][1] - x[fm][0]) / (x["cluster_plate"][1] - x["cluster_plate"][0])
                                 for x in recs if x["regime"] == reg and x["cluster_plate"] and sel(x)])
            a, f, nf = ratios(lambda x: True), ratios(lambda x: x["few"]), ratios(lambda x: not x["few"])
            med = lambda v: "%.2f" % np.median(v) if len(v) else "-"  # noqa: E731
            cells.append("%s [%.2f-%.2f]; %s / %s" % (med(a), np.percentile(a, 10), np.percentile(a, 90), med(f),
                                                      med(nf)) if len(a) else "")
        L.append("| %s | %s |" % (fm, " | ".join(cells)))
    L += ["", "Hotlist by hotlist: held / defined, misses with the planted rate above / below the interval; median "
          "vehicles with an alert of the list (with two or more), share of rows flagged:", ""]
    for reg in regimes:
        L += ["%s:" % reg, "", "| hotlist | vehicles (2+) | flagged | " + " | ".join(forms) + " |",
              "|---|---|---|" + "---|" * len(forms)]
        for g in sorted({x["hotlist"] for x in recs if x["regime"] == reg}):
            rs = [x for x in recs if x["regime"] == reg and x["hotlist"] == g]
            cells = ["%d (%d)" % (np.median([x["vehicles"] for x in rs]), np.median([x["repeat"] for x in rs])),
                     "%d %%" % round(100.0 * sum(x["few"] for x in rs) / len(rs))]
            for fm in forms:
                hs = [h for h in (held(x[fm], x["truth"]) for x in rs) if h is not None]
                k = sum(h[0] for h in hs)
                up = sum(h[1] for h in hs)
                cells.append("%.0f %% of %d, %d / %d" % (100.0 * k / len(hs), len(hs), up, len(hs) - k - up)
                             if hs else "")
            L.append("| %s | %s |" % (g, " | ".join(cells)))
        L.append("")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regimes", default="sample,large")
    ap.add_argument("--seeds-sample", type=int, default=40)
    ap.add_argument("--seeds-large", type=int, default=24)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default="build/coverage-score")
    ap.add_argument("--keep", action="store_true", help="keep the generated cities")
    ap.add_argument("--reuse", action="store_true", help="analyse kept cities again instead of regenerating")
    ap.add_argument("--rows", help="also write every (city, hotlist) row to this CSV")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    regimes = [r for r in a.regimes.split(",") if r]
    seeds = {"sample": a.seeds_sample, "large": a.seeds_large, "small": 0}
    for r in regimes:
        if r not in coverage.REGIMES:
            sys.exit("coverage_score: no regime '%s'" % r)
    recs, times = [], {r: [0.0, 0.0] for r in regimes}
    t0 = time.time()
    with concurrent.futures.ProcessPoolExecutor(max_workers=a.jobs) as pool:
        futs = {pool.submit(analyse, root, reg, s, work, a.reuse, a.keep or a.reuse): reg
                for reg in regimes for s in range(1, seeds[reg] + 1)}
        for fut in concurrent.futures.as_completed(futs):
            out, tr, ta = fut.result()
            recs += out
            times[futs[fut]][0] += tr
            times[futs[fut]][1] += ta
    bad = [(x["regime"], x["seed"], x["hotlist"], c) for x in recs for c in x["check"]]
    text = tables(recs, regimes, seeds)
    text += "\nChecks against the tool's output (E, N, the cluster_plate interval recomputed, the few-vehicles flag): "
    text += "%d disagreements in %d rows\n" % (len(bad), len(recs))
    for b in bad[:20]:
        text += "  %s-%d %s: %s\n" % b
    for r in regimes:
        text += "%s: city runs %.0f s, analysis %.0f s (summed over workers)\n" % (r, times[r][0], times[r][1])
    text += "wall time %.0f s, --jobs %d\n" % (time.time() - t0, a.jobs)
    with open(os.path.join(work, "coverage-score.md"), "w") as f:
        f.write(text)
    if a.rows:
        with open(a.rows, "w", newline="") as f:
            w = csv.writer(f)
            cols = ["regime", "seed", "hotlist", "truth", "E", "N", "vehicles", "repeat", "max_e", "few", "df", "D",
                    "D_infl"]
            w.writerow(cols + ["%s_%s" % (fm, s) for fm in ["cluster_plate"] + VARIANTS for s in ("lo", "hi")])
            for x in sorted(recs, key=lambda x: (x["regime"], x["seed"], x["hotlist"])):
                ivs = []
                for fm in ["cluster_plate"] + VARIANTS:
                    ivs += list(x[fm]) if x[fm] else ["", ""]
                w.writerow([x[c] for c in cols] + ivs)
    print(text, end="")


if __name__ == "__main__":
    main()
