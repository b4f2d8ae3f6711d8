"""`publish`: per report, the DOCX and beside it what the website needs: the HTML fragment for the
CMS editor's source view, the standalone page, and the PDF (all PDFs from one LibreOffice start).

Reading, checking and rendering are `generate`'s (generate.prepare_many); this module decides the
files, refuses to overwrite, and converts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError, UserError
from .files import write_atomically
from .generate import Prepared, _unique, output_path, prepare_many
from .report import Report

DOCX = ".docx"
FRAGMENT = "（网站编辑器源代码）.html"  # pasted into the CMS editor's source (HTML) view
PAGE = ".html"
PDF = ".pdf"
KINDS = {DOCX: "Word", PAGE: "网页", FRAGMENT: "网站编辑器源代码", PDF: "PDF"}
# The fragment has no <meta charset>: the byte order mark tells Notepad and browsers it is UTF-8.
_BOM = "\ufeff"


def web_renderings(report: Report) -> dict[str, bytes]:
    """The fragment and the page of a report, by the end of their file names."""
    from .content import printed
    from .html import fragment, page

    content = printed(report)
    return {FRAGMENT: (_BOM + fragment(report, content)).encode("utf-8"),
            PAGE: page(report, content).encode("utf-8")}


def paths_beside(docx: Path) -> dict[str, Path]:
    """The files of one report, named after its DOCX: 'x.docx' -> 'x.html', 'x（…）.html', 'x.pdf'."""
    return {kind: docx.with_name(docx.stem + kind) for kind in KINDS}


@dataclass
class Published:
    prepared: Prepared
    files: dict[str, Path]  # kind -> the file written
    pdf_problem: str = ""  # why its PDF is missing, when LibreOffice is installed but failed


@dataclass
class PublishResult:
    published: list[Published] = field(default_factory=list)
    failed: list[Prepared] = field(default_factory=list)
    pdf_missing: str = ""  # LibreOffice is not installed: what to do instead


def publish_many(sources: list[Path], output_dir: Path | None, template: Path | None = None,
                 allow_errors: bool = False, force: bool = False,
                 progress: Callable[[Prepared], None] | None = None, workers: int | None = None,
                 rules: Path | None = None) -> PublishResult:
    """Every report's DOCX, fragment, page and PDF, into `output_dir` or beside each input.

    A report whose files exist is left alone unless `force`; a failure never stops the rest.
    """
    if output_dir is not None:
        if output_dir.suffix.lower() in KINDS and not output_dir.is_dir() or output_dir.is_file():
            raise OutputError(f"-o 应为文件夹（每个报告要写 Word、网页和 PDF 几个文件）：{output_dir}")
        output_dir.mkdir(parents=True, exist_ok=True)
    result = PublishResult()
    taken: set[Path] = set()
    for prepared in prepare_many(sources, template, allow_errors, workers, extras=web_renderings, rules=rules):
        if prepared.data is None:
            result.failed.append(prepared)
        else:
            try:
                files = _write(prepared, _unique(output_path(prepared, output_dir), taken), force)
            except UserError as e:
                prepared.failure = e
                result.failed.append(prepared)
            else:
                taken.add(files[DOCX])
                result.published.append(Published(prepared, files))
        if progress is not None:
            progress(prepared)
    _add_pdfs(result, force)
    return result


def _write(prepared: Prepared, docx: Path, force: bool) -> dict[str, Path]:
    """Write the DOCX and the web files of one report; refuse before writing any when one exists."""
    paths = paths_beside(docx)
    existing = [p.name for p in paths.values() if p.exists()]
    if existing and not force:
        more = f"等{len(existing)}个文件" if len(existing) > 1 else ""
        raise OutputError(f"文件已存在，为免覆盖没有生成：{existing[0]}{more}（确需覆盖请加 --force）")
    contents = {DOCX: prepared.data, **prepared.extras}
    for kind, data in contents.items():
        write_atomically(paths[kind], lambda tmp, data=data: tmp.write_bytes(data), (prepared.source,), force)
    return {kind: paths[kind] for kind in contents}


def _add_pdfs(result: PublishResult, force: bool) -> None:
    """Convert every DOCX written in one LibreOffice start and write each PDF beside its DOCX."""
    from . import pdf

    if not result.published:
        return
    try:
        converted = pdf.convert([p.prepared.data or b"" for p in result.published])
    except pdf.LibreOfficeMissing as e:
        result.pdf_missing = str(e)
        return
    for i, published in enumerate(result.published):
        data = converted.pdfs.get(i)
        if data is None:
            published.pdf_problem = converted.failures.get(i, "没有生成 PDF")
            continue
        out = paths_beside(published.files[DOCX])[PDF]
        try:
            write_atomically(out, lambda tmp, data=data: tmp.write_bytes(data), (published.prepared.source,), force)
        except UserError as e:
            published.pdf_problem = str(e)
        else:
            published.files[PDF] = out
