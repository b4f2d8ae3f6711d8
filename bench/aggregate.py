"""Benchmark: aggregate 5,000 unit workbooks; prints wall time and peak memory.

The units are written once by the program's own writer (on every core) and cached under
/tmp/nianbao-bench, so reruns measure only the aggregation.

    python bench/aggregate.py [--units 5000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

from common import CACHE, workbooks

from generator.aggregate import aggregate

TARGET_SECONDS = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=5000)
    count = parser.parse_args().units
    paths = workbooks(count)
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
