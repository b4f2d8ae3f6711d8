#!/usr/bin/env bash
# Render the 2021 example report with LibreOffice and keep the page with table 三 as docs/preview.png.
# Needs soffice and poppler-utils (pdftoppm, pdftotext). Fonts: on Linux the official Chinese faces
# are absent; tests/fonts.conf maps them to installed stand-ins (FONTCONFIG_FILE overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FONTCONFIG_FILE="${FONTCONFIG_FILE:-$PWD/tests/fonts.conf}"

python -m generator generate inputs/example-2021.xlsx -o "$work/example.docx" --allow-errors >/dev/null
HOME="$work" soffice --headless --convert-to pdf --outdir "$work" "$work/example.docx" >/dev/null
pages=$(pdfinfo "$work/example.pdf" | awk '/^Pages:/ {print $2}')
page=1
for ((p = 1; p <= pages; p++)); do
    # The section heading, not the preamble that names the section.
    if pdftotext -f "$p" -l "$p" "$work/example.pdf" - | grep -q "三、收到和处理政府信息公开申请情况"; then
        page=$p
        break
    fi
done
pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$work/example.pdf" docs/preview
echo "docs/preview.png: page $page of $pages"
