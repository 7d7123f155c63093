#!/usr/bin/env bash
# Used by test_shard.c: the sharding recipes against one run, on a generated
# city of 60,000 reads (made once per WORK folder, with the one run's report).
#   tests/shard_case.sh BIN GEN_CITY WORK CASE
# CASE:
#   cut       scripts/shard.sh --cut-only on a log with quoted fields that hold
#             line breaks and '""': every shard is whole records (Python's csv
#             module reads each), and the shards' bodies after one header are
#             the log, byte for byte
#   parallel  scripts/shard.sh, 4 shards through GNU parallel (-j 2), merged
#   gzip      the same from the log gzipped (--reads LOG.gz), 3 shards
#   ssh       the same over a stand-in for ssh (GNU parallel's --sshlogin,
#             --transferfile, --return, --cleanup; the files copied by rsync)
#   slurm     scripts/slurm-partials.sbatch: shards cut with --cut-only, each
#             array task run here with SLURM_ARRAY_TASK_ID set, then its merge
#   fail      a partial that fails (the third shard's): shard.sh exits 1 and
#             writes no report; an array of the wrong size is refused
# For parallel, gzip, ssh and slurm the merged folder must hold the one run's
# files, each equal byte for byte but manifest.json, report.html and
# report.md (they describe the read log as shards: doc/partials.md).
# Prints one line per check; exit 0 when all hold, 1 otherwise, 77 (SKIP)
# without GNU parallel (or, for ssh, rsync).
set -u
cd "$(dirname "$0")/.." || exit 1
bin=$(realpath "$1") gen=$(realpath "$2") work=$3 case=$4
export ALPR_EVAL_CHROMIUM=none
fail() {
	echo "SHARD $case: $*"
	exit 1
}

if [ "$case" != cut ] && [ "$case" != slurm ] && ! command -v parallel >/dev/null 2>&1; then
	echo "SKIP no GNU parallel on the PATH (Debian's parallel; .ci/run installs it)"
	exit 77
fi
mkdir -p "$work" && work=$(realpath "$work")

# the generated city, its study (the sample city's, on these files; rejects
# allowed up to half, as a 60,000-read city has few hits), and one run
if [ ! -f "$work/one/metrics.csv" ]; then
	rm -rf "$work/city" "$work/one"
	"$gen" --out "$work/city" --reads 60000 --plain >/dev/null 2>&1 || fail "gen-city failed"
	sed -E -e "s|^(path\|boundaries) = .*/([^/]+)\$|\1 = $work/city/\2|" -e "s|/reads\.csv\.gz\$|/reads.csv|" \
		-e "s|^max_reject_share = .*|max_reject_share = 0.5|" analysis/sample-city.ini >"$work/study.ini"
	"$bin" -q run -o "$work/one.tmp" "$work/study.ini" >/dev/null 2>"$work/one.err" ||
		fail "one run failed: $(head -n 3 "$work/one.err")"
	mv "$work/one.tmp" "$work/one"
fi

# every file of one/ in $1, byte for byte (the manifest but for its output line)
same_as_one() {
	local got=$1 f n=0
	[ -d "$got" ] || fail "no report folder $got"
	[ "$(cd "$work/one" && ls -A)" = "$(cd "$got" && ls -A)" ] ||
		fail "$got holds other files than one run's: $(diff <(cd "$work/one" && ls -A) <(cd "$got" && ls -A) | tr '\n' ' ')"
	# the study's read log is there and is the shards': the merge checked
	# it, so all is one run's, the manifest too but for its output folder
	for f in "$work"/one/*; do
		f=$(basename "$f")
		if [ "$f" = manifest.json ]; then
			cmp -s <(grep -v '^  "output": ' "$work/one/$f") <(grep -v '^  "output": ' "$got/$f") ||
				fail "manifest.json differs from one run's (but for output): $(diff <(grep -v '^  "output": ' "$work/one/$f") <(grep -v '^  "output": ' "$got/$f") | head -n 8 | tr '\n' ' ')"
		else
			cmp -s "$work/one/$f" "$got/$f" || fail "$f differs from one run's"
		fi
		n=$((n + 1))
	done
	[ "$(wc -l <"$got/rejects.csv")" -gt 1 ] || fail "no rejects to compare"
	ls "$got"/chart-*.svg >/dev/null 2>&1 || fail "no charts to compare"
	echo "SHARD $case ok: $n files equal to one run's, the manifest but for its output line"
}

case $case in
cut)
	d=$work/cut
	rm -rf "$d" && mkdir -p "$d"
	# 40 records of 1 to 3 lines: a quoted field with a line break, '""' inside
	/usr/bin/python3 - "$d/log.csv" <<'EOF' || fail "python3 could not write the log"
import csv, sys
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "note", "camera"])
    for i in range(40):
        note = {0: "plain", 1: 'a "quoted" word', 2: "two\nlines", 3: 'x\n"y"\nz'}[i % 4]
        w.writerow([f"R{i}", note, f"C{i % 3}"])
EOF
	printf '[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = UTC\n[reads]\npath = log.csv\n' >"$d/s.ini"
	scripts/shard.sh -q --cut-only -n 7 -d "$d/w" "$d/s.ini" || fail "shard.sh --cut-only failed"
	/usr/bin/python3 - "$d/log.csv" "$d"/w/shard-*.csv <<'EOF' || fail "the shards are not the log cut at records"
import csv, sys
log, shards = sys.argv[1], sys.argv[2:]
whole = open(log, "rb").read()
head, recs = whole.split(b"\n", 1)[0], list(csv.reader(open(log, newline="")))[1:]
body, got = b"", []
for s in shards:
    b = open(s, "rb").read()
    h, rest = b.split(b"\n", 1)
    assert h == head, f"{s}: header {h!r}"
    r = list(csv.reader(open(s, newline="")))
    assert all(len(x) == 3 for x in r), f"{s}: a record cut in two"
    got += r[1:]
    body += rest
assert head + b"\n" + body == whole, "the shards' bodies are not the log"
assert got == recs, "records differ"
assert 5 <= len(shards) <= 7, f"{len(shards)} shards"
print(f"SHARD cut ok: {len(shards)} shards of {len(recs)} records, whole records, the log byte for byte")
EOF
	;;
parallel)
	rm -rf "$work/p4" "$work/merged-p4"
	out=$(scripts/shard.sh -q --bin "$bin" -n 4 -j 2 -d "$work/p4" -o "$work/merged-p4" "$work/study.ini" 2>"$work/p4.err") ||
		fail "shard.sh failed: $(head -n 5 "$work/p4.err")"
	[ "$out" = "$work/merged-p4" ] || fail "shard.sh printed '$out', not the report folder"
	[ "$(ls "$work"/p4/shard-*.part | wc -l)" -eq 4 ] || fail "not 4 partials"
	same_as_one "$work/merged-p4"
	;;
gzip)
	rm -rf "$work/gz" "$work/merged-gz"
	gzip -c "$work/city/reads.csv" >"$work/reads.csv.gz"
	scripts/shard.sh -q --bin "$bin" --reads "$work/reads.csv.gz" -n 3 -j 2 -d "$work/gz" -o "$work/merged-gz" \
		"$work/study.ini" >/dev/null 2>"$work/gz.err" || fail "shard.sh failed: $(head -n 5 "$work/gz.err")"
	[ "$(ls "$work"/gz/shard-*.csv | wc -l)" -eq 3 ] || fail "not 3 shards"
	same_as_one "$work/merged-gz"
	;;
ssh)
	# the ssh recipe on one machine: a stand-in for ssh runs each command here,
	# in another home folder; the shards go out and the partials come back by
	# rsync (as GNU parallel does it), --cleanup removes them there
	command -v rsync >/dev/null 2>&1 || {
		echo "SKIP no rsync on the PATH (GNU parallel copies files with it; .ci/run installs it)"
		exit 77
	}
	rm -rf "$work/ssh" "$work/merged-ssh" "$work/host" && mkdir -p "$work/host"
	cat >"$work/fake-ssh" <<FAKE
#!/usr/bin/env bash
# ssh [options] HOST COMMAND...: COMMAND run in $work/host, on this machine
while [ \$# -gt 0 ]; do
	case \$1 in
	-l | -o | -p | -i | -S | -F) shift 2 ;;
	-*) shift ;;
	*) shift; break ;;
	esac
done
[ "\${1:-}" = -- ] && shift
cd "$work/host" && HOME="$work/host" exec bash -c "\$*"
FAKE
	chmod +x "$work/fake-ssh"
	scripts/shard.sh -q --bin "$bin" -n 3 -d "$work/ssh" -o "$work/merged-ssh" "$work/study.ini" -- \
		--ssh "$work/fake-ssh" --sshlogin 2/node1 --transferfile "{}" --return "{.}.part" --cleanup \
		>/dev/null 2>"$work/ssh.err" || fail "shard.sh over the stand-in ssh failed: $(head -n 5 "$work/ssh.err")"
	[ -z "$(ls -A "$work/host")" ] || fail "--cleanup left $(ls -A "$work/host" | tr '\n' ' ')on the host"
	[ "$(grep -c node1 "$work/ssh/joblog")" -eq 3 ] || fail "the jobs did not run on node1: $(cat "$work/ssh/joblog")"
	same_as_one "$work/merged-ssh"
	;;
slurm)
	rm -rf "$work/sl" "$work/merged-sl"
	scripts/shard.sh -q --cut-only -n 5 -d "$work/sl" "$work/study.ini" || fail "shard.sh --cut-only failed"
	for i in 0 1 2 3 4; do
		SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=5 STUDY=$work/study.ini WORK=$work/sl ALPR_EVAL=$bin \
			bash scripts/slurm-partials.sbatch 2>"$work/sl.err" || fail "task $i failed: $(head -n 3 "$work/sl.err")"
	done
	STUDY=$work/study.ini WORK=$work/sl ALPR_EVAL=$bin OUT=$work/merged-sl \
		bash scripts/slurm-partials.sbatch merge >/dev/null 2>"$work/sl.err" ||
		fail "the merge failed: $(head -n 3 "$work/sl.err")"
	same_as_one "$work/merged-sl"
	;;
fail)
	rm -rf "$work/f" "$work/merged-f"
	# an alpr-eval that fails on the third shard only
	printf '#!/bin/sh\ncase "$*" in *shard-002.csv*) echo "wrapper: failing on purpose" >&2; exit 3 ;; esac\nexec %s "$@"\n' \
		"$bin" >"$work/failing"
	chmod +x "$work/failing"
	scripts/shard.sh -q --bin "$work/failing" -n 4 -j 2 -d "$work/f" -o "$work/merged-f" "$work/study.ini" \
		>/dev/null 2>"$work/f.err"
	rc=$?
	[ "$rc" -eq 1 ] || fail "shard.sh exited $rc with a failing partial, not 1"
	grep -q "a partial failed" "$work/f.err" || fail "no message: $(cat "$work/f.err")"
	[ ! -e "$work/merged-f" ] || fail "a report was written after a failed partial"
	echo "SHARD fail ok: a failed partial stops the recipe (exit 1, no report)"
	rm -rf "$work/sl2"
	scripts/shard.sh -q --cut-only -n 3 -d "$work/sl2" "$work/study.ini" || fail "--cut-only failed"
	SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=4 STUDY=$work/study.ini WORK=$work/sl2 ALPR_EVAL=$bin \
		bash scripts/slurm-partials.sbatch 2>"$work/sl2.err" && fail "an array of 4 tasks over 3 shards ran"
	grep -q -- "--array=0-2" "$work/sl2.err" || fail "no fix said: $(cat "$work/sl2.err")"
	SLURM_ARRAY_TASK_ID=0 STUDY=$work/study.ini WORK=$work/sl2 ALPR_EVAL=$bin \
		bash scripts/slurm-partials.sbatch merge >/dev/null 2>"$work/sl2.err" && fail "a merge without partials ran"
	grep -q "no partial of" "$work/sl2.err" || fail "no message: $(cat "$work/sl2.err")"
	echo "SHARD fail ok: an array of the wrong size and a merge with a partial missing are refused"
	;;
*)
	fail "unknown case (cut, parallel, gzip, ssh, slurm, fail)"
	;;
esac
exit 0
