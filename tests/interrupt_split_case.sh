#!/usr/bin/env bash
# Used by test_threads.c: a run interrupted by a signal while two threads
# parse a plain read log (and after the reader thread has finished hashing
# it). Checks the exit code (128 + signal), that the run stops at once (not at
# the end of its parse), and that no report or temporary folder is left.
#   tests/interrupt_split_case.sh BIN GEN WORKDIR SIGNAL EXPECTED_EXIT
set -u
bin=$(realpath "$1"); gen=$(realpath "$2"); work=$3; sig=$4; want=$5
mkdir -p "$work" && cd "$work" || exit 1
[ -f city/reads.csv ] || "$gen" --out city --reads 3000000 --plain >/dev/null 2>&1 || { echo "gen-city failed" >&2; exit 1; }
printf '[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\nseed = 1\n[reads]\npath = city/reads.csv\n[hits]\npath = city/hits.csv\n' > s.ini
rm -rf report
start=$(date +%s%N)
ALPR_EVAL_SPLIT_MIN=0 ALPR_EVAL_CHROMIUM=none "$bin" -q -j 2 run --output report s.ini 2> err.txt &
run=$!
sleep 0.7
kill "-$sig" "$run"
killed=$(date +%s%N)
wait "$run"; rc=$?
done_at=$(date +%s%N)
[ "$rc" -eq "$want" ] || { echo "exit $rc, expected $want (ran $(( (done_at - start) / 1000000 )) ms)" >&2; exit 1; }
grep -q "interrupted by SIG" err.txt || { echo "no message: $(cat err.txt)" >&2; exit 1; }
# one chunk of each part at most after the signal: a few milliseconds on a quiet machine. The bound
# is 2 s because a loaded 2-core machine running the sanitizer build has been seen to take 0.5-2.5 s
# to schedule and reap; a run that did not stop would go on parsing the 3 million reads far longer.
[ $(( (done_at - killed) / 1000000 )) -lt 2000 ] || { echo "took $(( (done_at - killed) / 1000000 )) ms to stop" >&2; exit 1; }
leftover=$(ls -A | grep -v -x -e s.ini -e city -e err.txt)
[ -z "$leftover" ] || { echo "left behind: $leftover" >&2; exit 1; }
exit 0
