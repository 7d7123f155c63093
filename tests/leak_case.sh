#!/usr/bin/env bash
# Used by test_cli.c: plates carrying a recognisable marker go through every
# input and every error path (accepted reads, rejected reads of each kind,
# hits linked by plate, hits that link to nothing, bad labels, a cut-off
# quoted plate); the marker must appear in no output file and no message.
#   tests/leak_case.sh BIN WORKDIR
set -u
bin=$(realpath "$1"); work=$2
mkdir -p "$work" && cd "$work" || exit 1
M=QXMARKQX
cat > reads.csv <<CSV
read_id,timestamp,camera_id,plate,plate_state
r1,2025-05-01T12:00:00Z,C1,${M}01,TX
r2,2025-05-01T12:05:00Z,C1,${M}-02,
r3,2025-13-01T12:00:00Z,C1,${M}03,TX
r4,2025-05-01T12:00:00Z,C1,${M}04
r5,2025-03-09 02:30:00,C1,${M}05,TX
r6,2025-05-01T12:00:00Z,C1,${M}06,TX,extra
r7,2024-06-01T12:00:00Z,C1,${M}07,TX
r8,2025-05-01T12:00:00Z,C1,"${M}08
CSV
cat > hits.csv <<CSV
hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition
h1,,2025-05-01T12:05:00Z,C1,${M}02,manual,confirmed
h2,,2025-05-01T12:09:00Z,C1,${M}09,manual,confirmed
h3,,2025-05-01T12:00:00Z,C1,${M}01,${M}_list,confirmed
h4,,bad-time,C1,${M}01,manual,confirmed
CSV
printf '[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\nseed = 1\nmax_reject_share = 1\n[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n' > s.ini
sed 's/max_reject_share = 1/max_reject_share = 0.01/' s.ini > strict.ini
: > all.txt
ALPR_EVAL_CHROMIUM=none "$bin" run --output out s.ini >> all.txt 2>&1 || { echo "run failed" >&2; cat all.txt >&2; exit 1; }
"$bin" validate s.ini >> all.txt 2>&1
"$bin" run --output strict-out strict.ini >> all.txt 2>&1
n=$(ls out | wc -l)
[ "$n" -ge 8 ] || { echo "only $n output files" >&2; exit 1; }
# the audit log: marked users, queries and reasons, accepted and rejected, beside the read log
cat > searches.csv <<CSV
search_id,timestamp,user,organization,reason,case_number,query,window_start
s1,2025-05-01T12:00:00Z,${M}U1,Oakland PD (CA),${M}R1 stolen car,,${M}Q1,2025-04-01T00:00:00Z
s2,2025-05-02T12:00:00Z,${M}U2,Oakland PD (CA),${M}R2,25-01,${M}Q2,
s3,bad-time,${M}U3,Oakland PD (CA),${M}R3,,${M}Q3,
s4,2025-05-03T12:00:00Z,${M}U4,Oakland PD (CA),${M}R4,,${M}Q4,2025-06-01T00:00:00Z
s5,2025-05-03T12:00:00Z,${M}U5,Oakland PD (CA),${M}R5,,"${M}Q5
CSV
printf '[searches]\npath = searches.csv\n' | cat s.ini - > g.ini
ALPR_EVAL_CHROMIUM=none "$bin" run --output out-g g.ini >> all.txt 2>&1 || { echo "run g failed" >&2; cat all.txt >&2; exit 1; }
"$bin" validate g.ini >> all.txt 2>&1
grep -q '^searches,all,all,' out-g/metrics.csv || { echo "no searches row" >&2; exit 1; }
if cat out-g/* all.txt | tr '[:lower:]' '[:upper:]' | grep -a -E "${M}[URQ][0-9]" >/dev/null; then
	echo "a marked user, query or reason leaked:" >&2
	grep -a -l -E "${M}[URQ][0-9]" out-g/* all.txt >&2
	exit 1
fi
# the marker in a hotlist label is a label, not a plate: it may be echoed; plates may not
if cat out/* all.txt | tr '[:lower:]' '[:upper:]' | grep -a -E "${M}0[0-9]" >/dev/null; then
	echo "a marked plate leaked:" >&2
	grep -a -l -E "${M}0[0-9]" out/* all.txt >&2
	exit 1
fi
exit 0
