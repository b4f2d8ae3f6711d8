"""The format's own rules (R1–R8) evaluated generically, the kinds of values (R5), blank cells.

No arithmetic is written here: the relations are `Format.rules` and the kinds `Field.kind`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..formats import Field, Kind, Level, Rule, Term
from ..report import Number, Report, Value, format_number
from ..report.numbers import IMPLAUSIBLE
from .findings import Finding, Involved, Subjects, field_name, make

# Decimals below one 分: 元 with more than 2, 万元 with more than 6.
_FEN_DECIMALS = {"元": 2, "万元": 6}
_MAX_LISTED_CELLS = 10
_MAX_LISTED_TERMS = 4


def domain_findings(kind: Kind, v: Value, subject: Involved, name: str, part: str, unit: str = "",
                    ) -> Iterator[Finding]:
    """R5: counts are whole numbers >= 0, 本年增/减 a whole number, amounts >= 0."""
    if v.unit_typed:
        yield make("UNIT", Level.ERROR, Involved(subject.key, subject.label, v.raw, subject.location),
                   f"{name}填的是“{v.raw}”：{v.problem}。请只填数字，按这一格的单位{unit}填写；"
                   "这一格在勾稽核对中没有计入。", part, raw=str(v.raw), unit=unit, typed_unit=v.unit_typed)
        return
    if v.number is None:
        why = f"（{v.problem}）" if v.problem and v.problem != "不是数字" else ""
        published = v.location is not None and not v.location.sheet and not v.location.path
        advice = ("请对照原文，在工作簿中填写这一格" if published
                  else "请只填阿拉伯数字（如 5），不要带单位或文字")
        yield make("R5", Level.ERROR, Involved(subject.key, subject.label, v.raw, subject.location),
                   f"{name}{'原文印的' if published else '应填写数字，但填的'}是“{v.raw}”{why}；{advice}。"
                   "这一格在勾稽核对中没有计入。", part, raw=str(v.raw))
        return
    n = Decimal(str(v.number))
    shown = format(n.normalize(), "f")
    if abs(n) >= IMPLAUSIBLE:
        yield make("R5", Level.ERROR, subject,
                   f"{name}填的是{shown}，数字大得不合常理（Excel 也只能准确保存15位数字），"
                   "请核对是否多打了数字。", part)
        return
    if kind is not Kind.SIGNED and n < 0:
        yield make("R5", Level.ERROR, subject, f"{name}不能是负数，但填的是{shown}。", part)
    if kind is not Kind.MONEY and n != n.to_integral_value():
        yield make("R5", Level.ERROR, subject, f"{name}应为整数（件数、项数不能有小数），但填的是{shown}。", part)
    decimals = -n.normalize().as_tuple().exponent
    if kind is Kind.MONEY and unit in _FEN_DECIMALS and decimals > _FEN_DECIMALS[unit]:
        yield make("PRECISION", Level.WARNING, subject,
                   f"{name}填的是{shown}{unit}，有{decimals}位小数，比一分钱还细；报告中照原样印出，"
                   f"如需保留{_FEN_DECIMALS[unit]}位以内的小数，请在表格中改好。", part)


def value_findings(s: Subjects) -> Iterator[Finding]:
    """R5 for every table value the clerk typed (a total still a formula is the workbook's own);
    a total whose formula was cleared, once, at its cell (it is counted from its parts)."""
    amounts = None
    for key, f in s.fmt.fields.items():
        v = s.report.values.get(key)
        if v is not None and v.raw is None and v.problem and not v.formula:
            continue  # nothing was read at all: the reader's own finding (source_findings) says why
        elif v is not None and v.formula and v.problem:
            amounts = amounts or s.report.amounts()
            yield make("FORMULA", Level.WARNING, s.field(key, amounts[key]),
                       f"{field_name(f)}本是自动合计，公式被删除了；检查和生成报告时按各分项之和计算"
                       f"（为{format_number(amounts[key])}）。请撤销删除，或在这一格重新输入合计。", s.part_of(key))
        elif v is not None and not v.formula and not v.blank:
            yield from domain_findings(f.kind, v, s.field(key, v.number), field_name(f), s.part_of(key),
                                       s.report.unit_of(key))


def _is_blank(report: Report, f: Field) -> bool:
    v = report.values.get(f.key)
    if v is None:
        return not f.is_total  # a missing total is computed from its parts, never blank
    return v.blank


def blank_findings(s: Subjects) -> Iterator[Finding]:
    for table in s.fmt.tables:
        blanks = [s.field(f.key) for f in table.fields if _is_blank(s.report, f)]
        if not blanks:
            continue
        shown = [str(b.location.cell if b.location and b.location.cell else b.location or b.key) for b in blanks]
        listing = "、".join(shown[:_MAX_LISTED_CELLS])
        more = f"等{len(blanks)}格" if len(blanks) > _MAX_LISTED_CELLS else ""
        yield make("BLANK", Level.WARNING, blanks[0],
                   f"本表有{len(blanks)}个空白格（{listing}{more}），检查和生成报告时空白按0计算；确实为0的，建议填写0。",
                   table.name, tuple(blanks), count=len(blanks))


# --- the format's rules ----------------------------------------------------------------------


@dataclass
class _Operand:
    term: Term
    field: Field
    amount: Number
    readable: bool
    typed: bool  # what the clerk typed, not a total computed from its parts
    typed_over: bool  # a total read from a workbook where the clerk replaced its formula by a number
    source: Report


def _operand(term: Term, report: Report, previous: Report | None, amounts: dict[int, dict[str, Number]],
             ) -> _Operand | None:
    source = previous if term.last_year else report
    if source is None or term.field not in source.format.fields:
        return None  # last year's format has no such field (2020→2021): the rule does not apply
    f, v = source.format.fields[term.field], source.values.get(term.field)
    readable = v is None or v.formula or v.number is not None or v.blank
    typed = not source.is_computed(term.field)
    typed_over = f.is_total and typed and v is not None and v.location is not None and bool(v.location.cell)
    if id(source) not in amounts:
        amounts[id(source)] = source.amounts()
    return _Operand(term, f, amounts[id(source)][term.field], readable, typed, typed_over, source)


def rule_findings(s: Subjects, previous: Report | None) -> Iterator[Finding]:
    amounts: dict[int, dict[str, Number]] = {}
    for rule in s.fmt.rules:
        if rule.across_years and previous is None:
            continue
        operands = [_operand(t, s.report, previous, amounts) for t in (*rule.left, *rule.right)]
        if any(o is None for o in operands):
            continue
        checked = [o for o in operands if o is not None]
        if not all(o.readable for o in checked):
            continue  # the unreadable cell has its own finding; a sum without it would mislead
        finding = _rule_finding(s, rule, checked[:len(rule.left)], checked[len(rule.left):])
        if finding is not None:
            yield finding


def _total(operands: list[_Operand]) -> Number:
    return sum((o.term.coef * o.amount for o in operands), 0)


def _rule_finding(s: Subjects, rule: Rule, left: list[_Operand], right: list[_Operand]) -> Finding | None:
    lhs, rhs = _total(left), _total(right)
    if lhs == rhs or (rule.relation == ">=" and lhs > rhs):
        return None
    involved = [s.field(o.term.field, o.amount, source=o.source, last_year=o.term.last_year) for o in left + right]
    blamed_at = (left + right).index(_blamed(left, right))
    subject = involved[blamed_at]
    labels = _labels(left + right)
    sheet = subject.location.sheet if subject.location else ""
    lhs_text = _side_text(left, involved[:len(left)], labels[:len(left)], lhs, sheet)
    rhs_text = _side_text(right, involved[len(left):], labels[len(left):], rhs, sheet)
    diff = lhs - rhs
    if rule.relation == ">=":
        claim = f"{lhs_text}，小于{rhs_text}，少{format_number(-diff)}"
    else:
        claim = f"{lhs_text}，但{rhs_text}，相差{format_number(abs(diff))}"
    scope = f"{rule.scope}：" if rule.scope else ""
    # Tell the clerk the total was typed over the workbook's formula: that is how it can disagree.
    blamed = (left + right)[blamed_at]
    typed_over = f"{subject.location.cell}本是自动合计，现在是手填的数字。" if blamed.typed_over else ""
    return make(rule.id, rule.level, subject, f"{scope}{claim}。{typed_over}规则：{rule.text}。",
                s.part_of(subject.key), tuple(involved), scope=rule.scope, relation=rule.relation,
                left=lhs, right=rhs, difference=diff,
                terms=[{"side": "left" if i < len(left) else "right", "key": o.term.field,
                        "coef": o.term.coef, "last_year": o.term.last_year} for i, o in enumerate(left + right)])


def _blamed(left: list[_Operand], right: list[_Operand]) -> _Operand:
    """The value most likely wrong: the total (or the value compared) when the left side is one
    value; in a balance of several values (R1), the carry-forward row, which clerks fill last by
    subtracting and so is the one left stale."""
    candidates = [o for o in (left if len(left) == 1 else right[::-1] + left) if not o.term.last_year]
    # A computed total only follows its parts; the clerk can fix only what was typed.
    return next((o for o in candidates if o.typed), candidates[0])


_NUMBERED_ROW = re.compile(r"^([一二三四五六七八九十]+)、[^（]*(.*)$")
_EXPLANATION = re.compile(r"（[^）]*，[^）]*）")


def _short_row(label: str) -> str:
    """'三、本年度办理结果（七）总计' -> '三（七）总计'; the explanation in brackets is dropped."""
    label = _EXPLANATION.sub("", label)
    m = _NUMBERED_ROW.match(label)
    return m.group(1) + m.group(2) if m else label


def _labels(operands: list[_Operand]) -> list[str]:
    """Name each value of a rule by what tells it apart from the others: its column or its row."""
    same_row = len({(o.field.table, o.field.row) for o in operands}) == 1
    same_column = len({(o.field.table, o.field.column) for o in operands}) == 1
    labels = []
    for o in operands:
        if same_row:
            name = o.field.column_label
        elif same_column:
            name = _short_row(o.field.row_label)
        else:
            name = f"{_short_row(o.field.row_label)}{o.field.column_label}"
        labels.append(f"上年报告的{name}" if o.term.last_year else name)
    return labels


def _side_text(operands: list[_Operand], involved: list[Involved], labels: list[str], total: Number,
               sheet: str) -> str:
    """'一（D6，5）+二（D7，1）=6'; a long sum lists only its non-zero values. A value read from a
    workbook names its cell (the sheet too when it is another one); other sources name none."""
    shown = [(o, i, label) for o, i, label in zip(operands, involved, labels, strict=True)]
    if len(shown) > _MAX_LISTED_TERMS:
        shown = [item for item in shown if item[0].amount != 0]
    parts = []
    for o, inv, label in shown:
        place = ""
        if inv.location is not None and inv.location.cell:
            same = inv.location.sheet == sheet and not o.term.last_year
            place = f"{inv.location.cell if same else inv.location}，"
        coef = f"{abs(o.term.coef)}×" if abs(o.term.coef) != 1 else ""
        text = f"{coef}{label}（{place}{format_number(o.amount)}）"
        if o.term.coef < 0:
            parts.append(f"−{text}")
        else:
            parts.append(f"+{text}" if parts else text)
    if len(operands) == 1:
        return parts[0]
    if not parts:
        return f"各项（共{len(operands)}格）均为0"
    rest = "（其余各项为0）" if len(shown) < len(operands) else ""
    return f"{''.join(parts)}{rest}={format_number(total)}"

