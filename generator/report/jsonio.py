"""The report as JSON (schema "nianbao-report", version 1; README describes it)."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import Any

from ..errors import UnreadableInput
from ..formats import UnknownFormat, get_format
from .model import CONTACT_KEYS, Location, Paragraph, Report, Run, Value, plain, readable_text
from .numbers import parse_number

SCHEMA = "nianbao-report"
SCHEMA_VERSION = 1


class ReportDataError(UnreadableInput):
    """A JSON file that is not a report in our schema."""


def _json_value(v: Value | None) -> Any:
    """A value as JSON: a number (an amount without a fraction as a whole number: 380, not 380.0),
    what was typed when it is no number, null when blank or when nothing could be read."""
    if v is None or v.blank or v.formula or (v.number is None and v.raw is None):
        return None
    if v.number is None:
        return v.raw if isinstance(v.raw, str | int | float | bool) else str(v.raw)
    return plain(v.number)


def to_json(report: Report) -> dict[str, Any]:
    """The report as plain data. Totals are always resolved."""
    fmt = report.format
    amounts = report.amounts()
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for table in fmt.tables:
        rows = tables.setdefault(table.id, {})
        for f in table.fields:
            v = Value(amounts[f.key]) if report.is_computed(f.key) else report.values.get(f.key)
            rows.setdefault(f.row, {})[f.column] = _json_value(v)
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


def from_json(data: Any) -> Report:
    """Rebuild a report from data `validate` accepted; missing keys are blank."""
    validate(data)
    try:
        fmt = get_format(str(data.get("format")))
    except UnknownFormat as e:
        raise ReportDataError(str(e)) from None
    year = data.get("year")
    report = Report(
        format_id=fmt.id,
        organ=readable_text(data.get("organ") or ""),
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        contacts={k: readable_text(v or "") for k, v in (data.get("contacts") or {}).items()},
    )
    for i, item in enumerate(data.get("narrative") or []):
        runs = [Run(readable_text(r["text"]), bool(r.get("bold"))) for r in item["runs"]]
        report.paragraphs.append(Paragraph(str(item.get("section")), runs, bool(item.get("heading")),
                                           Location(path=f"narrative[{i}]")))
    choices = data.get("choices") or {}
    for c in fmt.choices:
        raw = choices.get(c.key)
        where = Location(path=f"choices.{c.key}")
        report.choices[c.key] = (Value(raw=raw, location=where) if c.number_kind is None
                                 else parse_number(raw, c.number_kind, where, c.unit))
    fields = fmt.fields
    for table_id, rows in (data.get("tables") or {}).items():  # the schema allows only the format's keys
        for row_id, cols in rows.items():
            for col_id, raw in cols.items():
                key = f"{table_id}.{row_id}.{col_id}"
                where = Location(path=f"tables.{key}")
                if raw is None and fields[key].is_total:
                    report.values[key] = Value(location=where, formula=True)  # null total: the sum of its parts
                else:
                    report.values[key] = parse_number(raw, fields[key].kind, where, report.unit_of(key))
    for key in ("organ", "year", *CONTACT_KEYS):
        report.locations[key] = Location(path=key if key in ("organ", "year") else f"contacts.{key}")
    return report


def _int(digits: str) -> int | Decimal:
    """Whole numbers as written; one too long for a Python int stays a Decimal (check refuses it)."""
    return int(digits) if len(digits) <= 18 else Decimal(digits)


def loads(text: str) -> Report:
    """A report from JSON text, checked against the published schema first."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_int)
    except json.JSONDecodeError as e:
        raise ReportDataError(f"JSON 格式错误（第{e.lineno}行第{e.colno}列）：{e.msg}") from None
    except RecursionError:
        raise ReportDataError("JSON 的嵌套层数过多，不是报告数据") from None
    return from_json(data)


_MOST_SHOWN = 3


def validate(data: Any) -> None:
    """Refuse data of the wrong shape, by the JSON path of each wrong value, in Chinese."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ReportDataError("这不是 nianbao 导出的报告数据（缺少 \"schema\": \"nianbao-report\"）")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ReportDataError(
            f"报告数据的版本为 {str(data.get('schema_version'))[:20]}，本程序只能读取版本 {SCHEMA_VERSION}"
        )
    from .schema import message

    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        shown = "；".join(message(e) for e in errors[:_MOST_SHOWN])
        more = f"（共{len(errors)}处）" if len(errors) > _MOST_SHOWN else ""
        raise ReportDataError(f"报告数据的格式不对：{shown}{more}")


def _validator():
    """Made once per set of registered formats: the schema lists them."""
    from ..formats import FORMATS

    return _validator_for(tuple(FORMATS))


@cache
def _validator_for(format_ids: tuple[str, ...]):
    # jsonschema costs ~50 ms to import: only commands that read a JSON pay it.
    from jsonschema import Draft202012Validator

    from .schema import schema

    return Draft202012Validator(schema())
