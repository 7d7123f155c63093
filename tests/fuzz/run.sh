#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (ASan + UBSan), starting from the
# committed seed corpus; new inputs go to build/fuzz/work-TARGET, crashes to
# build/fuzz/crash-TARGET-*. Prints executions and coverage per target.
#   tests/fuzz/run.sh SECONDS TARGET...
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift
fail=0
for t in "$@"; do
	name=$(basename "$t")
	work=build/fuzz/work-$name
	mkdir -p "$work" "tests/fuzz/corpus/$name"
	log=build/fuzz/$name.log
	"$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/crash-$name-" "$work" "tests/fuzz/corpus/$name" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
	printf '%-16s %4ss  executions %-10s %s  exit %d\n' "$name" "$secs" "${execs:-?}" "${cov:-?}" "$rc"
	if [ "$rc" -ne 0 ]; then
		fail=1
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 5
	fi
done
exit $fail
