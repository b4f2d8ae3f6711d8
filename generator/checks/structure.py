"""How the text is built: the sub-headings' numbering, the statutory headings typed again,
section 五 with substance, section 六 saying 无 while fees were charged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..content import says_nothing
from ..formats import Role
from ..report import PREAMBLE, format_number
from .catalogue import check_of
from .findings import TEXT_PART, Finding, Subjects, make, paragraph_name

_CN_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class _Marker:
    level: int  # 0 一、  1 （一）  2 1.  3 （1）  4 ①  (GB/T 9704: 一、 （一） 1. （1）)
    number: int
    style: str  # how the level is written, as its first number: "1." or "1、", "（1）" or "1）"
    text: str


# (level, pattern, style): a level may be written in more than one way; （ and ( are one way here,
# half-width brackets being PUNCT's to report.
_MARKERS = (
    (0, re.compile(rf"\s*([{_CN_NUMERALS}]+)\s*、"), "一、"),
    (1, re.compile(rf"\s*[（(]\s*([{_CN_NUMERALS}]+)\s*[）)]"), "（一）"),
    (2, re.compile(r"\s*(\d{1,2})\s*[.．](?!\d)"), "1."),
    (2, re.compile(r"\s*(\d{1,2})\s*、"), "1、"),
    (3, re.compile(r"\s*[（(]\s*(\d{1,2})\s*[）)]"), "（1）"),
    (3, re.compile(r"\s*(\d{1,2})\s*[）)]"), "1）"),
    (4, re.compile(r"\s*([①-⑳])"), "①"),
)


def _cn_value(text: str) -> int:
    """一 … 九十九 (sub-headings never run further)."""
    digits = {c: i + 1 for i, c in enumerate(_CN_NUMERALS[:9])}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + digits.get(ones, 0)


def _cn_text(n: int) -> str:
    digits = "零" + _CN_NUMERALS[:9]
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"


def marker(text: str) -> _Marker | None:
    """The numbering that opens a paragraph, if any."""
    for level, pattern, style in _MARKERS:
        m = pattern.match(text)
        if m is None:
            continue
        written = m.group(1)
        if level == 4:
            number = ord(written) - ord("①") + 1
        else:
            number = int(written) if written.isdigit() else _cn_value(written)
        if number:
            return _Marker(level, number, style, m.group().strip())
    return None


def _written(level: int, number: int) -> str:
    if level == 0:
        return f"{_cn_text(number)}、"
    if level == 1:
        return f"（{_cn_text(number)}）"
    if level == 4:
        return chr(ord("①") + number - 1)
    return f"{number}." if level == 2 else f"（{number}）"


def numbering_findings(s: Subjects) -> Iterator[Finding]:
    headings = _statutory_headings(s)
    for section in (PREAMBLE, *(x.number for x in s.fmt.sections)):
        open_lists: list[tuple[_Marker, int]] = []  # (last marker, paragraph index) per level, outermost first
        styles: dict[int, tuple[str, int]] = {}  # level -> first style seen and where
        for index, p in enumerate(s.report.paragraphs):
            if p.section != section:
                continue
            folded = _fold(p.text)
            if folded in headings:
                yield make("HEADING", check_of("HEADING").level, s.paragraph(index),
                           f"正文{paragraph_name(p.section)}写了标题“{p.text.strip()}”；报告的六个部分标题由程序自动印出，"
                           "正文中不用再写，请删去这一行。", TEXT_PART, heading=headings[folded])
                continue
            m = marker(p.text)
            if m is None:
                continue
            if m.level == 0:
                yield make("NUMBERING", check_of("NUMBERING").level, s.paragraph(index),
                           f"正文{paragraph_name(p.section)}的“{m.text}”用的是“一、”这一级序号，这一级是报告六个部分的标题；"
                           "部分之内的小标题请依次用（一）、1.、（1）。", TEXT_PART, marker=m.text)
                continue
            while open_lists and open_lists[-1][0].level > m.level:
                open_lists.pop()
            problem = _sequence_problem(open_lists, m)
            if problem:
                yield make("NUMBERING", check_of("NUMBERING").level, s.paragraph(index),
                           f"正文{paragraph_name(p.section)}的小标题序号{problem}；请把序号改为连续。", TEXT_PART,
                           marker=m.text)
            first = styles.setdefault(m.level, (m.style, index))
            if first[0] != m.style:
                yield make("NUMBERING", check_of("NUMBERING").level, s.paragraph(index),
                           f"正文{paragraph_name(p.section)}同一级序号有两种写法：这里是“{m.text}”，前面"
                           f"{_where(s, first[1])}是“{first[0]}”这种写法；请统一。",
                           TEXT_PART, (s.paragraph(first[1]),), marker=m.text)
                styles[m.level] = (m.style, index)
            if open_lists and open_lists[-1][0].level == m.level:
                open_lists[-1] = (m, index)
            else:
                open_lists.append((m, index))


def _sequence_problem(open_lists: list[tuple[_Marker, int]], m: _Marker) -> str:
    last = open_lists[-1][0] if open_lists and open_lists[-1][0].level == m.level else None
    if last is None:
        if m.number == 1:
            return ""
        missing = "、".join(_written(m.level, n) for n in range(1, min(m.number, 4)))
        return f"从“{_written(m.level, m.number)}”开始，缺{missing}"
    if m.number == last.number + 1 or m.number == 1:
        return ""  # the next one, or a new list
    if m.number == last.number:
        return f"“{_written(m.level, m.number)}”重复了"
    if m.number > last.number:
        gap = "、".join(_written(m.level, n) for n in range(last.number + 1, min(m.number, last.number + 4)))
        return f"从“{_written(m.level, last.number)}”跳到“{_written(m.level, m.number)}”，缺{gap}"
    return f"“{_written(m.level, m.number)}”排在“{_written(m.level, last.number)}”之后，顺序颠倒了"


def _where(s: Subjects, index: int) -> str:
    loc = s.report.paragraphs[index].location
    return str(loc.cell if loc is not None and loc.cell else loc) if loc is not None else f"第{index + 1}段"


def _fold(text: str) -> str:
    return re.sub(r"[\s。：:．.]+", "", text).replace("(", "（").replace(")", "）")


def _statutory_headings(s: Subjects) -> dict[str, str]:
    """Every way a clerk may retype a part's heading (with or without its number) -> the heading."""
    out = {}
    for section in s.fmt.sections:
        for heading in (section.heading, *section.aliases):
            out[_fold(heading)] = section.heading
            title = heading.split("、", 1)[1]
            if len(title) >= 6:  # "总体情况" alone may be a sub-heading's words; longer titles are the part's
                out[_fold(title)] = section.heading
    return out


# --- section 五 and 六 --------------------------------------------------------------------------

_PROBLEMS = re.compile(r"问题|不足|短板|差距|薄弱|弱项|不够|有待|欠缺|不高|不强|不到位|滞后|不完善|不规范|不及时|不充分"
                       r"|单一|偏少|较少|不深|不全|困难|瓶颈")
_MEASURES = re.compile(r"改进|措施|下一步|今后|整改|加强|提升|(?<!不)完善|健全|强化|优化|加大|推进|着力|计划|将")
_SENTENCE_END = re.compile(r"[。！？!?]+")


def section_five_findings(s: Subjects) -> Iterator[Finding]:
    """Section 五 must name this year's problems and the measures against them, not say 无."""
    number = _problems_section(s)
    indexes = [i for i, p in enumerate(s.report.paragraphs) if p.section == number and p.text.strip()]
    if not indexes:
        return  # an empty part is REQUIRED's
    text = "".join(s.report.paragraphs[i].text for i in indexes)
    sentences = [x for x in _SENTENCE_END.split(text) if len(x.strip()) >= 4]
    missing = []
    if all(says_nothing(s.report.paragraphs[i].text) for i in indexes):
        missing.append("只写了“无”")
    else:
        if len(sentences) < 2:
            missing.append("只有一句话")
        if not _PROBLEMS.search(text):
            missing.append("没有写存在哪些问题")
        if not _MEASURES.search(text):
            missing.append("没有写改进措施")
    if missing:
        heading = s.fmt.section(number).heading
        yield make("SECTION5", check_of("SECTION5").level, s.paragraph(indexes[0]),
                   f"第{number}部分“{heading}”{'，'.join(missing)}；上级审核要求逐条写明本年度存在的主要问题和相应的改进措施"
                   "（可写上年报告所列问题的整改情况）。", TEXT_PART,
                   tuple(s.paragraph(i) for i in indexes[1:]), missing=missing)


def _problems_section(s: Subjects) -> str:
    """The part on problems and improvement: the one before the last (五 in both formats)."""
    return s.fmt.sections[-2].number


def fee_text_findings(s: Subjects) -> Iterator[Finding]:
    """Section 六 says there is nothing to report while the fee facts say fees were charged."""
    charged_c, count_c, amount_c = (s.fmt.choice_for(r) for r in (Role.FEE_CHARGED, Role.FEE_APPLICATIONS,
                                                                   Role.FEE_AMOUNT))
    if charged_c is None:
        return
    report = s.report
    count = report.choice_number(count_c.key) if count_c else 0
    amount = report.choice_number(amount_c.key) if amount_c else 0
    if report.choice_text(charged_c.key) != charged_c.options[0]:
        return  # not charged, or facts that disagree among themselves: FEE's to report
    indexes = [i for i, p in enumerate(report.paragraphs) if p.section == charged_c.section and p.text.strip()]
    text = "".join(report.paragraphs[i].text for i in indexes)
    if not indexes or "费" in text or not all(says_nothing(report.paragraphs[i].text) for i in indexes):
        return
    facts = "，".join(x for x in (f"{format_number(count)}{count_c.unit}" if count_c and count else "",
                                  f"{format_number(amount)}{amount_c.unit}" if amount_c and amount else "") if x)
    involved = tuple(s.choice(c.key, report.choice_text(c.key)) for c in (charged_c, count_c, amount_c) if c)
    yield make("FEE_TEXT", check_of("FEE_TEXT").level, s.paragraph(indexes[0]),
               f"第{charged_c.section}部分写的是“{text.strip()}”，但基本信息填了收取信息处理费"
               f"{f'（{facts}）' if facts else ''}：这一部分有收费情况要报告。生成报告时这一部分先印出收费情况；"
               "请核对收费情况，或在这一部分写明收费情况。", TEXT_PART, involved)
