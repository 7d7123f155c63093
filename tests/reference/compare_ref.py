#!/usr/bin/python3
"""Independent reference for `alpr-eval compare` (doc/compare.md): every row of a changes.csv
recomputed from the two studies' raw input files.

    /usr/bin/python3 tests/reference/compare_ref.py A.ini B.ini A/metrics.csv B/metrics.csv changes.csv

Each side's rows come from metrics_ref.py (pandas, written from METRICS.md: it reads the inputs,
links the hits, and computes the wilson and cluster_plate limits itself). The tool's metrics.csv
is read only for which rows exist and which are suppressed, and for the few rows metrics_ref.py
does not compute (retention and tracking rows, outside the alert table): their estimates are
taken from it and only the change's arithmetic is checked there (they have no interval).
Then, written out here from the formulas of doc/compare.md:
  newcombe_<method>  Newcombe (1998) hybrid score: d -/+ sqrt of the two sides' squared
                     half-widths on the side each limit lies (wilson limits from statsmodels)
  cluster_plate_mover  Zou & Donner (2008) MOVER on each side's cluster_plate limits with
                     r from the per-vehicle linearization over the union of vehicles
                     (vehicles matched by plate + state, the same identity the keyed hash has)
  poisson_ratio_exact[_per_day]  Clopper-Pearson limits of xb / (xa + xb) (scipy beta.ppf)
                     as pi / (1 - pi), times the exposures' ratio
Exits 1 listing every difference over 1e-9 (relative, absolute below 1e-12).
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

import metrics_ref as M  # noqa: E402

TOL = 1e-9
PAIRED = ("hit_rate", "confirmed_per_million_reads", "false_positive_rate", "disposition_share",
          "outcome_yield", "enforcement_yield")


def unsuppressed(ini):
    """metrics_ref has no min_cell: a copy of the study file with min_cell 0 beside it (its paths
    are relative to its folder). Suppression only blanks rows, so the others are the same; the
    blanked ones are checked for being empty in changes.csv. Returns (path, made)."""
    with open(ini) as f:
        lines = f.read().split("\n")
    keep = [ln for ln in lines if not ln.strip().lower().startswith("min_cell")]
    if len(keep) == len(lines):
        return ini, False
    path = os.path.join(os.path.dirname(os.path.abspath(ini)), ".compare_ref-%d-%s" % (os.getpid(), os.path.basename(ini)))
    with open(path, "w") as f:
        f.write("\n".join(keep))
    return path, True


def side(ini):
    """metrics_ref's rows of a study, and the reads and hits frames its clustered rows used."""
    ini, made = unsuppressed(ini)
    try:
        return side_of(ini)
    finally:
        if made:
            os.unlink(ini)


def side_of(ini):
    seen = {}
    orig = M.alert_cluster_stats

    def spy(reads, hits, fp):
        seen["reads"], seen["hits"], seen["fp"] = reads, hits, fp
        return orig(reads, hits, fp)

    M.alert_cluster_stats = spy
    try:
        study = M.Study(ini)
        rows, _ = M.compute(study)
    finally:
        M.alert_cluster_stats = orig
    ref = {(m, d, g, meth): dict(est=e, lo=lo, hi=hi, num=n, den=dn) for m, d, g, e, lo, hi, n, dn, meth in rows}
    days = (study.end - study.start).days + 1
    return study, ref, seen, days


def tool_rows(path):
    out = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            fl = lambda k: float(r[k]) if r[k] != "" else None
            out.append(dict(metric=r["metric"], dimension=r["dimension"], group=r["group"], method=r["method"],
                            est=fl("estimate"), lo=fl("ci_low"), hi=fl("ci_high"), num=fl("numerator"),
                            den=fl("denominator")))
    return out


def units(seen, metric, dim, group):
    """Per-vehicle units n and events e of one cluster_plate row (METRICS.md's definitions)."""
    reads, hits, fp = seen["reads"], seen["hits"], seen["fp"]
    per = lambda fr: fr.groupby("vehicle").size()
    if metric in ("hit_rate", "confirmed_per_million_reads"):
        r = reads if dim in ("all", "hotlist") else reads[reads[dim] == group]
        h = hits if dim == "all" else hits[hits[dim] == group]
        if metric == "confirmed_per_million_reads":
            h = h[h["disposition"] == "confirmed"]
        return per(r), per(h)
    if metric == "disposition_share":
        return per(hits), per(hits[hits["disposition"] == group])
    h = hits if dim == "all" else hits[hits[dim] == group]
    if metric == "false_positive_rate":
        h = h[h["disposition"] != "unverified"]
        return per(h), per(h[h["disposition"].isin(fp)])
    flag = "yielded" if metric == "outcome_yield" else "enforced"
    return per(h), per(h[h[flag].astype(bool)])


def u_of(n, e):
    e = e.reindex(n.index, fill_value=0)
    N, E = float(n.sum()), float(e.sum())
    return (e.astype(float) * N - E * n.astype(float)) / N / N


def correlation(sa, sb, metric, dim, group):
    ua = u_of(*units(sa, metric, dim, group))
    ub = u_of(*units(sb, metric, dim, group))
    common = ua.index.intersection(ub.index)
    saa, sbb = float((ua * ua).sum()), float((ub * ub).sum())
    sab = float((ua[common] * ub[common]).sum())
    if saa <= 0 or sbb <= 0:
        return 0.0
    return max(-1.0, min(1.0, sab / math.sqrt(saa * sbb)))


def mover(a, b, r):
    pa, la, ua, pb, lb, ub = a["est"], a["lo"], a["hi"], b["est"], b["lo"], b["hi"]
    d = pb - pa
    lo = d - math.sqrt(max(0.0, (pb - lb) ** 2 + (ua - pa) ** 2 - 2 * r * (pb - lb) * (ua - pa)))
    hi = d + math.sqrt(max(0.0, (ub - pb) ** 2 + (pa - la) ** 2 - 2 * r * (ub - pb) * (pa - la)))
    return lo, hi


def poisson_ratio(xa, xb, conf):
    """Clopper-Pearson limits of pi = xb / (xa + xb) as the ratio pi / (1 - pi)."""
    a = 1 - conf
    n = xa + xb
    plo = 0.0 if xb == 0 else float(stats.beta.ppf(a / 2, xb, n - xb + 1))
    phi = 1.0 if xb == n else float(stats.beta.ppf(1 - a / 2, xb + 1, n - xb))
    return plo / (1 - plo), (phi / (1 - phi) if phi < 1 else math.inf)


# counts of events that add up over time; distinct counts, holdings and quantiles are not
EVENT_COUNTS = {"reads", "hits", "outcomes", "outcomes_linked", "searches"}


def is_count(r):
    return (r["num"] is None and r["den"] is None and r["est"] is not None and r["est"] >= 0
            and r["est"] == math.floor(r["est"]))


def expected(key, a, b, sa, sb, da, db, conf, from_ref):
    """(change, lo, hi, kind, method) for one row pair."""
    metric, dim, group, meth = key
    z = float(stats.norm.ppf(1 - (1 - conf) / 2))
    if meth in ("wilson", "clopper_pearson", "jeffreys", "cluster_plate") and (a["est"] is None or b["est"] is None):
        paired_kind = meth != "cluster_plate" or metric in PAIRED
        return None, None, None, "difference" if paired_kind else "ratio", "none"
    if meth in ("wilson", "clopper_pearson", "jeffreys"):
        lo, hi = mover(a, b, 0.0) if a["lo"] is not None and b["lo"] is not None else (None, None)
        return b["est"] - a["est"], lo, hi, "difference", "newcombe_" + meth if lo is not None else "none"
    if meth == "cluster_plate" and metric in PAIRED:
        ch = b["est"] - a["est"]
        if None in (a["lo"], a["hi"], b["lo"], b["hi"]):
            return ch, None, None, "difference", "none"
        r = correlation(sa, sb, metric, dim, group)
        lo, hi = mover(a, b, r)
        return ch, lo, hi, "difference", "cluster_plate_mover"
    if meth == "poisson_exact":
        ch = b["est"] / a["est"] if a["est"] else None
        if metric == "outcomes_per_million_reads":
            xa, xb, k = a["num"], b["num"], a["den"] / b["den"]
            lo, hi = poisson_ratio(xa, xb, conf)
            return ch, k * lo, k * hi, "ratio", "poisson_ratio_exact"
        xa, xb, k = a["den"], b["den"], b["num"] / a["num"]
        lo, hi = poisson_ratio(xa, xb, conf)
        return ch, k / hi, k / lo, "ratio", "poisson_ratio_exact"
    if meth == "none" and metric in EVENT_COUNTS and is_count(a) and is_count(b):
        if a["est"] == 0:
            return None, None, None, "ratio", "none"
        ch = (b["est"] / db) / (a["est"] / da)
        lo, hi = poisson_ratio(a["est"], b["est"], conf)
        return ch, lo * da / db, hi * da / db, "ratio", "poisson_ratio_exact_per_day"
    if meth in ("quasi_poisson_days", "bootstrap_days"):
        if metric == "gini_reads_per_capita":
            s = math.hypot((a["hi"] - a["lo"]) / (2 * z), (b["hi"] - b["lo"]) / (2 * z))
            d = b["est"] - a["est"]
            return d, d - z * s, d + z * s, "difference", "normal_days"
        s = math.hypot((math.log(a["hi"]) - math.log(a["lo"])) / (2 * z),
                       (math.log(b["hi"]) - math.log(b["lo"])) / (2 * z))
        m = math.log(b["est"] / a["est"])
        return b["est"] / a["est"], math.exp(m - z * s), math.exp(m + z * s), "ratio", "normal_log_days"
    if meth == "cluster_plate":  # the outcome rates' clustered twins: a ratio, no interval
        return (b["est"] / a["est"] if a["est"] else None), None, None, "ratio", "none"
    if a["est"] is None or b["est"] is None:
        return None, None, None, "difference", "none"
    return b["est"] - a["est"], None, None, "difference", "none"


def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= max(TOL * max(abs(x), abs(y)), 1e-12)


def main():
    ini_a, ini_b, met_a, met_b, changes = sys.argv[1:6]
    st_a, ref_a, seen_a, da = side(ini_a)
    st_b, ref_b, seen_b, db = side(ini_b)
    conf = st_a.conf
    ta, tb = tool_rows(met_a), tool_rows(met_b)
    # the rows both tables have, in A's order (suppressed rows pair by their place)
    want = []
    for r in ta:
        if r["method"] == "suppressed":
            continue
        if any(x["metric"] == r["metric"] and x["dimension"] == r["dimension"] and x["group"] == r["group"]
               and x["method"] == r["method"] for x in tb):
            want.append((r["metric"], r["dimension"], r["group"], r["method"]))
    # and the rows with a suppressed side, paired by their place among their metric, dimension and group
    want_sup = []
    for i, r in enumerate(ta):
        same = lambda x: (x["metric"], x["dimension"], x["group"]) == (r["metric"], r["dimension"], r["group"])
        if r["method"] != "suppressed" and any(same(x) and x["method"] == r["method"] for x in tb):
            continue
        k = sum(1 for x in ta[:i] if same(x))
        peers = [x for x in tb if same(x)]
        if k < len(peers) and "suppressed" in (r["method"], peers[k]["method"]):
            want_sup.append((r["metric"], r["dimension"], r["group"]))
    got_sup = []
    got = []
    bad = 0
    with open(changes, newline="") as f:
        for c in csv.DictReader(f):
            key = (c["metric"], c["dimension"], c["group"], c["row_method"])
            if c["method"] == "suppressed":
                got_sup.append(key[:3])
                if c["change"] or c["ci_low"] or c["ci_high"]:
                    print("suppressed row with a change: %r" % (key,))
                    bad += 1
                continue
            got.append(key)
            from_ref = key in ref_a and key in ref_b
            if from_ref:
                a, b = ref_a[key], ref_b[key]
            else:
                find = lambda t: next(x for x in t if (x["metric"], x["dimension"], x["group"], x["method"]) == key)
                a, b = find(ta), find(tb)
            ch, lo, hi, kind, meth = expected(key, a, b, seen_a, seen_b, da, db, conf, from_ref)
            fl = lambda k: float(c[k]) if c[k] != "" else None
            if meth == "none":
                lo = hi = None
            ok = (close(fl("change"), ch) and close(fl("ci_low"), lo) and close(fl("ci_high"), hi)
                  and c["kind"] == kind and c["method"] == meth and close(fl("estimate_a"), a["est"])
                  and close(fl("estimate_b"), b["est"]))
            if not ok:
                bad += 1
                print("differs: %r tool %s %s %s %s %s; reference %r %r %r %s %s"
                      % (key, c["change"], c["ci_low"], c["ci_high"], c["kind"], c["method"], ch, lo, hi, kind, meth))
    if got != want:
        print("rows differ from the rows both tables share: %d in changes.csv, %d expected" % (len(got), len(want)))
        bad += 1
    if got_sup != want_sup:
        print("suppressed rows differ: %d in changes.csv, %d expected" % (len(got_sup), len(want_sup)))
        bad += 1
    print("compare_ref: %d rows checked, %d suppressed, %d differences" % (len(got), len(got_sup), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
