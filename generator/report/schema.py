"""The JSON Schema of a report file ("nianbao-report", version 1), made from the format registry.

The schema ships in the package (nianbao-report.schema.json, rebuilt by
`python -m generator.report.schema`; a test keeps it current) so that other programs can check
their files before they hand them to nianbao. nianbao checks every JSON it reads against it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..formats import FORMATS, Format
from .model import CONTACT_KEYS, PREAMBLE

SCHEMA_FILE = Path(__file__).with_name("nianbao-report.schema.json")
SCHEMA_ID = "urn:nianbao:report:1"
MAX_ORGAN = 200  # characters: the longest organ names in use have about 40
MAX_CONTACT = 1000
MAX_TEXT = 1_000_000  # one paragraph; a workbook cell holds 32,767, a JSON may hold more
MAX_PARAGRAPHS = 5000
MAX_CELL_TEXT = 200  # what a table value typed as text may hold ("251000元", "三件")

# A value as a workbook may hold it: a number, typed text ("三件", "251000元"), TRUE/FALSE, blank.
_VALUE = {"type": ["number", "string", "boolean", "null"], "maxLength": MAX_CELL_TEXT}


def _tables(fmt: Format) -> dict[str, Any]:
    """tables[table][row][column] of one format, nothing else allowed."""
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        rows: dict[str, Any] = {}
        for f in table.fields:
            rows.setdefault(f.row, {"type": "object", "properties": {}, "additionalProperties": False})
            rows[f.row]["properties"][f.column] = _VALUE
        tables[table.id] = {"type": "object", "properties": rows, "additionalProperties": False}
    return {"type": "object", "properties": tables, "additionalProperties": False}


def _choices(fmt: Format) -> dict[str, Any]:
    properties = {c.key: {"enum": [*c.options, None]} if c.number_kind is None else _VALUE for c in fmt.choices}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def schema() -> dict[str, Any]:
    sections = [PREAMBLE, *dict.fromkeys(s.number for f in FORMATS.values() for s in f.sections)]
    text = {"type": "string", "maxLength": MAX_TEXT}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告（nianbao-report 第1版）",
        "type": "object",
        "required": ["schema", "schema_version", "format"],
        "properties": {
            "schema": {"const": "nianbao-report"},
            "schema_version": {"const": 1},
            "format": {"enum": list(FORMATS)},
            "organ": {"type": "string", "maxLength": MAX_ORGAN},
            "year": {"type": ["integer", "null"], "minimum": 1900, "maximum": 2999},
            "contacts": {
                "type": "object",
                "properties": {k: {"type": ["string", "null"], "maxLength": MAX_CONTACT} for k in CONTACT_KEYS},
                "additionalProperties": False,
            },
            "choices": {"type": "object"},
            "narrative": {
                "type": "array",
                "maxItems": MAX_PARAGRAPHS,
                "items": {
                    "type": "object",
                    "required": ["section", "runs"],
                    "properties": {
                        "section": {"enum": sections},
                        "heading": {"type": "boolean"},
                        "runs": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["text"],
                                "properties": {"text": text, "bold": {"type": "boolean"}},
                                "additionalProperties": False,
                            },
                        },
                    },
                    "additionalProperties": False,
                },
            },
            "tables": {"type": "object"},
        },
        "additionalProperties": False,
        "allOf": [
            {"if": {"properties": {"format": {"const": fmt.id}}},
             "then": {"properties": {"tables": _tables(fmt), "choices": _choices(fmt)}}}
            for fmt in FORMATS.values()
        ],
    }


_TYPES = {"object": "对象 {…}", "array": "列表 […]", "string": "文字", "integer": "整数", "number": "数字",
          "boolean": "true 或 false", "null": "null"}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    return "number"


def path_text(path: Any) -> str:
    """['narrative', 3, 'runs', 0] -> 'narrative[3].runs[0]'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（整个文件）"


def message(error: Any) -> str:
    """One jsonschema error in Chinese, by the JSON path of the value."""
    where, kind, expected = path_text(error.absolute_path), error.validator, error.validator_value
    if kind == "type":
        wanted = "或".join(_TYPES[t] for t in ([expected] if isinstance(expected, str) else expected))
        return f"{where} 应为{wanted}，现在是{_TYPES[_type_of(error.instance)]}"
    if kind == "required":
        missing = next((k for k in expected if k not in error.instance), expected[0])
        return f"{where} 缺少“{missing}”"
    if kind == "additionalProperties":
        extra = sorted(k for k in error.instance if k not in error.schema.get("properties", {}))
        return f"{where} 中有不认识的“{'”“'.join(extra[:3])}”（键名见 README 和 nianbao fields）"
    if kind in ("enum", "const"):
        options = expected if kind == "enum" else [expected]
        shown = "、".join("null" if o is None else str(o) for o in options)
        return f"{where} 只能是 {shown}，现在是“{str(error.instance)[:40]}”"
    if kind in ("minimum", "maximum"):
        bound = f"{'不小于' if kind == 'minimum' else '不大于'}{expected}"
        return f"{where} 的值 {str(error.instance)[:20]} 不在允许的范围内（{bound}）"
    if kind in ("maxLength", "maxItems"):
        return f"{where} 太长（最多 {expected} {'字' if kind == 'maxLength' else '项'}，现在有 {len(error.instance)}）"
    return f"{where} 不符合报告数据的格式（{kind}）"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else SCHEMA_FILE
    out.write_text(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
