#!/usr/bin/env bash
# make reports on a scratch reports folder (tests/test_batch.c):
#   tests/reports_case.sh TMPDIR ALPR_EVAL
# Two copies of the tiny study, each with its own inputs, are run once into
# TMPDIR/reports/{a,b}; then make reports must rerun nothing, then only b when
# one of b's inputs changes, then only a when a's study file changes, then a
# --period report (its manifest names the period) when its study changes.
# Prints one line per step: STEP <name> ran=<sorted report names make reran>.
set -euo pipefail
t=$1
ae=$2
root=$(pwd)
mkdir -p "$t/reports"
for s in a b; do
	mkdir -p "$t/$s"
	cp tests/data/tiny/*.csv "$t/$s/"
	sed "s|^max_reject_share.*|max_reject_share = 0.5\noutput = $t/reports/$s|" tests/data/tiny/study.ini >"$t/$s/study.ini"
	ALPR_EVAL_CHROMIUM=none "$ae" -q run "$t/$s/study.ini" >/dev/null
done
ALPR_EVAL_CHROMIUM=none "$ae" -q run "$t/a/study.ini" --period 2025-06 -o "$t/reports/a-june" >/dev/null
# make compares modification times: every file an hour old, then one touched now
find "$t" -exec touch -d "@$(($(date +%s) - 3600))" {} +
bump() { touch "$1"; }
step() {
	out=$(cd "$root" && ALPR_EVAL_CHROMIUM=none make --no-print-directory reports REPORTS_DIR="$t/reports" AE="$ae" 2>&1) || {
		echo "STEP $1 make-failed: $out"
		return
	}
	ran=$(printf '%s\n' "$out" | sed -n "s|.* -o $t/reports/\([^ ]*\)\$|\1|p" | sort | tr '\n' ' ')
	echo "STEP $1 ran=${ran% }"
}
step unchanged
bump "$t/b/hits.csv"
step input-b
bump "$t/a/study.ini"
step study-a
step again
grep -q '"period": "2025-06"' "$t/reports/a-june/manifest.json" && echo "PERIOD recorded" || echo "PERIOD missing"
