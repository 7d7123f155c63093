#!/usr/bin/env bash
# Sets alpr-eval up on a Debian machine and runs the sample study.
#   scripts/setup.sh            install what is missing (as root), build, run the sample study
#   scripts/setup.sh --deps     only install what is missing
# Not root and something missing: prints the exact command to run, exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium prints report.pdf (and handout.pdf) from the briefing's HTML, in the
# DejaVu fonts; without it a run still writes everything else and says why.
PKGS="gcc make pkg-config tzdata libgsl-dev libcsv-dev libcmocka-dev zlib1g-dev libinih-dev libjansson-dev libsodium-dev libssl-dev gnuplot-nox fonts-dejavu-core chromium"

# make test's independent references are Python with Debian's numeric packages
# (tests/reference/, run with /usr/bin/python3)
TEST_PKGS="python3-numpy python3-scipy python3-pandas python3-statsmodels python3-mpmath"
PKGS="$PKGS $TEST_PKGS"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "setup: installing:$missing" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >&2
	else
		echo "setup: missing Debian packages:$missing" >&2
		echo "setup: run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
		echo "setup: then run scripts/setup.sh again" >&2
		exit 1
	fi
fi
[ "${1:-}" = "--deps" ] && exit 0

make -s all >&2
out=$(build/alpr-eval run analysis/sample-city.ini)
echo "setup: sample study written to $out/ (metrics.csv, charts, manifest.json, report.pdf; the briefing below)" >&2
echo "$out/report.html"
