#!/usr/bin/env python3
"""make coverage: how often each 95 % interval family holds the value the generator planted.

For each regime (small: 20,000 reads, about a dozen hotlisted vehicles seen; sample: 150,000
reads, the sample city's size; large: 2,000,000 reads) and seeds 1..N, build/gen-city writes a
city, build/alpr-eval runs it (min_cell 0, so no row is suppressed), and every interval row whose
planted truth is in planted.ini is checked: does [ci_low, ci_high] hold it? Prints one table
(family x regime: held / defined, share) and writes it to build/coverage/coverage.md.

  scripts/coverage.py [--regimes small,sample,large] [--seeds-small 100] [--seeds-sample 40]
                      [--seeds-large 12] [--work DIR (build/coverage)] [--keep]

Standard library only. The truths are the model's own parameters (hit_rate_true, ...), not the
realized values: an interval that covers the realized rate but not the model's would be measuring
the wrong thing.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys

REGIMES = {"small": 20000, "sample": 150000, "large": 2000000}


def planted(path):
    """planted.ini: 'key = number' lines (comments start with '#'); keys lower-cased."""
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;[" or "=" not in line:
                continue
            k, v = (x.strip() for x in line.split("=", 1))
            try:
                out[k.lower()] = float(v)
            except ValueError:
                pass
    return out


def checks(rows, truth):
    """(family, truth) for every interval row with a planted truth; family = metric/dimension/method."""
    out = []
    for r in rows:
        m, dim, g, meth = r["metric"], r["dimension"], r["group"], r["method"]
        if meth in ("none", "suppressed"):
            continue
        key = None
        if dim == "all" and m == "hit_rate":
            key = "hit_rate_true"
        elif dim == "all" and m == "false_positive_rate":
            key = "fp_share_true"
        elif dim == "all" and m == "outcome_yield":
            key = "outcome_yield_true"
        elif dim == "all" and m == "confirmed_per_million_reads":
            key = "confirmed_per_million_true"
        elif m == "reads_per_1k_residents":
            key = "reads_per_1k_residents_true_" + ("all" if dim == "all" else g.replace(" ", "_"))
        elif m in ("exposure_ratio", "group_exposure", "disparity_ratio") and dim != "all":
            key = m + "_true_" + g.replace(" ", "_")
        elif m == "gini_reads_per_capita":
            key = "gini_reads_per_capita_true"
        key = key and key.lower()
        if key is None or key not in truth:
            continue
        fam = "%s (%s, %s)" % (m, "all" if dim == "all" else "by " + dim, meth)
        if r["ci_low"] == "" or r["ci_high"] == "":
            out.append((fam, None))
            continue
        lo, hi, t = float(r["ci_low"]), float(r["ci_high"]), truth[key]
        out.append((fam, lo <= t <= hi))
    return out


def run_city(root, regime, seed, work):
    d = os.path.join(work, "%s-%d" % (regime, seed))
    shutil.rmtree(d, ignore_errors=True)
    subprocess.run([os.path.join(root, "build/gen-city"), "--out", d, "--reads", str(REGIMES[regime]),
                    "--seed", str(seed), "--plain", "--no-defects"], check=True, stdout=subprocess.DEVNULL)
    truth = planted(os.path.join(d, "planted.ini"))
    year = int(truth.get("year", 2025))
    with open(os.path.join(d, "study.ini"), "w") as f:
        f.write("[study]\ntitle = coverage %s %d\nstart = %d-01-01\nend = %d-12-31\n"
                "timezone = America/Chicago\nseed = %d\nmin_cell = 0\nmax_reject_share = 1\n"
                "[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n[outcomes]\npath = outcomes.csv\n"
                "[cameras]\npath = cameras.csv\n[neighborhoods]\npath = neighborhoods.csv\nboundaries = boundaries.geojson\n"
                % (regime, seed, year, year, seed))
    env = dict(os.environ, ALPR_EVAL_CHROMIUM="none")
    subprocess.run([os.path.join(root, "build/alpr-eval"), "-q", "run", "-o", os.path.join(d, "out"),
                    os.path.join(d, "study.ini")], check=True, stdout=subprocess.DEVNULL, env=env)
    with open(os.path.join(d, "out", "metrics.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    hot = truth.get("hot_vehicles_seen")
    return checks(rows, truth), hot, d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regimes", default="small,sample,large")
    ap.add_argument("--seeds-small", type=int, default=100)
    ap.add_argument("--seeds-sample", type=int, default=40)
    ap.add_argument("--seeds-large", type=int, default=12)
    ap.add_argument("--work", default="build/coverage")
    ap.add_argument("--keep", action="store_true", help="keep the generated cities")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    regimes = [r for r in a.regimes.split(",") if r]
    for r in regimes:
        if r not in REGIMES:
            sys.exit("coverage: no regime '%s' (small, sample, large)" % r)
    seeds = {"small": a.seeds_small, "sample": a.seeds_sample, "large": a.seeds_large}
    tally = {}   # (family, regime) -> [held, defined, rows]
    hot = {}
    for reg in regimes:
        hs = []
        for s in range(1, seeds[reg] + 1):
            res, h, d = run_city(root, reg, s, work)
            if h is not None:
                hs.append(h)
            for fam, ok in res:
                t = tally.setdefault((fam, reg), [0, 0, 0])
                t[2] += 1
                if ok is not None:
                    t[1] += 1
                    t[0] += ok
            if not a.keep:
                shutil.rmtree(d, ignore_errors=True)
        hot[reg] = (min(hs), sorted(hs)[len(hs) // 2], max(hs)) if hs else None
        print("coverage: %s done (%d cities)" % (reg, seeds[reg]), file=sys.stderr)
    fams = sorted({f for f, _ in tally})
    lines = ["| interval family | " + " | ".join("%s (%s reads, %d cities)" % (r, format(REGIMES[r], ","), seeds[r])
                                                for r in regimes) + " |",
             "|---|" + "---|" * len(regimes)]
    for fam in fams:
        cells = []
        for r in regimes:
            t = tally.get((fam, r))
            if not t:
                cells.append("")
            elif not t[1]:
                cells.append("no interval (%d rows)" % t[2])
            else:
                cells.append("%.1f %% (%d/%d)" % (100.0 * t[0] / t[1], t[0], t[1]))
        lines.append("| %s | %s |" % (fam, " | ".join(cells)))
    lines.append("")
    for r in regimes:
        if hot.get(r):
            lines.append("%s: hotlisted vehicles seen per city, min %d, median %d, max %d"
                         % (r, hot[r][0], hot[r][1], hot[r][2]))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(work, "coverage.md"), "w") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
