"""The workbook a clerk fills: template, every input cell read back through the real file, messy typing."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from typer.testing import CliRunner

from generator.cli import app
from generator.formats import FORMATS, Kind, get_format
from generator.report.jsonio import dumps, loads
from generator.workbook import blank_report, read_workbook, write_workbook
from generator.workbook.layout import INFO_SHEET, META_SHEET, TEXT_SHEET, cell_of, field_cells, info_cells, table_sheet
from generator.workbook.read import WorkbookError, parse_number

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def make(tmp_path: Path, year: int, fid: str | None = None) -> Path:
    out = tmp_path / f"t{year}.xlsx"
    args = ["template", "--organ", "某某县人民政府办公室", "--year", str(year), "-o", str(out)]
    result = runner.invoke(app, args + (["--format", fid] if fid else []))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("year,fid", [(2020, "2019"), (2025, "2021")])
def test_template_prints_every_official_label(tmp_path, year, fid):
    path = make(tmp_path, year)
    wb = load_workbook(path)
    fmt = get_format(fid)
    assert wb[META_SHEET].sheet_state == "veryHidden"
    for table in fmt.tables:
        ws = wb[table_sheet(table)]
        assert ws.protection.sheet
        merged = {str(r) for r in ws.merged_cells.ranges}
        for c in table.cells:
            cell = ws.cell(3 + c.row, 1 + c.col)
            if c.text:
                assert cell.value == c.text
                assert cell.protection.locked
            if c.rowspan > 1 or c.colspan > 1:
                end = ws.cell(3 + c.row + c.rowspan - 1, 1 + c.col + c.colspan - 1)
                assert f"{cell.coordinate}:{end.coordinate}" in merged
            if c.is_value:
                f = fmt.fields[c.field]
                assert (isinstance(cell.value, str) and cell.value.startswith("=")) == f.is_total
                assert cell.protection.locked == f.is_total
        validated = {str(rng) for dv in ws.data_validations.dataValidation for rng in dv.sqref.ranges}
        inputs = [field_cells(fmt)[f.key] for f in table.fields if not f.is_total]
        covered = set()
        for ref in validated:
            for row in ws[ref] if ":" in ref else [[ws[ref]]]:
                covered |= {c.coordinate for c in row}
        assert {ws.cell(r, c).coordinate for _, r, c in inputs} <= covered
    report = read_workbook(path)
    assert (report.format_id, report.year, report.organ) == (fid, year, "某某县人民政府办公室")


def test_format_can_be_named(tmp_path):
    assert read_workbook(make(tmp_path, 2020, "2019")).format_id == "2019"


def test_a_format_that_does_not_cover_the_year_is_refused(tmp_path):
    out = tmp_path / "x.xlsx"
    result = runner.invoke(app, ["template", "--organ", "某局", "--year", "2021", "--format", "2019", "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "2019年格式只用于2019—2020年的报告" in result.output and "2021年格式" in result.output

@pytest.mark.parametrize("fid", FORMATS)
def test_every_input_cell_is_read(tmp_path, fid):
    """Type a distinct number into every input cell, like a clerk, and read each one back."""
    path = make(tmp_path, 2020 if fid == "2019" else 2025)
    fmt = get_format(fid)
    wb = load_workbook(path, rich_text=True)
    typed = {}
    for i, f in enumerate(f for f in fmt.fields.values() if not f.is_total):
        sheet, row, col = field_cells(fmt)[f.key]
        value = Decimal(f"{i}.25") if f.kind is Kind.MONEY else (-i if f.kind is Kind.SIGNED else i)
        wb[sheet].cell(row, col).value = value
        typed[f.key] = value
    wb.save(path)
    report = read_workbook(path)
    for key, value in typed.items():
        assert report.values[key].number == value, key
        assert str(report.values[key].location) == cell_of(fmt, key)
    for f in fmt.fields.values():
        if f.is_total:
            assert report.values[f.key].formula
            assert report.amount(f.key) == sum(report.amount(p) for p in f.sum_of)


def test_messy_typing_is_understood():
    cases = [
        ("１２", 12), ("  7 ", 7), ("1,234", 1234), ("\u30003\u3000", 3), (12.0, 12), ("+3", 3), ("-8", -8),
    ]
    for raw, number in cases:
        v = parse_number(raw, Kind.SIGNED, "x")
        assert (v.number, v.problem) == (number, ""), raw
    assert parse_number(None, Kind.COUNT, "x").blank
    assert parse_number("   ", Kind.COUNT, "x").blank
    assert parse_number("266900元", Kind.MONEY, "x").number == Decimal("266900")
    assert parse_number(2.5, Kind.COUNT, "x").number == Decimal("2.5")  # the checker reports the fraction
    for raw in ("十二", "#REF!", True):
        v = parse_number(raw, Kind.COUNT, "x")
        assert v.number is None and v.problem, raw


def test_messy_cells_through_the_file(tmp_path):
    import datetime as dt

    path = make(tmp_path, 2025)
    fmt = get_format("2021")
    wb = load_workbook(path)
    keys = ["applications.new.natural_person", "applications.new.business", "applications.new.research",
            "applications.new.public_interest", "applications.granted.natural_person",
            "applications.granted.business"]
    raws = ["１２", " 5 ", dt.datetime(2025, 1, 3), "=1+1", "#DIV/0!", "三"]
    for key, raw in zip(keys, raws, strict=True):
        sheet, row, col = field_cells(fmt)[key]
        wb[sheet].cell(row, col).value = raw
    total_sheet, total_row, total_col = field_cells(fmt)["applications.new.total"]
    wb[total_sheet].cell(total_row, total_col).value = 99  # typed over the formula
    wb.save(path)
    r = read_workbook(path)
    v = [r.values[k] for k in keys]
    assert v[0].number == 12 and v[1].number == 5
    assert "日期" in v[2].problem
    assert "没有计算结果" in v[3].problem  # saved by a library: no cached value
    assert "#DIV/0!" in v[4].problem and v[5].problem == "不是数字"
    total = r.values["applications.new.total"]
    assert not total.formula and total.number == 99 and r.amount("applications.new.total") == 99


def test_narrative_keeps_bold_and_parts(tmp_path):
    path = make(tmp_path, 2025)
    wb = load_workbook(path, rich_text=True)
    ws = wb[TEXT_SHEET]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    first = next(r for text, r in rows.items() if text.startswith("一、总体情况")) + 1
    ws.cell(first, 1).value = "小标题"
    ws.cell(first, 2).value = "（一）主动公开情况"
    ws.cell(first + 1, 2).value = CellRichText(
        "全年", TextBlock(InlineFont(b=True), "一是加强领导。"), "二是_x000B_完善制度。\u3000"
    )
    wb.save(path)
    report = read_workbook(path)
    heading, body = report.narrative("一")
    assert heading.heading and heading.text == "（一）主动公开情况"
    assert [(r.text, r.bold) for r in body.runs] == [("全年", False), ("一是加强领导。", True), ("二是\x0b完善制度。", False)]
    assert str(body.location) == f"{TEXT_SHEET}!B{first + 1}"


@pytest.mark.parametrize("name", ["seed-2019", "example-2021"])
def test_examples_round_trip(tmp_path, name):
    """xlsx -> json -> xlsx -> json is the identity, and the shipped workbook matches its JSON."""
    first = tmp_path / "a.json"
    assert runner.invoke(app, ["export", str(ROOT / "inputs" / f"{name}.xlsx"), "-o", str(first)]).exit_code == 0
    assert json.loads(first.read_text(encoding="utf-8")) == json.loads(
        (ROOT / "inputs" / f"{name}.json").read_text(encoding="utf-8"))
    again = tmp_path / "b.xlsx"
    assert runner.invoke(app, ["template", "--data", str(first), "-o", str(again)]).exit_code == 0
    second = tmp_path / "b.json"
    assert runner.invoke(app, ["export", str(again), "-o", str(second)]).exit_code == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


@pytest.mark.parametrize("fid", FORMATS)
def test_round_trip_keeps_odd_values(tmp_path, fid):
    """Typed-over totals, blanks and text in number cells survive the round trip unchanged."""
    fmt = get_format(fid)
    report = blank_report(fmt, "某局", 2020 if fid == "2019" else 2025)
    data = json.loads(dumps(report))
    data["tables"]["applications"]["new"]["natural_person"] = 3
    data["tables"]["applications"]["new"]["total"] = 7  # disagrees with its parts
    data["tables"]["applications"]["granted"]["business"] = "三件"
    data["tables"]["review_litigation"]["review"]["total"] = None  # null total: computed from its parts
    text = json.dumps(data, ensure_ascii=False)
    path = tmp_path / "x.xlsx"
    write_workbook(loads(text), path)
    assert json.loads(dumps(read_workbook(path))) == json.loads(dumps(loads(text)))
    back = json.loads(dumps(read_workbook(path)))
    assert back["tables"]["applications"]["new"]["total"] == 7
    assert back["tables"]["applications"]["granted"]["business"] == "三件"
    assert back["tables"]["review_litigation"]["review"]["total"] == 0
    sheet, row, col = field_cells(fmt)["review_litigation.review.total"]
    assert str(load_workbook(path)[sheet].cell(row, col).value).startswith("=SUM(")


def test_reading_never_touches_the_file(tmp_path):
    path = tmp_path / "seed.xlsx"
    path.write_bytes((ROOT / "inputs" / "seed-2019.xlsx").read_bytes())
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    read_workbook(path)
    runner.invoke(app, ["export", str(path), "-o", str(tmp_path / "x.json")])
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_refuses_foreign_and_altered_workbooks(tmp_path):
    foreign = tmp_path / "foreign.xlsx"
    Workbook().save(foreign)
    with pytest.raises(WorkbookError, match="不是由 nianbao 生成"):
        read_workbook(foreign)

    old = make(tmp_path, 2025)
    wb = load_workbook(old)
    wb[META_SHEET]["B2"] = 99
    wb.save(old)
    with pytest.raises(WorkbookError, match="不兼容"):
        read_workbook(old)

    renamed = make(tmp_path, 2024)
    wb = load_workbook(renamed)
    wb["三、依申请公开"].title = "表三"
    wb.save(renamed)
    with pytest.raises(WorkbookError, match="缺少工作表“三、依申请公开”"):
        read_workbook(renamed)

    inserted = make(tmp_path, 2023)
    wb = load_workbook(inserted)
    wb["三、依申请公开"].insert_rows(8)
    wb.save(inserted)
    with pytest.raises(WorkbookError, match="结构被改动"):
        read_workbook(inserted)


def test_template_never_overwrites_without_force(tmp_path):
    path = make(tmp_path, 2025)
    result = runner.invoke(app, ["template", "--organ", "某局", "--year", "2025", "-o", str(path)])
    assert result.exit_code == 1 and "已存在" in result.output
    assert read_workbook(path).organ == "某某县人民政府办公室"


def test_info_sheet_fields_are_read(tmp_path):
    path = make(tmp_path, 2025)
    fmt = get_format("2021")
    wb = load_workbook(path)
    wb[INFO_SHEET].cell(info_cells(fmt)["phone"][1], 2).value = " 0736-5221234 "
    wb[INFO_SHEET].cell(info_cells(fmt)["fee_charged"][1], 2).value = "是"
    wb[INFO_SHEET].cell(info_cells(fmt)["fee_amount"][1], 2).value = "３８０"
    wb.save(path)
    r = read_workbook(path)
    assert r.contacts["phone"] == "0736-5221234"
    assert r.choice_text("fee_charged") == "是" and r.choices["fee_amount"].number == Decimal("380")


@pytest.mark.parametrize("typed,year", [(2025, 2025), ("2025", 2025), ("２０２５年", 2025), (" 2025年度 ", 2025),
                                        ("二〇二五", None), ("25", None)])
def test_year_as_clerks_type_it(tmp_path, typed, year):
    path = make(tmp_path, 2025)
    wb = load_workbook(path)
    wb[INFO_SHEET].cell(info_cells(get_format("2021"))["year"][1], 2).value = typed
    wb.save(path)
    assert read_workbook(path).year == year


def test_empty_required_part_is_pointed_at_its_first_row(tmp_path):
    from generator.checks import check

    path = make(tmp_path, 2025)
    report = read_workbook(path)
    wb = load_workbook(path)
    ws = wb[TEXT_SHEET]
    marker = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("五、"))
    found = [f for f in check(report).findings if f.key == "section.五"]
    assert [f.where for f in found] == [f"{TEXT_SHEET}!B{marker + 1}"]
