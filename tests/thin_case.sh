#!/usr/bin/env bash
# Writes one thin-data study cut from the sample city into DIR (tests/test_thin.c):
#   tests/thin_case.sh CASE DIR
# Every study keeps the sample's inputs where the case does not change them;
# max_reject_share is 1 because cutting reads leaves hits that link to none.
set -euo pipefail
case_name=$1 dir=$2
src=$(cd "$(dirname "$0")/../data-samples/sample-city" && pwd)
mkdir -p "$dir"
cp "$src"/cameras.csv "$src"/neighborhoods.csv "$src"/boundaries.geojson "$src"/outcomes.csv "$src"/hits.csv "$dir"/
# small: the first three months or so of reads (the log is in time order)
zcat "$src"/reads.csv.gz | awk "NR <= 36001" >"$dir"/reads.csv
start=2025-01-01 end=2025-03-31 hits=1 outcomes=1
case $case_name in
one_day) end=2025-01-01 ;;
hits_unmatched) # every hit names a read that is not there
	awk -F, 'NR == 1 { print; next } { OFS = ","; $2 = "NOREAD" NR; $3 = ""; print }' "$src"/hits.csv >"$dir"/hits.csv ;;
hits_header_only) head -n 1 "$src"/hits.csv >"$dir"/hits.csv ;;
one_camera)
	awk -F, 'NR == 1 || $3 == "CAM-F01"' "$dir"/reads.csv >"$dir"/r && mv "$dir"/r "$dir"/reads.csv ;;
one_area) head -n 2 "$src"/neighborhoods.csv >"$dir"/neighborhoods.csv ;;
all_equal) # one vehicle, one camera, one read a day: every daily count is 1
	awk -F, 'NR == 1 { print; next } { d = substr($2, 1, 10); if (!(d in seen)) { seen[d] = 1;
		OFS = ","; $2 = d "T12:00:00Z"; $3 = "CAM-F01"; $4 = "SAME1"; $5 = "TX"; print } }' \
		"$dir"/reads.csv >"$dir"/r && mv "$dir"/r "$dir"/reads.csv ;;
month_without_hits) # hits of January only
	awk -F, 'NR == 1 { print; next } $2 != "" { n = substr($2, 2) + 0; if (n < 20000) print }' \
		"$src"/hits.csv >"$dir"/hits.csv ;;
outcomes_without_hits) hits=0 ;;
*) echo "thin_case.sh: no case '$case_name'" >&2; exit 2 ;;
esac
{
	printf '[study]\ntitle = thin data: %s\nstart = %s\nend = %s\ntimezone = America/Chicago\n' "$case_name" "$start" "$end"
	printf 'seed = 20251231\nmin_cell = 10\ncost = 250000\nmax_reject_share = 1\nbootstrap_replicates = 200\n'
	printf '[reads]\npath = reads.csv\n'
	[ "$hits" = 1 ] && printf '[hits]\npath = hits.csv\n'
	[ "$outcomes" = 1 ] && printf '[outcomes]\npath = outcomes.csv\n'
	printf '[cameras]\npath = cameras.csv\n'
	printf '[neighborhoods]\npath = neighborhoods.csv\nboundaries = boundaries.geojson\n'
} >"$dir"/study.ini
