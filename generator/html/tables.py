"""A statutory table as one HTML <table>, drawn cell for cell from the format's grid (`Table.cells`).

Every merge is a rowspan/colspan and the borders are table attributes, so that the table reads
right where an editor strips `class` and `style`. Header cells are <th> with a scope: the labels
of rows without values head their columns, the labels beside values head their rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import Cell, Table
from .markup import element, text

# What a CMS editor keeps of a table's look when it drops style: borders, padding, full width.
TABLE_ATTRIBUTES = {"border": "1", "cellspacing": "0", "cellpadding": "4", "width": "100%"}
# Stands for a value while the markup is drawn; `text` removes it from anything else, so it is unique.
_VALUE = "\x00"


@dataclass(frozen=True)
class TableMarkup:
    """A table's markup drawn once, with a slot for each value: most of it is labels, the same in every report."""

    pieces: tuple[str, ...]  # the markup before, between and after the values
    fields: tuple[str, ...]  # the field key of each slot, in order

    def fill(self, values: dict[str, str]) -> str:
        out = [self.pieces[0]]
        for key, piece in zip(self.fields, self.pieces[1:], strict=True):
            out += (text(values.get(key, "")), piece)
        return "".join(out)


def _cell(c: Cell, value_rows: set[int]) -> str:
    spans = {"rowspan": c.rowspan if c.rowspan > 1 else "", "colspan": c.colspan if c.colspan > 1 else ""}
    if c.is_value:
        return element("td", _VALUE, **spans, align="center")
    label = _vertical(c.text) if c.vertical else text(c.text)
    if c.note or not c.text:
        return element("td", label, **spans, align="center")
    if c.row in value_rows:
        # A label beside values heads its row; one that spans a group of rows sits centred over it.
        return element("th", label, scope="row", **spans, align="left" if c.rowspan == 1 else "center")
    return element("th", label, scope="col", **spans)


def _vertical(label: str) -> str:
    """A narrow label top to bottom, a character a line, as the printed table sets it."""
    return "<br>".join(text(ch) for ch in label)


def _colgroup(table: Table) -> str:
    total = sum(table.widths) or 1
    cols = "".join(f'<col width="{w / total * 100:.1f}%">' for w in table.widths)
    return f"<colgroup>{cols}</colgroup>"


def table_markup(table: Table, caption: str, caption_id: str = "") -> TableMarkup:
    """The table with a slot in each value cell; header rows in <thead>, the rest in <tbody>."""
    value_rows = {c.row for c in table.cells if c.is_value}
    rows: dict[int, list[Cell]] = {r: [] for r in range(table.rows)}
    for c in table.cells:
        rows[c.row].append(c)
    ordered = [sorted(rows[r], key=lambda c: c.col) for r in range(table.rows)]
    lines = [f"<tr>{''.join(_cell(c, value_rows) for c in row)}</tr>" for row in ordered]
    head, body = lines[: table.header_rows], lines[table.header_rows:]
    parts = [element("caption", text(caption), id=caption_id), _colgroup(table)]
    if head:
        parts.append(element("thead", "\n" + "\n".join(head) + "\n"))
    parts.append(element("tbody", "\n" + "\n".join(body) + "\n"))
    html = element("table", "\n" + "\n".join(parts) + "\n", **TABLE_ATTRIBUTES)
    fields = tuple(c.field for row in ordered for c in row if c.is_value)
    return TableMarkup(tuple(html.split(_VALUE)), fields)
