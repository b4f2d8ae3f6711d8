"""`check`: a report (and optionally last year's) -> findings. Pure: no files, no printing here
beyond turning findings into text or JSON.

The arithmetic is not written here: it is the format's own rules (`Format.rules`) and value
kinds (`Field.kind`), evaluated generically. What this module adds are the checks a sum cannot
express: required parts, choices, year and format, blanks, and narrative against tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, partial
from typing import Any

import typer

from .formats import FORMATS, Field, Format, Kind, Level, Rule, Term, UnknownFormat, format_for_year
from .layout import INFO_SHEET, TEXT_SHEET, cell_name, cell_of, info_cells, table_sheet
from .report import INFO_FIELDS, PREAMBLE, Number, Report, Value, format_number

LEVEL_LABELS = {Level.ERROR: "错误", Level.WARNING: "警告"}

# Codes of the findings that are not one of the format's numbered rules (R1–R8).
REQUIRED = "REQUIRED"  # a required field, choice or narrative part is empty
CHOICE = "CHOICE"  # a choice holds something that is not one of its options
DOMAIN = "R5"  # a number cell holds text, a fraction, a negative or too many decimals
BLANK = "BLANK"  # blank cells in a table, counted as 0
FORMAT_YEAR = "FORMAT_YEAR"  # the report year is not one the workbook's format covers
PREVIOUS = "PREVIOUS"  # last year's report is not the year before, or of another organ
FEE = "FEE"  # the fee facts contradict each other
UNIT = "UNIT"  # an amount whose unit the format leaves open has no unit chosen
NARRATIVE = "NARRATIVE"  # the narrative says something the tables contradict


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, which rule, where a clerk fixes it, what is wrong, the numbers."""

    level: Level
    rule: str
    sheet: str
    cell: str  # "D28"; empty when the problem is a missing part with no cell of its own
    message: str  # Chinese, complete: names the other cells and every number involved
    values: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


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
    def ok(self) -> bool:
        """No error: the report may be generated (warnings are the clerk's to judge)."""
        return not self.errors


def check(report: Report, previous: Report | None = None) -> CheckResult:
    """`check_report` with the counts the command needs (errors, warnings, ok)."""
    return CheckResult(tuple(check_report(report, previous)))


def check_report(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding on `report`, in workbook order; `previous` enables the cross-year rules."""
    comparable = previous is not None and not _years_apart(report, previous)
    findings = [
        *_info_findings(report),
        *_format_year_findings(report),
        *_previous_findings(report, previous),
        *_section_findings(report),
        *_choice_findings(report),
        *_fee_findings(report),
        *_unit_findings(report),
        *_domain_findings(report),
        *_blank_findings(report),
        *_rule_findings(report, previous if comparable else None),
        *_narrative_findings(report),
    ]
    rank = {sheet: i for i, sheet in enumerate(_sheet_order(report.format))}
    return sorted(findings, key=lambda f: (rank.get(f.sheet, len(rank)), _cell_order(f.cell),
                                           f.level is not Level.ERROR))


# --- places ---------------------------------------------------------------------------------


def _split(where: str) -> tuple[str, str]:
    sheet, _, cell = where.rpartition("!")
    return (sheet, cell) if sheet else (where, "")


def _value_place(report: Report, key: str) -> tuple[str, str]:
    """Where the clerk typed a table value: as read, or from the workbook layout."""
    v = report.values.get(key)
    return _split(v.where if v is not None and v.where else cell_of(report.format, key))


def _info_place(report: Report, key: str) -> tuple[str, str]:
    """Where an info field or a choice sits: as read, or from the workbook layout (column B)."""
    v = report.choices.get(key)
    where = report.where.get(key) or (v.where if v is not None else "")
    if where:
        return _split(where)
    sheet, row = info_cells(report.format)[key]
    return sheet, cell_name(row, 2)


def _sheet_order(fmt: Format) -> list[str]:
    return [INFO_SHEET, TEXT_SHEET, *(table_sheet(t) for t in fmt.tables)]


def _cell_order(cell: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


def _finding(level: Level, rule: str, place: tuple[str, str], message: str, **values: Any) -> Finding:
    return Finding(level, rule, place[0], place[1], message, values)


def _field_name(f: Field) -> str:
    return f"“{f.row_label}”的“{f.column_label}”"


# --- 基本信息, 正文, choices ----------------------------------------------------------------


def _info_findings(report: Report) -> Iterator[Finding]:
    for info in INFO_FIELDS:
        if not info.required:
            continue
        if info.key == "year":
            empty = report.year is None
        elif info.key == "organ":
            empty = not report.organ.strip()
        else:
            empty = not report.contacts.get(info.key, "").strip()
        if empty:
            hint = f"（{info.hint}）" if info.hint else ""
            yield _finding(Level.ERROR, REQUIRED, _info_place(report, info.key),
                           f"“{info.label}”是必填项，没有填写{hint}。", field=info.key)


def _format_year_findings(report: Report) -> Iterator[Finding]:
    fmt, year = report.format, report.year
    if year is None or fmt.covers(year):
        return
    try:
        right = format_for_year(year)
        advice = (f"{year}年的报告应使用{right.id}年格式（{right.issued_by}），"
                  f"请重新生成{right.id}年格式的填报工作簿，把数据抄过去")
    except UnknownFormat as e:
        advice = str(e)
    yield _finding(Level.ERROR, FORMAT_YEAR, _info_place(report, "year"),
                   f"报告年度为{year}年，但本工作簿是{fmt.id}年格式（{fmt.issued_by}）。{advice}。",
                   year=year, format=fmt.id)


def _years_apart(report: Report, previous: Report) -> bool:
    """Last year's report is of some other year than the one before: comparing would mislead."""
    return report.year is not None and previous.year is not None and previous.year != report.year - 1


def _previous_findings(report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    if _years_apart(report, previous):
        yield _finding(Level.WARNING, PREVIOUS, _info_place(report, "year"),
                       f"用来对比的上年报告是{previous.year}年的，本报告是{report.year}年的，"
                       f"应使用{report.year - 1}年的报告；跨年度核对（上年结转、现行有效件数等）没有进行。",
                       year=report.year, previous_year=previous.year)
    this, last = "".join(report.organ.split()), "".join(previous.organ.split())
    if this and last and this != last:
        yield _finding(Level.WARNING, PREVIOUS, _info_place(report, "organ"),
                       f"本报告的机关名称是“{report.organ}”，用来对比的上年报告是“{previous.organ}”的；"
                       "请确认上年报告选对了。", organ=report.organ, previous_organ=previous.organ)


def _section_findings(report: Report) -> Iterator[Finding]:
    for s in report.format.sections:
        if not s.required or any(p.text.strip() for p in report.narrative(s.number)):
            continue
        hint = "；没有需要报告的事项时可写“无”" if s.number == "六" else ""
        first_row = report.where.get(f"section.{s.number}")
        yield _finding(Level.ERROR, REQUIRED, _split(first_row) if first_row else (TEXT_SHEET, ""),
                       f"正文第{s.number}部分“{s.heading}”没有填写内容，这一部分必须填写{hint}；"
                       "请在“正文”工作表中这一部分的标题行下面填写。",
                       section=s.number)


def _choice_findings(report: Report) -> Iterator[Finding]:
    for c in report.format.choices:
        locate = partial(_info_place, report, c.key)
        if c.kind == "choice":
            text = report.choice_text(c.key)
            options = "或".join(f"“{o}”" for o in c.options)
            if text and text not in c.options:
                yield _finding(Level.ERROR, CHOICE, locate(),
                               f"“{c.label}”只能选{options}，但填的是“{text}”。", choice=c.key, text=text)
            # A unit the format leaves open is needed only once there is an amount (see _unit_findings).
            elif not text and c.required and not c.unit_of:
                yield _finding(Level.ERROR, REQUIRED, locate(), f"“{c.label}”没有选择，请选{options}。",
                               choice=c.key)
            continue
        v = report.choices.get(c.key)
        if v is not None and not v.blank:
            yield from _domain(c.number_kind, v, locate, f"“{c.label}”", c.unit)


def _choice_number(report: Report, key: str) -> Number:
    v = report.choices.get(key)
    return v.number if v is not None and v.number is not None else 0


def _fee_findings(report: Report) -> Iterator[Finding]:
    """2021 format: whether fees were charged, how many applications, how much (元)."""
    keys = {c.key for c in report.format.choices}
    if not {"fee_charged", "fee_applications", "fee_amount"} <= keys:
        return
    charged = report.choice_text("fee_charged")
    count, amount = _choice_number(report, "fee_applications"), _choice_number(report, "fee_amount")
    facts = f"收费件数为{format_number(count)}件，收费金额为{format_number(amount)}元"
    if charged == "否":
        for key, n in (("fee_applications", count), ("fee_amount", amount)):
            if n > 0:
                yield _finding(Level.WARNING, FEE, _info_place(report, key),
                               f"“本年是否收取信息处理费”选的是“否”，但{facts}；请改选“是”，或把件数和金额改为0。",
                               charged=charged, applications=count, amount=amount)
    elif charged == "是":
        for key, n, what in (("fee_applications", count, "件数"), ("fee_amount", amount, "金额")):
            if n == 0:
                yield _finding(Level.WARNING, FEE, _info_place(report, key),
                               f"“本年是否收取信息处理费”选的是“是”，但收费{what}为0或没有填写（{facts}）；"
                               f"请填写收费{what}，或改选“否”。",
                               charged=charged, applications=count, amount=amount)


def _unit_findings(report: Report) -> Iterator[Finding]:
    for c in report.format.choices:
        if not c.unit_of or report.choice_text(c.key):
            continue
        amount = report.values.get(c.unit_of)
        if amount is None or amount.number is None or amount.number <= 0:
            continue
        f = report.format.fields[c.unit_of]
        sheet, cell = _value_place(report, c.unit_of)
        options = "或".join(f"“{o}”" for o in c.options)
        yield _finding(Level.ERROR, UNIT, _info_place(report, c.key),
                       f"{_field_name(f)}（{cell}）填了{format_number(amount.number)}，但没有选择“{c.label}”；"
                       f"格式没有规定单位，请选{options}，报告中金额后面会印上所选单位。",
                       amount=amount.number, amount_cell=f"{sheet}!{cell}")


# --- values: kinds and blanks ---------------------------------------------------------------


# No organ counts anywhere near a trillion of anything; past 15 digits Excel itself loses digits.
IMPLAUSIBLE = Decimal(10) ** 12


def _domain_findings(report: Report) -> Iterator[Finding]:
    for key, f in report.format.fields.items():
        v = report.values.get(key)
        if v is not None and not v.formula and not v.blank:
            yield from _domain(f.kind, v, partial(_value_place, report, key), _field_name(f), f.unit)


def _domain(kind: Kind, v: Value, locate: Callable[[], tuple[str, str]], name: str, unit: str = "",
            ) -> Iterator[Finding]:
    """R5: counts are whole numbers >= 0, 本年增/减 a whole number, amounts >= 0 with two decimals.

    `locate` is called only for a finding: looking up a cell in the layout is not free."""
    if v.number is None:
        why = f"（{v.problem}）" if v.problem and v.problem != "不是数字" else ""
        yield _finding(Level.ERROR, DOMAIN, locate(),
                       f"{name}应填写数字，但填的是“{v.raw}”{why}；请只填阿拉伯数字（如 5），不要带单位或文字。"
                       "这一格在勾稽核对中没有计入。", raw=str(v.raw))
        return
    n = Decimal(str(v.number))
    shown = format(n.normalize(), "f")
    if abs(n) >= IMPLAUSIBLE:
        yield _finding(Level.ERROR, DOMAIN, locate(),
                       f"{name}填的是{shown}，数字大得不合常理（Excel 也只能准确保存15位数字），请核对是否多打了数字。",
                       value=v.number)
        return
    if kind is not Kind.SIGNED and n < 0:
        yield _finding(Level.ERROR, DOMAIN, locate(), f"{name}不能是负数，但填的是{shown}。", value=v.number)
    if kind is not Kind.MONEY and n != n.to_integral_value():
        yield _finding(Level.ERROR, DOMAIN, locate(),
                       f"{name}应为整数（件数、项数不能有小数），但填的是{shown}。", value=v.number)
    if kind is Kind.MONEY and n.normalize().as_tuple().exponent < -2:
        unit_text = unit or ""
        yield _finding(Level.WARNING, DOMAIN, locate(),
                       f"{name}填的是{shown}{unit_text}，金额最多保留两位小数；报告中将印为{format_number(n)}{unit_text}。",
                       value=v.number)


def _is_blank(report: Report, f: Field) -> bool:
    v = report.values.get(f.key)
    if v is None:
        return not f.is_total  # a missing total is computed from its parts, never blank
    return v.blank


_MAX_LISTED_CELLS = 10


def _blank_findings(report: Report) -> Iterator[Finding]:
    for table in report.format.tables:
        blanks = [f.key for f in table.fields if _is_blank(report, f)]
        if not blanks:
            continue
        places = [_value_place(report, key) for key in blanks]
        cells = "、".join(cell for _, cell in places[:_MAX_LISTED_CELLS])
        more = f"等{len(blanks)}格" if len(blanks) > _MAX_LISTED_CELLS else ""
        yield _finding(Level.WARNING, BLANK, places[0],
                       f"本表有{len(blanks)}个空白单元格（{cells}{more}），检查和生成报告时空白按0计算；"
                       "确实为0的，建议填写0。",
                       count=len(blanks), cells=[f"{s}!{c}" for s, c in places])


# --- the format's rules (R1–R8) --------------------------------------------------------------


@dataclass
class _Operand:
    term: Term
    field: Field
    amount: Number
    readable: bool
    typed: bool  # what the clerk typed, not a total computed from its parts
    typed_over: bool  # a total read from a workbook where the clerk replaced its formula by a number
    source: Report

    @cached_property
    def place(self) -> tuple[str, str]:
        """Computed only when the rule fails: most rules hold, and the layout lookup is not free."""
        return _value_place(self.source, self.term.field)

    @property
    def sheet(self) -> str:
        return self.place[0]

    @property
    def cell(self) -> str:
        return self.place[1]


def _operand(term: Term, report: Report, previous: Report | None) -> _Operand | None:
    source = previous if term.last_year else report
    if source is None or term.field not in source.format.fields:
        return None  # last year's format has no such field (2020→2021): the rule does not apply
    f, v = source.format.fields[term.field], source.values.get(term.field)
    readable = v is None or v.formula or v.number is not None or v.blank
    typed = not (f.is_total and (v is None or v.formula))
    typed_over = f.is_total and typed and v is not None and bool(v.where)
    return _Operand(term, f, source.amount(term.field), readable, typed, typed_over, source)


def _rule_findings(report: Report, previous: Report | None) -> Iterator[Finding]:
    for rule in report.format.rules:
        if rule.across_years and previous is None:
            continue
        left = [_operand(t, report, previous) for t in rule.left]
        right = [_operand(t, report, previous) for t in rule.right]
        operands = left + right
        if any(o is None for o in operands):
            continue
        checked = [o for o in operands if o is not None]
        if not all(o.readable for o in checked):
            continue  # the unreadable cell has its own finding; a sum without it would mislead
        finding = _rule_finding(rule, checked[:len(left)], checked[len(left):])
        if finding is not None:
            yield finding


def _total(operands: list[_Operand]) -> Number:
    return sum((o.term.coef * o.amount for o in operands), 0)


def _rule_finding(rule: Rule, left: list[_Operand], right: list[_Operand]) -> Finding | None:
    lhs, rhs = _total(left), _total(right)
    if lhs == rhs or (rule.relation == ">=" and lhs > rhs):
        return None
    blamed = _blamed(left, right)
    labels = _labels(left + right)
    lhs_text = _side_text(left, labels[:len(left)], lhs, blamed.sheet)
    rhs_text = _side_text(right, labels[len(left):], rhs, blamed.sheet)
    diff = lhs - rhs
    if rule.relation == ">=":
        claim = f"{lhs_text}，小于{rhs_text}，少{format_number(-diff)}"
    else:
        claim = f"{lhs_text}，但{rhs_text}，相差{format_number(abs(diff))}"
    scope = f"{rule.scope}：" if rule.scope else ""
    # Tell the clerk the total was typed over the workbook's formula: that is how it can disagree.
    typed_over = f"{blamed.cell}本是自动合计，现在是手填的数字。" if blamed.typed_over else ""
    terms = [
        {"side": side, "sheet": o.sheet, "cell": o.cell, "label": label, "value": o.amount,
         "coef": o.term.coef, "last_year": o.term.last_year}
        for side, group, group_labels in (("left", left, labels[:len(left)]),
                                          ("right", right, labels[len(left):]))
        for o, label in zip(group, group_labels, strict=True)
    ]
    return _finding(rule.level, rule.id, (blamed.sheet, blamed.cell),
                    f"{scope}{claim}。{typed_over}规则：{rule.text}。",
                    scope=rule.scope, relation=rule.relation, left=lhs, right=rhs, difference=diff,
                    terms=terms)


def _blamed(left: list[_Operand], right: list[_Operand]) -> _Operand:
    """The cell most likely wrong: the total (or the value compared) when the left side is one
    cell; in a balance of several cells (R1), the carry-forward row, which clerks fill last by
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
    """Name each cell of a rule by what tells it apart from the others: its column or its row."""
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


_MAX_LISTED_TERMS = 4


def _side_text(operands: list[_Operand], labels: list[str], total: Number, sheet: str) -> str:
    """'一（D6，5）+二（D7，1）=6'; a long sum lists only its non-zero cells."""
    shown = list(zip(operands, labels, strict=True))
    if len(shown) > _MAX_LISTED_TERMS:
        shown = [(o, label) for o, label in shown if o.amount != 0]
    parts = []
    for o, label in shown:
        cell = o.cell if o.sheet == sheet and not o.term.last_year else f"{o.sheet}!{o.cell}"
        coef = f"{abs(o.term.coef)}×" if abs(o.term.coef) != 1 else ""
        text = f"{coef}{label}（{cell}，{format_number(o.amount)}）"
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


# --- narrative against tables ---------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    """A sentence that says something did not happen, and the numbers that say it did."""

    pattern: re.Pattern[str]
    subject: str
    keys: tuple[str, ...]  # table fields or choices whose amount must then be 0


_CLAIMS = (
    # Within one clause (no comma); not about a correction (补正) nor an application for review (复议).
    _Claim(re.compile(r"(?:未|没有)(?:收到|接收到|接到|接收)(?![^。；;，,]*(?:补正|复议|诉讼))[^。；;，,]{0,20}申请"),
           "本年新收政府信息公开申请", ("applications.new.total",)),
    _Claim(re.compile(r"(?:未|没有)(?:发生|出现|收到|被)[^。；;，,]{0,20}(?:行政复议|行政诉讼)"), "行政复议、行政诉讼",
           ("review_litigation.review.total", "review_litigation.direct_suit.total",
            "review_litigation.suit_after_review.total")),
    _Claim(re.compile(r"(?:未|没有)收取[^。；;，,]{0,6}信息处理费"), "收取信息处理费",
           ("fee_amount", "fee_applications")),
)

_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日[^。]{0,12}?(\d{4})\s*年\s*12\s*月\s*31\s*日")


def _narrative_findings(report: Report) -> Iterator[Finding]:
    fmt = report.format
    for p in report.paragraphs:
        text = p.text
        place = _split(p.where) if p.where else (TEXT_SHEET, "")
        part = "前言" if p.section == PREAMBLE else f"第{p.section}部分"
        for claim in _CLAIMS:
            m = claim.pattern.search(text)
            if not m:
                continue
            found = [(key, n) for key, n in _claim_amounts(report, fmt, claim.keys) if n > 0]
            if found:
                where = "，".join(f"{_amount_name(report, key)}为{format_number(n)}" for key, n in found)
                yield _finding(Level.WARNING, NARRATIVE, place,
                               f"正文{part}写的是“{m.group(0)}”，但{where}；请核对正文或表格。",
                               text=m.group(0), subject=claim.subject, amounts=dict(found))
        for other in FORMATS.values():
            if other.id != fmt.id and other.issued_by in text:
                yield _finding(Level.WARNING, NARRATIVE, place,
                               f"正文{part}提到“{other.issued_by}”，那是{other.id}年格式的文号；本报告使用{fmt.id}年格式"
                               f"（{fmt.issued_by}）。可能是沿用了往年的文字，请核对。",
                               text=other.issued_by, format=fmt.id)
        for m in _PERIOD.finditer(text):
            years = {int(m.group(1)), int(m.group(2))}
            if report.year is not None and years != {report.year}:
                yield _finding(Level.WARNING, NARRATIVE, place,
                               f"正文{part}写的统计期限是“{m.group(0)}”，但报告年度为{report.year}年；"
                               "可能是沿用了往年的文字，请改正。", text=m.group(0), year=report.year)


def _claim_amounts(report: Report, fmt: Format, keys: Iterable[str]) -> Iterator[tuple[str, Number]]:
    choice_keys = {c.key for c in fmt.choices}
    for key in keys:
        if key in fmt.fields:
            yield key, report.amount(key)
        elif key in choice_keys:
            yield key, _choice_number(report, key)


def _amount_name(report: Report, key: str) -> str:
    fmt = report.format
    if key in fmt.fields:
        sheet, cell = _value_place(report, key)
        return f"{_field_name(fmt.fields[key])}（{sheet}!{cell}）"
    sheet, cell = _info_place(report, key)
    return f"“{fmt.choice(key).label}”（{sheet}!{cell}）"


# --- views ---------------------------------------------------------------------------------


def format_findings_text(findings: Iterable[Finding], color: bool = False) -> str:
    """A table for the terminal: one block a sheet, sheets with errors first, errors first within."""
    findings = list(findings)
    if not findings:
        return "检查通过：没有发现错误或警告。"
    errors = sum(f.level is Level.ERROR for f in findings)
    warnings = len(findings) - errors
    if errors:
        summary = f"发现{errors}个错误、{warnings}个警告。错误必须改正后才能生成报告；警告请逐条核对。"
    else:
        summary = f"没有错误，可以生成报告；有{warnings}个警告，请逐条核对。"
    sheets: dict[str, list[Finding]] = {}
    for f in findings:
        sheets.setdefault(f.sheet, []).append(f)
    order = sorted(sheets, key=lambda s: not any(f.level is Level.ERROR for f in sheets[s]))
    width = max((len(f.cell) for f in findings), default=0)
    lines = [summary]
    for sheet in order:
        lines += ["", _style(f"【{sheet}】", color, bold=True)]
        for f in sorted(sheets[sheet], key=lambda f: (f.level is not Level.ERROR, _cell_order(f.cell))):
            label = _style(LEVEL_LABELS[f.level], color, fg="red" if f.level is Level.ERROR else "yellow",
                           bold=True)
            lines.append(f"  {label}  {f.cell.ljust(width)}  {f.message}")
    return "\n".join(lines)


def _style(text: str, color: bool, **style: Any) -> str:
    return typer.style(text, **style) if color else text


def findings_to_json(findings: Iterable[Finding]) -> dict[str, Any]:
    """The same findings as plain data: level, rule, sheet, cell, message, values."""
    items = [
        {"level": f.level.value, "level_label": LEVEL_LABELS[f.level], "rule": f.rule, "sheet": f.sheet,
         "cell": f.cell, "message": f.message, "values": _plain(f.values)}
        for f in findings
    ]
    errors = sum(i["level"] == Level.ERROR.value for i in items)
    return {"ok": errors == 0, "errors": errors, "warnings": len(items) - errors, "findings": items}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
