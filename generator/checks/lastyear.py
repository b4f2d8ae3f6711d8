"""This year's report against last year's: how much of the text is last year's (内容雷同), figures
that jump by five times or more, amounts about 10,000 times apart (元 written for 万元)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..formats import Field, Kind, Role
from ..report import PREAMBLE, Report, format_number
from .catalogue import check_of
from .findings import TEXT_PART, Finding, Involved, Subjects, field_name, given, make, paragraph_name
from .textnum import MONEY_UNITS

COPY_LIMIT = Decimal("0.5")  # city rubrics deduct for a report more than half the same as last year's
SHINGLE = 8  # characters: long enough that a shared phrase (政府信息公开工作) is not a copy
COPIED_PARAGRAPH = Decimal("0.8")  # a paragraph at least this much last year's is named
SMALLEST_SECTION = 50  # characters copied before a part's share is worth a warning
JUMP = 5  # times, either way
COUNT_FLOOR = 50  # the larger of two counts below this never alarms: 3 -> 16 is not news
MONEY_FLOOR = Decimal(10_000)  # 元
SLIP = (Decimal(5_000), Decimal(20_000))  # a ratio in here is 元 typed as 万元 or the other way
_MAX_LISTED = 10

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def _normal(text: str) -> str:
    """Spaces dropped, numbers masked: a paragraph with only its year and figures changed is a copy."""
    return _DIGITS.sub("#", _SPACES.sub("", text))


@dataclass(frozen=True)
class _Copied:
    index: int
    section: str
    length: int
    copied: int

    @property
    def share(self) -> Decimal:
        return Decimal(self.copied) / self.length if self.length else Decimal(0)


def _shares(report: Report, previous: Report) -> list[_Copied]:
    """How many characters of each paragraph of sections 一–六 appear in last year's text."""
    last = [_normal(p.text) for p in previous.paragraphs if p.section != PREAMBLE]
    whole = "\n".join(last)
    shingles = {text[i:i + SHINGLE] for text in last for i in range(len(text) - SHINGLE + 1)}
    out = []
    for index, p in enumerate(report.paragraphs):
        if p.section == PREAMBLE:
            continue
        text = _normal(p.text)
        if not text:
            continue
        if len(text) < SHINGLE:
            copied = len(text) if text in last else 0
        else:
            copied, covered_to = 0, 0  # characters covered by the shingles found so far, and up to where
            for i in range(len(text) - SHINGLE + 1):
                if text[i:i + SHINGLE] in shingles:
                    copied += SHINGLE if i >= covered_to else i + SHINGLE - covered_to
                    covered_to = i + SHINGLE
        out.append(_Copied(index, p.section, len(text), copied))
    return out if whole else []


def _percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal(1))}%"


def copy_findings(s: Subjects, previous: Report) -> Iterator[Finding]:
    """COPY_SHARE always (the figure, overall and by part); COPY for the whole text when more than
    half of it is last year's, else for each part that is."""
    shares = _shares(s.report, previous)
    if not shares:
        return
    sections: dict[str, list[_Copied]] = {}
    for c in shares:
        sections.setdefault(c.section, []).append(c)
    by_section = {n: (sum(c.copied for c in cs), sum(c.length for c in cs)) for n, cs in sections.items()}
    copied, length = sum(c.copied for c in shares), sum(c.length for c in shares)
    overall = Decimal(copied) / length
    parts = "，".join(f"{paragraph_name(n)}{_percent(Decimal(a) / b)}" for n, (a, b) in by_section.items())
    figures = {"overall": overall, "sections": {n: Decimal(a) / b for n, (a, b) in by_section.items()}}
    whole = Involved("narrative", TEXT_PART, overall)
    yield make("COPY_SHARE", check_of("COPY_SHARE").level, whole,
               f"正文与上年报告相同的文字占{_percent(overall)}（{parts}）。", TEXT_PART, **figures)
    if overall > COPY_LIMIT:
        named = [c for c in shares if c.share >= COPIED_PARAGRAPH] or shares
        yield make("COPY", check_of("COPY").level, s.paragraph(named[0].index),
                   f"正文有{_percent(overall)}的文字与上年报告相同，超过一半；{_listing(s, named)}"
                   "请按本年度的实际工作重写，不要照搬上年的报告。", TEXT_PART,
                   tuple(s.paragraph(c.index) for c in named), **figures,
                   paragraphs=[_paragraph_key(c) for c in named])
        return  # the whole report is named; each part's share is in the line above
    for number, cs in sections.items():
        a, b = by_section[number]
        share = Decimal(a) / b
        if share <= COPY_LIMIT or a < SMALLEST_SECTION:
            continue
        named = [c for c in cs if c.share >= COPIED_PARAGRAPH] or cs
        yield make("COPY", check_of("COPY").level, s.paragraph(named[0].index),
                   f"正文{paragraph_name(number)}有{_percent(share)}的文字与上年报告相同；{_listing(s, named)}"
                   "请写本年度的情况。", TEXT_PART, tuple(s.paragraph(c.index) for c in named),
                   section=number, share=share, paragraphs=[_paragraph_key(c) for c in named])


def _paragraph_key(c: _Copied) -> dict:
    return {"key": f"narrative[{c.index}]", "share": c.share}


def _listing(s: Subjects, named: list[_Copied]) -> str:
    if not named:
        return ""
    shown = []
    for c in named[:_MAX_LISTED]:
        loc = s.report.paragraphs[c.index].location
        where = (loc.cell if loc.sheet else str(loc)) if loc is not None else f"第{c.index + 1}段"
        shown.append(f"{where}（{'相同' if c.copied == c.length else _percent(c.share) + '相同'}）")
    more = f"等{len(named)}段" if len(named) > _MAX_LISTED else ""
    return f"与上年相同或几乎相同的段落：{'、'.join(shown)}{more}。"


# --- figures ------------------------------------------------------------------------------------


def _compared_fields(report: Report, previous: Report) -> Iterator[Field]:
    """A table's row totals where it has them (table 三's 总计 column, table 四's groups), else its
    values; only what both years' formats have. Signed changes are not sizes."""
    fields, last = report.format.fields, previous.format.fields
    for table in report.format.tables:
        row_totals = [f for f in table.fields if f.is_total and all(fields[p].row == f.row for p in f.sum_of)]
        for f in row_totals or table.fields:
            if f.key in last and f.kind is not Kind.SIGNED:
                yield f


def _base(report: Report, key: str, amount, money: bool) -> Decimal:
    """An amount in 元 (a count as it is), whichever unit the format or the clerk gave it."""
    n = Decimal(str(amount))
    if not money:
        return n
    f = report.format.fields.get(key)
    if f is None:
        unit = report.format.choice(key).unit
    else:
        choice = next((c for c in report.format.choices if c.unit_of == key), None)
        unit = f.unit or (report.choice_text(choice.key) if choice is not None else "")
    return n * MONEY_UNITS.get(unit, Decimal(1))


def figure_findings(s: Subjects, previous: Report) -> Iterator[Finding]:
    """JUMP and UNIT_SLIP, for the table values and the fee facts of both years."""
    this, last = s.amounts, previous.amounts()
    memo_this: dict[str, bool] = {}
    memo_last: dict[str, bool] = {}
    for f in _compared_fields(s.report, previous):
        if not (given(s.report, f.key, memo_this) and given(previous, f.key, memo_last)):
            continue  # a blank year is not a year of 0
        money = f.kind is Kind.MONEY
        yield from _compare(s, f.key, (this[f.key], _base(s.report, f.key, this[f.key], money)),
                            (last[f.key], _base(previous, f.key, last[f.key], money)), money,
                            s.field(f.key, this[f.key]), s.field(f.key, last[f.key], source=previous, last_year=True),
                            field_name(f))
    for role in (Role.FEE_APPLICATIONS, Role.FEE_AMOUNT):
        c, old = s.fmt.choice_for(role), previous.format.choice_for(role)
        if c is None or old is None or old.key != c.key:
            continue
        if any(r.choices.get(c.key) is None or r.choices[c.key].number is None for r in (s.report, previous)):
            continue
        money = c.number_kind is Kind.MONEY
        a, b = s.report.choice_number(c.key), previous.choice_number(c.key)
        yield from _compare(s, c.key, (a, _base(s.report, c.key, a, money)), (b, _base(previous, c.key, b, money)),
                            money, s.choice(c.key, a), Involved(c.key, c.label, b, previous.location_of(c.key), True),
                            f"“{c.label}”")


def _compare(s: Subjects, key: str, now: tuple, before: tuple, money: bool, subject: Involved, old: Involved,
             name: str) -> Iterator[Finding]:
    """`now` and `before`: (as typed, in 元 or as a count)."""
    (typed_now, a), (typed_before, b) = now, before
    if a <= 0 and b <= 0:
        return
    small, large = sorted((a, b))
    ratio = large / small if small > 0 else None
    part = s.part_of(key)
    shown = f"本年为{format_number(typed_now)}，上年为{format_number(typed_before)}"
    if money and ratio is not None and SLIP[0] <= ratio <= SLIP[1]:
        yield make("UNIT_SLIP", check_of("UNIT_SLIP").level, subject,
                   f"{name}{shown}，相差约一万倍；多半是把元当成万元（或把万元当成元）填了，请核对单位。",
                   part, (old,), this_year=a, last_year=b, ratio=ratio)
        return
    if large < (MONEY_FLOOR if money else COUNT_FLOOR) or (ratio is not None and ratio < JUMP):
        return
    if ratio is None:
        change = "上年为0，本年一下子这么多" if a > b else "本年为0，上年却不少"
    elif a > b:
        change = f"是上年的{_times(ratio)}倍"
    else:
        change = f"只有上年的{_times(ratio)}分之一"
    yield make("JUMP", check_of("JUMP").level, subject,
               f"{name}{shown}，{change}；变化这么大，请核对是否填错（如多打或少打了一位数）。",
               part, (old,), this_year=a, last_year=b, ratio=ratio)


def _times(ratio: Decimal) -> str:
    return format_number(ratio.quantize(Decimal(1)) if ratio >= 10 else ratio.quantize(Decimal("0.1")))
