#!/usr/bin/python3
"""Independent reference implementation of METRICS.md "Exposure" (numpy/scipy).

Written from /work/shared/spec/METRICS.md, DATA.md and /work/notes/EXPOSURE.md only
(not from alpr-eval's C code). It is used by metrics_ref.py, which reads the study
(reads, cameras, hits, outcomes, neighbourhoods, boundaries) and writes ONE expected_metrics.csv
with the Alert effectiveness rows followed by the Exposure rows.

    /usr/bin/python3 tests/reference/exposure_ref.py --selftest    # RNG + geometry self-checks
    /usr/bin/python3 tests/reference/exposure_ref.py --gsl-check   # prints what gsl_stream_check.c prints

Contents:
  * MT19937, pure Python (reference init_genrand / genrand_int32), cross-checked against
    numpy.random.MT19937 and against GSL (gsl_stream_check.c).
  * gsl_uniform_int: GSL 2.7's gsl_rng_uniform_int for mt19937 (min 0, max 0xffffffff).
  * GeoJSON Polygon / MultiPolygon loading and an even-odd, half-open ray-crossing
    point-in-polygon test (ray towards +x = east; holes are just more rings).
  * the neighbourhood attribute table and every Exposure metric.

Conventions where the spec leaves a choice are marked "CHOICE" and listed in
tests/reference/README.md.
"""
import json
import math
import os
import sys

import numpy as np
from scipy import stats

# ---------------------------------------------------------------------------- RNG


class MT19937:
    """Matsumoto & Nishimura's mt19937ar: init_genrand + genrand_int32."""
    N, M = 624, 397

    def __init__(self, seed):
        s = seed & 0xFFFFFFFF
        mt = [0] * self.N
        mt[0] = s
        for i in range(1, self.N):
            mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
        self.mt, self.mti = mt, self.N

    def _twist(self):
        mt, N, M = self.mt, self.N, self.M
        for i in range(N):
            y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF)
            v = mt[(i + M) % N] ^ (y >> 1)
            if y & 1:
                v ^= 0x9908B0DF
            mt[i] = v
        self.mti = 0

    def get(self):
        if self.mti >= self.N:
            self._twist()
        y = self.mt[self.mti]
        self.mti += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y


def gsl_mt19937(seed):
    """gsl_rng_set(r, seed) for gsl_rng_mt19937: seed 0 means 4357; mt[0] = seed & 0xffffffff.
    (GSL tests s == 0 BEFORE masking, so e.g. 2**32 gives init_genrand(0), not 4357.)"""
    return MT19937(4357 if seed == 0 else seed)


def gsl_uniform_int(rng, n):
    """gsl_rng_uniform_int(r, n): scale = range / n with range = max - min = 0xffffffff;
    draw k = raw / scale until k < n."""
    assert 0 < n <= 0xFFFFFFFF
    scale = 0xFFFFFFFF // n
    while True:
        k = rng.get() // scale
        if k < n:
            return k


def numpy_raw(seed, count):
    """Raw 32-bit outputs of numpy's MT19937 in the state RandomState(seed) sets (init_genrand)."""
    bg = np.random.MT19937()
    bg.state = np.random.RandomState(seed).get_state(legacy=False)
    return [int(v) for v in bg.random_raw(count)]


GSL_CHECK_SEEDS = (7, 4242, 0, 4357)
GSL_CHECK_BIG_N = 3000000000  # scale = 1: every raw value >= n is rejected (about 30 %)


def gsl_check_text():
    """Exactly what tests/reference/gsl_stream_check.c prints."""
    out = []
    for s in GSL_CHECK_SEEDS:
        r = gsl_mt19937(s)
        out.append("seed %d get: %s" % (s, " ".join(str(r.get()) for _ in range(5))))
        r = gsl_mt19937(s)
        out.append("seed %d uniform_int(365): %s" % (s, " ".join(str(gsl_uniform_int(r, 365)) for _ in range(20))))
        r = gsl_mt19937(s)
        out.append("seed %d uniform_int(%d): %s" % (s, GSL_CHECK_BIG_N, " ".join(
            str(gsl_uniform_int(r, GSL_CHECK_BIG_N)) for _ in range(10))))
    return "\n".join(out) + "\n"


def expected_gsl_text():
    """The expected-output comment of gsl_stream_check.c (GSL 2.7.1 output, pasted there)."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "gsl_stream_check.c")) as f:
        src = f.read()
    a = src.index("EXPECTED OUTPUT BEGIN\n") + len("EXPECTED OUTPUT BEGIN\n")
    b = src.index("EXPECTED OUTPUT END")
    return "".join(line.lstrip(" *").rstrip() + "\n" for line in src[a:b].splitlines() if line.strip(" *"))


def rng_selftest():
    # reference mt19937ar.c with init_genrand(5489): first output 3499211612
    assert MT19937(5489).get() == 3499211612
    for s in (7, 4242, 4357, 20251231, 0, 0xFFFFFFFF):
        r = MT19937(s)
        mine = [r.get() for _ in range(1300)]  # more than 2 * 624: crosses two twists
        assert mine == numpy_raw(s, 1300), "MT19937 differs from numpy for seed %d" % s
    assert gsl_check_text() == expected_gsl_text(), "pure-Python stream differs from GSL's printed output"


# ---------------------------------------------------------------------------- geometry


def ring_crossings(ring, px, py):
    """Number of edges of a closed ring crossed by the ray from (px, py) towards +x.
    Half-open rule: an edge counts when (y1 <= py) != (y2 <= py) and its crossing x is
    STRICTLY greater than px."""
    n = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 <= py) != (y2 <= py):
            xc = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
            if xc > px:
                n += 1
    return n


def polygon_contains(rings, px, py):
    """Even-odd over every ring of one polygon (outer + holes): a point in a hole has an even count."""
    return sum(ring_crossings(r, px, py) for r in rings) % 2 == 1


class Boundaries:
    def __init__(self, path, prop):
        with open(path, encoding="utf-8-sig") as f:
            gj = json.load(f)
        assert gj.get("type") == "FeatureCollection", path
        self.features = []  # (name, [polygon = [ring = [(x, y)...]]])
        for feat in gj["features"]:
            g = feat["geometry"]
            name = (feat.get("properties") or {}).get(prop)
            name = None if name is None else str(name).strip()
            if g["type"] == "Polygon":
                polys = [g["coordinates"]]
            elif g["type"] == "MultiPolygon":
                polys = g["coordinates"]
            else:
                raise ValueError("%s: geometry %s not supported" % (path, g["type"]))
            polys = [[self._ring(r) for r in poly] for poly in polys]
            self.features.append((name, polys))

    @staticmethod
    def _ring(coords):
        pts = [(float(c[0]), float(c[1])) for c in coords]
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts = pts[:-1]  # GeoJSON repeats the first position; the closing edge is implicit here
        return pts

    def locate(self, lat, lon):
        """Name of the lowest-index feature holding (lon, lat) (x = lon, y = lat), else None."""
        for name, polys in self.features:
            if any(polygon_contains(p, lon, lat) for p in polys):
                return name
        return None


def geometry_selftest():
    sq = lambda x0, y0, x1, y1: [[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]]
    a, b = sq(0, 0, 1, 1), sq(1, 0, 2, 1)
    # vertical shared edge x = 1: the point belongs to the polygon on the +x side
    assert not polygon_contains(a, 1.0, 0.5) and polygon_contains(b, 1.0, 0.5)
    # horizontal edge y = 1 of a: the point on it is outside a (belongs to the polygon above)
    assert not polygon_contains(a, 0.5, 1.0) and polygon_contains(sq(0, 1, 1, 2), 0.5, 1.0)
    holed = [sq(0, 0, 4, 4)[0], sq(1, 1, 2, 2)[0][::-1]]
    assert polygon_contains(holed, 0.5, 1.5) and not polygon_contains(holed, 1.5, 1.5)
    assert polygon_contains(holed, 3.0, 3.0)


# ---------------------------------------------------------------------------- neighbourhood table


def num_or_none(v, column):
    if v is None:
        return None
    try:
        x = float(v)
    except ValueError:
        raise ValueError("neighborhoods: %s value %r is not a number" % (column, v))
    if not math.isfinite(x):
        raise ValueError("neighborhoods: %s value %r is not finite" % (column, v))
    return x


def load_neighborhoods(path, delim, colmap, read_table, val):
    """-> (rows in file order: dict name, population, area_km2, daily_vmt, groups{g: value}),
          group names in header order, counts (read, accepted, rejected, rejects)."""
    hdr, recs = read_table(path, delim, colmap)
    gcols = [(h, h[4:].lower()) for h in hdr if h.lower().startswith("pop_")]
    # read_table lower-cases the header, so pop_Black -> pop_black -> group black
    rows, seen = [], set()
    rejects = []
    for line, f in recs:
        if len(f) != len(hdr):
            rejects.append((line, "", "field_count"))
            continue
        name = val(f, hdr, "neighborhood")
        if name is None:
            rejects.append((line, "neighborhood", "missing_value"))
            continue
        if name in seen:
            rejects.append((line, "neighborhood", "duplicate"))  # CHOICE: first row of a name wins
            continue
        seen.add(name)
        rows.append(dict(name=name,
                         population=num_or_none(val(f, hdr, "population"), "population"),
                         area_km2=num_or_none(val(f, hdr, "area_km2"), "area_km2"),
                         daily_vmt=num_or_none(val(f, hdr, "daily_vmt"), "daily_vmt"),
                         groups={g: num_or_none(val(f, hdr, h), h) for h, g in gcols}))
    groups = [g for _, g in gcols]
    return rows, groups, dict(read=len(recs), accepted=len(rows), rejected=len(rejects), rejects=rejects)


# ---------------------------------------------------------------------------- statistics


def z_of(conf):
    return float(stats.norm.ppf(1 - (1 - conf) / 2))


def quasi_poisson(daily, conf):
    """Interval for Y = sum(daily), the study's D daily counts (zero days included)."""
    y = np.asarray(daily, dtype=float)
    Y, D = float(y.sum()), len(y)
    if Y == 0 or D < 2:
        phi = 1.0  # EXPOSURE.md: phi = 1 when Y = 0. CHOICE: also when D = 1 (no D - 1 divisor)
    else:
        mean = Y / D
        phi = max(1.0, float(np.sum((y - mean) ** 2)) / mean / (D - 1))
    half = z_of(conf) * math.sqrt(phi * Y)
    if Y == 0:  # METRICS.md: 0 .. the exact Poisson upper bound for a count of 0
        return 0.0, float(stats.chi2.ppf(1 - (1 - conf) / 2, 2) / 2)
    return max(0.0, Y - half), Y + half


def gini(x, p):
    """Population-weighted mean-difference Gini, no small-sample correction. None when undefined."""
    x = np.asarray(x, dtype=float)
    p = np.asarray(p, dtype=float)
    if len(x) == 0:
        return None
    sp = p.sum()
    xbar = float((p * x).sum() / sp)
    if xbar == 0:
        return None
    num = float(np.sum(p[:, None] * p[None, :] * np.abs(x[:, None] - x[None, :])))
    return num / (2 * sp * sp * xbar)


class ExposureStats:
    """Every bootstrap statistic as a function of the per-neighbourhood counts Y_n.

    hoods: listed neighbourhood rows (sorted by name); pops: population or None."""

    def __init__(self, hoods, groups):
        self.hoods = hoods
        self.groups = groups
        self.P = sum(h["population"] for h in hoods if h["population"] is not None)
        self.pos = [i for i, h in enumerate(hoods) if h["population"] is not None and h["population"] > 0]

    def rate_all(self, Y):
        return None if self.P <= 0 else Y / self.P * 1000

    def exposure_ratio(self, Yn, Y, i):
        pop = self.hoods[i]["population"]
        if Y == 0 or pop is None or pop <= 0 or self.P <= 0:
            return None
        return (Yn[i] / Y) / (pop / self.P)

    def group_exposure(self, Yn, g):
        num = den = 0.0
        for i in self.pos:
            pg = self.hoods[i]["groups"].get(g)
            if pg is None:
                continue  # pop_{g,n} unknown: that neighbourhood is left out for group g
            num += pg * (Yn[i] / self.hoods[i]["population"] * 1000)
            den += pg
        return None if den <= 0 else num / den

    def disparity_ratio(self, Yn, Y, g):
        ge = self.group_exposure(Yn, g)
        ra = self.rate_all(Y)
        if ge is None or ra is None or ra == 0:
            return None
        return ge / ra

    def gini(self, Yn):
        x = [Yn[i] / self.hoods[i]["population"] for i in self.pos]
        p = [self.hoods[i]["population"] for i in self.pos]
        return gini(x, p)

    def all_stats(self, Yn):
        """Ordered dict key -> value (None = undefined), the keys fixed for a study."""
        Y = float(sum(Yn))
        out = {}
        for i in range(len(self.hoods)):
            out[("exposure_ratio", i)] = self.exposure_ratio(Yn, Y, i)
        for g in self.groups:
            out[("group_exposure", g)] = self.group_exposure(Yn, g)
        for g in self.groups:
            out[("disparity_ratio", g)] = self.disparity_ratio(Yn, Y, g)
        out[("gini", None)] = self.gini(Yn)
        return out


def bootstrap(daily, B, seed, stat):
    """daily: D x N array of y_{d,n}. Replicate-major, one GSL mt19937 stream: for each
    replicate b, D draws day_i = gsl_rng_uniform_int(r, D); Y*_n = sum_i y_{day_i, n}.
    Returns {key: list of defined replicate values}, plus the number of draws made."""
    D = daily.shape[0]
    rng = gsl_mt19937(seed)
    reps = {}
    for b in range(B):
        idx = [gsl_uniform_int(rng, D) for _ in range(D)]
        Yn = daily[idx, :].sum(axis=0)
        for k, v in stat(Yn).items():
            lst = reps.setdefault(k, [])
            if v is not None:
                lst.append(v)
    return reps


def percentile_ci(values, conf):
    if not values:
        return None, None
    a = 1 - conf
    lo, hi = np.quantile(np.asarray(values, dtype=float), [a / 2, 1 - a / 2], method="linear")
    return float(lo), float(hi)


# ---------------------------------------------------------------------------- cross-check


def crosscheck(daily, hoods, groups, B, seed, conf, D, rows):
    """Recompute every quasi_poisson_days and bootstrap_days row by a second route and assert
    agreement (1e-12 relative): day draws from numpy's MT19937 raw stream (not the Python MT),
    plain-loop statistics, a Lorenz-curve Gini (not the mean-difference double sum), and the
    quantile by hand at position f*(n-1) like gsl_stats_quantile_from_sorted_data."""
    N = len(hoods)
    pops = [h["population"] for h in hoods]
    P = sum(p for p in pops if p is not None)

    def lorenz_gini(Yn):
        pts = sorted((Yn[i] / pops[i], pops[i]) for i in range(N) if pops[i] is not None and pops[i] > 0)
        tp = sum(p for _, p in pts)
        tx = sum(x * p for x, p in pts)
        if not pts or tx == 0:
            return None
        g, F0, L0, F, L = 1.0, 0.0, 0.0, 0.0, 0.0
        for x, p in pts:
            F += p / tp
            L += x * p / tx
            g -= (F - F0) * (L + L0)
            F0, L0 = F, L
        return g

    def stats_of(Yn):
        Y = sum(Yn)
        out = {}
        for i in range(N):
            ok = Y > 0 and pops[i] is not None and pops[i] > 0 and P > 0
            out[("exposure_ratio", hoods[i]["name"])] = (Yn[i] / Y) / (pops[i] / P) if ok else None
        for g in groups:
            num = den = 0.0
            for i in range(N):
                pg = hoods[i]["groups"].get(g)
                if pops[i] is not None and pops[i] > 0 and pg is not None:
                    num += pg * Yn[i] * 1000 / pops[i]
                    den += pg
            ge = num / den if den > 0 else None
            out[("group_exposure", g)] = ge
            out[("disparity_ratio", g)] = ge / (Y * 1000 / P) if ge is not None and Y > 0 and P > 0 else None
        out[("gini_reads_per_capita", "all")] = lorenz_gini(Yn)
        return out

    # numpy raw stream, GSL seeding rule and GSL's uniform_int rejection rule
    bg = np.random.MT19937()
    bg.state = np.random.RandomState(4357 if seed == 0 else seed & 0xFFFFFFFF).get_state(legacy=False)
    scale = 0xFFFFFFFF // D
    buf, pos = [], 0
    reps = {}
    table = [[int(daily[d, i]) for i in range(N)] for d in range(D)]
    for b in range(B):
        Yn = [0] * N
        for _ in range(D):
            while True:
                if pos == len(buf):
                    buf, pos = [int(v) for v in bg.random_raw(4096)], 0
                k = buf[pos] // scale
                pos += 1
                if k < D:
                    break
            for i in range(N):
                Yn[i] += table[k][i]
        for key, v in stats_of(Yn).items():
            if v is not None:
                reps.setdefault(key, []).append(v)

    def quant(sorted_v, f):
        h = f * (len(sorted_v) - 1)
        lo = int(math.floor(h))
        if lo + 1 >= len(sorted_v):
            return sorted_v[-1]
        return sorted_v[lo] + (h - lo) * (sorted_v[lo + 1] - sorted_v[lo])

    z = z_of(conf)
    a = 1 - conf
    est = stats_of([sum(table[d][i] for d in range(D)) for i in range(N)])
    close = lambda u, v: (u is None and v is None) or (u is not None and v is not None and
                                                        abs(u - v) <= 1e-12 * max(1.0, abs(u), abs(v)))
    nchecked = 0
    for m, dim, grp, e, lo, hi, num, den, meth in rows:
        if meth == "bootstrap_days":
            key = (m, grp)
            v = sorted(reps.get(key, []))
            want = (est[key], quant(v, a / 2) if v and est[key] is not None else None,
                    quant(v, 1 - a / 2) if v and est[key] is not None else None)
        elif meth == "quasi_poisson_days":
            col = [sum(table[d]) for d in range(D)] if grp == "all" else \
                [table[d][[h["name"] for h in hoods].index(grp)] for d in range(D)]
            Y = sum(col)
            if e is None:
                want = (None, None, None)
            else:
                if Y == 0:
                    phi = 1.0
                else:
                    mean = Y / D
                    phi = max(1.0, sum((y - mean) ** 2 for y in col) / mean / (D - 1))
                sc = e / Y if Y else None
                if Y == 0:
                    # second route: -log(alpha/2) is the upper Garwood bound of a zero count
                    scale = {"reads_per_1k_residents": 1000.0, "reads_per_km2": 1.0,
                             "reads_per_100_vmt": 100.0}[m] / den
                    want = (0.0, 0.0, -math.log(a / 2) * scale)
                else:
                    want = (e, max(0.0, Y - z * math.sqrt(phi * Y)) * sc, (Y + z * math.sqrt(phi * Y)) * sc)
        else:
            continue
        got = (e, lo, hi)
        assert all(close(g, w) for g, w in zip(got, want)), ("crosscheck", m, dim, grp, got, want)
        nchecked += 1
    return nchecked


# ---------------------------------------------------------------------------- rows


def exposure_rows(study, reads, hoods, groups, conf, wilson, add, count_row, wilson_row, notes=None):
    """Append the Exposure rows in METRICS.md table order.

    reads: DataFrame with columns neighborhood, day (0..D-1), camera, vehicle (accepted in-period).
    hoods: attribute-table rows (any order). add / count_row / wilson_row: metrics_ref's row makers."""
    D = (study.end - study.start).days + 1
    hoods = sorted(hoods, key=lambda h: h["name"].encode("utf-8"))  # byte order of names
    index = {h["name"]: i for i, h in enumerate(hoods)}
    N = len(hoods)
    daily = np.zeros((D, N), dtype=np.int64)
    listed = reads["neighborhood"].isin(index)
    for nb, d in zip(reads.loc[listed, "neighborhood"], reads.loc[listed, "day"]):
        daily[d, index[nb]] += 1
    Yn = daily.sum(axis=0)
    Y = int(Yn.sum())
    R = len(reads)
    st = ExposureStats(hoods, groups)
    P = st.P
    mine = []  # the interval rows, for the cross-check
    add_outer = add

    def add(*row):
        add_outer(*row)
        mine.append(row)

    def qp_row(metric, group, ycol, Ycount, num, den, scale):
        """scale None -> empty estimate/interval (missing or zero denominator)."""
        if scale is None:
            add(metric, "neighborhood" if group != "all" else "all", group, None, None, None, num, den,
                "quasi_poisson_days")
            return
        lo, hi = quasi_poisson(ycol, conf)
        add(metric, "neighborhood" if group != "all" else "all", group, Ycount * scale, lo * scale,
            hi * scale, num, den, "quasi_poisson_days")

    # bootstrap (one stream for every bootstrap statistic)
    est = st.all_stats(Yn.astype(float))
    reps = bootstrap(daily.astype(float), study.boot_B, study.seed, st.all_stats)
    if notes is not None:
        notes["bootstrap_defined"] = {k: len(v) for k, v in reps.items()}

    def boot_row(metric, dim, group, key, num=None, den=None):
        e = est[key]
        if e is None:
            add(metric, dim, group, None, None, None, num, den, "bootstrap_days")
            return
        lo, hi = percentile_ci(reps[key], conf)
        add(metric, dim, group, e, lo, hi, num, den, "bootstrap_days")

    # reads_per_1k_residents: all, neighborhood
    qp_row("reads_per_1k_residents", "all", daily.sum(axis=1), Y, Y, P, None if P <= 0 else 1000 / P)
    for i, h in enumerate(hoods):
        pop = h["population"]
        # CHOICE: numerator Y_n, denominator the population (empty when missing)
        qp_row("reads_per_1k_residents", h["name"], daily[:, i], int(Yn[i]), int(Yn[i]), pop,
               None if pop is None or pop <= 0 else 1000 / pop)
    # reads_per_km2
    for i, h in enumerate(hoods):
        a = h["area_km2"]
        qp_row("reads_per_km2", h["name"], daily[:, i], int(Yn[i]), int(Yn[i]), a,
               None if a is None or a <= 0 else 1 / a)
    # reads_per_100_vmt
    for i, h in enumerate(hoods):
        v = h["daily_vmt"]
        den = None if v is None else v * D
        qp_row("reads_per_100_vmt", h["name"], daily[:, i], int(Yn[i]), int(Yn[i]), den,
               None if den is None or den <= 0 else 100 / den)
    # exposure_ratio
    for i, h in enumerate(hoods):
        boot_row("exposure_ratio", "neighborhood", h["name"], ("exposure_ratio", i), num=int(Yn[i]))
    # group_exposure, disparity_ratio
    for g in groups:
        boot_row("group_exposure", "group", g, ("group_exposure", g))
    for g in groups:
        boot_row("disparity_ratio", "group", g, ("disparity_ratio", g))
    # unassigned_reads
    U = R - Y
    add("unassigned_reads", "all", "all", float(U), None, None, U, R, "none")
    # tracked_plates_share, plates_seen_once_share (every accepted in-period read)
    per_vehicle_cams = reads.groupby("vehicle")["camera"].nunique()
    per_vehicle_reads = reads.groupby("vehicle").size()
    V = len(per_vehicle_reads)
    wilson_row("tracked_plates_share", "all", "all", int((per_vehicle_cams >= study.tracked_k).sum()), V)
    wilson_row("plates_seen_once_share", "all", "all", int((per_vehicle_reads == 1).sum()), V)
    # the tracking rows: read 20 times or more; the reads-per-vehicle bins (share of vehicles,
    # and of reads: an exact share); quantiles over vehicles by numpy's default (linear, type 7),
    # no max (METRICS.md's new rows, doc/metrics.md)
    wilson_row("vehicles_read_20_plus_share", "all", "all", int((per_vehicle_reads >= 20).sum()), V)
    n_of = per_vehicle_reads.to_numpy(dtype=np.int64)
    edges = [("1", 1, 1), ("2-4", 2, 4), ("5-19", 5, 19), ("20-99", 20, 99), ("100+", 100, None)]
    inbin = {b: (n_of >= lo) & (n_of <= (hi if hi is not None else n_of.max(initial=0))) for b, lo, hi in edges}
    for b, _, _ in edges:
        wilson_row("reads_per_vehicle_share", "reads_per_vehicle", b, int(inbin[b].sum()), V)
    nreads = int(n_of.sum())
    for b, _, _ in edges:
        x = int(n_of[inbin[b]].sum())
        add("reads_per_vehicle_read_share", "reads_per_vehicle", b, x / nreads if nreads else None, None, None,
            x, nreads, "none")
    for name, p in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99)):
        q = float(np.quantile(n_of.astype(float), p)) if V else None
        add("reads_per_vehicle", "quantile", name, q, None, None, None, None, "none")
    # gini_reads_per_capita
    boot_row("gini_reads_per_capita", "all", "all", ("gini", None))
    nchecked = crosscheck(daily, hoods, groups, study.boot_B, study.seed, conf, D, mine)
    if notes is not None:
        notes["crosschecked_rows"] = nchecked
    return dict(D=D, Y=Y, Yn={h["name"]: int(Yn[i]) for i, h in enumerate(hoods)}, P=P, U=U)


def main(argv):
    if "--gsl-check" in argv:
        sys.stdout.write(gsl_check_text())
        return 0
    rng_selftest()
    geometry_selftest()
    print("exposure_ref self-tests passed (MT19937 == numpy for 6 seeds, == GSL's printed stream)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
