#!/usr/bin/python3
"""Hand-checkable test of metrics_ref.py's grouped cluster_plate sums (METRICS.md "Clustered
intervals"): a 3-vehicle toy study, worked out with the formula written out term by term,
against alert_cluster_stats() + cluster_ci(), the code that makes the study rows.

    /usr/bin/python3 tests/reference/cluster_check.py        (metrics_ref.py also runs it)

Toy study (vehicle: reads at camera X, at camera Y; hits, each linked to a read):
    A: 4 at X, 1 at Y    h1 X stolen_vehicle confirmed,  h2 X stolen_vehicle misread
    B: 2 at X, 3 at Y    h3 X registration   confirmed,  h4 Y stolen_vehicle misread
    C: 3 at X, 0 at Y    no hits
With three vehicles sum u_c = 0, and for any a + b + c = 0, a^4 + b^4 + c^4 = (a^2 + b^2 + c^2)^2 / 2,
so df = 2 exactly, where Student's t has a closed form: t = a sqrt(2 / (1 - a^2)), a = 1 - alpha
(the t with P(|T| < t) = a; 4.30265272974946 at 95 %; scipy 1.10's t.ppf gives 4.30265272991).
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pandas as pd  # noqa: E402

import metrics_ref as M  # noqa: E402

CONF = 0.95


def expit(x):
    return 1 / (1 + math.exp(-x))


def close(a, b, rel=1e-12):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(abs(a), abs(b))


def toy():
    reads = []
    for veh, x, y in (("A", 4, 1), ("B", 2, 3), ("C", 3, 0)):
        reads += [dict(vehicle=veh, camera="X", neighborhood="North", month="2025-01")] * x
        reads += [dict(vehicle=veh, camera="Y", neighborhood="South", month="2025-01")] * y
    place = {"X": "North", "Y": "South"}
    hits = [dict(vehicle=v, camera=c, neighborhood=place[c], month="2025-01", hotlist=h, disposition=d,
                 yielded=yl, enforced=False)
            for v, c, h, d, yl in (("A", "X", "stolen_vehicle", "confirmed", True),
                                   ("A", "X", "stolen_vehicle", "misread", False),
                                   ("B", "X", "registration", "confirmed", False),
                                   ("B", "Y", "stolen_vehicle", "misread", False))]
    return pd.DataFrame(reads), pd.DataFrame(hits)


def run():
    reads, hits = toy()
    st = M.alert_cluster_stats(reads, hits, ["misread", "wrong_state", "stale_entry"])
    a = CONF
    t2 = a * math.sqrt(2 / (1 - a * a))  # Student's t, df = 2, at 1 - alpha/2
    assert close(t2, M.t_upper((1 - CONF) / 2, 2.0), 1e-14)
    assert close(math.tan(math.pi * CONF / 2), M.t_upper((1 - CONF) / 2, 1.0), 1e-14)  # df = 1: Cauchy

    # -- hit_rate, camera X: units = the reads at X, events = the hits of those reads
    #    n = (A 4, B 2, C 3), e = (A 2, B 1, C 0)
    N = 4 + 2 + 3                                  # 9
    E = 2 + 1 + 0                                  # 3
    p = E / N                                      # 1/3
    u = [2 - p * 4, 1 - p * 2, 0 - p * 3]          # 2/3, 1/3, -1
    s2 = u[0] ** 2 + u[1] ** 2 + u[2] ** 2         # 14/9
    s4 = u[0] ** 4 + u[1] ** 4 + u[2] ** 4         # 98/81
    V = 3 / (3 - 1) * s2 / N ** 2                  # 7/243
    df = s2 ** 2 / s4                              # 2
    assert close(V, 7 / 243) and close(df, 2.0)
    L = math.log(p / (1 - p))                      # -log 2
    s = math.sqrt(V) / (p * (1 - p))
    want = (3, 9, 1 / 3, expit(L - t2 * s), expit(L + t2 * s))
    got = M.cluster_ci(st["hit_rate", "camera"], "X", CONF, cap=True)
    assert got[:2] == want[:2] and all(close(g, w) for g, w in zip(got[2:], want[2:])), (got, want)
    print("cluster_check: hit_rate camera X: %d/%d = %.6f, %.10f .. %.10f (df 2, t %.10f)" % (got + (t2,)))

    # -- hit_rate, hotlist stolen_vehicle: units = ALL reads of each vehicle (A 5, B 5, C 3),
    #    events = the vehicle's stolen_vehicle hits (A 2, B 1, C 0)
    N = 5 + 5 + 3                                  # 13
    E = 2 + 1 + 0                                  # 3
    p = E / N                                      # 3/13
    u = [2 - p * 5, 1 - p * 5, 0 - p * 3]          # 11/13, -2/13, -9/13
    s2 = u[0] ** 2 + u[1] ** 2 + u[2] ** 2         # 206/169
    s4 = u[0] ** 4 + u[1] ** 4 + u[2] ** 4         # 21218/28561
    V = 3 / (3 - 1) * s2 / N ** 2                  # 309/28561
    df = s2 ** 2 / s4                              # 2
    assert close(V, 309 / 28561) and close(df, 2.0)
    L = math.log(p / (1 - p))                      # log(3/10)
    s = math.sqrt(V) / (p * (1 - p))
    want = (3, 13, 3 / 13, expit(L - t2 * s), expit(L + t2 * s))
    got = M.cluster_ci(st["hit_rate", "hotlist"], "stolen_vehicle", CONF, cap=True)
    assert got[:2] == want[:2] and all(close(g, w) for g, w in zip(got[2:], want[2:])), (got, want)
    print("cluster_check: hit_rate hotlist stolen_vehicle: %d/%d = %.6f, %.10f .. %.10f" % got)

    # -- the special cases, on the same toy
    # disposition_share confirmed: units = all hits (A 2, B 2), events (A 1, B 1): every u_c = 0,
    # so V = 0 -> the binomial interval of 2 of 4, method cluster_plate
    got = M.cluster_ci(st["disposition_share", "disposition"], "confirmed", CONF, cap=True)
    assert got == (2, 4, 0.5) + M.wilson(2, 4, CONF), got
    # false_positive_rate, hotlist registration: one known hit, one vehicle: C < 2, estimate only
    assert M.cluster_ci(st["false_positive_rate", "hotlist"], "registration", CONF, True) == (0, 1, 0.0, None, None)
    # enforcement_yield, all: E = 0 -> the binomial interval of 0 of 4
    assert M.cluster_ci(st["enforcement_yield", "all"], "all", CONF, True) == (0, 4, 0.0) + M.wilson(0, 4, CONF)
    # hit_rate camera Z: no reads, N = 0: no estimate
    assert M.cluster_ci(st["hit_rate", "camera"], "Z", CONF, True) == (0, 0, None, None, None)
    # confirmed_per_million_reads (a rate, log scale): n = (5, 5, 3), e = (1, 1, 0)
    N, E = 13, 2
    p = E / N
    u = [1 - p * 5, 1 - p * 5, 0 - p * 3]          # 3/13, 3/13, -6/13
    s2 = sum(x * x for x in u)                     # 54/169
    V = 3 / 2 * s2 / N ** 2
    se = math.sqrt(V)
    want = (2, 13, p, p * math.exp(-t2 * se / p), p * math.exp(t2 * se / p))
    got = M.cluster_ci(st["confirmed_per_million_reads", "all"], "all", CONF, cap=False)
    assert got[:2] == want[:2] and all(close(g, w) for g, w in zip(got[2:], want[2:])), (got, want)

    # V = 0 must be exact: n = (49, 49), e = (1, 1). In floating point 1 - (2/98) * 49 is
    # 1.1e-16, not 0, which would give a near zero-width interval; the integer form gives V = 0
    # and so the binomial interval.
    assert 1 - (2 / 98) * 49 != 0
    n = pd.Series([49, 49], index=pd.MultiIndex.from_tuples([("g", "A"), ("g", "B")]))
    e = pd.Series([1, 1], index=n.index)
    assert M.cluster_ci(M.cluster_stats(n, e), "g", CONF, True) == (2, 98, 2 / 98) + M.wilson(2, 98, CONF)
    print("cluster_check: special cases (V = 0, C < 2, E = 0, N = 0, rate) ok")


if __name__ == "__main__":
    run()
