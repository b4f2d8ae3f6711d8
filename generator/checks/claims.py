"""Numbers in the text against the tables (TEXT_NUMBER, TEXT_SCOPE), and what the text says of all
cases or applications ("均获维持", "均已结案", "全部办结", "办结率100%").

statements.py reads what the text states; here each statement is compared with the values the
clerk gave. A statement the table cannot confirm (a blank table, a field the format lacks) is
never reported; one a paragraph also states in agreeing words (for another scope) neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..report import format_number
from .catalogue import check_of
from .findings import TEXT_PART, Finding, Involved, Subjects, given, make, paragraph_name
from .statements import (
    APPLICATIONS,
    CASES,
    SENTENCE,
    Statement,
    Target,
    Thing,
    applications,
    cases,
    statements,
    things_in,
)
from .textnum import MONEY_UNITS, Bound, Quantity


class _Values:
    """The table values and fee facts the clerk gave, as numbers in the base unit (元 for money)."""

    def __init__(self, s: Subjects) -> None:
        self.s = s
        self.amounts = s.amounts
        self._given: dict[str, bool] = {}

    def of(self, target: Target | None) -> Decimal | None:
        if target is None:
            return None
        report = self.s.report
        if target.role is not None:
            key = target.keys[0]
            v = report.choices.get(key)
            if v is None or v.number is None:
                return None
            return Decimal(str(v.number)) * MONEY_UNITS.get(self.s.fmt.choice(key).unit, Decimal(1))
        if not all(given(report, k, self._given) for k in target.keys):
            return None
        return sum((Decimal(str(self.amounts[k])) * MONEY_UNITS.get(self._unit(k), Decimal(1)) for k in target.keys),
                   Decimal(0))

    def _unit(self, key: str) -> str:
        f = self.s.fmt.fields[key]
        if f.unit:
            return f.unit
        choice = next((c for c in self.s.fmt.choices if c.unit_of == key), None)
        return self.s.report.choice_text(choice.key) if choice is not None else ""

    def involved(self, target: Target) -> tuple[Involved, ...]:
        if target.role is not None:
            key = target.keys[0]
            return (self.s.choice(key, self.s.report.choice_number(key)),)
        return tuple(self.s.field(k, self.amounts[k]) for k in target.keys)


def claim_findings(s: Subjects) -> Iterator[Finding]:
    """TEXT_NUMBER: a number in the text that the table contradicts; TEXT_SCOPE: one that counts
    something else than the row it names (新收 written with last year's carried-over included)."""
    values = _Values(s)
    for index, p in enumerate(s.report.paragraphs):
        verdicts = []
        for st in statements(s.fmt, s.report.year, p.text):
            actual = values.of(st.reading.target)
            if actual is None:
                continue
            ok = st.quantity.admits(actual) or any(
                st.quantity.admits(v) for v in map(values.of, st.reading.accepted) if v is not None)
            # Only an exact number can be told to count something else: "30余件" may be either.
            loose = next((t for t in st.reading.loose if (v := values.of(t)) is not None and st.quantity.admits(v)),
                         None) if st.quantity.bound is Bound.EXACT else None
            verdicts.append((st, actual, ok, loose))
        # A paragraph may state one count twice, for two scopes (全县…, 其中本局…): one agreeing is enough.
        agreed = {st.reading.target for st, _, ok, _ in verdicts if ok}
        # "共受理申请59件（含上年结转4件）" says itself what it counts.
        carried_said = any(ok and st.reading.target.keys[0].startswith(f"{APPLICATIONS}.carried_over.")
                           for st, _, ok, _ in verdicts)
        for st, actual, ok, loose in verdicts:
            if ok or st.reading.target in agreed or (loose is not None and carried_said):
                continue
            yield _finding(s, values, index, p.section, st, actual, loose)
    yield from all_claim_findings(s, values)


def _finding(s: Subjects, values: _Values, index: int, section: str, st: Statement, actual: Decimal,
             loose: Target | None) -> Finding:
    q, target = st.quantity, st.reading.target
    involved = values.involved(target)
    place = _places(involved)
    hedge = f"（{q.describe()}）" if q.describe() else ""
    stated = f"正文{paragraph_name(section)}写的是“{st.said}”{hedge}"
    actual_text = _amount_text(actual, q)
    if loose is not None:
        loose_value = values.of(loose)
        return make("TEXT_SCOPE", check_of("TEXT_SCOPE").level, s.paragraph(index),
                    f"{stated}，但{target.label}{place}为{actual_text}；{_amount_text(loose_value, q)}是"
                    f"{loose.label}，包括上年结转的申请。请写本年新收的数字，或写明“含上年结转”。",
                    TEXT_PART, (*involved, *values.involved(loose)),
                    text=q.text, stated=q.number, table=actual, bound=q.bound.value)
    hint = ""
    if q.is_money and actual and (q.number / actual in (10_000, Decimal("0.0001"))):
        hint = "两者正好相差一万倍，可能是元和万元写混了；"
    return make("TEXT_NUMBER", check_of("TEXT_NUMBER").level, s.paragraph(index),
                f"{stated}，但{target.label}{place}为{actual_text}；{hint}请核对正文或表格，改成一致。",
                TEXT_PART, involved, text=q.text, stated=q.number, table=actual,
                bound=q.bound.value)


def _places(involved: tuple[Involved, ...]) -> str:
    """Where a value was read, for a message on another sheet: "（三、依申请公开!J6）",
    "（三、依申请公开!J18+J19+J20）", "（…!J10等8格之和）"; a JSON path only when alone."""
    located = [i.location for i in involved if i.location and i.location.cell]
    if not located:
        alone = involved[0].location if len(involved) == 1 else None
        return f"（{alone}）" if alone else ""
    sheet = f"{located[0].sheet}!" if located[0].sheet else ""
    if len(located) > 4:
        return f"（{sheet}{located[0].cell}等{len(located)}格之和）"
    return f"（{sheet}{'+'.join(loc.cell for loc in located)}）"


def _amount_text(n: Decimal | None, q: Quantity) -> str:
    if n is None:
        return ""
    return f"{format_number(n)}{'元' if q.is_money else q.unit}"


def _clause_to(sentence: str, start: int, end: int) -> str:
    """From the clause's start to `end`: "共有行政诉讼案件1件、行政复议案件2件，均已结案" -> "均已结案"."""
    begin = max((sentence.rfind(c, 0, start) for c in "，,；;。"), default=-1) + 1
    return sentence[begin:end].strip()


# --- "all" and "none" --------------------------------------------------------------------------


_ALL_DONE = re.compile(r"(?:全部|均已|都已|已全部|均已全部|全部已|均)(?:按时|依法|如期|按期)?"
                       r"(?:办结|办理完毕|答复完毕|审结|结案)|办结率(?:为|达到|达)?\s*100\s*%")
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予以|为|已)?(?:结果)?维持")
_CARRIED_BEFORE = re.compile(r"上一?年|去年|结转|往年")
_NONE_CORRECTED = re.compile(r"(?:未|没有|无)(?:出现|发生)?(?:被)?纠错")


@dataclass(frozen=True)
class _AllClaim:
    pattern: re.Pattern[str]
    # For each thing: the fields that must then be 0.
    applications: tuple[str, ...]
    cases: tuple[str, ...]
    only_cases: bool = False  # 维持, 纠错 are said only of cases: with no thing named, of all of them


_ALL_CLAIMS = (
    _AllClaim(_ALL_DONE, ("carry_forward",), ("pending",)),
    _AllClaim(_ALL_UPHELD, (), ("corrected", "other", "pending"), only_cases=True),
    _AllClaim(_NONE_CORRECTED, (), ("corrected",), only_cases=True),
)


def all_claim_findings(s: Subjects, values: _Values) -> Iterator[Finding]:
    """"均已结案" over a table 四 with cases pending; "均获维持" with cases corrected; "全部办结" with
    applications carried forward. The things meant are those the sentence (or the one before) names."""
    for index, p in enumerate(s.report.paragraphs):
        if not any(claim.pattern.search(p.text) for claim in _ALL_CLAIMS):
            continue
        carried: list[Thing] = []
        for sm in SENTENCE.finditer(p.text):
            sentence = sm.group()
            for claim in _ALL_CLAIMS:
                for m in claim.pattern.finditer(sentence):
                    if claim.applications and _CARRIED_BEFORE.search(sentence[:m.start()]):
                        continue  # "上年结转的2件申请已全部办结": all of those, not of this year's
                    things = things_in(sentence[:m.start()])
                    if claim.only_cases:
                        things = [t for t in things or carried if t in CASES] or [Thing.REVIEW, Thing.SUIT]
                    # "已全部办结" alone may be said of anything (热线, 建议): only of what its sentence names.
                    targets = _all_targets(s, claim, things)
                    nonzero = [t for t in targets if t is not None and (v := values.of(t)) is not None and v > 0]
                    if not nonzero:
                        continue
                    involved = tuple(i for t in nonzero for i in values.involved(t) if i.value)
                    where = "，".join(f"{i.label}{_places((i,))}为{format_number(i.value)}" for i in involved)
                    yield make("TEXT_NUMBER", check_of("TEXT_NUMBER").level, s.paragraph(index),
                               f"正文{paragraph_name(p.section)}写的是“{_clause_to(sentence, m.start(), m.end())}”，"
                               f"但{where}；请核对正文或表格，改成一致。", TEXT_PART,
                               involved, text=m.group())
            carried = things_in(sentence) or carried


def _all_targets(s: Subjects, claim: _AllClaim, things: list[Thing]) -> list[Target | None]:
    """The values that must be 0 for the claim to hold of `things`."""
    named = tuple(t for t in things if t in CASES)
    if named and claim.cases:
        return [cases(s.fmt, named, (outcome,)) for outcome in claim.cases]
    if Thing.APPLICATION in things:
        return [applications(s.fmt, (row,)) for row in claim.applications]
    return []
