"""Reading one filled workbook: nianbao's own XML reader beside openpyxl and python-calamine.

Why nianbao reads the XML itself: openpyxl costs ~140 ms to import and tens of ms a workbook;
calamine is fast but gives no formulas (needed to tell a total typed over its formula), no bold
runs (the narrative keeps bold) and floats only. Run: python bench/read.py [--count 50]
(`pip install python-calamine` to include it). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from common import line, timed, workbooks

from generator.workbook import read_workbook
from generator.workbook.xlsx import XlsxBook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="distinct workbooks, each read --repeat times")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = workbooks(args.count)
    n = len(paths)

    def every(read) -> list[float]:
        return timed(lambda: [read(p) for p in paths], args.repeat)

    import zipfile

    from openpyxl import load_workbook

    def raw(path):
        with XlsxBook(zipfile.ZipFile(path)) as book:
            return [book.sheet(name) for name in book.sheetnames]

    print(f"{n} distinct workbooks (2021 format), each read {args.repeat} times; per workbook:")
    print(line("nianbao read_workbook (report, checked cells)", every(read_workbook), per=n))
    print(line("nianbao raw XML reader (every sheet)", every(raw), per=n))
    print(line("openpyxl load_workbook (rich text, formulas)",
               every(lambda p: load_workbook(p, rich_text=True)), per=n))
    print(line("openpyxl load_workbook (read_only, values)",
               every(lambda p: [list(ws.values) for ws in load_workbook(p, read_only=True, data_only=True)]), per=n))
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        print("python-calamine                              not installed (pip install python-calamine)")
    else:
        def calamine(path):
            book = CalamineWorkbook.from_path(str(path))
            return [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]

        print(line("python-calamine (values only, floats)", every(calamine), per=n, note="anchor"))
    for module in ("generator.workbook", "openpyxl", "python_calamine"):
        started = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                                 capture_output=True, text=True)
        total = [int(x.split("|")[1]) for x in started.stderr.splitlines() if x.endswith(f" {module}")]
        if total:
            print(f"import {module:<38} {total[-1] / 1000:8.1f} ms (cumulative, one cold process)")


if __name__ == "__main__":
    main()
