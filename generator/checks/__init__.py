"""`check`: a report (and optionally last year's) -> findings, as values. Nothing is printed here:
the terminal table and the JSON are views (generator/views.py).

The arithmetic is the format's own rules, evaluated generically (arithmetic.py); what a sum
cannot express is in facts.py (required items, year, choices). The text is read as a reviewer
reads it: claims.py (numbers stated in the text against the tables), narrative.py (what the text
denies), structure.py (numbering, headings, sections 五 and 六), writing.py (placeholders,
punctuation, years, the organ's name), lastyear.py (copied text, jumps against last year).
Every finding's code is in the catalogue (catalogue.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..formats import Level
from ..report import Report
from .arithmetic import blank_findings, rule_findings, value_findings
from .catalogue import CATALOGUE, Check, check_of
from .claims import claim_findings
from .facts import (
    character_findings,
    choice_findings,
    contact_findings,
    fee_findings,
    format_year_findings,
    info_findings,
    previous_findings,
    section_findings,
    unit_findings,
    year_findings,
    years_apart,
)
from .findings import CheckResult, Finding, Involved, Subjects
from .lastyear import copy_findings, figure_findings
from .narrative import narrative_findings
from .structure import fee_text_findings, numbering_findings, section_five_findings
from .writing import writing_findings

# A regional rules file maps a code to the level it wants, or to None to turn the check off.
Levels = Mapping[str, Level | None]


def check(report: Report, previous: Report | None = None, levels: Levels | None = None) -> CheckResult:
    """Every finding on `report` in report order; `previous` enables the cross-year rules."""
    s = Subjects(report)
    comparable = previous if previous is not None and not years_apart(report, previous) else None
    findings = [
        *info_findings(s),
        *character_findings(s),
        *contact_findings(s),
        *year_findings(s),
        *format_year_findings(s),
        *previous_findings(s, previous),
        *section_findings(s),
        *choice_findings(s),
        *fee_findings(s),
        *unit_findings(s),
        *value_findings(s),
        *blank_findings(s),
        *rule_findings(s, comparable),
        *narrative_findings(s),
        *claim_findings(s),
        *section_five_findings(s),
        *fee_text_findings(s),
        *numbering_findings(s),
        *writing_findings(s),
        *report.source_findings,
    ]
    if comparable is not None:
        findings += [*copy_findings(s, comparable), *figure_findings(s, comparable)]
    if levels:
        findings = [_relevel(f, levels) for f in findings if levels.get(f.code, f.level) is not None]
    return CheckResult(tuple(sorted(findings, key=s.rank)))


def _relevel(finding: Finding, levels: Levels) -> Finding:
    from dataclasses import replace

    level = levels.get(finding.code, finding.level)
    return finding if level is finding.level else replace(finding, level=level)


__all__ = ["CATALOGUE", "Check", "CheckResult", "Finding", "Involved", "Levels", "check", "check_of"]
