"""Findings as people and programs read them: a table for the terminal, and JSON.

Built from `CheckResult` values only; the checker knows nothing of either view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from .checks import CATALOGUE, CheckResult, Finding
from .formats import Level
from .report import Location, plain

LEVEL_LABELS = {Level.ERROR: "错误", Level.WARNING: "警告", Level.INFO: "提示"}
OFF_LABEL = "关闭"
_ANSI = {"bold": "1", "red": "31", "yellow": "33"}
_LEVEL_COLOURS = {Level.ERROR: ("bold", "red"), Level.WARNING: ("bold", "yellow"), Level.INFO: ("bold",)}
_SEVERITY = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}


def findings_text(result: CheckResult, color: bool = False) -> str:
    """One block a part (sheet, table, 正文), parts with errors first, errors first within; the
    figures for the record (提示) after the problems."""
    findings = list(result.findings)
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        summary = "检查通过：没有发现错误或警告。"
    elif result.blocking:
        summary = f"发现{errors}个错误、{warnings}个警告。错误必须改正后才能生成报告；警告请逐条核对。"
    elif errors:
        summary = (f"发现{errors}个错误、{warnings}个警告。这些错误是地方规则文件列为错误的文字问题，"
                   "不阻止生成报告，但请改正；警告请逐条核对。")
    else:
        summary = f"没有错误，可以生成报告；有{warnings}个警告，请逐条核对。"
    if not findings:
        return summary
    parts: dict[str, list[Finding]] = {}
    for f in findings:
        parts.setdefault(_part(f), []).append(f)
    order = sorted(parts, key=lambda p: min(_SEVERITY[f.level] for f in parts[p]))
    width = max(len(_place(f)) for f in findings)
    lines = [summary]
    for part in order:
        lines += ["", _style(f"【{part}】", color, "bold")]
        for f in sorted(parts[part], key=lambda f: _SEVERITY[f.level]):
            label = _style(LEVEL_LABELS[f.level], color, *_LEVEL_COLOURS[f.level])
            lines.append(f"  {label}  {_place(f).ljust(width)}  {f.message}")
    return "\n".join(lines)


def rules_text(levels: Mapping[str, Level | None] | None = None, source: str = "") -> str:
    """Every check: code, level (as a regional rules file sets it), title, description."""
    levels = levels or {}
    lines = [f"检查规则（级别按 {source} 调整）：" if source else "检查规则："]
    width = max(len(code) for code in CATALOGUE)
    for code, c in CATALOGUE.items():
        level = levels.get(code, c.level)
        shown = OFF_LABEL if level is None else LEVEL_LABELS[level]
        changed = f"（原为{LEVEL_LABELS[c.level]}）" if code in levels and level is not c.level else ""
        fuzzy = "（不阻止生成报告）" if c.fuzzy else ""
        lines.append(f"{code.ljust(width)}  {shown}{changed}{fuzzy}  {c.title}：{c.description}")
    return "\n".join(lines)


def _part(f: Finding) -> str:
    """A workbook finding is grouped by its sheet; any other by the part of the report."""
    return f.location.sheet if f.location is not None and f.location.sheet else f.part


def _place(f: Finding) -> str:
    """The cell within the sheet heading the block; else the location; else nothing."""
    loc = f.location
    if loc is None:
        return ""
    return loc.cell if loc.sheet else str(loc)


def _style(text: str, color: bool, *styles: str) -> str:
    if not color:
        return text
    return f"\x1b[{';'.join(_ANSI[s] for s in styles)}m{text}\x1b[0m"


def findings_json(result: CheckResult) -> dict[str, Any]:
    """The findings as plain data: code, title, level, the key and location of what to fix, every
    value involved, the message."""
    return {
        "ok": result.ok,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "notes": len(result.notes),
        "findings": [_finding_json(f) for f in result.findings],
    }


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "title": f.title,
        "level": f.level.value,
        "level_label": LEVEL_LABELS[f.level],
        "key": f.key,
        "part": f.part,
        "location": location_json(f.location),
        "message": f.message,
        "involved": [
            {"key": i.key, "label": i.label, "value": plain(i.value), "location": location_json(i.location),
             **({"last_year": True} if i.last_year else {})}
            for i in f.involved
        ],
        "details": plain(f.details),
    }


def location_json(loc: Location | None) -> dict[str, Any] | None:
    """Only what the source had: {"sheet", "cell"} for a workbook, {"path"} for JSON, pages for PDFs."""
    if loc is None:
        return None
    return {k: v for k, v in asdict(loc).items() if v}

