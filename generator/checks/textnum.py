"""Quantities as reports write them in prose: "55件", "3119 件", "十七件", "一百零三件", "两起",
"5500余条", "约3000件", "1.2万件", "96171.6万元", with the bound a hedge states.

Only a number followed by a unit is a quantity: "2024年", "一是", "十四五" and telephone numbers
are not. Positions are those of the text given, so a finding can quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

COUNT_UNITS = ("件", "宗", "起", "个", "次", "条", "份", "部", "项", "例")
MONEY_UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}

_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")  # same length: positions survive
_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
_CN = "零〇○一二两三四五六七八九十百千万亿"


class Bound(StrEnum):
    """What a hedge says about the true number N relative to the one written, n."""

    EXACT = "="  # 55件
    AT_LEAST = ">="  # 以上, 超过, 逾, 至少
    SOME_MORE = "+"  # 余, 多: at least n, below the next step of n's last digit (30余 -> 30..39)
    AT_MOST = "<="  # 近, 不足, 不到, 以下
    ABOUT = "~"  # 约, 左右: within half a step of n's last digit, or a tenth of n


# Words before a number that hedge it, longest first so that 将近 is not read as 近.
_BEFORE = {"不少于": Bound.AT_LEAST, "至少": Bound.AT_LEAST, "超过": Bound.AT_LEAST, "逾": Bound.AT_LEAST,
           "将近": Bound.AT_MOST, "接近": Bound.AT_MOST, "不足": Bound.AT_MOST, "不到": Bound.AT_MOST,
           "少于": Bound.AT_MOST, "不超过": Bound.AT_MOST, "近": Bound.AT_MOST,
           "大约": Bound.ABOUT, "约": Bound.ABOUT}
_AFTER_UNIT = {"以上": Bound.AT_LEAST, "之多": Bound.EXACT, "以下": Bound.AT_MOST, "以内": Bound.AT_MOST,
               "左右": Bound.ABOUT, "上下": Bound.ABOUT}
_HEDGES = sorted(_BEFORE, key=len, reverse=True)
_UNITS_RE = "|".join(sorted((*MONEY_UNITS, *COUNT_UNITS), key=len, reverse=True))
# Starts at the number, so that the scan is quick; a hedge before it is looked for afterwards.
_QUANTITY = re.compile(
    rf"(?:(?P<arabic>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<scale>[万亿千百](?!元))?|(?P<chinese>[{_CN}]+))"
    rf"\s*(?P<more>余|多)?\s*(?P<unit>{_UNITS_RE})(?P<after>{'|'.join(_AFTER_UNIT)})?"
)


@dataclass(frozen=True)
class Quantity:
    start: int  # where the quantity begins in the text (its hedge included)
    end: int
    number: Decimal  # in the unit's base: 元 for money, the count otherwise
    written: Decimal  # as written, before any 万/亿 scale: 5500 in "5500余条"
    step: Decimal  # the place value of the last non-zero digit written, scaled: 100 for "5500余"
    unit: str  # 件, 元 …; 万元 and 亿元 are given as 元
    bound: Bound
    text: str

    @property
    def is_money(self) -> bool:
        return self.unit == "元"

    def admits(self, actual: Decimal) -> bool:
        """Whether the true number `actual` is what this quantity says, hedge included."""
        n = self.number
        if self.bound is Bound.EXACT:
            return actual == n
        if self.bound is Bound.AT_LEAST:
            return actual >= n
        if self.bound is Bound.AT_MOST:
            return actual <= n
        if self.bound is Bound.SOME_MORE:
            return n <= actual < n + self.step
        return abs(actual - n) <= max(self.step / 2, n / 10)

    def describe(self) -> str:
        """The range a hedged quantity allows, for messages: "即5500至5599"."""
        n = _plain(self.number)
        if self.bound is Bound.AT_LEAST:
            return f"即不少于{n}"
        if self.bound is Bound.AT_MOST:
            return f"即不超过{n}"
        if self.bound is Bound.SOME_MORE:
            return f"即{n}至{_plain(self.number + self.step - 1)}"
        if self.bound is Bound.ABOUT:
            slack = max(self.step / 2, self.number / 10)
            return f"即{_plain(max(self.number - slack, Decimal(0)))}至{_plain(self.number + slack)}左右"
        return ""


def quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in `text`, in order."""
    folded = text.translate(_DIGITS)
    out = []
    for m in _QUANTITY.finditer(folded):
        start = m.start("arabic") if m.group("arabic") else m.start("chinese")
        if _not_alone(folded[:start].rstrip()):
            continue
        parsed = _parse(m)
        if parsed is None:
            continue
        written, scale = parsed
        unit = m.group("unit")
        number = written * scale * MONEY_UNITS.get(unit, Decimal(1))
        step = _step(written) * scale * MONEY_UNITS.get(unit, Decimal(1))
        ahead = folded[:start].rstrip()
        hedge = next((h for h in _HEDGES if ahead.endswith(h)), "")
        bound = _BEFORE.get(hedge, Bound.EXACT)
        if m.group("more"):
            bound = Bound.SOME_MORE
        if m.group("after"):
            bound = _AFTER_UNIT[m.group("after")]
        begin = len(ahead) - len(hedge) if hedge else start
        out.append(Quantity(begin, m.end(), number, written, step, "元" if unit in MONEY_UNITS else unit,
                            bound, text[begin:m.end()]))
    return out


def _not_alone(before: str) -> bool:
    """An ordinal (第三件), part of another number ("3 050件") or the end of a range (3-5件, 三至五件)."""
    if not before:
        return False
    if before[-1] in "第.0123456789":
        return True
    return before[-1] in "-—~～至到" and before[:-1].rstrip()[-1:] in f"0123456789{_CN}"


def _parse(m: re.Match[str]) -> tuple[Decimal, Decimal] | None:
    if m.group("arabic"):
        scale = m.group("scale")
        factor = Decimal(_CN_SMALL.get(scale, 0) or _CN_LARGE.get(scale, 1)) if scale else Decimal(1)
        return Decimal(m.group("arabic").replace(",", "")), factor
    value = chinese_number(m.group("chinese"))
    return None if value is None else (Decimal(value), Decimal(1))


def chinese_number(text: str) -> int | None:
    """十七 -> 17, 一百零三 -> 103, 两千三百 -> 2300, 三万五千 -> 35000; None if not a count.

    Digits in a row ("一一", "二〇二四") write years and codes, never a count of things."""
    if not text or text[0] in _CN_LARGE:
        return None
    if all(c in _CN_DIGITS for c in text):
        return _CN_DIGITS[text] if len(text) == 1 else None
    total, section, digit = 0, 0, None
    for i, c in enumerate(text):
        if c in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[c] != 0 and text[i - 1] not in "零〇○":
                return None  # two digits in a row inside a scaled number: not a number ("一二十")
            digit = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[c]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                return None
            total += section * _CN_LARGE[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def _step(written: Decimal) -> Decimal:
    """The place value of the last non-zero digit: 5500 -> 100, 30 -> 10, 7 -> 1, 2.5 -> 0.1."""
    if written == 0:
        return Decimal(1)
    sign, digits, exponent = written.normalize().as_tuple()
    return Decimal(1).scaleb(int(exponent))


def _plain(n: Decimal) -> str:
    text = format(n.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
