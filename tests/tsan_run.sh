#!/usr/bin/env bash
# make tsan: the two-thread read log under ThreadSanitizer. Runs, with the read
# log split between two threads at any size, the test studies and a generated
# city (plain reads, hits, cameras, areas, boundaries); fails on any report.
#   tests/tsan_run.sh TSAN_BINARY GEN_CITY
set -u
cd "$(dirname "$0")/.."
bin=$1 gen=$2
# Some kernels' address-space layout stops ThreadSanitizer before main: retry without
# randomisation, and say so plainly if it still cannot run.
run=()
if ! "$bin" --version >/dev/null 2>&1; then
	if setarch "$(uname -m)" -R "$bin" --version >/dev/null 2>&1; then
		run=(setarch "$(uname -m)" -R)
	else
		echo "tsan: ThreadSanitizer cannot start on this kernel ($("$bin" --version 2>&1 | head -n 1)); skipped"
		exit 0
	fi
fi
work=$(mktemp -d /tmp/alpr-tsan-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$gen" --out "$work/city" --reads 300000 --plain >/dev/null 2>&1 || { echo "tsan: gen-city failed" >&2; exit 1; }
# the sample city's study, on the generated city's files (its read log plain)
sed -E -e "s|^(path\|boundaries) = .*/([^/]+)\$|\1 = $work/city/\2|" -e "s|/reads\.csv\.gz\$|/reads.csv|" \
	analysis/sample-city.ini > "$work/city.ini"
fail=0
for st in tests/data/tiny/study.ini tests/data/tiny-exposure/study.ini analysis/census-tracts.ini \
	analysis/other-agency.ini "$work/city.ini"; do
	out=$work/out-$(basename "$(dirname "$st")")-$(basename "$st" .ini)
	if ALPR_EVAL_SPLIT_MIN=0 ALPR_EVAL_CHROMIUM=none TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
		"${run[@]}" "$bin" -q -j 2 run --output "$out" "$st" >/dev/null 2>"$work/err"; then
		echo "tsan: $st: no data race"
	else
		echo "tsan: $st: FAILED"
		head -n 30 "$work/err"
		fail=1
	fi
done
exit $fail
