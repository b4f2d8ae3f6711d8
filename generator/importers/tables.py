"""The statutory tables of a published report, read by their labels rather than their positions.

The tables of a document are read as one stream of rows, so a table cut by a page break, or
printed as several tables, reads as one. A row is known by its most specific label (the sub-item,
else the row label): it must look like one of the format's row labels after folding. Columns are
known by the header rows above (in the same printed table); a continuation without its header
keeps the columns of the part before it. A row whose cells sit one place off (a merge the editor
lost) is read from the right, where the values are.

Nothing is invented: a blank cell stays blank, a cell that is not a number keeps its text and
says so, a row of the format the document lacks is unread, and rows the format does not have are
reported, not read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..formats import Format, Kind
from ..report import Location, Value
from ..report.numbers import parse_number
from .fold import fold, is_dash, similarity, squeeze
from .plan import Group, Plan, PlanRow, Slot, plan_of
from .source import MAX_COLUMNS, SourceCell, SourceTable

MAX_ROWS = 200  # the statutory tables have 4 to 30 rows, the widest 15 columns
LABEL_MATCH = 0.75  # a printed label this alike to the format's is that label
HEADER_MATCH = 0.8
_NUMBER = re.compile(r"[+\-]?(\d+(\.\d*)?|\.\d+)(万元|元|件|个|项|条|次)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_COUNT_UNIT = re.compile(r"(?<=\d)(件|个|项|条|次)$")


def _plain(text: str) -> str:
    return squeeze(unicodedata.normalize("NFKC", text)).replace(",", "").replace("\u2212", "-")


def is_value_text(text: str) -> bool:
    """What a value cell may print: a number (with its unit), nothing, or a dash."""
    plain = _plain(text)
    return not plain or is_dash(plain) or bool(_NUMBER.fullmatch(plain))


def is_number_text(text: str) -> bool:
    return bool(_NUMBER.fullmatch(_plain(text)))


def is_label_text(text: str) -> bool:
    return bool(_CJK.search(text)) and not is_value_text(text)


# --- the result ------------------------------------------------------------------------------


@dataclass
class Extra:
    """A printed row the format does not have (or has once already): reported, not read."""

    location: Location
    label: str
    values: tuple[str, ...]
    table: str  # the format table it was printed in (the one of the row before it)
    duplicate_of: str = ""  # the format row it repeats
    column: bool = False  # a column the format does not have (a 小计 under 法人或其他组织), not a row


@dataclass
class MergedGroup:
    """A group printed as one row where the format has its sub-rows (2021 （六）其他处理)."""

    location: Location
    group: Group
    values: tuple[str, ...]


@dataclass
class TablesRead:
    """The values found for one format, and what the reading noticed."""

    fmt: Format
    values: dict[str, Value] = field(default_factory=dict)
    matched: dict[int, Location] = field(default_factory=dict)  # plan row index -> where its row was
    extras: list[Extra] = field(default_factory=list)
    merged: list[MergedGroup] = field(default_factory=list)
    missing: list[PlanRow] = field(default_factory=list)
    choices: dict[str, Value] = field(default_factory=dict)  # a unit printed in an amount's cell
    dashes: int = 0  # value cells printed as a dash: read as blank
    score: float = 0.0  # how well the document's tables fit this format's

    def tables_found(self) -> set[str]:
        plan = plan_of(self.fmt)
        return {plan.rows[i].table for i in self.matched}


# --- a printed table as a grid -----------------------------------------------------------------


class _Grid:
    def __init__(self, table: SourceTable) -> None:
        self.table = table
        self.width = table.width
        self.columns: dict[tuple, _Columns | None] = {}  # header rows and slots -> their columns
        self.at: dict[tuple[int, int], SourceCell] = {}
        for row in table.rows:
            for c in row:
                for dr in range(c.rowspan):
                    for dc in range(c.colspan):
                        self.at.setdefault((c.row + dr, c.col + dc), c)

    def path(self, rows: list[int], col: int) -> tuple[str, ...]:
        """The folded header labels over `col` in `rows`, top first."""
        out: list[str] = []
        for r in rows:
            c = self.at.get((r, col))
            if c is not None and c.text.strip():
                label = fold(c.text)
                if label and (not out or out[-1] != label):
                    out.append(label)
        return tuple(out)


@dataclass
class _Tail:
    """A row of values as seen, kept for the row after it."""

    grid: _Grid
    r: int
    cells: list[SourceCell]
    header_rows: list[int]
    row: PlanRow | None

    def last_label(self) -> SourceCell | None:
        return next((c for c in reversed(self.cells) if is_label_text(c.text)), None)

    def first_label(self) -> SourceCell | None:
        return next((c for c in self.cells if is_label_text(c.text)), None)


@dataclass
class _Columns:
    """Where each of a plan row's slots is printed: slot index -> grid column."""

    width: int
    cols: dict[int, int]
    fit: float  # mean header similarity over all slots (0 for a slot not found)
    extra: list[tuple[int, str]]  # (column, printed header) of header columns among the slots' that no slot has


def _header_columns(grid: _Grid, header_rows: list[int]) -> list[tuple[int, tuple[str, ...]]]:
    """(first column, folded header path) of each column of the header: a merged header cell is one."""
    last = header_rows[-1]
    out: list[tuple[int, tuple[str, ...]]] = []
    c = 0
    while c < grid.width:
        cell = grid.at.get((last, c))
        end = c + 1
        while cell is not None and end < grid.width and grid.at.get((last, end)) is cell:
            end += 1
        path = grid.path(header_rows, c)
        if path:
            out.append((c, path))
        c = end
    return out


def _map_columns(grid: _Grid, header_rows: list[int], slots: tuple[Slot, ...]) -> _Columns | None:
    """Each slot's column by its header labels; the labels above (行政复议, 复议后起诉) tell apart
    columns of the same name. Worked out once for each header and kind of row."""
    key = (tuple(header_rows), tuple((s.col, s.colspan, s.header) for s in slots))
    if key not in grid.columns:
        grid.columns[key] = _columns_under(grid, header_rows, slots)
    return grid.columns[key]


def _columns_under(grid: _Grid, header_rows: list[int], slots: tuple[Slot, ...]) -> _Columns | None:
    heads = _header_columns(grid, header_rows)
    cols: dict[int, int] = {}
    fit = 0.0
    for i, slot in enumerate(slots):
        best: tuple[float, float, int] = (0.0, 0.0, -1)
        for col, path in heads:
            if col in cols.values():
                continue
            leaf = similarity(path[-1], slot.leaf, LABEL_MATCH)
            if leaf < LABEL_MATCH:
                continue
            context = similarity("".join(path[:-1]), "".join(slot.header[:-1])) if slot.header[:-1] else 0.0
            if (leaf + 0.3 * context, leaf) > best[:2]:
                best = (leaf + 0.3 * context, leaf, col)
        if best[2] >= 0:
            cols[i] = best[2]
            fit += best[1]
    ordered = [cols[i] for i in sorted(cols)]
    if len(cols) * 2 < len(slots) or ordered != sorted(ordered):
        return None
    last = header_rows[-1]
    extra = [(col, grid.at[(last, col)].text) for col, _ in heads
             if ordered[0] < col < ordered[-1] and col not in cols.values() and (last, col) in grid.at]
    return _Columns(grid.width, cols, fit / len(slots), extra)


# --- reading -------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, fmt: Format) -> None:
        self.plan: Plan = plan_of(fmt)
        self.result = TablesRead(fmt)
        self.last_columns: dict[int, _Columns] = {}  # plan row index -> columns last used for it
        self.unmatched: list[tuple[_Grid, int, list[SourceCell]]] = []
        self.leaves = frozenset(row.leaf for row in self.plan.rows if row.leaf)
        self.current = ""  # the format table of the last row read
        self.table_of: dict[tuple[int, int], str] = {}  # (printed table, row) -> format table around it
        self.statutory: set[int] = set()  # printed tables with a header or a row of the format
        self.headers_seen: set[tuple[int, int]] = set()  # (printed table, first header row) looked at
        self.tail: _Tail | None = None  # the last row of values seen, and the format row it was read as

    def read(self, tables: list[SourceTable]) -> TablesRead:
        for table in tables:
            if table.width <= MAX_COLUMNS and len(table.rows) <= MAX_ROWS:  # larger ones are not statutory
                self._read_table(_Grid(table))
        self._unmatched_rows()
        self._missing_rows()
        return self.result

    def _is_header(self, cells: list[SourceCell]) -> bool:
        """A row of header labels: no number, and a label more like a header's than any row's."""
        if any(is_number_text(c.text) for c in cells):
            return False
        for c in cells:
            label = fold(c.text)
            if not label:
                continue
            header = _best(label, self.plan.header_labels, HEADER_MATCH)
            if header and header > _best(label, self.leaves, header):
                return True
        return False

    def _read_table(self, grid: _Grid) -> None:
        header_rows: list[int] = []
        after_values = seen_values = False
        for r, cells in enumerate(grid.table.rows):
            if not cells:
                continue
            if self._is_header(cells):
                if after_values:
                    header_rows, after_values = [], False
                header_rows.append(r)
                self.statutory.add(grid.table.number)
                continue
            first_row, after_values, seen_values = not seen_values, True, True
            match = self._match_row(grid, r, cells, header_rows)
            if match is not None:
                self.current = match[0].table
                self.statutory.add(grid.table.number)
            self.table_of[(grid.table.number, r)] = self.current
            tail, self.tail = self.tail, _Tail(grid, r, cells, header_rows, match[0] if match else None)
            if match is None:
                if not (first_row and self._split_row(tail, self.tail)):
                    self.unmatched.append((grid, r, cells))
                continue
            row, leaf_cell, sim = match
            if row.index in self.result.matched:
                self._extra(grid, r, cells, duplicate_of=row.printed)
                continue
            self.result.matched[row.index] = grid.table.location(r)
            self.result.score += sim + self._read_values(grid, r, cells, row, leaf_cell, header_rows)

    def _split_row(self, before: _Tail | None, after: _Tail) -> bool:
        """A row the page break cut in two, its label in two pieces and its numbers in one of them.
        Either the piece before the break was read (its cells blank) and the numbers are here, or
        neither piece is a label alone and the two together are."""
        if before is None or before.grid.table.number == after.grid.table.number:
            return False
        numbers = any(is_number_text(c.text) for c in after.cells)
        if before.row is not None:
            if not numbers or not all(self.result.values[s.field].blank for s in before.row.slots):
                return False
            self._read_values(after.grid, after.r, after.cells, before.row, after.last_label(), after.header_rows)
            return True
        first, rest = before.last_label(), after.first_label()
        if first is None or rest is None:
            return False
        label = fold(first.text + rest.text)
        row = max((r for r in self.plan.rows if r.labels and r.index not in self.result.matched),
                  key=lambda r: similarity(label, r.leaf), default=None)
        if row is None or similarity(label, row.leaf) < LABEL_MATCH:
            return False
        self.unmatched = [u for u in self.unmatched if u[0] is not before.grid or u[1] != before.r]
        source = after if numbers else before
        self.result.matched[row.index] = source.grid.table.location(source.r)
        self._read_values(source.grid, source.r, source.cells, row, source.last_label(), source.header_rows)
        return True

    # -- rows

    def _match_row(self, grid: _Grid, r: int, cells: list[SourceCell], header_rows: list[int],
                   ) -> tuple[PlanRow, SourceCell | None, float] | None:
        labels = [c for c in cells if is_label_text(c.text)]
        if not labels:
            return self._unlabelled_row(grid, cells, header_rows)
        path = "".join(fold(c.text) for c in (grid.at.get((r, col)) for col in range(grid.width))
                       if c is not None and is_label_text(c.text))
        best: tuple[float, float, int] = (0.0, 0.0, 0)
        found: tuple[PlanRow, SourceCell] | None = None
        for cell in labels:
            label = fold(cell.text)
            for row in self.plan.rows:
                if not row.labels:
                    continue
                sim = similarity(label, row.leaf, LABEL_MATCH)
                if sim < LABEL_MATCH:
                    continue
                rank = (sim, similarity(path, "".join(row.labels)), cell.col)
                if rank > best:
                    best, found = rank, (row, cell)
        if found is None:
            # A label the format does not print over its unlabelled row (件数 before table 四's values).
            return self._unlabelled_row(grid, [c for c in cells if is_value_text(c.text)], header_rows)
        return found[0], found[1], best[0]

    def _unlabelled_row(self, grid: _Grid, cells: list[SourceCell], header_rows: list[int],
                        ) -> tuple[PlanRow, None, float] | None:
        """A row of numbers only (table 四): the format's unlabelled row its header fits, or, without
        a header, the one with as many values."""
        if not any(is_number_text(c.text) for c in cells):
            return None
        best: tuple[float, PlanRow | None] = (0.0, None)
        for row in self.plan.rows:
            if row.labels:
                continue
            if header_rows:
                columns = _map_columns(grid, header_rows, row.slots)
                fit = columns.fit if columns is not None else 0.0
            else:
                fit = 0.5 if len([c for c in cells if is_value_text(c.text)]) == len(row.slots) else 0.0
            if fit > best[0]:
                best = (fit, row)
        return (best[1], None, best[0]) if best[1] is not None else None

    # -- values

    def _columns(self, grid: _Grid, row: PlanRow, header_rows: list[int]) -> _Columns | None:
        columns = _map_columns(grid, header_rows, row.slots) if header_rows else None
        if columns is not None and (grid.table.number, header_rows[0]) not in self.headers_seen:
            self.headers_seen.add((grid.table.number, header_rows[0]))
            for col, label in columns.extra:
                self.result.extras.append(Extra(grid.table.location(header_rows[-1], col), squeeze(label), (),
                                                row.table, column=True))
        if columns is None:
            last = self.last_columns.get(row.index) or next(
                (c for i, c in reversed(self.last_columns.items()) if self.plan.rows[i].table == row.table
                 and len(c.cols) == len(row.slots)), None)
            if last is not None and last.width == grid.width:
                columns = last
        if columns is not None:
            self.last_columns[row.index] = columns
        return columns

    def _read_values(self, grid: _Grid, r: int, cells: list[SourceCell], row: PlanRow,
                     leaf: SourceCell | None, header_rows: list[int]) -> float:
        """Read the row's values; returns how well its header fitted (0 without one)."""
        columns = self._columns(grid, row, header_rows)
        start = leaf.end if leaf is not None else 0
        placed = self._by_columns(grid, r, cells, row, columns, start) if columns is not None else None
        if placed is None:
            placed = self._in_order(cells, row, start)
        if placed is None:
            printed = tuple(c.text for c in cells if c.col >= start)
            problem = f"未能读取：这一行印了{len(printed)}个数字格，格式为{len(row.slots)}格，无法对应"
            for slot in row.slots:
                self.result.values[slot.field] = Value(raw=" ".join(printed), problem=problem,
                                                       location=grid.table.location(r))
            return 0.0
        for slot, (cell, col) in zip(row.slots, placed, strict=True):
            header = "".join(grid.path(header_rows, col)) if header_rows else ""
            self._value(slot, cell, grid.table.location(r, col), header)
        return columns.fit if columns is not None else 0.0

    def _by_columns(self, grid: _Grid, r: int, cells: list[SourceCell], row: PlanRow, columns: _Columns,
                    start: int) -> list[tuple[SourceCell, int]] | None:
        """The cells under the mapped columns; if they do not fit (cells one place off after a lost
        merge), the row's own cells laid from the right edge, where a complete row ends."""
        if len(columns.cols) < len(row.slots):
            return None
        own = {id(c) for c in cells}
        wanted = [columns.cols[i] for i in range(len(row.slots))]

        def mine(found: list[SourceCell | None]) -> bool:
            return (all(c is not None and id(c) in own and c.col >= start for c in found)
                    and len({id(c) for c in found}) == len(found))

        found = [grid.at.get((r, col)) for col in wanted]
        if mine(found) and all(is_value_text(c.text) for c in found):  # type: ignore[union-attr]
            return [(c, c.col) for c in found]  # type: ignore[union-attr]
        from_right: dict[int, SourceCell] = {}
        edge = grid.width
        for c in reversed(cells):
            edge -= c.colspan
            from_right.update((edge + k, c) for k in range(c.colspan))
        shifted = [from_right.get(col) for col in wanted]
        if mine(shifted) and all(is_value_text(c.text) for c in shifted):  # type: ignore[union-attr]
            return [(c, c.col) for c in shifted]  # type: ignore[union-attr]
        if mine(found):  # in place, one of them text rather than a number: read it and say so
            return [(c, c.col) for c in found]  # type: ignore[union-attr]
        return None

    def _in_order(self, cells: list[SourceCell], row: PlanRow, start: int) -> list[tuple[SourceCell, int]] | None:
        """Without headers: the cells right of the label, in order, if they are as many as the slots
        (blank cells past the last slot are the empty cells of a short block)."""
        after = [c for c in cells if c.col >= start]
        while len(after) > len(row.slots) and not _plain(after[-1].text):
            after.pop()
        if len(after) != len(row.slots):
            return None
        return [(c, c.col) for c in after]

    def _value(self, slot: Slot, cell: SourceCell, location: Location, header: str) -> None:
        """The cell's value as printed; the unit of an amount the format leaves open, from the cell
        or else from its column's header (采购总金额（万元）)."""
        fmt = self.result.fmt
        f = fmt.fields[slot.field]
        text = squeeze(cell.text).replace("\u2212", "-")
        if cell.doubt:
            self.result.values[slot.field] = Value(raw=text, problem=cell.doubt, location=location)
            return
        if is_dash(text):
            self.result.dashes += 1
            self.result.values[slot.field] = Value(location=location)
            return
        if f.kind is not Kind.MONEY:
            text = _COUNT_UNIT.sub("", text)  # "5件": a count with its word is still the count
        value = parse_number(text, f.kind, location, f.unit)
        self.result.values[slot.field] = value
        unit_choice = next((c for c in fmt.choices if c.unit_of == slot.field), None)
        if unit_choice is not None and value.number is not None:
            plain = unicodedata.normalize("NFKC", text)
            options = sorted(unit_choice.options, key=len, reverse=True)
            unit = next((o for o in options if plain.endswith(o)), "") or next((o for o in options if o in header), "")
            if unit:
                self.result.choices[unit_choice.key] = Value(raw=unit, location=location)

    # -- what did not fit

    def _extra(self, grid: _Grid, r: int, cells: list[SourceCell], duplicate_of: str = "") -> None:
        labels = [c.text for c in cells if is_label_text(c.text)]
        values = tuple(squeeze(c.text) for c in cells if is_number_text(c.text))
        self.result.extras.append(Extra(grid.table.location(r), squeeze(" ".join(labels)), values,
                                        self.table_of[(grid.table.number, r)], duplicate_of))
        self.result.score -= 1

    def _unmatched_rows(self) -> None:
        for grid, r, cells in self.unmatched:
            if grid.table.number not in self.statutory or not any(is_number_text(c.text) for c in cells):
                continue  # another table of the document; a note, a caption, an empty row
            group = self._merged_group(cells)
            if group is None:
                self._extra(grid, r, cells)
                continue
            values = tuple(squeeze(c.text) for c in cells if is_value_text(c.text) and c.col > 0)
            location = grid.table.location(r)
            self.result.merged.append(MergedGroup(location, group, values))
            for row in group.rows:
                self.result.matched[row.index] = location
                for slot in row.slots:
                    self.result.values[slot.field] = Value(
                        location=location,
                        problem=f"未能读取：原表“{group.printed}”只印了一行合计，没有分列“{row.printed}”")

    def _merged_group(self, cells: list[SourceCell]) -> Group | None:
        labels = [fold(c.text) for c in cells if is_label_text(c.text)]
        for group in self.plan.groups:
            if any(similarity(label, group.label) >= HEADER_MATCH for label in labels) and \
                    not any(row.index in self.result.matched for row in group.rows):
                return group
        return None

    def _missing_rows(self) -> None:
        for row in self.plan.rows:
            if row.index in self.result.matched:
                continue
            self.result.missing.append(row)
            for slot in row.slots:
                self.result.values.setdefault(slot.field, Value(problem="未能读取：原文中没有找到这一行"))


def _best(label: str, candidates: frozenset[str], at_least: float) -> float:
    if label in candidates:
        return 1.0
    return max((similarity(label, c, at_least) for c in candidates), default=0.0)


def read_tables(tables: list[SourceTable], fmt: Format) -> TablesRead:
    """The values of `fmt`'s tables found in `tables` (a document's, in reading order)."""
    return _Reader(fmt).read(tables)
