#!/usr/bin/env bash
# One run of a study against the sharded recipe (scripts/shard.sh): wall time
# and peak memory of each process, and which files of the two report folders
# differ. A benchmark, not a test (not in make test); doc/partials.md has the
# figures for 10 and 30 million generated reads.
#   scripts/bench_shard.sh STUDY.ini SHARDS JOBS WORKDIR [THREADS_OF_THE_RUN]
# WORKDIR gets one/ (the run's folder), merged/, shards/ (shards, partials and
# their /usr/bin/time -v reports), and is left in place. PDF step off on both
# sides (ALPR_EVAL_CHROMIUM=none).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 4 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
study=$1 n=$2 jobs=$3 work=$4 rthreads=${5:-2}
bin=${ALPR_EVAL_BIN:-$here/build/alpr-eval}
export ALPR_EVAL_CHROMIUM=none
mkdir -p "$work"
rm -rf "$work/one" "$work/merged" "$work/shards"
# wall seconds and peak RSS (MB) from a /usr/bin/time -v report
fig() { awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
	/Maximum resident/ { m = $2 / 1024 } END { printf "%.1f s, %.0f MB", s, m }' "$1"; }

sync
/usr/bin/time -v -o "$work/one.time" "$bin" -q -j "$rthreads" run -o "$work/one" "$study" >/dev/null
echo "one run (-j $rthreads): $(fig "$work/one.time")"

sync
"$here/scripts/shard.sh" --bin "$bin" -n "$n" -j "$jobs" -t 1 --time -d "$work/shards" -o "$work/merged" \
	"$study" >/dev/null 2>"$work/shard.log"
cat "$work/shard.log"
for t in "$work"/shards/shard-*.time; do
	echo "  partial $(basename "$t" .time): $(fig "$t")"
done
echo "merge: $(fig "$work/shards/merge.time")"
echo "files that differ:"
diff -rq "$work/one" "$work/merged" | sed 's/^/  /' || true
