#!/usr/bin/python3
"""Independent reference for the `incidents` rows of a study's [incidents] table.

Written from the contract (DATA.md "incidents", METRICS.md "Crime effect", doc/inputs.md), not
from src/ingest.c or src/incidents.c: the study file is read with configparser, the CSVs with the
csv module, the boundaries with json and a ray-casting point-in-polygon test of its own.

    /usr/bin/python3 tests/reference/incidents_ref.py STUDY.ini

Prints `counts,READ,ACCEPTED,REJECTED,OUT_OF_PERIOD,REPEATED`, then one line per row
`incidents,DIMENSION,GROUP,COUNT` in metrics.csv's order. What it applies: fields trimmed; the
missing tokens (and the study's `missing`) are empty; a record whose field count differs from the
header's is rejected; incident_id and timestamp are required; the timestamp is ISO 8601 (a date
alone is local midnight) or the table's strptime pattern, naive times local in the study's zone,
a time inside a spring-forward gap rejected; lat in [-90, 90] and lon in [-180, 180] when given,
else rejected. Of the rows that pass, the first of an id is the incident: in the period (the
study's start..end, local dates) or out of it; a later row of the same id takes the first one's
status and counts for nothing (accepted and `repeated` when the first was in the period). An
incident's area: its neighborhood value, else the first boundary feature holding its point (0,0
is no point), else `unknown`. Its type: the study's value.type.NAME label that equals it exactly,
else the value as given. Rows: all; every area (listed areas, boundary features, areas the rows
name; zeros included; byte order, `unknown` last and only when it holds one); every month of the
period; every type (mapped names with zeros included), byte order. NUL bytes, invalid UTF-8 and
unterminated quotes are not modelled (the test files have none).
"""
import configparser
import csv
import datetime as dt
import json
import os
import re
import sys
from zoneinfo import ZoneInfo

MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}
COLS = ["incident_id", "timestamp", "type", "neighborhood", "lat", "lon"]


def read_study(path):
    cp = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",))
    cp.optionxform = str
    with open(path) as f:
        cp.read_file(f)
    return cp


def local_instant(tz, naive):
    """The UTC instant of a naive local time, or None inside a gap (fold 0 round trip)."""
    aware = naive.replace(tzinfo=tz)
    back = aware.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None)
    return None if back != naive else aware


ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2}))?)?$")


def parse_time(value, fmt, tz):
    """'bad', 'gap' or the local date."""
    try:
        if fmt:
            naive = dt.datetime.strptime(value, fmt)
        else:
            m = ISO.match(value)
            if not m:
                return "bad"
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
            naive = dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        return "bad"
    aware = local_instant(tz, naive)
    return "gap" if aware is None else aware.date()


def in_ring(x, y, ring):
    inside = False
    for i in range(len(ring) - 1):
        x1, y1 = ring[i][:2]
        x2, y2 = ring[i + 1][:2]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_polygon(x, y, poly):
    return in_ring(x, y, poly[0]) and not any(in_ring(x, y, hole) for hole in poly[1:])


def load_features(path, prop):
    with open(path) as f:
        gj = json.load(f)
    out = []
    for feat in gj["features"]:
        g = feat["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        out.append((str(feat["properties"][prop]), polys))
    return out


def main(study_path):
    cp = read_study(study_path)
    base = os.path.dirname(os.path.abspath(study_path))
    st = cp["study"]
    tz = ZoneInfo(st["timezone"])
    start = dt.date.fromisoformat(st["start"].strip())
    end = dt.date.fromisoformat(st["end"].strip())
    inc = cp["incidents"]
    missing = set(MISSING) | {m.strip() for m in inc.get("missing", "").split(",") if m.strip()}
    fmt = inc.get("timestamp_format") or None
    labels = {}
    mapped = []
    for key, val in inc.items():
        if key.startswith("value.type."):
            labels[val.strip()] = key[len("value.type."):]
            mapped.append(key[len("value.type."):])

    areas, features = [], []
    if cp.has_section("neighborhoods"):
        nb = cp["neighborhoods"]
        col = nb.get("column.neighborhood", "neighborhood")
        with open(os.path.join(base, nb["path"]), newline="", encoding="utf-8-sig") as f:
            for rec in csv.DictReader(f):
                areas.append(rec[col].strip())
        if "boundaries" in nb:
            features = load_features(os.path.join(base, nb["boundaries"]), nb.get("boundaries_property", "neighborhood"))
            areas += [name for name, _ in features]

    counts = {"read": 0, "accepted": 0, "rejected": 0, "out": 0, "repeated": 0}
    by_area = {a: 0 for a in areas}
    by_type = {t: 0 for t in mapped}
    months = []
    d = start.replace(day=1)
    while d <= end:
        months.append(d.strftime("%Y-%m"))
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    by_month = {m: 0 for m in months}
    first = {}  # id -> in period?
    with open(os.path.join(base, inc["path"]), newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = [h.strip().lower() for h in next(rows)]
        pos = {}
        for c in COLS:
            name = inc.get("column." + c, c).strip().lower()
            if name in header:
                pos[c] = header.index(name)
        for rec in rows:
            counts["read"] += 1
            if len(rec) != len(header):
                counts["rejected"] += 1
                continue

            def val(c):
                if c not in pos:
                    return None
                v = rec[pos[c]].strip()
                return None if v in missing else v

            iid, ts = val("incident_id"), val("timestamp")
            if iid is None or ts is None:
                counts["rejected"] += 1
                continue
            day = parse_time(ts, fmt, tz)
            if day in ("bad", "gap"):
                counts["rejected"] += 1
                continue
            pt = {}
            bad = False
            for c, lim in (("lat", 90), ("lon", 180)):
                v = val(c)
                if v is None:
                    continue
                try:
                    pt[c] = float(v)
                except ValueError:
                    bad = True
                    break
                if not -lim <= pt[c] <= lim:
                    bad = True
                    break
            if bad:
                counts["rejected"] += 1
                continue
            if iid in first:
                if first[iid]:
                    counts["accepted"] += 1
                    counts["repeated"] += 1
                else:
                    counts["out"] += 1
                continue
            first[iid] = start <= day <= end
            if not first[iid]:
                counts["out"] += 1
                continue
            counts["accepted"] += 1
            by_month[day.strftime("%Y-%m")] += 1
            area = val("neighborhood")
            if area is None:
                area = "unknown"
                if "lat" in pt and "lon" in pt and not (pt["lat"] == 0 and pt["lon"] == 0):
                    for name, polys in features:
                        if any(in_polygon(pt["lon"], pt["lat"], p) for p in polys):
                            area = name
                            break
            by_area[area] = by_area.get(area, 0) + 1
            t = val("type")
            if t is not None:
                t = labels.get(t, t)
                by_type[t] = by_type.get(t, 0) + 1

    print("counts,%d,%d,%d,%d,%d" % (counts["read"], counts["accepted"], counts["rejected"], counts["out"],
                                     counts["repeated"]))
    print("incidents,all,all,%d" % sum(by_month.values()))
    key = lambda s: s.encode("utf-8")  # noqa: E731
    for a in sorted((a for a in by_area if a != "unknown"), key=key):
        print("incidents,neighborhood,%s,%d" % (a, by_area[a]))
    if by_area.get("unknown"):
        print("incidents,neighborhood,unknown,%d" % by_area["unknown"])
    for m in months:
        print("incidents,month,%s,%d" % (m, by_month[m]))
    for t in sorted(by_type, key=key):
        print("incidents,type,%s,%d" % (t, by_type[t]))


if __name__ == "__main__":
    main(sys.argv[1])
