#!/usr/bin/env bash
# Renders a briefing page in headless Chromium and prints one verdict line
# about its key findings (tests/test_pdf.c):
#   tests/render_case.sh PAGE.html
#   RENDER ok key=TOP,HEIGHT figure=TOP       #key-findings is visible and above the first <figure>
#   RENDER no-key-findings | key-findings-hidden | key-findings-below-figure | no-figure ...
#   SKIP <why>                                 no chromium on this machine (exit 77)
# A copy of the page gets a script that measures both elements once the page
# (images and all) has loaded, at a 1280x900 window, and writes the verdict
# into document.title; --dump-dom prints the DOM after the load event.
set -euo pipefail
page=$1
bin=${RENDER_CHROMIUM:-chromium}
if ! command -v "$bin" >/dev/null 2>&1; then
	echo "SKIP no $bin on the PATH (Debian's chromium; scripts/setup.sh installs it)"
	exit 77
fi
dir=$(cd "$(dirname "$page")" && pwd)
tmp=$(mktemp -d /tmp/ae-render-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# <base> keeps the page's relative links (images) pointing at its own folder
probe='<script>
addEventListener("load", function () {
  var k = document.getElementById("key-findings"), f = document.querySelector("figure"), v;
  if (!k) v = "no-key-findings";
  else {
    var a = k.getBoundingClientRect(), s = getComputedStyle(k);
    if (a.width <= 0 || a.height <= 0 || s.visibility === "hidden" || s.display === "none" || +s.opacity === 0)
      v = "key-findings-hidden";
    else if (!f) v = "no-figure";
    else {
      var b = f.getBoundingClientRect();
      v = (a.top < b.top ? "ok" : "key-findings-below-figure") + " key=" + Math.round(a.top) + "," +
          Math.round(a.height) + " figure=" + Math.round(b.top);
    }
  }
  document.title = "RENDER " + v;
});
</script>'
awk -v base="<base href=\"file://$dir/\">" -v probe="$probe" '
	!based && /<head[^>]*>/ { sub(/<head[^>]*>/, "&" base); based = 1 }
	/<\/body>/ && !probed { sub(/<\/body>/, probe "</body>"); probed = 1 }
	{ print }
	END { if (!probed) print probe }' "$page" >"$tmp/page.html"
mkdir "$tmp/profile"
dom=$("$bin" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$tmp/profile" --window-size=1280,900 \
	--dump-dom "file://$tmp/page.html" 2>/dev/null) || {
	echo "RENDER chromium-failed"
	exit 1
}
verdict=$(printf '%s\n' "$dom" | sed -n 's:.*<title>\(RENDER [^<]*\)</title>.*:\1:p' | head -n 1)
echo "${verdict:-RENDER no-verdict (the probe did not run)}"
