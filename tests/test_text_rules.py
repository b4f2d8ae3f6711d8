"""The rules that read the text, one workbook each: the program writes the workbook, a clerk types
into 正文 (and sometimes a table cell) with openpyxl, `check` names the paragraph's cell and the
table fields involved."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_checks import NP, A, D, R, at, clean_report, info_at, last_years, runner, workbook

from generator.checks import CATALOGUE, check
from generator.cli import app
from generator.formats import Level
from generator.report import Paragraph, Report, Run, Value
from generator.views import findings_json, findings_text
from generator.workbook import read_workbook
from generator.workbook.layout import TEXT_SHEET, part_marker

# clean_report("2021"): new 24, carried over 6, granted 18, not held 6, results 24, carried forward 6;
# table 四: 行政复议 1/1/1/1 (total 4), 未经复议直接起诉 2/2/2/2 (total 8); 规范性文件 2 issued, 2 repealed, 12 in force.
AGREEING = (
    "全年新收政府信息公开申请24件，上年结转6件。已办结24件，其中予以公开18件、无法提供6件；6件结转下年度继续办理。",
    "被申请行政复议4件，其中结果维持1件、结果纠正1件、其他结果1件、尚未审结1件；被提起行政诉讼8件。",
    "全年制发行政规范性文件2件，废止2件，现行有效12件。",
)


def typed(tmp_path: Path, report: Report, lines: list[tuple[str, str]], edits: dict[str, object] | None = None,
          name: str = "报告.xlsx") -> tuple[Path, list[str]]:
    """Write the report's workbook, then type each (part, text) into the next empty row of its part
    on the 正文 sheet, and `edits` into their cells. Returns the file and the cells typed into."""
    path = workbook(tmp_path, report, edits, name)
    wb = load_workbook(path)
    ws = wb[TEXT_SHEET]
    markers = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    cells = []
    for part, text in lines:
        row = markers[part_marker(report.format, part)] + 1
        while ws.cell(row, 2).value is not None:
            row += 1
        ws.cell(row, 2).value = text
        cells.append(f"{TEXT_SHEET}!B{row}")
    wb.save(path)
    return path, cells


def found(path: Path, previous: Report | None = None, code: str | None = None) -> list:
    findings = list(check(read_workbook(path), previous).findings)
    return [f for f in findings if code is None or f.code == code]


def keys(finding) -> set[str]:
    """What a finding on a paragraph names besides the paragraph (its subject, where it points)."""
    assert finding.key.startswith("narrative[") and finding.involved[0].key == finding.key
    return {i.key for i in finding.involved[1:]}


# --- numbers in the text ------------------------------------------------------------------------


def test_statements_that_agree_with_the_tables_give_nothing(tmp_path):
    path, _ = typed(tmp_path, clean_report("2021"), [("一", text) for text in AGREEING])
    assert found(path) == []


def test_a_number_the_table_contradicts_is_an_error_at_its_paragraph(tmp_path):
    report = clean_report("2021")
    path, (cell,) = typed(tmp_path, report, [("一", "全年新收政府信息公开申请二十件，上年结转6件。")])
    (finding,) = found(path)
    assert (finding.code, finding.level, finding.where) == ("TEXT_NUMBER", Level.ERROR, cell)
    assert keys(finding) == {f"{A}.new.total"}
    assert finding.involved[1].location.cell == at(report, f"{A}.new.total").split("!")[1]
    assert "“全年新收政府信息公开申请二十件”" in finding.message and "为24件" in finding.message
    assert finding.details["stated"] == 20 and finding.details["table"] == 24


def test_a_group_count_is_the_sum_of_its_rows_as_the_clerk_typed_them(tmp_path):
    """The clerk moves one application from 无法提供 to 予以公开 in the table and not in the text."""
    report = clean_report("2021")
    edits = {f"{A}.unable.not_held.{NP}": 0, f"{A}.granted.{NP}": 4}
    path, (cell,) = typed(tmp_path, report, [("一", "已办结24件，其中予以公开18件，无法提供6件。")], edits)
    findings = found(path)
    assert {(f.code, f.where) for f in findings} == {("TEXT_NUMBER", cell)}
    unable = next(f for f in findings if "无法提供" in f.details["text"] or f.details["text"] == "6件")
    assert keys(unable) == {
        f"{A}.unable.not_held.total", f"{A}.unable.needs_creation.total", f"{A}.unable.still_unclear.total"}
    granted = next(f for f in findings if f is not unable)
    assert keys(granted) == {f"{A}.granted.total"} and "为19件" in granted.message


@pytest.mark.parametrize(("text", "code"), [
    ("全年共收到政府信息公开申请约20件。", None),  # 约: within 20 ± 5
    ("全年共收到政府信息公开申请20余件。", None),  # 余: 20 to 29
    ("全年共收到政府信息公开申请近30件。", None),  # 近: at most 30
    ("全年共收到政府信息公开申请30余件。", "TEXT_NUMBER"),
    ("全年共收到政府信息公开申请超过25件。", "TEXT_NUMBER"),
])
def test_hedged_numbers_are_compared_as_the_bound_they_state(tmp_path, text, code):
    path, _ = typed(tmp_path, clean_report("2021"), [("一", text)])
    assert [f.code for f in found(path)] == ([code] if code else [])


def test_received_counted_with_last_years_applications_is_a_warning(tmp_path):
    path, (cell,) = typed(tmp_path, clean_report("2021"), [("一", "全年收到政府信息公开申请30件，均依法答复。")])
    (finding,) = found(path)
    assert (finding.code, finding.level, finding.where) == ("TEXT_SCOPE", Level.WARNING, cell)
    assert keys(finding) == {f"{A}.new.total", f"{A}.carried_over.total"}
    assert "上年结转" in finding.message


def test_all_upheld_over_corrected_and_pending_cases(tmp_path):
    path, (cell,) = typed(tmp_path, clean_report("2021"), [("一", "被申请行政复议4件，均获维持。")])
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("TEXT_NUMBER", cell)
    assert keys(finding) == {f"{R}.review.corrected", f"{R}.review.other", f"{R}.review.pending"}


def test_all_done_over_applications_carried_forward(tmp_path):
    path, (cell,) = typed(tmp_path, clean_report("2021"), [("一", "全年收到政府信息公开申请24件，已全部办结。")])
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("TEXT_NUMBER", cell)
    assert keys(finding) == {f"{A}.carry_forward.total"}


def test_fee_amount_in_the_text_against_the_fee_facts(tmp_path):
    report = clean_report("2021")
    facts = {info_at(report, "fee_charged"): "是", info_at(report, "fee_applications"): 1,
             info_at(report, "fee_amount"): 380}
    path, (cell,) = typed(tmp_path, report, [("六", "本年度收取信息处理费380万元。")], facts)
    findings = found(path)
    assert {(f.code, f.where) for f in findings} == {("TEXT_NUMBER", cell)}
    assert keys(findings[0]) == {"fee_amount"} and "一万倍" in findings[0].message


def test_a_field_the_format_lacks_is_not_compared(tmp_path):
    """现行有效件数 is a 2021 column; the 2019 format has none, so the sentence is not checked."""
    path, _ = typed(tmp_path, clean_report("2019"), [("一", "现行有效规范性文件99件。")])
    assert found(path) == []


def test_a_claim_on_a_blank_table_is_not_reported(tmp_path):
    report = clean_report("2021")
    edits = {f"{D}.licensing.decisions": None}
    path, _ = typed(tmp_path, report, [("一", "全年作出行政许可决定128件。")], edits)
    assert {f.code for f in found(path)} == {"BLANK"}


# --- placeholders, section 五 and 六 ---------------------------------------------------------------


def test_placeholder_is_an_error_at_its_cell_and_stops_generate(tmp_path):
    path, (cell,) = typed(tmp_path, clean_report("2021"), [("一", "全年主动公开政府信息XX条，其中政策解读【】条。")])
    (finding,) = found(path)
    assert (finding.code, finding.level, finding.where) == ("PLACEHOLDER", Level.ERROR, cell)
    assert "“XX”" in finding.message and "“【】”" in finding.message
    result = runner.invoke(app, ["generate", str(path), "-o", str(tmp_path / "报告.docx")])
    assert result.exit_code == 1 and not (tmp_path / "报告.docx").exists()


@pytest.mark.parametrize("text", [
    "本年度共收到申请××件。", "本局ＸＸ项工作……", "相关数据待补充。", "此处待填写", "TODO 补数字",
    "（此处填写主要做法）", "20XX年主动公开信息300条。", "于×月×日完成。",
])
def test_placeholders_as_drafts_leave_them(text):
    report = clean_report("2021")
    report.paragraphs.append(Paragraph("一", [Run(text)]))
    assert [f.code for f in check(report).findings] == ["PLACEHOLDER"]


@pytest.mark.parametrize("text", ["信息发布的及时性有待补充完善。", "Excel、WPS 均可打开。", "3×4的表格"])
def test_words_that_only_look_like_placeholders(text):
    report = clean_report("2021")
    report.paragraphs.append(Paragraph("一", [Run(text)]))
    assert [f.code for f in check(report).findings if f.code == "PLACEHOLDER"] == []


@pytest.mark.parametrize(("text", "missing"), [
    ("无", "只写了“无”"),
    ("本年度无。", "只写了“无”"),
    ("信息公开工作还存在一些不足。", "只有一句话"),
    ("信息公开工作还存在一些不足，主要是公开不够及时。内容有时不够全面。", "没有写改进措施"),
    ("下一步将加强培训。进一步完善制度。", "没有写存在哪些问题"),
])
def test_section_five_without_substance(tmp_path, text, missing):
    report = clean_report("2021")
    report.paragraphs = [p for p in report.paragraphs if p.section != "五"]
    path, (cell,) = typed(tmp_path, report, [("五", text)])
    (finding,) = found(path)
    assert (finding.code, finding.level, finding.where) == ("SECTION5", Level.WARNING, cell)
    assert missing in finding.message and finding.details["missing"][0] == missing


@pytest.mark.parametrize("text", ["无", "本年度无其他需要报告的事项。", "无其他需要报告的情况。"])
def test_section_six_says_nothing_while_fees_were_charged(tmp_path, text):
    report = clean_report("2021")
    report.paragraphs = [p for p in report.paragraphs if p.section != "六"]
    facts = {info_at(report, "fee_charged"): "是", info_at(report, "fee_applications"): 1,
             info_at(report, "fee_amount"): 380}
    path, (cell,) = typed(tmp_path, report, [("六", text)], facts)
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("FEE_TEXT", cell)
    assert keys(finding) == {"fee_charged", "fee_applications", "fee_amount"}
    assert "1件，380元" in finding.message


def test_section_six_reporting_the_fee_is_fine(tmp_path):
    report = clean_report("2021")
    report.paragraphs = [p for p in report.paragraphs if p.section != "六"]
    facts = {info_at(report, "fee_charged"): "是", info_at(report, "fee_applications"): 1,
             info_at(report, "fee_amount"): 380}
    path, _ = typed(tmp_path, report, [("六", "本年度对1件申请收取信息处理费380元，无其他需要报告的事项。")], facts)
    assert found(path) == []


# --- numbering and headings ------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "bad", "words"), [
    (["（一）主动公开情况", "（三）政府信息管理情况"], 1, "从“（一）”跳到“（三）”，缺（二）"),
    (["（一）主动公开情况", "（二）依申请公开情况", "（二）政府信息管理情况"], 2, "“（二）”重复了"),
    (["（二）依申请公开情况"], 0, "从“（二）”开始，缺（一）"),
    (["（一）主动公开", "1.规范性文件", "2、规划信息"], 2, "两种写法"),
    (["一、主动公开情况"], 0, "“一、”这一级"),
])
def test_numbering(tmp_path, lines, bad, words):
    path, cells = typed(tmp_path, clean_report("2021"), [("一", line) for line in lines])
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("NUMBERING", cells[bad]) and words in finding.message


def test_numbering_restarts_under_each_heading(tmp_path):
    lines = ["（一）主动公开", "1.规范性文件", "2.规划信息", "（二）依申请公开", "1.渠道", "2.答复", "（三）平台建设"]
    path, _ = typed(tmp_path, clean_report("2021"), [("一", line) for line in lines])
    assert found(path) == []


@pytest.mark.parametrize("heading", ["二、主动公开政府信息情况", "五、存在问题及改进情况", "存在的主要问题及改进情况："])
def test_statutory_heading_typed_in_the_text(tmp_path, heading):
    path, (cell,) = typed(tmp_path, clean_report("2021"), [("五", heading)])
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("HEADING", cell)


# --- text hygiene ------------------------------------------------------------------------------


def test_half_width_brackets_of_a_heading_are_named_at_its_cell(tmp_path):
    path, cells = typed(tmp_path, clean_report("2021"), [("一", "(一)主动公开情况"), ("一", "联系电话:0955-7012550")])
    findings = found(path)
    assert [(f.code, f.where) for f in findings] == [("PUNCT", cells[0]), ("PUNCT", cells[1])]
    assert "“(一)主动公开" in findings[0].message and "(→（" in findings[0].message
    assert "“联系电话:0955" in findings[1].message


@pytest.mark.parametrize("text", [
    "网址为http://www.example.gov.cn/，邮箱abc@example.com。", "完成率99.08%，办理“40.50”补贴。",
    "1.领导重视。", "上午8:30至12:00。", "使用Excel, WPS等软件。",
])
def test_half_width_marks_outside_chinese_text_are_fine(text):
    report = clean_report("2021")
    report.paragraphs.append(Paragraph("一", [Run(text)]))
    assert [f.code for f in check(report).findings] == []


def test_doubled_punctuation(tmp_path):
    path, (cell,) = typed(tmp_path, clean_report("2021"), [("一", "加强培训，，提升水平。。真的吗？！")])
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("DOUBLE_PUNCT", cell) and finding.details["count"] == 2


def test_years_that_belong_to_another_report(tmp_path):
    report = clean_report("2021", 2022)
    path, cells = typed(tmp_path, report, [
        ("前言", "本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。"),
        ("一", "2021年，我局认真贯彻落实条例。"),
        ("五", "2023年，我局将加强培训，建立更新机制。"),  # next year's plans: fine
        ("一", "2019年以来，我局持续推进政务公开。"),  # since: fine
    ])
    findings = found(path)
    assert [(f.code, f.where) for f in findings] == [("TEXT_YEAR", cells[0]), ("TEXT_YEAR", cells[1])]
    assert "统计期限" in findings[0].message and "以“2021年，”开头" in findings[1].message


def test_organ_named_differently(tmp_path):
    report = clean_report("2021")
    report.organ = "云溪县自然资源局"
    path, cells = typed(tmp_path, report, [
        ("一", "云山县自然资源局认真贯彻落实条例。"),  # another county's bureau: copied text
        ("一", "按照市自然资源局和云溪县人民政府的部署，云溪县自然资源局做好公开工作。"),
        ("一", "全年会同云山县自然资源局开展联合执法。"),  # a neighbour named in passing
    ])
    (finding,) = found(path)
    assert (finding.code, finding.where) == ("ORGAN_NAME", cells[0]) and "云山县自然资源局" in finding.message


# --- against last year ---------------------------------------------------------------------------


def test_copied_text_is_named_paragraph_by_paragraph(tmp_path):
    last = clean_report("2021", 2021)
    last.paragraphs[1] = Paragraph("五", [Run("一是政策解读形式单一，二是栏目更新不够及时。下一步将丰富解读形式，建立栏目定期更新制度，"
                                             "确保信息在形成之日起20个工作日内公开。")])
    this = clean_report("2021", 2022)
    this.paragraphs[1] = Paragraph("五", [Run("一是政策解读形式单一，二是栏目更新不够及时。下一步将丰富解读形式，建立栏目定期更新制度，"
                                             "确保信息在形成之日起15个工作日内公开。")])
    this.paragraphs[0] = Paragraph("一", [Run("本年度我局围绕征收、规划等重点领域，新建专栏三个，发布解读材料十二篇。"
                                             "全面梳理主动公开目录，动态调整公开事项，对照标准目录逐项核对公开内容，"
                                             "督促业务科室在信息形成后及时报送，全年组织业务培训两次，开展自查四次。")])
    previous = read_workbook(workbook(tmp_path, last, name="上年.xlsx"))
    path = workbook(tmp_path, this)
    findings = found(path, previous)
    share = next(f for f in findings if f.code == "COPY_SHARE")
    assert share.level is Level.INFO and "第五部分100%" in share.message
    (copy,) = [f for f in findings if f.code == "COPY"]
    assert copy.level is Level.WARNING and copy.details["section"] == "五"
    assert copy.where == str(this_cell(path, 1)) and "（相同）" in copy.message
    assert {f.code for f in findings} == {"COPY", "COPY_SHARE"}


def this_cell(path: Path, index: int):
    return read_workbook(path).paragraphs[index].location


def test_a_report_mostly_copied(tmp_path):
    previous = read_workbook(workbook(tmp_path, clean_report("2021", 2021), name="上年.xlsx"))
    path = workbook(tmp_path, clean_report("2021", 2022))
    findings = found(path, previous)
    (copy,) = [f for f in findings if f.code == "COPY"]
    assert "超过一半" in copy.message and copy.details["overall"] == 1
    assert {i.key for i in copy.involved} == {"narrative[0]", "narrative[1]", "narrative[2]"}
    share = next(f for f in findings if f.code == "COPY_SHARE")
    assert share.details["sections"] == {"一": 1, "五": 1, "六": 1}


def test_a_figure_five_times_last_years(tmp_path):
    last = last_years("2021", 2021)
    for column in ("natural_person", "business", "research", "public_interest", "legal_services", "other_org"):
        last.values[f"{A}.new.{column}"] = Value(40)
        last.values[f"{A}.granted.{column}"] = Value(39)
        last.values[f"{A}.carry_forward.{column}"] = Value(2)
    previous = read_workbook(workbook(tmp_path, last, name="上年.xlsx"))
    report = clean_report("2021", 2022)
    path = workbook(tmp_path, report, {f"{D}.normative_documents.in_force": 120})
    jumps = found(path, previous, "JUMP")
    assert {(f.key, f.where) for f in jumps} == {
        (f"{D}.normative_documents.in_force", at(report, f"{D}.normative_documents.in_force")),
        (f"{A}.new.total", at(report, f"{A}.new.total")),
        (f"{A}.granted.total", at(report, f"{A}.granted.total")),
        (f"{A}.results_total.total", at(report, f"{A}.results_total.total"))}
    new = next(f for f in jumps if f.key == f"{A}.new.total")
    assert "本年为24，上年为240" in new.message and "只有上年的10分之一" in new.message
    assert [i.last_year for i in new.involved] == [False, True]


def test_a_blank_last_year_is_not_a_year_of_zero(tmp_path):
    last = last_years("2021", 2021)
    for key, f in last.format.fields.items():
        if f.table == A:
            last.values[key] = Value(formula=True) if f.is_total else Value()
    previous = read_workbook(workbook(tmp_path, last, name="上年.xlsx"))
    path = workbook(tmp_path, clean_report("2021", 2022), {f"{A}.new.{NP}": 64, f"{A}.granted.{NP}": 63})
    assert found(path, previous, "JUMP") == []


def test_an_amount_ten_thousand_times_last_years(tmp_path):
    last = last_years("2021", 2021)
    last.values[f"{D}.fees.fee_amount"] = Value(Decimal("126.48"))
    previous = read_workbook(workbook(tmp_path, last, name="上年.xlsx"))
    report = clean_report("2021", 2022)
    path = workbook(tmp_path, report, {f"{D}.fees.fee_amount": 1264800})
    (slip,) = found(path, previous, "UNIT_SLIP")
    assert slip.where == at(report, f"{D}.fees.fee_amount") and "一万倍" in slip.message
    assert not found(path, previous, "JUMP")


# --- regional rules ------------------------------------------------------------------------------


def test_rules_file_beside_the_workbook_changes_levels(tmp_path):
    path, _ = typed(tmp_path, clean_report("2021"), [("一", "全年主动公开政府信息XX条。"), ("一", "(一)主动公开")])
    (tmp_path / "nianbao.toml").write_text('[rules]\nPLACEHOLDER = "警告"\nPUNCT = "off"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 0
    assert [(f["code"], f["level"]) for f in json.loads(result.stdout)["findings"]] == [("PLACEHOLDER", "warning")]
    assert "nianbao.toml" in result.stderr
    out = tmp_path / "报告.docx"
    assert runner.invoke(app, ["generate", str(path), "-o", str(out)]).exit_code == 0 and out.exists()


def test_a_fuzzy_rule_raised_to_error_fails_check_but_never_stops_generate(tmp_path):
    path, _ = typed(tmp_path, clean_report("2021"), [("一", "(一)主动公开")])
    rules = tmp_path / "省规则.toml"
    rules.write_text('[rules]\nPUNCT = "error"\n', encoding="utf-8")
    assert runner.invoke(app, ["check", str(path), "--rules", str(rules)]).exit_code == 1
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["generate", str(path), "--rules", str(rules), "-o", str(out)])
    assert result.exit_code == 0 and out.exists() and "不阻止生成报告" in result.stderr


@pytest.mark.parametrize(("content", "words"), [
    ('[rules]\nNOPE = "off"\n', "“NOPE”不是检查规则的编号"),
    ('[rules]\nCOPY = "severe"\n', "COPY 的级别“severe”不对"),
    ('[rule]\nCOPY = "off"\n', "不认识的项目：rule"),
    ("[rules\nCOPY = off\n", "格式不对"),
])
def test_a_rules_file_that_says_something_unknown_is_refused(tmp_path, content, words):
    path = workbook(tmp_path, clean_report("2021"))
    rules = tmp_path / "规则.toml"
    rules.write_text(content, encoding="utf-8")
    for command in (["check", str(path)], ["generate", str(path)], ["rules"]):
        result = runner.invoke(app, [*command, "--rules", str(rules)])
        assert result.exit_code == 1 and words in result.output and "Traceback" not in result.output


def test_rules_command_lists_every_rule(tmp_path):
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()[1:]
    assert [line.split()[0] for line in lines] == list(CATALOGUE)
    rules = tmp_path / "nianbao.toml"
    rules.write_text('[rules]\nCOPY = "error"\nBLANK = "关闭"\n', encoding="utf-8")
    changed = runner.invoke(app, ["rules", "--rules", str(rules)]).stdout
    assert "COPY" in changed and "错误（原为警告）" in changed and "关闭（原为警告）" in changed


def test_levels_given_to_check_directly():
    report = clean_report("2021")
    report.paragraphs.append(Paragraph("一", [Run("(一)主动公开XX")]))
    codes = {f.code: f.level for f in check(report, None, {"PUNCT": None, "PLACEHOLDER": Level.WARNING}).findings}
    assert codes == {"PLACEHOLDER": Level.WARNING}


# --- views ---------------------------------------------------------------------------------------


def test_the_copied_share_is_shown_as_a_note(tmp_path):
    previous = last_years("2021", 2021)
    result = check(clean_report("2021", 2022), previous)
    assert [f.code for f in result.findings] == ["COPY_SHARE"] and result.ok and not result.warnings
    text = findings_text(result)
    assert text.splitlines()[0] == "检查通过：没有发现错误或警告。"
    assert "提示" in text and "正文与上年报告相同的文字占" in text
    data = findings_json(result)
    assert (data["errors"], data["warnings"], data["notes"]) == (0, 0, 1)
    assert data["findings"][0]["level_label"] == "提示"


def test_every_new_rule_is_in_the_catalogue_with_chinese_text():
    for code in ("TEXT_NUMBER", "TEXT_SCOPE", "PLACEHOLDER", "SECTION5", "FEE_TEXT", "NUMBERING", "HEADING",
                 "PUNCT", "DOUBLE_PUNCT", "TEXT_YEAR", "ORGAN_NAME", "COPY_SHARE", "COPY", "JUMP", "UNIT_SLIP"):
        c = CATALOGUE[code]
        assert c.title and c.description and any("\u4e00" <= ch <= "\u9fff" for ch in c.description)
    fuzzy = {c.code for c in CATALOGUE.values() if c.fuzzy}
    assert {"COPY", "COPY_SHARE", "JUMP", "UNIT_SLIP", "PUNCT", "DOUBLE_PUNCT", "TEXT_YEAR"} <= fuzzy
    assert all(CATALOGUE[c].level is not Level.ERROR for c in fuzzy)




def test_readme_describes_every_text_rule_and_the_rules_file():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for code in ("TEXT_NUMBER", "TEXT_SCOPE", "PLACEHOLDER", "SECTION5", "FEE_TEXT", "NUMBERING", "HEADING",
                 "PUNCT", "DOUBLE_PUNCT", "TEXT_YEAR", "ORGAN_NAME", "COPY_SHARE", "COPY", "JUMP", "UNIT_SLIP"):
        assert f"`{code}`" in readme, code
    assert "nianbao rules" in readme and "nianbao.toml" in readme and "[rules]" in readme
