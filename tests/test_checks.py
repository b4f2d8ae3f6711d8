"""The checker: one workbook a rule, each breaking exactly that rule, and the named cell."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.checks import CheckResult, Finding, check
from generator.cli import app
from generator.formats import Level, get_format
from generator.report import Paragraph, Report, Run, Value
from generator.views import findings_json, findings_text
from generator.workbook import read_workbook, write_workbook
from generator.workbook.layout import cell_of, info_cells

BLANK, CHOICE, FEE, FORMAT_YEAR, NARRATIVE, PREVIOUS, REQUIRED, UNIT = (
    "BLANK", "CHOICE", "FEE", "FORMAT_YEAR", "NARRATIVE", "PREVIOUS", "REQUIRED", "UNIT")

ORGAN = "某某县人民政府办公室"
CONTACTS = {
    "office": ORGAN, "address": "某某县人民路1号", "postcode": "100000", "phone": "010-12345678",
    "fax": "", "email": "", "website_name": "某某县人民政府网站", "website_url": "http://www.example.gov.cn/",
}
NARRATIVE_TEXT = {
    "一": "本年度认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "五": "主动公开的意识还不够强，信息发布不够及时。下一步将加强业务培训，建立信息发布提醒机制。",
    "六": "无",
}
CHOICES = {"fee_charged": "否", "fee_applications": 0, "fee_amount": 0, "procurement_unit": "元"}

A = "applications"
R = "review_litigation"
D = "active_disclosure"
NP = "natural_person"

# A small consistent set of numbers: in every applicant column 4 new + 1 carried over =
# 3 granted + 1 not held + 1 carried forward.
TABLE_VALUES = {
    (A, "new"): 4, (A, "carried_over"): 1, (A, "granted"): 3, (A, "unable.not_held"): 1, (A, "carry_forward"): 1,
    (R, "review"): 1, (R, "direct_suit"): 2, (R, "suit_after_review"): 0,
    (D, "regulations"): 1, (D, "normative_documents"): 2,
}
COLUMN_VALUES = {"total_published": 9, "in_force": 12, "procurement_amount": Decimal("266900")}


def clean_report(format_id: str = "2021", year: int | None = None, typed_totals: bool = False) -> Report:
    """A report with every field filled and every rule holding: the checker finds nothing."""
    fmt = get_format(format_id)
    report = Report(
        fmt.id, organ=ORGAN, year=year or fmt.first_year, contacts=dict(CONTACTS),
        paragraphs=[Paragraph(s, [Run(text)]) for s, text in NARRATIVE_TEXT.items()],
    )
    for c in fmt.choices:
        value = CHOICES[c.key]
        report.choices[c.key] = Value(raw=value) if c.kind == "choice" else Value(value)
    for key, f in fmt.fields.items():
        if f.is_total:
            report.values[key] = Value(formula=True)
        else:
            report.values[key] = Value(COLUMN_VALUES.get(f.column, TABLE_VALUES.get((f.table, f.row), 0)))
    if typed_totals:
        type_totals(report)
    return report


LAST_YEAR_TEXT = {
    "一": "上一年度按照条例的规定做好主动公开、依申请公开和平台建设各项工作。",
    "五": "政策解读材料较少，栏目更新较慢。今后要建立栏目定期更新制度，丰富解读形式。",
    "六": "本年度没有其他需要报告的事项。",
}


def last_years(format_id: str, year: int) -> Report:
    """Last year's clean report, in its own words: only the share copied (0%) is said about the text."""
    report = clean_report(format_id, year)
    report.paragraphs = [Paragraph(s, [Run(text)]) for s, text in LAST_YEAR_TEXT.items()]
    return report


def type_totals(report: Report) -> None:
    """Replace every total formula by the number a clerk would type."""
    totals = {key: report.amount(key) for key, f in report.format.fields.items() if f.is_total}
    for key, n in totals.items():
        report.values[key] = Value(n)


def workbook(tmp_path: Path, report: Report, edits: dict[str, object] | None = None, name: str = "报告.xlsx") -> Path:
    """Write the report's workbook, then type into it like a clerk: field key or 'sheet!cell' -> value."""
    path = tmp_path / name
    write_workbook(report, path, force=True)
    if edits:
        wb = load_workbook(path)
        for key, value in edits.items():
            sheet, cell = (key if "!" in key else cell_of(report.format, key)).split("!")
            wb[sheet][cell] = value
        wb.save(path)
    return path


def checked(tmp_path: Path, report: Report, edits: dict[str, object] | None = None,
            previous: Report | None = None) -> list[Finding]:
    return list(check(read_workbook(workbook(tmp_path, report, edits)), previous).findings)


def at(report: Report, key: str) -> str:
    return cell_of(report.format, key)


def info_at(report: Report, key: str) -> str:
    sheet, row = info_cells(report.format)[key]
    return f"{sheet}!B{row}"


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def where(findings: list[Finding], rule: str) -> set[str]:
    return {f.where for f in findings if f.code == rule}


# --- clean inputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_clean_workbook_has_no_finding(tmp_path, format_id):
    report = clean_report(format_id)
    assert check(report).findings == ()
    assert checked(tmp_path, report) == []


def test_typed_totals_that_add_up_pass(tmp_path):
    report = clean_report("2021", typed_totals=True)
    edits = {key: int(report.amount(key)) for key, f in report.format.fields.items() if f.is_total}
    assert checked(tmp_path, clean_report("2021"), edits) == []


def seed_report() -> Report:
    """The seed: 沙坡头区滨河镇人民政府 2019 report (format 2019, no applications, all zeros)."""
    report = clean_report("2019")
    report.organ = "沙坡头区滨河镇人民政府"
    for key, f in report.format.fields.items():
        if not f.is_total:
            report.values[key] = Value(0)
    report.values[f"{D}.enforcement.decisions"] = Value(4)
    report.values[f"{D}.procurement.procurement_count"] = Value(1)
    report.values[f"{D}.procurement.procurement_amount"] = Value(Decimal("266900"))
    report.paragraphs = [
        Paragraph("前言", [Run("本报告所列数据统计期限自 2019 年 1 月 1 日起，至 2019 年 12 月 31 日止。")]),
        Paragraph("一", [Run("政府信息依申请公开工作情况。2019年以来，滨河镇未接收到任何有关"
                             "依申请公开政府信息的申请，政府信息不涉及依申请公开情况及收费情况。")]),
        Paragraph("五", [Run("主动公开的意识还不够强。下一步将着力提升政府信息公开工作实效。")]),
        Paragraph("六", [Run("无")]),
    ]
    return report


def example_2021_report() -> Report:
    """Totals of the 2021-format fixture in format-spec.md §7: 14069 + 560 = 13810 + 819."""
    report = clean_report("2021", year=2024)
    for key, f in report.format.fields.items():
        if not f.is_total:
            report.values[key] = Value(0)
    numbers = {
        (f"{A}.new", NP): 13500, (f"{A}.new", "business"): 569, (f"{A}.carried_over", NP): 560,
        (f"{A}.granted", NP): 9000, (f"{A}.partly_granted", NP): 1241, (f"{A}.unable.not_held", NP): 3000,
        (f"{A}.granted", "business"): 569, (f"{A}.carry_forward", NP): 819,
    }
    for group, outcomes in (("review", (376, 97, 196, 121)), ("direct_suit", (16, 1, 12, 27)),
                            ("suit_after_review", (74, 1, 30, 51))):
        for outcome, n in zip(("upheld", "corrected", "other", "pending"), outcomes, strict=True):
            numbers[(f"{R}.{group}", outcome)] = n
    for (row, column), n in numbers.items():
        report.values[f"{row}.{column}"] = Value(n)
    report.choices["fee_charged"] = Value(raw="是")
    report.choices["fee_applications"] = Value(1)
    report.choices["fee_amount"] = Value(Decimal("380"))
    report.paragraphs[-1] = Paragraph("六", [Run("本年度对1件政府信息公开申请收取信息处理费380元。")])
    return report


def test_seed_passes_without_error(tmp_path):
    report = seed_report()
    assert check(report).findings == ()
    assert checked(tmp_path, report) == []


def test_2021_example_passes_without_error(tmp_path):
    report = example_2021_report()
    assert report.amount(f"{A}.results_total.total") == 13810
    assert report.amount(f"{R}.review.total") == 790
    assert checked(tmp_path, report) == []


# --- R1–R8, one workbook each ----------------------------------------------------------------


def test_r1_names_the_carry_forward_cell_and_all_numbers(tmp_path):
    report = clean_report("2021")
    found = checked(tmp_path, report, {f"{A}.carry_forward.{NP}": 2})
    assert rules_of(found) == {"R1"}
    assert where(found, "R1") == {at(report, f"{A}.carry_forward.{NP}"), at(report, f"{A}.carry_forward.total")}
    first = next(f for f in found if f.where == at(report, f"{A}.carry_forward.{NP}"))
    assert first.level is Level.ERROR
    assert "自然人列" in first.message
    assert "一（D6，4）+二（D7，1）=5" in first.message
    assert "三（七）总计（D29，4）+四（D30，2）=6" in first.message
    assert "相差1" in first.message
    assert first.details["left"] == 5 and first.details["right"] == 6 and first.details["difference"] == -1


def test_r2_typed_row_totals_checked_against_their_parts(tmp_path):
    report = clean_report("2019")
    # Off by one in two rows that balance each other, so R1 on the 总计 column still holds.
    found = checked(tmp_path, report, {f"{A}.new.total": 25, f"{A}.carried_over.total": 5})
    assert rules_of(found) == {"R2"}
    assert where(found, "R2") == {at(report, f"{A}.new.total"), at(report, f"{A}.carried_over.total")}
    new_total = next(f for f in found if f.where == at(report, f"{A}.new.total"))
    assert new_total.message.startswith(
        "“一、本年新收政府信息公开申请数量”行：总计（J6，25），但自然人（D6，4）+商业企业")


def test_r3_results_total_checked_against_the_result_rows(tmp_path):
    report = clean_report("2021")
    edits = {f"{A}.results_total.{NP}": 5, f"{A}.carry_forward.{NP}": 0,
             f"{A}.results_total.business": 3, f"{A}.carry_forward.business": 2}
    found = checked(tmp_path, report, edits)
    assert rules_of(found) == {"R3"}
    assert where(found, "R3") == {at(report, f"{A}.results_total.{NP}"), at(report, f"{A}.results_total.business")}
    message = next(f.message for f in found if f.where == at(report, f"{A}.results_total.{NP}"))
    assert "（其余各项为0）=4" in message and "（七）总计" in message


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_r4_review_total_typed_wrong(tmp_path, format_id):
    report = clean_report(format_id)
    found = checked(tmp_path, report, {f"{R}.direct_suit.total": 7})
    assert rules_of(found) == {"R4"}
    (finding,) = found
    assert finding.where == at(report, f"{R}.direct_suit.total")
    assert "结果维持（F6，2）+结果纠正（G6，2）+其他结果（H6，2）+尚未审结（I6，2）=8" in finding.message


@pytest.mark.parametrize(("format_id", "key", "typed", "code", "level", "words"), [
    ("2021", f"{R}.review.upheld", "五件", "R5", Level.ERROR, "应填写数字"),
    ("2019", f"{D}.procurement.procurement_count", -1, "R5", Level.ERROR, "不能是负数"),
    ("2019", f"{D}.licensing.change", 2.5, "R5", Level.ERROR, "应为整数"),
    ("2019", f"{D}.procurement.procurement_amount", 266900.123, "PRECISION", Level.WARNING, "比一分钱还细"),
    ("2021", f"{D}.fees.fee_amount", 1.2345678, "PRECISION", Level.WARNING, "照原样印出"),
])
def test_r5_domains(tmp_path, format_id, key, typed, code, level, words):
    report = clean_report(format_id)
    found = checked(tmp_path, report, {key: typed})
    assert rules_of(found) == {code}
    (finding,) = found
    assert finding.where == at(report, key) and finding.level is level and words in finding.message


def test_r5_signed_change_may_be_negative(tmp_path):
    assert checked(tmp_path, clean_report("2019"), {f"{D}.licensing.change": -3}) == []


def test_r6a_total_published_below_new_published(tmp_path):
    report = clean_report("2019")
    found = checked(tmp_path, report, {f"{D}.regulations.total_published": 0})
    assert rules_of(found) == {"R6a"}
    (finding,) = found
    assert finding.where == at(report, f"{D}.regulations.total_published")
    assert finding.level is Level.WARNING and "小于" in finding.message and "少1" in finding.message


def test_r6b_in_force_across_years(tmp_path):
    previous, report = last_years("2021", 2021), clean_report("2021", 2022)
    previous.values[f"{D}.normative_documents.in_force"] = Value(20)
    found = checked(tmp_path, report, previous=previous)
    assert rules_of(found) == {"R6b", "COPY_SHARE"}
    (finding,) = [f for f in found if f.code == "R6b"]
    assert finding.where == at(report, f"{D}.normative_documents.in_force")
    assert "上年报告的现行有效件数" in finding.message and "=20" in finding.message


def test_r7_carried_over_across_the_2020_to_2021_format_change(tmp_path):
    previous, report = last_years("2019", 2020), clean_report("2021", 2021)
    previous.values[f"{A}.carry_forward.{NP}"] = Value(3)
    found = checked(tmp_path, report, previous=previous)
    # R6b needs last year's 现行有效件数, which the 2019 format has not: it is skipped.
    assert rules_of(found) == {"R7", "COPY_SHARE"}
    assert where(found, "R7") == {at(report, f"{A}.carried_over.{NP}"), at(report, f"{A}.carried_over.total")}
    message = next(f.message for f in found if f.where == at(report, f"{A}.carried_over.{NP}"))
    assert "二（D7，1）" in message and "上年报告的四（3）" in message  # last year's was typed in no cell


def test_r8_last_year_items(tmp_path):
    previous, report = last_years("2019", 2019), clean_report("2019", 2020)
    previous.values[f"{D}.penalties.change"] = Value(-1)
    found = checked(tmp_path, report, previous=previous)
    assert rules_of(found) == {"R8", "COPY_SHARE"}
    (finding,) = [f for f in found if f.code == "R8"]
    assert finding.where == at(report, f"{D}.penalties.last_year_items")
    assert "=-1" in finding.message and "相差1" in finding.message


def test_cross_year_rules_need_last_years_report():
    report = clean_report("2019", 2020)
    report.values[f"{D}.penalties.last_year_items"] = Value(7)
    assert check(report).findings == ()



def test_total_typed_over_its_formula_is_named_not_the_computed_cells(tmp_path):
    report = clean_report("2019")
    found = checked(tmp_path, report, {f"{A}.new.total": 30})
    # R2 on its row and R1 on the 总计 column both point at the typed total, not at a formula.
    assert {(f.code, f.where) for f in found} == {("R1", at(report, f"{A}.new.total")),
                                                  ("R2", at(report, f"{A}.new.total"))}
    assert all("J6本是自动合计，现在是手填的数字" in f.message for f in found)

# --- the other findings ----------------------------------------------------------------------


def test_required_info_field_left_empty(tmp_path):
    report = clean_report("2021")
    found = checked(tmp_path, report, {info_at(report, "phone"): None})
    assert [(f.code, f.where, f.level) for f in found] == [(REQUIRED, info_at(report, "phone"), Level.ERROR)]
    assert "联系电话" in found[0].message


def test_required_section_left_empty():
    report = clean_report("2019")
    report.paragraphs = [p for p in report.paragraphs if p.section != "五"]
    (finding,) = check(report).findings
    assert finding.code == REQUIRED and finding.part == "正文" and "五、存在的主要问题及改进情况" in finding.message


def test_fee_choice_not_made_and_not_an_option(tmp_path):
    report = clean_report("2021")
    place = info_at(report, "fee_charged")
    assert where(checked(tmp_path, report, {place: None}), REQUIRED) == {place}
    assert where(checked(tmp_path, report, {place: "有"}), CHOICE) == {place}


def test_year_outside_the_workbooks_format(tmp_path):
    report = clean_report("2019")
    found = checked(tmp_path, report, {info_at(report, "year"): 2021})
    assert rules_of(found) == {FORMAT_YEAR}
    (finding,) = found
    assert finding.where == info_at(report, "year") and "国办公开办函〔2021〕30号" in finding.message


def test_blank_cells_counted_as_zero(tmp_path):
    report = clean_report("2021")
    found = checked(tmp_path, report, {f"{R}.suit_after_review.upheld": None})
    assert rules_of(found) == {BLANK}
    (finding,) = found
    assert finding.where == at(report, f"{R}.suit_after_review.upheld") and finding.level is Level.WARNING
    assert "按0计算" in finding.message and finding.details["count"] == 1


@pytest.mark.parametrize(("facts", "blamed"), [
    ({"fee_charged": "否", "fee_amount": 380}, "fee_amount"),
    ({"fee_charged": "是", "fee_applications": 1}, "fee_amount"),
    ({"fee_charged": "是", "fee_amount": 380}, "fee_applications"),
])
def test_fee_facts_that_contradict_each_other(tmp_path, facts, blamed):
    report = clean_report("2021")
    found = checked(tmp_path, report, {info_at(report, k): v for k, v in facts.items()})
    # Charged, while section 六 says 无: FEE_TEXT too (see test_text_rules.py).
    assert rules_of(found) == ({FEE, "FEE_TEXT"} if facts["fee_charged"] == "是" else {FEE})
    assert info_at(report, blamed) in where(found, FEE)


def test_procurement_amount_without_unit(tmp_path):
    report = clean_report("2019")
    place = info_at(report, "procurement_unit")
    found = checked(tmp_path, report, {place: None})
    assert [(f.code, f.where, f.level) for f in found] == [(UNIT, place, Level.ERROR)]
    assert "266900" in found[0].message
    zero = {place: None, f"{D}.procurement.procurement_amount": 0}
    assert checked(tmp_path, report, zero) == []


def test_narrative_says_no_application_but_table_counts_some(tmp_path):
    report = clean_report("2021")
    report.paragraphs.append(Paragraph("一", [Run("本年度未收到政府信息公开申请。")]))
    found = checked(tmp_path, report)
    assert rules_of(found) == {NARRATIVE}
    (finding,) = found
    assert finding.part == "正文" and finding.location.cell.startswith("B")
    assert "未收到政府信息公开申请" in finding.message and "为24" in finding.message


@pytest.mark.parametrize("text", [
    "对逾期未收到补正材料的申请，按规定终止办理。",
    "本年度收到申请28件，未收到行政复议申请。",
])
def test_narrative_claims_that_are_not_about_new_applications(text):
    report = clean_report("2021")
    report.paragraphs.append(Paragraph("一", [Run(text)]))
    subjects = {f.details.get("claim") for f in check(report).findings}
    assert "本年新收政府信息公开申请" not in subjects


@pytest.mark.parametrize(("text", "subject", "changes"), [
    ("本年度未发生政府信息公开行政复议案件。", "行政复议、行政诉讼", {}),
    ("本年度未收取信息处理费。", "收取信息处理费",
     {"fee_charged": Value(raw="是"), "fee_applications": Value(1), "fee_amount": Value(380)}),
])
def test_narrative_denies_what_the_numbers_show(text, subject, changes):
    report = clean_report("2021")
    report.choices.update(changes)
    report.paragraphs.append(Paragraph("六", [Run(text)]))
    (finding,) = check(report).findings
    assert finding.code == NARRATIVE and finding.details["claim"] == subject

def test_narrative_cites_the_other_formats_notice():
    report = clean_report("2021", 2022)
    report.paragraphs.append(Paragraph("前言", [Run("根据国办公开办函〔2019〕60号的要求编制本报告。")]))
    (finding,) = check(report).findings
    assert finding.code == NARRATIVE and "国办公开办函〔2021〕30号" in finding.message

def test_narrative_statistical_period_of_another_year():
    report = clean_report("2021", 2022)
    report.paragraphs.append(Paragraph("前言", [Run("统计期限自2021年1月1日起至2021年12月31日止。")]))
    (finding,) = check(report).findings
    assert finding.code == "TEXT_YEAR" and "2022" in finding.message


def test_previous_report_of_the_wrong_year_skips_the_cross_year_rules():
    previous, report = clean_report("2021", 2021), clean_report("2021", 2023)
    previous.values[f"{A}.carry_forward.{NP}"] = Value(3)
    previous.organ = "另一个机关"
    found = check(report, previous).findings
    assert rules_of(found) == {PREVIOUS}
    assert {f.key for f in found} == {"year", "organ"}


def test_unreadable_cell_is_not_added_into_the_rules():
    report = clean_report("2021", typed_totals=True)
    report.values[f"{A}.new.{NP}"] = Value(raw="四", problem="不是数字")
    assert rules_of(check(report).findings) == {"R5"}


# --- views -----------------------------------------------------------------------------------


def test_text_view_clean_is_one_line():
    assert findings_text(CheckResult(())) == "检查通过：没有发现错误或警告。"


def test_text_view_groups_by_sheet_errors_first(tmp_path):
    report = clean_report("2021")
    edits = {f"{R}.review.upheld": None, f"{A}.carry_forward.{NP}": 2}  # a blank on 四, R1 on 三
    result = check(read_workbook(workbook(tmp_path, report, edits)))
    text = findings_text(result)
    lines = text.splitlines()
    assert lines[0].startswith("发现2个错误、1个警告")
    assert text.index("【三、依申请公开】") < text.index("【四、复议诉讼】")
    assert "  错误  D30" in text and "  警告  A6" in text
    assert "\x1b[" not in text
    assert "\x1b[" in findings_text(result, color=True)


def test_text_view_of_a_report_without_cells_groups_by_part():
    report = clean_report("2021")
    report.values[f"{A}.carry_forward.{NP}"] = Value(2)
    text = findings_text(check(report))
    assert "【三、依申请公开】" in text
    assert "自然人列：一（4）+二（1）=5，但三（七）总计（4）+四（2）=6" in text


def test_json_view_carries_the_same_findings(tmp_path):
    report = clean_report("2021")
    result = check(read_workbook(workbook(tmp_path, report, {f"{A}.carry_forward.{NP}": 2})))
    data = json.loads(json.dumps(findings_json(result), ensure_ascii=False))
    assert data["ok"] is False and data["errors"] == 2 and data["warnings"] == 0
    item = data["findings"][0]
    assert {k: item[k] for k in ("level", "code", "key", "location")} == {
        "level": "error", "code": "R1", "key": f"{A}.carry_forward.{NP}",
        "location": {"sheet": "三、依申请公开", "cell": "D30"}}
    assert item["title"] == "表三逐列平衡" and item["message"] == result.findings[0].message
    assert item["details"]["left"] == 5
    assert item["involved"][1] == {"key": f"{A}.new.{NP}", "label": "“一、本年新收政府信息公开申请数量”的“自然人”",
                                   "value": 4, "location": {"sheet": "三、依申请公开", "cell": "D6"}}


def test_check_result_counts():
    report = clean_report("2021")
    report.contacts["phone"] = ""
    report.values[f"{R}.review.upheld"] = Value()
    result = check(report)
    assert (len(result.errors), len(result.warnings), result.ok) == (1, 1, False)


def test_report_from_json_points_at_field_keys_not_cells():
    from generator.report.jsonio import dumps, loads

    report = clean_report("2021")
    report.values[f"{A}.carry_forward.{NP}"] = Value(2)
    again = loads(dumps(report))
    found = [f for f in check(again).findings if f.code == "R1"]
    assert {f.key for f in found} == {f"{A}.carry_forward.{NP}", f"{A}.carry_forward.total"}
    assert {f.where for f in found} == {f"tables.{A}.carry_forward.{NP}", f"tables.{A}.carry_forward.total"}
    assert all("!" not in f.message for f in found)


# --- the command -----------------------------------------------------------------------------

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
runner = CliRunner()


# What the shipped examples are told, and why it is right: the seed's 前言 puts its web address and
# contacts in half-width brackets, "网站(http://…)" and "联系(地址：…)", and its first sub-heading
# is "(一)" where the others are "（二）"…. The 2021 example is told nothing: every number its text
# states (新收55, 上年结转4, 办结56 and each result, 结转3, 制发3, 废止1, 现行有效17) is its tables'.
EXAMPLE_WARNINGS: dict[str, set[tuple[str, str]]] = {
    "seed-2019": {("PUNCT", "正文!B6"), ("PUNCT", "正文!B10")},
    "example-2021": set(),
}


@pytest.mark.parametrize("name", ["seed-2019.xlsx", "example-2021.xlsx", "seed-2019.json", "example-2021.json"])
def test_command_passes_the_seed_and_the_2021_example(name):
    path = INPUTS / name
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["errors"] == 0
    expected = EXAMPLE_WARNINGS[path.stem]
    if path.suffix == ".json":  # a JSON export has no cells: the paragraph's key says which
        assert {f["code"] for f in data["findings"]} == {code for code, _ in expected}
    else:
        assert {(f["code"], f"{f['location']['sheet']}!{f['location']['cell']}") for f in data["findings"]} == expected
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # checking never touches the file


def test_command_exits_1_on_errors_and_names_the_cell(tmp_path):
    report = clean_report("2021")
    path = workbook(tmp_path, report, {f"{A}.carry_forward.{NP}": 2})
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "【三、依申请公开】" in result.output and "错误  D30" in result.output


def test_command_exits_0_on_warnings_only(tmp_path):
    path = workbook(tmp_path, clean_report("2021"), {f"{R}.review.upheld": None})
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and "没有错误" in result.output and "警告  A6" in result.output


def test_command_json(tmp_path):
    path = workbook(tmp_path, clean_report("2021"), {f"{R}.review.total": 9})
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["code"], f["location"], f["level"]) for f in data["findings"]] == [
        ("R4", {"sheet": "四、复议诉讼", "cell": "E6"}, "error")]
    assert data["findings"][0]["details"]["left"] == 9


def test_command_previous(tmp_path):
    previous = last_years("2019", 2020)
    previous.values[f"{A}.carry_forward.{NP}"] = Value(3)
    last = workbook(tmp_path, previous, name="上年.xlsx")
    this = workbook(tmp_path, clean_report("2021", 2021))
    result = runner.invoke(app, ["check", str(this), "--previous", str(last), "--json"])
    assert result.exit_code == 0
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} == {"R7", "COPY_SHARE"}


@pytest.mark.parametrize("content", [None, b"not a workbook", b"\xd0\xcf\x11\xe0old xls"])
def test_command_exits_2_with_one_line_when_the_file_cannot_be_read(tmp_path, content):
    path = tmp_path / "坏.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_command_exits_2_when_last_years_file_cannot_be_read(tmp_path):
    this = workbook(tmp_path, clean_report("2021", 2021))
    result = runner.invoke(app, ["check", str(this), "--previous", str(tmp_path / "没有这个文件.xlsx")])
    assert result.exit_code == 2 and "没有这个文件.xlsx" in result.output
