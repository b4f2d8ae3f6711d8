"""How reports phrase the tables' numbers: each phrasing against the 2021 example's tables.

The example (inputs/example-2021.json): 新收 55, 上年结转 4, 办结 56 (予以公开 22, 部分公开 5, 不予公开 7,
无法提供 13 of which 本机关不掌握 10, 不予处理 6, 其他处理 3 of which 逾期不补正 2), 结转下年度 3; 行政复议
2/1/0/1 (4), 未经复议直接起诉 1/0/1/0 (2), 复议后起诉 1/0/0/0 (1); 规范性文件 制发 3, 废止 1, 现行有效 17;
规章 0; 许可 1286, 处罚 57, 强制 3; 行政事业性收费 126.48万元; 信息处理费 1件 380元.
Each case: the part, the sentence, the code it must give (None: nothing).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks import CATALOGUE, check
from generator.checks.textnum import Bound, chinese_number, quantities
from generator.report import Paragraph, Run
from generator.report.jsonio import loads

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "example-2021.json"
TEXT_CODES = ("TEXT_NUMBER", "TEXT_SCOPE", "NARRATIVE")

PHRASINGS = [
    ("一", "本年度共收到政府信息公开申请55件。", None),
    ("一", "本年度共收到政府信息公开申请50件。", "TEXT_NUMBER"),
    ("一", "全年新收申请五十五件。", None),
    ("一", "全年新收申请五十件。", "TEXT_NUMBER"),
    ("一", "受理依申请公开事项55件。", None),
    ("一", "共收到各类政府信息公开申请59件。", "TEXT_SCOPE"),
    ("一", "共办理政府信息公开申请59件。", None),
    ("一", "共收到申请55件。其中，自然人申请46件，法人或其他组织申请9件。", None),
    ("一", "共收到申请55件，其中自然人提出申请40件。", "TEXT_NUMBER"),
    ("一", "收到申请约50件。", None),
    ("一", "收到申请约40件。", "TEXT_NUMBER"),
    ("一", "收到申请50余件。", None),
    ("一", "收到申请40余件。", "TEXT_NUMBER"),
    ("一", "收到申请近60件。", None),
    ("一", "收到申请近50件。", "TEXT_NUMBER"),
    ("一", "收到申请超过50件。", None),
    ("一", "收到申请超过60件。", "TEXT_NUMBER"),
    ("一", "收到申请55件，同比增长10件。", None),
    ("一", "收到申请55件，较上年减少5件。", None),
    ("一", "2024年收到申请40件，2025年收到申请55件。", None),
    ("一", "2024年收到申请40件。", None),
    ("一", "收到申请55件，其中涉及土地征收的申请30件。", None),
    ("一", "涉及自然资源领域的申请30件。", None),
    ("一", "已办结56件，其中予以公开22件，部分公开5件，不予公开7件，无法提供13件，不予处理6件，其他处理3件。", None),
    ("一", "已办结56件，其中予以公开22件，部分公开5件，不予公开8件。", "TEXT_NUMBER"),
    ("一", "3件结转下年度继续办理。", None),
    ("一", "收到申请55件，5件结转下年度办理。", "TEXT_NUMBER"),
    ("一", "收到申请55件，均已全部办结。", "TEXT_NUMBER"),
    ("一", "收到申请55件，办结率100%。", "TEXT_NUMBER"),
    ("一", "收到申请55件，所有申请均在法定期限内答复。", None),
    ("一", "收到申请55件，答复56件。", None),
    ("一", "因本机关不掌握相关政府信息无法提供的10件。", None),
    ("一", "收到行政复议申请4件。", None),
    ("一", "收到行政复议申请3件。", "TEXT_NUMBER"),
    ("一", "被申请行政复议4件，其中结果维持2件，结果纠正1件，尚未审结1件。", None),
    ("一", "被申请行政复议4件，均获维持。", "TEXT_NUMBER"),
    ("一", "被申请行政复议4件，均已结案。", "TEXT_NUMBER"),
    ("一", "发生行政诉讼3件，其中结果维持2件，其他结果1件。", None),
    ("一", "行政诉讼2件。", "TEXT_NUMBER"),
    ("一", "行政复议、行政诉讼各1件。", None),
    ("一", "行政复议和行政诉讼共7件。", None),
    ("一", "行政复议、行政诉讼共7件。", None),
    ("一", "行政复议、行政诉讼共8件。", "TEXT_NUMBER"),
    ("一", "未经复议直接起诉2件，复议后起诉1件。", None),
    ("一", "复议后起诉2件。", "TEXT_NUMBER"),
    ("一", "未发生被纠错案件。", "TEXT_NUMBER"),
    ("六", "本年度收取信息处理费380元。", None),
    ("六", "本年度对1件申请收取信息处理费，共计380元。", None),
    ("六", "本年度收取信息处理费0.038万元。", None),
    ("六", "本年度收取信息处理费3800元。", "TEXT_NUMBER"),
    ("六", "本年度收取信息处理费380万元。", "TEXT_NUMBER"),
    ("六", "收取信息处理费2件，金额380元。", "TEXT_NUMBER"),
    ("一", "全年行政事业性收费126.48万元。", None),
    ("一", "全年行政事业性收费1264800元。", None),
    ("一", "全年行政事业性收费12.6万元。", "TEXT_NUMBER"),
    ("一", "全年作出行政许可决定1286件，行政处罚决定57件，行政强制决定3件。", None),
    ("一", "全年作出行政许可决定1268件。", "TEXT_NUMBER"),
    ("一", "办理行政许可事项1286项。", None),
    ("一", "全年制发行政规范性文件3件，废止1件，现行有效17件。", None),
    ("一", "全年印发规范性文件4件。", "TEXT_NUMBER"),
    ("一", "截至年底，现行有效规范性文件17件。", None),
    ("一", "现行有效的规范性文件共十七件。", None),
    ("一", "现行有效的规范性文件共十八件。", "TEXT_NUMBER"),
    ("一", "全年制发涉企规范性文件2件。", None),
    ("一", "全年制发政策性文件11件。", None),
    ("一", "清理规范性文件50件，废止1件。", None),
    ("一", "全年制发规章1件。", "TEXT_NUMBER"),
    ("一", "未收到政府信息公开申请。", "NARRATIVE"),
    ("一", "受理群众来电咨询300余件。", None),
    ("一", "收到申请55件。全年受理群众咨询300余件。", None),
    ("一", "依申请公开方面，全年共受理55件。", None),
    ("一", "依申请公开方面，全年共受理50件。", "TEXT_NUMBER"),
    ("一", "全年收到申请55件，其中当面申请20件，网络申请35件。", None),
    ("一", "全年收到申请55件，其中通过网络提交申请35件。", None),
    ("一", "全年政府信息公开申请数量为55件。", None),
    ("一", "全年政府信息公开申请数量为59件。", None),
    ("一", "共收到申请55件（含上年结转4件）。", None),
    ("一", "共受理申请59件（含上年结转4件）。", None),
    ("一", "全州共计受理办理政府信息公开申请59件。其中，2025年新收政府信息公开申请55件，结转上年政府信息公开申请4件，办理完成56件，结转2026年度继续办理3件。", None),
    ("一", "其中，2025年新收政府信息公开申请55件，办理完成56件，结转2026年度继续办理2件。", "TEXT_NUMBER"),
    ("一", "申请人撤回申请2件。", None),
    ("一", "通过信函方式收到申请10件。", None),
    ("一", "上年结转的4件申请已全部办结。", None),
    ("一", "本年度，我局共收到政府信息公开申请55件，上年结转4件，办结56件，结转下年度3件。", None),
    ("一", "本年度，我局共收到政府信息公开申请55件，上年结转4件，办结56件，结转下年度0件。", "TEXT_NUMBER"),
    ("一", "行政复议4件，被依法纠错1件。", None),
    ("一", "行政诉讼案件3件，法院判决维持2件。", None),
    ("一", "行政诉讼案件3件，法院判决维持3件。", "TEXT_NUMBER"),
    ("一", "因政府信息公开工作被申请行政复议4件、被提起行政诉讼3件。", None),
    ("一", "全年受理政府信息公开申请11件，较2024年的8件增长37.5%。", "TEXT_NUMBER"),
    ("一", "按申请人类型分，自然人申请46件，法人或其他组织申请9件。", None),
    ("一", "按申请人类型分，自然人申请45件。", "TEXT_NUMBER"),
    ("一", "全年共收到申请五十五件，办结五十六件，其中予以公开二十二件、不予公开七件。", None),
    ("一", "新收申请两件。", "TEXT_NUMBER"),
    ("一", "申请人逾期不补正的2件。", None),
    ("一", "申请人逾期不补正的3件。", "TEXT_NUMBER"),
    ("一", "对信访举报投诉类申请3件不予处理。", None),
    ("一", "收到申请55件。2025年共办理12345热线47件，已全部办结。", None),
    ("一", "本年度，共受理政府信息公开申请50件，都在法定期限内予以答复。", "TEXT_NUMBER"),
    ("一", "主动公开市政府规章13件（含新制定5件，修改4件，废止4件）。", "TEXT_NUMBER"),
]


def example_with(section: str, text: str):
    """The example with its own text replaced by one neutral paragraph and the sentence tried."""
    report = loads(EXAMPLE.read_text(encoding="utf-8"))
    report.paragraphs = [p for p in report.paragraphs if p.section == "五"]
    report.paragraphs += [Paragraph("一", [Run("本年度依法做好政府信息公开工作。")]), Paragraph(section, [Run(text)])]
    return report


@pytest.mark.parametrize(("section", "text", "code"), PHRASINGS)
def test_phrasing(section, text, code):
    codes = {f.code for f in check(example_with(section, text)).findings if f.code in TEXT_CODES}
    assert codes == ({code} if code else set()), [f.message for f in check(example_with(section, text)).findings]


@pytest.mark.parametrize(("text", "n"), [
    ("十", 10), ("十七", 17), ("二十", 20), ("一百零三", 103), ("两千三百", 2300), ("三万五千", 35000),
    ("一千零五十", 1050), ("两", 2), ("零", 0), ("一一", None), ("二〇二四", None), ("万", None),
])
def test_chinese_numerals(text, n):
    assert chinese_number(text) == n


@pytest.mark.parametrize(("text", "number", "unit", "bound"), [
    ("3119 件", 3119, "件", Bound.EXACT), ("5500余条", 5500, "条", Bound.SOME_MORE), ("约3000件", 3000, "件", Bound.ABOUT),
    ("100件以上", 100, "件", Bound.AT_LEAST), ("近百件", 100, "件", Bound.AT_MOST), ("1.2万件", 12000, "件", Bound.EXACT),
    ("96171.6万元", Decimal("961716000"), "元", Bound.EXACT), ("１２件", 12, "件", Bound.EXACT),
    ("30多件", 30, "件", Bound.SOME_MORE), ("一百零三件", 103, "件", Bound.EXACT),
])
def test_quantities(text, number, unit, bound):
    (q,) = quantities(text)
    assert (q.number, q.unit, q.bound) == (number, unit, bound)


@pytest.mark.parametrize("text", ["2024年", "一是", "十四五规划", "第三件", "3-5件", "0517-83605210", "唯一一件"])
def test_not_quantities(text):
    assert quantities(text) == []


def test_some_more_means_below_the_next_step():
    (q,) = quantities("5500余条")
    assert q.admits(Decimal(5599)) and not q.admits(Decimal(5600)) and not q.admits(Decimal(5499))


_PIECES = st.sampled_from([*"0123456789一二两三十百千万件起个元余多约近，。、；：（）()【】“”,.;:XX×…",
                           "收到申请", "新收", "上年结转", "结转下年度", "办结", "予以公开", "无法提供", "行政复议",
                           "行政诉讼", "均获维持", "全部办结", "办结率100%", "规范性文件", "现行有效", "信息处理费",
                           "万元", "2024年", "2025年，", "（一）", "1.", "一、总体情况", "云溪县自然资源局", "同比"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["前言", "一", "五", "六"]), st.lists(_PIECES, max_size=30)), max_size=8))
def test_any_text_is_read_without_failing(paragraphs):
    report = loads(EXAMPLE.read_text(encoding="utf-8"))
    report.paragraphs = [Paragraph(section, [Run("".join(pieces))]) for section, pieces in paragraphs]
    previous = loads(EXAMPLE.read_text(encoding="utf-8"))
    previous.year = 2024
    for finding in check(report, previous).findings:
        assert finding.code in CATALOGUE and finding.message
