#!/bin/sh
# embed.sh NAME FILE: FILE's bytes as a C array NAME (with a NUL after them)
# and its length NAME_len, on stdout. The Makefile compiles the shipped
# organization rules and peers table into the program with it, so that a run finds them from
# any folder. od and sed only: nothing a fresh machine lacks.
set -eu
name=$1 file=$2
printf '/* %s, made by scripts/embed.sh from %s: do not edit */\n#include <stddef.h>\n' "$name" "$file"
printf 'const unsigned char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0};\nconst size_t %s_len = %s;\n' "$name" "$(wc -c <"$file" | tr -d ' ')"
