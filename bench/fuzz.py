"""Long fuzz run: mutated workbooks through check and generate, counting outcomes.

    python bench/fuzz.py [EXAMPLES_PER_KIND]   (default 300)

Any outcome other than success or a clean refusal stops the run with the failing example.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile import copy_example, mutate_bytes, mutate_cells, mutate_structure, outcome  # noqa: E402
from test_fuzz import EDITS, STRUCTURE  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    counts: Counter[tuple[str, str]] = Counter()
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))
    common = settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    def run(kind: str, mutate, *args) -> None:
        path = copy_example(tmp)
        mutate(path, *args)
        counts[(kind, outcome(path))] += 1

    @common
    @given(EDITS)
    def cells(edits):
        run("cells", mutate_cells, edits)

    @common
    @given(STRUCTURE)
    def structure(change):
        run("structure", mutate_structure, *change)

    @common
    @given(st.integers(0, 30), st.integers(0, 100_000), st.binary(min_size=1, max_size=12))
    def raw_bytes(member, at, junk):
        run("bytes", mutate_bytes, member, at, junk)

    start = time.perf_counter()
    for fuzz in (cells, structure, raw_bytes):
        fuzz()
    elapsed = time.perf_counter() - start
    total = sum(counts.values())
    print(f"{total} mutated workbooks in {elapsed:.1f} s ({total / elapsed:.1f}/s); no crash")
    for (kind, result), count in sorted(counts.items()):
        print(f"  {kind:9} {result:8} {count}")


if __name__ == "__main__":
    main()
