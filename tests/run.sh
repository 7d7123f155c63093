#!/usr/bin/env bash
# Runs each cmocka test binary and the shell checks, then prints one
# closing line "N passed, N failed" (tests, summed over binaries); skipped
# tests (no chromium, say) are counted on a line of their own just before it.
set -u
cd "$(dirname "$0")/.."
passed=0 failed=0 skipped=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	s=$(printf '%s\n' "$out" | sed -n 's/.*\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	passed=$((passed + ${p:-0}))
	skipped=$((skipped + ${s:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "$t: exited $rc without a cmocka summary (crash or sanitizer report)"
		failed=$((failed + 1))
	fi
done
[ "$skipped" -eq 0 ] || echo "${skipped} skipped (each marked SKIPPED above, with the reason)"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
