"""Benchmark of `nianbao publish`'s own work: the web fragment and page of 1,000 reports, and the PDFs
of 50 reports converted in one LibreOffice start.

Run: python bench/publish.py [--html 1000] [--pdf 50] [--batches 3]. Prints figures; asserts nothing.
Anchors in the same run: rendering the DOCX of the same reports, and one LibreOffice start for one report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from generator import pdf
from generator.document import render_docx
from generator.publish import web_renderings
from generator.service import load_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("seed-2019.xlsx", "example-2021.xlsx")


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def figures(label: str, seconds: list[float], unit: str = "ms", scale: float = 1000) -> None:
    print(f"{label:<44} median {statistics.median(seconds) * scale:8.2f} {unit}   "
          f"min–max {min(seconds) * scale:.2f}–{max(seconds) * scale:.2f} {unit}   (n={len(seconds)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=int, default=1000, help="reports rendered as fragment and page")
    parser.add_argument("--pdf", type=int, default=50, help="reports converted in one LibreOffice start")
    parser.add_argument("--batches", type=int, default=3, help="PDF batches to time")
    args = parser.parse_args()
    reports = [load_report(ROOT / "inputs" / name) for name in EXAMPLES]
    render_docx(reports[0]), render_docx(reports[1])  # compile the templates once, as a batch does

    html = [timed(lambda r=reports[i % 2]: web_renderings(r)) for i in range(args.html)]
    docx = [timed(lambda r=reports[i % 2]: render_docx(r)) for i in range(args.html)]
    print(f"HTML of {args.html} reports (the two examples in turn), one core:")
    figures("  fragment + page (as written), per report", html)
    figures("  anchor: DOCX render, per report", docx)
    print(f"  total {sum(html):.2f} s for the HTML, {sum(docx):.2f} s for the DOCX")

    if pdf.find_soffice() is None:
        print("PDF: LibreOffice is not installed; skipped")
        return
    documents = [render_docx(reports[i % 2]).data for i in range(args.pdf)]
    one = timed(lambda: pdf.convert(documents[:1]))
    batches = []
    for _ in range(args.batches):
        started = time.perf_counter()
        converted = pdf.convert(documents)
        batches.append(time.perf_counter() - started)
        if len(converted.pdfs) != args.pdf:
            print(f"  only {len(converted.pdfs)} of {args.pdf} PDFs were made: {converted.failures}")
    print(f"PDF/A of {args.pdf} reports in one LibreOffice start, {args.batches} batches:")
    figures("  per report (batch time / reports)", [b / args.pdf for b in batches], "s", 1)
    figures("  whole batch", batches, "s", 1)
    figures("  marginal per report ((batch − one) / (n − 1))",
            [(b - one) / max(args.pdf - 1, 1) for b in batches], "s", 1)
    print(f"  anchor: one report in its own LibreOffice start {one:.2f} s")


if __name__ == "__main__":
    main()
