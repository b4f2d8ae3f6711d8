"""`template --previous`: each January a clerk starts from last year's workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.checks import check
from generator.cli import app
from generator.formats import get_format
from generator.workbook import read_workbook
from generator.workbook.layout import INFO_SHEET, cell_of, info_cells

runner = CliRunner()
ORGAN = "某某县自然资源局"
A = "applications"
D = "active_disclosure"
COLUMNS = ("natural_person", "business", "research", "public_interest", "legal_services", "other_org")


def template(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = runner.invoke(app, ["template", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def type_into(path: Path, numbers: dict[str, object], info: dict[str, object] | None = None) -> None:
    """Type numbers into the workbook like a clerk: field key -> value; 基本信息 key -> value."""
    fmt = read_workbook(path).format
    wb = load_workbook(path)
    for key, value in numbers.items():
        sheet, cell = cell_of(fmt, key).split("!")
        wb[sheet][cell] = value
    for key, value in (info or {}).items():
        sheet, row = info_cells(fmt)[key]
        wb[sheet][f"B{row}"] = value
    wb.save(path)


def last_year_2019(tmp_path: Path) -> Path:
    """A 2019 report: 3 applications of each kind carried forward, licensing items 10 then -3."""
    path = template(tmp_path, "2019.xlsx", "--organ", ORGAN, "--year", "2019")
    numbers: dict[str, object] = {}
    for i, col in enumerate(COLUMNS):
        numbers |= {f"{A}.new.{col}": 5 + i, f"{A}.granted.{col}": 2 + i, f"{A}.carry_forward.{col}": 3}
    numbers |= {f"{D}.licensing.last_year_items": 10, f"{D}.licensing.change": -3,
                f"{D}.penalties.last_year_items": 4, f"{D}.penalties.change": 2}
    type_into(path, numbers, {"phone": "0951-1234567", "address": "某某县人民路1号"})
    return path


def test_2019_to_2020_carries_organ_contacts_carry_over_and_item_counts(tmp_path):
    path = template(tmp_path, "2020.xlsx", "--previous", str(last_year_2019(tmp_path)))
    report = read_workbook(path)
    assert (report.year, report.format_id, report.organ) == (2020, "2019", ORGAN)
    assert report.contacts["phone"] == "0951-1234567" and report.contacts["address"] == "某某县人民路1号"
    assert not report.paragraphs
    for col in COLUMNS:
        assert report.values[f"{A}.carried_over.{col}"].number == 3
    assert report.values[f"{A}.carried_over.total"].formula  # the total stays the workbook's formula
    assert report.amount(f"{A}.carried_over.total") == 18
    assert report.values[f"{D}.licensing.last_year_items"].number == 7
    assert report.values[f"{D}.penalties.last_year_items"].number == 6
    assert report.values[f"{D}.fees.last_year_items"].number == 0
    assert report.values[f"{A}.new.natural_person"].blank  # this year's figures are the clerk's
    previous = read_workbook(tmp_path / "2019.xlsx")
    assert {f.code for f in check(report, previous).findings} & {"R7", "R8"} == set()


def test_2020_to_2021_crosses_the_format_change_and_says_what_was_left(tmp_path):
    last = template(tmp_path, "2020.xlsx", "--previous", str(last_year_2019(tmp_path)))
    type_into(last, {f"{A}.carry_forward.business": 4, f"{D}.licensing.change": 1})
    out = tmp_path / "2021.xlsx"
    result = runner.invoke(app, ["template", "--previous", str(last), "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = read_workbook(out)
    assert (report.year, report.format_id) == (2021, "2021")
    assert report.values[f"{A}.carried_over.business"].number == 4
    assert report.values[f"{A}.carried_over.natural_person"].number == 0
    assert not any(key.endswith("last_year_items") for key in report.values)
    assert "“上一年项目数量”是2019年格式的栏目，2021年格式没有，不再结转。" in result.output
    assert "“现行有效件数”（规章、行政规范性文件）没有结转：上年的2019年格式没有“现行有效件数”" in result.output
    assert report.values.get(f"{D}.regulations.in_force") is None or report.values[f"{D}.regulations.in_force"].blank


def test_2021_to_2022_leaves_in_force_to_the_clerk_and_r6b_checks_it(tmp_path):
    last = template(tmp_path, "2021.xlsx", "--organ", ORGAN, "--year", "2021")
    type_into(last, {f"{D}.regulations.in_force": 12, f"{A}.carry_forward.research": 2})
    out = tmp_path / "2022.xlsx"
    result = runner.invoke(app, ["template", "--previous", str(last), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "“现行有效件数”（规章、行政规范性文件）没有结转" in result.output
    assert "nianbao check --previous 会核对" in result.output
    report = read_workbook(out)
    assert report.values[f"{A}.carried_over.research"].number == 2
    assert f"{D}.regulations.in_force" not in report.values or report.values[f"{D}.regulations.in_force"].blank
    type_into(out, {f"{D}.regulations.issued": 3, f"{D}.regulations.repealed": 1, f"{D}.regulations.in_force": 13})
    found = check(read_workbook(out), read_workbook(last)).findings
    assert [f.where for f in found if f.code == "R6b"] == [cell_of(get_format("2021"), f"{D}.regulations.in_force")]


def test_organ_and_year_may_be_given(tmp_path):
    last = template(tmp_path, "2024.xlsx", "--organ", ORGAN, "--year", "2024")
    out = template(tmp_path, "2025.xlsx", "--previous", str(last), "--organ", "某某县自然资源和规划局", "--year", "2025")
    report = read_workbook(out)
    assert (report.organ, report.year) == ("某某县自然资源和规划局", 2025)


def test_refusals(tmp_path):
    last = template(tmp_path, "2024.xlsx", "--organ", ORGAN, "--year", "2024")
    before = last.read_bytes()
    cases = [
        (["--previous", str(last), "--year", "2026", "-o", str(tmp_path / "x.xlsx")], "应使用2025年的工作簿"),
        (["--previous", str(last), "--data", "x.json", "-o", str(tmp_path / "x.xlsx")], "只能用一个"),
        (["--previous", str(last), "-o", str(last), "--force"], "输出文件不能与输入文件相同"),
        (["--previous", str(tmp_path / "none.xlsx"), "-o", str(tmp_path / "x.xlsx")], "找不到文件"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["template", *args])
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert last.read_bytes() == before
    assert not (tmp_path / "x.xlsx").exists()


def test_errors_in_last_years_tables_are_pointed_out(tmp_path):
    last = template(tmp_path, "2024.xlsx", "--organ", ORGAN, "--year", "2024")
    type_into(last, {f"{A}.new.natural_person": 5})  # 5 new, none handled, none carried forward: R1
    result = runner.invoke(app, ["template", "--previous", str(last), "-o", str(tmp_path / "2025.xlsx")])
    assert result.exit_code == 0
    assert "上年工作簿的表格有" in result.output and "三、依申请公开!" in result.output
    assert INFO_SHEET not in result.output.split("上年工作簿的表格有")[1].split("\n")[0]
