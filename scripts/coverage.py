#!/usr/bin/env python3
"""make coverage: how often each 95 % interval family holds the value the generator planted.

For each regime (small: 20,000 reads, about a dozen hotlisted vehicles seen; sample: 150,000
reads, the sample city's size; large: 2,000,000 reads) and seeds 1..N, build/gen-city writes a
city, build/alpr-eval runs it (min_cell 0, so no row is suppressed; a cost, so cost_per_outcome
has rows), and every interval row whose planted truth is in planted.ini is checked: does
[ci_low, ci_high] hold it? Prints one table (family x regime: held / defined, share) and writes
it to build/coverage/coverage.md. A family is "metric (all | by dimension, method)"; which
planted.ini key is the truth of which rows is the table TRUTH_KEYS below.

  scripts/coverage.py [--regimes small,sample,large] [--seeds-small 100] [--seeds-sample 40]
                      [--seeds-large 12] [--jobs N (cores)] [--families] [--work DIR (build/coverage)]
                      [--keep]
  scripts/coverage.py --self-check [PLANTED_INI (data-samples/sample-city/planted.ini)]

--jobs runs N cities at a time (each alpr-eval then reads with one thread; the results are the
same bytes with one thread or two). --families adds a summary with every family marked below
93 % or above 97 % in a regime. --self-check builds nothing and runs nothing: it checks that
every truth key of a planted.ini is the truth of some row family in TRUTH_KEYS (but for the few
listed in NO_INTERVAL), and that every family's key exists there for each hotlist, disposition,
area and demographic group the file names.

Standard library only. The truths are the model's own parameters (hit_rate_true, ...), not the
realized values: an interval that covers the realized rate but not the model's would be measuring
the wrong thing.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import re
import shutil
import subprocess
import sys

REGIMES = {"small": 20000, "sample": 150000, "large": 2000000}
COST = 1000000  # the study's cost in the coverage runs: cost_per_outcome = COST / outcomes
LOW, HIGH = 93.0, 97.0  # --families marks shares below LOW and above HIGH

# (metric, dimension) -> the planted.ini key of its truth, or (key, function of that key's value);
# {g} is the row's group with spaces as '_' (keys are compared lower-cased). A key without {g}
# under a dimension other than all holds for every group of that dimension: the model gives every
# camera, area and month the same value (see gen_city.c, planted_interval_truths).
TRUTH_KEYS = {
    ("hit_rate", "all"): "hit_rate_true",
    ("hit_rate", "camera"): "hit_rate_true_camera",
    ("hit_rate", "neighborhood"): "hit_rate_true_neighborhood",
    ("hit_rate", "month"): "hit_rate_true_month",
    ("hit_rate", "hotlist"): "hit_rate_true_hotlist_{g}",
    ("non_hit_share", "all"): "non_hit_share_true",
    ("disposition_share", "disposition"): "disposition_share_true_{g}",
    ("false_positive_rate", "all"): "fp_share_true",
    ("false_positive_rate", "hotlist"): "fp_share_true_hotlist_{g}",
    ("false_positive_rate", "camera"): "fp_share_true_camera",
    ("false_positive_rate", "neighborhood"): "fp_share_true_neighborhood",
    ("confirmed_per_million_reads", "all"): "confirmed_per_million_true",
    ("outcomes_per_million_reads", "outcome"): "outcomes_per_million_true_{g}",
    ("reads_per_outcome", "outcome"): "reads_per_outcome_true_{g}",
    ("cost_per_outcome", "outcome"): ("outcomes_true_{g}", lambda u: COST / u),
    ("outcome_yield", "all"): "outcome_yield_true",
    ("outcome_yield", "hotlist"): "outcome_yield_true_hotlist_{g}",
    ("outcome_yield", "camera"): "outcome_yield_true_camera",
    ("outcome_yield", "neighborhood"): "outcome_yield_true_neighborhood",
    ("enforcement_yield", "all"): "enforcement_yield_true",
    ("enforcement_yield", "hotlist"): "enforcement_yield_true_hotlist_{g}",
    ("enforcement_yield", "camera"): "enforcement_yield_true_camera",
    ("enforcement_yield", "neighborhood"): "enforcement_yield_true_neighborhood",
    ("reads_per_1k_residents", "all"): "reads_per_1k_residents_true_all",
    ("reads_per_1k_residents", "neighborhood"): "reads_per_1k_residents_true_{g}",
    ("reads_per_km2", "neighborhood"): "reads_per_km2_true_{g}",
    ("reads_per_100_vmt", "neighborhood"): "reads_per_100_vmt_true_{g}",
    ("exposure_ratio", "neighborhood"): "exposure_ratio_true_{g}",
    ("group_exposure", "group"): "group_exposure_true_{g}",
    ("disparity_ratio", "group"): "disparity_ratio_true_{g}",
    ("gini_reads_per_capita", "all"): "gini_reads_per_capita_true",
    ("tracked_plates_share", "all"): "tracked_plates_share_true",
    ("plates_seen_once_share", "all"): "plates_seen_once_share_true",
}
# truth keys of planted.ini that are the truth of no interval row (--self-check allows them)
NO_INTERVAL = [r"mobile_share_true", r"unassigned_share_true", r"reads_listed_true", r"reads_share_true_.+",
               r"reads_in_period_true"]
# which planted.ini keys name the groups of a dimension, for --self-check (outcome types: the
# tool's vocabulary, doc/inputs.md)
GROUP_SOURCES = {"hotlist": "p_hotlist_", "disposition": "p_disposition_", "neighborhood": "reads_in_neighborhood_",
                 "group": "group_exposure_realized_"}
# the family shown group by group
DETAIL = "hit_rate (by hotlist, cluster_plate)"
OUTCOME_TYPES = ["arrest", "vehicle_recovered", "citation", "warning", "no_action", "other"]


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


def pattern(metric, dim):
    """the key pattern of a family and the function of its value (None: the value itself)"""
    spec = TRUTH_KEYS.get((metric, dim))
    return spec if isinstance(spec, tuple) else (spec, None)


def truth_key(metric, dim, group):
    """planted.ini key (lower case) of the truth of a row, or None when the row has none."""
    pat = pattern(metric, dim)[0]
    if pat is None:
        return None
    return pat.format(g=group.replace(" ", "_")).lower()


def family(metric, dim, meth):
    return "%s (%s, %s)" % (metric, "all" if dim == "all" else "by " + dim, meth)


def checks(rows, truth):
    """(family, held) for every interval row with a planted truth (held None: no interval), and
    the set of interval families with no truth in TRUTH_KEYS or none in this planted.ini."""
    out, untested = [], set()
    for r in rows:
        m, dim, g, meth = r["metric"], r["dimension"], r["group"], r["method"]
        if meth in ("none", "suppressed"):
            continue
        fam = family(m, dim, meth)
        key = truth_key(m, dim, g)
        if key is None or key not in truth:
            untested.add(fam)
            continue
        if r["ci_low"] == "" or r["ci_high"] == "":
            out.append((fam, None, None, g, False))
            continue
        fn = pattern(m, dim)[1]
        lo, hi, t = float(r["ci_low"]), float(r["ci_high"]), truth[key]
        if fn:
            t = fn(t)
        out.append((fam, lo <= t <= hi, r.get("few_vehicles"), g, t > hi))
    return out, untested


def run_city(root, regime, seed, work, threads):
    d = os.path.join(work, "%s-%d" % (regime, seed))
    shutil.rmtree(d, ignore_errors=True)
    subprocess.run([os.path.join(root, "build/gen-city"), "--out", d, "--reads", str(REGIMES[regime]),
                    "--seed", str(seed), "--plain", "--no-defects"], check=True, stdout=subprocess.DEVNULL)
    truth = planted(os.path.join(d, "planted.ini"))
    year = int(truth.get("year", 2025))
    with open(os.path.join(d, "study.ini"), "w") as f:
        f.write("[study]\ntitle = coverage %s %d\nstart = %d-01-01\nend = %d-12-31\n"
                "timezone = America/Chicago\nseed = %d\nmin_cell = 0\nmax_reject_share = 1\ncost = %d\n"
                "[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n[outcomes]\npath = outcomes.csv\n"
                "[cameras]\npath = cameras.csv\n[neighborhoods]\npath = neighborhoods.csv\nboundaries = boundaries.geojson\n"
                % (regime, seed, year, year, seed, COST))
    env = dict(os.environ, ALPR_EVAL_CHROMIUM="none")
    cmd = [os.path.join(root, "build/alpr-eval"), "-q", "run", "-o", os.path.join(d, "out")]
    if threads:
        cmd += ["-j", str(threads)]
    subprocess.run(cmd + [os.path.join(d, "study.ini")], check=True, stdout=subprocess.DEVNULL, env=env)
    with open(os.path.join(d, "out", "metrics.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    # metrics.json has the same rows in the same order, with the briefing's flag on the
    # clustered ones: events from fewer than 30 vehicles, or repeated events from fewer than 30
    with open(os.path.join(d, "out", "metrics.json")) as f:
        jrows = json.load(f)["rows"]
    for r, j in zip(rows, jrows):
        r["few_vehicles"] = j.get("few_vehicles")
    res, untested = checks(rows, truth)
    shares = {k[len("p_hotlist_"):]: v for k, v in truth.items() if k.startswith("p_hotlist_")}
    return res, untested, truth.get("hot_vehicles_seen"), shares, d


def self_check(path):
    """Every truth key of planted.ini is some family's truth, and every family finds its keys."""
    truth = planted(path)
    errors = []
    pats = {k: re.compile("^" + re.escape(pattern(*k)[0].lower()).replace(re.escape("{g}"), ".+") + "$")
            for k in TRUTH_KEYS}
    skip = [re.compile("^" + p + "$") for p in NO_INTERVAL]
    used = total = 0
    for key in sorted(truth):
        if not re.search(r"_true(_|$)", key):
            continue
        if any(s.match(key) for s in skip):
            continue
        total += 1
        if any(p.match(key) for p in pats.values()):
            used += 1
        else:
            errors.append("truth key %s is the truth of no row family (TRUTH_KEYS)" % key)
    for m, dim in TRUTH_KEYS:
        pat = pattern(m, dim)[0]
        if "{g}" not in pat:
            if pat.lower() not in truth:
                errors.append("%s: no key %s in %s" % (family(m, dim, "*"), pat, path))
            continue
        prefix = GROUP_SOURCES.get(dim)
        groups = sorted(k[len(prefix):] for k in truth if prefix and k.startswith(prefix))
        if dim == "outcome":
            groups = OUTCOME_TYPES
        if not groups:
            errors.append("%s: %s names no %s" % (family(m, dim, "*"), path, dim))
        for g in groups:
            if truth_key(m, dim, g) not in truth:
                errors.append("%s: no key %s" % (family(m, dim, "*"), truth_key(m, dim, g)))
    for e in errors:
        print("coverage --self-check: " + e, file=sys.stderr)
    print("coverage --self-check: %s: %d of %d truth keys are the truth of a row family; %d families; %s"
          % (path, used, total, len(TRUTH_KEYS), "%d errors" % len(errors) if errors else "ok"))
    return 1 if errors else 0


def cell(t):
    if not t:
        return ""
    if not t[1]:
        return "no interval (%d rows)" % t[2]
    return "%.1f %% (%d/%d)" % (100.0 * t[0] / t[1], t[0], t[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regimes", default="small,sample,large")
    ap.add_argument("--seeds-small", type=int, default=100)
    ap.add_argument("--seeds-sample", type=int, default=40)
    ap.add_argument("--seeds-large", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="cities generated and run at a time (default: the number of cores)")
    ap.add_argument("--families", action="store_true",
                    help="add a summary marking the families below %g %%%% and above %g %%%%" % (LOW, HIGH))
    ap.add_argument("--work", default="build/coverage")
    ap.add_argument("--keep", action="store_true", help="keep the generated cities")
    ap.add_argument("--self-check", nargs="?", const="data-samples/sample-city/planted.ini", metavar="PLANTED_INI",
                    help="check TRUTH_KEYS against a planted.ini and exit")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if a.self_check:
        sys.exit(self_check(a.self_check))
    if a.jobs < 1:
        sys.exit("coverage: --jobs must be at least 1")
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    regimes = [r for r in a.regimes.split(",") if r]
    for r in regimes:
        if r not in REGIMES:
            sys.exit("coverage: no regime '%s' (small, sample, large)" % r)
    seeds = {"small": a.seeds_small, "sample": a.seeds_sample, "large": a.seeds_large}
    tally = {}  # (family, regime) -> [held, defined, rows]
    split = {}  # (family, regime, few_vehicles) -> [held, defined], clustered rows only
    hot = {r: [] for r in regimes}
    # DETAIL, group by group: (regime, group) -> [held, defined, truth above the interval]
    detail = {}
    cat_share = {}  # hotlist -> share of hotlisted vehicles in it (planted.ini p_hotlist_*)
    untested = set()
    left = {r: seeds[r] for r in regimes}
    threads = 1 if a.jobs > 1 else 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        futs = {pool.submit(run_city, root, reg, s, work, threads): reg
                for reg in regimes for s in range(1, seeds[reg] + 1)}
        for fut in concurrent.futures.as_completed(futs):
            reg = futs[fut]
            res, unt, h, shares, d = fut.result()
            cat_share.update(shares)
            untested |= unt
            if h is not None:
                hot[reg].append(h)
            for fam, ok, few, g, above in res:
                if fam == DETAIL and ok is not None:
                    u = detail.setdefault((reg, g), [0, 0, 0])
                    u[0] += ok
                    u[1] += 1
                    u[2] += above
                t = tally.setdefault((fam, reg), [0, 0, 0])
                t[2] += 1
                if ok is not None:
                    t[1] += 1
                    t[0] += ok
                if ok is not None and few is not None:
                    u = split.setdefault((fam, reg, few), [0, 0])
                    u[1] += 1
                    u[0] += ok
            if not a.keep:
                shutil.rmtree(d, ignore_errors=True)
            left[reg] -= 1
            if not left[reg]:
                print("coverage: %s done (%d cities)" % (reg, seeds[reg]), file=sys.stderr)
    fams = sorted({f for f, _ in tally})
    head = "| interval family | " + " | ".join("%s (%s reads, %d cities)" % (r, format(REGIMES[r], ","), seeds[r])
                                               for r in regimes) + " |"
    lines = [head, "|---|" + "---|" * len(regimes)]
    for fam in fams:
        lines.append("| %s | %s |" % (fam, " | ".join(cell(tally.get((fam, r))) for r in regimes)))
    lines.append("")
    for r in regimes:
        if hot[r]:
            hs = sorted(hot[r])
            lines.append("%s: hotlisted vehicles seen per city, min %d, median %d, max %d"
                         % (r, hs[0], hs[len(hs) // 2], hs[-1]))
    if detail:
        lines += ["", "%s, hotlist by hotlist (expected hotlisted vehicles of the list seen per city: its "
                  "share of hotlisted vehicles x the median seen; misses: planted rate above / below "
                  "the interval):" % DETAIL, "", "| hotlist | " + " | ".join(regimes) + " |",
                  "|---|" + "---|" * len(regimes)]
        for g in sorted({g for _, g in detail}):
            cells = []
            for r in regimes:
                u = detail.get((r, g))
                hs = sorted(hot[r])
                share = cat_share.get(g)
                exp = " (%.1f vehicles)" % (share * hs[len(hs) // 2]) if hs and share else ""
                cells.append("%.1f %% of %d%s, misses %d / %d" % (100.0 * u[0] / u[1], u[1], exp, u[2],
                                                                   u[1] - u[0] - u[2]) if u else "")
            lines.append("| %s | %s |" % (g, " | ".join(cells)))
    sfams = sorted({f for f, _, _ in split})
    if sfams:
        lines += ["", "The clustered rows split by the briefing's flag (events, or repeated events, from fewer than 30 vehicles, "
                  "from metrics.json):", "",
                  "| interval family | " + " | ".join("%s: flagged | %s: not flagged" % (r, r) for r in regimes)
                  + " |", "|---|" + "---|---|" * len(regimes)]
        for fam in sfams:
            cells = []
            for r in regimes:
                for few in (True, False):
                    u = split.get((fam, r, few))
                    cells.append("%.1f %% (%d/%d)" % (100.0 * u[0] / u[1], u[0], u[1]) if u and u[1] else "")
            lines.append("| %s | %s |" % (fam, " | ".join(cells)))
    untested -= set(fams)
    if untested:
        lines.append("")
        lines.append("interval families with no planted truth: " + ", ".join(sorted(untested)))
    if a.families:
        lines += ["", "Families outside %g-%g %% (share of intervals holding the truth; rows of one city are "
                  "not independent, so a share from few cities is rough):" % (LOW, HIGH), "",
                  "| interval family | " + " | ".join(regimes) + " |", "|---|" + "---|" * len(regimes)]
        below, above = set(), set()
        for fam in fams:
            cells = []
            for r in regimes:
                t = tally.get((fam, r))
                if not t or not t[1]:
                    cells.append("")
                    continue
                share = 100.0 * t[0] / t[1]
                mark = ""
                if share < LOW:
                    mark = " **below %g %%**" % LOW
                    below.add(fam)
                elif share > HIGH:
                    mark = " above %g %%" % HIGH
                    above.add(fam)
                cells.append("%.1f %%%s" % (share, mark))
            lines.append("| %s | %s |" % (fam, " | ".join(cells)))
        lines += ["", "%d families: %d below %g %% in some regime, %d above %g %% in some regime, %d within "
                  "%g-%g %% in every regime" % (len(fams), len(below), LOW, len(above), HIGH,
                                                len([f for f in fams if f not in below and f not in above]), LOW, HIGH)]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(work, "coverage.md"), "w") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
