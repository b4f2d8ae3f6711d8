"""What a report prints, whatever the medium: the title, the preamble, each section's paragraphs
with their heading levels, the fee sentence, every table value as printed.

The DOCX (document/) and the web page (html/) both print this; neither decides wording.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from enum import StrEnum

from .formats import Role
from .report import PREAMBLE, Paragraph, Report, Run, format_number

REPORT_NAME = "政府信息公开工作年度报告"
NOTHING_TO_REPORT = "无。"
NOTHING_ELSE = "除此之外，本年度无其他需要报告的事项。"
# A paragraph that only says there is nothing (else) to report: "无。", "本年度无其他需要报告的事项。"
_SAYS_NOTHING = re.compile(r"(本年度?|今年)?(无|没有)(其他|其它)?(需要|需)?(报告|说明)?的?(其他|其它)?(事项|情况)?")

_LEVEL2 = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]")
# A run-in heading ends at its first full stop or colon, within a heading's length.
_RUN_IN = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)][^。：:！？\n]{1,40}?[。：:]")


# Numbering typed with ASCII brackets, "(一)" or "(1)", printed full-width like the rest of the
# Chinese text: ASCII brackets take the Latin face and half a character's width.
# Not after a Latin letter or digit: "f(1)" is no numbering.
_HALF_WIDTH_NUMBERING = re.compile(r"(?<![A-Za-z0-9_])\(([一二三四五六七八九十]{1,3}|\d{1,2})\)")
# Text printed exactly as typed, which no line may break: web addresses, e-mail addresses,
# telephone numbers.
UNBREAKABLE = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%()]*[A-Za-z0-9/#=_~-]"  # a URL, without trailing punctuation
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # an e-mail address
    r"|\d{3,}(?:-\d{3,})+"  # a telephone number (0736-5221234) or a year range
)


def full_width_numbering(text: str) -> str:
    """'(一)' -> '（一）' outside addresses: how every medium prints a clerk's numbering."""
    parts, last = [], 0
    for m in UNBREAKABLE.finditer(text):
        parts += [_HALF_WIDTH_NUMBERING.sub(r"（\1）", text[last:m.start()]), m.group()]
        last = m.end()
    parts.append(_HALF_WIDTH_NUMBERING.sub(r"（\1）", text[last:]))
    return "".join(parts)


def _as_printed(p: Paragraph) -> Paragraph:
    return Paragraph(p.section, [Run(full_width_numbering(r.text), r.bold) for r in p.runs], p.heading, p.location)


class Look(StrEnum):
    """How a paragraph or a run is set (GB/T 9704: 一、 黑体, （一） 楷体, 1. and body 仿宋)."""

    BODY = "body"
    HEADING2 = "heading2"  # （一） headings on a line of their own
    HEADING3 = "heading3"  # other heading lines: 1. …
    RUN_IN = "run_in"  # the （一）…。 that opens a body paragraph


TITLE_CHARS = 20  # 二号 characters on GB/T 9704's 156 mm line
_LINE_BREAKS = re.compile("[ \t\u3000]*(?:\r\n|[\r\n\u2028])+[ \t\u3000]*")  # Alt+Enter in a cell, and spaces beside it
# Where an organ's name may break: after an administrative unit or an organ's own kind. A unit
# directly followed by another (苏州市, 乡镇) or by a word it begins (市场, 区域, 县级, 市委) is not
# a break, nor is one that ends a compound (城市, 城乡, 城镇, 都市).
_UNITS = re.compile(
    "(特别行政区|自治区|自治州|自治县|自治旗|地区|人民政府|政府|办事处|委员会|管委会|办公室|办公厅|街道|苏木"
    "|[省市州盟县区旗镇乡局厅])"
    "(?![省市州盟县区旗镇乡场政级委直属辖域划村])"
)
_NOT_UNITS = ("城市", "城乡", "城镇", "都市", "超市")


def one_line(organ: str) -> str:
    """The organ on one line, whatever line breaks a clerk typed into its cell for the title."""
    return _LINE_BREAKS.sub("", organ.strip())


def organ_lines(organ: str, max_chars: int = TITLE_CHARS) -> list[str]:
    """The organ's part of the title, in lines of at most `max_chars` that break between words.

    A clerk sets the breaks by typing line breaks in the cell (Alt+Enter); otherwise a name too
    long for one line breaks after administrative units (…自治区 / …自治州 / …县人民政府办公室),
    choosing the most even lines, as GB/T 9704 asks of a title.
    """
    lines = [line for line in _LINE_BREAKS.split(organ.strip()) if line]
    return [part for line in lines for part in _balanced_lines(line, max_chars)]


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _breaks(name: str) -> list[int]:
    """Positions after a unit in `name` where a title line may end."""
    return [m.end() for m in _UNITS.finditer(name)
            if 0 < m.end() < len(name) and name[m.end() - 2:m.end()] not in _NOT_UNITS]


def _balanced_lines(name: str, max_chars: int) -> list[str]:
    if _width(name) <= max_chars:
        return [name]
    candidates = _breaks(name)
    for count in range(math.ceil(_width(name) / max_chars), len(candidates) + 2):
        best: tuple[float, list[str]] | None = None
        for cut in itertools.combinations(candidates, count - 1):
            parts = [name[a:b] for a, b in zip((0, *cut), (*cut, len(name)), strict=True)]
            widths = [_width(p) for p in parts]
            if max(widths) <= max_chars:
                spread = max(widths) - min(widths)
                if best is None or spread < best[0]:
                    best = (spread, parts)
        if best is not None:
            return best[1]
    # No unit to break after: cut at the width of a line (a clerk can still set the breaks).
    return [name[i:i + max_chars] for i in range(0, len(name), max_chars)]


def title_lines(report: Report, max_chars: int = TITLE_CHARS) -> tuple[str, ...]:
    """The title: the organ's lines, then '<year>年政府信息公开工作年度报告' on a line of its own."""
    return (*organ_lines(report.organ, max_chars), f"{report.year or ''}年{REPORT_NAME}")


def document_title(report: Report) -> str:
    """The title on one line, as a file's properties give it."""
    return f"{one_line(report.organ)}{report.year or ''}年{REPORT_NAME}"


def standard_preamble(report: Report) -> list[Paragraph]:
    """Legal basis, statistical period, where to download, whom to ask: from 基本信息."""
    fmt, c = report.format, report.contacts
    parts = "、".join(s.heading.split("、", 1)[1] for s in fmt.sections)
    first = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《{fmt.title}》"
             f"（{fmt.issued_by}）要求编制，全文包括{parts}。")
    year = report.year or ""
    second = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    if c.get("website_name") or c.get("website_url"):
        url = f"（{c['website_url']}）" if c.get("website_url") else ""
        second += f"本报告电子版可在{c.get('website_name') or '本机关网站'}{url}下载。"
    contact = "；".join(f"{label}：{c[key]}" for key, label in (
        ("address", "地址"), ("postcode", "邮政编码"), ("phone", "联系电话"), ("fax", "传真"),
        ("email", "电子邮箱")) if c.get(key))
    if c.get("office") or contact:
        second += (f"如对本报告有疑问，请与{c.get('office') or one_line(report.organ)}联系"
                   f"{f'（{contact}）' if contact else ''}。")
    return [Paragraph(PREAMBLE, [Run(first)]), Paragraph(PREAMBLE, [Run(second)])]


def fee_sentence(report: Report) -> str:
    """The 信息处理费 sentence, from the fee choices, for the formats that ask for them."""
    fmt = report.format
    charged_c = fmt.choice_for(Role.FEE_CHARGED)
    if charged_c is None:
        return ""
    yes, no = charged_c.options
    charged = report.choice_text(charged_c.key)
    if charged == no:
        return "本年度未收取信息处理费。"
    if charged != yes:
        return ""
    count_c, amount_c = fmt.choice_for(Role.FEE_APPLICATIONS), fmt.choice_for(Role.FEE_AMOUNT)
    count = report.choice_text(count_c.key) if count_c else ""
    amount = (report.choice_text(amount_c.key) or "0") if amount_c else "0"
    unit = amount_c.unit if amount_c else "元"
    if count and count != "0":
        return f"本年度共对{count}件政府信息公开申请收取信息处理费，共计{amount}{unit}。"
    return f"本年度收取信息处理费共计{amount}{unit}。"


def _fee_section(report: Report) -> str:
    choice = report.format.choice_for(Role.FEE_CHARGED)
    return choice.section if choice is not None else ""


def says_nothing(text: str) -> bool:
    """The paragraph only says there is nothing (else) to report."""
    return bool(_SAYS_NOTHING.fullmatch(re.sub(r"[\s。.，,；;！!]", "", text)))


def section_paragraphs(report: Report, section: str) -> list[Paragraph]:
    """What a part prints: its narrative; the preamble when none is typed; 无 for the last part
    left empty. The part that reports fees opens with the fee sentence, and the clerk's "nothing to
    report" becomes "nothing else", so that the part reads as one statement. A clerk who writes
    about the fee himself is printed as written (check compares his numbers with the fee facts)."""
    paragraphs = [_as_printed(p) for p in report.narrative(section) if p.text.strip()]
    if section == PREAMBLE:
        return paragraphs or standard_preamble(report)
    sentence = fee_sentence(report) if section == _fee_section(report) else ""
    if sentence and not any("信息处理费" in p.text for p in paragraphs):
        others = [p for p in paragraphs if not says_nothing(p.text)]
        nothing_else = [Paragraph(section, [Run(NOTHING_ELSE)])] if len(others) < len(paragraphs) else []
        paragraphs = [Paragraph(section, [Run(sentence)]), *others, *nothing_else]
    # The last part, 其他需要报告的事项, is printed even when there is nothing: as 无.
    if not paragraphs and section == report.format.sections[-1].number:
        return [Paragraph(section, [Run(NOTHING_TO_REPORT)])]
    return paragraphs


def paragraph_look(p: Paragraph) -> Look:
    if not p.heading:
        return Look.BODY
    return Look.HEADING2 if _LEVEL2.match(p.text) else Look.HEADING3


def styled_runs(p: Paragraph) -> list[tuple[Run, Look]]:
    """The runs with their look: a run-in （一）…。 heading is set apart in 楷体."""
    m = None if p.heading else _RUN_IN.match(p.text)
    if m is None:
        return [(r, Look.BODY) for r in p.runs]
    rest = m.end()
    out: list[tuple[Run, Look]] = []
    for r in p.runs:
        head, tail = r.text[:rest], r.text[rest:]
        if head:
            out.append((Run(head, r.bold), Look.RUN_IN))
        if tail:
            out.append((Run(tail, r.bold), Look.BODY))
        rest = max(0, rest - len(r.text))
    return out


def table_values(report: Report) -> dict[str, str]:
    """Every table value as printed: totals resolved, blanks as 0, a chosen unit after its amount."""
    values = {key: format_number(n) for key, n in report.amounts().items()}
    for choice in report.format.choices:
        if choice.unit_of:
            values[choice.unit_of] += report.choice_text(choice.key)
    return values


@dataclass(frozen=True)
class Printed:
    """A whole report as printed, part by part, for a medium to lay out."""

    title: tuple[str, ...]
    preamble: list[Paragraph]
    sections: dict[str, list[Paragraph]]  # section number -> its paragraphs
    values: dict[str, str]  # field key -> the text of its cell


def printed(report: Report) -> Printed:
    return Printed(
        title=title_lines(report),
        preamble=section_paragraphs(report, PREAMBLE),
        sections={s.number: section_paragraphs(report, s.number) for s in report.format.sections},
        values=table_values(report),
    )


def file_name(report: Report, suffix: str = ".docx") -> str:
    """"<year>年<organ>政府信息公开工作年度报告<suffix>", made safe for any file system."""
    from .files import safe_filename

    year = f"{report.year}年" if report.year else ""
    return safe_filename(f"{year}{one_line(report.organ) or '未填写机关名称'}{REPORT_NAME}{suffix}")
