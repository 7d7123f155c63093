#!/usr/bin/env bash
# Formats the C sources with clang-format, using .clang-format (and scripts/.clang-format).
#   scripts/format.sh           format src/ tests/ scripts/ (*.c, *.h) in place
#   scripts/format.sh --check   change nothing. List the files that would change and exit 1 if
#                               there are any (clang-format --dry-run -Werror)
# Left alone: tests/fuzz/corpus/ (fuzzer inputs) and tests/reference/intervals_ref.h, which
# tests/reference/intervals.py generates ("do not edit by hand"). The style was tuned for
# clang-format 14 (Debian 12: apt-get install clang-format). CLANG_FORMAT=/path/to/binary picks
# another binary.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,9s/^# \{0,1\}//p' "$0"; }

check=0
case "${1:-}" in
"") ;;
--check) check=1 ;;
-h | --help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac
[ $# -le 1 ] || { usage >&2; exit 2; }

CF=${CLANG_FORMAT:-clang-format}
if ! command -v "$CF" >/dev/null 2>&1; then
	echo "format.sh: $CF not found; on Debian: apt-get install clang-format" >&2
	exit 2
fi
ver=$("$CF" --version | sed -n 's/.*version \([0-9][0-9]*\)\..*/\1/p')
if [ "$ver" != 14 ]; then
	echo "format.sh: warning: $CF is version ${ver:-unknown}; .clang-format was tuned for" \
		"clang-format 14, and other versions may lay some lines out differently" >&2
fi

# Every *.c and *.h under src/ tests/ scripts/, except these paths.
EXCLUDE=(tests/fuzz/corpus tests/reference/intervals_ref.h)
prune=()
for p in "${EXCLUDE[@]}"; do prune+=(-path "$p" -o); done
mapfile -t files < <(find src tests scripts \( "${prune[@]}" -false \) -prune -o \
	-type f \( -name '*.c' -o -name '*.h' \) -print | LC_ALL=C sort)
if [ ${#files[@]} -eq 0 ]; then
	echo "format.sh: no C files found" >&2
	exit 2
fi

if [ $check -eq 0 ]; then
	before=$(md5sum "${files[@]}")
	"$CF" -i --style=file "${files[@]}"
	changed=$(diff <(echo "$before") <(md5sum "${files[@]}") | grep -c '^>' || true)
	echo "format.sh: $changed of ${#files[@]} files changed" >&2
	exit 0
fi

# One clang-format run over all files; each difference is reported as
# "FILE:LINE:COL: error: code should be clang-formatted [-Wclang-format-violations]".
rc=0
out=$("$CF" --dry-run -Werror --style=file "${files[@]}" 2>&1) || rc=$?
bad=$(sed -n 's/^\(.*\):[0-9][0-9]*:[0-9][0-9]*: error: code should be clang-formatted.*/\1/p' <<<"$out" | uniq)
if [ $rc -ne 0 ] && [ -z "$bad" ]; then
	# not a formatting difference: a bad config, an unreadable file...
	head -n 20 <<<"$out" >&2
	echo "format.sh: clang-format failed (exit $rc)" >&2
	exit 2
fi
if [ -n "$bad" ]; then
	echo "$bad"
	echo "format.sh: $(wc -l <<<"$bad") of ${#files[@]} files are not formatted; run scripts/format.sh" >&2
	exit 1
fi
echo "format.sh: all ${#files[@]} files formatted" >&2
