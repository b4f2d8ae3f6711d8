"""`generate`: inputs -> checked reports -> DOCX files, one at a time or many on every core.

A worker reads, checks and renders (each worker compiles a template once); the calling process
decides file names and writes, so two reports of the same organ and year never race for a name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckResult
from .errors import InternalError, OutputError, UserError
from .files import check_output_path, collect_files, write_atomically
from .report import Report

INPUT_SUFFIXES = (".xlsx", ".json")


@dataclass
class Prepared:
    """One input after reading, checking and (unless refused) rendering."""

    source: Path
    name: str = ""  # the default output file name
    result: CheckResult | None = None  # None when the input could not be read
    data: bytes | None = None  # the .docx; None when not generated
    notes: list[str] = field(default_factory=list)  # text that could not be printed as is
    failure: UserError | None = None  # why the input could not be read or rendered
    extras: dict[str, bytes] = field(default_factory=dict)  # other renderings beside the .docx, by suffix
    rules: Path | None = None  # the regional rules file that set the checks' levels

    @property
    def refused(self) -> bool:
        """Checked and found wrong, so not rendered."""
        return self.data is None and self.failure is None and self.result is not None


Extras = Callable[[Report], dict[str, bytes]]  # a report's other renderings (the web pages), by suffix


def prepare(source: Path, template: Path | None = None, allow_errors: bool = False,
            extras: Extras | None = None, rules: Path | None = None) -> Prepared:
    """Read and check `source` (with `rules`, or the nianbao.toml beside it); render it (and its
    `extras`) unless the check found errors that stop a report (or they are allowed)."""
    from .checks import check
    from .content import file_name
    from .document import render_docx
    from .rules import rules_for
    from .service import load_report

    prepared = Prepared(Path(source))
    try:
        levels, prepared.rules = rules_for(prepared.source, rules)
        report = load_report(prepared.source)
        prepared.name = file_name(report)
        prepared.result = check(report, None, levels)
        if not prepared.result.blocking or allow_errors:
            rendered = render_docx(report, template)
            prepared.data, prepared.notes = rendered.data, rendered.warnings
            if extras is not None:
                prepared.extras = extras(report)
    except UserError as e:
        prepared.failure = e
    return prepared


def write(prepared: Prepared, out: Path, force: bool = False) -> Path:
    """Write a rendered report atomically, refusing its own input, a file held open, and without
    `force` any existing file (a report edited by hand must not be lost)."""
    data = prepared.data
    if data is None:
        raise OutputError(str(prepared.failure or "没有生成报告"))
    write_atomically(out, lambda tmp: tmp.write_bytes(data), (prepared.source,), force)
    return out


def output_path(prepared: Prepared, output: Path | None) -> Path:
    """-o as given (a folder gets the default name inside it); default: beside the input.

    A path not ending in .docx names a folder: `-o out/` must never become a file called "out".
    """
    if output is None:
        return prepared.source.parent / prepared.name
    if output.suffix.lower() == ".docx" and not output.is_dir():
        return output
    if output.exists() and not output.is_dir():
        check_output_path(output, (prepared.source,), force=True)  # the input itself gets its own message
        raise OutputError(f"报告要保存为 .docx 文件，不能写到 {output.name}")
    return output / prepared.name  # a folder, made when the report is written


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """The workbooks and JSON files named, and those directly inside the folders named."""
    return collect_files(paths, INPUT_SUFFIXES, "没有找到要生成报告的工作簿（.xlsx）或 JSON 文件")


@dataclass
class BatchResult:
    written: list[tuple[Prepared, Path]] = field(default_factory=list)
    failed: list[Prepared] = field(default_factory=list)


def _prepare_for_pool(source: Path, template: Path | None, allow_errors: bool,
                      extras: Extras | None = None, rules: Path | None = None) -> Prepared:
    try:
        return prepare(source, template, allow_errors, extras, rules)
    except Exception as e:  # one bad file must not stop the batch; report it instead
        return Prepared(source, failure=InternalError(e))


def prepare_many(sources: list[Path], template: Path | None, allow_errors: bool,
                 workers: int | None = None, extras: Extras | None = None,
                 rules: Path | None = None) -> Iterator[Prepared]:
    """Prepared inputs as they finish, on every core."""
    workers = min(workers or os.cpu_count() or 1, len(sources))
    if workers <= 1:
        for source in sources:
            yield _prepare_for_pool(source, template, allow_errors, extras, rules)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[Prepared]] = [
            pool.submit(_prepare_for_pool, source, template, allow_errors, extras, rules) for source in sources
        ]
        for future in as_completed(futures):
            yield future.result()


def generate_many(sources: list[Path], output_dir: Path | None, template: Path | None = None,
                  allow_errors: bool = False, progress: Callable[[Prepared], None] | None = None,
                  workers: int | None = None, force: bool = False, rules: Path | None = None) -> BatchResult:
    """One DOCX per input into `output_dir` (or beside each input); a failure never stops the rest."""
    if output_dir is not None:
        if output_dir.exists() and not output_dir.is_dir():
            raise OutputError(f"生成多个报告时，-o 应为文件夹：{output_dir}")
        output_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    taken: set[Path] = set()
    for prepared in prepare_many(sources, template, allow_errors, workers, rules=rules):
        if prepared.data is None:
            result.failed.append(prepared)
        else:
            out = _unique(output_path(prepared, output_dir), taken)
            try:
                write(prepared, out, force)
            except UserError as e:
                prepared.failure = e
                result.failed.append(prepared)
            else:
                taken.add(out)
                result.written.append((prepared, out))
        if progress is not None:
            progress(prepared)
    return result


def _unique(out: Path, taken: set[Path]) -> Path:
    """Two inputs of the same organ and year: the second gets "（2）" rather than overwriting."""
    candidate, n = out, 1
    while candidate in taken:
        n += 1
        candidate = out.with_name(f"{out.stem}（{n}）{out.suffix}")
    return candidate
