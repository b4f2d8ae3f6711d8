"""A statutory table as one HTML <table>, drawn cell for cell from the format's grid (`Table.cells`).

Every merge is a rowspan/colspan and the borders are table attributes, so that the table reads
right where an editor strips `class` and `style`. Header cells are <th> with a scope: the labels
of rows without values head their columns, the labels beside values head their rows.
"""

from __future__ import annotations

from ..formats import Cell, Table
from .markup import element, text

# What a CMS editor keeps of a table's look when it drops style: borders, padding, full width.
TABLE_ATTRIBUTES = {"border": "1", "cellspacing": "0", "cellpadding": "4", "width": "100%"}


def _cell(c: Cell, values: dict[str, str], value_rows: set[int]) -> str:
    spans = {"rowspan": c.rowspan if c.rowspan > 1 else "", "colspan": c.colspan if c.colspan > 1 else ""}
    if c.is_value:
        return element("td", text(values.get(c.field, "")), **spans, align="center")
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


def table_html(table: Table, values: dict[str, str], caption: str, caption_id: str = "") -> str:
    """The table with `values` (field key -> printed text) in its value cells; header rows in <thead>."""
    value_rows = {c.row for c in table.cells if c.is_value}
    rows: dict[int, list[Cell]] = {r: [] for r in range(table.rows)}
    for c in table.cells:
        rows[c.row].append(c)
    lines = [f"<tr>{''.join(_cell(c, values, value_rows) for c in sorted(rows[r], key=lambda c: c.col))}</tr>"
             for r in range(table.rows)]
    head, body = lines[: table.header_rows], lines[table.header_rows:]
    parts = [element("caption", text(caption), id=caption_id), _colgroup(table)]
    if head:
        parts.append(element("thead", "\n" + "\n".join(head) + "\n"))
    parts.append(element("tbody", "\n" + "\n".join(body) + "\n"))
    return element("table", "\n" + "\n".join(parts) + "\n", **TABLE_ATTRIBUTES)
