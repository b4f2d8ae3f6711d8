"""Numbers as people type them into a cell, a JSON file or a published table -> Values."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ..formats import Kind
from .model import Location, Value

EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(raw: Any, kind: Kind, location: Location | None = None) -> Value:
    """A statistical value as typed -> Value. Text that reads as a number is accepted."""
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
    if kind is Kind.MONEY:
        folded = folded.removesuffix("万元").removesuffix("元")
    if _NUMBER.fullmatch(folded):
        try:
            return Value(_number(Decimal(folded), kind), location=location, raw=text)
        except InvalidOperation:
            pass
    return Value(location=location, raw=text, problem="不是数字")


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
