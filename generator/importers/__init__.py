"""Published reports -> Report: Word documents, web pages, PDFs (and old .doc/.wps through
LibreOffice), read by the format's own labels, never by position, and never inventing a value.

Each medium has a reader that turns the file into a SourceDocument (text blocks and tables in
reading order, each with where it was printed); from there everything is shared: the tables
(tables.py), the words (narrative.py), what the reading could not vouch for (findings.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import UnreadableInput
from ..formats import FORMATS, Format, UnknownFormat, format_for_year
from ..report import PREAMBLE, Report
from .narrative import (
    Narrative,
    Title,
    article_scope,
    fee_choices,
    find_title,
    first_part,
    read_contacts,
    read_narrative,
    title_of_page,
)
from .source import SourceDocument, SourceTable, TextBlock
from .tables import TablesRead, read_tables

WORD_SUFFIXES = (".docx",)
WEB_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
LEGACY_SUFFIXES = (".doc", ".wps")
SUFFIXES = (*WORD_SUFFIXES, *WEB_SUFFIXES, *PDF_SUFFIXES, *LEGACY_SUFFIXES)


class ReportFileError(UnreadableInput):
    """A published report that cannot be opened at all."""


@dataclass
class Imported:
    """A report read from a published document, and how the reading went."""

    report: Report
    tables: TablesRead
    title: Title | None
    narrative: Narrative
    titled_format: Format | None  # the format the title's year asks for


def read_source(path: Path) -> SourceDocument:
    """The document's blocks and tables, by the reader its suffix names."""
    path = Path(path)
    if not path.exists():
        raise ReportFileError(f"找不到文件：{path}")
    if path.is_dir():
        raise ReportFileError(f"这是一个文件夹，不是报告文件：{path}")
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        from .docx import read_docx

        return read_docx(path)
    if suffix in WEB_SUFFIXES:
        from .html import read_html

        return read_html(path)
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        return read_pdf(path)
    if suffix in LEGACY_SUFFIXES:
        from .legacy import read_legacy

        return read_legacy(path)
    raise ReportFileError(f"不能导入 {path.name}：只能导入 {'、'.join(SUFFIXES)} 文件")


def import_report(path: Path) -> Imported:
    imported = assemble(read_source(path))
    imported.report.source = str(path)
    return imported


def read_report(path: Path) -> Report:
    """A published report as a Report, with the reading's findings in `source_findings`."""
    return import_report(path).report


def assemble(doc: SourceDocument) -> Imported:
    """The report a SourceDocument holds: tables for every format, the best fit taken (the title's
    format when they fit equally), then title, parts, contacts, fees."""
    from .findings import import_findings

    readings = [read_tables(doc.tables, fmt) for fmt in FORMATS.values()]
    current = list(FORMATS.values())[-1]
    scope = article_scope(doc, current)
    article = _within(doc, scope)
    # The title: at the head of the article; else as the page states it; else the nearest before it.
    title, after_title = find_title(article.items[:first_part(article, current)])
    if title is None:
        title, after_title = title_of_page(doc.titles), 0
    if title is None and scope:
        title, _ = find_title(doc.items[:first_part(doc, current)], last=True)
    titled = _format_of_year(title.year) if title is not None else None
    tables = _best(readings, titled)
    if not tables.matched and title is None and first_part(article, current) == len(article.items):
        raise ReportFileError(f"{Path(doc.path).name} 不像是政府信息公开工作年度报告：没有找到报告标题、"
                              "正文各部分的标题或任何一张统计表")
    if not tables.matched:  # no table at all: the title's year decides, else the current format
        fmt = titled or current
        tables = next(r for r in readings if r.fmt is fmt)
    fmt = tables.fmt
    used = {loc.table for loc in tables.matched.values()} | {e.location.table for e in tables.extras}
    narrative = read_narrative(article, fmt, after_title, used)
    read_contacts(narrative)
    for key, said in (("website_name", doc.site_name), ("website_url", doc.site_url)):
        if said and key not in narrative.contacts:
            narrative.contacts[key] = said  # the page is on that site: where the report is published
    report = Report(
        format_id=fmt.id,
        organ=title.organ if title else "",
        year=title.year if title else None,
        contacts=narrative.contacts,
        paragraphs=narrative.paragraphs,
        values=dict(tables.values),
        choices={**tables.choices, **fee_choices(narrative.paragraphs, fmt)},
    )
    if title is not None and title.location is not None:
        report.locations.update(organ=title.location, year=title.location)
    report.locations.update(narrative.contact_locations)
    report.locations.update({f"section.{n}": loc for n, loc in narrative.sections.items()})
    _drop_generated_text(report)
    imported = Imported(report, tables, title, narrative, titled)
    report.source_findings = tuple(import_findings(imported))
    return imported


def _within(doc: SourceDocument, scope: tuple[int, ...]) -> SourceDocument:
    if not scope:
        return doc
    items = [i for i in doc.items if i.scope[:len(scope)] == scope]
    return replace(doc, items=items)


def _format_of_year(year: int) -> Format | None:
    try:
        return format_for_year(year)
    except UnknownFormat:
        return None  # before the unified formats: the tables alone decide


def _best(readings: list[TablesRead], titled: Format | None) -> TablesRead:
    """The format whose tables the document's fit best; on a tie, the one the title's year asks for."""
    return max(readings, key=lambda r: (round(r.score, 6), r.fmt is titled))


def _drop_generated_text(report: Report) -> None:
    """Text nianbao itself writes from the report's facts (the standard preamble, the fee sentence)
    is not narrative: generating the report again writes it again."""
    from ..content import fee_sentence, standard_preamble

    preamble = [p for p in report.paragraphs if p.section == PREAMBLE]
    if preamble and [p.text for p in preamble] == [p.text for p in standard_preamble(report)]:
        report.paragraphs = [p for p in report.paragraphs if p.section != PREAMBLE]
    sentence = fee_sentence(report)
    if sentence:
        fee_part = [p for p in report.paragraphs if sentence in p.text]
        if fee_part and fee_part[-1].text == sentence:
            report.paragraphs.remove(fee_part[-1])


__all__ = ["SUFFIXES", "Imported", "ReportFileError", "SourceDocument", "SourceTable", "TextBlock", "assemble",
           "import_report", "read_report", "read_source"]
