"""`nianbao import`: published reports -> workbooks (or JSON), one or a folder of them on every core,
each with an assessment of how sure the reading is."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import CheckResult
from ..errors import InternalError, OutputError, UserError
from ..files import collect_files, write_atomically
from ..workers import pool
from . import SUFFIXES, Imported, import_report

OUTPUT_SUFFIXES = (".xlsx", ".json")
# Findings that say the reading itself is in doubt; anything else (a contact the report never
# gave, a fee left unsaid) is about the report, and the reading is still complete.
READING_CODES = ("IMPORT_TITLE", "IMPORT_FORMAT", "IMPORT_TABLE", "IMPORT_ROW", "IMPORT_MERGED", "IMPORT_EXTRA",
                 "FORMAT_YEAR")


@dataclass
class TablePlaces:
    name: str  # 三、依申请公开
    pages: tuple[int, ...] = ()
    tables: tuple[int, ...] = ()  # the document's table numbers it was printed in


@dataclass
class Assessment:
    """How sure a reading is: what was found, what was read, which rules hold; values, for views."""

    source: Path
    organ: str = ""
    year: int | None = None
    format_id: str = ""
    tables: list[TablePlaces] = field(default_factory=list)  # the format's tables found
    missing_tables: list[str] = field(default_factory=list)
    cells: int = 0
    read: int = 0  # cells with a number
    blank: int = 0  # cells printed blank (a dash counts as blank)
    dashes: int = 0
    unread: int = 0  # cells not read: text instead of a number, or not found
    rules: int = 0  # the format's rules within the year that could be checked (every value read)
    rules_unchecked: int = 0  # rules with a value not read
    rules_failing: int = 0
    errors: int = 0
    warnings: int = 0
    reasons: list[str] = field(default_factory=list)  # why a person must look; empty when read cleanly
    output: Path | None = None
    failure: str = ""  # why the file could not be read or written at all
    failure_code: int = 0  # the exit code of that failure

    @property
    def clean(self) -> bool:
        return not self.failure and not self.reasons


def assess(imported: Imported, result: CheckResult) -> Assessment:
    report = imported.report
    fmt = report.format
    a = Assessment(Path(report.source), report.organ, report.year, fmt.id)
    found = imported.tables.tables_found()
    for table in fmt.tables:
        places = [v.location for k, v in report.values.items()
                  if fmt.fields[k].table == table.id and v.location is not None]
        if table.id in found:
            a.tables.append(TablePlaces(table.name, tuple(sorted({p.page for p in places if p.page})),
                                        tuple(sorted({p.table for p in places if p.table}))))
        else:
            a.missing_tables.append(table.name)
    for key in fmt.fields:
        v = report.values.get(key)
        a.cells += 1
        if v is None or v.blank:
            a.blank += 1
        elif v.number is not None:
            a.read += 1
        else:
            a.unread += 1
    a.dashes = imported.tables.dashes
    within = [r for r in fmt.rules if not r.across_years]
    rule_ids = {r.id for r in within}
    a.rules = sum(1 for r in within if all(_readable(report, t.field) for t in (*r.left, *r.right)))
    a.rules_unchecked = len(within) - a.rules
    a.rules_failing = sum(1 for f in result.findings if f.code in rule_ids)
    a.errors, a.warnings = len(result.errors), len(result.warnings)
    a.reasons = [f"{f.title}：{f.message}" for f in result.findings if f.code in READING_CODES]
    # Cells not found at all have their reading finding above; these were found but hold text.
    text = sum(1 for v in report.values.values() if v.number is None and v.raw is not None and not v.blank)
    if text:
        a.reasons.append(f"有{text}格印的不是数字，没有读出（见检查结果）")
    if a.rules_failing:
        a.reasons.append(f"表格的勾稽关系有{a.rules_failing}处不成立，可能原文有误，也可能读错了数字，请对照原文核对")
    return a


def _readable(report, key: str) -> bool:
    v = report.values.get(key)
    return v is None or v.formula or v.number is not None or v.blank


# --- one report ------------------------------------------------------------------------------------


def output_for(source: Path, output: Path | None, as_json: bool = False) -> Path:
    """-o as given (a folder gets the file inside it); default: beside the report, as a workbook."""
    suffix = ".json" if as_json else ".xlsx"
    if output is None:
        return source.with_suffix(suffix)
    if output.is_dir():
        return output / source.with_suffix(suffix).name
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise OutputError(f"导入的结果要保存为工作簿（.xlsx）或 JSON（.json）文件，不能保存为 {output.name}")
    return output


def import_one(source: Path, out: Path, force: bool = False, rules: Path | None = None,
               ) -> tuple[Assessment, CheckResult | None]:
    """Read `source`, check it (with `rules`, or the nianbao.toml beside it), write the workbook or
    JSON to `out`; never over an existing file unless `force`."""
    from ..checks import check
    from ..rules import rules_for

    try:
        imported = import_report(source)
        levels, _ = rules_for(source, rules)
        result = check(imported.report, levels=levels)
        a = assess(imported, result)
        _write(imported, out, source, force)
        a.output = out
        return a, result
    except UserError as e:
        return Assessment(source, failure=str(e), failure_code=e.exit_code), None


def _write(imported: Imported, out: Path, source: Path, force: bool) -> None:
    if out.suffix.lower() == ".json":
        from ..report.jsonio import dumps

        text = dumps(imported.report)
        write_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs=(source,), force=force)
    else:
        from ..workbook import workbook_for

        wb = workbook_for(imported.report)
        write_atomically(out, lambda tmp: wb.save(tmp), inputs=(source,), force=force)


# --- many ----------------------------------------------------------------------------------------


def collect_reports(paths: Iterable[Path]) -> list[Path]:
    return collect_files(paths, SUFFIXES, f"没有找到要导入的报告（{'、'.join(SUFFIXES)}）")


def plan_outputs(sources: list[Path], output: Path | None, as_json: bool) -> list[Path]:
    """An output for each report: beside it or in the -o folder; two reports of the same name get
    "（2）" rather than one overwriting the other."""
    if output is not None and not output.is_dir():
        raise OutputError(f"导入多个报告时，-o 应为已有的文件夹：{output}")
    outs: list[Path] = []
    for source in sources:
        out = output_for(source, output, as_json)
        candidate, n = out, 1
        while candidate in outs:
            n += 1
            candidate = out.with_name(f"{out.stem}（{n}）{out.suffix}")
        outs.append(candidate)
    return outs


def _import_for_pool(source: Path, out: Path, force: bool, rules: Path | None = None) -> Assessment:
    try:
        return import_one(source, out, force, rules)[0]
    except Exception as e:  # one bad file must not stop the batch; say so instead
        return Assessment(source, failure=str(InternalError(e)))


def import_many(sources: list[Path], outs: list[Path], force: bool = False,
                progress: Callable[[Assessment], None] | None = None, workers: int | None = None,
                rules: Path | None = None) -> list[Assessment]:
    """Every report, on every core; the assessments in the order given."""
    workers = min(workers or os.cpu_count() or 1, len(sources))
    done: dict[Path, Assessment] = {}
    if workers <= 1:
        for source, out in zip(sources, outs, strict=True):
            done[source] = _import_for_pool(source, out, force, rules)
            if progress is not None:
                progress(done[source])
    else:
        with pool(workers) as executor:
            futures = {executor.submit(_import_for_pool, s, o, force, rules): s
                       for s, o in zip(sources, outs, strict=True)}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                if progress is not None:
                    progress(done[futures[future]])
    return [done[s] for s in sources]
