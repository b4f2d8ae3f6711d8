"""Numbers as people type them into a cell, a JSON file or a published table -> Values.

Workbook, JSON and importers all read numbers here, so "380元" means the same wherever it is typed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from ..formats import Kind
from .model import Location, Value, format_number

EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# Digits grouped by thousands: 1,234 or 1 234 567 (a comma or a space between groups of three).
_GROUPED = re.compile(r"[+-]?\d{1,3}([, ]\d{3})+(\.\d*)?")
_SEPARATED = re.compile(r"\d[, ]\d")  # a separator between digits: grouping, or a decimal comma
# No organ counts anywhere near a trillion of anything; past 15 digits Excel itself loses digits.
IMPLAUSIBLE = Decimal(10) ** 12
_SHOWN_CHARS = 30  # what a message quotes of a value too long to quote
# How many 元 one unit is; a money cell's unit is one of these.
MONEY_UNITS = {"元": 1, "万元": 10000}
_TYPED_UNIT = re.compile(r"(万元|元)$")


def parse_number(raw: Any, kind: Kind, location: Location | None = None, unit: str = "") -> Value:
    """A statistical value as typed -> Value. Text that reads as a number is accepted.

    `unit` is the money unit of the cell (万元, 元), empty when the format leaves it open and none
    was chosen. A unit typed after an amount must be the cell's: "380元" in a 万元 cell is not
    380 万元, and is refused with what it would be in the cell's unit.
    """
    if raw is None or (isinstance(raw, str) and not SPACES.sub("", raw)):
        return Value(location=location)
    if isinstance(raw, bool):
        return Value(location=location, raw=raw, problem="是逻辑值（TRUE/FALSE），不是数字")
    if isinstance(raw, dt.datetime | dt.date | dt.time | dt.timedelta):
        return Value(location=location, raw=str(raw),
                     problem="是日期或时间，不是数字（请把单元格格式改为“常规”后重新输入）")
    if isinstance(raw, int):
        return _checked(Decimal(raw), kind, location, raw)
    if isinstance(raw, float | Decimal):
        return _checked(Decimal(str(raw)) if isinstance(raw, float) else raw, kind, location, None)
    text = str(raw)
    if text.strip() in EXCEL_ERRORS:
        return Value(location=location, raw=text.strip(), problem=f"是公式错误值 {text.strip()}")
    folded = unicodedata.normalize("NFKC", text).strip(" \t\r\n\u3000\u00a0\u200b\ufeff")
    typed_unit = ""
    if kind is Kind.MONEY:
        m = _TYPED_UNIT.search(folded)
        if m:
            typed_unit, folded = m.group(1), folded[:m.start()].rstrip()
    if _SEPARATED.search(folded):
        if not _GROUPED.fullmatch(folded):
            # "1,5" or "12 345,67": a decimal comma, or digits grouped wrong; never guess which.
            return Value(location=location, raw=text,
                         problem="数字中的逗号或空格位置不对（千位分隔符应每三位一个；小数点请用“.”）")
        folded = folded.replace(",", "").replace(" ", "")
    if not _NUMBER.fullmatch(folded):
        return Value(location=location, raw=_shown(text), problem="不是数字")
    number_value = _checked(Decimal(folded), kind, location, text)
    if number_value.number is None:
        return number_value
    number = number_value.number
    if typed_unit and unit and typed_unit != unit:
        converted = Decimal(number) * MONEY_UNITS[typed_unit] / MONEY_UNITS[unit]
        return Value(location=location, raw=text, unit_typed=typed_unit,
                     problem=f"带的单位是{typed_unit}，而这一格的单位是{unit}："
                             f"{format_number(number)}{typed_unit}即{format_number(converted.normalize())}{unit}")
    return Value(number, location=location, raw=text)


def _checked(d: Decimal, kind: Kind, location: Location | None, raw) -> Value:
    """A number read exactly (never through a float) and within reason: NaN, infinities and
    figures past a trillion are refused here, at the value, before any sum sees them."""
    if not d.is_finite():
        return Value(location=location, raw=str(raw if raw is not None else d), problem="不是有效的数字")
    if abs(d) >= IMPLAUSIBLE:
        return Value(location=location, raw=_shown(str(raw if raw is not None else d)),
                     problem="数字大得不合常理（Excel 也只能准确保存15位数字），请核对是否多打了数字")
    return Value(_number(d, kind), location=location, raw=raw if isinstance(raw, str) else None)


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else f"{text[:_SHOWN_CHARS]}…（共{len(text)}字）"


def parse_year(raw: Any) -> int | None:
    """A report year as people type it: 2025, "2025", "２０２５年", "2025年度"."""
    if isinstance(raw, float | Decimal) and raw == int(raw):
        raw = int(raw)
    text = SPACES.sub("", unicodedata.normalize("NFKC", str(raw if raw is not None else "")))
    text = text.removesuffix("度").removesuffix("年")
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _number(d: Decimal, kind: Kind) -> int | Decimal:
    if kind is not Kind.MONEY and d == d.to_integral_value():
        return int(d)
    return d
