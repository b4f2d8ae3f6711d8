"""What a new user hit (issue 9): each case reproduced through real files, as a clerk would meet it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from docx_text import open_docx, table_cells, tables
from openpyxl import load_workbook
from test_checks import clean_report, info_at, workbook
from tests_paths import INPUTS
from typer.testing import CliRunner

from generator.checks import check
from generator.cli import app
from generator.report import model
from generator.workbook import read_workbook
from generator.workbook.layout import cell_of

runner = CliRunner()
D, A = "active_disclosure", "applications"


def run(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


# --- 1. a unit typed after an amount ------------------------------------------------------------


@pytest.mark.parametrize(("format_id", "place", "typed", "says"), [
    ("2021", f"{D}.fees.fee_amount", "380元", "380元即0.038万元"),
    ("2019", f"{D}.procurement.procurement_amount", "26.69万元", "26.69万元即266900元"),
    ("2021", "fee_amount", "0.038万元", "0.038万元即380元"),
])
def test_a_unit_that_contradicts_the_cell_is_an_error_at_the_cell(tmp_path, format_id, place, typed, says):
    report = clean_report(format_id)
    key = info_at(report, place) if "." not in place else place
    found = check(read_workbook(workbook(tmp_path, report, {key: typed}))).findings
    unit = [f for f in found if f.code == "UNIT"]
    assert [f.where for f in unit] == [key if "!" in key else cell_of(report.format, key)]
    assert says in unit[0].message and unit[0].level == "error"


@pytest.mark.parametrize(("format_id", "place", "typed", "number"), [
    ("2021", f"{D}.fees.fee_amount", "3.5万元", Decimal("3.5")),
    ("2019", f"{D}.procurement.procurement_amount", "266900元", Decimal("266900")),
])
def test_a_unit_equal_to_the_cells_is_fine(tmp_path, format_id, place, typed, number):
    report = clean_report(format_id)
    read = read_workbook(workbook(tmp_path, report, {place: typed}))
    assert read.values[place].number == number
    assert not [f for f in check(read).findings if f.level == "error"]


def test_json_and_workbook_agree_on_a_typed_unit(tmp_path):
    data = json.loads((INPUTS / "seed-2019.json").read_text(encoding="utf-8"))
    data["tables"][D]["procurement"]["procurement_amount"] = "251000元"
    data["choices"]["procurement_unit"] = "万元"
    source = tmp_path / "数据.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "报告.xlsx"
    assert run("template", "--data", source, "-o", book).exit_code == 0
    for path in (source, book):
        result = run("check", path, "--json")
        assert result.exit_code == 1
        units = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "UNIT"]
        assert len(units) == 1 and "251000元即25.1万元" in units[0]["message"], path


# --- 2. generate never overwrites a report without --force --------------------------------------


def test_generate_keeps_a_hand_edited_report(tmp_path):
    out = tmp_path / "报告.docx"
    assert run("generate", INPUTS / "example-2021.xlsx", "-o", out).exit_code == 0
    out.write_bytes(b"edited by hand in Word")
    again = run("generate", INPUTS / "example-2021.xlsx", "-o", out)
    assert again.exit_code == 1 and "文件已存在" in again.output and "--force" in again.output
    assert out.read_bytes() == b"edited by hand in Word"
    assert run("generate", INPUTS / "example-2021.xlsx", "-o", out, "--force").exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_a_batch_keeps_existing_reports_and_says_which(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed-2019.xlsx", "example-2021.xlsx"):
        (folder / name).write_bytes((INPUTS / name).read_bytes())
    out = tmp_path / "out"
    assert run("generate", folder, "-o", out).exit_code == 0
    kept = sorted(out.glob("*.docx"))[0]
    kept.write_bytes(b"edited")
    again = run("generate", folder, "-o", out)
    assert again.exit_code == 1 and "文件已存在" in again.output and kept.read_bytes() == b"edited"


# --- 3. amounts print as typed --------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "warned"), [(24252.311082, False), (1.2345678, True)])
def test_amounts_print_as_typed(tmp_path, typed, warned):
    report = clean_report("2021")
    key = f"{D}.fees.fee_amount"
    book = workbook(tmp_path, report, {key: typed})
    found = check(read_workbook(book)).findings
    assert [f.code for f in found] == (["PRECISION"] if warned else [])
    out = tmp_path / "报告.docx"
    assert run("generate", book, "-o", out).exit_code == 0
    cells = [c for row in table_cells(tables(open_docx(out))[0]) for c in row]
    assert str(typed) in cells


# --- 7, 8. formats and null totals ---------------------------------------------------------------


def test_fields_of_a_year_says_which_format_it_uses():
    result = run("fields", "--format", "2020")
    assert result.exit_code == 1 and "2020年的报告使用2019年格式" in result.output


def test_a_null_total_in_json_becomes_its_formula(tmp_path):
    data = json.loads((INPUTS / "example-2021.json").read_text(encoding="utf-8"))
    totals = 0
    for rows in data["tables"].values():
        for row, cols in rows.items():
            for col in cols:
                if col == "total" or row == "results_total":
                    cols[col] = None
                    totals += 1
    source = tmp_path / "数据.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "报告.xlsx"
    assert run("template", "--data", source, "-o", book).exit_code == 0
    assert totals > 20
    assert run("check", book).exit_code == 0
    sheet = load_workbook(book)["三、依申请公开"]
    assert str(sheet["J6"].value).startswith("=SUM(")


# --- 11. a cleared total ----------------------------------------------------------------------------


def test_a_cleared_total_is_reported_once_at_its_cell(tmp_path):
    report = clean_report("2021")
    key = f"{A}.new.total"
    book = workbook(tmp_path, report, {key: None})
    found = check(read_workbook(book)).findings
    assert [(f.code, f.where) for f in found] == [("FORMULA", cell_of(report.format, key))]
    assert "公式被删除" in found[0].message and "为24" in found[0].message and len(found[0].message) < 120
    assert "手填" not in found[0].message


# --- 12. exit codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "generate", "export", "aggregate"])
def test_a_missing_file_exits_2_from_every_command(tmp_path, command):
    result = run(command, tmp_path / "没有这个文件.xlsx", *(["--organ", "县"] if command == "aggregate" else []))
    assert result.exit_code == 2 and "没有这个文件.xlsx" in result.output


# --- 13. contacts and years ---------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "typed", "words"), [
    ("postcode", "41560", "6位数字"),
    ("website_url", "www.yunxi.gov.cn", "http://"),
    ("email", "yxzrzyj@", "gk@example.gov.cn"),
])
def test_contacts_of_the_wrong_shape_warn_at_their_cell(tmp_path, key, typed, words):
    report = clean_report("2021")
    found = check(read_workbook(workbook(tmp_path, report, {info_at(report, key): typed}))).findings
    assert [(f.code, f.where, f.level) for f in found] == [("CONTACT", info_at(report, key), "warning")]
    assert words in found[0].message


def test_a_report_without_website_warns_and_still_generates(tmp_path):
    report = clean_report("2021")
    edits = {info_at(report, "website_name"): None, info_at(report, "website_url"): None}
    book = workbook(tmp_path, report, edits)
    found = check(read_workbook(book)).findings
    assert [(f.code, f.level) for f in found] == [("CONTACT", "warning")]
    assert run("generate", book, "-o", tmp_path / "r.docx").exit_code == 0


def test_a_year_still_to_come_is_refused_and_this_years_is_warned(tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.setattr(model, "today", lambda: dt.date(2026, 11, 26))
    future = run("template", "--organ", "某局", "--year", "2035", "-o", tmp_path / "x.xlsx")
    assert future.exit_code == 1 and "2035年还没有到" in future.output and not (tmp_path / "x.xlsx").exists()
    report = clean_report("2021", 2026)
    found = check(read_workbook(workbook(tmp_path, report))).findings
    assert [(f.code, f.level) for f in found] == [("YEAR", "warning")] and "12月31日才结束" in found[0].message
    report.year = 2027
    assert ("YEAR", "error") in {(f.code, f.level) for f in check(report).findings}
