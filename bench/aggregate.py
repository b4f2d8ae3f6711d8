"""Benchmark: aggregate 5,000 unit workbooks; prints wall time and peak memory.

The units are written once by the program's own writer (on every core) and cached under
/tmp/nianbao-bench, so reruns measure only the aggregation.

    python bench/aggregate.py [--units 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.aggregate import aggregate
from generator.formats import Kind, get_format
from generator.report import Paragraph, Report, Run, Value
from generator.workbook import write_workbook

CACHE = Path("/tmp/nianbao-bench")
FORMAT = "2021"
YEAR = 2025
TARGET_SECONDS = 60


def unit_report(i: int) -> Report:
    """Unit `i`: every input cell filled, table 三 balanced so that the checker finds no error."""
    rng = random.Random(i)
    fmt = get_format(FORMAT)
    report = Report(FORMAT, organ=f"第{i:05d}号单位", year=YEAR, contacts={
        "office": "办公室", "address": "人民路1号", "postcode": "100000", "phone": "010-12345678",
        "website_name": "政府网站", "website_url": "http://www.example.gov.cn/"},
        paragraphs=[Paragraph(s, [Run(text)]) for s, text in (("一", "概述。"), ("五", "问题。"), ("六", "无"))],
        choices={"fee_charged": Value(raw="否")})
    for key, f in fmt.fields.items():
        if not f.is_total:
            report.values[key] = Value(rng.randint(0, 30) if f.kind is not Kind.MONEY else rng.randint(0, 9999))
    for col in ("natural_person", "business", "research", "public_interest", "legal_services", "other_org"):
        handled = sum(report.values[f.key].number for f in fmt.table("applications").fields
                      if f.column == col and not f.is_total
                      and f.row not in ("new", "carried_over", "carry_forward"))
        carried = report.values[f"applications.carried_over.{col}"].number
        forward = report.values[f"applications.carry_forward.{col}"].number
        report.values[f"applications.new.{col}"] = Value(max(0, handled + forward - carried))
        report.values[f"applications.carried_over.{col}"] = Value(min(carried, handled + forward))
    return report


def _write_unit(args: tuple[int, Path]) -> None:
    i, path = args
    write_workbook(unit_report(i), path)


def units(count: int) -> list[Path]:
    folder = CACHE / f"units-{FORMAT}-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"unit-{i:05d}.xlsx" for i in range(count)]
    missing = [(i, p) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        started = time.perf_counter()
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(_write_unit, missing, chunksize=32))
        print(f"wrote {len(missing)} unit workbooks in {time.perf_counter() - started:.1f} s (cached in {folder})")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=5000)
    count = parser.parse_args().units
    paths = units(count)
    out = CACHE / f"summary-{count}.xlsx"
    started = time.perf_counter()
    result = aggregate(paths, "某某市人民政府", out, force=True)
    wall = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"aggregated {len(result.included)}/{count} units on {os.cpu_count()} cores in {wall:.1f} s "
          f"({wall / count * 1000:.1f} ms a unit; target <= {TARGET_SECONDS} s)")
    print(f"peak memory: main process {own:.0f} MB, largest worker {workers:.0f} MB")
    print(f"summary: {out} (new applications {result.report.amount('applications.new.total')})")
    for unit in result.left_out[:3]:
        print(f"left out: {unit.path.name}: {unit.unreadable or unit.errors[0]}")
    sys.exit(0 if wall <= TARGET_SECONDS and len(result.included) == count else 1)


if __name__ == "__main__":
    main()
