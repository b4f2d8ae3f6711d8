"""What the narrative denies (no application, no case, no fee) against the tables, and a notice
of another format cited. Numbers stated in the text are claims.py's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..formats import FORMATS, Level, Role
from ..report import Number, format_number
from .findings import TEXT_PART, Finding, Involved, Subjects, make, paragraph_name


@dataclass(frozen=True)
class _Claim:
    """A sentence that says something did not happen, and the values that say it did."""

    pattern: re.Pattern[str]
    subject: str
    fields: tuple[str, ...] = ()  # table fields whose amount must then be 0
    roles: tuple[Role, ...] = ()  # choices whose number must then be 0


_CLAIMS = (
    # Within one clause (no comma); not about a correction (补正) nor an application for review (复议).
    _Claim(re.compile(r"(?:未|没有)(?:收到|接收到|接到|接收)(?![^。；;，,]*(?:补正|复议|诉讼))[^。；;，,]{0,20}申请"),
           "本年新收政府信息公开申请", ("applications.new.total",)),
    _Claim(re.compile(r"(?:未|没有)(?:发生|出现|收到|被)[^。；;，,]{0,20}(?:行政复议|行政诉讼)"), "行政复议、行政诉讼",
           ("review_litigation.review.total", "review_litigation.direct_suit.total",
            "review_litigation.suit_after_review.total")),
    _Claim(re.compile(r"(?:未|没有|无)收取[^。；;，,]{0,6}信息处理费"), "收取信息处理费",
           roles=(Role.FEE_AMOUNT, Role.FEE_APPLICATIONS)),
)


def narrative_findings(s: Subjects) -> Iterator[Finding]:
    report, fmt = s.report, s.fmt
    amounts = report.amounts()
    for index, p in enumerate(report.paragraphs):
        text = p.text
        part = paragraph_name(p.section)
        for claim in _CLAIMS:
            m = claim.pattern.search(text)
            if not m:
                continue
            found = [inv for inv in _claim_values(s, claim, amounts) if inv.value > 0]
            if found:
                where = "，".join(f"{_quoted(s, inv)}{f'（{inv.location}）' if inv.location else ''}为"
                                 f"{format_number(inv.value)}" for inv in found)
                yield make("NARRATIVE", Level.WARNING, s.paragraph(index),
                           f"正文{part}写的是“{m.group(0)}”，但{where}；请核对正文或表格。", TEXT_PART,
                           tuple(found), text=m.group(0), claim=claim.subject)
        for other in FORMATS.values():
            if other.id != fmt.id and other.issued_by in text:
                yield make("NARRATIVE", Level.WARNING, s.paragraph(index),
                           f"正文{part}提到“{other.issued_by}”，那是{other.id}年格式的文号；本报告使用{fmt.id}年格式"
                           f"（{fmt.issued_by}）。可能是沿用了往年的文字，请核对。", TEXT_PART,
                           text=other.issued_by, format=fmt.id)


def _quoted(s: Subjects, inv: Involved) -> str:
    """A field's name is quoted already (“row”的“column”); a choice's label is not."""
    return inv.label if inv.key in s.fmt.fields else f"“{inv.label}”"


def _claim_values(s: Subjects, claim: _Claim, amounts: dict[str, Number]) -> Iterator[Involved]:
    for key in claim.fields:
        if key in s.fmt.fields:
            yield s.field(key, amounts[key])
    for role in claim.roles:
        choice = s.fmt.choice_for(role)
        if choice is not None:
            yield s.choice(choice.key, s.report.choice_number(choice.key))
