#!/usr/bin/env bash
# Show the 2021 example's web page (nianbao publish) as a phone (390 px) and a desktop browser
# (1100 px) show it, both at table 三, side by side in docs/publish.png. Needs chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp inputs/example-2021.xlsx "$work/example.xlsx"
python -m generator publish "$work/example.xlsx" -o "$work/out" >/dev/null 2>&1 || true
page=$(find "$work/out" -name '*.html' ! -name '*（*' | head -1)
cp "$page" "$work/page.html"
cat > "$work/both.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 20px; background: #d9dde3; display: flex; gap: 30px; align-items: flex-start; }
iframe { border: 1px solid #888; background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
</style></head><body>
<iframe src="page.html" width="390" height="844"></iframe>
<iframe src="page.html" width="1100" height="844"></iframe>
<script>
for (const frame of document.querySelectorAll("iframe")) {
  frame.onload = () => {  // scroll each to the heading of part 三
    const heading = [...frame.contentDocument.querySelectorAll("h2")][2];
    frame.contentWindow.scrollTo(0, heading.offsetTop - 12);
  };
}
</script></body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --allow-file-access-from-files \
    --user-data-dir="$work/profile" --virtual-time-budget=10000 --window-size=1580,886 \
    --screenshot="$PWD/docs/publish.png" "$work/both.html" 2>/dev/null
echo "docs/publish.png"
