#!/usr/bin/env python3
"""Compare a metrics.csv written by alpr-eval with tests/data/tiny/expected_metrics.csv.

    python3 tests/reference/compare_metrics.py EXPECTED.csv ACTUAL.csv [--rel 1e-9]
                                               [--any-order] [--only-common]

Standard library only. Rows are matched on (metric, dimension, group, method). Numbers are
compared with a relative tolerance (default 1e-9; absolute 1e-12 near zero); an empty field
must be empty on both sides. Only the metrics named in EXPECTED are looked at in ACTUAL (rows
of other metrics, e.g. the exposure table, are ignored).

By default every expected row must be present and no extra rows of those metrics may appear in
ACTUAL; the rows found on one side only are listed (each side's list in its file's order) and
count as differences. With --only-common the rows on one side only are still listed, with how
many were skipped, but only the rows both sides have are compared (values and order). Row ORDER
is checked for the rows compared unless --any-order is given. Exit status 0 = match,
1 = differences (listed on stderr), 2 = bad arguments.
"""
import argparse
import csv
import math
import sys

COLS = ["metric", "dimension", "group", "estimate", "ci_low", "ci_high", "numerator", "denominator", "method"]
NUM = ["estimate", "ci_low", "ci_high", "numerator", "denominator"]


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rdr = csv.DictReader(f)
        if rdr.fieldnames != COLS:
            raise SystemExit("%s: header %r, expected %r" % (path, rdr.fieldnames, COLS))
        return list(rdr)


def same(a, b, rel):
    if a == "" or b == "":
        return a == b
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return False
    return abs(x - y) <= max(rel * max(abs(x), abs(y)), 1e-12)


def key(r):
    return (r["metric"], r["dimension"], r["group"], r["method"])


def main(argv):
    ap = argparse.ArgumentParser(description="compare a tool metrics.csv with an expected one")
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--rel", type=float, default=1e-9, help="relative tolerance (default 1e-9)")
    ap.add_argument("--any-order", action="store_true", help="do not check the row order")
    ap.add_argument("--only-common", action="store_true",
                    help="compare only the rows both files have; list and count the others")
    a = ap.parse_args(argv)
    exp, act = load(a.expected), load(a.actual)
    metrics = {r["metric"] for r in exp}
    act = [r for r in act if r["metric"] in metrics]
    ek = [key(r) for r in exp]
    ak = [key(r) for r in act]
    errs = []
    for name, keys in (("expected", ek), ("actual", ak)):
        if len(set(keys)) != len(keys):
            errs.append("duplicate rows in %s" % name)
    eset, aset = set(ek), set(ak)
    amap = {key(r): r for r in act}
    only_exp = [k for k in ek if k not in aset]
    only_act = [k for k in ak if k not in eset]
    for title, lst in (("rows missing from actual (expected only)", only_exp),
                       ("rows not in expected (actual only)", only_act)):
        if lst:
            print("%d %s:" % (len(lst), title), file=sys.stderr)
            for k in lst:
                print("  %s" % ",".join(k), file=sys.stderr)
    if a.only_common:
        print("--only-common: skipped %d expected-only and %d actual-only rows"
              % (len(only_exp), len(only_act)))
    else:
        errs += ["missing row %s" % (k,) for k in only_exp]
        errs += ["unexpected row %s" % (k,) for k in only_act]
    compared = 0
    for r in exp:
        b = amap.get(key(r))
        if b is None:
            continue
        compared += 1
        for c in NUM:
            if not same(r[c], b[c], a.rel):
                errs.append("%s %s: expected %r, got %r" % (key(r), c, r[c], b[c]))
    common_e = [k for k in ek if k in aset]
    common_a = [k for k in ak if k in eset]
    if not a.any_order and not errs and common_e != common_a:
        errs.append("row order differs (use --any-order to ignore)")
    for e in errs:
        print(e, file=sys.stderr)
    print("%d expected rows, %d compared, %d differences" % (len(exp), compared, len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
