"""The commands' work as plain functions: arguments in, files out. The CLI only prints."""

from __future__ import annotations

from pathlib import Path

from .errors import UserError
from .files import safe_filename, write_atomically
from .formats import select_format
from .report import Report, model
from .report.jsonio import dumps, loads


def load_report(path: Path) -> Report:
    """A report from a filled workbook, a JSON export, or a published report (.docx, .html, .pdf…)."""
    from .importers import SUFFIXES, read_report

    path = Path(path)
    if path.suffix.lower() in SUFFIXES:
        return read_report(path)
    if path.suffix.lower() == ".json":
        from .report.jsonio import ReportDataError

        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ReportDataError(f"找不到文件：{path}") from None
        except (OSError, UnicodeDecodeError) as e:
            raise ReportDataError(f"无法读取 {path.name}（{e}）") from None
        report = loads(text)
        report.source = str(path)
        return report
    from .workbook import read_workbook

    return read_workbook(path)


def year_option(text: str) -> int | None:
    """--year as typed (2025, 2025年); empty is None. Anything else is refused in Chinese."""
    from .report.numbers import parse_year

    if not text.strip():
        return None
    year = parse_year(text)
    if year is None:
        raise UserError(f"--year 应为四位数的年份，如 --year 2025（填的是“{text}”）")
    return year


def make_template(organ: str, year: int, format_id: str, data: Path | None, output: Path | None,
                  force: bool = False, previous: Path | None = None) -> tuple[Path, list[str]]:
    """Write a blank workbook, a filled one from JSON, or one started from last year's (`previous`).

    Returns where it went and what the clerk should know (what could not be carried over)."""
    from .workbook import blank_report, write_workbook

    notes: list[str] = []
    if data is not None and previous is not None:
        raise UserError("--data 和 --previous 只能用一个：--data 用导出的数据生成，--previous 从上年工作簿开始")
    if previous is not None:
        from .carry import carry_from

        carried = carry_from(load_report(previous), organ, year, format_id)
        report, notes = carried.report, carried.notes
    elif data is not None:
        report = load_report(data)
        if organ:
            report.organ = organ
        if year:
            report.year = year
    else:
        if not organ.strip():
            raise UserError("请用 --organ 给出机关名称，如：--organ 某某县人民政府办公室")
        if not year:
            raise UserError("请用 --year 给出报告年度，如：--year 2025")
        report = blank_report(select_format(year, format_id), organ.strip(), year)
    if format_id and format_id != report.format_id:
        raise UserError(f"JSON 数据是{report.format_id}年格式，不能用 --format {format_id} 生成")
    select_format(report.year, report.format_id)  # a JSON whose year its format does not cover
    this_year = model.today().year
    if report.year is not None and report.year > this_year:
        raise UserError(f"报告年度{report.year}年还没有到（今年是{this_year}年）：年度报告统计的是已经开始的年度，"
                        "通常在次年1月编制上一年的报告。请检查 --year")
    out = output or Path(safe_filename(f"{report.year}年{report.organ}政府信息公开工作年度报告（填报）.xlsx"))
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"填报工作簿应保存为 .xlsx 文件：{out}")
    inputs = tuple(p for p in (previous, data) if p is not None)
    write_workbook(report, out, force, inputs)
    return out, notes


def export_json(workbook: Path, output: Path | None, force: bool = False) -> tuple[str, Path | None]:
    """The report as JSON text, written to `output` (default: beside the workbook) unless it is '-'."""
    report = load_report(workbook)
    text = dumps(report)
    if output is not None and str(output) == "-":
        return text, None
    out = output or Path(workbook).with_suffix(".json")
    write_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), (Path(workbook),), force)
    return text, out
