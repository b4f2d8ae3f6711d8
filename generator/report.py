"""The filled-in report, independent of Excel and Word, and its JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import UnreadableInput
from .formats import Field, Format, UnknownFormat, get_format

Number = int | Decimal

SCHEMA = "nianbao-report"
SCHEMA_VERSION = 1

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
    InfoField("website_name", "发布网站名称", True, "报告电子版下载的网站，如：某某县人民政府网站"),
    InfoField("website_url", "发布网站网址", True, "如：http://www.example.gov.cn/"),
)
CONTACT_KEYS = tuple(f.key for f in INFO_FIELDS if f.key not in ("organ", "year"))


@dataclass
class Value:
    """A cell as the clerk left it: the number read from it, or why none could be read."""

    number: Number | None = None  # None: blank, or `problem` says why it is not a number
    where: str = ""  # "三、依申请公开!D6"
    raw: Any = None  # what the cell held, when it was not a clean number
    formula: bool = False  # still the workbook's own total formula: the total is computed
    problem: str = ""  # Chinese, e.g. "不是数字"

    @property
    def blank(self) -> bool:
        empty = self.raw is None or (isinstance(self.raw, str) and not self.raw.strip())
        return self.number is None and empty and not self.formula


@dataclass
class Run:
    text: str
    bold: bool = False


@dataclass
class Paragraph:
    section: str  # PREAMBLE or the section number 一 … 六
    runs: list[Run]
    heading: bool = False  # a heading line of its own (（一）…, 1.…), not body text
    where: str = ""

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
    where: dict[str, str] = field(default_factory=dict)  # info key -> its cell
    source: str = ""  # the file it was read from

    @property
    def format(self) -> Format:
        return get_format(self.format_id)

    def amount(self, key: str) -> Number:
        """The value to print and to add up: typed, or computed for an untouched total; blank is 0."""
        f = self.format.fields[key]
        v = self.values.get(key)
        if f.is_total and (v is None or v.formula):
            return self.amount_of_parts(key)
        if v is None or v.number is None:
            return 0
        return v.number

    def amount_of_parts(self, key: str) -> Number:
        """What a total should be: the sum of its parts' amounts."""
        return sum((self.amount(part) for part in self.format.fields[key].sum_of), 0)

    def narrative(self, section: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section == section]

    def choice_text(self, key: str) -> str:
        v = self.choices.get(key)
        if v is None:
            return ""
        if v.number is not None:
            return format_number(v.number)
        return "" if v.raw is None else str(v.raw).strip()


def format_number(n: Number) -> str:
    """Counts as plain integers; amounts without trailing zeros (266900, 96171.6)."""
    if isinstance(n, Decimal):
        text = format(n.quantize(Decimal("0.01")) if n.as_tuple().exponent < -2 else n, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text or "0"
    return str(n)


# --- JSON ---------------------------------------------------------------------------------


class ReportDataError(UnreadableInput):
    """A JSON file that is not a report in our schema."""


def _json_value(v: Value | None) -> Any:
    if v is None or v.blank or v.formula:
        return None
    if v.number is None:
        return v.raw if isinstance(v.raw, str | int | float | bool) else str(v.raw)
    return int(v.number) if isinstance(v.number, int) else float(v.number)


def to_json(report: Report) -> dict[str, Any]:
    """The report as plain data; see README for the schema. Totals are always resolved."""
    fmt = report.format
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for table in fmt.tables:
        rows = tables.setdefault(table.id, {})
        for f in table.fields:
            v = report.values.get(f.key)
            if f.is_total and (v is None or v.formula):
                out: Any = _json_value(Value(report.amount(f.key)))
            else:
                out = _json_value(v)
            rows.setdefault(f.row, {})[f.column] = out
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "format": report.format_id,
        "organ": report.organ,
        "year": report.year,
        "contacts": {k: report.contacts.get(k, "") for k in CONTACT_KEYS},
        "choices": {
            c.key: (report.choice_text(c.key) or None) if c.kind == "choice"
            else _json_value(report.choices.get(c.key))
            for c in fmt.choices
        },
        "narrative": [
            {
                "section": p.section,
                "heading": p.heading,
                "runs": [{"text": r.text, "bold": r.bold} for r in p.runs],
            }
            for p in report.paragraphs
        ],
        "tables": tables,
    }


def dumps(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


def _value_from_json(raw: Any, f: Field | None = None) -> Value:
    if raw is None:
        return Value()
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        return Value(raw=raw, problem="不是数字")
    if isinstance(raw, float | Decimal):
        d = Decimal(str(raw))
        if f is None or f.kind.value == "money" or d != d.to_integral_value():
            return Value(d)
        return Value(int(d))
    return Value(raw)


def from_json(data: Any) -> Report:
    """Rebuild a report from `to_json` output; unknown keys are refused, missing ones are blank."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ReportDataError("这不是 nianbao 导出的报告数据（缺少 \"schema\": \"nianbao-report\"）")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ReportDataError(
            f"报告数据的版本为 {data.get('schema_version')}，本程序只能读取版本 {SCHEMA_VERSION}"
        )
    try:
        fmt = get_format(str(data.get("format")))
    except UnknownFormat as e:
        raise ReportDataError(str(e)) from None
    year = data.get("year")
    report = Report(
        format_id=fmt.id,
        organ=str(data.get("organ") or ""),
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        contacts={k: str(v) for k, v in (data.get("contacts") or {}).items() if k in CONTACT_KEYS},
    )
    for item in data.get("narrative") or []:
        runs = [Run(str(r.get("text", "")), bool(r.get("bold"))) for r in item.get("runs", [])]
        report.paragraphs.append(Paragraph(str(item.get("section")), runs, bool(item.get("heading"))))
    choices = data.get("choices") or {}
    for c in fmt.choices:
        raw = choices.get(c.key)
        report.choices[c.key] = Value(raw=raw) if c.kind == "choice" else _value_from_json(raw)
    tables = data.get("tables") or {}
    if not isinstance(tables, dict):
        raise ReportDataError("报告数据中的 \"tables\" 应为对象")
    fields = fmt.fields
    for table_id, rows in tables.items():
        for row_id, cols in (rows or {}).items():
            for col_id, raw in (cols or {}).items():
                key = f"{table_id}.{row_id}.{col_id}"
                if key not in fields:
                    raise ReportDataError(f"报告数据中的 {key} 不是{fmt.id}年格式的统计项")
                report.values[key] = _value_from_json(raw, fields[key])
    return report


def loads(text: str) -> Report:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise ReportDataError(f"JSON 格式错误（第{e.lineno}行第{e.colno}列）：{e.msg}") from None
    return from_json(data)
