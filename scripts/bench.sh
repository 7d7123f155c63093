#!/usr/bin/env bash
# make bench: alpr-eval against DuckDB on the same generated studies (issue 5).
#
#   scripts/bench.sh [--sizes "1 10 30"] [--runs 3] [--work DIR (/tmp/alpr-bench)]
#
# For each size N (millions of reads) the project's seeded generator writes DIR/Nm/
# (build/gen-city --reads N --vehicles N/5 --cameras 200 --plain; kept and reused while its
# planted.ini names the same reads, vehicles and cameras), plus a gzip copy reads.csv.gz
# (pigz -1 when present, else gzip -1). Each input (plain, gzip) gets a study file with reads,
# hits, cameras and neighborhoods (no boundaries: DuckDB's side has no polygons), output under
# DIR/out/. Then, alternately, --runs times each: `build/alpr-eval -q run STUDY` (every metric,
# every output) and `node scripts/bench_duckdb.mjs` (DuckDB, 2 threads, the alert subset), each
# under /usr/bin/time for wall, user+sys CPU and peak RSS. Prints one table of medians, and
# whether DuckDB's figures equal those in alpr-eval's metrics.csv. Nothing is asserted: exit 0
# unless alpr-eval itself fails or the setup cannot be done.
#
# DuckDB is the npm package @duckdb/node-api in $ALPR_BENCH_CACHE (default
# ~/.cache/alpr-eval-bench), installed there with npm when missing; without node or npm, or
# when the install fails, DuckDB is skipped with one line saying why and alpr-eval still runs.
set -euo pipefail
# the PDF is drawn by a browser, not by alpr-eval: keep it out of the timings
export ALPR_EVAL_CHROMIUM=${ALPR_EVAL_CHROMIUM:-none}

usage() {
	printf 'usage: scripts/bench.sh [--sizes "1 10 30"] [--runs 3] [--work DIR (/tmp/alpr-bench)]\n'
	printf '  sizes in millions of reads; runs per tool and input (medians are shown)\n'
}
die() {
	printf 'bench: %s\n' "$*" >&2
	exit 1
}
note() { printf 'bench: %s\n' "$*" >&2; }

sizes="1 10 30"
runs=3
work=/tmp/alpr-bench
while [ $# -gt 0 ]; do
	case $1 in
	--sizes | --runs | --work)
		[ $# -ge 2 ] || { usage >&2; die "$1 needs a value"; }
		case $1 in
		--sizes) sizes=$2 ;;
		--runs) runs=$2 ;;
		--work) work=$2 ;;
		esac
		shift 2
		;;
	--sizes=*) sizes=${1#*=} && shift ;;
	--runs=*) runs=${1#*=} && shift ;;
	--work=*) work=${1#*=} && shift ;;
	-h | --help) usage && exit 0 ;;
	*) usage >&2 && exit 2 ;;
	esac
done
read -r -a size_list <<<"$sizes"
[ ${#size_list[@]} -gt 0 ] || die "--sizes is empty"
for n in "${size_list[@]}"; do
	[[ $n =~ ^[1-9][0-9]{0,3}$ ]] || die "--sizes: '$n' is not a whole number of millions (1..9999)"
done
[[ $runs =~ ^[1-9][0-9]{0,2}$ ]] || die "--runs: '$runs' is not a whole number >= 1"
[ -n "$work" ] || die "--work is empty"
case $work in *$'\n'* | *' ;'* | *' #'*) die "--work: a path with a newline, ' ;' or ' #' cannot go in a study file" ;; esac

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p -- "$work"
work=$(cd -- "$work" && pwd) # absolute: the study files name it, and we cd below
cd -- "$root"
cache=${ALPR_BENCH_CACHE:-${HOME:-$work}/.cache/alpr-eval-bench}
export ALPR_BENCH_CACHE=$cache

# ---- tools ------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		note "installing Debian's time package (for /usr/bin/time)"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq time >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; } ||
			true
	fi
	[ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install time"
fi
make -s build/alpr-eval build/gen-city

duck_skip=""
duck_version=""
if ! command -v node >/dev/null; then
	duck_skip="node is not installed (apt-get install nodejs npm)"
elif [ ! -f "$cache/node_modules/@duckdb/node-api/package.json" ]; then
	if ! command -v npm >/dev/null; then
		duck_skip="npm is not installed, so @duckdb/node-api cannot be installed (apt-get install npm)"
	else
		note "installing @duckdb/node-api into $cache"
		mkdir -p -- "$cache"
		if ! npm install --prefix "$cache" --no-audit --no-fund --loglevel=error @duckdb/node-api \
			>"$work/npm-install.log" 2>&1; then
			duck_skip="npm install --prefix $cache @duckdb/node-api failed (see $work/npm-install.log)"
		fi
	fi
fi
if [ -z "$duck_skip" ]; then
	if ! duck_version=$(node scripts/bench_duckdb.mjs --version 2>"$work/duckdb-version.log"); then
		duck_skip="@duckdb/node-api does not load (see $work/duckdb-version.log)"
	else
		pkg=$(node -p 'require(process.argv[1]).version' \
			"$cache/node_modules/@duckdb/node-api/package.json" 2>/dev/null || echo '?')
		duck_version="DuckDB $duck_version (@duckdb/node-api $pkg, node $(node --version)), threads=2"
	fi
fi
if [ -n "$duck_skip" ]; then
	printf 'DuckDB skipped: %s\n' "$duck_skip"
	duck_version="DuckDB skipped"
fi

# ---- helpers ----------------------------------------------------------------------------------
# ini_get FILE KEY: the value of "KEY = value" (first match), or nothing
ini_get() { sed -n "s/^$2[[:space:]]*=[[:space:]]*//p" "$1" 2>/dev/null | head -n 1; }
median() {
	sort -g | awk '{ v[NR] = $1 }
		END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# measure TIMES LOG CMD...: run CMD under /usr/bin/time; on success append "wall user sys maxrss_kB"
measure() {
	local times=$1 log=$2
	shift 2
	/usr/bin/time -f '%e %U %S %M' -o "$times.last" "$@" >"$log" 2>&1 || return 1
	tail -n 1 "$times.last" >>"$times"
}
# stats TIMES: median wall s, median CPU s (user+sys), median peak RSS MB (1e6 bytes)
stats() {
	printf '%s %s %s\n' \
		"$(awk '{ print $1 }' "$1" | median)" \
		"$(awk '{ print $2 + $3 }' "$1" | median)" \
		"$(awk '{ print $4 * 1024 / 1e6 }' "$1" | median)"
}
gzip_tool=(gzip -1 -c)
command -v pigz >/dev/null && gzip_tool=(pigz -1 -c)

# ---- data and study files ---------------------------------------------------------------------
labels=()
for n in "${size_list[@]}"; do
	reads=$((n * 1000000))
	vehicles=$((reads / 5))
	dir=$work/${n}m
	if [ -s "$dir/reads.csv" ] && [ -s "$dir/hits.csv" ] && [ -s "$dir/cameras.csv" ] &&
		[ "$(ini_get "$dir/planted.ini" reads_requested)" = "$reads" ] &&
		[ "$(ini_get "$dir/planted.ini" vehicles)" = "$vehicles" ] &&
		[ "$(ini_get "$dir/planted.ini" cameras)" = 200 ]; then
		note "${n}M: reusing $dir"
	else
		note "${n}M: generating $reads reads into $dir"
		rm -rf -- "$dir" "$dir.tmp"
		build/gen-city --out "$dir.tmp" --reads "$reads" --vehicles "$vehicles" --cameras 200 --plain >/dev/null
		mv -- "$dir.tmp" "$dir"
	fi
	if [ ! -s "$dir/reads.csv.gz" ] || [ "$dir/reads.csv" -nt "$dir/reads.csv.gz" ]; then
		note "${n}M: compressing with ${gzip_tool[0]} -1"
		"${gzip_tool[@]}" "$dir/reads.csv" >"$dir/reads.csv.gz.tmp"
		mv -- "$dir/reads.csv.gz.tmp" "$dir/reads.csv.gz"
	fi
	year=$(ini_get "$dir/planted.ini" year)
	tz=$(ini_get "$dir/planted.ini" timezone)
	if [ -z "$year" ] || [ -z "$tz" ]; then die "$dir/planted.ini names no year or timezone"; fi
	for kind in csv gz; do
		label=${n}m-$kind
		file=reads.csv
		[ "$kind" = gz ] && file=reads.csv.gz
		out=$work/out/$label
		[ ${#out} -le 180 ] || die "--work path too long for a study file line: $out"
		{
			printf '# written by scripts/bench.sh\n[study]\n'
			printf 'title = alpr-eval bench, %s million reads (%s)\n' "$n" "$file"
			printf 'start = %s-01-01\nend = %s-12-31\ntimezone = %s\n' "$year" "$year" "$tz"
			printf 'seed = 20251231\nmin_cell = 0\noutput = %s\n' "$out"
			printf '\n[reads]\npath = %s\n\n[hits]\npath = hits.csv\n\n[cameras]\npath = cameras.csv\n' "$file"
			if [ -s "$dir/neighborhoods.csv" ]; then
				printf '\n[neighborhoods]\npath = neighborhoods.csv\n'
			fi
		} >"$dir/study-$kind.ini"
		rm -f -- "$work/times-$label-alpr" "$work/times-$label-duck" "$work/figures-$label.csv"
		labels+=("$label")
	done
done

# ---- runs -------------------------------------------------------------------------------------
declare -A duck_failed=()
for label in "${labels[@]}"; do
	n=${label%%m-*}
	kind=${label##*-}
	dir=$work/${n}m
	file=reads.csv
	[ "$kind" = gz ] && file=reads.csv.gz
	year=$(ini_get "$dir/planted.ini" year)
	tz=$(ini_get "$dir/planted.ini" timezone)
	cat -- "$dir/$file" "$dir/hits.csv" "$dir/cameras.csv" >/dev/null # into the page cache
	for ((r = 1; r <= runs; r++)); do
		if ! measure "$work/times-$label-alpr" "$work/log-$label-alpr" \
			build/alpr-eval -q run "$dir/study-$kind.ini"; then
			tail -n 20 "$work/log-$label-alpr" >&2
			die "alpr-eval failed on $dir/study-$kind.ini (log: $work/log-$label-alpr)"
		fi
		msg="alpr-eval $(tail -n 1 "$work/times-$label-alpr" | cut -d' ' -f1) s"
		if [ -z "$duck_skip" ] && [ -z "${duck_failed[$label]:-}" ]; then
			if ALPR_BENCH_FIGURES=$work/figures-$label.csv measure "$work/times-$label-duck" \
				"$work/log-$label-duck" node scripts/bench_duckdb.mjs \
				"$dir/$file" "$dir/hits.csv" "$dir/cameras.csv" "$year-01-01" "$year-12-31" "$tz"; then
				msg="$msg, DuckDB $(tail -n 1 "$work/times-$label-duck" | cut -d' ' -f1) s"
			else
				duck_failed[$label]=1
				tail -n 20 "$work/log-$label-duck" >&2
				note "DuckDB failed on $label (log: $work/log-$label-duck); no more DuckDB runs on it"
			fi
		fi
		note "$label run $r/$runs: $msg"
	done
done

# ---- table ------------------------------------------------------------------------------------
result=$work/results.txt
{
	printf '\nalpr-eval bench, %s: %s cores (nproc), %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" \
		"$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)"
	printf '%s; %s\n' "$(build/alpr-eval --version 2>&1 | head -n 1)" "$duck_version"
	printf 'medians of %s run(s) each, run alternately; input files in the page cache\n\n' "$runs"
	row() { printf '%-12s %10s %7s | %7s %7s %7s %7s | %7s %7s %7s %7s | %7s %7s\n' "$@"; }
	printf '%-31s | %-31s | %-31s | %s\n' "" "alpr-eval" "DuckDB" "DuckDB/alpr"
	row input rows MB "wall s" "CPU s" "RSS MB" "MB/s" "wall s" "CPU s" "RSS MB" "MB/s" wall RSS
	for label in "${labels[@]}"; do
		n=${label%%m-*}
		kind=${label##*-}
		dir=$work/${n}m
		file=reads.csv
		[ "$kind" = gz ] && file=reads.csv.gz
		rows=$(ini_get "$dir/planted.ini" reads_total)
		mb=$(stat -c %s -- "$dir/$file" | awk '{ printf "%.1f", $1 / 1e6 }')
		csv_mb=$(stat -c %s -- "$dir/reads.csv" | awk '{ print $1 / 1e6 }')
		read -r aw ac am <<<"$(stats "$work/times-$label-alpr")"
		a=$(awk -v w="$aw" -v c="$ac" -v m="$am" -v s="$csv_mb" \
			'BEGIN { printf "%.2f %.2f %.0f %.0f", w, c, m, (w > 0 ? s / w : 0) }')
		if [ -s "$work/times-$label-duck" ] && [ -z "${duck_failed[$label]:-}" ]; then
			read -r dw dc dm <<<"$(stats "$work/times-$label-duck")"
			d=$(awk -v w="$dw" -v c="$dc" -v m="$dm" -v s="$csv_mb" -v aw="$aw" -v am="$am" \
				'BEGIN { printf "%.2f %.2f %.0f %.0f %.2fx %.2fx", w, c, m, (w > 0 ? s / w : 0),
					(aw > 0 ? w / aw : 0), (am > 0 ? m / am : 0) }')
		else
			d="- - - - - -"
		fi
		read -r -a acol <<<"$a"
		read -r -a dcol <<<"$d"
		row "${n}M ${file#reads.}" "$rows" "$mb" "${acol[@]}" "${dcol[@]}"
	done
	printf '\nMB = 10^6 bytes; MB/s = size of the uncompressed CSV / wall s (for gzip input too);\n'
	printf 'CPU s = user + sys; RSS = peak resident set (/usr/bin/time %%M); DuckDB/alpr = DuckDB / alpr-eval.\n'
	printf 'alpr-eval: the whole study (every metric, report with charts); DuckDB: the alert subset\n'
	printf '(reads, distinct vehicles, hits, hit rate by camera / neighbourhood / month), node included.\n'
	if [ -n "$duck_skip" ]; then
		printf 'DuckDB skipped: %s\n' "$duck_skip"
	fi
	# DuckDB's figures against alpr-eval's metrics.csv (the last run of each): information only
	for label in "${labels[@]}"; do
		fig=$work/figures-$label.csv
		metrics=$work/out/$label/metrics.csv
		if [ ! -s "$fig" ] || [ ! -s "$metrics" ] || [ -n "${duck_failed[$label]:-}" ]; then continue; fi
		awk -F, -v label="$label" '
			FNR == NR { if (FNR > 1) est[$1 "," $2 "," $3] = $4; next }
			{ k = $1 "," $2 "," $3; n++
			  if (!(k in est)) { bad++; if (bad <= 3) msg = msg sprintf(" %s: alpr-eval has no row;", k) }
			  else { a = est[k] + 0; d = $4 + 0; tol = 1e-9 * (a < 0 ? -a : a)
			         if (a - d > tol || d - a > tol) { bad++; if (bad <= 3) msg = msg sprintf(" %s: %s vs %s;", k, est[k], $4) } } }
			END { if (bad) printf "figures %s: %d of %d DuckDB values differ from metrics.csv:%s\n", label, bad, n, msg
			      else printf "figures %s: DuckDB and alpr-eval agree on all %d values compared\n", label, n }' \
			"$metrics" "$fig"
	done
} | tee "$result"
note "table saved in $result"
