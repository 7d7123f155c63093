#!/usr/bin/python3
"""Hand count of every figure alpr-eval publishes for a real, published Flock export.

Written from METRICS.md ("Governance: searches, sharing, retention") and DATA.md, not from
src/: the published file is read with the csv module, times with datetime and zoneinfo,
quantiles by the type-7 formula written out below, and the reason / organization classes come
from gov_ref.py (itself written from the spec) with analysis/organization-rules.txt. Standard
library only.

    /usr/bin/python3 tests/reference/real_exports_ref.py STUDY.ini OUT.csv [SECRETS.txt]

STUDY.ini is a study with a [searches] or a [sharing] section (not both, and no read log), as
the analysis/real-*.ini files are. OUT.csv gets the rows of metrics.csv the tool must write
(its columns, its order), preceded by nothing else. Checks printed on stdout: the file's records
(to compare with manifest.json's accepted + rejected + out of period). SECRETS.txt, when given,
gets one line per distinct text that must not appear in the report folder: every non-missing
user and query value, and every reason of 8 characters or more.
"""
import configparser
import csv
import datetime as dt
import math
import os
import re
import sys
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gov_ref  # noqa: E402

BUILTIN_MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}
REASONS = ["blank", "case_number_only", "vague", "generic_investigation", "substantive"]
ORGS = ["federal", "in_state", "out_of_state", "private", "unknown"]
DIR_CLASSES = ["federal", "immigration", "in_state", "out_of_state", "private", "unknown"]
QUANTS = [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("max", 1.0)]
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
                 r"(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$")


def q7(vals, p):
    """Hyndman & Fan type 7: h = (n-1)p, linear between the order statistics around h."""
    v = sorted(vals)
    h = (len(v) - 1) * p
    lo = math.floor(h)
    if lo + 1 >= len(v):
        return v[-1]
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo])


def iso_instant(text, zone):
    """An ISO 8601 time as a UTC datetime; a naive one is local in zone."""
    m = ISO.match(text)
    if not m:
        raise ValueError("not ISO 8601: %r" % text)
    y, mo, d, hh, mi, ss, off = m.groups()
    t = dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    if off in ("Z", "z"):
        return t.replace(tzinfo=dt.timezone.utc)
    if off:
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:]) if len(digits) > 2 else 0)
        return (t - sign * dt.timedelta(minutes=minutes)).replace(tzinfo=dt.timezone.utc)
    return t.replace(tzinfo=zone, fold=0).astimezone(dt.timezone.utc)


class Study:
    def __init__(self, path):
        cp = configparser.ConfigParser(interpolation=None, comment_prefixes=("#", ";"))
        cp.optionxform = str
        cp.read(path, encoding="utf-8")
        self.cp = cp
        s = cp["study"]
        self.folder = os.path.dirname(os.path.abspath(path))
        self.zone = ZoneInfo(s["timezone"])
        self.start = dt.date.fromisoformat(s["start"])
        self.end = dt.date.fromisoformat(s["end"])
        self.agency_state = s.get("agency_state", "")
        self.min_cell = int(s.get("min_cell", "10"))
        self.after = s.get("after_hours", "01:00-05:00")
        self.terms = [x.strip() for x in s.get("flag_terms", ",".join(gov_ref.FLAG_TERMS)).split(",")
                      if x.strip()]
        self.days = [int(x) for x in s.get("retention_alternatives", "1, 7, 30, 90, 365").split(",")]
        if int(s.get("retention_days", "0")) > 0:
            self.days.append(int(s["retention_days"]))
        self.law = s.get("law", "ca_sb34" if gov_ref.state_code(self.agency_state) == "CA" else "none")

    def table(self, name):
        """(records as dicts canonical -> trimmed value or None when missing, count)."""
        t = self.cp[name]
        missing = set(BUILTIN_MISSING)
        missing |= {x.strip() for x in t.get("missing", "").split(",") if x.strip()}
        cols = {k[len("column."):]: v for k, v in t.items() if k.startswith("column.")}
        with open(os.path.join(self.folder, t["path"]), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header = [h.strip().lower() for h in rows[0]]
        where = {c: header.index(h.strip().lower()) for c, h in cols.items()}
        out = []
        for r in rows[1:]:
            assert len(r) == len(header), "field count"
            rec = {}
            for c, i in where.items():
                v = r[i].strip()
                rec[c] = None if v in missing else v
            out.append(rec)
        return out, t


class Rows:
    def __init__(self):
        self.rows = []

    def row(self, m, d, g, est, num="", den=""):
        def fmt(x):
            if x == "" or x is None or (isinstance(x, float) and math.isnan(x)):
                return ""
            return repr(float(x))
        self.rows.append([m, d, g, fmt(est), "", "", fmt(num), fmt(den), "none"])

    def share(self, m, d, g, k, of):
        self.row(m, d, g, k / of if of else float("nan"), k, of)

    def quant(self, m, vals):
        for name, p in QUANTS:
            self.row(m, "quantile", name, q7(vals, p) if vals else float("nan"), "", len(vals))


def searches(st, out, secrets):
    recs, t = st.table("searches")
    table_zone = ZoneInfo(t.get("timezone", st.cp["study"]["timezone"]))
    assert not t.get("timestamp_format"), "only ISO 8601 times are counted here"
    S = []
    for r in recs:
        utc = iso_instant(r["timestamp"], table_zone)
        local = utc.astimezone(st.zone)
        if not st.start <= local.date() <= st.end:
            continue
        S.append(dict(r, local=local, utc=utc))
    print("records %d in_period %d" % (len(recs), len(S)))
    n = len(S)
    rules = gov_ref.load_rules(gov_ref.RULES)
    for s in S:
        s["rclass"] = gov_ref.reason_class(s.get("reason") or "")
        s["flag"] = bool(s.get("reason")) and gov_ref.flagged(s["reason"], st.terms)
        org = s.get("organization")
        s["oclass"] = gov_ref.classify_org(rules, org, "", st.agency_state)[0] if org else "unknown"
    o = out
    o.row("searches", "all", "all", n)
    y, mo = st.start.year, st.start.month
    while (y, mo) <= (st.end.year, st.end.month):
        key = "%04d-%02d" % (y, mo)
        o.row("searches", "month", key, sum(1 for s in S if s["local"].strftime("%Y-%m") == key))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    types = sorted({s["search_type"] for s in S if s.get("search_type")}, key=lambda x: x.encode())
    for ty in types:
        o.row("searches", "search_type", ty, sum(1 for s in S if s.get("search_type") == ty))
    if any(not s.get("search_type") for s in S):
        o.row("searches", "search_type", "unknown", sum(1 for s in S if not s.get("search_type")))
    for c in REASONS:
        o.row("searches", "reason_class", c, sum(1 for s in S if s["rclass"] == c))
    for c in ORGS:
        o.row("searches", "organization_class", c, sum(1 for s in S if s["oclass"] == c))
    for c in REASONS:
        o.share("search_reason_share", "reason_class", c, sum(1 for s in S if s["rclass"] == c), n)
    o.share("searches_without_case_share", "all", "all",
            sum(1 for s in S if not s.get("case_number") and s["rclass"] != "case_number_only"), n)
    o.share("searches_flagged_share", "all", "all", sum(1 for s in S if s["flag"]), n)
    a, b = st.after.split("-")
    lo, hi = [int(x[:2]) * 60 + int(x[3:]) for x in (a, b)]

    def after(s):
        m = s["local"].hour * 60 + s["local"].minute
        return lo <= m < hi if lo <= hi else (m >= lo or m < hi)

    o.share("searches_after_hours_share", "all", "all", sum(1 for s in S if after(s)), n)
    per_user = {}
    for s in S:
        if s.get("user"):
            per_user[s["user"]] = per_user.get(s["user"], 0) + 1
    # below min_cell (and above 0) the tool suppresses the count; none of the real files has users
    assert not 0 < len(per_user) < st.min_cell, "suppressed user count: not modelled here"
    o.row("search_users", "all", "all", len(per_user))
    o.share("searches_top10_users_share", "all", "all", sum(sorted(per_user.values(), reverse=True)[:10]), n)
    o.quant("searches_per_user", list(per_user.values()))
    # the published portal files carry no Time Frame: no search has a window
    assert not any(s.get("window") or s.get("window_start") or s.get("window_end") for s in S)
    o.quant("search_lookback_days", [])
    for d in st.days:
        o.share("searches_lookback_over", "days", str(d), 0, 0)
    o.quant("search_window_days", [])
    nets = [int(s["networks_searched"]) for s in S if s.get("networks_searched") is not None]
    o.share("searches_multi_network_share", "all", "all", sum(1 for x in nets if x > 1), len(nets))
    o.quant("search_networks", nets)
    o.quant("search_devices", [int(s["devices_searched"]) for s in S if s.get("devices_searched") is not None])
    for field in ["timestamp", "query", "user", "organization", "reason"]:
        o.share("access_log_complete_share", "field", field, sum(1 for s in S if s.get(field)), n)
    pairs = {}
    for s in S:
        if s.get("user") and s.get("query"):
            pairs.setdefault((s["user"], s["query"]), []).append(s)
    rep = sum(1 for v in pairs.values()
              if len(v) >= 3 and max(x["utc"] for x in v) - min(x["utc"] for x in v) >= dt.timedelta(days=14)
              and not any(x.get("case_number") for x in v))
    o.row("repeat_target_pairs", "all", "all", rep)
    for r in recs:
        for c in ("user", "query"):
            if r.get(c):
                secrets.add(r[c])
        if r.get("reason") and len(r["reason"]) >= 8:
            secrets.add(r["reason"])
    return len(recs)


def sharing(st, out):
    recs, t = st.table("sharing")
    rules = gov_ref.load_rules(gov_ref.RULES)
    has_dir = "outbound" in recs[0] or "inbound" in recs[0] if recs else False

    def yes(v):
        return v is not None and v.lower() not in ("", "no", "false", "0")

    seen = set()
    orgs = []
    for r in recs:
        assert r["organization"], "organization missing"
        kind = (r.get("kind") or "detections").lower()
        assert (r["organization"], kind) not in seen, "duplicate organization"
        seen.add((r["organization"], kind))
        if kind != "detections":
            continue
        cls, imm, inactive = gov_ref.classify_org(rules, r["organization"], r.get("state") or "", st.agency_state)[:3]
        orgs.append(dict(out=yes(r.get("outbound")) if has_dir else True, inb=yes(r.get("inbound")),
                         cls=cls, imm=imm, inactive=inactive, name=r["organization"]))
    print("records %d organizations %d" % (len(recs), len(orgs)))
    for d, key in [("outbound", "out"), ("inbound", "inb")]:
        out.row("sharing_organizations", "direction", d, sum(1 for x in orgs if x[key]))
    for d, key in [("outbound", "out"), ("inbound", "inb")]:
        for c in DIR_CLASSES:
            k = sum(1 for x in orgs if x[key] and not x["inactive"]
                    and (x["imm"] if c == "immigration" else x["cls"] == c))
            out.row("sharing_organizations", "direction_class", "%s:%s" % (d, c), k)
    if st.law == "ca_sb34":
        bad = [x for x in orgs if x["out"] and not x["inactive"] and x["cls"] in ("out_of_state", "federal", "private")]
        for x in bad:
            print("prohibited %s %s" % (x["cls"], x["name"]))
        out.row("sharing_prohibited", "all", "all", len(bad))
    return len(recs)


def main(argv):
    st = Study(argv[1])
    out = Rows()
    secrets = set()
    n = 0
    if st.cp.has_section("searches"):
        n += searches(st, out, secrets)
    if st.cp.has_section("sharing"):
        n += sharing(st, out)
    print("records_total %d" % n)
    with open(argv[2], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["metric", "dimension", "group", "estimate", "ci_low", "ci_high", "numerator", "denominator",
                    "method"])
        w.writerows(out.rows)
    if len(argv) > 3:
        with open(argv[3], "w", encoding="utf-8") as f:
            for s in sorted(secrets):
                f.write(s + "\n")


if __name__ == "__main__":
    main(sys.argv)
