"""Benchmark of reading published reports: time per DOCX, web page and PDF, in one process (the
program already loaded, as in a batch), with anchors measured in the same run: reading the same
report from its workbook, and pdfplumber alone finding the PDF's tables.

Run: python bench/import.py [--repeat 7]. Prints medians with min–max; asserts nothing.
Targets: under 0.1 s a DOCX or web page, under 1 s a PDF.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import line, timed

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
REAL = ROOT.parent / "shared" / "real"


def warm_timed(work: Callable[[], object], repeat: int) -> list[float]:
    """Seconds of `repeat` runs after one warm-up run: the first fills caches (label comparisons,
    imports), which a batch pays once."""
    work()
    return timed(work, repeat)


def show(label: str, seconds: list[float], target: str = "") -> None:
    print(line(label, seconds, note=target))


def make_pdfs(work: Path, docs: dict[str, Path]) -> dict[str, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return {}
    env = {**os.environ, "HOME": str(work / "profile")}
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), *map(str, docs.values())],
                   check=True, capture_output=True, timeout=300, env=env)
    return {name: path.with_suffix(".pdf") for name, path in docs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each file")
    args = parser.parse_args()
    import pdfplumber

    from generator.document import render_docx
    from generator.importers import import_report
    from generator.workbook import read_workbook

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = {}
        for name in ("seed-2019", "example-2021"):
            docs[name] = work / f"{name}.docx"
            docs[name].write_bytes(render_docx(read_workbook(INPUTS / f"{name}.xlsx")).data)
        pdfs = make_pdfs(work, docs)
        print(f"{args.repeat} timed runs each, after one warm-up run; {os.cpu_count()} cores\n")
        for name in docs:
            show(f"anchor: workbook {name}.xlsx", warm_timed(lambda n=name: read_workbook(INPUTS / f"{n}.xlsx"),
                                                          args.repeat))
        for name, path in docs.items():
            show(f"DOCX  {name} (nianbao's own)", warm_timed(lambda p=path: import_report(p), args.repeat),
                 "target < 100 ms")
        from generator.publish import PAGE, web_renderings

        for name in docs:
            own = work / f"{name}.html"
            own.write_bytes(web_renderings(read_workbook(INPUTS / f"{name}.xlsx"))[PAGE])
            show(f"HTML  {name} (nianbao's own page)", warm_timed(lambda p=own: import_report(p), args.repeat),
                 "target < 100 ms")
        page = REAL / "2022-平潭综合实验区-page.html"
        if page.exists():
            show("HTML  平潭 2022, whole CMS page (255 KB)", warm_timed(lambda: import_report(page), args.repeat),
                 "target < 100 ms")
        real_pdf = REAL / "2024-淮安市人民政府.pdf"
        for label, path in [*((f"{n} (LibreOffice)", p) for n, p in pdfs.items()),
                            *((("淮安 2024, 6 pages (WPS)", real_pdf),) if real_pdf.exists() else ())]:
            def tables_only(p=path):
                with pdfplumber.open(p) as pdf:
                    for page_ in pdf.pages:
                        for t in page_.find_tables():
                            t.extract()
            show(f"anchor: pdfplumber tables alone, {label}", warm_timed(tables_only, args.repeat))
            show(f"PDF   {label}", warm_timed(lambda p=path: import_report(p), args.repeat), "target < 1000 ms")
        if not pdfs:
            print("(LibreOffice not installed: nianbao's own PDFs were not made)")
        if real_pdf.exists():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "import", str(real_pdf), "-o", str(work / "one.xlsx")],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cold = time.perf_counter() - started
            print(f"\nnianbao import of the 淮安 PDF, cold (new process, to .xlsx): {cold:.2f} s")


if __name__ == "__main__":
    main()
