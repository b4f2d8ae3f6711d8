"""Long fuzz run: mutated workbooks and JSON reports through check and generate, counting outcomes.

    python bench/fuzz.py [--workbooks N] [--json N]   (examples per kind; defaults 300 and 300)

Three kinds of workbook mutation (cells, structure, raw XML bytes) and two of JSON (values and
keys, damaged text). The only allowed outcomes are a success or a clean refusal; anything else
(an exception, an internal error, an invalid DOCX) stops the run and prints the failing example.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile import (  # noqa: E402
    copy_example,
    mutate_bytes,
    mutate_cells,
    mutate_json,
    mutate_json_text,
    mutate_structure,
    outcome,
)
from test_fuzz import EDITS, JSON_EDITS, STRUCTURE  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=300, help="examples of each workbook mutation")
    parser.add_argument("--json", type=int, default=300, help="examples of each JSON mutation")
    args = parser.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))

    def budget(n: int):
        return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    def run(kind: str, path: Path) -> None:
        counts[(kind, outcome(path))] += 1

    @budget(args.workbooks)
    @given(EDITS)
    def cells(edits):
        path = copy_example(tmp)
        mutate_cells(path, edits)
        run("cells", path)

    @budget(args.workbooks)
    @given(STRUCTURE)
    def structure(change):
        path = copy_example(tmp)
        mutate_structure(path, *change)
        run("structure", path)

    @budget(args.workbooks)
    @given(st.integers(0, 30), st.integers(0, 100_000), st.binary(min_size=1, max_size=12))
    def raw_bytes(member, at, junk):
        path = copy_example(tmp)
        mutate_bytes(path, member, at, junk)
        run("bytes", path)

    @budget(args.json)
    @given(JSON_EDITS)
    def json_values(edits):
        run("json", mutate_json(tmp, edits))

    @budget(args.json)
    @given(st.integers(0, 30_000), st.text(min_size=1, max_size=8), st.booleans())
    def json_text(at, junk, cut):
        run("json-text", mutate_json_text(tmp, at, junk, cut))

    start = time.perf_counter()
    for fuzz, n in ((cells, args.workbooks), (structure, args.workbooks), (raw_bytes, args.workbooks),
                    (json_values, args.json), (json_text, args.json)):
        if n:
            fuzz()
    elapsed = time.perf_counter() - start
    workbooks = sum(c for (kind, _), c in counts.items() if not kind.startswith("json"))
    documents = sum(counts.values()) - workbooks
    print(f"{workbooks} mutated workbooks and {documents} mutated JSON documents in {elapsed:.0f} s "
          f"({(workbooks + documents) / elapsed:.1f}/s); every outcome a success or a clean refusal, "
          "no internal error")
    for (kind, result), count in sorted(counts.items()):
        print(f"  {kind:10} {result:8} {count}")


if __name__ == "__main__":
    main()
