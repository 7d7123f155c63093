#!/usr/bin/python3
"""Hand count of a real city's published crime export, per area and period, for the crime effect.

Written from DATA.md ("incidents", "per-table settings") and METRICS.md ("Crime effect"), not
from src/: the export is read with the csv module, dates with datetime.strptime, and the study
file with a few lines of its own (a key may repeat). Standard library only.

    /usr/bin/python3 tests/reference/real_crime_ref.py STUDY.ini OUT_DIR [REPORT_DIR]

STUDY.ini has an [incidents] section and a treatment schedule: a [treatment] section, or, while
the tool does not read one yet, the commented block `# [treatment]` / `# path = ...` that
analysis/real-los-angeles-crime.ini holds (the same for `# [effect]`). OUT_DIR gets:

  expected_panel.csv   type,area,period,incidents: type `all` first, then each modelled type;
                       every area (left-out ones too; by name, `unknown` last) and every period
                       of the window, zeros included (the columns of crime_panel.csv)
  expected_areas.csv   area,treatment_start,first_period,role (the columns of crime_areas.csv)
  expected_incidents.csv  the `incidents` rows of metrics.csv (all, neighborhood, month, type)

With REPORT_DIR (the tool's report folder), its metrics.csv `incidents` rows must equal
expected_incidents.csv (same rows, same order), and crime_panel.csv / crime_areas.csv, when the
folder has them, must equal the expected files. Exit 0 = match, 1 = differences (on stderr).

The rules counted here:
- a row whose incident_id is missing, whose timestamp does not parse, or whose lat/lon is not a
  number in range is rejected and does not claim its id; the first valid row of an id is the
  incident (its date, area and type), later rows of the id count nothing;
- an incident is in the window when its local date is (the export's dates are local and naive);
- its area is its neighborhood cell; an empty or `missing` cell, with no boundaries, is
  `unknown`. A point of exactly 0,0 is no point (it never places an incident);
- its type is its type cell, renamed by value.type.<name> = label (exact match), else as given;
- periods are calendar months (unit = month) or ISO weeks (unit = week) of the window;
- an area's treatment start is its earliest `start` in the treatment table; its first treated
  period is the one holding that date. Roles: first treated period at or before the window's
  first period -> left_out_treated_before_window; else no incident of any type in the window ->
  left_out_no_incidents; else treated when the first treated period is in the window, control
  when it is after the window or the area is never treated.
"""
import csv
import datetime as dt
import os
import re
import sys

BUILTIN_MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}


def read_study(path):
    """{section: [(key, value), ...]} in file order; `# [section]` blocks are read as sections
    named `#section` so a schedule written ahead of the tool's support is still found."""
    secs, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            m = re.match(r"^(#\s*)?\[([A-Za-z_]+)\]\s*$", line)
            if m:
                cur = ("#" if m.group(1) else "") + m.group(2)
                secs.setdefault(cur, [])
                continue
            if cur is None:
                continue
            if cur.startswith("#"):
                if not line.startswith("#"):
                    cur = None
                    continue
                line = line.lstrip("#").strip()
            elif line.startswith(("#", ";")) or not line:
                continue
            if "=" not in line:
                continue
            k, v = line.split("=", 1)
            secs[cur].append((k.strip(), v.strip()))
    return secs


def one(sec, key, default=None):
    vals = [v for k, v in sec if k == key]
    return vals[-1] if vals else default


def section(secs, name):
    """The live section, else the commented one, else None."""
    if name in secs:
        return secs[name]
    return secs.get("#" + name)


def months(lo, hi):
    out, y, m = [], lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append("%04d-%02d" % (y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def weeks(lo, hi):
    out, d = [], lo - dt.timedelta(days=lo.weekday())
    while d <= hi:
        y, w, _ = d.isocalendar()
        out.append("%04d-W%02d" % (y, w))
        d += dt.timedelta(days=7)
    return out


def period_of(day, unit):
    if unit == "week":
        y, w, _ = day.isocalendar()
        return "%04d-W%02d" % (y, w)
    return "%04d-%02d" % (day.year, day.month)


def count(study_path):
    secs = read_study(study_path)
    base = os.path.dirname(os.path.abspath(study_path))
    st, inc = secs["study"], secs["incidents"]
    eff = section(secs, "effect") or []
    tr = section(secs, "treatment")
    lo = dt.date.fromisoformat(one(eff, "start", one(st, "start")))
    hi = dt.date.fromisoformat(one(eff, "end", one(st, "end")))
    unit = one(eff, "unit", "month")
    periods = months(lo, hi) if unit == "month" else weeks(lo, hi)

    col = {k[len("column."):]: v for k, v in inc if k.startswith("column.")}
    fmt = one(inc, "timestamp_format")
    missing = set(BUILTIN_MISSING)
    for k, v in inc:
        if k == "missing":
            missing |= {x.strip() for x in v.split(",")}
    rename = {}
    names = []
    for k, v in inc:
        if k.startswith("value.type."):
            rename[v] = k[len("value.type."):]
            if rename[v] not in names:
                names.append(rename[v])
    types = [t.strip() for t in one(eff, "types", "").split(",") if t.strip()] or names

    def cell(row, canon):
        v = row.get(col[canon], "") if canon in col else ""
        return None if v in missing else v

    seen, records = set(), 0
    n = {}  # (type, area, period) -> incidents
    inc_area, inc_month, inc_type, total = {}, {}, {}, 0
    areas = set()  # areas the export's rows name: the `incidents` rows at neighborhood
    with open(os.path.join(base, one(inc, "path")), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            records += 1
            iid, ts = cell(row, "incident_id"), cell(row, "timestamp")
            if iid is None or ts is None:
                continue
            try:
                when = dt.datetime.strptime(ts, fmt) if fmt else dt.datetime.fromisoformat(ts)
                for c, lim in (("lat", 90), ("lon", 180)):
                    v = cell(row, c)
                    if v is not None and not -lim <= float(v) <= lim:
                        raise ValueError(c)
            except ValueError:
                continue
            if iid in seen:
                continue
            seen.add(iid)
            area = cell(row, "neighborhood") or "unknown"
            areas.add(area)
            day = when.date()
            if not lo <= day <= hi:
                continue
            label = cell(row, "type")
            typ = rename.get(label, label) if label is not None else None
            p = period_of(day, unit)
            total += 1
            inc_area[area] = inc_area.get(area, 0) + 1
            inc_month[day.strftime("%Y-%m")] = inc_month.get(day.strftime("%Y-%m"), 0) + 1
            if typ is not None:
                inc_type[typ] = inc_type.get(typ, 0) + 1
            for t in ["all"] + ([typ] if typ in types else []):
                n[(t, area, p)] = n.get((t, area, p), 0) + 1

    start, role_areas = {}, set(areas)  # the roles also cover areas only the schedule names
    if tr is not None:
        with open(os.path.join(base, one(tr, "path")), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                d = dt.date.fromisoformat(row["start"])
                a = row["neighborhood"]
                start[a] = min(d, start.get(a, d))
                role_areas.add(a)
    roles = []
    for a in sorted(role_areas, key=lambda s: (s == "unknown", s.encode())):
        s = start.get(a)
        first = period_of(s, unit) if s else ""
        if a == "unknown" and not s:
            role = "left_out_unknown_area"
        elif s and first <= periods[0]:
            role = "left_out_treated_before_window"
        elif not inc_area.get(a):
            role = "left_out_no_incidents"
        elif s and first <= periods[-1]:
            role = "treated"
        else:
            role = "control"
        # the first treated period is given for a treated area only
        roles.append((a, s.isoformat() if s else "", first if role == "treated" else "", role))
    # the panel file lists every area (left-out ones too), by name, unknown last
    panel_areas = [a for a, _, _, _ in roles]
    panel = [(t, a, p, n.get((t, a, p), 0)) for t in ["all"] + types for a in panel_areas for p in periods]

    metrics = [("all", "all", total)]
    # an area only the schedule names gets its row too (0 incidents)
    metrics += [("neighborhood", a, inc_area.get(a, 0))
                for a in sorted(role_areas, key=lambda s: (s == "unknown", s.encode()))
                if a != "unknown" or inc_area.get(a)]
    metrics += [("month", m, inc_month.get(m, 0)) for m in months(lo, hi)]
    metrics += [("type", t, inc_type.get(t, 0)) for t in sorted(set(inc_type) | set(names), key=str.encode)]
    return records, len(seen), roles, panel, metrics


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    study, out = sys.argv[1], sys.argv[2]
    records, incidents, roles, panel, metrics = count(study)
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "expected_panel.csv"), ["type", "area", "period", "incidents"], panel)
    write(os.path.join(out, "expected_areas.csv"), ["area", "treatment_start", "first_period", "role"], roles)
    write(os.path.join(out, "expected_incidents.csv"), ["metric", "dimension", "group", "estimate"],
          [("incidents", d, g, v) for d, g, v in metrics])
    print("records_total %d" % records)
    print("incidents_distinct_ids %d" % incidents)
    for a, s, fp, r in roles:
        print("area %s: %s%s" % (a, r, " from " + s if s else ""))
    if len(sys.argv) == 3:
        return 0
    rep, bad = sys.argv[3], 0
    got = [r for r in rows_of(os.path.join(rep, "metrics.csv"))[1:] if r[0] == "incidents"]
    want = [["incidents", d, g, v] for d, g, v in metrics]
    got4 = [[r[0], r[1], r[2], float(r[3]) if r[3] else None] for r in got]
    want4 = [[m, d, g, float(v)] for m, d, g, v in want]
    if got4 != want4 or any(r[8] != "none" or any(r[4:8]) for r in got):
        bad += 1
        sys.stderr.write("metrics.csv incidents rows differ from the hand count:\n")
        gs = {tuple(r[:3]): r[3] for r in got4}
        ws = {tuple(r[:3]): r[3] for r in want4}
        for k in sorted(set(gs) | set(ws)):
            if gs.get(k) != ws.get(k):
                sys.stderr.write("  %s: tool %s, hand %s\n" % ("/".join(k[1:]), gs.get(k), ws.get(k)))
        if set(gs) == set(ws):
            sys.stderr.write("  (same rows, different order)\n")
    for name, exp in (("crime_panel.csv", "expected_panel.csv"), ("crime_areas.csv", "expected_areas.csv")):
        path = os.path.join(rep, name)
        if os.path.exists(path):
            a, b = rows_of(path), rows_of(os.path.join(out, exp))
            if a != b:
                bad += 1
                sys.stderr.write("%s differs from %s (%d rows vs %d)\n" % (name, exp, len(a), len(b)))
                for x, y in zip(a, b):
                    if x != y:
                        sys.stderr.write("  first difference: tool %r, hand %r\n" % (x, y))
                        break
        else:
            print("%s: not in the report folder (the crime effect is not built yet)" % name)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
