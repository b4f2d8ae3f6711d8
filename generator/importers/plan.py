"""What a reader looks for in a published table, derived from a format's table grids.

Each value row of a statutory table is known by its label path (the printed labels to its left,
outermost first, a vertically merged group label included) and each value cell by its column
path (the header labels above it). Both come from `Table.cells`; nothing here names a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..formats import Cell, Format, Table
from .fold import fold


@dataclass(frozen=True)
class Slot:
    """A value cell of the format: the field it holds and the header labels above it (folded)."""

    field: str
    col: int
    colspan: int
    header: tuple[str, ...]

    @property
    def leaf(self) -> str:
        return self.header[-1] if self.header else ""


@dataclass(frozen=True)
class PlanRow:
    """A row of values of the format, known by its labels."""

    table: str
    index: int  # position in `Plan.rows`: report order
    labels: tuple[str, ...]  # folded, outermost first; () for table 四's one unlabelled row
    printed: str  # the printed labels, for messages
    slots: tuple[Slot, ...]

    @property
    def leaf(self) -> str:
        return self.labels[-1] if self.labels else ""


@dataclass(frozen=True)
class Group:
    """A label printed once over several value rows (（六）其他处理 over its three sub-rows)."""

    table: str
    label: str  # folded
    printed: str
    rows: tuple[PlanRow, ...]


@dataclass(frozen=True)
class Plan:
    fmt: Format
    rows: tuple[PlanRow, ...]
    groups: tuple[Group, ...]
    header_labels: frozenset[str]  # every folded label of every table's header rows

    def table(self, table_id: str) -> Table:
        return self.fmt.table(table_id)


def _covering(table: Table) -> dict[tuple[int, int], Cell]:
    return {(c.row + dr, c.col + dc): c for c in table.cells
            for dr in range(c.rowspan) for dc in range(c.colspan)}


def _distinct(cells: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for c in cells:
        if c not in out:
            out.append(c)
    return out


@cache
def plan_of(fmt: Format) -> Plan:
    rows: list[PlanRow] = []
    groups: list[Group] = []
    headers: set[str] = set()
    for table in fmt.tables:
        grid = _covering(table)
        value_rows = {c.row for c in table.cells if c.is_value}
        header_run: list[int] = []
        table_rows: list[PlanRow] = []
        for r in range(table.rows):
            if r not in value_rows:
                if table_rows and (r - 1) in value_rows:
                    header_run = []  # a new block's header (table 二)
                header_run.append(r)
                headers.update(fold(c.text) for c in table.cells if c.row == r and c.text)
                continue
            values = sorted((c for c in table.cells if c.row == r and c.is_value), key=lambda c: c.col)
            first = values[0].col
            labels = [c for c in _distinct([grid[(r, col)] for col in range(first) if (r, col) in grid])
                      if c.text and not c.note]
            slots = tuple(
                Slot(v.field, v.col, v.colspan, tuple(
                    fold(h.text) for h in _distinct([grid[(hr, col)] for hr in header_run
                                                     for col in range(v.col, v.col + v.colspan)
                                                     if (hr, col) in grid])
                    if h.text and not h.note))
                for v in values
            )
            row = PlanRow(table.id, len(rows), tuple(fold(c.text) for c in labels),
                          " ".join(c.text for c in labels[-2:]), slots)
            rows.append(row)
            table_rows.append(row)
        for cell in table.cells:
            if cell.rowspan > 1 and cell.text and not cell.is_value and cell.row not in range(min(value_rows)):
                under = tuple(r for r in table_rows if r.labels[:len(r.labels) - 1].count(fold(cell.text)))
                if len(under) > 1:
                    groups.append(Group(table.id, fold(cell.text), cell.text, under))
    return Plan(fmt, tuple(rows), tuple(groups), frozenset(headers))
