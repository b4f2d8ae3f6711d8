"""A1 cell references: column letters <-> numbers. Knows nothing of reports."""

from __future__ import annotations

import re

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def column_name(col: int) -> str:
    """1-based column number to its letters: 1 -> A, 27 -> AA."""
    name = ""
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def column_number(letters: str) -> int:
    """Column letters to the 1-based number: A -> 1, AA -> 27."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def cell_name(row: int, col: int) -> str:
    """1-based row and column to A1 notation."""
    return f"{column_name(col)}{row}"


def split_ref(ref: str) -> tuple[int, int]:
    """'B12' or '$B$12' -> (12, 2); ValueError for anything else."""
    m = _REF.fullmatch(ref)
    if not m:
        raise ValueError(f"bad cell reference {ref!r}")
    return int(m.group(2)), column_number(m.group(1))
