#!/usr/bin/env bash
# Cuts a study's read log into shards, makes their partials through GNU
# parallel, and merges them: the report one `alpr-eval run` writes, with the
# read pass spread over jobs (here, or other machines over ssh).
#   scripts/shard.sh [options] STUDY.ini [-- PARALLEL_OPTIONS]
# prints the report folder, as run does.
#   -n N          shards (default 10, at most 1000)
#   -j JOBS       partials at once (default: the cores, nproc)
#   -t THREADS    threads of each partial (alpr-eval -j; default 1)
#   -d DIR        shards and partials go here and stay (default: a temporary
#                 folder, removed at the end)
#   -o DIR        the report folder (default: the study's, as run writes it)
#   --reads LOG   the read log to cut (default: the study's [reads] path)
#   --bin PATH    the alpr-eval to run (default: this checkout's build/alpr-eval,
#                 else alpr-eval on the PATH)
#   --cut-only    cut into DIR (-d) and stop: for scripts/slurm-partials.sbatch
#   --time        each partial and the merge under /usr/bin/time -v
#                 (DIR/shard-NNN.time, DIR/merge.time); needs -d
#   -q            no step lines on standard error
#   -- OPTS...    after the study: GNU parallel's options (--sshlogin,
#                 --transferfile {}, --return {.}.part, --cleanup: doc/partials.md)
# Exit status: 0; 1 when the cut, a partial (parallel --halt now,fail=1 stops
# the others) or the merge fails; 2 for a usage error.
#
# The cut: the header goes to every shard; each record goes whole to the shard
# where its first byte falls when the body is divided into N equal byte
# ranges, so shards are cut at record boundaries, in order, and their
# concatenation (one header) is the log. A line inside a quoted field (an
# odd number of '"' so far) never starts a shard. gzip input (which
# alpr-eval reads too) is unpacked on the fly; shards are plain CSV.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

usage() {
	sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
die() {
	echo "shard: $1" >&2
	exit "${2:-1}"
}
say() { [ -n "$quiet" ] || echo "shard: $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

n=10 jobs=$(nproc 2>/dev/null || echo 2) threads=1 dir="" out="" reads="" bin="" cutonly="" timing="" quiet=""
popts=()
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=${2:?-n needs a number}; shift 2 ;;
	-j) jobs=${2:?-j needs a number}; shift 2 ;;
	-t) threads=${2:?-t needs 1 or 2}; shift 2 ;;
	-d) dir=${2:?-d needs a folder}; shift 2 ;;
	-o) out=${2:?-o needs a folder}; shift 2 ;;
	--reads) reads=${2:?--reads needs a file}; shift 2 ;;
	--bin) bin=${2:?--bin needs a path}; shift 2 ;;
	--cut-only) cutonly=1; shift ;;
	--time) timing=1; shift ;;
	-q) quiet=1; shift ;;
	-h | --help) usage ;;
	-*) echo "shard: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage
study=$1
shift
if [ $# -gt 0 ]; then
	[ "$1" = -- ] || die "$1: after the study only -- and GNU parallel's options" 2
	shift
fi
popts=("$@")
case $n in '' | *[!0-9]* | 0) die "-n $n: give a number of shards, 1 or more" 2 ;; esac
# three-digit names keep the glob's order the shards' order
[ "$n" -le 1000 ] || die "-n $n: at most 1000 shards" 2
[ -f "$study" ] || die "$study: no such study file" 2
study=$(cd "$(dirname "$study")" && pwd)/$(basename "$study")
{ [ -n "$cutonly" ] || [ -n "$timing" ]; } && [ -z "$dir" ] && die "--cut-only and --time need -d DIR (where the shards stay)" 2

# The study's read log: [reads] path, relative to the study file's folder.
if [ -z "$reads" ]; then
	reads=$(LC_ALL=C awk '
		/^[ \t]*\[/ { s = $0; gsub(/[][ \t\r]/, "", s); next }
		s == "reads" && /^[ \t]*path[ \t]*=/ {
			v = substr($0, index($0, "=") + 1)
			sub(/^[ \t]+/, "", v); sub(/[ \t]+;.*$/, "", v); sub(/[ \t\r]+$/, "", v)
			print v; exit
		}' "$study")
	[ -n "$reads" ] || die "$study: no [reads] path; give the read log with --reads LOG" 2
	case $reads in /*) ;; *) reads=$(dirname "$study")/$reads ;; esac
fi
[ -f "$reads" ] || die "$reads: no such read log (the study's [reads] path, or --reads)" 2

if [ -z "$bin" ]; then
	if [ -x "$here/build/alpr-eval" ]; then bin=$here/build/alpr-eval; else bin=$(command -v alpr-eval || true); fi
	[ -n "$bin" ] || die "no alpr-eval: run make, or give --bin PATH" 2
fi
case $bin in /*) ;; *) bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") ;; esac

if [ -z "$cutonly" ]; then
	command -v parallel >/dev/null 2>&1 || die "no GNU parallel on the PATH (Debian: apt-get install parallel)" 2
fi

tmp=""
if [ -z "$dir" ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/alpr-shard-XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	dir=$tmp
else
	mkdir -p "$dir"
	if ls "$dir"/shard-*.csv "$dir"/shard-*.part >/dev/null 2>&1; then
		die "$dir already holds shards or partials: give an empty folder (they would mix)" 2
	fi
fi
dir=$(cd "$dir" && pwd)
[ -z "$out" ] || case $out in /*) ;; *) out=$PWD/$out ;; esac

# ---- the cut
t0=$(now)
if [ "$(head -c 2 "$reads" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; then
	size=$(gzip -dc "$reads" | wc -c)
	cat_reads() { gzip -dc "$reads"; }
else
	size=$(wc -c <"$reads")
	cat_reads() { cat "$reads"; }
fi
cat_reads | LC_ALL=C awk -v n="$n" -v total="$size" -v dir="$dir" '
	NR == 1 { hdr = $0; total -= length($0) + 1; if (total < 1) total = 1; cur = -1; next }
	{
		if (!inq) { # a record starts here: its shard is where its first byte falls
			k = int(off * n / total)
			if (k >= n) k = n - 1
			if (k != cur) {
				if (f != "") close(f)
				f = sprintf("%s/shard-%03d.csv", dir, m++)
				print hdr > f
				cur = k
			}
		}
		print > f
		off += length($0) + 1
		if (index($0, "\"") && gsub(/"/, "\"") % 2) inq = !inq
	}
	END {
		if (NR == 0) { print "shard: the read log is empty" > "/dev/stderr"; exit 1 }
		if (m == 0) { f = sprintf("%s/shard-%03d.csv", dir, m++); print hdr > f }
	}' || die "cutting $reads failed"
shards=("$dir"/shard-*.csv)
t1=$(now)
say "cut $(basename "$reads") ($size bytes) into ${#shards[@]} shards in $(secs "$t0" "$t1") s: $dir"
[ -z "$cutonly" ] || exit 0

# ---- the partials: relative names, so the same command works on another
# machine with --transferfile {} --return {.}.part
cd "$dir"
# GNU parallel's ssh wrapper runs jobs through $SHELL; unset (cron, CI, env -i)
# the remote jobs silently do nothing
export SHELL="${SHELL:-/bin/sh}"
wrap=()
[ -z "$timing" ] || wrap=(/usr/bin/time -v -o "{.}.time")
printf '%s\n' shard-*.csv |
	parallel --halt now,fail=1 -j "$jobs" --joblog "$dir/joblog" "${popts[@]}" -q \
		"${wrap[@]}" "$bin" -q partial -j "$threads" "$study" --reads "{}" -o "{.}.part" >/dev/null ||
	die "a partial failed (above; parallel's job log: $dir/joblog)"
t2=$(now)
parts=(shard-*.part)
[ "${#parts[@]}" -eq "${#shards[@]}" ] || die "${#shards[@]} shards but ${#parts[@]} partials in $dir"
say "${#parts[@]} partials, $jobs at a time, in $(secs "$t1" "$t2") s"

# ---- the merge, in the shards' order (the glob's: zero-padded numbers)
mwrap=()
[ -z "$timing" ] || mwrap=(/usr/bin/time -v -o "$dir/merge.time")
oargs=()
[ -z "$out" ] || oargs=(-o "$out")
cd - >/dev/null
"${mwrap[@]}" "$bin" -q merge "$study" "${parts[@]/#/$dir/}" "${oargs[@]}" || die "the merge failed"
t3=$(now)
say "merged in $(secs "$t2" "$t3") s; $(secs "$t0" "$t3") s in all"
