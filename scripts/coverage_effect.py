#!/usr/bin/python3
"""make coverage-effect: does the crime-effect interval hold the planted ratio, and how often does
the randomization p-value reject when nothing was planted?

For each regime and seeds 1..N (--first-seed moves the range), build/gen-crime writes a city (80 areas, monthly over
2021-2025: `many` has 25 treated areas in 4 cohorts, `few` 5 in 3) with the planted ratio 0.85
and its no-effect twin (incidents_null.csv, ratio 1); a study file is written for each; the
crime-effect model is run on both; and from each run's `all` row the script records: does the
crime_effect_ratio interval hold the planted ratio (0.85, or 1 for the twin), is crime_effect_p
below 0.05, is crime_pretrend_p below 0.05, the interval's width and the MDE.

  scripts/coverage_effect.py [--seeds 200] [--first-seed 1] [--regimes many,few] [--engine python|alpr-eval]
                             [--jobs 2] [--permutations P] [--work DIR] [--keep]
                             [--summarise RUNS_CSV]

--engine alpr-eval (the default) runs `build/alpr-eval -q run` (ALPR_EVAL_CHROMIUM=none) and
reads metrics.csv; --engine python runs the independent reference
tests/reference/effect_panel_ref.py in-process instead (numpy engine: the same maximum
likelihood as statsmodels' GLM, checked by its --check-engines; its permutations use numpy's
stream, not the tool's). --permutations sets
the studies' [effect] permutations (default 199 with python, 999 with alpr-eval). --jobs: cities
at a time (at most 2 on this machine). Prints the table (regime, effect, runs, coverage,
rejection rate, pretrend rejection rate, median interval width, mean MDE, mean and median
ratio; with python also the coverage and mean of `cellavg`, a diagnostic: the first design's
average of the cells' log ratios, cells without incidents dropped) and
writes it to WORK/coverage_effect.csv, each run to WORK/runs.csv (WORK defaults to
build/coverage-effect).
"""
import os

# one thread per process: at most two processes share this machine's two cores
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import concurrent.futures
import configparser
import csv
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIMES = {"many": dict(areas=80, treated=25, cohorts=4), "few": dict(areas=80, treated=5, cohorts=3)}
RATIO = 0.85
LEVEL = 0.05

STUDY = """# written by scripts/coverage_effect.py
[study]
title = coverage {regime} seed {seed} {variant}
start = 2025-01-01
end = 2025-12-31
timezone = America/Los_Angeles
seed = {seed}
confidence = 0.95
max_reject_share = 0.05

[incidents]
path = {incidents}
column.incident_id = Report Number
column.timestamp = Offense Start DateTime
timestamp_format = %m/%d/%Y %I:%M:%S %p
column.type = Offense Parent Group
column.neighborhood = MCPP
column.lon = Longitude
column.lat = Latitude
missing = REDACTED, UNKNOWN
{labels}

[treatment]
path = treatment.csv

[effect]
start = 2021-01-01
end = 2025-12-31
unit = month
types = {types}
window = 12, 24
permutations = {perms}
"""


def write_studies(d, seed, regime, perms):
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str
    cp.read(os.path.join(d, "planted_crime.ini"))
    pl = cp["planted"]
    types = [t.strip() for t in pl["types"].split(",")]
    labels = "\n".join("value.type.%s = %s" % (t, pl["label_" + t]) for t in types)
    out = {}
    for variant, inc in (("effect", "incidents.csv"), ("null", "incidents_null.csv")):
        path = os.path.join(d, "study_%s.ini" % variant)
        with open(path, "w") as f:
            f.write(STUDY.format(regime=regime, seed=seed, variant=variant, incidents=inc, labels=labels,
                                 types=", ".join(types), perms=perms))
        out[variant] = path
    return out, float(pl["ratio_true_all"])


_REF = None


def ref_module():
    global _REF
    if _REF is None:
        sys.path.insert(0, os.path.join(ROOT, "tests", "reference"))
        import effect_panel_ref

        _REF = effect_panel_ref
    return _REF


def run_python(study):
    R = ref_module()
    _, _, out = R.run(study, engine="ipf", types=["all"])
    r = out["all"]
    return dict(est=r["ratio"], lo=r["ci"][0], hi=r["ci"][1], p=r.get("p"), mde=r["mde"],
                pretrend=r.get("pretrend_p"), G=r["G"], treated=r["treated"], cells_dropped=r["cells_dropped"],
                cellavg=r["cellavg_ratio"], cellavg_lo=r["cellavg_ci"][0], cellavg_hi=r["cellavg_ci"][1])


def run_alpr(study, outdir):
    env = dict(os.environ, ALPR_EVAL_CHROMIUM="none")
    cmd = [os.path.join(ROOT, "build", "alpr-eval"), "-q", "run", "--output", outdir, study]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()[-400:]))
    rows = {}
    with open(os.path.join(outdir, "metrics.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["dimension"] == "all" and row["metric"].startswith("crime_"):
                rows[row["metric"]] = row

    def num(m, k):
        v = rows.get(m, {}).get(k, "")
        return float(v) if v not in ("", None) else None

    return dict(est=num("crime_effect_ratio", "estimate"), lo=num("crime_effect_ratio", "ci_low"),
                hi=num("crime_effect_ratio", "ci_high"), p=num("crime_effect_p", "estimate"),
                mde=num("crime_effect_mde", "estimate"), pretrend=num("crime_pretrend_p", "estimate"),
                G=num("crime_effect_ratio", "denominator"), treated=num("crime_effect_ratio", "numerator"),
                cells_dropped=None)


def one_city(args):
    regime, seed, engine, perms, work, keep = args
    d = os.path.join(work, "%s-%d" % (regime, seed))
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    g = REGIMES[regime]
    cmd = [os.path.join(ROOT, "build", "gen-crime"), "--out", d, "--seed", str(seed), "--areas", str(g["areas"]),
           "--treated", str(g["treated"]), "--cohorts", str(g["cohorts"]), "--ratio", str(RATIO), "--null"]
    subprocess.run(cmd, check=True, capture_output=True)
    studies, truth = write_studies(d, seed, regime, perms)
    res = []
    for variant, study in studies.items():
        true = truth if variant == "effect" else 1.0
        try:
            r = run_python(study) if engine == "python" else run_alpr(study, os.path.join(d, "report_" + variant))
            err = ""
        except Exception as e:  # a failed run is counted, not fatal
            r, err = {}, str(e)[:300]
        r.update(regime=regime, variant=variant, seed=seed, truth=true, error=err)
        res.append(r)
    if not keep:
        shutil.rmtree(d, ignore_errors=True)
    return res


RUN_KEYS = ["regime", "variant", "seed", "truth", "est", "lo", "hi", "p", "mde", "pretrend", "G", "treated",
            "cells_dropped", "cellavg", "cellavg_lo", "cellavg_hi", "error"]


def read_runs(path):
    """runs.csv back into dicts (empty fields None, numbers float)."""
    runs = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            r = {}
            for k, v in row.items():
                if k in ("regime", "variant", "error"):
                    r[k] = v
                else:
                    r[k] = float(v) if v not in ("", "None") else None
            runs.append(r)
    return runs


def summarise(runs):
    table = []
    for regime in REGIMES:
        for variant in ("effect", "null"):
            rs = [r for r in runs if r["regime"] == regime and r["variant"] == variant]
            if not rs:
                continue
            ok = [r for r in rs if not r["error"] and r.get("lo") is not None and r.get("hi") is not None]
            cov = sum(r["lo"] <= r["truth"] <= r["hi"] for r in ok)
            withp = [r for r in ok if r.get("p") is not None]
            cav = [r for r in ok if r.get("cellavg") is not None]
            withpt = [r for r in ok if r.get("pretrend") is not None]
            table.append(dict(
                regime=regime, effect="0.85" if variant == "effect" else "none", runs=len(rs), failed=len(rs) - len(ok),
                coverage=cov / len(ok) if ok else None,
                rejection=sum(r["p"] < LEVEL for r in withp) / len(withp) if withp else None,
                pretrend_rejection=sum(r["pretrend"] < LEVEL for r in withpt) / len(withpt) if withpt else None,
                median_width=statistics.median(r["hi"] - r["lo"] for r in ok) if ok else None,
                mean_mde=statistics.fmean(r["mde"] for r in ok) if ok else None,
                mean_ratio=statistics.fmean(r["est"] for r in ok) if ok else None,
                median_ratio=statistics.median(r["est"] for r in ok) if ok else None,
                cellavg_coverage=(sum(r["cellavg_lo"] <= r["truth"] <= r["cellavg_hi"] for r in cav) / len(cav)
                                  if cav else None),
                mean_cellavg_ratio=statistics.fmean(r["cellavg"] for r in cav) if cav else None))
    return table


def fmt(v, pct=False):
    if v is None:
        return "-"
    if pct:
        return "%.1f %%" % (100 * v)
    return "%.4g" % v if isinstance(v, float) else str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--first-seed", type=int, default=1, help="seeds FIRST .. FIRST+SEEDS-1")
    ap.add_argument("--regimes", default="many,few")
    ap.add_argument("--engine", choices=["python", "alpr-eval"], default="alpr-eval")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--permutations", type=int)
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "coverage-effect"))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--summarise", metavar="RUNS_CSV", help="only summarise an earlier (or stopped) run's runs.csv")
    a = ap.parse_args()
    jobs = max(1, min(a.jobs, 2))
    perms = a.permutations if a.permutations is not None else (199 if a.engine == "python" else 999)
    regimes = [r for r in a.regimes.split(",") if r]
    for r in regimes:
        if r not in REGIMES:
            sys.exit("coverage_effect: unknown regime %s (have %s)" % (r, ", ".join(REGIMES)))
    for b in ["gen-crime"] + (["alpr-eval"] if a.engine == "alpr-eval" else []):
        if not os.access(os.path.join(ROOT, "build", b), os.X_OK):
            sys.exit("coverage_effect: build/%s is missing (make build/%s)" % (b, b))
    os.makedirs(a.work, exist_ok=True)
    if a.summarise:
        runs = read_runs(a.summarise)
    else:
        tasks = [(r, s, a.engine, perms, a.work, a.keep) for s in range(a.first_seed, a.first_seed + a.seeds)
                 for r in regimes]
        runs = []
        # each city's rows are written as it finishes, so a stopped run can still be summarised
        with open(os.path.join(a.work, "runs.csv"), "w", newline="") as f, \
                concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as ex:
            w = csv.DictWriter(f, fieldnames=RUN_KEYS, extrasaction="ignore")
            w.writeheader()
            futs = [ex.submit(one_city, t) for t in tasks]
            for k, fu in enumerate(concurrent.futures.as_completed(futs), 1):
                res = fu.result()
                runs.extend(res)
                w.writerows(res)
                f.flush()
                if k % 20 == 0 or k == len(tasks):
                    print("coverage_effect: %d of %d cities" % (k, len(tasks)), file=sys.stderr, flush=True)
    table = summarise(runs)
    cols = ["regime", "effect", "runs", "failed", "coverage", "rejection", "pretrend_rejection", "median_width",
            "mean_mde", "mean_ratio", "median_ratio", "cellavg_coverage", "mean_cellavg_ratio"]
    with open(os.path.join(a.work, "coverage_effect.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(table)
    print("engine %s, %d permutations, 95 %% intervals, rejection = share of p < %.2f" % (a.engine, perms, LEVEL))
    print(" | ".join(cols))
    for t in table:
        print(" | ".join(fmt(t[c], c in ("coverage", "rejection", "pretrend_rejection", "cellavg_coverage")) for c in cols))
    print("written: %s, %s" % (os.path.join(a.work, "coverage_effect.csv"), os.path.join(a.work, "runs.csv")))


if __name__ == "__main__":
    main()
