"""Findings as values: what is wrong, with which values, where they were read. No printing here."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..formats import Level
from ..report import INFO_FIELDS, PREAMBLE, Location, Report
from .catalogue import check_of

INFO_LABELS = {f.key: f.label for f in INFO_FIELDS}
INFO_PART = "基本信息"
TEXT_PART = "正文"


@dataclass(frozen=True)
class Involved:
    """A value a finding concerns: its key, its Chinese name, what it holds, where it was read.

    Keys: a field key ("applications.new.total"), an info key ("organ", "postcode"), a choice key
    ("fee_amount"), "section.五" for a part of the narrative, "narrative[3]" for a paragraph."""

    key: str
    label: str
    value: Any = None
    location: Location | None = None
    last_year: bool = False


@dataclass(frozen=True)
class Finding:
    """One problem: its code, how bad, what to fix (the subject), every value involved, a message."""

    code: str
    level: Level
    message: str  # Chinese, complete: names the other values and every number involved
    subject: Involved  # what the clerk fixes
    involved: tuple[Involved, ...] = ()  # every value the finding concerns, the subject first
    part: str = ""  # where a person looks: "基本信息", "正文", or a table's name "三、依申请公开"
    details: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def key(self) -> str:
        return self.subject.key

    @property
    def location(self) -> Location | None:
        return self.subject.location

    @property
    def where(self) -> str:
        """Where to look, as a person says it: the cell, the JSON path, the page, else the part."""
        return str(self.location) if self.location else self.part

    @property
    def title(self) -> str:
        return check_of(self.code).title


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.WARNING]

    @property
    def notes(self) -> list[Finding]:
        """Figures shown for the record (the share copied from last year): never a problem."""
        return [f for f in self.findings if f.level is Level.INFO]

    @property
    def ok(self) -> bool:
        """No error: `check` passes (warnings are the clerk's to judge)."""
        return not self.errors

    @property
    def blocking(self) -> list[Finding]:
        """The errors that stop `generate`: a fuzzy rule raised to error by a regional rules file
        fails `check` but never stops a report from being made."""
        return [f for f in self.errors if not check_of(f.code).fuzzy]


class Subjects:
    """Makes the Involved of a report's fields, info, choices and narrative, and knows their order."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.fmt = report.format
        self._parts = [INFO_PART, TEXT_PART, *(t.name for t in self.fmt.tables)]
        keys = (*INFO_LABELS, *self.fmt.fields, *(c.key for c in self.fmt.choices))
        self._order = {key: i for i, key in enumerate(keys)}  # a table's choices follow its values

    @cached_property
    def amounts(self) -> dict:
        """The report's amounts (totals computed once), shared by the checks that read them."""
        return self.report.amounts()

    def field(self, key: str, value: Any = None, *, source: Report | None = None,
              last_year: bool = False) -> Involved:
        source = source or self.report
        f = source.format.fields[key]
        return Involved(key, field_name(f), value, source.location_of(key), last_year)

    def info(self, key: str, value: Any = None) -> Involved:
        return Involved(key, INFO_LABELS[key], value, self.report.location_of(key))

    def choice(self, key: str, value: Any = None) -> Involved:
        return Involved(key, self.fmt.choice(key).label, value, self.report.location_of(key))

    def section(self, number: str) -> Involved:
        heading = self.fmt.section(number).heading if number != PREAMBLE else PREAMBLE
        return Involved(f"section.{number}", heading, None, self.report.locations.get(f"section.{number}"))

    def paragraph(self, index: int) -> Involved:
        p = self.report.paragraphs[index]
        return Involved(f"narrative[{index}]", paragraph_name(p.section), p.text, p.location)

    def part_of(self, key: str) -> str:
        """The part a key belongs to: its table, the narrative, or 基本信息 (choices shown beside a
        table belong to that table)."""
        if key in self.fmt.fields:
            return self.fmt.table(self.fmt.fields[key].table).name
        if key.startswith(("section.", "narrative[")):
            return TEXT_PART
        choice = next((c for c in self.fmt.choices if c.key == key), None)
        if choice is not None and choice.table:
            return self.fmt.table(choice.table).name
        return INFO_PART

    def rank(self, finding: Finding) -> tuple:
        """Report order: parts as the workbook has them, then each value's place within its part."""
        key = finding.key
        part = self._parts.index(finding.part) if finding.part in self._parts else len(self._parts)
        if key.startswith("narrative["):
            place = int(key[len("narrative["):-1])
        elif key.startswith("section."):
            place = _section_rank(self.report, key.removeprefix("section."))
        else:
            place = self._order.get(key, len(self._order))
        return part, place, finding.level is not Level.ERROR


def _section_rank(report: Report, number: str) -> int:
    """An empty part sorts where its paragraphs would be: after the paragraphs of the parts before it."""
    order = [PREAMBLE, *(s.number for s in report.format.sections)]
    before = set(order[:order.index(number)]) if number in order else set(order)
    return sum(1 for p in report.paragraphs if p.section in before)


def given(report: Report, key: str, memo: dict[str, bool] | None = None) -> bool:
    """A value the clerk gave: typed, or a total of which some part was typed. Blank is no value
    to compare a statement or last year's figure with."""
    memo = {} if memo is None else memo
    if key not in memo:
        v = report.values.get(key)
        if v is not None and not v.blank and not v.formula:
            memo[key] = v.number is not None
        else:
            f = report.format.fields.get(key)
            memo[key] = (f is not None and f.is_total and report.is_computed(key)
                         and any(given(report, part, memo) for part in f.sum_of))
    return memo[key]


def field_name(f) -> str:
    return f"“{f.row_label}”的“{f.column_label}”"


def paragraph_name(section: str) -> str:
    return "前言" if section == PREAMBLE else f"第{section}部分"


def make(code: str, level: Level, subject: Involved, message: str, part: str,
         involved: tuple[Involved, ...] = (), **details: Any) -> Finding:
    others = tuple(i for i in involved if i is not subject)
    return Finding(code, level, message, subject, (subject, *others), part, details)
