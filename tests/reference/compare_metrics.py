#!/usr/bin/env python3
"""Compare a metrics.csv written by alpr-eval with tests/data/tiny/expected_metrics.csv.

    python3 tests/reference/compare_metrics.py EXPECTED.csv ACTUAL.csv [--rel 1e-9] [--only-expected]

Standard library only. Rows are matched on (metric, dimension, group, method). Numbers are
compared with a relative tolerance (default 1e-9; absolute 1e-12 near zero); an empty field
must be empty on both sides. By default every expected row must be present and no extra rows
of the metrics named in EXPECTED may appear in ACTUAL (rows of other metrics, e.g. the
exposure table, are ignored). Row ORDER is also checked for the rows compared unless
--any-order is given. Exit status 0 = match, 1 = differences (listed on stderr).
"""
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


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    rel = 1e-9
    for i, a in enumerate(argv):
        if a == "--rel":
            rel = float(argv[i + 1])
            args.remove(argv[i + 1])
    any_order = "--any-order" in argv
    exp, act = load(args[0]), load(args[1])
    metrics = {r["metric"] for r in exp}
    key = lambda r: (r["metric"], r["dimension"], r["group"], r["method"])
    act = [r for r in act if r["metric"] in metrics]
    ek = [key(r) for r in exp]
    ak = [key(r) for r in act]
    amap = {key(r): r for r in act}
    errs = []
    if len(set(ak)) != len(ak):
        errs.append("duplicate rows in actual")
    for k in ek:
        if k not in amap:
            errs.append("missing row %s" % (k,))
    for k in ak:
        if k not in set(ek):
            errs.append("unexpected row %s" % (k,))
    for r in exp:
        a = amap.get(key(r))
        if a is None:
            continue
        for c in NUM:
            if not same(r[c], a[c], rel):
                errs.append("%s %s: expected %r, got %r" % (key(r), c, r[c], a[c]))
    if not any_order and not errs and ek != ak:
        errs.append("row order differs (use --any-order to ignore)")
    for e in errs:
        print(e, file=sys.stderr)
    print("%d expected rows, %d differences" % (len(exp), len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
