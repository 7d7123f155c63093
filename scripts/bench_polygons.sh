#!/usr/bin/env bash
# Measures what point-in-polygon assignment adds to a study's run time:
# N reads, every one with coordinates and no area of its own, assigned to 100
# irregular polygons (a 10 x 10 grid with jittered shared borders, 40 vertices
# each), against the same study without boundaries.
#   scripts/bench_polygons.sh [READS (10000000)] [WORKDIR (/tmp/alpr-bench-polygons)]
# Prints median wall seconds of 3 runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000000}
W=${2:-/tmp/alpr-bench-polygons}
mkdir -p "$W"
make -s build/alpr-eval build/gen-city
if [ ! -s "$W/reads.csv" ] || [ "$(cat "$W/n" 2>/dev/null)" != "$N" ]; then
	build/gen-city --out "$W/gen" --reads "$N" --vehicles $((N / 5)) --cameras 200 --no-defects --plain >/dev/null
	# every read gets a point in the grid's box and no area of its own
	awk -F, 'BEGIN { OFS = ","; s = 12345 }
		NR == 1 { print; next }
		{ s = (s * 1103515245 + 12345) % 2147483648; lat = 30.15 + (s % 1000000) / 1000000 * 0.25;
		  s = (s * 1103515245 + 12345) % 2147483648; lon = -97.90 + (s % 1000000) / 1000000 * 0.30;
		  $6 = sprintf("%.6f", lat); $7 = sprintf("%.6f", lon); $8 = ""; print }' \
		"$W/gen/reads.csv" > "$W/reads.csv"
	echo "$N" > "$W/n"
	rm -rf "$W/gen"
fi
# 100 polygons: corners on an 11 x 11 lattice; each border has 9 inner points
# jittered by a function of the border itself, so neighbours share them exactly.
awk 'function jit(a, b) { return ((a * 7919 + b * 104729) % 1000) / 1000 - 0.5 }
	function px(i) { return -97.90 + i * 0.03 } function py(j) { return 30.15 + j * 0.025 }
	BEGIN {
	printf "{\"type\":\"FeatureCollection\",\"features\":[";
	for (j = 0; j < 10; j++) for (i = 0; i < 10; i++) {
		if (i || j) printf ",";
		printf "{\"type\":\"Feature\",\"properties\":{\"neighborhood\":\"A%02d\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[", j * 10 + i;
		n = 0;
		# bottom (left to right), right (up), top (right to left), left (down)
		for (k = 0; k < 10; k++) { x = px(i) + k * 0.003; y = py(j) + (k ? jit(1000 + j * 11 + i, k) * 0.004 : 0); pt[n++] = sprintf("[%.6f,%.6f]", x, y) }
		for (k = 0; k < 10; k++) { x = px(i + 1) + (k ? jit(2000 + j * 11 + i + 1, k) * 0.005 : 0); y = py(j) + k * 0.0025; pt[n++] = sprintf("[%.6f,%.6f]", x, y) }
		for (k = 0; k < 10; k++) { x = px(i + 1) - k * 0.003; y = py(j + 1) + (k ? jit(1000 + (j + 1) * 11 + i, 10 - k) * 0.004 : 0); pt[n++] = sprintf("[%.6f,%.6f]", x, y) }
		for (k = 0; k < 10; k++) { x = px(i) + (k ? jit(2000 + j * 11 + i, 10 - k) * 0.005 : 0); y = py(j + 1) - k * 0.0025; pt[n++] = sprintf("[%.6f,%.6f]", x, y) }
		for (k = 0; k < n; k++) printf "%s,", pt[k];
		printf "%s]]}}", pt[0];
	}
	print "]}" }' > "$W/boundaries.geojson"
awk 'BEGIN { print "neighborhood,population"; for (a = 0; a < 100; a++) printf "A%02d,%d\n", a, 2000 + a * 37 }' > "$W/neighborhoods.csv"
for b in with without; do
	{
		printf '[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\nseed = 1\noutput = %s/out-%s\n' "$W" "$b"
		printf '[reads]\npath = reads.csv\n[neighborhoods]\npath = neighborhoods.csv\n'
		[ "$b" = with ] && printf 'boundaries = boundaries.geojson\n'
	} > "$W/$b.ini"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for b in without with; do
	for r in 1 2 3; do
		/usr/bin/time -f "%e %M" build/alpr-eval -q run "$W/$b.ini" 2>&1 >/dev/null | tail -n 1
	done > "$W/times-$b"
	printf '%-8s boundaries: median %s s wall, peak RSS %s kB (3 runs)\n' "$b" \
		"$(cut -d' ' -f1 "$W/times-$b" | median)" "$(cut -d' ' -f2 "$W/times-$b" | median)"
done
grep -E '^unassigned_reads' "$W/out-with/metrics.csv"
