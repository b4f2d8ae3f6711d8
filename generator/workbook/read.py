"""A filled workbook -> Report. Accepts what clerks really type; never writes to the file."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import UnreadableInput
from ..formats import FORMATS, Format, Table
from ..report import INFO_FIELDS, PREAMBLE, Location, Paragraph, Report, Run, Value, format_number, readable_text
from ..report.numbers import SPACES, parse_number, parse_year
from .cellref import cell_name
from .layout import (
    KIND_HEADING,
    META_SHEET,
    TEMPLATE_VERSION,
    TEXT_SHEET,
    TEXT_TOP,
    TablePlace,
    info_cells,
    part_of_marker,
    table_sheet,
    total_formula,
)
from .xlsx import MAX_CELLS, TooManyCells, XCell, XlsxBook, XlsxError, XSheet

CLEARED_TOTAL = "合计公式被删除"
# Refuse archives that unpack to more than this before opening them (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ENDS = " \t\r\n\u3000\u00a0"  # what clerks leave around text: spaces, full-width indents, line ends


class WorkbookError(UnreadableInput):
    """The file is not a workbook nianbao can read; the message says why, in Chinese."""


def read_workbook(path: Path | str) -> Report:
    """Read a workbook made by `nianbao template` and filled by a clerk."""
    path = Path(path)
    with _open(path) as wb:
        fmt = _format_of(wb, path)
        report = Report(format_id=fmt.id, source=str(path))
        _read_info(wb, fmt, report, path)
        _read_text(wb, fmt, report, path)
        for table in fmt.tables:
            _read_table(_sheet(wb, table_sheet(table), path), fmt, table, report, path)
    return report


# --- opening -------------------------------------------------------------------------------


def _open(path: Path):
    if not path.exists():
        raise WorkbookError(f"找不到文件：{path}")
    if path.is_dir():
        raise WorkbookError(f"这是一个文件夹，不是工作簿：{path}")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise WorkbookError(f"无法打开文件（{e.strerror}）：{path}") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookError(
            f"{path.name} 是旧版 .xls 工作簿或设置了打开密码的工作簿，无法读取。"
            "请在 Excel/WPS 中取消密码，或另存为 .xlsx 后再试"
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise WorkbookError(f"{path.name} 不是 Excel 工作簿（.xlsx），可能已损坏或是改了扩展名的其他文件") from None
    try:
        # The central directory's sizes are checked before anything is unpacked.
        if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise WorkbookError(
                f"{path.name} 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，不像是报告工作簿，已拒绝读取"
            )
        if "xl/workbook.xml" not in archive.namelist():
            if _is_opendocument(archive):
                raise WorkbookError(f"{path.name} 是 OpenDocument 表格（.ods 格式），不是 .xlsx 工作簿。"
                                    "请在 WPS、Excel 或 LibreOffice 中“另存为”Excel 工作簿（.xlsx）后再用")
            raise WorkbookError(f"{path.name} 不是 Excel 工作簿（缺少工作簿内容）")
        # Only cell values are read: the macros of an .xlsm are never run.
        return XlsxBook(archive)
    except XlsxError:
        archive.close()
        raise WorkbookError(f"{path.name} 已损坏或格式不受支持，无法读取") from None
    except WorkbookError:
        archive.close()
        raise


def _is_opendocument(archive: zipfile.ZipFile) -> bool:
    try:
        return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError):
        return False


def _sheet(wb: XlsxBook, name: str, path: Path) -> XSheet:
    if name not in wb.sheetnames:
        raise WorkbookError(
            f"{path.name} 缺少工作表“{name}”（可能被删除或改名）。请把工作表名改回“{name}”，"
            "或用 nianbao template 重新生成工作簿后把数据复制过去"
        )
    try:
        return wb.sheet(name)
    except TooManyCells:
        raise WorkbookError(f"{path.name} 的工作表“{name}”有超过 {MAX_CELLS} 个单元格，不像是报告工作簿"
                            "（可能在很远的行或列里误填了内容），已拒绝读取") from None
    except XlsxError:
        raise WorkbookError(f"{path.name} 的工作表“{name}”已损坏，无法读取") from None


def _format_of(wb: XlsxBook, path: Path) -> Format:
    if META_SHEET not in wb.sheetnames:
        raise WorkbookError(f"{path.name} 不是由 nianbao 生成的填报工作簿。请先运行 nianbao template 生成工作簿再填写")
    sheet = _sheet(wb, META_SHEET, path)
    meta = {str(sheet.cell(r, 1).value).strip(): sheet.cell(r, 2).value for r in sheet.rows()}
    if meta.get("generator") != "nianbao":
        raise WorkbookError(f"{path.name} 不是由 nianbao 生成的填报工作簿")
    if meta.get("template_version") != float(TEMPLATE_VERSION):
        raise WorkbookError(
            f"{path.name} 由不兼容的 nianbao 版本生成（工作簿版本 {meta.get('template_version')}，"
            f"本程序需要版本 {TEMPLATE_VERSION}）。请用 nianbao template 重新生成工作簿"
        )
    fmt = FORMATS.get(str(meta.get("format")))
    if fmt is None:
        raise WorkbookError(f"{path.name} 记录的报告格式“{meta.get('format')}”无法识别")
    return fmt


# --- cells ---------------------------------------------------------------------------------


def clean_text(value: Any) -> str:
    """Text of a label or info cell: Excel escapes decoded, stray spaces at the ends removed."""
    if value is None:
        return ""
    return unescape_excel(_plain(value)).strip(_ENDS)


def unescape_excel(text: str) -> str:
    """Excel stores control characters as _xHHHH_; give the clerk's real characters back (and
    U+FFFD for a code no text may hold, such as a lone surrogate, which the checker points at)."""
    return readable_text(_EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))


def _normalise_formula(text: str) -> str:
    return re.sub(r"[\s$]", "", text).upper().lstrip("=")


# --- sheets --------------------------------------------------------------------------------


def _read_info(wb: XlsxBook, fmt: Format, report: Report, path: Path) -> None:
    places = info_cells(fmt)
    for f in INFO_FIELDS:
        sheet, row = places[f.key]
        ws = _sheet(wb, sheet, path)
        report.locations[f.key] = Location(sheet=sheet, cell=f"B{row}")
        raw = ws.cell(row, 2).value
        if f.key == "organ":
            report.organ = clean_text(raw)
        elif f.key == "year":
            report.year = parse_year(clean_text(raw))
        else:
            report.contacts[f.key] = clean_text(raw)
    for choice in fmt.choices:
        sheet, row = places[choice.key]
        where = Location(sheet=sheet, cell=f"B{row}")
        raw = _sheet(wb, sheet, path).cell(row, 2).value
        if choice.number_kind is None:
            text = clean_text(raw)
            report.choices[choice.key] = Value(location=where, raw=text or None)
        else:
            report.choices[choice.key] = parse_number(raw, choice.number_kind, where, choice.unit)


def _read_text(wb: XlsxBook, fmt: Format, report: Report, path: Path) -> None:
    ws = _sheet(wb, TEXT_SHEET, path)
    part = PREAMBLE
    for row in ws.rows(TEXT_TOP):
        kind_cell, text_cell = ws.cell(row, 1), ws.cell(row, 2)
        if text_cell.value is None and isinstance(kind_cell.value, str):
            marker = part_of_marker(fmt, kind_cell.value)
            if marker:
                part = marker
                # Where a finding about an empty part sends the clerk: the part's first row.
                report.locations[f"section.{part}"] = Location(sheet=TEXT_SHEET, cell=f"B{row + 1}")
                continue
        runs = _runs(text_cell)
        if not runs:
            continue
        heading = clean_text(kind_cell.value) == KIND_HEADING
        report.paragraphs.append(Paragraph(part, runs, heading, Location(sheet=TEXT_SHEET, cell=f"B{row}")))


def _runs(cell: XCell) -> list[Run]:
    """A text cell as runs of plain and bold text, merged and trimmed."""
    if cell.value is None:
        return []
    if cell.runs is not None:
        pieces = [(text, cell.bold if bold is None else bold) for text, bold in cell.runs]
    else:
        pieces = [(_plain(cell.value), cell.bold)]
    runs: list[Run] = []
    for text, bold in pieces:
        text = unescape_excel(text)
        if not text:
            continue
        if runs and runs[-1].bold == bold:
            runs[-1].text += text
        else:
            runs.append(Run(text, bold))
    return _trim(runs)


def _trim(runs: list[Run]) -> list[Run]:
    while runs and not runs[0].text.strip(_ENDS):
        runs.pop(0)
    while runs and not runs[-1].text.strip(_ENDS):
        runs.pop()
    if runs:
        runs[0].text = runs[0].text.lstrip(_ENDS)
        runs[-1].text = runs[-1].text.rstrip(_ENDS)
    return runs


def _plain(value: Any) -> str:
    """A number typed into a text cell, as the clerk sees it (12, not 12.0)."""
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def _read_table(ws: XSheet, fmt: Format, table: Table, report: Report, path: Path) -> None:
    place = TablePlace(ws.name, table)
    fields = table.fields_by_key
    for c in table.cells:
        row, col = place.at(c.row, c.col)
        where = Location(sheet=ws.name, cell=cell_name(row, col))
        cell = ws.cell(row, col)
        raw = cell.value
        if not c.is_value:
            if c.text and _squash(clean_text(raw)) != _squash(c.text):
                raise WorkbookError(
                    f"{path.name} 的工作表“{ws.name}”结构被改动：{cell_name(row, col)} 应为“{c.text}”，"
                    f"实际为“{clean_text(raw)}”（可能插入、删除或移动了行列）。"
                    "请撤销改动，或用 nianbao template 重新生成工作簿"
                )
            continue
        f = fields[c.field]
        if f.is_total and cell.formula is None and raw is None:
            # The clerk cleared the total's formula: count the parts, and say so once, at this cell.
            report.values[f.key] = Value(location=where, formula=True, problem=CLEARED_TOTAL)
            continue
        if cell.formula is not None:
            if f.is_total and _normalise_formula(cell.formula) == _normalise_formula(total_formula(fmt, f)):
                report.values[f.key] = Value(location=where, formula=True)
                continue
            if raw is None:  # saved by a program that does not calculate
                report.values[f.key] = Value(
                    location=where, raw="=" + cell.formula,
                    problem="是公式但没有计算结果（请在 Excel/WPS 中打开并保存后再试）",
                )
                continue
        report.values[f.key] = parse_number(raw, f.kind, where, report.unit_of(f.key))


def _squash(text: str) -> str:
    """Labels compare without white space and with full-width forms folded (clerks' copies vary)."""
    return SPACES.sub("", unicodedata.normalize("NFKC", text))
