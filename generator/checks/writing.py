"""The text as a reviewer proofreads it: placeholders left in, half-width and doubled punctuation,
years that belong to another report, another organ's name. One finding a paragraph and rule,
at the paragraph's 正文 cell, quoting what was found."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..report import PREAMBLE, Paragraph
from .catalogue import check_of
from .findings import TEXT_PART, Finding, Subjects, make, paragraph_name

_MAX_QUOTED = 5

# What a template or a draft leaves for someone to fill in. "有待补充" is a phrase, not a gap.
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])"  # XX, xxx (also in 20XX年, www.xx.gov.cn)
    r"|[Ｘｘ×╳]{2,}|[ＸＸ×]+(?=[年月日号件条个次项元])|(?<=\d)[Xx×Ｘ]+(?=年)"  # ××, ＸＸ, ×月×日, 202X年
    r"|…+|\.{3,}|。{3,}"  # …… left where text was to go
    r"|(?<![有亟尚仍还])待(?:补充|填写|填报|补)"
    r"|(?<![A-Za-z])(?:TODO|TBD|FIXME)(?![A-Za-z])"
    r"|【\s*】|【[^】]{0,20}?(?:填写|补充|此处|待定)[^】]{0,20}?】"
    r"|[（(]\s*(?:此处|请填写|请补充|需填写|需补充)[^）)]{0,40}[）)]",
    re.IGNORECASE,
)

# Something every placeholder above contains (lower case), to skip paragraphs without any.
_PLACEHOLDER_TRACES = ("x", "ｘ", "×", "╳", "…", "...", "。。。", "待", "todo", "tbd", "fixme", "【", "此处",
                       "填写", "补充")

_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_IS_CJK = re.compile(f"[{_CJK}]")
_HALF_WIDTH = re.compile(r"[,;:?!()\"]|(?<=[\u4e00-\u9fff])\.")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", '"': "“”", ".": "。"}
_MARKS = "，。、；：？！,;:?!"
_DOUBLED = re.compile(f"[{_MARKS}]\\s*[{_MARKS}]")
_EMPHASIS = set("？！?!")  # ？！ and ！？ are allowed together

_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日[^。]{0,12}?(\d{4})\s*年\s*12\s*月\s*31\s*日")
_REPORT_NAME = re.compile(r"(\d{4})\s*年度?\s*(?:政府信息公开工作|政务公开工作)?年度报告")
_OPENING_YEAR = re.compile(r"\s*(\d{4})\s*年度?\s*[，,]")

# Administrative places, largest first within a name: 省, 市, 县 … 镇, 乡, 街道.
_PLACE_MARK = r"(?:自治区|自治州|自治县|街道|省|市|州|盟|县|旗|区|镇|乡)"
_PLACES = re.compile(rf"(?:[\u4e00-\u9fff]{{1,8}}?{_PLACE_MARK})+")
_PLACE_PART = re.compile(rf"[\u4e00-\u9fff]+?{_PLACE_MARK}")
_PLACES_BEFORE = re.compile(rf"(?:[\u4e00-\u9fff]{{1,8}}?{_PLACE_MARK})+\Z")  # the places right before a name
_PLACE_WINDOW = 30  # characters: three levels of place names
_AS_SUBJECT = re.compile(r"(?:^|[。；;！？]|\d{4}\s*年度?[，,]?|由|是|本报告)\s*\Z")
# "全县", "本市", "该区": a place named by reference, not by name.
_REFERENCE = set("本全该各我此外两每同其")


def writing_findings(s: Subjects) -> Iterator[Finding]:
    organ = _organ_parts(s.report.organ)
    for index, p in enumerate(s.report.paragraphs):
        yield from _placeholders(s, index, p)
        yield from _half_width(s, index, p)
        yield from _doubled(s, index, p)
        yield from _years(s, index, p)
        if organ is not None:
            yield from _organ_names(s, index, p, *organ)


def _quoted(snippets: list[str]) -> str:
    unique = list(dict.fromkeys(snippets))
    more = f"等{len(snippets)}处" if len(unique) > _MAX_QUOTED or len(snippets) > len(unique) else ""
    return "、".join(f"“{x}”" for x in unique[:_MAX_QUOTED]) + more


def _around(text: str, start: int, end: int, width: int = 4) -> str:
    return text[max(0, start - width):end + width].strip()


def _placeholders(s: Subjects, index: int, p: Paragraph) -> Iterator[Finding]:
    folded = p.text.lower()
    if not any(t in folded for t in _PLACEHOLDER_TRACES):
        return  # most paragraphs: no character a placeholder is made of, no slow scan
    found = [m.group() for m in _PLACEHOLDER.finditer(p.text)]
    if found:
        yield make("PLACEHOLDER", check_of("PLACEHOLDER").level, s.paragraph(index),
                   f"正文{paragraph_name(p.section)}还留着没有填写的内容：{_quoted(found)}；"
                   "请填上实际内容或删去，报告不能带着它们报出。", TEXT_PART, placeholders=found)


def _half_width(s: Subjects, index: int, p: Paragraph) -> Iterator[Finding]:
    text = p.text
    found = []
    for m in _HALF_WIDTH.finditer(text):
        before, after = text[:m.start()].rstrip()[-1:], text[m.end():].lstrip()[:1]
        if _IS_CJK.match(before or " ") or _IS_CJK.match(after or " "):
            found.append(m)
    if found:
        marks = "".join(dict.fromkeys(m.group() for m in found))
        fixes = "、".join(f"{mark}→{_FULL_WIDTH[mark]}" for mark in marks)
        yield make("PUNCT", check_of("PUNCT").level, s.paragraph(index),
                   f"正文{paragraph_name(p.section)}的中文文字中有{len(found)}处半角标点："
                   f"{_quoted(_snippets(text, found))}；请改为全角（{fixes}）。", TEXT_PART,
                   marks=marks, count=len(found))


def _snippets(text: str, found: list[re.Match[str]], width: int = 4) -> list[str]:
    """Each mark with a few characters around it; marks close together ("(一)") in one snippet."""
    spans: list[list[int]] = []
    for m in found:
        if spans and m.start() - spans[-1][1] <= width:
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    return [_around(text, start, end, width) for start, end in spans]


def _doubled(s: Subjects, index: int, p: Paragraph) -> Iterator[Finding]:
    text = p.text
    found = [_around(text, m.start(), m.end()) for m in _DOUBLED.finditer(text)
             if not set(m.group().replace(" ", "")) <= _EMPHASIS]
    if found:
        yield make("DOUBLE_PUNCT", check_of("DOUBLE_PUNCT").level, s.paragraph(index),
                   f"正文{paragraph_name(p.section)}有连续的标点：{_quoted(found)}；多半是删改文字时留下的，请删去多余的一个。",
                   TEXT_PART, count=len(found))


def _years(s: Subjects, index: int, p: Paragraph) -> Iterator[Finding]:
    """The statistical period, this report named with another year, a paragraph opening on a
    year the report is not about ("2023年，我局……" in the 2024 report; the next year's plans are fine)."""
    year = s.report.year
    if year is None:
        return
    text, part = p.text, paragraph_name(p.section)
    said: list[str] = []
    for m in _PERIOD.finditer(text):
        if {int(m.group(1)), int(m.group(2))} != {year}:
            said.append(f"统计期限是“{m.group(0)}”")
    for m in _REPORT_NAME.finditer(text):
        named = int(m.group(1))
        # Elsewhere a report may cite last year's report ("2023年度报告中提出的问题已整改").
        if named > year or (named != year and p.section == PREAMBLE):
            said.append(f"报告名称中的年度是“{m.group(0)}”")
    opening = _OPENING_YEAR.match(text)
    if opening and p.section != PREAMBLE and not p.heading:
        named = int(opening.group(1))
        if named < year or named > year + 1:
            said.append(f"这一段以“{opening.group(0).strip()}”开头")
    if said:
        yield make("TEXT_YEAR", check_of("TEXT_YEAR").level, s.paragraph(index),
                   f"正文{part}{'，'.join(said)}，但报告年度为{year}年；可能是沿用了往年的文字，请核对。",
                   TEXT_PART, year=year, said=said)


def _organ_parts(organ: str) -> tuple[list[str], str] | None:
    """'沙坡头区滨河镇人民政府' -> (['沙坡头区', '滨河镇'], '人民政府'); None without a place or kind."""
    organ = "".join(organ.split())
    m = _PLACES.match(organ)
    if m is None or len(organ) - m.end() < 2:
        return None
    return _PLACE_PART.findall(m.group()), organ[m.end():]


def _organ_names(s: Subjects, index: int, p: Paragraph, places: list[str], body: str) -> Iterator[Finding]:
    """The organ's kind of body under another place of the same level, where the report names
    itself: "云山县自然资源局" in the report of 云溪县自然资源局. A place above (市, 省) or within it is
    another, legitimate, organ."""
    own = places[-1]
    found = []
    for at in (m.start() for m in re.finditer(re.escape(body), p.text)):
        m = _PLACES_BEFORE.search(p.text, max(0, at - _PLACE_WINDOW), at)
        if m is None:
            continue
        named = m.group()
        if any(named.endswith("".join(places[:k])) for k in range(1, len(places) + 1)):
            continue  # this organ, or one above it
        if named[-1] != own[-1] or len(named) < len(own):
            continue  # another level: the city above, a town below
        place = named[-len(own):]
        if place == own or place[0] in _REFERENCE or named[-2] in _REFERENCE:
            continue
        # A report names itself in its preamble and as the subject of its sentences ("2024年，云山县
        # 自然资源局坚持……"); a sibling organ named in passing ("会同云山县自然资源局") is no copy.
        if p.section == PREAMBLE or _AS_SUBJECT.search(_PLACES_BEFORE.sub("", p.text[:at - len(own)])):
            found.append(place + body)
    if found:
        yield make("ORGAN_NAME", check_of("ORGAN_NAME").level, s.paragraph(index),
                   f"正文{paragraph_name(p.section)}写的是{_quoted(found)}，但基本信息中的机关名称是“{s.report.organ}”；"
                   "可能是沿用了其他单位的文字，请核对。", TEXT_PART, names=found)
