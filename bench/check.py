"""Benchmark of `check`: the work per report beyond reading it, every rule on (text rules included).

Run: python bench/check.py [--repeat 20]. Prints medians with min–max of the process's CPU time
(what the work costs; the machine may be shared) and the median wall time; reading the workbook
is printed beside as the anchor. Asserts nothing (target in the output: check < 50 ms a report).

Reports: the shipped seed and 2021 example; the example against itself as last year's (copy
share, jumps); the two real reports of tests/fixtures (淮安 2024, 平潭 2022) read from workbooks;
and a long one, 淮安's narrative six times over (about 11,000 characters), against last year's.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fixtures")]

from generator.checks import check  # noqa: E402
from generator.report import Paragraph, Report, Run  # noqa: E402
from generator.workbook import read_workbook, write_workbook  # noqa: E402

TARGET_MS = 50


def timed(work: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """CPU and wall milliseconds of each run."""
    cpu, wall = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return cpu, wall


def figure(times: tuple[list[float], list[float]]) -> str:
    cpu, wall = times
    return (f"cpu median {statistics.median(cpu):5.1f} ms ({min(cpu):5.1f}–{max(cpu):5.1f}), "
            f"wall {statistics.median(wall):5.1f}")


def last_year_of(report: Report) -> Report:
    previous = copy.deepcopy(report)
    previous.year = (report.year or 2025) - 1
    return previous


def main() -> None:
    import real_reports

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        books = {"seed-2019": ROOT / "inputs" / "seed-2019.xlsx", "example-2021": ROOT / "inputs" / "example-2021.xlsx"}
        for name in ("huaian", "pingtan"):
            books[name] = Path(tmp) / f"{name}.xlsx"
            write_workbook(real_reports.report(name), books[name])
        cases: list[tuple[str, Path, Callable[[Report], Report | None], Callable[[Report], Report]]] = [
            (name, path, lambda r: None, lambda r: r) for name, path in books.items()]
        cases.insert(2, ("example-2021 --previous", books["example-2021"], last_year_of, lambda r: r))

        def long(report: Report) -> Report:
            report.paragraphs = [Paragraph(p.section, [Run(p.text)], p.heading, p.location)
                                 for _ in range(6) for p in report.paragraphs]
            return report

        cases.append(("huaian ×6 --previous", books["huaian"], last_year_of, long))
        print(f"check, work per report beyond reading (target < {TARGET_MS} ms); reading the workbook as the anchor")
        worst = 0.0
        for name, path, previous_of, shape in cases:
            read = timed(lambda path=path: read_workbook(path), max(3, args.repeat // 4))
            report = shape(read_workbook(path))
            previous = previous_of(report)
            chars = sum(len(p.text) for p in report.paragraphs)
            times = timed(lambda report=report, previous=previous: check(report, previous), args.repeat)
            worst = max(worst, statistics.median(times[0]))
            print(f"  {name:24} {chars:6} chars  check {figure(times)}   read {figure(read)}")
        verdict = "within" if worst < TARGET_MS else "OVER"
        print(f"slowest cpu median {worst:.1f} ms: {verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
