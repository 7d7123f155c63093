#!/usr/bin/python3
"""Independent reference implementation of METRICS.md "Alert effectiveness" (pandas),
and, through exposure_ref.py, of the "Exposure" table when the study has [neighborhoods].

Written from /work/shared/spec/METRICS.md and DATA.md only (not from alpr-eval's C code).

    /usr/bin/python3 tests/reference/metrics_ref.py [STUDY.ini] [--out DIR]

default STUDY.ini: tests/data/tiny/study.ini.  Writes, next to the study file (or into DIR):
    expected_metrics.csv  metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator,method
    expected_counts.txt   per table: records read / accepted / rejected / out_of_period, and the rejects

Conventions where the spec leaves a choice are marked "CHOICE" below and listed in
tests/reference/README.md.
"""
import configparser
import csv
import datetime as dt
import gzip
import io
import math
import os
import re
import sys
from zoneinfo import ZoneInfo

import mpmath
import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

MISSING = {"", "NA", "N/A", "n/a", "NULL", "Not Provided"}  # DATA.md, matched after trimming

HOTLISTS = ["stolen_vehicle", "stolen_plate", "wanted_person", "missing_person", "amber_alert",
            "registration", "manual", "other"]
DISPOSITIONS = ["confirmed", "misread", "wrong_state", "stale_entry", "not_actionable", "unverified"]
OUTCOME_TYPES = ["arrest", "vehicle_recovered", "citation", "warning", "no_action", "other"]
KINDS = ["fixed", "mobile"]

TS_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


class Reject(Exception):
    def __init__(self, column, reason):
        super().__init__(reason)
        self.column = column
        self.reason = reason


# ---------------------------------------------------------------------------- input


def read_table(path, delimiter=",", colmap=None):
    """RFC 4180 CSV -> (header, [(physical start line, fields)]). BOM skipped, CRLF/LF, .gz.
    colmap {canonical: header name in the file} (the study's column.X = NAME) renames columns;
    header names are lower-cased (they match case-insensitively)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        text = f.read()
    buf = io.StringIO(text, newline="")
    rdr = csv.reader(buf, delimiter=delimiter, quotechar='"', strict=True)
    header = None
    records = []
    prev_line = 0
    for fields in rdr:
        start = prev_line + 1
        prev_line = rdr.line_num
        if header is None:
            original = [h.strip() for h in fields]
            header = [h.lower() for h in original]
            for canon, given in (colmap or {}).items():
                given = given.strip().lower()
                if given != canon and given in header:
                    # the mapped column becomes the canonical one; a column that already had
                    # the canonical name is hidden
                    header = ["\0" + h if h == canon else h for h in header]
                    header[header.index(given)] = canon
            # reject lines name the column as the file's header spells it
            CTX["orig"] = dict(zip(header, original))
            continue
        if fields == []:  # csv yields [] for a blank line; CHOICE: blank lines are not records
            continue
        records.append((start, fields))
    return header, records


# The study's per-table settings for the table being read (set by use_table()):
# extra missing-value tokens, value.COLUMN.CANONICAL = LABEL mappings, timestamp_format.
CTX = {"missing": set(), "values": {}, "tsfmt": None, "orig": {}}


def use_table(study, table):
    CTX["missing"] = study.missing.get(table, set())
    CTX["values"] = study.values.get(table, {})
    CTX["tsfmt"] = study.tsfmt.get(table)


def val(rec, header, name):
    """Trimmed field or None when missing (absent column, or a missing-value token)."""
    if name not in header:
        return None
    v = rec[header.index(name)].strip()
    return None if v in MISSING or v in CTX["missing"] else v


def label(v, canon, column):
    # rule 7: a study's value.COLUMN.CANONICAL = LABEL matches exactly (after trimming);
    # otherwise a canonical value matches case-insensitively
    if (column, v) in CTX["values"]:
        return CTX["values"][(column, v)]
    for c in canon:
        if v.lower() == c:
            return c
    raise Reject(column, "bad_label")


def norm_plate(p):
    return p.upper().replace(" ", "").replace("-", "")


def parse_ts(s, tz, column="timestamp"):
    """ISO 8601 -> aware UTC datetime. Naive = local in tz; fall-back -> first occurrence
    (fold=0); spring-forward gap -> reject. With the table's timestamp_format: `epoch`,
    `epoch_ms` (UTC) or a strptime pattern (naive = local, as above)."""
    fmt = CTX["tsfmt"]
    if fmt is not None:
        return parse_ts_fmt(s, tz, fmt, column)
    m = TS_RE.match(s)
    if not m:
        raise Reject(column, "bad_timestamp")
    y, mo, d, hh, mi, ss = (int(m.group(i)) for i in range(1, 7))
    frac = m.group(7)
    us = int(round(float(frac) * 1e6)) if frac else 0
    try:
        naive = dt.datetime(y, mo, d, hh, mi, ss, us)
    except ValueError:
        raise Reject(column, "bad_timestamp")
    off = m.group(8)
    if off is None:
        local = naive.replace(tzinfo=tz, fold=0)
        utc = local.astimezone(dt.timezone.utc)
        if utc.astimezone(tz).replace(tzinfo=None) != naive:
            raise Reject(column, "nonexistent_local_time")
        return utc
    if off == "Z":
        return naive.replace(tzinfo=dt.timezone.utc)
    sign = 1 if off[0] == "+" else -1
    oh, om = int(off[1:3]), int(off[4:6])
    if oh > 23 or om > 59:
        raise Reject(column, "bad_timestamp")
    o = dt.timezone(sign * dt.timedelta(hours=oh, minutes=om))
    return naive.replace(tzinfo=o).astimezone(dt.timezone.utc)


def local_to_utc(naive, tz, column):
    local = naive.replace(tzinfo=tz, fold=0)
    utc = local.astimezone(dt.timezone.utc)
    if utc.astimezone(tz).replace(tzinfo=None) != naive:
        raise Reject(column, "nonexistent_local_time")
    return utc


def parse_ts_fmt(s, tz, fmt, column):
    if fmt in ("epoch", "epoch_ms"):
        if not re.fullmatch(r"-?\d+", s):
            raise Reject(column, "bad_timestamp")
        n = int(s)
        sec, ms = (n, 0) if fmt == "epoch" else divmod(n, 1000)
        return dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=sec, milliseconds=ms)
    try:
        t = dt.datetime.strptime(s, fmt)
    except ValueError:
        raise Reject(column, "bad_timestamp")
    if t.tzinfo is not None:
        return t.astimezone(dt.timezone.utc)
    return local_to_utc(t, tz, column)


class Study:
    def __init__(self, path):
        self.path = path
        self.dir = os.path.dirname(os.path.abspath(path))
        cp = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
        cp.read(path, encoding="utf-8")
        s = cp["study"]
        self.start = dt.date.fromisoformat(s["start"].strip())
        self.end = dt.date.fromisoformat(s["end"].strip())
        self.tz = ZoneInfo(s.get("timezone", "UTC").strip())
        self.conf = float(s.get("confidence", "0.95"))
        self.fp = [x.strip().lower() for x in s.get("false_positive", "misread, wrong_state, stale_entry").split(",")]
        self.enf = [x.strip().lower() for x in s.get("enforcement_outcomes", "arrest, vehicle_recovered").split(",")]
        self.cost = float(s["cost"]) if s.get("cost", "").strip() else None
        self.seed = int(s.get("seed", "0").strip())
        self.tracked_k = int(s.get("tracked_cameras", "3").strip())
        self.small_population = float(s.get("small_population", "1000").strip())
        self.boot_B = int(s.get("bootstrap_replicates", "1000").strip())
        self.min_cell = int(s.get("min_cell", "0").strip())
        if self.min_cell != 0:
            raise SystemExit("min_cell suppression is not implemented in this reference")
        # the binomial rows, and the cluster_plate rows' fallback, are wilson only
        if s.get("ci_method", "wilson").strip() != "wilson":
            raise SystemExit("ci_method other than wilson is not implemented in this reference")
        self.tables = {}
        self.given = {}
        self.colmaps = {}
        self.missing, self.values, self.tsfmt = {}, {}, {}
        for t in ("reads", "hits", "outcomes", "cameras", "neighborhoods"):
            if cp.has_section(t) and cp[t].get("path"):
                delim = cp[t].get("delimiter", ",").strip()
                delim = {"comma": ",", "tab": "\t", "pipe": "|", "semicolon": ";"}.get(delim, delim)
                self.tables[t] = (os.path.join(self.dir, cp[t]["path"].strip()), delim)
                self.given[t] = cp[t]["path"].strip()  # the path as the study file gives it
                self.colmaps[t] = {k[len("column."):].strip().lower(): v.strip()
                                   for k, v in cp[t].items() if k.startswith("column.")}
                sec = cp[t]
                if sec.get("missing", "").strip():
                    self.missing[t] = {x.strip() for x in sec["missing"].split(",") if x.strip()}
                if sec.get("timestamp_format", "").strip():
                    self.tsfmt[t] = sec["timestamp_format"].strip()
                # value.COLUMN.CANONICAL = LABEL (configparser lower-cases keys; canonical
                # names are lower case anyway)
                self.values[t] = {}
                for k, v in sec.items():
                    if k.startswith("value."):
                        col, canon = k[len("value."):].split(".", 1)
                        self.values[t][(col.strip(), v.strip())] = canon.strip()
        self.boundaries = None
        if "neighborhoods" in self.tables and cp["neighborhoods"].get("boundaries", "").strip():
            import exposure_ref
            self.boundaries = exposure_ref.Boundaries(
                os.path.join(self.dir, cp["neighborhoods"]["boundaries"].strip()),
                cp["neighborhoods"].get("boundaries_property", "neighborhood").strip())

    def in_period(self, utc):
        d = utc.astimezone(self.tz).date()
        return self.start <= d <= self.end

    def month(self, utc):
        return utc.astimezone(self.tz).strftime("%Y-%m")

    def week(self, utc):
        """ISO week of the local date, YYYY-Www (datetime's isocalendar)"""
        y, w, _ = utc.astimezone(self.tz).date().isocalendar()
        return "%04d-W%02d" % (y, w)

    def weekly(self):
        """CHOICE (doc/metrics.md): reads and hits by week only for a period of 92 days or less"""
        return (self.end - self.start).days + 1 <= 92

    def day(self, utc):
        """index of the local date in the period, 0 .. D-1"""
        return (utc.astimezone(self.tz).date() - self.start).days

    def locate(self, lat, lon):
        return None if self.boundaries is None or lat is None or lon is None else \
            self.boundaries.locate(lat, lon)


def latlon(f, hdr):
    """(lat, lon) floats, or None for a missing value. CHOICE: a value that is not a
    number rejects the record (reason bad_number); not exercised by the test data."""
    out = []
    for col in ("lat", "lon"):
        v = val(f, hdr, col)
        if v is None:
            out.append(None)
            continue
        try:
            x = float(v)
        except ValueError:
            raise Reject(col, "bad_number")
        if not math.isfinite(x):
            raise Reject(col, "bad_number")
        out.append(x)
    return out


class Counts:
    def __init__(self, table, fname):
        self.table, self.fname = table, fname
        self.read = self.accepted = self.rejected = self.out_of_period = 0
        self.rejects = []

    def reject(self, line, column, reason):
        column = CTX["orig"].get(column, column)  # the file's own spelling of the column
        self.rejected += 1
        self.rejects.append((self.fname, line, column, reason))


def load(study):
    counts = {}
    tz = study.tz

    # cameras
    cams = {}
    if "cameras" in study.tables:
        path, delim = study.tables["cameras"]
        use_table(study, "cameras")
        hdr, recs = read_table(path, delim, study.colmaps["cameras"])
        c = counts["cameras"] = Counts("cameras", study.given["cameras"])
        for line, f in recs:
            c.read += 1
            try:
                if len(f) != len(hdr):
                    raise Reject("", "field_count")
                cid = val(f, hdr, "camera_id")
                if cid is None:
                    raise Reject("camera_id", "missing_value")
                kind = val(f, hdr, "kind")
                if kind is not None:
                    label(kind, KINDS, "kind")
                nb = val(f, hdr, "neighborhood")
                lat, lon = latlon(f, hdr)
                if nb is None:
                    nb = study.locate(lat, lon)  # the polygon holding the camera's position
                cams[cid] = nb
                c.accepted += 1
            except Reject as e:
                # CHOICE (lead): a hit of an out-of-period read and an outcome dated outside
                # the period are out of period, like reads, not rejects (nothing is wrong
                # with them); accepted + rejected + out_of_period = read still holds.
                if e.reason in ("read_out_of_period", "out_of_period"):
                    c.out_of_period += 1
                else:
                    c.reject(line, e.column, e.reason)

    # reads
    path, delim = study.tables["reads"]
    use_table(study, "reads")
    hdr, recs = read_table(path, delim, study.colmaps["reads"])
    c = counts["reads"] = Counts("reads", study.given["reads"])
    reads = []
    out_ids = set()       # read_ids of out-of-period reads
    for line, f in recs:
        c.read += 1
        try:
            if len(f) != len(hdr):
                raise Reject("", "field_count")
            row = {}
            for col in ("timestamp", "camera_id", "plate"):
                if val(f, hdr, col) is None:
                    raise Reject(col, "missing_value")
            utc = parse_ts(val(f, hdr, "timestamp"), tz)
            plate = norm_plate(val(f, hdr, "plate"))
            if plate == "":
                raise Reject("plate", "missing_value")
            state = val(f, hdr, "plate_state")
            state = state.upper() if state is not None else ""  # CHOICE: state upper-cased
            cam = val(f, hdr, "camera_id")
            lat, lon = latlon(f, hdr)
            # DATA.md order: own column; polygon holding the read's lat/lon; camera's; unknown
            nb = val(f, hdr, "neighborhood")
            if nb is None:
                nb = study.locate(lat, lon)
            if nb is None:
                nb = cams.get(cam)
            if nb is None:
                nb = "unknown"
            rid = val(f, hdr, "read_id")
            if not study.in_period(utc):
                c.out_of_period += 1
                if rid is not None:
                    out_ids.add(rid)
                continue
            row = dict(line=line, read_id=rid, utc=utc, camera=cam, plate=plate, state=state,
                       vehicle=plate + "|" + state, neighborhood=nb, month=study.month(utc), week=study.week(utc),
                       day=study.day(utc))
            reads.append(row)
            c.accepted += 1
        except Reject as e:
            c.reject(line, e.column, e.reason)
    reads = pd.DataFrame(reads)
    reads["ridx"] = np.arange(len(reads))

    by_id = {r: i for i, r in zip(reads["ridx"], reads["read_id"]) if r is not None}
    by_key = {}
    for i, p, cam, u in zip(reads["ridx"], reads["plate"], reads["camera"], reads["utc"]):
        by_key.setdefault((p, cam, u), []).append(i)

    # hits
    hits = []
    if "hits" in study.tables:
        path, delim = study.tables["hits"]
        use_table(study, "hits")
        hdr, recs = read_table(path, delim, study.colmaps["hits"])
        c = counts["hits"] = Counts("hits", study.given["hits"])
        for line, f in recs:
            c.read += 1
            try:
                if len(f) != len(hdr):
                    raise Reject("", "field_count")
                hid = val(f, hdr, "hit_id")
                if hid is None:
                    raise Reject("hit_id", "missing_value")
                for col in ("hotlist", "disposition"):
                    if val(f, hdr, col) is None:
                        raise Reject(col, "missing_value")
                hot = label(val(f, hdr, "hotlist"), HOTLISTS, "hotlist")
                disp = label(val(f, hdr, "disposition"), DISPOSITIONS, "disposition")
                rid = val(f, hdr, "read_id")
                if rid is not None:
                    # rule 9: no fallback to plate+camera+timestamp
                    if rid in by_id:
                        ridx = by_id[rid]
                    elif rid in out_ids:
                        raise Reject("read_id", "read_out_of_period")  # CHOICE, see README
                    else:
                        raise Reject("read_id", "no_matching_read")
                else:
                    for col in ("timestamp", "camera_id", "plate"):
                        if val(f, hdr, col) is None:
                            raise Reject(col, "missing_value")
                    utc = parse_ts(val(f, hdr, "timestamp"), tz)
                    key = (norm_plate(val(f, hdr, "plate")), val(f, hdr, "camera_id"), utc)
                    cand = by_key.get(key, [])
                    if not cand:
                        # CHOICE: out-of-period instant -> read_out_of_period, else no_matching_read
                        raise Reject("timestamp", "read_out_of_period" if not study.in_period(utc)
                                     else "no_matching_read")
                    ridx = cand[0]  # CHOICE: several identical reads -> the first in file order
                hits.append(dict(line=line, hit_id=hid, ridx=ridx, hotlist=hot, disposition=disp))
                c.accepted += 1
            except Reject as e:
                # CHOICE (lead): a hit of an out-of-period read and an outcome dated outside
                # the period are out of period, like reads, not rejects (nothing is wrong
                # with them); accepted + rejected + out_of_period = read still holds.
                if e.reason in ("read_out_of_period", "out_of_period"):
                    c.out_of_period += 1
                else:
                    c.reject(line, e.column, e.reason)
    hits = pd.DataFrame(hits, columns=["line", "hit_id", "ridx", "hotlist", "disposition"])
    hits = hits.merge(reads[["ridx", "camera", "neighborhood", "month", "week", "vehicle"]], on="ridx",
                      how="left")

    # outcomes
    outs = []
    if "outcomes" in study.tables:
        path, delim = study.tables["outcomes"]
        use_table(study, "outcomes")
        hdr, recs = read_table(path, delim, study.colmaps["outcomes"])
        c = counts["outcomes"] = Counts("outcomes", study.given["outcomes"])
        for line, f in recs:
            c.read += 1
            try:
                if len(f) != len(hdr):
                    raise Reject("", "field_count")
                oid = val(f, hdr, "outcome_id")
                if oid is None:
                    raise Reject("outcome_id", "missing_value")
                typ = val(f, hdr, "type")
                if typ is None:
                    raise Reject("type", "missing_value")  # CHOICE: type required
                typ = label(typ, OUTCOME_TYPES, "type")
                ts = val(f, hdr, "timestamp")
                if ts is not None:
                    utc = parse_ts(ts, tz)
                    if not study.in_period(utc):
                        raise Reject("timestamp", "out_of_period")  # CHOICE, see README
                outs.append(dict(line=line, outcome_id=oid, hit_id=val(f, hdr, "hit_id"), type=typ))
                c.accepted += 1
            except Reject as e:
                # CHOICE (lead): a hit of an out-of-period read and an outcome dated outside
                # the period are out of period, like reads, not rejects (nothing is wrong
                # with them); accepted + rejected + out_of_period = read still holds.
                if e.reason in ("read_out_of_period", "out_of_period"):
                    c.out_of_period += 1
                else:
                    c.reject(line, e.column, e.reason)
    outs = pd.DataFrame(outs, columns=["line", "outcome_id", "hit_id", "type"])
    return reads, hits, outs, counts


# ---------------------------------------------------------------------------- intervals


def z_of(conf):
    return float(stats.norm.ppf(1 - (1 - conf) / 2))


def wilson(x, n, conf):
    lo, hi = proportion_confint(x, n, alpha=1 - conf, method="wilson")
    lo, hi = float(lo), float(hi)
    if x == 0:
        lo = 0.0  # exact value; statsmodels' closed form rounds (it gives 0 here anyway)
    if x == n:
        hi = 1.0  # exact value; statsmodels returns 0.99999999999999989 at x == n
    return lo, hi


def garwood(x, conf):
    a = 1 - conf
    lo = 0.0 if x == 0 else float(stats.chi2.ppf(a / 2, 2 * x) / 2)
    hi = float(stats.chi2.ppf(1 - a / 2, 2 * x + 2) / 2)
    return lo, hi


def t_upper(q, df):
    """Student's t: the x with P(T > x) = q, at 50 digits (scipy's stdtrit is off by ~1e-9
    near df = 1)."""
    with mpmath.workdps(50):
        d = mpmath.mpf(df)
        f = lambda x: mpmath.betainc(d / 2, mpmath.mpf(1) / 2, 0, d / (d + x * x), regularized=True) / 2 - q
        return float(mpmath.findroot(f, stats.t.ppf(1 - q, df)))


# METRICS.md "Clustered intervals (cluster_plate)". A ratio E / N of a row has units (reads or
# hits) and events among them; vehicle c has n_c units of the row and e_c events. The sums are
# formed for every row of a dimension at once with groupby over (row, vehicle); only the
# interval itself (one t quantile) is computed row by row.

def per_vehicle(frame, row):
    """Count of the frame's lines per (row value, vehicle): a Series on a (row, vehicle) index."""
    if len(frame) == 0:
        return pd.Series([], dtype="int64",
                         index=pd.MultiIndex.from_arrays([[], []], names=[row, "vehicle"]))
    return frame.groupby([row, "vehicle"]).size().astype("int64")


def same_units(n_vehicle, rows):
    """n_c for rows whose units are the same for every row (hit_rate by hotlist: all reads of
    each vehicle; disposition_share: all hits of each vehicle): one copy per row."""
    idx = pd.MultiIndex.from_product([list(rows), n_vehicle.index], names=["row", "vehicle"])
    return pd.Series(np.tile(n_vehicle.to_numpy(dtype="int64"), len(rows)), index=idx)


def cluster_stats(n, e):
    """n, e: Series of n_c and e_c on a (row, vehicle) index (e's index within n's; a vehicle
    missing from e has e_c = 0). Returns a DataFrame indexed by row: N, E, C (vehicles with
    n_c > 0), su2 = sum u_c^2, su4 = sum u_c^4, with u_c = e_c - p n_c and p = E / N.
    u_c is formed as the integer e_c N - E n_c divided by N, so a u_c that is 0 in exact
    arithmetic is exactly 0.0 here, and V = 0 is tested exactly (su2 == 0)."""
    n = n.set_axis(n.index.set_names(["row", "vehicle"]))
    e = e.set_axis(e.index.set_names(["row", "vehicle"]))
    assert len(e) == 0 or e.index.isin(n.index).all(), "events outside the row's units"
    d = pd.DataFrame({"n": n.astype("int64")})
    d["e"] = e.reindex(d.index, fill_value=0).astype("int64")
    d = d[d["n"] > 0]
    tot = d.groupby(level="row").agg(N=("n", "sum"), E=("e", "sum"), C=("n", "size"))
    rows = d.index.get_level_values("row")
    NN = tot["N"].reindex(rows).to_numpy(dtype="int64")
    EE = tot["E"].reindex(rows).to_numpy(dtype="int64")
    w = d["e"].to_numpy(dtype="int64") * NN - EE * d["n"].to_numpy(dtype="int64")  # u_c * N
    u = w / NN
    d["u2"] = u * u
    d["u4"] = d["u2"] * d["u2"]
    s = d.groupby(level="row").agg(su2=("u2", "sum"), su4=("u4", "sum"))
    return tot.join(s)


def cluster_ci(st, g, conf, cap):
    """(E, N, estimate, lo, hi) of row g of cluster_stats() output st. cap: a proportion
    (logit scale); else a rate (log scale), unscaled. The binomial fallback is wilson, the
    only ci_method this reference implements (Study refuses the others)."""
    if g not in st.index:
        return 0, 0, None, None, None  # N = 0: no estimate
    r = st.loc[g]
    E, N, C, su2, su4 = int(r["E"]), int(r["N"]), int(r["C"]), float(r["su2"]), float(r["su4"])
    p = E / N
    if C < 2:
        return E, N, p, None, None
    if cap and E > N:
        # CHOICE: hit_rate can exceed 1 (a read with two hits); the logit is undefined there,
        # so the row keeps the estimate only. Not in any test study.
        return E, N, p, None, None
    if E == 0 or E == N or su2 == 0:
        lo, hi = wilson(E, N, conf)
        return E, N, p, lo, hi
    V = C / (C - 1) * su2 / (N * N)
    se = math.sqrt(V)
    df = max(1.0, su2 * su2 / su4)
    t = t_upper((1 - conf) / 2, df)
    if cap:
        L, s = math.log(p / (1 - p)), se / (p * (1 - p))
        return E, N, p, 1 / (1 + math.exp(-(L - t * s))), 1 / (1 + math.exp(-(L + t * s)))
    return E, N, p, p * math.exp(-t * se / p), p * math.exp(t * se / p)


def alert_cluster_stats(reads, hits, fp):
    """cluster_stats() for every (metric, dimension) that has cluster_plate rows.
    reads: accepted in-period reads (vehicle, camera, neighborhood, month); hits: in-period
    linked hits with their read's vehicle, camera, neighborhood and month, hotlist,
    disposition, and the booleans yielded / enforced (when there is an outcomes table)."""
    reads = reads.assign(all="all")
    hits = hits.assign(all="all")
    out = {}
    # hit_rate: units = reads of the row, events = hits linked to those reads
    for dim in ("all", "camera", "neighborhood", "month"):
        out["hit_rate", dim] = cluster_stats(per_vehicle(reads, dim), per_vehicle(hits, dim))
    # hit_rate by hotlist: units = ALL reads of each vehicle, events = its hits of the hotlist
    hotlists = sorted(set(hits["hotlist"]))
    out["hit_rate", "hotlist"] = cluster_stats(same_units(reads.groupby("vehicle").size(), hotlists),
                                               per_vehicle(hits, "hotlist"))
    conf_hits = hits[hits["disposition"] == "confirmed"]
    out["confirmed_per_million_reads", "all"] = cluster_stats(per_vehicle(reads, "all"),
                                                              per_vehicle(conf_hits, "all"))
    # disposition_share: units = all hits of each vehicle, events = its hits of the disposition
    out["disposition_share", "disposition"] = cluster_stats(
        same_units(hits.groupby("vehicle").size(), sorted(set(hits["disposition"]))),
        per_vehicle(hits, "disposition"))
    # false_positive_rate: units = hits with a known disposition, events = false positives
    known = hits[hits["disposition"] != "unverified"]
    fpos = known[known["disposition"].isin(fp)]
    for dim in ("all", "hotlist", "camera", "neighborhood"):
        out["false_positive_rate", dim] = cluster_stats(per_vehicle(known, dim), per_vehicle(fpos, dim))
    # outcome_yield / enforcement_yield: units = hits, events = hits with (enforcement) outcomes
    for metric, flag in (("outcome_yield", "yielded"), ("enforcement_yield", "enforced")):
        if flag not in hits:
            continue
        ev = hits[hits[flag].astype(bool)]
        for dim in ("all", "hotlist", "camera", "neighborhood"):
            out[metric, dim] = cluster_stats(per_vehicle(hits, dim), per_vehicle(ev, dim))
    return out


def outcome_cluster(reads, hits, outs, otypes, oc):
    """cluster_stats()-shaped rows (index: outcome type) of outcomes_per_million_reads'
    cluster_plate interval: units = all reads of each vehicle, events = its outcomes of the
    type (through the in-period hit each links to). An outcome linked to no in-period hit has
    no known vehicle: CHOICE, it is a cluster of its own with n_c = 0, e_c = 1 (u_c = 1)."""
    nv = reads.groupby("vehicle").size().astype("int64")
    R = int(nv.sum())
    veh = hits.dropna(subset=["hit_id"]).drop_duplicates("hit_id").set_index("hit_id")["vehicle"]
    out = {}
    for g in otypes if R else ():
        U = int(oc[g])
        k = outs[outs["type"] == g]
        placed = k["hit_id"].map(veh).dropna()
        ev = placed.groupby(placed).size().reindex(nv.index, fill_value=0).astype("int64")
        unplaced = U - int(ev.sum())
        u = (ev.to_numpy() * R - U * nv.to_numpy()) / R if R else np.zeros(0)
        u2 = u * u
        out[g] = dict(N=R, E=U, C=int((nv > 0).sum()) + unplaced,
                      su2=float(u2.sum()) + unplaced, su4=float((u2 * u2).sum()) + unplaced)
    return pd.DataFrame.from_dict(out, orient="index", columns=["N", "E", "C", "su2", "su4"])


def inverted(OC, g, conf, top):
    """(estimate, lo, hi) of top / outcomes from the clustered rate per read, inverted like
    the Garwood row: top / (hi R) .. top / (lo R)."""
    E, N, p, lo, hi = cluster_ci(OC, g, conf, False)
    if p is None or N == 0:
        return None, None, None
    inv = lambda v: None if v is None else top / (v * N)
    return top / (p * N), inv(hi), inv(lo)


# ---------------------------------------------------------------------------- metrics


def compute(study):
    reads, hits, outs, counts = load(study)
    conf = study.conf
    rows = []
    study.exposure_summary = None

    def add(metric, dim, group, est=None, lo=None, hi=None, num=None, den=None, method="none"):
        rows.append((metric, dim, group, est, lo, hi, num, den, method))

    def count_row(metric, dim, group, n):
        add(metric, dim, group, float(n), None, None, None, None, "none")  # CHOICE: counts leave numerator/denominator empty

    def wilson_row(metric, dim, group, x, n):
        if n == 0:
            add(metric, dim, group, None, None, None, x, n, "wilson")
        else:
            lo, hi = wilson(x, n, conf)
            add(metric, dim, group, x / n, lo, hi, x, n, "wilson")

    R = len(reads)
    H = len(hits)
    groups = lambda s: sorted(set(s), key=lambda v: v.encode("utf-8"))  # byte order (C strcmp)

    # reads
    count_row("reads", "all", "all", R)
    for dim, col in (("camera", "camera"), ("neighborhood", "neighborhood"), ("month", "month")) + \
            ((("week", "week"),) if study.weekly() else ()):
        vc = reads.groupby(col).size()
        for g in groups(reads[col]):
            count_row("reads", dim, g, vc[g])

    # distinct_plates
    count_row("distinct_plates", "all", "all", reads["vehicle"].nunique())
    for dim in ("camera", "neighborhood"):
        vc = reads.groupby(dim)["vehicle"].nunique()
        for g in groups(reads[dim]):
            count_row("distinct_plates", dim, g, vc[g])

    # hits
    count_row("hits", "all", "all", H)
    for dim in ("hotlist", "disposition"):
        vc = hits.groupby(dim).size()
        for g in groups(hits[dim]):
            count_row("hits", dim, g, vc[g])
    for dim in ("camera", "neighborhood", "month") + (("week",) if study.weekly() else ()):
        vc = hits.groupby(dim).size()
        for g in groups(reads[dim]):
            count_row("hits", dim, g, int(vc.get(g, 0)))

    # the alerts' vehicles: how many, and the share of the alerts the ten busiest raised
    per_v = hits.groupby("vehicle").size().sort_values(ascending=False)
    count_row("alert_vehicles", "all", "all", int(len(per_v)))
    top = int(per_v.iloc[:10].sum())
    add("alerts_top10_vehicles_share", "all", "all", top / H if H else None, None, None, top, H, "none")
    # the alert mix: each hotlist's share of the hits (hotlists with hits, in their order)
    vc = hits.groupby("hotlist").size()
    for g in groups(hits["hotlist"]):
        add("alert_share", "hotlist", g, int(vc[g]) / H, None, None, int(vc[g]), H, "none")

    # cluster_plate sums (n_c, e_c per row and vehicle) for every row that has them
    linked = set(outs["hit_id"].dropna())
    hits["yielded"] = hits["hit_id"].isin(linked)
    enforced = set(outs[outs["type"].isin(study.enf)]["hit_id"].dropna())
    hits["enforced"] = hits["hit_id"].isin(enforced)
    CS = alert_cluster_stats(reads, hits, study.fp)

    def cluster_row(metric, dim, group, x, n, cap=True, scale=1.0):
        """the cluster_plate row of (metric, dim, group); x / n: the same ratio's counts as the
        binomial row, which the grouped sums must reproduce."""
        E, N, p, lo, hi = cluster_ci(CS[metric, dim], "all" if dim == "all" else group, conf, cap)
        assert (E, N) == (x, n), (metric, dim, group, E, N, x, n)
        sc = lambda v: None if v is None else v * scale
        add(metric, dim, group, sc(p), sc(lo), sc(hi), E, N, "cluster_plate")

    def both_rows(metric, dim, group, x, n):
        """the binomial row, then directly after it the cluster_plate row"""
        wilson_row(metric, dim, group, x, n)
        cluster_row(metric, dim, group, x, n)

    # hit_rate
    both_rows("hit_rate", "all", "all", H, R)
    for dim in ("camera", "neighborhood", "month"):
        rc = reads.groupby(dim).size()
        hc = hits.groupby(dim).size()
        for g in groups(reads[dim]):
            both_rows("hit_rate", dim, g, int(hc.get(g, 0)), int(rc[g]))
    hc = hits.groupby("hotlist").size()
    for g in groups(hits["hotlist"]):
        both_rows("hit_rate", "hotlist", g, int(hc[g]), R)  # units: all reads

    # non_hit_share (rule 4: (R - H) / R)
    wilson_row("non_hit_share", "all", "all", R - H, R)

    # disposition_share
    dc = hits.groupby("disposition").size()
    for g in groups(hits["disposition"]):
        both_rows("disposition_share", "disposition", g, int(dc[g]), H)

    # false_positive_rate
    known = hits[hits["disposition"] != "unverified"]
    fpm = known["disposition"].isin(study.fp)
    both_rows("false_positive_rate", "all", "all", int(fpm.sum()), len(known))
    for g in groups(hits["hotlist"]):
        k = known[known["hotlist"] == g]
        both_rows("false_positive_rate", "hotlist", g, int(k["disposition"].isin(study.fp).sum()), len(k))
    # CHOICE: one row per camera (neighbourhood) with in-period reads (empty estimate when no
    # verified hits)
    for dim in ("camera", "neighborhood"):
        kc = known.groupby(dim).size()
        fc = known[fpm].groupby(dim).size()
        for g in groups(reads[dim]):
            both_rows("false_positive_rate", dim, g, int(fc.get(g, 0)), int(kc.get(g, 0)))

    # confirmed_per_million_reads
    CF = int((hits["disposition"] == "confirmed").sum())
    cluster_row("confirmed_per_million_reads", "all", "all", CF, R, cap=False, scale=1e6)  # a rate, not capped at 1

    # outcomes
    oc = outs.groupby("type").size()
    otypes = groups(outs["type"])
    for g in otypes:
        count_row("outcomes", "outcome", g, int(oc[g]))
    # outcomes_linked: outcomes whose hit_id is an accepted hit's
    accepted_ids = set(hits["hit_id"].dropna())
    for g in otypes:
        k = outs[outs["type"] == g]
        count_row("outcomes_linked", "outcome", g, int(k["hit_id"].isin(accepted_ids).sum()))
    OC = outcome_cluster(reads, hits, outs, otypes, oc)
    for g in otypes:
        U = int(oc[g])
        lo, hi = garwood(U, conf)
        add("outcomes_per_million_reads", "outcome", g, U / R * 1e6, lo / R * 1e6, hi / R * 1e6, U, R,
            "poisson_exact")
        _, _, p, clo, chi = cluster_ci(OC, g, conf, False)
        sc = lambda v: None if v is None else v * 1e6
        add("outcomes_per_million_reads", "outcome", g, sc(p), sc(clo), sc(chi), U, R, "cluster_plate")
    for g in otypes:
        U = int(oc[g])
        lo, hi = garwood(U, conf)
        if U == 0:
            add("reads_per_outcome", "outcome", g, None, None, None, R, U, "poisson_exact")
        else:
            add("reads_per_outcome", "outcome", g, R / U, R / hi, R / lo, R, U, "poisson_exact")
        add("reads_per_outcome", "outcome", g, *inverted(OC, g, conf, R), R, U, "cluster_plate")

    # outcome_yield: hits linked to >= 1 counted outcome / hits;
    # enforcement_yield: hits linked to >= 1 outcome of an enforcement type / hits.
    # Camera and neighbourhood rows for every camera / area with in-period reads, as hit_rate's.
    for metric, flag in (("outcome_yield", "yielded"), ("enforcement_yield", "enforced")):
        both_rows(metric, "all", "all", int(hits[flag].sum()), H)
        for g in groups(hits["hotlist"]):
            k = hits[hits["hotlist"] == g]
            both_rows(metric, "hotlist", g, int(k[flag].sum()), len(k))
        for dim in ("camera", "neighborhood"):
            hc = hits.groupby(dim).size()
            yc = hits[hits[flag]].groupby(dim).size()
            for g in groups(reads[dim]):
                both_rows(metric, dim, g, int(yc.get(g, 0)), int(hc.get(g, 0)))

    # cost_per_outcome
    if study.cost is not None:
        for g in otypes:
            U = int(oc[g])
            lo, hi = garwood(U, conf)
            if U == 0:
                add("cost_per_outcome", "outcome", g, None, None, None, study.cost, U, "poisson_exact")
            else:
                # CHOICE: numerator = the cost, denominator = the outcome count
                add("cost_per_outcome", "outcome", g, study.cost / U, study.cost / hi, study.cost / lo,
                    study.cost, U, "poisson_exact")
            add("cost_per_outcome", "outcome", g, *inverted(OC, g, conf, study.cost), study.cost, U,
                "cluster_plate")

    # CHOICE: a study without a hits table has no alert rows, and one without an outcomes
    # table no outcome rows ("no alert data" is not "zero alerts"); reads and
    # distinct_plates are always written.
    if "hits" not in study.tables:
        rows = [r for r in rows if r[0] not in HIT_METRICS]
    if "outcomes" not in study.tables:
        rows = [r for r in rows if r[0] not in OUTCOME_METRICS]

    # Exposure (METRICS.md second table), after the Alert effectiveness rows
    if "neighborhoods" in study.tables:
        import exposure_ref
        path, delim = study.tables["neighborhoods"]
        use_table(study, "neighborhoods")
        hoods, pgroups, nc = exposure_ref.load_neighborhoods(path, delim, study.colmaps["neighborhoods"],
                                                             read_table, val)
        c = counts["neighborhoods"] = Counts("neighborhoods", study.given["neighborhoods"])
        c.read, c.accepted = nc["read"], nc["accepted"]
        for line, col, reason in nc["rejects"]:
            c.reject(line, col, reason)
        study.exposure_summary = exposure_ref.exposure_rows(
            study, reads, hoods, pgroups, conf, wilson, add, count_row, wilson_row,
            notes=study.__dict__.setdefault("exposure_notes", {}))

    return rows, counts


HIT_METRICS = {"hits", "hit_rate", "non_hit_share", "disposition_share", "false_positive_rate",
               "confirmed_per_million_reads", "outcome_yield", "enforcement_yield"}
OUTCOME_METRICS = {"outcomes", "outcomes_linked", "outcomes_per_million_reads", "reads_per_outcome",
                   "outcome_yield", "enforcement_yield", "cost_per_outcome"}


def f17(v):
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    return "%.17g" % float(v)


def selftest():
    """Time-zone behaviour the tiny study relies on (zoneinfo + tzdata)."""
    tz = ZoneInfo("America/Chicago")
    u = dt.timezone.utc
    assert parse_ts("2025-11-02T01:30:00", tz) == dt.datetime(2025, 11, 2, 6, 30, tzinfo=u)  # fold=0 (CDT)
    assert parse_ts("2025-11-02T01:30:00-06:00", tz) == dt.datetime(2025, 11, 2, 7, 30, tzinfo=u)
    assert parse_ts("2025-03-09T01:59:59", tz) == dt.datetime(2025, 3, 9, 7, 59, 59, tzinfo=u)
    assert parse_ts("2025-03-09T03:00:00", tz) == dt.datetime(2025, 3, 9, 8, 0, 0, tzinfo=u)
    for gap in ("2025-03-09T02:00:00", "2025-03-09T02:30:00", "2025-03-09T02:59:59"):
        try:
            parse_ts(gap, tz)
            raise AssertionError(gap + " should be in the gap")
        except Reject as e:
            assert e.reason == "nonexistent_local_time"
    assert norm_plate(" Ab c-12 3 ".strip()) == "ABC123"


def main():
    selftest()
    import exposure_ref
    exposure_ref.rng_selftest()
    exposure_ref.geometry_selftest()
    import cluster_check
    cluster_check.run()
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:]
    out_dir = None
    if "--out" in args:
        i = args.index("--out")
        out_dir = args[i + 1]
        del args[i:i + 2]
    ini = args[0] if args else os.path.join(here, "..", "data", "tiny", "study.ini")
    study = Study(ini)
    rows, counts = compute(study)
    out_dir = out_dir or study.dir
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "expected_metrics.csv"), "w", newline="") as f:
        f.write("metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator,method\n")
        for m, d, g, est, lo, hi, num, den, meth in rows:
            gq = '"%s"' % g.replace('"', '""') if any(ch in g for ch in ',"\n') else g
            f.write(",".join([m, d, gq, f17(est), f17(lo), f17(hi), f17(num), f17(den), meth]) + "\n")
    with open(os.path.join(out_dir, "expected_counts.txt"), "w") as f:
        f.write("# generated by tests/reference/metrics_ref.py -- do not edit\n")
        f.write("# table file records_read accepted rejected out_of_period\n")
        for t in ("reads", "hits", "outcomes", "cameras", "neighborhoods"):
            if t in counts:
                c = counts[t]
                assert c.accepted + c.rejected + c.out_of_period == c.read
                f.write("%s %s %d %d %d %d\n" % (t, c.fname, c.read, c.accepted, c.rejected, c.out_of_period))
        f.write("# rejects: file,line,column,reason  (line = physical line, header = 1; column empty for field_count)\n")
        for t in ("reads", "hits", "outcomes", "cameras", "neighborhoods"):
            if t in counts:
                for fn, line, col, reason in counts[t].rejects:
                    f.write("%s,%d,%s,%s\n" % (fn, line, col, reason))
    print("wrote %d metric rows to %s" % (len(rows), os.path.join(out_dir, "expected_metrics.csv")))
    if study.exposure_summary is not None:
        print("exposure: %r" % (study.exposure_summary,))
        print("bootstrap replicates with a defined value (of %d): %r"
              % (study.boot_B, study.exposure_notes.get("bootstrap_defined")))
        print("cross-checked %d interval rows by a second route" % study.exposure_notes["crosschecked_rows"])


if __name__ == "__main__":
    main()
