"""Numbers as people type them into a cell, a JSON file or a published table -> Values.

Workbook, JSON and importers all read numbers here, so "380元" means the same wherever it is typed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ..formats import Kind
from .model import Location, Value, format_number

EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
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
        return Value(raw, location=location)
    if isinstance(raw, float | Decimal):
        return Value(_number(Decimal(str(raw)), kind), location=location)
    text = str(raw)
    if text.strip() in EXCEL_ERRORS:
        return Value(location=location, raw=text.strip(), problem=f"是公式错误值 {text.strip()}")
    folded = SPACES.sub("", unicodedata.normalize("NFKC", text)).replace(",", "").replace("，", "")
    typed_unit = ""
    if kind is Kind.MONEY:
        m = _TYPED_UNIT.search(folded)
        if m:
            typed_unit, folded = m.group(1), folded[:m.start()]
    if not _NUMBER.fullmatch(folded):
        return Value(location=location, raw=text, problem="不是数字")
    try:
        number = _number(Decimal(folded), kind)
    except InvalidOperation:
        return Value(location=location, raw=text, problem="不是数字")
    if typed_unit and unit and typed_unit != unit:
        converted = Decimal(number) * MONEY_UNITS[typed_unit] / MONEY_UNITS[unit]
        return Value(location=location, raw=text, unit_typed=typed_unit,
                     problem=f"带的单位是{typed_unit}，而这一格的单位是{unit}："
                             f"{format_number(number)}{typed_unit}即{format_number(converted.normalize())}{unit}")
    return Value(number, location=location, raw=text)


def parse_year(raw: Any) -> int | None:
    """A report year as people type it: 2025, "2025", "２０２５年", "2025年度"."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = SPACES.sub("", unicodedata.normalize("NFKC", str(raw if raw is not None else "")))
    text = text.removesuffix("度").removesuffix("年")
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _number(d: Decimal, kind: Kind) -> int | Decimal:
    if kind is not Kind.MONEY and d == d.to_integral_value():
        return int(d)
    return d
