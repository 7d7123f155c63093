#!/usr/bin/env python3
"""make coverage-compare: how often each interval of `alpr-eval compare` holds the planted change.

For seeds 1..N, build/gen-city writes two years of one city that share their vehicle pool
(--fleet-seed SEED; year A 2024 with --seed 2 SEED + 1, year B 2025 with --seed 2 SEED + 2 and
--hit-scale 0.7, a 30 % drop in both hit probabilities); build/alpr-eval compare runs them (min_cell
0); each row below is checked: does [ci_low, ci_high] of changes.csv hold the planted difference?
The truth is the generator's own parameters (planted.ini's hit_rate_true, fp_share_true,
confirmed_per_million_true, disposition_share_true_confirmed, outcome_yield_true of each year, B
minus A): the model's expected values, not a large-sample run, so an interval is judged against
what it claims to estimate. Prints a table (row, interval, coverage with its 95 % Wilson range,
misses below and above: the interval wholly under or over the truth) and writes it to
build/coverage-compare/coverage.md.

  scripts/coverage_compare.py [--seeds 400] [--reads 150000] [--jobs N (cores)] [--work DIR]
                              [--bin DIR (build): where alpr-eval and gen-city are]

Standard library only.
"""
import argparse
import concurrent.futures
import csv
import math
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# (metric, dimension, group, row_method) -> planted.ini key of each year's truth
ROWS = [
    (("hit_rate", "all", "all", "cluster_plate"), "hit_rate_true"),
    (("hit_rate", "all", "all", "wilson"), "hit_rate_true"),
    (("confirmed_per_million_reads", "all", "all", "cluster_plate"), "confirmed_per_million_true"),
    (("false_positive_rate", "all", "all", "cluster_plate"), "fp_share_true"),
    (("false_positive_rate", "all", "all", "wilson"), "fp_share_true"),
    (("disposition_share", "disposition", "confirmed", "cluster_plate"), "disposition_share_true_confirmed"),
    (("disposition_share", "disposition", "confirmed", "wilson"), "disposition_share_true_confirmed"),
    (("outcome_yield", "all", "all", "cluster_plate"), "outcome_yield_true"),
    (("outcome_yield", "all", "all", "wilson"), "outcome_yield_true"),
]

STUDY = """[study]
title = {name}
start = {year}-01-01
end = {year}-12-31
timezone = America/Chicago
seed = 5
min_cell = 0
output = {out}
[reads]
path = {data}/reads.csv
[hits]
path = {data}/hits.csv
[outcomes]
path = {data}/outcomes.csv
[cameras]
path = {data}/cameras.csv
"""


def planted(path):
    out = {}
    with open(path) as f:
        for line in f:
            if "=" in line and not line.lstrip().startswith("#"):
                k, v = line.split("=", 1)
                try:
                    out[k.strip().lower()] = float(v.split("#")[0])
                except ValueError:
                    pass
    return out


def one(seed, args):
    d = os.path.join(args.work, "s%d" % seed)
    os.makedirs(d, exist_ok=True)
    for side, year, extra in (("a", 2024, []), ("b", 2025, ["--hit-scale", "0.7"])):
        data = os.path.join(d, side)
        subprocess.run([os.path.join(args.bin, "gen-city"), "--out", data, "--reads", str(args.reads),
                        "--no-defects", "--plain", "--seed", str(2 * seed + (1 if side == "a" else 2)),
                        "--fleet-seed", str(seed), "--year", str(year)] + extra,
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(d, side + ".ini"), "w") as f:
            f.write(STUDY.format(name=side, year=year, out=os.path.join(d, "out", side), data=data))
    subprocess.run([os.path.join(args.bin, "alpr-eval"), "compare", "-q", os.path.join(d, "a.ini"),
                    os.path.join(d, "b.ini"), "-o", os.path.join(d, "cmp")], check=True, stdout=subprocess.DEVNULL)
    ta, tb = planted(os.path.join(d, "a", "planted.ini")), planted(os.path.join(d, "b", "planted.ini"))
    got = {}
    with open(os.path.join(d, "cmp", "changes.csv"), newline="") as f:
        for r in csv.DictReader(f):
            got[(r["metric"], r["dimension"], r["group"], r["row_method"])] = r
    res = []
    for key, truth_key in ROWS:
        r = got.get(key)
        truth = tb[truth_key] - ta[truth_key]
        if not r or r["ci_low"] == "" or r["ci_high"] == "":
            res.append((key, r["method"] if r else "missing", None))
            continue
        lo, hi = float(r["ci_low"]), float(r["ci_high"])
        res.append((key, r["method"], "held" if lo <= truth <= hi else ("below" if hi < truth else "above")))
    if not args.keep:
        shutil.rmtree(d, ignore_errors=True)
    return res


def wilson(x, n, z=1.959963984540054):
    if n == 0:
        return float("nan"), float("nan")
    p = x / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, mid - half), min(1.0, mid + half)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=400)
    ap.add_argument("--reads", type=int, default=150000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "coverage-compare"))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--bin", default=os.path.join(ROOT, "build"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tally = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for res in ex.map(lambda s: one(s, args), range(1, args.seeds + 1)):
            for key, method, outcome in res:
                t = tally.setdefault((key, method), {"held": 0, "below": 0, "above": 0, None: 0})
                t[outcome] += 1
    lines = ["| row | interval | coverage | 95 % range | misses below | misses above | no interval |",
             "|---|---|---:|---|---:|---:|---:|"]
    for (key, method), t in sorted(tally.items(), key=lambda kv: [k for k, _ in ROWS].index(kv[0][0])):
        n = t["held"] + t["below"] + t["above"]
        lo, hi = wilson(t["held"], n)
        lines.append("| %s %s %s (%s) | %s | %s | %.1f–%.1f %% | %d | %d | %d |"
                     % (key[0], key[1], key[2], key[3], method,
                        "%.1f %% (%d of %d)" % (100 * t["held"] / n, t["held"], n) if n else "–",
                        100 * lo, 100 * hi, t["below"], t["above"], t[None]))
    text = ("coverage of the planted change, %d seeds, %d reads a year, year B's hit probabilities x 0.7\n\n"
            % (args.seeds, args.reads)) + "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(args.work, "coverage.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
