#!/usr/bin/env python3
"""The briefing's few-vehicles flag, counted independently of the C tool: for every
cluster_plate row of a study, the vehicles whose events make it (vehicles) and, for the rates
over reads, the vehicles with two or more of its events (repeat; empty for the shares of
alerts). Written from doc/metrics.md ("Rates resting on few vehicles"); uses metrics_ref's
loader (column mappings, linking, period) so that both count the same records.

  /usr/bin/python3 tests/reference/flags_ref.py [STUDY_INI (tests/data/tiny/study.ini)] [--out DIR]
writes DIR/expected_flags.csv: metric,dimension,group,vehicles,repeat
"""
import os
import sys

import metrics_ref as M


def per_row(frame, row):
    """events per (row value, vehicle) of a frame of events (one line per event)"""
    if len(frame) == 0:
        return {}
    out = {}
    for (g, _v), n in frame.groupby([row, "vehicle"]).size().items():
        c = out.setdefault(str(g), [0, 0])
        c[0] += 1
        c[1] += n >= 2
    return out


def flags(study):
    reads, hits, outs, _ = M.load(study)
    hits = hits.assign(all="all")
    over_reads, shares = [], []  # (metric, dimension, counts by group)
    for dim in ("all", "camera", "neighborhood", "month", "hotlist"):
        over_reads.append(("hit_rate", dim, per_row(hits, dim)))
    over_reads.append(("confirmed_per_million_reads", "all",
                       per_row(hits[hits["disposition"] == "confirmed"], "all")))
    shares.append(("disposition_share", "disposition", per_row(hits, "disposition")))
    known = hits[hits["disposition"] != "unverified"]
    fpos = known[known["disposition"].isin(study.fp)]
    for dim in ("all", "hotlist", "camera", "neighborhood"):
        shares.append(("false_positive_rate", dim, per_row(fpos, dim)))
    if "outcomes" in study.tables:
        linked = set(outs["hit_id"].dropna())
        enforced = set(outs[outs["type"].isin(study.enf)]["hit_id"].dropna())
        for metric, ids in (("outcome_yield", linked), ("enforcement_yield", enforced)):
            ev = hits[hits["hit_id"].isin(ids)]
            for dim in ("all", "hotlist", "camera", "neighborhood"):
                shares.append((metric, dim, per_row(ev, dim)))
        # outcome rates: each outcome through the in-period alert it links to (unplaced ones
        # have no vehicle and count in neither number)
        veh = hits.dropna(subset=["hit_id"]).drop_duplicates("hit_id").set_index("hit_id")["vehicle"]
        placed = outs.assign(vehicle=outs["hit_id"].map(veh)).dropna(subset=["vehicle"])
        by_type = per_row(placed, "type")
        for metric in ("outcomes_per_million_reads", "reads_per_outcome", "cost_per_outcome"):
            over_reads.append((metric, "outcome", by_type))
    return over_reads, shares


def main():
    args = sys.argv[1:]
    out_dir = None
    if "--out" in args:
        i = args.index("--out")
        out_dir = args[i + 1]
        del args[i:i + 2]
    here = os.path.dirname(os.path.abspath(__file__))
    ini = args[0] if args else os.path.join(here, "..", "data", "tiny", "study.ini")
    study = M.Study(ini)
    over_reads, shares = flags(study)
    out_dir = out_dir or study.dir
    n = 0
    with open(os.path.join(out_dir, "expected_flags.csv"), "w") as f:
        f.write("metric,dimension,group,vehicles,repeat\n")
        for rows, with_repeat in ((over_reads, True), (shares, False)):
            for metric, dim, counts in rows:
                for g in sorted(counts, key=lambda s: s.encode("utf-8")):
                    v, rep = counts[g]
                    f.write("%s,%s,%s,%d,%s\n" % (metric, dim, g, v, rep if with_repeat else ""))
                    n += 1
    print("wrote %d flag rows to %s" % (n, os.path.join(out_dir, "expected_flags.csv")))


if __name__ == "__main__":
    main()
