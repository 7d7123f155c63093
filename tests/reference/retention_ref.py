#!/usr/bin/python3
"""Independent reference for the retention rows (METRICS.md, "Governance: searches, sharing,
retention": reads_held_at_end, vehicles_held_at_end, outcome_read_age_days,
outcomes_needing_older_reads, read_log_span_days).

Written from the contract, not from src/retention.c, src/ingest.c or src/aggregate.c. The
records are read and checked with metrics_ref.py's input layer (csv module, ISO 8601 and
zoneinfo, the missing-value tokens, value labels); everything else is here, with datetimes:

- the period ends at local midnight after the study's `end` date, in the study's zone
  (datetime.combine(end + 1 day, 00:00, zone), fold 0: a midnight in a gap is read with the
  offset before the change);
- a read is held by a d-day policy when end - its time <= d days; a vehicle when its newest
  in-period read is; its numerator counts it when no accepted alert (a hit linked to one of its
  in-period reads) names it;
- an outcome counts for the ages when it has a timestamp (in period, else it is out of the
  table) and a hit_id naming a hit whose linked read (read_id: the first read with that id in
  file order; else plate + camera + instant, first in file order) is in the period; its age is
  its time - that read's time, in days; it needs an older read than d days when age > d days;
- the read log spans from its first to its last accepted read, in the period or not.

    /usr/bin/python3 tests/reference/retention_ref.py [STUDY.ini] [OUT.csv]

Defaults: tests/data/tiny/study.ini and expected_retention.csv next to it.
"""
import datetime as dt
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics_ref as mr  # noqa: E402  (its input layer only)

QUANTS = [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("max", 1.0)]
DAY = dt.timedelta(days=1)


def days_list(ini):
    import configparser
    cp = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    cp.read(ini, encoding="utf-8")
    s = cp["study"]
    d = [int(x) for x in s.get("retention_alternatives", "1, 7, 30, 90, 365").split(",") if x.strip()]
    if int(s.get("retention_days", "0").strip() or 0) > 0:
        d.append(int(s["retention_days"]))
    return sorted(set(d))


def reads_of(study):
    """Every accepted read (in period or not), in file order."""
    path, delim = study.tables["reads"]
    mr.use_table(study, "reads")
    hdr, recs = mr.read_table(path, delim, study.colmaps["reads"])
    out = []
    for line, f in recs:
        try:
            if len(f) != len(hdr):
                continue
            if any(mr.val(f, hdr, c) is None for c in ("timestamp", "camera_id", "plate")):
                continue
            utc = mr.parse_ts(mr.val(f, hdr, "timestamp"), study.tz)
            plate = mr.norm_plate(mr.val(f, hdr, "plate"))
            if plate == "":
                continue
            mr.latlon(f, hdr)
            state = mr.val(f, hdr, "plate_state")
            out.append(dict(id=mr.val(f, hdr, "read_id"), utc=utc, camera=mr.val(f, hdr, "camera_id"),
                            plate=plate, vehicle=plate + "|" + (state.upper() if state else ""),
                            inp=study.in_period(utc)))
        except mr.Reject:
            pass
    return out


def hits_of(study, reads):
    """hit_id -> the index of its linked read, or None (parsed hits only; a repeated id is rejected)."""
    path, delim = study.tables["hits"]
    mr.use_table(study, "hits")
    hdr, recs = mr.read_table(path, delim, study.colmaps["hits"])
    hits = {}
    for line, f in recs:
        try:
            if len(f) != len(hdr):
                continue
            hid = mr.val(f, hdr, "hit_id")
            if hid is None or hid in hits:
                continue
            for col in ("hotlist", "disposition"):
                if mr.val(f, hdr, col) is None:
                    raise mr.Reject(col, "missing_value")
            mr.label(mr.val(f, hdr, "hotlist"), mr.HOTLISTS, "hotlist")
            mr.label(mr.val(f, hdr, "disposition"), mr.DISPOSITIONS, "disposition")
            rid = mr.val(f, hdr, "read_id")
            if rid is not None:
                link = next((i for i, r in enumerate(reads) if r["id"] == rid), None)
            else:
                if any(mr.val(f, hdr, c) is None for c in ("timestamp", "camera_id", "plate")):
                    continue
                utc = mr.parse_ts(mr.val(f, hdr, "timestamp"), study.tz)
                key = (mr.norm_plate(mr.val(f, hdr, "plate")), mr.val(f, hdr, "camera_id"), utc)
                link = next((i for i, r in enumerate(reads) if (r["plate"], r["camera"], r["utc"]) == key), None)
            hits[hid] = link
        except mr.Reject:
            pass
    return hits


def outcome_times(study):
    """(hit_id, time) of the accepted outcomes with a timestamp and a hit_id."""
    path, delim = study.tables["outcomes"]
    mr.use_table(study, "outcomes")
    hdr, recs = mr.read_table(path, delim, study.colmaps["outcomes"])
    seen, out = set(), []
    for line, f in recs:
        try:
            if len(f) != len(hdr):
                continue
            oid = mr.val(f, hdr, "outcome_id")
            typ = mr.val(f, hdr, "type")
            if oid is None or typ is None:
                continue
            mr.label(typ, mr.OUTCOME_TYPES, "type")
            ts = mr.val(f, hdr, "timestamp")
            utc = mr.parse_ts(ts, study.tz) if ts is not None else None
            if oid in seen:
                continue
            seen.add(oid)
            if utc is None or not study.in_period(utc):
                continue
            hid = mr.val(f, hdr, "hit_id")
            if hid is not None:
                out.append((hid, utc))
        except mr.Reject:
            pass
    return out


def compute(ini):
    study = mr.Study(ini)
    days = days_list(ini)
    end = dt.datetime.combine(study.end + DAY, dt.time(0), tzinfo=study.tz).astimezone(dt.timezone.utc)
    reads = reads_of(study)
    inp = [r for r in reads if r["inp"]]
    hits = hits_of(study, reads) if "hits" in study.tables else {}
    alerted = {reads[i]["vehicle"] for i in hits.values() if i is not None and reads[i]["inp"]}
    newest = {}
    for r in inp:
        newest[r["vehicle"]] = max(newest.get(r["vehicle"], r["utc"]), r["utc"])
    rows = []
    for d in days:
        rows.append(("reads_held_at_end", "days", str(d), sum(end - r["utc"] <= d * DAY for r in inp),
                     None, None))
    for d in days:
        held = [v for v, t in newest.items() if end - t <= d * DAY]
        rows.append(("vehicles_held_at_end", "days", str(d), len(held),
                     sum(v not in alerted for v in held), len(held)))
    if "hits" in study.tables and "outcomes" in study.tables:
        ages = []
        for hid, t in outcome_times(study):
            i = hits.get(hid)
            if i is not None and reads[i]["inp"]:
                ages.append(t - reads[i]["utc"])
        x = np.array([a / DAY for a in ages], dtype=float)
        for g, p in QUANTS:
            rows.append(("outcome_read_age_days", "quantile", g,
                         float(np.quantile(x, p)) if len(x) else None, None, len(x)))
        for d in days:
            older = sum(a > d * DAY for a in ages)
            rows.append(("outcomes_needing_older_reads", "days", str(d),
                         older / len(ages) if ages else None, older, len(ages)))
    span = (max(r["utc"] for r in reads) - min(r["utc"] for r in reads)) / DAY if reads else None
    rows.append(("read_log_span_days", "all", "all", span, None, None))
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ini = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "tiny", "study.ini")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(ini)),
                                                             "expected_retention.csv")
    rows = compute(ini)
    with open(out, "w", newline="") as f:
        f.write("metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator,method\n")
        for m, d, g, est, num, den in rows:
            f.write(",".join([m, d, g, mr.f17(est), "", "", mr.f17(num), mr.f17(den), "none"]) + "\n")
    print("wrote %d retention rows to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
