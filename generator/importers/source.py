"""What every reader of a published report hands on: text blocks and tables in reading order,
each with where it was found. Nothing here knows the official formats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..report import Location, Run

MAX_COLUMNS = 64  # the widest statutory table has 15 columns
# Marks that only steer where a line may break, invisible in print: word joiner (nianbao's own
# DOCX keeps URLs and telephone numbers whole with it), zero-width space (Word, CMS editors),
# byte order mark, soft hyphen. They are no part of what a report says.
_LINE_BREAK_MARKS = re.compile("[\u2060\u200b\ufeff\u00ad]")


def printed(text: str) -> str:
    """Text as a reader sees it on the page."""
    return _LINE_BREAK_MARKS.sub("", text)


@dataclass
class SourceCell:
    """One printed cell as the source has it: text, and its place on the table's grid (0-based)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    doubt: str = ""  # why the text read may not be the cell's (a PDF's digits crossing its edge)

    def __post_init__(self) -> None:
        self.text = printed(self.text)

    @property
    def end(self) -> int:
        return self.col + self.colspan


@dataclass
class SourceTable:
    """A table as printed: the cells each row itself holds (merged cells appear once, in their
    first row). `number` counts the document's tables from 1; `page` is 0 where there are none."""

    rows: list[list[SourceCell]]
    number: int
    page: int = 0
    scope: tuple[int, ...] = ()  # the enclosing elements of a web page, outermost first

    @property
    def width(self) -> int:
        return max((c.end for row in self.rows for c in row), default=0)

    def location(self, row: int = -1, col: int = -1) -> Location:
        return Location(page=self.page, table=self.number, row=row + 1, column=col + 1)


@dataclass
class TextBlock:
    """A paragraph as printed. `heading` is what the source's own styles say (None: they say nothing)."""

    runs: list[Run]
    location: Location
    heading: bool | None = None
    scope: tuple[int, ...] = ()  # the enclosing elements of a web page, outermost first

    def __post_init__(self) -> None:
        self.runs = [Run(printed(r.text), r.bold) for r in self.runs]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class SourceDocument:
    """A published report as read: blocks and tables in reading order, and title candidates found
    outside the body (a web page's <title>, its article-title metadata)."""

    items: list[TextBlock | SourceTable]
    path: str = ""
    titles: list[str] = field(default_factory=list)
    # Where a web page says it is published (its site's name and address): the report's website.
    site_name: str = ""
    site_url: str = ""

    @property
    def tables(self) -> list[SourceTable]:
        return [i for i in self.items if isinstance(i, SourceTable)]

    @property
    def blocks(self) -> list[TextBlock]:
        return [i for i in self.items if isinstance(i, TextBlock)]


def place_cells(rows: list[list[tuple[str, int, int]]]) -> list[list[SourceCell]]:
    """Cells given per row as (text, rowspan, colspan) -> their grid places, as HTML lays a table
    out: each cell takes the first column not held by a cell spanning down from a row above."""
    held: set[tuple[int, int]] = set()
    placed: list[list[SourceCell]] = []
    for r, row in enumerate(rows):
        col = 0
        out = []
        for text, rowspan, colspan in row:
            while (r, col) in held:
                col += 1
            # A span past the table's end (or an absurd one in a hostile file) stops at the end.
            rowspan, colspan = min(max(1, rowspan), len(rows) - r), min(max(1, colspan), MAX_COLUMNS)
            for dr in range(rowspan):
                for dc in range(colspan):
                    held.add((r + dr, col + dc))
            out.append(SourceCell(text, r, col, rowspan, colspan))
            col += colspan
        placed.append(out)
    return placed
