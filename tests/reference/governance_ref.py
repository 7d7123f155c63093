#!/usr/bin/python3
"""Independent reference for the governance rows of the searches table.

Written from the project's contract (DATA.md "searches", METRICS.md "Governance"), not from
src/governance.c or src/ingest.c: the CSV is read with the csv module, times with
datetime.strptime and zoneinfo, quantiles with numpy (its default "linear" method is type 7),
and the classifications come from gov_ref.py (itself written from the spec).

    /usr/bin/python3 tests/reference/governance_ref.py STUDY.ini OUT.csv [COUNTS.txt]

Writes the governance rows (metrics.csv's columns) for the study, and the searches table's
counts (read, accepted, rejected, out of period) and rejects (file, physical line where the
record starts, column as the header spells it) in test_e2e.c's expected_counts form.
What it checks of each record, as the contract says: the field count, search_id and timestamp
present, valid times (timestamp, window ends; the window cell split on a newline or the
section's window_separator), whole non-negative counts, a window end later than the search
clipped to it (a window that then starts after its end is rejected), search_id unique; the
rest is out of period when the search's local date (study zone) is outside start..end.
"""
import configparser
import csv
import datetime as dt
import math
import os
import sys
from zoneinfo import ZoneInfo

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gov_ref  # noqa: E402

MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}
COLS = ["search_id", "timestamp", "user", "organization", "reason", "case_number", "window_start",
        "window_end", "window", "search_type", "networks_searched", "devices_searched", "query"]
REASONS = ["blank", "case_number_only", "vague", "generic_investigation", "substantive"]
ORGS = ["federal", "in_state", "out_of_state", "private", "unknown"]
QUANTS = [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("max", 1.0)]


class Reject(Exception):
    def __init__(self, col, why):
        super().__init__(col)
        self.col = col  # canonical column, "" for the whole record
        self.why = why  # the manifest's reason code


def load(study):
    cp = configparser.ConfigParser(interpolation=None, comment_prefixes=("#", ";"))
    cp.optionxform = str
    cp.read(study)
    s, t = cp["study"], cp["searches"]
    folder = os.path.dirname(os.path.abspath(study))
    cols = {c: t.get("column." + c, c) for c in COLS}
    terms = [x.strip() for x in s.get("flag_terms", ",".join(gov_ref.FLAG_TERMS)).split(",") if x.strip()]
    days = [int(x) for x in s.get("retention_alternatives", "1, 7, 30, 90, 365").split(",")]
    if int(s.get("retention_days", "0")) > 0:
        days.append(int(s["retention_days"]))
    return dict(path=os.path.join(folder, t["path"]), path_given=t["path"], cols=cols, fmt=t.get("timestamp_format"),
                table_zone=ZoneInfo(t.get("timezone", s["timezone"])), zone=ZoneInfo(s["timezone"]),
                start=dt.date.fromisoformat(s["start"]), end=dt.date.fromisoformat(s["end"]),
                sep=t.get("window_separator", "\n"), terms=terms, days=sorted(set(days)),
                agency_state=s.get("agency_state", ""), after=s.get("after_hours", "01:00-05:00"),
                vague=[x.strip() for x in s.get("vague_reasons", "").split(",") if x.strip()],
                generic=[x.strip() for x in s.get("generic_reasons", "").split(",") if x.strip()])


def parse_time(cfg, text, col):
    try:
        if cfg["fmt"]:
            naive = dt.datetime.strptime(text, cfg["fmt"])
        else:
            naive = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Reject(col, "bad_timestamp")
    if naive.tzinfo is None:
        naive = naive.replace(tzinfo=cfg["table_zone"])  # this data has no DST gaps (UTC)
    return naive.timestamp()


def count(text, col):
    try:
        v = float(text)
    except ValueError:
        raise Reject(col, "bad_number")
    if v < 0:
        raise Reject(col, "out_of_range")
    if v != int(v):
        raise Reject(col, "bad_number")
    return int(v)


def searches(cfg):
    out, ids = [], set()
    cfg["counts"] = dict(read=0, rejected=0, out_of_period=0)
    cfg["rejects"] = []
    with open(cfg["path"], newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        raw = next(rd)
        header = [h.strip().lower() for h in raw]
        pos = {c: header.index(cfg["cols"][c].lower()) for c in COLS if cfg["cols"][c].lower() in header}
        end = rd.line_num
        for rec in rd:
            line, end = end + 1, rd.line_num  # a record starts on the line after the last one ended
            cfg["counts"]["read"] += 1
            try:
                if len(rec) != len(header):
                    raise Reject("", "field_count")
                v = {c: rec[i].strip() for c, i in pos.items()}
                v = {c: (None if x in MISSING else x) for c, x in v.items()}
                g = lambda c: v.get(c)  # noqa: E731
                for c in ("search_id", "timestamp"):
                    if g(c) is None:
                        raise Reject(c, "missing_value")
                t = parse_time(cfg, g("timestamp"), "timestamp")
                ws = parse_time(cfg, g("window_start"), "window_start") if g("window_start") else None
                we = parse_time(cfg, g("window_end"), "window_end") if g("window_end") else None
                if g("window") and (ws is None or we is None):
                    if cfg["sep"] not in g("window"):
                        raise Reject("window", "bad_timestamp")
                    a, b = [p.strip() for p in g("window").split(cfg["sep"], 1)]
                    if a and ws is None:
                        ws = parse_time(cfg, a, "window")
                    if b and we is None:
                        we = parse_time(cfg, b, "window")
                nets = count(g("networks_searched"), "networks_searched") if g("networks_searched") else None
                devs = count(g("devices_searched"), "devices_searched") if g("devices_searched") else None
                if we is not None and we > t:
                    we = t
                if ws is not None and ws > (we if we is not None else t):
                    raise Reject("window_start" if g("window_start") else "window", "out_of_range")
                if g("search_id") in ids:
                    raise Reject("search_id", "duplicate_id")
                ids.add(g("search_id"))
            except Reject as e:
                cfg["counts"]["rejected"] += 1
                spelt = raw[pos[e.col]].strip() if e.col else ""
                cfg["rejects"].append("%s,%d,%s,%s" % (cfg["path_given"], line, spelt, e.why))
                continue
            local = dt.datetime.fromtimestamp(t, cfg["zone"])
            if not cfg["start"] <= local.date() <= cfg["end"]:
                cfg["counts"]["out_of_period"] += 1
                continue
            reason = g("reason") or ""
            query = g("query")
            if query is not None:
                query = "".join(ch for ch in query if ch not in " -\t").upper()
            out.append(dict(t=t, local=local, ws=ws, we=we, nets=nets, devs=devs, user=g("user"), query=query,
                            org=g("organization"), case=g("case_number") is not None, type=g("search_type"),
                            reason_given=g("reason") is not None, rclass=gov_ref.reason_class(reason, cfg["vague"], cfg["generic"]),
                            flagged=bool(reason) and gov_ref.flagged(reason, cfg["terms"])))
    return out


def main(argv):
    cfg = load(argv[1])
    S = searches(cfg)
    n = len(S)
    rules = gov_ref.load_rules(gov_ref.RULES)
    rows = []

    def row(m, d, g, est, num="", den=""):
        fmt = lambda x: "" if x == "" or (isinstance(x, float) and math.isnan(x)) else repr(x)  # noqa: E731
        rows.append([m, d, g, fmt(est), "", "", fmt(num), fmt(den), "none"])

    def share(m, d, g, k, of):
        row(m, d, g, k / of if of else float("nan"), float(k), float(of))

    def quant(m, vals):
        for name, p in QUANTS:
            row(m, "quantile", name, float(np.quantile(vals, p)) if vals else float("nan"), "", float(len(vals)))

    row("searches", "all", "all", float(n))
    months = []
    y, mo = cfg["start"].year, cfg["start"].month
    while (y, mo) <= (cfg["end"].year, cfg["end"].month):
        months.append("%04d-%02d" % (y, mo))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    for m in months:
        row("searches", "month", m, float(sum(1 for s in S if s["local"].strftime("%Y-%m") == m)))
    types = sorted({s["type"] for s in S if s["type"]}, key=lambda x: x.encode())
    for ty in types:
        row("searches", "search_type", ty, float(sum(1 for s in S if s["type"] == ty)))
    if any(not s["type"] for s in S):
        row("searches", "search_type", "unknown", float(sum(1 for s in S if not s["type"])))
    for c in REASONS:
        row("searches", "reason_class", c, float(sum(1 for s in S if s["rclass"] == c)))

    def org_class(s):
        if not s["org"]:
            return "unknown"
        return gov_ref.classify_org(rules, s["org"], "", cfg["agency_state"])[0]

    for c in ORGS:
        row("searches", "organization_class", c, float(sum(1 for s in S if org_class(s) == c)))
    for c in REASONS:
        share("search_reason_share", "reason_class", c, sum(1 for s in S if s["rclass"] == c), n)
    share("searches_without_case_share", "all", "all",
          sum(1 for s in S if not s["case"] and s["rclass"] != "case_number_only"), n)
    share("searches_flagged_share", "all", "all", sum(1 for s in S if s["flagged"]), n)
    a, b = cfg["after"].split("-")
    lo = int(a.split(":")[0]) * 60 + int(a.split(":")[1])
    hi = int(b.split(":")[0]) * 60 + int(b.split(":")[1])

    def after(s):
        m = s["local"].hour * 60 + s["local"].minute
        return lo <= m < hi if lo <= hi else (m >= lo or m < hi)

    share("searches_after_hours_share", "all", "all", sum(1 for s in S if after(s)), n)
    per_user = {}
    for s in S:
        if s["user"] is not None:
            per_user[s["user"]] = per_user.get(s["user"], 0) + 1
    row("search_users", "all", "all", float(len(per_user)))
    share("searches_top10_users_share", "all", "all", sum(sorted(per_user.values(), reverse=True)[:10]), n)
    quant("searches_per_user", [float(x) for x in per_user.values()])
    look = [(s["t"] - s["ws"]) / 86400 for s in S if s["ws"] is not None]
    quant("search_lookback_days", look)
    for d in cfg["days"]:
        share("searches_lookback_over", "days", str(d), sum(1 for x in look if x > d), len(look))
    quant("search_window_days", [(s["we"] - s["ws"]) / 86400 for s in S if s["ws"] is not None and s["we"] is not None])
    nets = [s["nets"] for s in S if s["nets"] is not None]
    share("searches_multi_network_share", "all", "all", sum(1 for x in nets if x > 1), len(nets))
    quant("search_networks", [float(x) for x in nets])
    quant("search_devices", [float(s["devs"]) for s in S if s["devs"] is not None])
    for field, key in [("timestamp", "t"), ("query", "query"), ("user", "user"), ("organization", "org"),
                       ("reason", "reason_given")]:
        share("access_log_complete_share", "field", field,
              sum(1 for s in S if s[key] is not None and s[key] is not False), n)
    pairs = {}
    for s in S:
        if s["user"] is not None and s["query"] is not None:
            pairs.setdefault((s["user"], s["query"]), []).append(s)
    rep = sum(1 for v in pairs.values()
              if len(v) >= 3 and max(x["t"] for x in v) - min(x["t"] for x in v) >= 14 * 86400
              and not any(x["case"] for x in v))
    row("repeat_target_pairs", "all", "all", float(rep))

    with open(argv[2], "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["metric", "dimension", "group", "estimate", "ci_low", "ci_high", "numerator", "denominator",
                    "method"])
        w.writerows(rows)
    if len(argv) > 3:
        c = cfg["counts"]
        with open(argv[3], "w") as out:
            out.write("# generated by tests/reference/governance_ref.py -- do not edit\n")
            out.write("# table file records_read accepted rejected out_of_period\n")
            out.write("searches %s %d %d %d %d\n" % (cfg["path_given"], c["read"], n, c["rejected"],
                                                  c["out_of_period"]))
            out.write("# rejects: file,line,column,reason  (line = physical line, header = 1)\n")
            for r in cfg["rejects"]:
                out.write(r + "\n")


if __name__ == "__main__":
    main(sys.argv)
