"""`aggregate`: a county's office sums the workbooks of its bureaus and townships."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.aggregate import Status, aggregate, read_unit
from generator.checks import check
from generator.cli import app
from generator.document import render_docx
from generator.formats import Kind, get_format
from generator.report import CONTACT_KEYS, Paragraph, Report, Run, Value
from generator.workbook import read_workbook, write_workbook
from generator.workbook.layout import INFO_SHEET, TEXT_SHEET, cell_of, info_cells
from generator.workbook.unitsheet import UNIT_SHEET

runner = CliRunner()
A = "applications"
D = "active_disclosure"
COLUMNS = ("natural_person", "business", "research", "public_interest", "legal_services", "other_org")
CONTACTS = {"office": "某某县人民政府办公室", "address": "某某县人民路1号", "postcode": "100000",
            "phone": "010-12345678", "website_name": "某某县人民政府网站", "website_url": "http://www.example.gov.cn/"}
NARRATIVE = {"一": "本年度认真贯彻落实条例。", "五": "主动公开的意识还不够强。", "六": "无"}


def unit_report(format_id: str, organ: str, year: int, numbers: dict[str, object] | None = None) -> Report:
    """A unit's report as a clerk finishes it: contacts, narrative, choices, every number typed."""
    fmt = get_format(format_id)
    report = Report(fmt.id, organ=organ, year=year, contacts=dict(CONTACTS),
                    paragraphs=[Paragraph(s, [Run(t)]) for s, t in NARRATIVE.items()])
    for key, f in fmt.fields.items():
        if not f.is_total:
            report.values[key] = Value(0)
    for key, n in (numbers or {}).items():
        report.values[key] = Value(n)
    choices = {"fee_charged": "否", "procurement_unit": "元"}
    for c in fmt.choices:
        report.choices[c.key] = Value(raw=choices[c.key]) if c.kind == "choice" else Value(0)
    return report


def balanced(new: int, carried: int, granted: int) -> dict[str, object]:
    """Table 三 numbers that hold R1 in every column: what is not granted is carried forward."""
    out: dict[str, object] = {}
    for col in COLUMNS:
        out |= {f"{A}.new.{col}": new, f"{A}.carried_over.{col}": carried, f"{A}.granted.{col}": granted,
                f"{A}.carry_forward.{col}": new + carried - granted}
    return out


def write_unit(folder: Path, report: Report) -> Path:
    path = folder / f"{report.organ}.xlsx"
    write_workbook(report, path)
    return path


def type_into(path: Path, edits: dict[str, object]) -> None:
    """Type over cells like a clerk: field key -> value."""
    fmt = read_workbook(path).format
    wb = load_workbook(path)
    for key, value in edits.items():
        sheet, cell = cell_of(fmt, key).split("!")
        wb[sheet][cell] = value
    wb.save(path)


def units_folder(tmp_path: Path, format_id: str = "2021", year: int = 2025) -> Path:
    folder = tmp_path / "各单位"
    folder.mkdir()
    write_unit(folder, unit_report(format_id, "某某县自然资源局", year, balanced(5, 1, 4)))
    write_unit(folder, unit_report(format_id, "某某县教育局", year, balanced(2, 0, 2)))
    bad = write_unit(folder, unit_report(format_id, "某某镇人民政府", year, balanced(3, 0, 3)))
    type_into(bad, {f"{A}.new.natural_person": 9})  # R1 broken in the 自然人 column
    return folder


def office_fills_in(path: Path) -> None:
    """What the office still writes in the summary: its contacts and the narrative."""
    report = read_workbook(path)
    wb = load_workbook(path, rich_text=True)
    for key in CONTACT_KEYS:
        if key in CONTACTS:
            sheet, row = info_cells(report.format)[key]
            wb[sheet][f"B{row}"] = CONTACTS[key]
    ws = wb[TEXT_SHEET]
    for row in range(1, ws.max_row + 1):
        marker = ws.cell(row, 1).value or ""
        for section, text in NARRATIVE.items():
            if marker.startswith(f"{section}、"):
                ws.cell(row + 1, 2).value = text
    wb.save(path)


# --- the office's day ------------------------------------------------------------------------


def test_aggregate_a_folder_leaves_out_units_with_errors_and_lists_every_unit(tmp_path):
    folder = units_folder(tmp_path)
    out = tmp_path / "汇总.xlsx"
    result = runner.invoke(app, ["aggregate", str(folder), "--organ", "某某县人民政府", "-o", str(out)])
    assert result.exit_code == 1, result.output  # written, but a unit was left out: not a clean run
    assert "某某镇人民政府.xlsx（某某镇人民政府）：有错误，未汇总" in result.output
    assert "已汇总2个单位（共3个工作簿）" in result.output
    summary = read_workbook(out)
    assert (summary.organ, summary.year, summary.format_id) == ("某某县人民政府", 2025, "2021")
    assert summary.values[f"{A}.new.natural_person"].number == 7
    assert summary.values[f"{A}.new.total"].formula  # totals are the workbook's own formulas
    assert summary.amount(f"{A}.new.total") == 42
    assert summary.amount(f"{A}.carry_forward.total") == 12
    assert not summary.paragraphs
    assert summary.choice_text("fee_charged") == "否"

    sheet = load_workbook(out)[UNIT_SHEET]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][:9] == ["序号", "文件", "机关名称", "状态", "新收申请", "办理结果总计", "结转下年度", "行政复议", "行政诉讼"]
    by_organ = {r[2]: r for r in rows[1:4]}
    assert by_organ["某某县自然资源局"][3:7] == [str(Status.INCLUDED), 30, 24, 12]
    assert by_organ["某某镇人民政府"][3:5] == [str(Status.LEFT_OUT), 24]
    assert "三、依申请公开!" in by_organ["某某镇人民政府"][-1]
    assert rows[4][1] == "合计（计入汇总的单位）" and rows[4][4] == 42


def test_the_summary_passes_check_and_generates_once_the_office_writes_its_part(tmp_path):
    out = tmp_path / "汇总.xlsx"
    runner.invoke(app, ["aggregate", str(units_folder(tmp_path)), "--organ", "某某县人民政府", "-o", str(out)])
    found = check(read_workbook(out)).findings
    assert {f.code for f in found if f.level == "error"} == {"REQUIRED"}
    assert {f.location.sheet for f in found if f.level == "error"} == {INFO_SHEET, TEXT_SHEET}
    office_fills_in(out)
    summary = read_workbook(out)
    assert [f for f in check(summary).findings if f.level == "error"] == []
    assert render_docx(summary).data[:2] == b"PK"
    checked = runner.invoke(app, ["check", str(out)])
    assert checked.exit_code == 0, checked.output


def test_include_invalid_sums_every_readable_unit(tmp_path):
    folder = units_folder(tmp_path)
    (folder / "损坏.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "汇总.xlsx"
    result = runner.invoke(app, ["aggregate", str(folder), "--organ", "某某县人民政府", "-o", str(out),
                                 "--include-invalid"])
    assert result.exit_code == 1, result.output  # the damaged file is left out
    assert "损坏.xlsx（未填机关名称）：无法读取，未汇总" in result.output
    assert read_workbook(out).values[f"{A}.new.natural_person"].number == 5 + 2 + 9
    statuses = [r[3].value for r in load_workbook(out)[UNIT_SHEET].iter_rows(min_row=4, max_row=7)]
    assert sorted(statuses) == sorted([Status.INCLUDED, Status.INCLUDED, Status.INCLUDED_WITH_ERRORS,
                                       Status.UNREADABLE])


def test_refuses_mixed_years_formats_and_the_same_unit_twice(tmp_path):
    folder = units_folder(tmp_path)
    other = tmp_path / "其他"
    other.mkdir()
    last_year = write_unit(other, unit_report("2021", "某某县卫生健康委员会", 2024))
    old_format = write_unit(other, unit_report("2019", "某某县水利局", 2020))
    again = other / "自然资源局副本.xlsx"
    again.write_bytes((folder / "某某县自然资源局.xlsx").read_bytes())
    cases = [
        (last_year, "要汇总的工作簿年度不一致（2025年："),
        (old_format, "要汇总的工作簿年度不一致"),
        (again, "同一单位“某某县自然资源局”出现了2次"),
    ]
    for extra, message in cases:
        out = tmp_path / "汇总.xlsx"
        result = runner.invoke(app, ["aggregate", str(folder), str(extra), "--organ", "某某县人民政府", "-o", str(out)])
        assert result.exit_code == 1 and message in result.output, result.output
        assert not out.exists()
    only_format = runner.invoke(app, ["aggregate", str(folder / "某某县教育局.xlsx"), str(old_format),
                                      "--organ", "县", "-o", str(tmp_path / "x.xlsx")])
    assert "2025年：" in only_format.output


def test_refuses_formats_that_differ_in_one_year(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    write_unit(folder, unit_report("2021", "甲局", 2021))
    write_unit(folder, unit_report("2019", "乙局", 2021))  # a 2019-format workbook made for 2021
    result = runner.invoke(app, ["aggregate", str(folder), "--organ", "县", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1 and "报告格式不一致（2019年格式：" in result.output


def test_nothing_to_sum_and_outputs_it_must_not_write(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    bad = write_unit(folder, unit_report("2021", "甲局", 2025, balanced(1, 0, 1)))
    type_into(bad, {f"{A}.granted.business": 7})
    cases = [
        ([str(folder), "--organ", "县", "-o", str(tmp_path / "x.xlsx")], "都有错误或无法读取"),
        ([str(tmp_path / "空"), "--organ", "县"], "找不到文件或文件夹"),
        ([str(folder), "-o", str(tmp_path / "x.xlsx")], "请用 --organ"),
        ([str(bad), "--organ", "县", "-o", str(bad), "--force", "--include-invalid"], "输出文件不能与输入文件相同"),
    ]
    before = bad.read_bytes()
    for args, message in cases:
        result = runner.invoke(app, ["aggregate", *args])
        assert result.exit_code in (1, 2) and message in result.output, (args, result.output)
    assert bad.read_bytes() == before
    existing = tmp_path / "汇总.xlsx"
    existing.write_bytes(b"office's own")
    result = runner.invoke(app, ["aggregate", str(bad), "--organ", "县", "-o", str(existing), "--include-invalid"])
    assert "文件已存在" in result.output and existing.read_bytes() == b"office's own"


def test_the_summary_in_its_own_folder_is_not_summed_again(tmp_path):
    folder = units_folder(tmp_path)
    out = folder / "汇总.xlsx"
    args = ["aggregate", str(folder), "--organ", "某某县人民政府", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 1  # 某某镇 has errors and is left out
    again = runner.invoke(app, [*args, "--force"])
    assert again.exit_code == 1, again.output
    assert "共3个工作簿" in again.output


def test_procurement_amounts_in_different_units_are_summed_in_yuan(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    key = f"{D}.procurement.procurement_amount"
    for organ, amount, unit in (("甲局", Decimal("1.25"), "万元"), ("乙局", Decimal("300.5"), "元"),
                                ("丙局", Decimal(0), "")):
        report = unit_report("2019", organ, 2020, {key: amount})
        report.choices["procurement_unit"] = Value(raw=unit or None)
        write_unit(folder, report)
    out = tmp_path / "汇总.xlsx"
    result = runner.invoke(app, ["aggregate", str(folder), "--organ", "县", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "采购总金额单位不同，汇总时统一换算为元" in result.output
    summary = read_workbook(out)
    assert summary.values[key].number == Decimal("12800.5")
    assert summary.choice_text("procurement_unit") == "元"


def test_many_units_are_read_on_every_core(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    paths = [write_unit(folder, unit_report("2021", f"第{i}镇人民政府", 2025, balanced(i, 0, i))) for i in range(9)]
    ticks: list[int] = []
    result = aggregate(paths, "县", tmp_path / "汇总.xlsx", progress=ticks.append)
    assert sum(ticks) == 9
    assert [u.organ for u in result.units] == [f"第{i}镇人民政府" for i in range(9)]
    assert result.report.values[f"{A}.new.business"].number == sum(range(9))


# --- the sum, cell by cell -------------------------------------------------------------------

SMALL = st.integers(0, 40)


@st.composite
def unit_numbers(draw, format_id: str) -> dict[str, object]:
    """Every input cell of a unit, drawn so that the unit has no error."""
    fmt = get_format(format_id)
    numbers: dict[str, object] = {}
    for key, f in fmt.fields.items():
        if f.is_total or f.table == A:
            continue
        if f.kind is Kind.MONEY:
            numbers[key] = Decimal(draw(st.integers(0, 10**6))) / 100
        else:
            numbers[key] = draw(st.integers(-20, 20) if f.kind is Kind.SIGNED else SMALL)
    results = [f for f in fmt.table(A).fields if not f.is_total and f.row not in
               ("new", "carried_over", "carry_forward")]
    for col in COLUMNS:
        handled = sum(numbers.setdefault(f.key, draw(st.integers(0, 3))) for f in results if f.column == col)
        forward = draw(SMALL)
        carried = draw(st.integers(0, handled + forward))
        numbers |= {f"{A}.carried_over.{col}": carried, f"{A}.carry_forward.{col}": forward,
                    f"{A}.new.{col}": handled + forward - carried}
    return numbers


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), format_id=st.sampled_from(["2019", "2021"]), count=st.integers(1, 4))
def test_the_summary_is_the_cell_by_cell_sum_and_passes_check(tmp_path_factory, data, format_id, count):
    folder = tmp_path_factory.mktemp("units")
    year = 2020 if format_id == "2019" else 2025
    units = []
    for i in range(count):
        report = unit_report(format_id, f"第{i}局", year, data.draw(unit_numbers(format_id)))
        if format_id == "2019":
            report.choices["procurement_unit"] = Value(raw=data.draw(st.sampled_from(["元", "万元"])))
        units.append(read_workbook(write_unit(folder, report)))
    result = aggregate([Path(u.source) for u in units], "某某县人民政府", folder / "汇总.xlsx")
    assert all(u.status is Status.INCLUDED for u in result.units)
    summary = read_workbook(folder / "汇总.xlsx")
    yuan = {"元": 1, "万元": 10000}
    amount = f"{D}.procurement.procurement_amount"
    paid = [u for u in units if amount in u.format.fields and u.amount(amount)]  # a zero amount has no unit to mind
    mixed = len({u.choice_text("procurement_unit") for u in paid}) > 1
    for key, f in summary.format.fields.items():
        def scale(u: Report, f=f) -> int:
            return yuan[u.choice_text("procurement_unit")] if f.kind is Kind.MONEY and mixed else 1
        assert summary.amount(key) == sum(u.amount(key) * scale(u) for u in units), key
    errors = [f for f in check(summary).findings if f.level == "error"]
    assert {f.code for f in errors} <= {"REQUIRED"}


def test_read_unit_keeps_only_what_the_summary_needs(tmp_path):
    path = write_unit(tmp_path, unit_report("2021", "甲局", 2025, balanced(3, 1, 2)))
    unit = read_unit(path)
    assert unit.errors == () and unit.key_figures() == [18, 12, 12, 0, 0]
    assert len(unit.amounts) == len(get_format("2021").fields)


def test_a_unit_whose_only_error_is_in_its_text_is_still_summed(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    report = unit_report("2021", "甲局", 2025, balanced(4, 1, 3))
    report.paragraphs.append(Paragraph("一", [Run("全年公开信息XX条。")]))  # a placeholder left in: an error
    write_unit(folder, report)
    write_unit(folder, unit_report("2021", "乙局", 2025, balanced(2, 0, 2)))
    out = tmp_path / "汇总.xlsx"
    result = runner.invoke(app, ["aggregate", str(folder), "--organ", "某县", "-o", str(out)])
    assert "甲局.xlsx（甲局）：已汇总（文字有错误）" in result.output and "已汇总2个单位" in result.output
    assert read_workbook(out).amount(f"{A}.new.total") == 6 * 6
