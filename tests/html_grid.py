"""Reading published HTML back: a strict parse, each table's grid by the HTML table model, and a
sanitiser configured the way CMS editors whitelist."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import html5lib
import nh3

from generator.content import table_values
from generator.formats import Table
from generator.report import Report

GridCell = tuple[int, int, int, int, str]  # row, column, rowspan, colspan, text

# What UEditor, wangEditor and CKEditor keep by default or as commonly configured: text blocks,
# emphasis, tables with their merges and borders; never style, class, id, script or event handlers.
CMS_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "strong", "b", "em", "i", "u", "span", "div", "a",
            "ul", "ol", "li", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
_CELL = {"rowspan", "colspan", "align", "valign", "width"}
CMS_ATTRIBUTES = {"table": {"border", "cellpadding", "cellspacing", "width", "align"}, "td": _CELL,
                  "th": _CELL | {"scope"}, "col": {"width", "span"}, "a": {"href"}}
# A sparing editor: rows and cells with their spans, nothing else of a table (no caption, no thead).
SPARING_TAGS = {"p", "br", "strong", "b", "h1", "h2", "h3", "h4", "table", "tr", "td", "th"}
SPARING_ATTRIBUTES = {"td": {"rowspan", "colspan"}, "th": {"rowspan", "colspan"}}


def sanitise(html: str, sparing: bool = False) -> str:
    if sparing:
        return nh3.clean(html, tags=SPARING_TAGS, attributes=SPARING_ATTRIBUTES, strip_comments=True)
    return nh3.clean(html, tags=CMS_TAGS, attributes=CMS_ATTRIBUTES, strip_comments=True)


def parse(text: str, fragment: bool = False, strict: bool = True) -> Element:
    """Parse as a browser would; `strict` fails on any parse error (control characters, stray tags, bad nesting)."""
    parser = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=False)
    return parser.parseFragment(text) if fragment else parser.parse(text)


def text_of(element: Element) -> str:
    return "".join(element.itertext())


def positioned(table: Element) -> list[tuple[int, int, int, int, Element]]:
    """The cells of an HTML table where the HTML table model puts them (rowspans take their slots)."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            cells.append((r, c, rowspan, colspan, cell))
            c += colspan
    return cells


def grid(table: Element) -> list[GridCell]:
    return sorted((r, c, rs, cs, text_of(cell)) for r, c, rs, cs, cell in positioned(table))


def expected_grid(table: Table, report: Report) -> list[GridCell]:
    """The format's grid with the report's values as printed."""
    values = table_values(report)
    return sorted((c.row, c.col, c.rowspan, c.colspan, values[c.field] if c.is_value else c.text)
                  for c in table.cells)


def grids(root: Element) -> list[list[GridCell]]:
    return [grid(t) for t in root.iter("table")]
