"""The filled-in report, independent of Excel, Word, HTML and PDF."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..formats import Format, get_format

Number = int | Decimal

PREAMBLE = "前言"  # narrative before section 一; when empty the generator writes the standard one


@dataclass(frozen=True)
class InfoField:
    key: str
    label: str
    required: bool
    hint: str = ""


# 基本信息: what the title and the preamble are made of. Not part of the official format.
INFO_FIELDS = (
    InfoField("organ", "机关名称", True, "报告标题中的机关全称，如：某某县人民政府办公室"),
    InfoField("year", "报告年度", True, "统计期限为该年1月1日至12月31日"),
    InfoField("office", "联系机构", True, "受理咨询的机构，如：某某县人民政府办公室"),
    InfoField("address", "通讯地址", True),
    InfoField("postcode", "邮政编码", True, "6位数字"),
    InfoField("phone", "联系电话", True),
    InfoField("fax", "传真", False),
    InfoField("email", "电子邮箱", False),
    InfoField("website_name", "发布网站名称", False, "报告电子版下载的网站，如：某某县人民政府网站"),
    InfoField("website_url", "发布网站网址", False, "以 http:// 或 https:// 开头，如：http://www.example.gov.cn/"),
)
CONTACT_KEYS = tuple(f.key for f in INFO_FIELDS if f.key not in ("organ", "year"))


# Code points no text may hold: lone surrogates (Excel writes them as _xD800_, JSON as \ud800) and
# the noncharacters U+FFFE and U+FFFF. They would break every file written from the report.
_UNREADABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def readable_text(text: str) -> str:
    """`text` with every code point no file can hold replaced by U+FFFD, which check points at."""
    return _UNREADABLE.sub(REPLACEMENT, text)


def organ_key(name: str) -> str:
    """An organ's name compared as people read it: full- and half-width alike, no spaces or
    zero-width characters, so that one organ typed twice is seen as one."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc"))


def today() -> dt.date:
    """The date reports are judged against (a report year must have begun); tests replace it."""
    return dt.date.today()


@dataclass(frozen=True)
class Location:
    """Where something was read: a workbook cell, a JSON path, or a place in a published report.

    Numbers are 1-based; 0 means unknown."""

    sheet: str = ""
    cell: str = ""
    path: str = ""  # in a JSON document: "tables.applications.new.total"
    page: int = 0
    table: int = 0  # the n-th table of the document
    row: int = 0
    column: int = 0
    paragraph: int = 0

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.path:
            return self.path
        parts = [(self.page, "第{}页"), (self.table, "第{}个表格"), (self.row, "第{}行"),
                 (self.column, "第{}列"), (self.paragraph, "第{}段")]
        return "".join(template.format(n) for n, template in parts if n)


@dataclass
class Value:
    """A value as the source held it: the number read from it, or why none could be read."""

    number: Number | None = None  # None: blank, or `problem` says why it is not a number
    location: Location | None = None
    raw: Any = None  # what the cell held, when it was not a clean number
    formula: bool = False  # still the workbook's own total formula: the total is computed
    problem: str = ""  # Chinese, e.g. "不是数字"
    unit_typed: str = ""  # a money unit typed after the number that is not the cell's (then unread)

    @property
    def blank(self) -> bool:
        empty = self.raw is None or (isinstance(self.raw, str) and not self.raw.strip())
        return self.number is None and empty and not self.formula and not self.problem


@dataclass
class Run:
    text: str
    bold: bool = False


@dataclass
class Paragraph:
    section: str  # PREAMBLE or the section number 一 … 六
    runs: list[Run]
    heading: bool = False  # a heading line of its own (（一）…, 1.…), not body text
    location: Location | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Report:
    format_id: str
    organ: str = ""
    year: int | None = None
    contacts: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)  # field key -> value
    choices: dict[str, Value] = field(default_factory=dict)  # Choice key -> value (text or number)
    locations: dict[str, Location] = field(default_factory=dict)  # info key or "section.<n>" -> where
    source: str = ""  # the file it was read from
    # What reading a published report noticed (importers/: a missing row, a row the format lacks),
    # as check findings; `check` reports them with its own.
    source_findings: tuple[Any, ...] = ()

    @property
    def format(self) -> Format:
        return get_format(self.format_id)

    def is_computed(self, key: str) -> bool:
        """A total nobody typed over: its amount is the sum of its parts."""
        v = self.values.get(key)
        return self.format.fields[key].is_total and (v is None or v.formula)

    def amount(self, key: str) -> Number:
        """The value to print and to add up: typed, or computed for an untouched total; blank is 0."""
        if self.is_computed(key):
            return self.amount_of_parts(key)
        v = self.values.get(key)
        return 0 if v is None or v.number is None else v.number

    def amount_of_parts(self, key: str) -> Number:
        """What a total should be: the sum of its parts' amounts."""
        return sum((self.amount(part) for part in self.format.fields[key].sum_of), 0)

    def amounts(self) -> dict[str, Number]:
        """Every field's amount, each total computed once (parts precede their totals in a format)."""
        out: dict[str, Number] = {}
        for key, f in self.format.fields.items():
            if self.is_computed(key):
                out[key] = sum((out[p] if p in out else self.amount(p) for p in f.sum_of), 0)
            else:
                v = self.values.get(key)
                out[key] = 0 if v is None or v.number is None else v.number
        return out

    def narrative(self, section: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section == section]

    def choice_text(self, key: str) -> str:
        v = self.choices.get(key)
        if v is None:
            return ""
        if v.number is not None:
            return format_number(v.number)
        return "" if v.raw is None else str(v.raw).strip()

    def unit_of(self, key: str) -> str:
        """The money unit of a table value or a choice: printed by the format (万元), chosen by the
        clerk where the format leaves it open (2019 采购总金额), or the choice's own (元)."""
        fmt = self.format
        if key in fmt.fields:
            if fmt.fields[key].unit:
                return fmt.fields[key].unit
            chooser = next((c for c in fmt.choices if c.unit_of == key), None)
            return self.choice_text(chooser.key) if chooser is not None else ""
        return fmt.choice(key).unit

    def choice_number(self, key: str) -> Number:
        v = self.choices.get(key)
        return v.number if v is not None and v.number is not None else 0

    def location_of(self, key: str) -> Location | None:
        """Where a field, choice, info item or part was read, if the source had places."""
        v = self.values.get(key) or self.choices.get(key)
        if v is not None and v.location is not None:
            return v.location
        return self.locations.get(key)


def format_number(n: Number) -> str:
    """Counts as plain integers; amounts as typed, without trailing zeros (266900, 96171.6)."""
    if isinstance(n, Decimal):
        text = format(n, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text or "0"
    return str(n)


def plain(raw: Any) -> Any:
    """A value as plain JSON data: Decimal as int or float."""
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else float(raw)
    if isinstance(raw, dict):
        return {str(k): plain(v) for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        return [plain(v) for v in raw]
    return raw
