"""The 汇总单位 sheet of a summary workbook: every unit given, whether it was summed, its key figures."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .aggregate import KEY_FIGURES, Unit
from .layout import META_SHEET

UNIT_SHEET = "汇总单位"

_LINE = Side(style="thin", color="808080")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_HEAD_FILL = PatternFill("solid", fgColor="E7E6E6")
_LEFT_OUT_FILL = PatternFill("solid", fgColor="FCE4D6")  # a unit missing from the sums must catch the eye
_WRAP = Alignment(vertical="center", wrap_text=True)
_MIDDLE = Alignment(horizontal="center", vertical="center", wrap_text=True)

# (heading, width in characters); the key figures follow 状态.
_COLUMNS_BEFORE = (("序号", 6), ("文件", 30), ("机关名称", 28), ("状态", 14))
_COLUMNS_AFTER = (("错误", 6), ("警告", 6), ("第一处错误（全部错误用 nianbao check 查看）", 60))
_TOP = 3  # row 1: title, row 2: what the sheet is
_PROBLEM_CHARS_A_LINE = 28  # Chinese characters the error column holds a line


def add_unit_sheet(wb: Workbook, units: list[Unit]) -> None:
    """Add the unit list to a summary workbook, after the statutory tables; the reader never looks at it."""
    ws = wb.create_sheet(UNIT_SHEET, index=wb.sheetnames.index(META_SHEET))
    columns = (*_COLUMNS_BEFORE, *((label, 10) for label, _ in KEY_FIGURES), *_COLUMNS_AFTER)
    included = sum(u.included for u in units)
    ws.cell(1, 1, "汇总单位名单").font = Font(name="黑体", size=14, bold=True)
    ws.cell(2, 1, f"共{len(units)}个工作簿，{included}个单位计入汇总；底色标出的单位没有计入。"
                  "数字为各单位工作簿中的合计数。").font = Font(name="宋体", size=10, color="C00000")
    for col, (label, width) in enumerate(columns, start=1):
        _put(ws.cell(_TOP, col, label), bold=True, fill=_HEAD_FILL)
        ws.column_dimensions[get_column_letter(col)].width = width
    for n, unit in enumerate(units, start=1):
        row = (n, unit.path.name, unit.organ, str(unit.status), *unit.key_figures())
        row += ("",) * (len(_COLUMNS_BEFORE) + len(KEY_FIGURES) - len(row))
        problem = unit.unreadable or (unit.errors[0] if unit.errors else "")
        row += (len(unit.errors) if unit.readable else "", unit.warnings if unit.readable else "", problem)
        for col, value in enumerate(row, start=1):
            _put(ws.cell(_TOP + n, col, value), fill=None if unit.included else _LEFT_OUT_FILL,
                 align=_MIDDLE if isinstance(value, int) else _WRAP)
        # Neither Excel nor LibreOffice grows a wrapped row on opening: size it for the error text.
        ws.row_dimensions[_TOP + n].height = 14 * (1 + len(problem) // _PROBLEM_CHARS_A_LINE)
    last = _TOP + len(units) + 1
    _put(ws.cell(last, 2, "合计（计入汇总的单位）"), bold=True, fill=_HEAD_FILL)
    for i, _ in enumerate(KEY_FIGURES):
        col = len(_COLUMNS_BEFORE) + 1 + i
        _put(ws.cell(last, col, sum(u.key_figures()[i] for u in units if u.included)), bold=True, align=_MIDDLE)
    ws.freeze_panes = ws.cell(_TOP + 1, 3)
    ws.auto_filter.ref = f"A{_TOP}:{get_column_letter(len(columns))}{_TOP + len(units)}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{_TOP}:{_TOP}"


def _put(cell, *, bold: bool = False, fill: PatternFill | None = None, align: Alignment = _MIDDLE) -> None:
    cell.font = Font(name="宋体", size=10, bold=bold)
    cell.border = _BOX
    cell.alignment = align
    if fill is not None:
        cell.fill = fill
