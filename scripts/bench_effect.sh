#!/bin/bash
# The crime effect at the issue's scale, end to end: 300 areas x 260 ISO weeks (2021-01-04 ..
# 2025-12-28), 60 treated areas in 5 cohorts, about 3 incidents per area-week, four offence
# types modelled beside all incidents, 999 permutations. Generates the city with build/gen-crime
# (seed 1) into build/bench-effect-study/, then times `alpr-eval run` RUNS times (default 3) and
# prints each wall time and peak RSS. Not part of make test: run it with `make bench-effect`.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
D=build/bench-effect-study
mkdir -p "$D"
if [ ! -f "$D/incidents.csv" ]; then
	build/gen-crime --out "$D" --seed 1 --areas 300 --treated 60 --cohorts 5 --level 13 \
		--start 2021-01-04 --end 2025-12-28 --ratio 0.9 >/dev/null
fi
labels=$(grep '^label_' "$D/planted_crime.ini" | sed 's/^label_\([a-z_]*\) *= */value.type.\1 = /')
types=$(grep '^types' "$D/planted_crime.ini" | sed 's/^types *= *//')
cat >"$D/study.ini" <<INI
[study]
title = Crime-effect bench: 300 areas by 260 weeks
start = 2025-01-01
end = 2025-12-28
timezone = America/Chicago
seed = 1
output = $PWD/$D/report

[incidents]
path = incidents.csv
column.incident_id = Report Number
column.timestamp = Offense Start DateTime
timestamp_format = %m/%d/%Y %I:%M:%S %p
column.type = Offense Parent Group
column.neighborhood = MCPP
column.lon = Longitude
column.lat = Latitude
missing = REDACTED, UNKNOWN
$labels

[treatment]
path = treatment.csv

[effect]
start = 2021-01-04
end = 2025-12-28
unit = week
types = $types
window = 12, 24
permutations = 999
INI
echo "incidents: $(($(wc -l <"$D/incidents.csv") - 1)) rows, $(du -h "$D/incidents.csv" | cut -f1)"
for i in $(seq 1 "$RUNS"); do
	/usr/bin/time -f "run $i: %e s wall, %U s user, %M KB peak RSS" env ALPR_EVAL_CHROMIUM=none \
		build/alpr-eval -q run "$D/study.ini" >/dev/null
done
grep -E '^crime_effect_(ratio|p),all|^crime_pretrend_p,all' "$D/report/metrics.csv"
