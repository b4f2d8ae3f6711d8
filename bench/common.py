"""What every benchmark shares: varied workbooks made by nianbao's own writer, and timing that
prints medians with min–max. Benchmarks print figures and never fail a build."""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.formats import Kind, get_format
from generator.report import Paragraph, Report, Run, Value
from generator.workbook import write_workbook

CACHE = Path("/tmp/nianbao-bench")
YEAR = 2025


def unit_report(i: int, format_id: str = "2021") -> Report:
    """Unit `i`: its own organ and numbers, every input cell filled, table 三 balanced so that the
    checker finds no error."""
    rng = random.Random(i)
    fmt = get_format(format_id)
    year = YEAR if format_id == "2021" else 2020
    report = Report(format_id, organ=f"第{i:05d}号单位", year=year, contacts={
        "office": "办公室", "address": f"人民路{i}号", "postcode": "100000", "phone": "010-12345678",
        "website_name": "政府网站", "website_url": "http://www.example.gov.cn/"},
        paragraphs=[Paragraph(s, [Run(text * rng.randint(1, 8))]) for s, text in (
            ("一", "本年度依法推进政府信息公开工作。"), ("五", "问题是公开不够及时，措施是加强培训。"), ("六", "无"))],
        choices={"fee_charged": Value(raw="否"), "procurement_unit": Value(raw="元")})
    for key, f in fmt.fields.items():
        if not f.is_total:
            report.values[key] = Value(rng.randint(0, 30) if f.kind is not Kind.MONEY else rng.randint(0, 9999))
    applications = fmt.table("applications")
    for col in {f.column for f in applications.fields if not f.is_total}:
        handled = sum(report.values[f.key].number for f in applications.fields
                      if f.column == col and not f.is_total and f.row not in ("new", "carried_over", "carry_forward"))
        carried = report.values[f"applications.carried_over.{col}"].number
        forward = report.values[f"applications.carry_forward.{col}"].number
        report.values[f"applications.new.{col}"] = Value(max(0, handled + forward - carried))
        report.values[f"applications.carried_over.{col}"] = Value(min(carried, handled + forward))
    return report


def _write_unit(args: tuple[int, str, Path]) -> None:
    i, format_id, path = args
    write_workbook(unit_report(i, format_id), path, force=True)


def workbooks(count: int, format_id: str = "2021") -> list[Path]:
    """`count` distinct unit workbooks, written once on every core and cached between runs."""
    folder = CACHE / f"units-{format_id}-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"unit-{i:05d}.xlsx" for i in range(count)]
    missing = [(i, format_id, p) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        started = time.perf_counter()
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(_write_unit, missing, chunksize=32))
        print(f"wrote {len(missing)} unit workbooks in {time.perf_counter() - started:.1f} s (cached in {folder})")
    return paths


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    """Seconds of `repeat` runs of `run`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def line(label: str, seconds: list[float], unit: str = "ms", per: int = 1, note: str = "") -> str:
    """'label  median 7.9 ms (min 7.1 – max 9.3)', each figure divided by `per` items."""
    scale = {"ms": 1000, "s": 1}[unit] / per
    med, lo, hi = (statistics.median(seconds) * scale, min(seconds) * scale, max(seconds) * scale)
    return f"{label:<44} median {med:8.2f} {unit} (min {lo:.2f} – max {hi:.2f}){'   ' + note if note else ''}"
