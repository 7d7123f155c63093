#!/usr/bin/python3
"""Independent reference for the sharing rows of a study's [sharing] table.

Written from the project's contract (DATA.md "sharing", METRICS.md "Governance"), not from
src/sharing.c or src/ingest.c: the CSV is read with the csv module and the organizations are
classified by gov_ref.py (itself written from the spec).

    /usr/bin/python3 tests/reference/sharing_ref.py STUDY.ini OUT.csv [COUNTS.txt]

Writes the sharing rows (metrics.csv's columns) and the table's counts (read, accepted, rejected,
out of scope counted as out of period) and rejects in test_e2e.c's expected_counts form.
What it applies, as the contract says: fields trimmed, the missing-value tokens are empty; a row
without an organization is rejected; kind is detections (default) or hotlists, any other value
rejected; in an edge list (a source column) only rows whose source is the study's `agency`
count, the rest are out of scope; the same organization and kind twice for the agency is
rejected as a repeat; outbound / inbound are true when non-empty and not no, false or 0 (any
case); a file with neither column is a list of recipients. Figures use detections rows only:
sharing_organizations by direction (inactive included) and by direction_class (active only,
immigration agencies counted in federal as well), and sharing_prohibited under law ca_sb34
(the default when agency_state is California).
"""
import configparser
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gov_ref  # noqa: E402

MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}
COLS = ["organization", "outbound", "inbound", "source", "kind", "state"]
CLASSES = ["federal", "immigration", "in_state", "out_of_state", "private", "unknown"]


def load(study):
    cp = configparser.ConfigParser(interpolation=None, comment_prefixes=("#", ";"))
    cp.optionxform = str
    cp.read(study)
    s, t = cp["study"], cp["sharing"]
    folder = os.path.dirname(os.path.abspath(study))
    agency_state = s.get("agency_state", "")
    home = gov_ref.state_code(agency_state) if agency_state else None
    law = s.get("law", "ca_sb34" if home == "CA" else "none")
    rules = s.get("organization_rules")
    missing = set(MISSING)
    if t.get("missing"):
        missing |= {x.strip() for x in t["missing"].split(",")}
    return dict(path=os.path.join(folder, t["path"]), path_given=t["path"],
                cols={c: t.get("column." + c, c) for c in COLS}, agency=s.get("agency"),
                agency_state=agency_state, law=law, missing=missing,
                rules=os.path.join(folder, rules) if rules else gov_ref.RULES)


def truthy(v):
    return v is not None and v.lower() not in ("no", "false", "0")


def read(cfg):
    accepted, rejects = [], []
    counts = dict(read=0, rejected=0, out_of_period=0)
    seen = set()
    with open(cfg["path"], newline="", encoding="utf-8-sig") as f:
        rd = csv.reader(f)
        header = next(rd)
        col = {c: header.index(h) for c, h in cfg["cols"].items() if h in header}
        line = rd.line_num
        for rec in rd:
            start = line + 1
            line = rd.line_num
            counts["read"] += 1

            def get(c):
                if c not in col:
                    return None
                v = rec[col[c]].strip()
                return None if v in cfg["missing"] else v

            if len(rec) != len(header):
                counts["rejected"] += 1
                rejects.append("%s,%d,,wrong_field_count" % (cfg["path_given"], start))
                continue
            org = get("organization")
            if org is None:
                counts["rejected"] += 1
                rejects.append("%s,%d,%s,missing_value" % (cfg["path_given"], start, cfg["cols"]["organization"]))
                continue
            kind = (get("kind") or "detections").lower()
            if kind not in ("detections", "hotlists"):
                counts["rejected"] += 1
                rejects.append("%s,%d,%s,unknown_value" % (cfg["path_given"], start, cfg["cols"]["kind"]))
                continue
            if "source" in col and get("source") != cfg["agency"]:
                counts["out_of_period"] += 1
                continue
            if (org, kind) in seen:
                counts["rejected"] += 1
                rejects.append("%s,%d,%s,duplicate_id" % (cfg["path_given"], start,
                                                          cfg["cols"]["organization"]))
                continue
            seen.add((org, kind))
            plain = "outbound" not in col and "inbound" not in col
            accepted.append(dict(org=org, kind=kind, state=get("state") or "",
                                 out=plain or truthy(get("outbound")), inn=truthy(get("inbound"))))
    return accepted, rejects, counts


def main(argv):
    cfg = load(argv[1])
    rows_in, rejects, counts = read(cfg)
    rules = gov_ref.load_rules(cfg["rules"])
    direction = {"outbound": 0, "inbound": 0}
    by = {d: {c: 0 for c in CLASSES} for d in direction}
    prohibited = 0
    for r in rows_in:
        if r["kind"] != "detections":
            continue
        cls, imm, inactive, _, _ = gov_ref.classify_org(rules, r["org"], r["state"], cfg["agency_state"])
        for d, on in (("outbound", r["out"]), ("inbound", r["inn"])):
            if not on:
                continue
            direction[d] += 1
            if inactive:
                continue
            by[d][cls] += 1
            if imm:
                by[d]["immigration"] += 1
        if r["out"] and not inactive and cls in ("out_of_state", "federal", "private"):
            prohibited += 1
    out = []
    for d in ("outbound", "inbound"):
        out.append(["sharing_organizations", "direction", d, repr(float(direction[d]))])
    for d in ("outbound", "inbound"):
        for c in CLASSES:
            out.append(["sharing_organizations", "direction_class", "%s:%s" % (d, c), repr(float(by[d][c]))])
    if cfg["law"] == "ca_sb34":
        out.append(["sharing_prohibited", "all", "all", repr(float(prohibited))])
    with open(argv[2], "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["metric", "dimension", "group", "estimate", "ci_low", "ci_high", "numerator", "denominator",
                    "method"])
        for r in out:
            w.writerow(r + ["", "", "", "", "none"])
    if len(argv) > 3:
        with open(argv[3], "w") as f:
            f.write("# generated by tests/reference/sharing_ref.py -- do not edit\n")
            f.write("# table file records_read accepted rejected out_of_period\n")
            f.write("sharing %s %d %d %d %d\n" % (cfg["path_given"], counts["read"], len(rows_in), counts["rejected"],
                                                 counts["out_of_period"]))
            f.write("# rejects: file,line,column,reason  (line = physical line, header = 1)\n")
            for r in rejects:
                f.write(r + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
