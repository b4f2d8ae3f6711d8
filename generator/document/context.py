"""Report -> what the DOCX template's tags refer to: text cleaned for XML, paragraphs in the
template's styles with the line-breaking care a printed page needs, table values as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..content import UNBREAKABLE, Look, organ_lines, paragraph_look, printed, styled_runs
from ..report import Paragraph, Report, Run
from . import ooxml
from .build import STYLE_OF_LOOK, VALUES, section_name

FIXED_NAMES = ("organ", "year", "preamble")  # every template has these
OLD_NAMES = ("narrative",)  # narrative["一"]: the sections as templates before version 0.2 named them
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Notes:
    """Warnings raised while preparing a report for printing, each naming its place."""

    messages: list[str] = field(default_factory=list)
    gb2312: bool = False  # the template uses _GB2312 faces: report characters they lack

    def clean(self, text: str, where: str) -> str:
        """`text` without the characters an XML file cannot hold, saying which were dropped."""
        dropped = _XML_INVALID.findall(text)
        if dropped:
            codes = "、".join(dict.fromkeys(f"U+{ord(c):04X}" for c in dropped))
            self.messages.append(f"{where}：删除了 Word 文件不能保存的控制字符（{codes}）")
            text = _XML_INVALID.sub("", text)
        if self.gb2312:
            rare = [c for c in dict.fromkeys(text) if _is_ideograph(c) and not _in_gb2312(c)]
            if rare:
                self.messages.append(
                    f"{where}：字符“{''.join(rare)}”不在 GB2312 字符集中，模板所用的 _GB2312 字体没有这些字，"
                    "Word 或 WPS 会用其他字体显示"
                )
        return text


def _is_ideograph(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000"


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


WORD_JOINER = "\u2060"  # invisible; LibreOffice breaks after / and - inside a URL or number otherwise


def unbreakable(token: str) -> str:
    """A URL, e-mail address or telephone number that no application breaks across lines: a word
    joiner (U+2060, no break on either side of it) after each / and -, where a line may break.

    Not w:noBreakHyphen for telephone numbers: LibreOffice 7.4 sets that hyphen apart from the
    digits and breaks after it (measured: 4 of 7 positions at the end of a line).
    """
    return re.sub(r"([/-])(?=.)", r"\1" + WORD_JOINER, token)


def _run_xml(run: Run, style: str) -> tuple[str, bool]:
    """The run as WordprocessingML, and whether it holds text that must not break."""
    parts, protected, last = [], False, 0
    for m in UNBREAKABLE.finditer(run.text):
        parts += [run.text[last:m.start()], unbreakable(m.group())]
        protected, last = True, m.end()
    parts.append(run.text[last:])
    return ooxml.text_run("".join(parts), bold=run.bold, style=style), protected


class Xml(str):
    """WordprocessingML the template inserts as it is (Jinja takes __html__ under autoescape)."""

    def __html__(self) -> str:
        return str(self)


def paragraphs_xml(paragraphs: list[Paragraph], notes: Notes) -> Xml:
    """Paragraphs in the template's styles; runs carry only bold and a character style.

    A paragraph holding an address or a telephone number is set flush left: justified, the line
    before such an unbreakable run would be stretched over the room it leaves.
    """
    out = []
    for p in paragraphs:
        where = str(p.location or "正文")
        p = Paragraph(p.section, [Run(notes.clean(r.text, where), r.bold) for r in p.runs], p.heading, p.location)
        runs, flush_left = [], False
        for run, look in styled_runs(p):  # a run-in heading is found whichever brackets it has
            if run.text:
                xml, protected = _run_xml(run, STYLE_OF_LOOK[look] if look is Look.RUN_IN else "")
                runs.append(xml)
                flush_left |= protected
        out.append(ooxml.paragraph("".join(runs), STYLE_OF_LOOK[paragraph_look(p)],
                                   align="left" if flush_left else ""))
    return Xml("".join(out))


def context_names(fmt) -> tuple[str, ...]:
    """Every name a template of `fmt` may use."""
    return (*FIXED_NAMES, *(section_name(i) for i in range(len(fmt.sections))), VALUES, *OLD_NAMES)


class Values(dict):
    """The table values by field key, v["applications.new.total"], and nested by its parts, so that
    a template may write v.applications.new.total (no quotes for an editor to curl)."""

    def __init__(self, flat: dict[str, str]) -> None:
        super().__init__(flat)
        for key, text in flat.items():
            *path, last = key.split(".")
            node = self
            for part in path:
                node = node.setdefault(part, {})
            node[last] = text


def build_context(report: Report, notes: Notes) -> dict[str, Any]:
    """What the template's tags refer to: organ (in its title lines, broken between words), year,
    preamble, section1…, v.<field key>."""
    content = printed(report)
    organ = notes.clean(report.organ, str(report.locations.get("organ") or "基本信息"))
    sections = {number: paragraphs_xml(ps, notes) for number, ps in content.sections.items()}
    numbers = [s.number for s in report.format.sections]
    return {
        "organ": "\n".join(organ_lines(organ)),  # the template prints the organ in the title
        "year": str(report.year or ""),
        "preamble": paragraphs_xml(content.preamble, notes),
        **{section_name(i): sections[n] for i, n in enumerate(numbers)},
        "narrative": sections,
        VALUES: Values(content.values),
    }
