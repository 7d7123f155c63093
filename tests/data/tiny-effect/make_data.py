#!/usr/bin/python3
"""Writes the tiny crime-effect study's inputs (incidents.csv, treatment.csv), fixed seed.
Ten areas, 2021-01 .. 2023-12 by month, two types, a planted ratio of 0.75 where cameras went up.
Roles by design: A01, A02 first treated 2022-03 and A03 2022-09 (treated); A04 from 2021-01-15
(treated in the window's first period: left out); A05 from 2024-02-01 (after the window: a control);
A06 from 2022-03-01 but no incidents (left out); A07-A10 never treated (controls).
Also: rows repeating an incident id (second offence of one incident), a row dated outside the
window, and a row with no area (unknown)."""
import numpy as np
rng = np.random.default_rng(20261128)
areas = [f"A{i:02d}" for i in range(1, 11)]
first = {"A01": (2022, 3), "A02": (2022, 3), "A03": (2022, 9)}
level = dict(zip(areas, [6, 4, 8, 5, 3, 0, 7, 2.5, 5, 9]))
rows = []
n = 0
for a in areas:
    for y in (2021, 2022, 2023):
        for m in range(1, 13):
            mu = level[a] * (1 + 0.2 * np.sin(2 * np.pi * m / 12)) * (1.05 ** (y - 2021))
            if a in first and (y, m) >= first[a]:
                mu *= 0.75
            for t, share in (("BURGLARY", 0.6), ("ROBBERY", 0.4)):
                for _ in range(rng.poisson(mu * share)):
                    n += 1
                    day = int(rng.integers(1, 29))
                    rows.append((f"T{n:06d}", f"{y:04d}-{m:02d}-{day:02d}T{int(rng.integers(0,24)):02d}:15:00", t, a))
# a second offence row of two incidents (one incident each), an out-of-window row, no area
rows.append((rows[5][0], rows[5][1], "ROBBERY", rows[5][3]))
rows.append((rows[40][0], rows[40][1], rows[40][2], rows[40][3]))
rows.append(("T900001", "2020-12-31T23:00:00", "BURGLARY", "A07"))
rows.append(("T900002", "2022-06-15T12:00:00", "BURGLARY", ""))
with open("incidents.csv", "w") as f:
    f.write("incident_id,timestamp,type,neighborhood\n")
    for r in rows:
        f.write(",".join(r) + "\n")
with open("treatment.csv", "w") as f:
    f.write("neighborhood,start,end\n")
    f.write("A01,2022-03-10,\nA02,2022-03-01,\nA02,2022-05-01,\nA03,2022-09-30,\n")
    f.write("A04,2021-01-15,\nA05,2024-02-01,\nA06,2022-03-01,\n")
