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



# --- reading published reports (nianbao import) ---------------------------------------------------


def import_text(a) -> str:
    """How sure a reading is, for the terminal: what was found, read and checked, and the verdict."""
    if a.failure:
        return f"未能导入：{a.source}：{a.failure}"
    organ = a.organ or "（没有读出机关名称）"
    year = f"{a.year}年" if a.year else "（没有读出年度）"
    lines = [f"已读取：{a.source}", f"  报告：{year} {organ}（{a.format_id}年格式）"]
    places = "；".join(f"{t.name}（{_places(t)}）" for t in a.tables)
    missing = "；没有找到：" + "、".join(a.missing_tables) if a.missing_tables else ""
    lines.append(f"  统计表：{places or '一张也没有找到'}{missing}")
    dashes = f"（其中{a.dashes}格印的是“—”等符号）" if a.dashes else ""
    lines.append(f"  数字：共{a.cells}格，读出{a.read}格，空白{a.blank}格{dashes}，未能读取{a.unread}格")
    rules = (f"核对{a.rules}条，有{a.rules_failing}处不成立" if a.rules_failing else f"{a.rules}条全部成立")
    if a.rules_unchecked:
        rules += f"；另有{a.rules_unchecked}条因数字没有读出，无法核对"
    lines.append(f"  勾稽关系：{rules}")
    if a.clean:
        lines.append("  结论：读取完整，每个数字都已读出，勾稽关系成立。")
        if a.errors or a.warnings:
            lines.append(f"  另：检查列出的{a.errors}个错误、{a.warnings}个警告不是读取的问题，而是报告本身的"
                         "（如没有写明发布网站、有空白格），请在工作簿中补填或核对后再生成报告。")
    else:
        lines.append("  结论：需要人工核对：")
        lines += [f"    - {reason}" for reason in a.reasons]
    if a.output is not None:
        lines.append(f"已保存：{a.output}")
    return "\n".join(lines)


def _places(t) -> str:
    if t.pages:
        first, last = t.pages[0], t.pages[-1]
        return f"第{first}页" if first == last else f"第{first}—{last}页"
    return "第" + "、".join(map(str, t.tables)) + "个表格" if t.tables else "已找到"


def import_batch_text(assessments: list) -> str:
    """One line a report, then how many were read cleanly, need a person, or could not be read."""
    lines = []
    for a in assessments:
        if a.failure:
            lines.append(f"无法导入  {a.source}：{a.failure}")
        elif a.clean:
            lines.append(f"读取完整  {a.source} → {a.output}（{a.year}年 {a.organ}）")
        else:
            lines.append(f"需要核对  {a.source} → {a.output}：{'；'.join(r.split('：', 1)[0] for r in a.reasons)}")
    clean = sum(1 for a in assessments if a.clean)
    failed = sum(1 for a in assessments if a.failure)
    lines.append(f"共{len(assessments)}个报告：读取完整{clean}个，需要人工核对{len(assessments) - clean - failed}个，"
                 f"无法导入{failed}个。")
    return "\n".join(lines)
