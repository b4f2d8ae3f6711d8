"""Where everything sits in the workbook: derived from the format, shared by writer and reader."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..formats import Choice, Field, Format, Section, Table
from ..report import INFO_FIELDS, PREAMBLE, Location
from .cellref import cell_name

TEMPLATE_VERSION = 1  # bump when a workbook made by an older version can no longer be read
META_SHEET = "_nianbao"  # very hidden: what made the workbook and for which format
INFO_SHEET = "基本信息"
TEXT_SHEET = "正文"
HELP_SHEET = "填写说明"

TABLE_TOP = 3  # row 1: title, row 2: how to fill it in, then the official table
INFO_TOP = 4  # first row of the 基本信息 fields
TEXT_TOP = 4  # first row of the 正文 parts (row 3 holds the column heads)

KIND_BODY = "正文"
KIND_HEADING = "小标题"
PARAGRAPH_KINDS = (KIND_BODY, KIND_HEADING)

# Empty rows offered under each part of the 正文 sheet (clerks may insert more).
TEXT_ROWS = {PREAMBLE: 4, "一": 40, "二": 3, "三": 3, "四": 3, "五": 20, "六": 10}


def table_sheet(table: Table) -> str:
    return table.name


@dataclass(frozen=True)
class TablePlace:
    sheet: str
    table: Table

    def at(self, grid_row: int, grid_col: int) -> tuple[int, int]:
        """Excel (row, column), 1-based, of a cell of the official grid."""
        return TABLE_TOP + grid_row, 1 + grid_col

    @property
    def choices_top(self) -> int:
        """First row below the table, after one spare row, where its own facts are asked."""
        return TABLE_TOP + self.table.rows + 1


@cache
def field_cells(fmt: Format) -> dict[str, tuple[str, int, int]]:
    """field key -> (sheet, row, column) for every statistical value of the format."""
    out = {}
    for table in fmt.tables:
        place = TablePlace(table_sheet(table), table)
        for c in table.cells:
            if c.is_value:
                out[c.field] = (place.sheet, *place.at(c.row, c.col))
    return out


def cell_of(fmt: Format, key: str) -> str:
    """Where a clerk finds a value: '三、依申请公开!D6'."""
    return str(field_location(fmt, key))


@cache
def total_formula(fmt: Format, f: Field) -> str:
    """The formula of a total: a SUM over a contiguous range when the parts are one."""
    cells = [field_cells(fmt)[k][1:] for k in f.sum_of]
    rows = {r for r, _ in cells}
    cols = {c for _, c in cells}
    contiguous = (
        (len(rows) == 1 and max(cols) - min(cols) + 1 == len(cells))
        or (len(cols) == 1 and max(rows) - min(rows) + 1 == len(cells))
    )
    if contiguous:
        return f"=SUM({cell_name(*min(cells))}:{cell_name(*max(cells))})"
    return "=" + "+".join(cell_name(r, c) for r, c in cells)


def info_choices(fmt: Format) -> tuple[Choice, ...]:
    return tuple(c for c in fmt.choices if not c.table)


def table_choices(fmt: Format, table: Table) -> tuple[Choice, ...]:
    return tuple(c for c in fmt.choices if c.table == table.id)


@cache
def info_cells(fmt: Format) -> dict[str, tuple[str, int]]:
    """基本信息 key (and 基本信息 choices) or table choice key -> (sheet, row); values sit in column B."""
    out: dict[str, tuple[str, int]] = {}
    row = INFO_TOP
    for f in INFO_FIELDS:
        out[f.key] = (INFO_SHEET, row)
        row += 1
    row += 2  # the format line and a heading before the facts asked outside the tables
    for c in info_choices(fmt):
        out[c.key] = (INFO_SHEET, row)
        row += 1
    for table in fmt.tables:
        place = TablePlace(table_sheet(table), table)
        for i, c in enumerate(table_choices(fmt, table)):
            out[c.key] = (place.sheet, place.choices_top + i)
    return out


FORMAT_ROW = INFO_TOP + len(INFO_FIELDS)


def part_marker(fmt: Format, part: str) -> str:
    """The locked row that opens a part of the 正文 sheet."""
    if part == PREAMBLE:
        return "前言（可不填：不填时按标准格式自动生成“编制依据、统计期限、下载网址和联系方式”）"
    section = fmt.section(part)
    if section.table:
        sheet = table_sheet(fmt.table(section.table))
        return f"{section.heading}（表格在“{sheet}”工作表中填写；这里可写表格前的说明，可不填）"
    return f"{section.heading}（{'必填' if section.required else '可不填'}）"


def parts(fmt: Format) -> tuple[str, ...]:
    return (PREAMBLE, *(s.number for s in fmt.sections))


def part_of_marker(fmt: Format, text: str) -> str | None:
    """Which part a marker row opens, recognising the official heading or a local variant."""
    text = text.strip()
    if text.startswith(PREAMBLE):
        return PREAMBLE
    for s in fmt.sections:
        if any(text.startswith(h) for h in _headings(s)):
            return s.number
    return None


def _headings(section: Section) -> tuple[str, ...]:
    return (section.heading, *section.aliases)


def field_location(fmt: Format, key: str) -> Location:
    """The cell of a table value in the format's workbook."""
    sheet, row, col = field_cells(fmt)[key]
    return Location(sheet=sheet, cell=cell_name(row, col))


def info_location(fmt: Format, key: str) -> Location:
    """The cell of a 基本信息 item or of a choice (column B of its row)."""
    sheet, row = info_cells(fmt)[key]
    return Location(sheet=sheet, cell=cell_name(row, 2))
