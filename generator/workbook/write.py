"""Format (and optionally a filled report) -> the Excel workbook a clerk fills in."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UserError
from ..files import write_atomically
from ..formats import Choice, Field, Format, Kind, Table
from ..report import INFO_FIELDS, Paragraph, Report, Value
from .cellref import cell_name
from .layout import (
    FORMAT_ROW,
    HELP_SHEET,
    INFO_SHEET,
    INFO_TOP,
    KIND_BODY,
    KIND_HEADING,
    META_SHEET,
    PARAGRAPH_KINDS,
    TABLE_TOP,
    TEMPLATE_VERSION,
    TEXT_ROWS,
    TEXT_SHEET,
    TEXT_TOP,
    TablePlace,
    info_cells,
    info_choices,
    part_marker,
    parts,
    table_choices,
    table_sheet,
    total_formula,
)
from .styles import (
    BORDER,
    CENTER,
    FONT_NAME,
    INPUT_FILL,
    LABEL_FILL,
    LEFT,
    MARKER_FILL,
    TOP_LEFT,
    TOTAL_FILL,
    UNUSED_FILL,
    boxed,
    print_a4,
)

NUMBER_FORMATS = {Kind.COUNT: "0", Kind.SIGNED: "+0;-0;0", Kind.MONEY: "0.00"}

EXCEL_CELL_LIMIT = 32767
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")  # text that would read as an escape must itself be escaped
TABLE_HINT = "白色格填写数字（不要留空，没有就填0）；灰色格为官方表格的标签；绿色格为自动合计，不要改动。"


def blank_report(fmt: Format, organ: str, year: int) -> Report:
    """The report a fresh template stands for: organ and year known, everything else empty."""
    return Report(format_id=fmt.id, organ=organ, year=year)


def write_workbook(report: Report, path: Path, force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Write the workbook for `report` (blank or filled) to `path`, atomically; an existing file
    only with `force`."""
    data = workbook_bytes(workbook_for(report))
    write_atomically(Path(path), lambda tmp: tmp.write_bytes(data), inputs, force)


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file in memory. Saved straight to disk, openpyxl leaves its zip open when the disk
    fills, and Python then prints a traceback at exit; bytes are written in one step instead."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workbook_for(report: Report) -> Workbook:
    fmt = report.format
    wb = Workbook()
    help_sheet = wb.active
    help_sheet.title = HELP_SHEET
    _write_info(wb.create_sheet(INFO_SHEET), fmt, report)
    _write_text(wb.create_sheet(TEXT_SHEET), fmt, report)
    validations = _Validations()
    for table in fmt.tables:
        ws = wb.create_sheet(table_sheet(table))
        _write_table(ws, fmt, table, report, validations)
        validations.attach(ws)
    _write_help(help_sheet, fmt)
    meta = wb.create_sheet(META_SHEET)
    meta.append(["generator", "nianbao"])
    meta.append(["template_version", TEMPLATE_VERSION])
    meta.append(["format", fmt.id])
    meta.sheet_state = "veryHidden"
    wb.active = wb.sheetnames.index(INFO_SHEET)
    wb.properties.creator = "nianbao"
    wb.properties.title = f"{report.year or ''}年{report.organ}政府信息公开工作年度报告（填报）"
    return wb


# --- shared cell styling -------------------------------------------------------------------


def _label(ws: Worksheet, row: int, col: int, text: str, *, bold: bool = False, align=CENTER) -> None:
    boxed(ws.cell(row, col, text), bold=bold, fill=LABEL_FILL, align=align)


def _input(ws: Worksheet, row: int, col: int, value=None, *, align=CENTER, number_format: str = "General",
           what: str = ""):
    """An input cell. Text stays text: a clerk's "=…" is never written as a formula (a spreadsheet
    would run it), and text longer than a cell holds is refused, never cut."""
    c = boxed(ws.cell(row, col), size=11, fill=INPUT_FILL, align=align, locked=False)
    if isinstance(value, str):
        _fits(value, what or f"{ws.title}!{cell_name(row, col)}")
    c.value = value
    if c.data_type == "f":
        c.data_type = "s"
    c.number_format = number_format
    return c


def _fits(text: str, what: str) -> None:
    if len(text) > EXCEL_CELL_LIMIT:
        raise UserError(f"{what}有{len(text)}字，超过 Excel 单元格最多 {EXCEL_CELL_LIMIT} 字的上限，"
                        "无法写入工作簿；请删减（正文可分成几段）")


def _title(ws: Worksheet, text: str, hint: str, width: int) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    t = ws.cell(1, 1, text)
    t.font = Font(name="黑体", size=14, bold=True)
    t.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 26
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    h = ws.cell(2, 1, hint)
    h.font = Font(name=FONT_NAME, size=10, color="C00000")
    h.alignment = LEFT
    ws.row_dimensions[2].height = 30


def _protect(ws: Worksheet, *, insert_rows: bool = False) -> None:
    """Guard labels and formulas against slips; every input cell stays editable (no password)."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False  # False = allowed: clerks may widen columns and rows
    p.formatRows = False
    if insert_rows:
        p.insertRows = False
        p.deleteRows = False
        p.formatCells = False  # bold in the narrative


class _Validations:
    """One data validation per kind of cell, collecting the cells it applies to."""

    def __init__(self) -> None:
        self.rules: dict[str, DataValidation] = {}

    def add(self, kind: str, ref: str, options: tuple[str, ...] = ()) -> None:
        key = kind + "|".join(options)
        if key not in self.rules:
            self.rules[key] = _validation(kind, options)
        self.rules[key].add(ref)

    def attach(self, ws: Worksheet) -> None:
        for dv in self.rules.values():
            ws.add_data_validation(dv)
        self.rules = {}


def _validation(kind: str, options: tuple[str, ...]) -> DataValidation:
    if kind == "choice":
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
        dv.error = f"请从下拉列表中选择：{'、'.join(options)}"
    elif kind == Kind.SIGNED:
        dv = DataValidation(type="whole", operator="between", formula1="-999999999", formula2="999999999")
        dv.error = "请填写整数，减少时填负数（如 -8）"
    elif kind == Kind.MONEY:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        dv.error = "请填写不小于0的金额，最多两位小数"
    elif kind == "year":
        dv = DataValidation(type="whole", operator="between", formula1="2019", formula2="2100")
        dv.error = "请填写四位数的年份，如 2025"
    else:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        dv.error = "请填写不小于0的整数（没有就填0）"
    dv.errorTitle = "填写有误"
    dv.showErrorMessage = True
    return dv


# --- 基本信息 ------------------------------------------------------------------------------


def _write_info(ws: Worksheet, fmt: Format, report: Report) -> None:
    _title(ws, "基本信息", "带 * 的为必填项。机关名称和年度用于报告标题，联系方式用于报告开头的说明。", 3)
    values = {"organ": report.organ, "year": report.year, **report.contacts}
    dv = _Validations()
    for f in INFO_FIELDS:
        _, row = info_cells(fmt)[f.key]
        _label(ws, row, 1, f.label + (" *" if f.required else ""), bold=True, align=LEFT)
        value = values.get(f.key) or None
        _input(ws, row, 2, excel_escape(value) if isinstance(value, str) else value, align=LEFT, what=f"“{f.label}”")
        _hint(ws, row, 3, f.hint)
    dv.add("year", cell_name(info_cells(fmt)["year"][1], 2))
    _label(ws, FORMAT_ROW, 1, "报告格式", bold=True, align=LEFT)
    _label(ws, FORMAT_ROW, 2, f"{fmt.id}（{fmt.issued_by}）", align=LEFT)
    _hint(ws, FORMAT_ROW, 3, "由 nianbao 按年度确定，不能修改")
    if info_choices(fmt):
        _label(ws, FORMAT_ROW + 1, 1, "第六部分需报告的信息处理费情况", bold=True, align=LEFT)
        ws.merge_cells(start_row=FORMAT_ROW + 1, start_column=1, end_row=FORMAT_ROW + 1, end_column=3)
        for c in info_choices(fmt):
            _choice_row(ws, fmt, c, report, dv, label_col=1)
    dv.attach(ws)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 34
    for row in range(INFO_TOP, FORMAT_ROW + 2 + len(info_choices(fmt))):
        ws.row_dimensions[row].height = 30
    ws.freeze_panes = f"A{INFO_TOP}"
    _protect(ws)
    print_a4(ws, centered=False)


def _hint(ws: Worksheet, row: int, col: int, text: str) -> None:
    c = ws.cell(row, col, text or None)
    c.font = Font(name=FONT_NAME, size=9, color="595959")
    c.alignment = LEFT  # wraps inside the column, so the sheet still prints one page wide


def _choice_row(ws: Worksheet, fmt: Format, choice: Choice, report: Report, dv: _Validations, label_col: int):
    _, row = info_cells(fmt)[choice.key]
    label = choice.label + (f"（{choice.unit}）" if choice.unit else "") + (" *" if choice.required else "")
    _label(ws, row, label_col, label, bold=True, align=LEFT)
    value = report.choices.get(choice.key)
    kind = choice.number_kind
    fmt_code = NUMBER_FORMATS[kind] if kind else "General"
    _input(ws, row, label_col + 1, _cell_content(value), align=LEFT, number_format=fmt_code)
    dv.add(str(kind or choice.kind), cell_name(row, label_col + 1), choice.options)
    _hint(ws, row, label_col + 2, choice.hint)


def _cell_content(v: Value | None):
    """What to put in a cell for a value read earlier: its number, else what was typed."""
    if v is None:
        return None
    if v.number is not None:
        return float(v.number) if isinstance(v.number, Decimal) else v.number
    return excel_escape(v.raw) if isinstance(v.raw, str) else v.raw


# --- 正文 ---------------------------------------------------------------------------------


def _write_text(ws: Worksheet, fmt: Format, report: Report) -> None:
    _title(
        ws,
        "正文（报告的文字部分）",
        "每行填一段。“类型”选“正文”或“小标题”（单独成行的（一）、1. 等标题）。"
        "可在单元格中把部分文字设为加粗，报告中保留。行不够可插入行。",
        2,
    )
    _label(ws, 3, 1, "类型", bold=True)
    _label(ws, 3, 2, "内容（一行一段）", bold=True)
    dv = _Validations()
    row = TEXT_TOP
    for part in parts(fmt):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        m = ws.cell(row, 1, part_marker(fmt, part))
        m.font = Font(name="黑体", size=11, bold=True)
        m.fill = MARKER_FILL
        m.alignment = LEFT
        m.border = BORDER
        row += 1
        paragraphs = report.narrative(part)
        for i in range(max(TEXT_ROWS.get(part, 3), len(paragraphs) + 2)):
            p = paragraphs[i] if i < len(paragraphs) else None
            _input(ws, row, 1, (KIND_HEADING if p.heading else KIND_BODY) if p else None)
            _input(ws, row, 2, _rich(p) if p else None, align=TOP_LEFT)
            if p:
                # Neither LibreOffice nor a print preview fits wrapped rows: ~54 characters a line.
                ws.row_dimensions[row].height = min(409, 15 * (1 + len(p.text) // 54))
            row += 1
    dv.add("choice", f"A{TEXT_TOP}:A{row + 500}", PARAGRAPH_KINDS)
    dv.attach(ws)
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 110
    ws.freeze_panes = f"A{TEXT_TOP}"
    _protect(ws, insert_rows=True)
    print_a4(ws, title_rows="3:3")


def _rich(p: Paragraph) -> CellRichText | str:
    _fits(p.text, f"正文“{p.text[:12]}…”一段")
    if not any(r.bold for r in p.runs):
        return excel_escape(p.text)
    return CellRichText(
        *(TextBlock(InlineFont(b=True), excel_escape(r.text)) if r.bold else excel_escape(r.text)
          for r in p.runs if r.text)
    )


def excel_escape(text: str) -> str:
    """Excel's own escape for characters a cell cannot hold (_x000B_); the reader undoes it."""
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


# --- the statutory tables ------------------------------------------------------------------


def _write_table(ws: Worksheet, fmt: Format, table: Table, report: Report, dv: _Validations) -> None:
    place = TablePlace(ws.title, table)
    _title(ws, fmt.section(table.section).heading, TABLE_HINT, table.columns)
    fields = table.fields_by_key
    for c in table.cells:
        row, col = place.at(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + c.rowspan - 1,
                           end_column=col + c.colspan - 1)
            for r in range(row, row + c.rowspan):
                for cc in range(col, col + c.colspan):
                    ws.cell(r, cc).border = BORDER
        if not c.is_value:
            _label(ws, row, col, c.text or None, bold=c.row < table.header_rows)
            if not c.text:
                ws.cell(row, col).fill = UNUSED_FILL
            continue
        f = fields[c.field]
        value = report.values.get(f.key)
        if f.is_total and _is_untouched_total(report, f, value):
            cell = boxed(ws.cell(row, col, total_formula(fmt, f)), size=11, bold=True, fill=TOTAL_FILL)
            cell.number_format = NUMBER_FORMATS[f.kind]
        else:
            _input(ws, row, col, _cell_content(value), number_format=NUMBER_FORMATS[f.kind])
            dv.add(f.kind, cell_name(row, col))
    for i, choice in enumerate(table_choices(fmt, table)):
        _choice_row(ws, fmt, choice, report, dv, label_col=1)
        ws.merge_cells(start_row=place.choices_top + i, start_column=3, end_row=place.choices_top + i,
                       end_column=table.columns)
    _size_columns(ws, table)
    for r in range(TABLE_TOP, TABLE_TOP + table.rows):
        ws.row_dimensions[r].height = 30 if table.columns <= 4 else 34
    first_value = min((c for c in table.cells if c.is_value), key=lambda c: (c.row, c.col))
    ws.freeze_panes = cell_name(TABLE_TOP + table.header_rows, 1 + (first_value.col if table.header_rows else 0))
    _protect(ws)
    header = f"{TABLE_TOP}:{TABLE_TOP + table.header_rows - 1}" if table.header_rows else None
    print_a4(ws, landscape=table.columns > 10, title_rows=header)


def _is_untouched_total(report: Report, f: Field, value: Value | None) -> bool:
    """A total is written as its formula unless the clerk's value differs from the parts' sum."""
    if report.is_computed(f.key):
        return True
    return (value is not None and value.number is not None and not value.problem
            and value.number == report.amount_of_parts(f.key))


def _size_columns(ws: Worksheet, table: Table) -> None:
    unit = 60 / sum(table.widths) if table.columns <= 4 else 150 / sum(table.widths)
    for i, w in enumerate(table.widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(7.5, w * unit)


# --- 填写说明 -----------------------------------------------------------------------------


def _write_help(ws: Worksheet, fmt: Format) -> None:
    sheets = "、".join(f"“{table_sheet(t)}”" for t in fmt.tables)
    required = "、".join(s.number for s in fmt.sections if s.required)
    lines = [
        ("填写说明", True),
        (f"本工作簿用于编制政府信息公开工作年度报告，适用格式：{fmt.title}（{fmt.issued_by}）。", False),
        ("一、填写顺序", True),
        ("1. “基本信息”：机关名称、年度、联系方式和发布网站（带 * 的必填）。", False),
        (f"2. “正文”：报告的文字部分，每行一段。第{required}部分必填"
         f"（第{fmt.sections[-1].number}部分没有需要报告的事项时可写“无”）。"
         "“类型”选“小标题”表示单独成行的（一）、1. 等标题；标题后紧接正文的，整段选“正文”即可。"
         "需要加粗的文字，在单元格中选中后设为加粗。", False),
        (f"3. {sheets}：与官方表格一一对应，白色格填写数字。", False),
        ("二、数字怎么填", True),
        *_number_hints(fmt),
        ("三、勾稽关系（检查会逐项核对）", True),
        *_rule_lines(fmt),
        ("四、填好以后", True),
        ("在命令行运行 nianbao check 本文件.xlsx 检查，再运行 nianbao generate 本文件.xlsx 生成 Word 报告。", False),
        ("工作表已加保护以防误改标签和公式（没有密码）；请不要重命名、删除工作表，也不要在表格中插入行。", False),
    ]
    for i, (text, bold) in enumerate(lines, start=1):
        c = ws.cell(i, 1, text)
        c.font = Font(name="黑体" if bold else FONT_NAME, size=14 if i == 1 else 11, bold=bold)
        c.alignment = LEFT
        # LibreOffice does not fit wrapped rows on opening: size them for the ~46 characters a line holds.
        ws.row_dimensions[i].height = 16 * -(-len(text) // 46) + 6
    ws.column_dimensions["A"].width = 78
    _protect(ws)
    print_a4(ws, centered=False)


def _number_hints(fmt: Format) -> list[tuple[str, bool]]:
    """How to type numbers, from the kinds of the format's fields."""
    hints = [
        "所有统计数都是不小于0的整数；没有就填 0，不要留空（留空按 0 计算，检查时会提示）。",
        "绿色格是自动合计（公式），不要改动；改动后检查时会按各分项重新核对。",
    ]
    if any(f.kind is Kind.MONEY for f in fmt.fields.values()):
        hints.append("金额只填数字，单位见表头或旁边的说明。")
    signed = dict.fromkeys(f.column_label for f in fmt.fields.values() if f.kind is Kind.SIGNED)
    if signed:
        labels = "、".join(f"“{label}”" for label in signed)
        hints.append(f"{labels}可填负数，减少时填如 -8。")
    return [(f"{i}. {text}", False) for i, text in enumerate(hints, start=1)]


def _rule_lines(fmt: Format) -> list[tuple[str, bool]]:
    """One line per rule of the format, in its words, with the part it applies to."""
    lines: list[tuple[str, bool]] = []
    seen: set[str] = set()
    order = [t.id for t in fmt.tables]
    for rule in sorted(fmt.rules, key=lambda r: order.index(fmt.fields[r.left[0].field].table)):
        if rule.id in seen:
            continue
        seen.add(rule.id)
        table = fmt.table(fmt.fields[rule.left[0].field].table)
        how = "逐列核对" if rule.scope.endswith("列") else "逐行核对" if rule.scope.endswith("行") else ""
        notes = [how] if how else []
        if rule.across_years:
            notes.append("检查时用 --previous 指定上年工作簿才核对")
        if rule.level.value == "warning":
            notes.append("不一致时提示警告")
        extra = f"（{'，'.join(notes)}）" if notes else ""
        lines.append((f"{len(lines) + 1}. 第{table.section}部分 {rule.id}：{rule.text}{extra}。", False))
    return lines
