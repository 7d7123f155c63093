#!/usr/bin/env python3
"""Try to recover every suppressed cell of a report from what the report publishes.

    recover_suppressed.py --bin BIN STUDY.ini [STUDY.ini ...]
    recover_suppressed.py --dirs PUBLISHED_DIR TRUTH_DIR

With --bin, each study is run twice with the tool BIN: as written (the published report) and
with min_cell = 0 (the truth, used only to say what a recovered value is and to check that the
reader's reasoning below is sound). With --dirs, two report folders already written.

The reader sees only metrics.csv, manifest.json, report.md and chart-funnel.dat of the
published folder. A "cell" is one count of vehicles or outcomes (doc/metrics.md, section 6):
a (family, dimension, group) whose value a row carries in its estimate, numerator or
denominator. The reader:

1. reads every cell a published row carries, directly or from a ratio and its other operand
   (estimate x denominator, numerator / estimate, estimate x reads / 1,000,000, cost /
   estimate), and manifest.json's distinct_vehicles and the funnel's "alerts with an outcome";
2. sets up what is known about the rest as an integer program: cells of a dimension that sum
   to a published total (outcome_yield and enforcement_yield numerators by hotlist, camera,
   neighbourhood, month sum to the `all` numerator; outcomes by type sum to the outcomes
   table's accepted count in manifest.json and in report.md's data-quality table), and the
   orderings that hold by definition (outcomes_linked <= outcomes; enforcement_yield <=
   outcome_yield <= hits of the same group; a place's vehicles <= its reads and <= all
   vehicles; all vehicles <= the sum over cameras, and <= all reads; tracked and seen-once
   vehicles <= all vehicles, and their sum too when tracked_cameras >= 2; alerts with an
   outcome <= linked outcomes summed over types, the same for enforcement outcomes); a
   suppressed cell is at least 1 where the rules publish its zeros (doc/metrics.md, section 6;
   for a yield out of fewer than min_cell alerts, when the report shows such a zero anywhere);
3. for each suppressed cell, minimises and maximises it (scipy.optimize.milp). Equal bounds
   mean the cell is recovered.

It also checks the primary rule (no published count of vehicles or outcomes in
(0, min_cell)) and that report.md prints no number for a suppressed row.

Exit status 0: nothing recovered; 1: a recovery, a small published count, or a report figure
of a suppressed row (each listed on stdout); 2: usage error, or the reasoning is unsound (the
truth falls outside the bounds found: a bug in this script).
"""
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

# metric -> the cells its rows carry: (column, family, fixed (dimension, group) or None)
CARRY = {
    "distinct_plates": [("estimate", "plates", None)],
    "tracked_plates_share": [("numerator", "tracked", None), ("denominator", "plates", ("all", "all"))],
    "plates_seen_once_share": [("numerator", "once", None), ("denominator", "plates", ("all", "all"))],
    "vehicles_read_20_plus_share": [("numerator", "read20", None), ("denominator", "plates", ("all", "all"))],
    "reads_per_vehicle_share": [("numerator", "rpv", None), ("denominator", "plates", ("all", "all"))],
    # a bin's reads (not vehicles, but they bound its vehicles); the row goes with the bin's vehicles
    "reads_per_vehicle_read_share": [("numerator", "binreads", None), ("none", "rpv", None)],
    "outcomes": [("estimate", "outcomes", None)],
    "outcomes_linked": [("estimate", "linked", None)],
    "outcomes_per_million_reads": [("numerator", "outcomes", None)],
    "reads_per_outcome": [("denominator", "outcomes", None)],
    "cost_per_outcome": [("denominator", "outcomes", None)],
    "outcome_yield": [("numerator", "yield", None)],
    "enforcement_yield": [("numerator", "enforce", None)],
    # the estimate (its denominator repeats it) and the numerator, those with no alert
    "vehicles_held_at_end": [("estimate", "held", None), ("numerator", "quiet", None)],
}
OUTCOME_TYPES = ["arrest", "vehicle_recovered", "citation", "warning", "no_action", "other"]


def num(s):
    return None if s in ("", None) else float(s)


def whole(x):
    """x as a whole number when it is one (to 1e-6 relative), else None."""
    if x is None or not math.isfinite(x):
        return None
    r = round(x)
    return float(r) if abs(x - r) <= 1e-6 * max(1.0, abs(x)) else None


class Report:
    """One report folder as a reader sees it."""

    def __init__(self, d):
        self.dir = d
        with open(os.path.join(d, "metrics.csv"), newline="", encoding="utf-8") as f:
            self.rows = list(csv.DictReader(f))
        with open(os.path.join(d, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        p = os.path.join(d, "report.md")
        self.md = open(p, encoding="utf-8").read() if os.path.exists(p) else ""
        p = os.path.join(d, "chart-funnel.dat")
        self.funnel = open(p, encoding="utf-8").read() if os.path.exists(p) else ""
        st = self.manifest["study"]
        self.min_cell = int(st.get("min_cell") or 0)
        self.k = int(st.get("tracked_cameras") or 3)
        self.enf = st.get("enforcement_outcomes") or ["arrest", "vehicle_recovered"]
        self.cost = st.get("cost")
        self.inputs = {i["table"]: i for i in self.manifest["inputs"]}

    def find(self, metric, dim, group):
        for r in self.rows:
            if r["metric"] == metric and r["dimension"] == dim and r["group"] == group and r["method"] != "suppressed":
                return r
        return None

    def count(self, metric, dim, group):
        r = self.find(metric, dim, group)
        return num(r["estimate"]) if r else None

    def carried(self, r, col):
        """The value a published row gives for one of its columns, directly or from the others."""
        if col == "none":
            return None
        v = num(r[col])
        if v is not None:
            return whole(v)
        est, n, d = num(r["estimate"]), num(r["numerator"]), num(r["denominator"])
        m = r["metric"]
        reads = self.count("reads", "all", "all")
        if col == "numerator" and est is not None:
            if m == "outcomes_per_million_reads":
                base = d if d is not None else reads
                return whole(est * base / 1e6) if base is not None else None
            den = d if d is not None else self.count("hits", r["dimension"], r["group"])
            return whole(est * den) if den is not None else None
        if col == "denominator" and est:
            top = n if n is not None else (reads if m == "reads_per_outcome" else self.cost)
            return whole(top / est) if top is not None else None
        return None

    def cells(self):
        """{(family, dim, group): (value or None, [where published])} for every cell a row carries."""
        out = {}
        for r in self.rows:
            for col, fam, fixed in CARRY.get(r["metric"], []):
                key = (fam,) + (fixed or (r["dimension"], r["group"]))
                val, where = out.get(key, (None, []))
                if r["method"] != "suppressed":
                    v = self.carried(r, col)
                    if v is not None:
                        val = v
                        where = where + ["metrics.csv %s,%s,%s,%s %s" % (r["metric"], r["dimension"], r["group"], r["method"], col)]
                out[key] = (val, where)
        dv = self.manifest.get("counts", {}).get("distinct_vehicles")
        if dv is not None and ("plates", "all", "all") in out:
            val, where = out[("plates", "all", "all")]
            out[("plates", "all", "all")] = (float(dv), where + ["manifest.json counts.distinct_vehicles"])
        for line in self.funnel.splitlines():
            m = re.match(r'"alerts with an outcome"\s+(\S+)', line)
            if m and m.group(1) != "NaN" and ("yield", "all", "all") in out:
                val, where = out[("yield", "all", "all")]
                out[("yield", "all", "all")] = (float(m.group(1)), where + ["chart-funnel.dat"])
        return out

    def outcome_totals(self):
        """The outcomes table's accepted count, from manifest.json and from report.md's table."""
        tots = []
        if "outcomes" in self.inputs:
            tots.append(("manifest.json outcomes accepted", float(self.inputs["outcomes"]["accepted"])))
        m = re.search(r"^\| outcomes \| [^|]* \| ([\d,]+) \| ([\d,]+) \|", self.md, re.M)
        if m:
            tots.append(("report.md data quality, outcomes accepted", float(m.group(2).replace(",", ""))))
        return tots


def relations(rep, cells):
    """Linear relations a reader can use: (coefficients {cell: c}, sense, constant, name)."""
    rel = []
    fams = {}
    for key in cells:
        fams.setdefault((key[0], key[1]), []).append(key)

    def known_or_cell(key, coefs, sign):
        """Adds a cell to coefs, or returns its published value to move to the constant."""
        v = cells[key][0] if key in cells else None
        if key in cells and v is None:
            coefs[key] = coefs.get(key, 0) + sign
            return 0.0
        return sign * (v or 0.0)

    # sums to a total: alerts with an outcome / enforcement outcome, by each dimension
    for fam in ("yield", "enforce"):
        if (fam, "all", "all") not in cells:
            continue
        for (f, dim), keys in fams.items():
            if f != fam or dim == "all":
                continue
            coefs, const = {}, 0.0
            for key in keys:
                const -= known_or_cell(key, coefs, 1)
            const -= known_or_cell((fam, "all", "all"), coefs, -1)
            rel.append((coefs, "=", const, "%s by %s sums to all" % (fam, dim)))
    # outcomes by type sum to the outcomes table's accepted count
    for dim in [d for (f, d) in fams if f == "outcomes"]:
        for name, total in rep.outcome_totals():
            coefs, const = {}, total
            for key in fams[("outcomes", dim)]:
                const -= known_or_cell(key, coefs, 1)
            rel.append((coefs, "=", const, "outcomes by %s sum to %s" % (dim, name)))

    def le(a, b, name, bconst=None):
        """cell a <= cell b (or <= the published number bconst)."""
        if a not in cells or (bconst is None and b not in cells):
            return
        coefs, const = {}, 0.0
        const -= known_or_cell(a, coefs, 1)
        if bconst is None:
            const -= known_or_cell(b, coefs, -1)
        else:
            const += bconst
        rel.append((coefs, "<=", const, name))

    for key in cells:
        fam, dim, grp = key
        if fam == "linked":
            le(key, ("outcomes", dim, grp), "linked <= outcomes")
        if fam == "enforce":
            le(key, ("yield", dim, grp), "enforcement_yield <= outcome_yield")
        if fam == "yield":
            h = rep.count("hits", dim, grp)
            if h is not None:
                le(key, None, "outcome_yield <= hits", h)
        if fam == "plates" and dim != "all":
            le(key, ("plates", "all", "all"), "a place's vehicles <= all vehicles")
            rd = rep.count("reads", dim, grp)
            if rd is not None:
                le(key, None, "vehicles <= reads at a place", rd)
        if fam in ("tracked", "once", "read20", "rpv"):
            le(key, ("plates", "all", "all"), "%s <= all vehicles" % fam)
    if ("plates", "all", "all") in cells:
        rd = rep.count("reads", "all", "all")
        if rd is not None:
            le(("plates", "all", "all"), None, "vehicles <= reads", rd)
        for dim in ("camera", "neighborhood"):
            keys = fams.get(("plates", dim), [])
            if keys:
                coefs, const = {}, 0.0
                const -= known_or_cell(("plates", "all", "all"), coefs, 1)
                for key in keys:
                    const -= known_or_cell(key, coefs, -1)
                rel.append((coefs, "<=", const, "all vehicles <= sum over %s" % dim))
    if rep.k >= 2 and ("tracked", "all", "all") in cells and ("once", "all", "all") in cells:
        coefs, const = {}, 0.0
        const -= known_or_cell(("tracked", "all", "all"), coefs, 1)
        const -= known_or_cell(("once", "all", "all"), coefs, 1)
        const -= known_or_cell(("plates", "all", "all"), coefs, -1)
        rel.append((coefs, "<=", const, "tracked + once <= all vehicles"))
    # vehicles held at the end (retention): quiet <= held <= all vehicles and <= reads held;
    # longer policies hold more, more quiet and more with an alert; all when every read is held
    held = sorted((k for k in cells if k[0] == "held"), key=lambda k: int(k[2]))
    reads_all = rep.count("reads", "all", "all")
    prev = None
    for key in held:
        q = ("quiet", key[1], key[2])
        le(q, key, "quiet <= held")
        le(key, ("plates", "all", "all"), "held <= all vehicles")
        rh = rep.count("reads_held_at_end", key[1], key[2])
        if rh is not None:
            le(key, None, "held <= reads held", rh)
            if reads_all is not None and rh == reads_all and ("plates", "all", "all") in cells:
                coefs, const = {}, 0.0
                const -= known_or_cell(key, coefs, 1)
                const -= known_or_cell(("plates", "all", "all"), coefs, -1)
                rel.append((coefs, "=", const, "every read held: every vehicle held"))
        if prev is not None:
            pq = ("quiet", prev[1], prev[2])
            le(prev, key, "held grows with d")
            le(pq, q, "quiet grows with d")
            if pq in cells and q in cells:
                coefs, const = {}, 0.0
                for k, c in ((prev, 1), (pq, -1), (key, -1), (q, 1)):
                    const -= known_or_cell(k, coefs, c)
                rel.append((coefs, "<=", const, "held with an alert grows with d"))
        prev = key
    # reads per vehicle: bins sum to all vehicles, the top two to those read 20+ times, bin 1 is
    # the vehicles read once; the bins' reads sum to all reads and lie between a bin's vehicles
    # times its edges
    edges = [("1", 1, 1), ("2-4", 2, 4), ("5-19", 5, 19), ("20-99", 20, 99), ("100+", 100, None)]
    rpv = [("rpv", "reads_per_vehicle", g) for g, _, _ in edges]
    rr = [("binreads", "reads_per_vehicle", g) for g, _, _ in edges]

    def eq(terms, const, name):
        coefs = {}
        for k, c in terms:
            const -= known_or_cell(k, coefs, c)
        rel.append((coefs, "=", const, name))

    if all(k in cells for k in rpv):
        if ("plates", "all", "all") in cells:
            eq([(k, 1) for k in rpv] + [(("plates", "all", "all"), -1)], 0.0, "bins sum to all vehicles")
        if ("read20", "all", "all") in cells:
            eq([(("read20", "all", "all"), 1), (rpv[3], -1), (rpv[4], -1)], 0.0, "20+ = bins 20-99 and 100+")
        if ("once", "all", "all") in cells:
            eq([(("once", "all", "all"), 1), (rpv[0], -1)], 0.0, "once = bin 1")
    if all(k in cells for k in rr):
        if reads_all is not None:
            eq([(k, 1) for k in rr], reads_all, "bins' reads sum to all reads")
        for (g, lo_e, hi_e), v, r in zip(edges, rpv, rr):
            if v not in cells:
                continue
            coefs, const = {}, 0.0
            const -= known_or_cell(v, coefs, lo_e)
            const -= known_or_cell(r, coefs, -1)
            rel.append((coefs, "<=", const, "bin %s: %d x vehicles <= reads" % (g, lo_e)))
            if hi_e is not None:
                coefs, const = {}, 0.0
                const -= known_or_cell(r, coefs, 1)
                const -= known_or_cell(v, coefs, -hi_e)
                rel.append((coefs, "<=", const, "bin %s: reads <= %d x vehicles" % (g, hi_e)))
    linked = [k for k in cells if k[0] == "linked"]
    for fam, types in (("yield", OUTCOME_TYPES), ("enforce", rep.enf)):
        if (fam, "all", "all") in cells and linked:
            coefs, const = {}, 0.0
            const -= known_or_cell((fam, "all", "all"), coefs, 1)
            for key in linked:
                if key[2] in types:
                    const -= known_or_cell(key, coefs, -1)
            rel.append((coefs, "<=", const, "%s at all <= linked outcomes" % fam))
    return rel


def lower_bound(rep, cells, key):
    """What the reader knows a suppressed cell is at least (doc/metrics.md, section 6)."""
    fam, dim, grp = key
    m = rep.min_cell
    if fam in ("plates", "outcomes"):
        return 1  # rows exist only for places with reads, types with outcomes
    if fam == "linked":
        return 1 if cells.get(("outcomes", dim, grp), (None,))[0] is not None else 0
    if fam in ("tracked", "once", "read20", "rpv"):
        return 1 if cells.get(("plates", "all", "all"), (None,))[0] is not None else 0
    if fam == "held":
        rh = rep.count("reads_held_at_end", dim, grp)
        return 1 if rh is not None and rh > 0 else 0
    if fam in ("yield", "enforce"):
        h = rep.count("hits", dim, grp)
        return 1 if h is not None and (h >= m or small_zeros_shown(rep)) else 0
    return 0


def small_zeros_shown(rep):
    """Whether the report publishes a yield of 0 out of fewer than min_cell alerts: then its rule
    publishes such zeros, and a suppressed yield there is not 0."""
    for r in rep.rows:
        if r["metric"] in ("outcome_yield", "enforcement_yield") and r["method"] != "suppressed":
            n, d = num(r["numerator"]), num(r["denominator"])
            if n == 0 and d is not None and 0 < d < rep.min_cell:
                return True
    return False


def bounds_of(rep, cells, rel):
    """[min, max] of each suppressed cell under the relations, by integer programming."""
    unknown = sorted(k for k, (v, _) in cells.items() if v is None)
    if not unknown:
        return {}
    idx = {k: i for i, k in enumerate(unknown)}
    A, lo, hi = [], [], []
    for coefs, sense, const, _ in rel:
        if not coefs:
            continue
        row = np.zeros(len(unknown))
        for k, c in coefs.items():
            row[idx[k]] += c
        A.append(row)
        lo.append(const if sense == "=" else -np.inf)
        hi.append(const)
    lb = np.array([lower_bound(rep, cells, k) for k in unknown], dtype=float)
    cons = [LinearConstraint(np.array(A), lo, hi)] if A else []
    out = {}
    for k, i in idx.items():
        c = np.zeros(len(unknown))
        ends = []
        for sign in (1, -1):
            c[i] = sign
            res = milp(c, constraints=cons, integrality=np.ones(len(unknown)), bounds=Bounds(lb, np.inf))
            if res.status == 2:
                return None  # infeasible: the reasoning is unsound
            ends.append(sign * res.fun if res.status == 0 else sign * math.inf)
        out[k] = tuple(ends)
    return out


def report_figures(rep):
    """Figures report.md prints for suppressed rows: a number other than min_cell is a leak."""
    bad = []
    supp_lines = {i + 2 for i, r in enumerate(rep.rows) if r["method"] == "suppressed"}
    for line in rep.md.splitlines():
        for m in re.finditer(r"`\[metrics\.csv line (\d+): [^\]]*\]`", line):
            if int(m.group(1)) not in supp_lines:
                continue
            before = line[: m.start()]
            prev = before.rfind("`")  # the end of the citation before, if any
            seg = before[prev + 1:] if prev >= 0 else before
            seg = seg.split("|")[-2] if seg.rstrip().endswith("|") and seg.count("|") >= 2 else seg
            figure = seg.rsplit(" is ", 1)[-1]
            nums = [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", figure)]
            if "not shown" not in figure and "fewer than" not in figure or any(n != rep.min_cell for n in nums):
                bad.append("report.md prints %r for suppressed line %s" % (figure.strip()[-80:], m.group(1)))
    return bad


def check(pub_dir, truth_dir, label):
    pub, truth = Report(pub_dir), Report(truth_dir)
    cells, tcells = pub.cells(), truth.cells()
    m = pub.min_cell
    problems = []
    for key, (v, where) in sorted(cells.items()):
        if v is not None and 0 < v < m:
            problems.append("PRIMARY %s %s %s = %g published (%s), under min_cell %d" % (key + (v, where[0], m)))
    # a suppressed row every cell of which is published elsewhere: its numbers can be rebuilt
    for r in pub.rows:
        carry = CARRY.get(r["metric"], [])
        if r["method"] != "suppressed" or not carry:
            continue
        keys = [(fam,) + (fixed or (r["dimension"], r["group"])) for _, fam, fixed in carry]
        if all(cells[k][0] is not None for k in keys):
            problems.append("RECOVERED row %s,%s,%s is suppressed but %s publish its counts"
                            % (r["metric"], r["dimension"], r["group"], "; ".join(cells[k][1][0] for k in keys)))
    problems += report_figures(pub)
    rel = relations(pub, cells)
    b = bounds_of(pub, cells, rel)
    if b is None:
        print("%s: UNSOUND: the relations admit no values (a bug in this script)" % label)
        return 2
    unsound = False
    for key, (lo, hi) in sorted(b.items()):
        t = tcells.get(key, (None,))[0]
        if t is None:
            t = 0.0  # a group the truth run has no row for is zero
        if not (lo - 1e-6 <= t <= hi + 1e-6):
            print("%s: UNSOUND: %s %s %s is %g, outside the bounds [%g, %g] found" % ((label,) + key + (t, lo, hi)))
            unsound = True
        if lo == hi:
            how = [name for coefs, _, _, name in rel if key in coefs]
            problems.append("RECOVERED %s %s %s = %g (truth %g) from: %s" % (key + (lo, t, "; ".join(sorted(set(how))))))
    nsup = sum(1 for v, _ in cells.values() if v is None)
    print("%s: min_cell %d, %d cells of vehicles or outcomes, %d suppressed, %d relations; %s"
          % (label, m, len(cells), nsup, len(rel), "%d problems" % len(problems) if problems else "nothing recovered"))
    for p in problems:
        print("  " + p)
    if unsound:
        return 2
    return 1 if problems else 0


def truth_study(path, tmp):
    """The study with min_cell = 0 and its input paths made absolute, written into tmp."""
    base = os.path.dirname(os.path.abspath(path))
    out = []
    for line in open(path, encoding="utf-8").read().splitlines():
        m = re.match(r"^(\s*(path|boundaries|plate_key_file)\s*=\s*)(\S+)(.*)$", line)
        if m and m.group(3) != "-":
            line = m.group(1) + os.path.normpath(os.path.join(base, m.group(3))) + m.group(4)
        if re.match(r"^\s*min_cell\s*=", line):
            line = "min_cell = 0"
        out.append(line)
    p = os.path.join(tmp, "truth.ini")
    with open(p, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return p


def run(binary, study, outdir):
    env = dict(os.environ, ALPR_EVAL_CHROMIUM="none")
    r = subprocess.run([binary, "-q", "run", "-j", "1", "-o", outdir, study], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit("%s %s: exit %d: %s" % (binary, study, r.returncode, r.stderr))


def main(argv):
    if len(argv) == 3 and argv[0] == "--dirs":
        return check(argv[1], argv[2], argv[1])
    if len(argv) < 3 or argv[0] != "--bin":
        print(__doc__, file=sys.stderr)
        return 2
    worst = 0
    for study in argv[2:]:
        tmp = tempfile.mkdtemp(prefix="ae-recover-")
        try:
            run(argv[1], study, os.path.join(tmp, "published"))
            run(argv[1], truth_study(study, tmp), os.path.join(tmp, "truth"))
            worst = max(worst, check(os.path.join(tmp, "published"), os.path.join(tmp, "truth"), study))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
