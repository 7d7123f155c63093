#!/usr/bin/env bash
# Used by test_cli.c: a run interrupted by a signal while it waits on a read
# log that is a pipe. Checks the exit code (128 + signal), that no temporary
# folder is left, and that the previous report is untouched.
#   tests/interrupt_case.sh BIN WORKDIR SIGNAL EXPECTED_EXIT
set -u
bin=$(realpath "$1"); work=$2; sig=$3; want=$4
mkdir -p "$work" && cd "$work" || exit 1
printf '[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = UTC\nseed = 1\n[reads]\npath = reads\n' > s.ini
printf 'timestamp,camera_id,plate\n2025-05-01T00:00:00Z,C1,A1\n' > reads
ALPR_EVAL_CHROMIUM=none "$bin" -q run --output report s.ini || { echo "first run failed" >&2; exit 1; }
cp report/metrics.csv before.csv
rm reads && mkfifo reads
( printf 'timestamp,camera_id,plate\n2025-05-02T00:00:00Z,C1,A2\n'; sleep 6 ) > reads &
writer=$!
ALPR_EVAL_CHROMIUM=none "$bin" -q run --output report s.ini 2> err.txt &
run=$!
sleep 1.5
kill "-$sig" "$run"
wait "$run"; rc=$?
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
[ "$rc" -eq "$want" ] || { echo "exit $rc, expected $want" >&2; exit 1; }
grep -q "interrupted by SIG" err.txt || { echo "no message: $(cat err.txt)" >&2; exit 1; }
leftover=$(ls -A | grep -v -x -e s.ini -e reads -e report -e before.csv -e err.txt)
[ -z "$leftover" ] || { echo "left behind: $leftover" >&2; exit 1; }
cmp -s before.csv report/metrics.csv || { echo "previous report changed" >&2; exit 1; }
exit 0
