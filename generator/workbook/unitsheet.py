"""The 汇总单位 sheet of a summary workbook: every unit given, whether it was summed, its key figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..report import Number
from .layout import META_SHEET
from .styles import ALERT_FILL, CENTER, LABEL_FILL, LEFT, print_a4
from .styles import boxed as _boxed

UNIT_SHEET = "汇总单位"

# (heading, width in characters); the key figures follow 状态.
_COLUMNS_BEFORE = (("序号", 6), ("文件", 30), ("机关名称", 28), ("状态", 14))
_COLUMNS_AFTER = (("错误", 6), ("警告", 6), ("第一处错误（全部错误用 nianbao check 查看）", 60))
_TOP = 3  # row 1: title, row 2: what the sheet is
_PROBLEM_CHARS_A_LINE = 28  # Chinese characters the error column holds a line


@dataclass(frozen=True)
class UnitRow:
    """One unit as the office sees it in the list."""

    file: str
    organ: str
    status: str
    included: bool
    figures: tuple[Number, ...] = ()  # the key figures; empty when the file could not be read
    errors: int | None = None  # None when the file could not be read
    warnings: int | None = None
    problem: str = ""  # why it could not be read, or its first error


def add_unit_sheet(wb: Workbook, figure_labels: Sequence[str], rows: Sequence[UnitRow]) -> None:
    """Add the unit list to a summary workbook, after the statutory tables; the reader never looks at it."""
    ws = wb.create_sheet(UNIT_SHEET, index=wb.sheetnames.index(META_SHEET))
    columns = (*_COLUMNS_BEFORE, *((label, 10) for label in figure_labels), *_COLUMNS_AFTER)
    included = [r for r in rows if r.included]
    ws.cell(1, 1, "汇总单位名单").font = Font(name="黑体", size=14, bold=True)
    ws.cell(2, 1, f"共{len(rows)}个工作簿，{len(included)}个单位计入汇总；底色标出的单位没有计入。"
                  "数字为各单位工作簿中的合计数。").font = Font(name="宋体", size=10, color="C00000")
    for col, (label, width) in enumerate(columns, start=1):
        _boxed(ws.cell(_TOP, col, label), bold=True, fill=LABEL_FILL)
        ws.column_dimensions[get_column_letter(col)].width = width
    for n, unit in enumerate(rows, start=1):
        figures = unit.figures or ("",) * len(figure_labels)
        values = (n, unit.file, unit.organ, unit.status, *figures,
                  "" if unit.errors is None else unit.errors, "" if unit.warnings is None else unit.warnings,
                  unit.problem)
        for col, value in enumerate(values, start=1):
            _boxed(ws.cell(_TOP + n, col, value), fill=None if unit.included else ALERT_FILL,
                   align=CENTER if isinstance(value, int) else LEFT)
        # Neither Excel nor LibreOffice grows a wrapped row on opening: size it for the error text.
        ws.row_dimensions[_TOP + n].height = 14 * (1 + len(unit.problem) // _PROBLEM_CHARS_A_LINE)
    last = _TOP + len(rows) + 1
    _boxed(ws.cell(last, 2, "合计（计入汇总的单位）"), bold=True, fill=LABEL_FILL)
    for i in range(len(figure_labels)):
        col = len(_COLUMNS_BEFORE) + 1 + i
        _boxed(ws.cell(last, col, sum(r.figures[i] for r in included)), bold=True)
    ws.freeze_panes = ws.cell(_TOP + 1, 3)
    ws.auto_filter.ref = f"A{_TOP}:{get_column_letter(len(columns))}{_TOP + len(rows)}"
    print_a4(ws, landscape=True, title_rows=f"{_TOP}:{_TOP}", centered=False)
