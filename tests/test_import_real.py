"""Two reports as their organs published them (../shared/real/): every table cell, transcribed by
hand from the documents (`pdftotext -layout` of the PDF, the web page's own table), must be read
exactly, with nothing flagged that is not there."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks import check
from generator.importers import import_report
from generator.report import PREAMBLE

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
HUAIAN = REAL / "2024-淮安市人民政府.pdf"
PINGTAN = REAL / "2022-平潭综合实验区-page.html"

if not HUAIAN.exists() or not PINGTAN.exists():
    pytest.skip("the real reports in ../shared/real are not here", allow_module_level=True)

APPLICANTS = ("natural_person", "business", "research", "public_interest", "legal_services", "other_org", "total")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")

# 淮安市人民政府 2024 (PDF made by WPS, 6 pages): table 二 is cut between pages 3 and 4, table 三
# between pages 4 and 5 in the middle of （四）无法提供, whose label is split "（四）无" / "法提供";
# its （六）items are numbered "1、" rather than "1.".
HUAIAN_ACTIVE = {
    "regulations": (1, 0, 11),
    "normative_documents": (8, 26, 66),
    "licensing": (447228,),
    "penalties": (3985758,),
    "enforcement": (88283,),
    "fees": (Decimal("96171.6"),),
}
HUAIAN_APPLICATIONS = {
    "new": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_over": (34, 0, 0, 0, 0, 0, 34),
    "granted": (1288, 21, 0, 0, 50, 3, 1362),
    "partly_granted": (447, 7, 0, 0, 0, 0, 454),
    "denied.state_secret": (2, 0, 0, 0, 0, 0, 2),
    "denied.prohibited_by_law": (30, 1, 0, 0, 0, 0, 31),
    "denied.three_safeties": (5, 0, 0, 0, 0, 0, 5),
    "denied.third_party": (6, 0, 0, 0, 0, 0, 6),
    "denied.internal_affairs": (7, 1, 0, 0, 0, 0, 8),
    "denied.process_info": (12, 0, 0, 0, 0, 0, 12),
    "denied.enforcement_files": (9, 0, 0, 0, 0, 0, 9),
    "denied.inquiry_matters": (105, 0, 0, 0, 0, 0, 105),
    "unable.not_held": (746, 12, 0, 0, 10, 1, 769),
    "unable.needs_creation": (11, 0, 0, 0, 0, 0, 11),
    "unable.still_unclear": (1, 0, 0, 0, 0, 0, 1),
    "not_processed.petition": (56, 6, 0, 0, 0, 0, 62),
    "not_processed.repeated": (25, 0, 0, 0, 0, 0, 25),
    "not_processed.publication": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.excessive": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.confirmation": (1, 0, 0, 0, 0, 0, 1),
    "other.no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other.fee_unpaid": (6, 0, 0, 0, 0, 0, 6),
    "other.other": (108, 2, 0, 0, 0, 0, 110),
    "results_total": (2932, 53, 0, 0, 61, 4, 3050),
    "carry_forward": (103, 0, 0, 0, 0, 0, 103),
}
HUAIAN_REVIEWS = {
    "review": (72, 64, 178, 37, 351),
    "direct_suit": (13, 4, 8, 1, 26),
    "suit_after_review": (12, 1, 1, 6, 20),
}

# 平潭综合实验区 2022 (the whole CMS page, TRS template): three Word-pasted MsoNormalTable tables
# inside the article; its heading of part 四 has a typo (行政法复议).
PINGTAN_ACTIVE = {
    "regulations": (0, 0, 0),
    "normative_documents": (88, 55, 698),
    "licensing": (10690,),
    "penalties": (2113,),
    "enforcement": (0,),
    "fees": (Decimal("9116.36"),),
}
PINGTAN_APPLICATIONS = {
    "new": (71, 3, 0, 0, 0, 0, 74),
    "carried_over": (1, 0, 0, 0, 0, 0, 1),
    "granted": (21, 0, 0, 0, 0, 0, 21),
    "partly_granted": (8, 1, 0, 0, 0, 0, 9),
    "denied.state_secret": (0, 0, 0, 0, 0, 0, 0),
    "denied.prohibited_by_law": (0, 0, 0, 0, 0, 0, 0),
    "denied.three_safeties": (0, 0, 0, 0, 0, 0, 0),
    "denied.third_party": (0, 0, 0, 0, 0, 0, 0),
    "denied.internal_affairs": (1, 0, 0, 0, 0, 0, 1),
    "denied.process_info": (2, 0, 0, 0, 0, 0, 2),
    "denied.enforcement_files": (1, 0, 0, 0, 0, 0, 1),
    "denied.inquiry_matters": (0, 0, 0, 0, 0, 0, 0),
    "unable.not_held": (37, 0, 0, 0, 0, 0, 37),
    "unable.needs_creation": (0, 0, 0, 0, 0, 0, 0),
    "unable.still_unclear": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.petition": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.repeated": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.publication": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.excessive": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.confirmation": (0, 0, 0, 0, 0, 0, 0),
    "other.no_correction": (2, 0, 0, 0, 0, 0, 2),
    "other.fee_unpaid": (0, 0, 0, 0, 0, 0, 0),
    "other.other": (0, 2, 0, 0, 0, 0, 2),
    "results_total": (72, 3, 0, 0, 0, 0, 75),
    "carry_forward": (0, 0, 0, 0, 0, 0, 0),
}
PINGTAN_REVIEWS = {
    "review": (0, 1, 1, 0, 2),
    "direct_suit": (1, 0, 0, 0, 1),
    "suit_after_review": (0, 0, 0, 0, 0),
}


def expected(active: dict, applications: dict, reviews: dict, fmt) -> dict[str, object]:
    out: dict[str, object] = {}
    for row, values in active.items():
        columns = [f.column for f in fmt.table("active_disclosure").fields if f.row == row]
        out.update({f"active_disclosure.{row}.{c}": v for c, v in zip(columns, values, strict=True)})
    for row, values in applications.items():
        out.update({f"applications.{row}.{c}": v for c, v in zip(APPLICANTS, values, strict=True)})
    for row, values in reviews.items():
        out.update({f"review_litigation.{row}.{c}": v for c, v in zip(OUTCOMES, values, strict=True)})
    return out


@pytest.fixture(scope="module")
def huaian():
    return import_report(HUAIAN)


@pytest.fixture(scope="module")
def pingtan():
    return import_report(PINGTAN)


def assert_every_cell(report, want: dict[str, object]) -> None:
    assert set(want) == set(report.format.fields)  # the transcription covers every field
    got = {k: report.values[k].number for k in want}
    wrong = {k: (got[k], v) for k, v in want.items() if got[k] != v or type(got[k]) is not type(v)}
    assert not wrong
    assert all(v.location is not None and v.location.table and v.location.row and v.location.column
               for v in report.values.values())


def test_huaian_pdf_every_cell(huaian):
    report = huaian.report
    assert (report.format_id, report.organ, report.year) == ("2021", "淮安市人民政府", 2024)
    assert_every_cell(report, expected(HUAIAN_ACTIVE, HUAIAN_APPLICATIONS, HUAIAN_REVIEWS, report.format))


def test_huaian_pdf_locations_follow_the_page_breaks(huaian):
    values = huaian.report.values
    assert values["active_disclosure.regulations.issued"].location.page == 3
    assert values["active_disclosure.penalties.decisions"].location.page == 4  # after the break
    assert values["applications.unable.not_held.total"].location.page == 4
    # The row after the break, whose group label "（四）无法提供" was split as "（四）无" / "法提供".
    assert values["applications.unable.needs_creation.total"].location.page == 5
    assert values["review_litigation.review.total"].location.page == 5


def test_huaian_pdf_flags_nothing_that_is_not_there(huaian):
    result = check(huaian.report)
    assert not huaian.report.source_findings
    # The report names no website for its electronic version, and no count of fee-paying
    # applications: true of the report, and all that is asked of a person.
    assert sorted((f.code, f.key) for f in result.findings) == [("CONTACT", "website_url"), ("FEE", "fee_applications")]


def test_huaian_pdf_words(huaian):
    report = huaian.report
    assert report.contacts == {"office": "淮安市人民政府办公室", "address": "淮安市翔宇南道1号", "postcode": "223001",
                               "phone": "0517-83605210", "email": "hazwgkc@163.com"}
    assert report.choice_text("fee_charged") == "是" and report.choice_number("fee_amount") == 3940
    assert set(huaian.narrative.sections) == {"一", "二", "三", "四", "五", "六"}
    by_part = {part: [p.text for p in report.narrative(part)] for part in (PREAMBLE, "一", "五", "六")}
    assert by_part[PREAMBLE][0].startswith("本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》")
    assert by_part[PREAMBLE][0].endswith("电子邮箱：hazwgkc@163.com）。")
    assert len(by_part["一"]) == 6 and by_part["一"][1].startswith("（一）主动公开情况。2024年，市政府网站")
    assert by_part["一"][5].endswith("不断提高全市政务公开工作人员的工作能力和水平。")
    assert len(by_part["五"]) == 2 and by_part["五"][1].endswith("增强队伍凝聚力。")
    assert by_part["六"] == ["2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"]
    assert not any("-" in t and len(t) < 6 for t in sum(by_part.values(), []))  # no page numbers


def test_pingtan_page_every_cell(pingtan):
    report = pingtan.report
    assert (report.format_id, report.organ, report.year) == ("2021", "平潭综合实验区", 2022)
    assert_every_cell(report, expected(PINGTAN_ACTIVE, PINGTAN_APPLICATIONS, PINGTAN_REVIEWS, report.format))


def test_pingtan_page_flags_nothing_that_is_not_there(pingtan):
    assert not pingtan.report.source_findings
    # True of the report: its text says 收到申请75件, which is 74 new plus 1 carried over.
    found = check(pingtan.report).findings
    assert [(f.code, f.key) for f in found] == [("TEXT_SCOPE", "narrative[5]")]
    assert found[0].location.paragraph and "75件" in found[0].message


def test_pingtan_page_words_without_the_navigation(pingtan):
    report = pingtan.report
    assert report.contacts == {
        "office": "平潭综合实验区管委会办公室保密与电子政务处", "address": "平潭综合实验区金井湾商务营运中心7号楼14层",
        "postcode": "350400", "phone": "0591-23165385",
        # Not in the text: the page's own metadata says on which site it is published.
        "website_name": "平潭综合实验区党工委管委会", "website_url": "https://www.pingtan.gov.cn/"}
    assert report.choice_text("fee_charged") == "否"
    assert set(pingtan.narrative.sections) == {"一", "二", "三", "四", "五", "六"}
    texts = [p.text for p in report.paragraphs]
    assert texts[0].startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert texts[-1] == "2022年，无收取信息处理费情况。"
    # The page around the article: its menu, related links, the site's footer.
    assert len(texts) == 15 and not any(w in t for t in texts for w in ("主办单位", "扫一扫", "版权所有", "无障碍", "相关链接", "联系我们"))
    headings = [p.text for p in report.paragraphs if p.heading]
    assert headings == ["（一）主动公开方面", "（二）依申请公开方面", "（三）政府信息管理方面", "（四）信息公开平台建设方面",
                        "（五）监督保障方面"]
