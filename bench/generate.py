"""Benchmark of `nianbao generate`: cold start of one report, and a folder of 200 on every core.

Run: python bench/generate.py [--count 200]. Prints figures; asserts nothing (targets in the
output: one report ≤ 0.6 s wall including Python start-up; ≥ 40 reports/s over 200 workbooks).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
EXAMPLES = ("seed-2019.xlsx", "example-2021.xlsx")


def run(*args: str) -> float:
    """Wall time of one `python -m generator …` in a fresh process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_child_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200, help="workbooks in the folder")
    parser.add_argument("--repeat", type=int, default=5, help="cold starts to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        help_times = [run("--help") for _ in range(args.repeat)]
        one = [run("generate", str(INPUTS / EXAMPLES[0]), "-o", str(work / "one.docx")) for _ in range(args.repeat)]
        print(f"nianbao --help                 median {statistics.median(help_times):.3f} s, "
              f"best {min(help_times):.3f} s")
        print(f"nianbao generate (one, cold)   median {statistics.median(one):.3f} s, "
              f"best {min(one):.3f} s   target ≤ 0.6 s")
        print(f"peak memory, one report        {peak_child_mib():.0f} MiB")

        folder = work / "in"
        folder.mkdir()
        for i in range(args.count):
            name = EXAMPLES[i % len(EXAMPLES)]
            shutil.copy(INPUTS / name, folder / f"{i:03d}-{name}")
        elapsed = run("generate", str(folder), "-o", str(work / "out"))
        written = len(list((work / "out").glob("*.docx")))
        print(f"check + generate, {args.count} workbooks  {elapsed:.2f} s wall, {written / elapsed:.1f} reports/s "
              f"on {os.cpu_count()} cores   target ≥ 40 reports/s")
        print(f"peak memory of one process     {peak_child_mib():.0f} MiB (largest of the CLI and its workers)")
        if written != args.count:
            print(f"only {written} of {args.count} reports were written", file=sys.stderr)


if __name__ == "__main__":
    main()
