#!/usr/bin/python3
"""Every figure of compare's "What changed" bullets against changes.csv.

usage: compare_page_check.py REPORT.md CHANGES.csv

Each bullet names its row (the sentence's subject); the script rounds the
row's estimates, change and limits to two significant figures itself (its
own rounding, not the tool's) and asks that the sentence say exactly those,
in the unit the row is in, and say whether the range holds zero as the
limits do. Prints "N bullets, 0 differences" or each difference; exit 1 on
any."""
import csv
import math
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

SUBJECTS = {
    "Alerts per 100 reads": ("hit_rate", "all", "all", True),
    "The share of checked alerts that were wrong": ("false_positive_rate", "all", "all", True),
    "The share of alerts confirmed": ("disposition_share", "disposition", "confirmed", True),
    "The share of alerts with a recorded outcome": ("outcome_yield", "all", "all", True),
    "Confirmed alerts per million reads": ("confirmed_per_million_reads", "all", "all", False),
}


def half_up(v, d):
    """v to d decimals, halves away from zero (52.5 % -> 53 %), from v's shortest decimal form."""
    return Decimal(repr(v)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)


def sig2(v):
    """Two significant figures, grouped by thousands, as a committee reads them."""
    if not (v > 0) or not math.isfinite(v):
        return f"{half_up(v, 0):,}"
    p = math.floor(math.log10(v))
    if p >= 2:
        unit = 10 ** (p - 1)
        return f"{int(half_up(v / unit, 0)) * unit:,}"
    return f"{half_up(v, 1 - p):,}"


def words(v, scale):
    s = sig2(abs(v * scale))
    return ("minus " if v < 0 else "") + s


def main():
    md, changes = sys.argv[1], sys.argv[2]
    rows = {}
    with open(changes, newline="") as f:
        for r in csv.DictReader(f):
            if r["row_method"] == "cluster_plate":
                rows[(r["metric"], r["dimension"], r["group"])] = r
    bullets = [l[2:] for l in open(md).read().split("## The main changes", 1)[1].split("\n## ", 1)[0].splitlines()
               if l.startswith("- ")]
    bad, n = [], 0
    for b in bullets:
        subj = next((s for s in SUBJECTS if b.startswith(s + " went from ")), None)
        if subj is None:
            bad.append(f"a bullet of no known row: {b}")
            continue
        m, d, g, pct = SUBJECTS[subj]
        r = rows[(m, d, g)]
        a, bb, c = float(r["estimate_a"]), float(r["estimate_b"]), float(r["change"])
        sc = 100 if pct else 1
        unit, punit = (" %", " percentage points") if pct else ("", "")
        want = f"{subj} went from {words(a, sc)}{unit} to {words(bb, sc)}{unit}, a change of {words(c, sc)}{punit}"
        if r["ci_low"] and r["ci_high"]:
            lo, hi = float(r["ci_low"]), float(r["ci_high"])
            verdict = ("more than chance would explain" if lo > 0 or hi < 0
                       else "the range includes zero, so the data cannot tell this change from chance")
            want += f" (between {words(lo, sc)} and {words(hi, sc)}{punit}): {verdict}."
        else:
            want += " (no interval)."
        n += 1
        if b != want:
            bad.append(f"said:  {b}\nwant:  {want}")
    for x in bad:
        print(x)
    print(f"{n} bullets, {len(bad)} differences")
    return 1 if bad or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
