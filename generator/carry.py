"""Starting this year's workbook from last year's: organ, contacts and the figures that carry over.

What carries over is not listed here: it is every cross-year rule of this year's format that
fixes a field from last year's figures alone (R7 上年结转, R8 上一年项目数量). A cross-year rule
that also needs this year's figures (R6b 现行有效件数) cannot be carried; the clerk is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import UserError
from .formats import Format, Rule, select_format
from .report import Report, Value


class CarryError(UserError):
    """Last year's workbook does not fit the report asked for."""


@dataclass
class Carried:
    report: Report  # this year's report: organ, contacts and carried figures; no narrative
    notes: list[str] = field(default_factory=list)  # what was not carried, and why


def carries(rule: Rule) -> bool:
    """A rule that fixes one field of this year from last year's figures only."""
    return (rule.relation == "=" and len(rule.left) == 1 and not rule.left[0].last_year
            and all(t.last_year for t in rule.right))


def carry_from(previous: Report, organ: str = "", year: int = 0, format_id: str = "") -> Carried:
    """This year's report started from last year's (`previous`), in the format of its year."""
    year = year or (previous.year + 1 if previous.year else 0)
    if not year:
        raise CarryError("上年工作簿没有填写报告年度，请用 --year 给出本年报告年度，如：--year 2025")
    if previous.year is not None and previous.year != year - 1:
        raise CarryError(f"上年工作簿是{previous.year}年的，本年报告是{year}年，"
                         f"应使用{year - 1}年的工作簿（或用 --year 改正本年年度）")
    fmt = select_format(year, format_id)
    report = Report(format_id=fmt.id, organ=organ.strip() or previous.organ, year=year,
                    contacts=dict(previous.contacts))
    notes = _previous_errors(previous)
    last = previous.amounts()
    skipped: dict[str, list[str]] = {}  # why a column was not carried -> the rows it concerns
    for rule in fmt.rules:
        if not rule.across_years:
            continue
        target = fmt.fields[rule.left[0].field]
        missing = [t.field for t in rule.right if t.last_year and t.field not in previous.format.fields]
        if missing:
            why = (f"“{target.column_label}”（{{}}）没有结转：上年的{previous.format_id}年格式没有"
                   f"“{fmt.fields[missing[0]].column_label}”，请按实际填写。")
        elif not carries(rule):
            why = (f"“{target.column_label}”（{{}}）没有结转：{rule.text}，还取决于本年的数字；"
                   "请填好本年数字后据此填写，nianbao check --previous 会核对。")
        else:
            if not target.is_total:  # a total stays its formula over the carried parts
                report.values[target.key] = Value(sum((t.coef * last[t.field] for t in rule.right), 0))
            continue
        skipped.setdefault(why, []).append(rule.scope)
    notes += [why.format("、".join(rows)) for why, rows in skipped.items()]
    notes += _dropped(previous.format, fmt)
    return Carried(report, notes)


def _previous_errors(previous: Report) -> list[str]:
    """Errors in last year's tables, which the carried figures come from (its narrative is no matter here)."""
    from .checks import check

    tables = {t.name for t in previous.format.tables}
    errors = [f for f in check(previous).errors if f.part in tables]
    if not errors:
        return []
    return [f"上年工作簿的表格有{len(errors)}处错误（如 {errors[0].where}：{errors[0].message}），"
            "结转的数字按上年填写的数字计算，请核对。"]


def _dropped(old: Format, new: Format) -> list[str]:
    """Last year's cross-year columns that this year's format no longer has (2019 → 2021: 上一年项目数量)."""
    dropped = {old.fields[rule.left[0].field].column_label: None for rule in old.rules
               if rule.across_years and carries(rule) and rule.left[0].field not in new.fields}
    return [f"“{label}”是{old.id}年格式的栏目，{new.id}年格式没有，不再结转。" for label in dropped]
