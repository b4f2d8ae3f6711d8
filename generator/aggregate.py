"""汇总: a disclosure office sums the reports of its bureaus and townships into one summary report.

Every unit is read and checked on its own first; units with errors are left out unless asked
for. What is summed derives from the format: every statistical field that is not a total. Totals
stay formulas in the summary, so its arithmetic holds by construction.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from .errors import InternalError, UserError
from .files import check_output_path, collect_files, safe_filename, write_atomically
from .formats import Format, Kind, get_format
from .report import Number, Report, Value, organ_key
from .workers import pool

# What the office sees of each unit at a glance (unit list sheet and terminal); both formats have these.
KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("新收申请", ("applications.new.total",)),
    ("办理结果总计", ("applications.results_total.total",)),
    ("结转下年度", ("applications.carry_forward.total",)),
    ("行政复议", ("review_litigation.review.total",)),
    ("行政诉讼", ("review_litigation.direct_suit.total", "review_litigation.suit_after_review.total")),
)
# How many units of 元 one unit of each money unit is; a summary mixing units is kept in the smallest.
MONEY_UNITS = {"元": 1, "万元": 10000}
# Below this many units a process pool costs more than it saves.
PARALLEL_FROM = 8


class AggregateError(UserError):
    """Units that cannot be summed together, or nothing to sum."""


class Status(StrEnum):
    INCLUDED = "已汇总"
    INCLUDED_TEXT_ERRORS = "已汇总（文字有错误）"
    INCLUDED_WITH_ERRORS = "有错误，仍已汇总"
    LEFT_OUT = "有错误，未汇总"
    UNREADABLE = "无法读取，未汇总"


@dataclass
class Unit:
    """One unit's workbook as read and checked: small, so that 5,000 of them travel between processes cheaply."""

    path: Path
    organ: str = ""
    year: int | None = None
    format_id: str = ""
    amounts: tuple[Number, ...] = ()  # every field's amount, in the order of `Format.fields`
    choices: dict[str, str | Number] = field(default_factory=dict)
    errors: tuple[str, ...] = ()  # "sheet!cell：message" of every error the checker found
    number_errors: int = 0  # those of them in the statistics and the facts summed: they keep a unit out
    warnings: int = 0
    unreadable: str = ""  # why the file could not be read at all
    status: Status = Status.LEFT_OUT

    @property
    def readable(self) -> bool:
        return not self.unreadable

    @property
    def included(self) -> bool:
        return self.status in (Status.INCLUDED, Status.INCLUDED_TEXT_ERRORS, Status.INCLUDED_WITH_ERRORS)

    def amount(self, key: str) -> Number:
        return self.amounts[field_index(self.format_id)[key]]

    def key_figures(self) -> list[Number]:
        return [sum(self.amount(k) for k in keys) for _, keys in KEY_FIGURES] if self.readable else []


@dataclass
class Aggregation:
    report: Report  # the summary, without narrative
    units: list[Unit]  # every unit given, in the order given
    notes: list[str]  # what the office should know about how the sums were made
    output: Path | None = None

    @property
    def included(self) -> list[Unit]:
        return [u for u in self.units if u.included]

    @property
    def left_out(self) -> list[Unit]:
        return [u for u in self.units if not u.included]


@cache
def field_index(format_id: str) -> dict[str, int]:
    """Where each field's amount sits in `Unit.amounts`."""
    return {key: i for i, key in enumerate(get_format(format_id).fields)}


# --- finding and reading the units ----------------------------------------------------------


def collect_workbooks(inputs: Iterable[Path]) -> list[Path]:
    """The workbooks and published reports named, and those directly inside the folders named."""
    from .importers import SUFFIXES

    return collect_files(inputs, (".xlsx", *SUFFIXES),
                         "没有找到要汇总的工作簿（.xlsx）或已发布的报告（.docx、.html、.pdf 等）。"
                         "请给出各单位的工作簿或报告，或存放它们的文件夹")


def is_summary(path: Path) -> bool:
    """A summary workbook nianbao wrote (it has the 汇总单位 sheet): summing it with the units it
    came from would count every figure twice."""
    from .workbook.unitsheet import UNIT_SHEET

    try:
        with zipfile.ZipFile(path) as z:
            return UNIT_SHEET in z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, RuntimeError, zipfile.BadZipFile):
        return False


def read_unit(path: Path) -> Unit:
    """Read and check one unit's workbook (or published report); a file that cannot be read becomes
    an unreadable unit."""
    from .checks import check
    from .service import load_report

    if is_summary(path):
        return Unit(path, unreadable="这是汇总工作簿（有“汇总单位”工作表），不是单位的工作簿；为免重复计算，没有计入",
                    status=Status.UNREADABLE)
    try:
        report = load_report(path)
    except UserError as e:
        return Unit(path, unreadable=str(e), status=Status.UNREADABLE)
    result = check(report)
    fmt = report.format
    summed_choices = {c.key for c in fmt.choices}
    amounts = report.amounts()
    return Unit(
        path=path,
        organ=report.organ,
        year=report.year,
        format_id=fmt.id,
        amounts=tuple(amounts[key] for key in fmt.fields),
        choices={c.key: report.choices[c.key].number if c.kind != "choice" and c.key in report.choices
                 else report.choice_text(c.key) for c in fmt.choices},
        errors=tuple(f"{f.where}：{f.message}" for f in result.errors),
        number_errors=sum(1 for f in result.blocking if f.key in fmt.fields or f.key in summed_choices),
        warnings=len(result.warnings),
    )


def _read_unit_safely(path: Path) -> Unit:
    """One unit, whatever is wrong with it: a bug of ours on one file is said for that file, and
    the other units are still summed."""
    try:
        return read_unit(path)
    except Exception as e:
        return Unit(path, unreadable=str(InternalError(e)), status=Status.UNREADABLE)


def read_units(paths: Sequence[Path], progress: Callable[[int], None] | None = None) -> list[Unit]:
    """Every unit, in the order given, read on every core; `progress(n)` after each n units."""
    workers = min(os.cpu_count() or 1, len(paths))
    if workers < 2 or len(paths) < PARALLEL_FROM:
        results: Iterable[Unit] = map(_read_unit_safely, paths)
        units = _tick(results, progress)
    else:
        # Chunks amortise the trip between processes yet stay small enough for a smooth progress bar.
        chunksize = max(1, min(64, len(paths) // (workers * 16)))
        with pool(workers) as executor:
            units = _tick(executor.map(_read_unit_safely, paths, chunksize=chunksize), progress)
    return units


def _tick(units: Iterable[Unit], progress: Callable[[int], None] | None) -> list[Unit]:
    out = []
    for unit in units:
        out.append(unit)
        if progress is not None:
            progress(1)
    return out


# --- refusing what cannot be summed ---------------------------------------------------------


def refuse_mixed_units(units: list[Unit]) -> None:
    """One year, one format, each organ once: anything else is not one government's summary."""
    readable = [u for u in units if u.readable]
    for what, value_of in (("年度", lambda u: u.year), ("报告格式", lambda u: u.format_id)):
        groups = _group(readable, value_of)
        if len(groups) > 1:
            listing = "；".join(f"{_shown(what, v)}：{_files(us)}" for v, us in groups.items())
            raise AggregateError(f"要汇总的工作簿{what}不一致（{listing}）。只能汇总同一年度、同一格式的工作簿")
    for us in _group(readable, lambda u: organ_key(u.organ)).values():
        if len(us) > 1:
            raise AggregateError(
                f"同一单位“{us[0].organ}”出现了{len(us)}次：{_files(us)}。每个单位只能汇总一次，请去掉重复的工作簿"
            )


def _group(units: list[Unit], value_of: Callable[[Unit], object]) -> dict[object, list[Unit]]:
    """Units by a value they state; units that leave it blank are the checker's concern, not grouped."""
    groups: dict[object, list[Unit]] = {}
    for u in units:
        value = value_of(u)
        if value not in (None, ""):
            groups.setdefault(value, []).append(u)
    return groups


def _shown(what: str, value: object) -> str:
    return f"{value}年" if what == "年度" else f"{value}年格式"


def _files(units: list[Unit], most: int = 5) -> str:
    names = "、".join(str(u.path) for u in units[:most])
    return names + (f"等{len(units)}个" if len(units) > most else "")


def choose_units(units: list[Unit], include_invalid: bool) -> None:
    """Set each unit's status: readable units whose figures hold are summed (an error in their text,
    a placeholder say, is listed but changes no sum); the others only if asked."""
    for u in units:
        if not u.readable:
            u.status = Status.UNREADABLE
        elif not u.errors:
            u.status = Status.INCLUDED
        elif not u.number_errors:
            u.status = Status.INCLUDED_TEXT_ERRORS
        else:
            u.status = Status.INCLUDED_WITH_ERRORS if include_invalid else Status.LEFT_OUT
    if not any(u.included for u in units):
        raise AggregateError(
            f"{len(units)}个工作簿都有错误或无法读取，没有可以汇总的数据。"
            "请先让各单位改正错误（nianbao check），或加 --include-invalid 把有错误的工作簿也计入汇总"
        )


# --- summing --------------------------------------------------------------------------------


def sum_units(units: list[Unit], organ: str) -> tuple[Report, list[str]]:
    """The summary report of `units` (all of one year and format) under the office's `organ`."""
    fmt = get_format(units[0].format_id)
    year = next((u.year for u in units if u.year is not None), None)
    report = Report(format_id=fmt.id, organ=organ, year=year)
    notes: list[str] = []
    factors = _money_factors(fmt, units, report, notes)
    for i, (key, f) in enumerate(fmt.fields.items()):
        if f.is_total:
            continue  # written as its formula: the summary's totals are the sums of its parts
        scale = factors.get(key, [1] * len(units))
        total = sum((u.amounts[i] * k for u, k in zip(units, scale, strict=True)), 0)
        report.values[key] = Value(Decimal(total) if f.kind is Kind.MONEY else total)
    for c in fmt.choices:
        if c.unit_of:
            continue
        given = [u.choices.get(c.key) for u in units]
        if c.kind == "choice":
            report.choices[c.key] = Value(raw=_common_choice([g for g in given if g], c.options))
        else:
            report.choices[c.key] = Value(sum((g for g in given if isinstance(g, int | Decimal)), 0))
    return report, notes


def _money_factors(fmt: Format, units: list[Unit], report: Report, notes: list[str]) -> dict[str, list[int]]:
    """Amounts whose unit each unit chose (2019 采购总金额) are brought to one unit before adding:
    field key -> the factor of each unit.

    The summary keeps the unit all units chose; when they differ it uses 元, the smaller one, so
    that converting never needs more than the two decimals an amount may have."""
    factors: dict[str, list[int]] = {}
    for c in fmt.choices:
        if not c.unit_of:
            continue
        label = fmt.fields[c.unit_of].column_label
        with_amount = [u for u in units if u.amount(c.unit_of)]
        chosen = {u.choices.get(c.key) for u in with_amount or units} & set(MONEY_UNITS)
        unit = chosen.pop() if len(chosen) == 1 else min(MONEY_UNITS, key=MONEY_UNITS.__getitem__)
        if len(chosen) > 0:
            notes.append(f"各单位的{label}单位不同，汇总时统一换算为{unit}。")
        report.choices[c.key] = Value(raw=unit)
        for u in with_amount:
            if u.choices.get(c.key) not in MONEY_UNITS:
                notes.append(f"{u.path.name}（{u.organ}）的{label}没有选择单位，按{unit}计入。")
        factors[c.unit_of] = [MONEY_UNITS.get(str(u.choices.get(c.key)), MONEY_UNITS[unit]) // MONEY_UNITS[unit]
                              for u in units]
    return factors


def _common_choice(given: list, options: tuple[str, ...]) -> str | None:
    """A choice all units made alike is the summary's; for a yes/no fact, one unit's 是 makes it 是."""
    if len(set(given)) == 1:
        return given[0]
    if "是" in options and "是" in given:
        return "是"
    return None


# --- the whole command ----------------------------------------------------------------------


def default_output(year: int | None, organ: str) -> Path:
    return Path(safe_filename(f"{year}年{organ}政府信息公开工作年度报告（汇总）.xlsx"))


def aggregate(paths: Sequence[Path], organ: str, output: Path | None = None, include_invalid: bool = False,
              force: bool = False, progress: Callable[[int], None] | None = None) -> Aggregation:
    """Read, check and sum the units' workbooks; write the summary workbook with its unit list."""
    from .workbook import workbook_for
    from .workbook.unitsheet import add_unit_sheet
    from .workbook.write import workbook_bytes

    organ = organ.strip()
    if not organ:
        raise AggregateError("请用 --organ 给出汇总报告的机关名称，如：--organ 某某县人民政府")
    if output is not None and output.suffix.lower() != ".xlsx":
        raise AggregateError(f"汇总工作簿应保存为 .xlsx 文件：{output}")
    if output is not None:
        check_output_path(output, (), force)  # before reading thousands of units
    units = read_units(paths, progress)
    out = output or default_output(next((u.year for u in units if u.year), None), organ)
    # The summary this run replaces, found in the units' folder, is no unit; any other summary
    # among them is listed as left out, and a unit that is the output stays, so that writing
    # over it is refused.
    units = [u for u in units if not (is_summary(u.path) and out.exists() and os.path.samefile(u.path, out))]
    refuse_mixed_units(units)
    choose_units(units, include_invalid)
    report, notes = sum_units([u for u in units if u.included], organ)
    wb = workbook_for(report)
    add_unit_sheet(wb, [label for label, _ in KEY_FIGURES], [unit_row(u) for u in units])
    data = workbook_bytes(wb)
    write_atomically(out, lambda tmp: tmp.write_bytes(data), tuple(u.path for u in units), force)
    return Aggregation(report, units, notes, out)


def unit_row(u: Unit):
    """The unit as a line of the 汇总单位 sheet."""
    from .workbook.unitsheet import UnitRow

    return UnitRow(
        file=u.path.name, organ=u.organ, status=str(u.status), included=u.included,
        figures=tuple(u.key_figures()), errors=len(u.errors) if u.readable else None,
        warnings=u.warnings if u.readable else None,
        problem=u.unreadable or (u.errors[0] if u.errors else ""),
    )


def describe(result: Aggregation, most_errors: int = 3, most_units: int = 20) -> list[str]:
    """What the office reads in the terminal: units left out and why, then what was written."""
    lines = []
    troubled = [u for u in result.units if u.errors or u.unreadable]
    if troubled:
        lines.append(f"{len(troubled)}个单位的工作簿有错误或无法读取：")
    for u in troubled[:most_units]:
        lines.append(f"  {u.path.name}（{u.organ or '未填机关名称'}）：{u.status}")
        for problem in (u.unreadable,) if u.unreadable else u.errors[:most_errors]:
            lines.append(f"    {problem}")
        if len(u.errors) > most_errors:
            lines.append(f"    ……共{len(u.errors)}处错误，用 nianbao check {u.path.name} 查看全部")
    if len(troubled) > most_units:
        lines.append(f"  ……其余{len(troubled) - most_units}个单位见汇总工作簿的“汇总单位”工作表")
    lines += result.notes
    lines.append(f"已汇总{len(result.included)}个单位（共{len(result.units)}个工作簿），汇总工作簿：{result.output}")
    lines.append("各单位名单见“汇总单位”工作表；正文和基本信息请汇总机关填写后再检查、生成报告。")
    return lines
