"""A report as HTML: the fragment a clerk pastes into a CMS editor's source view, and the standalone page.

Both print what content.py says a report prints (title, preamble, parts, fee sentence, values)
and draw the tables from the format; the page is the fragment's markup with a stylesheet, the
document around it and a scrolling box per table.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..content import Look, Printed, document_title, paragraph_look, printed, styled_runs
from ..formats import Format
from ..report import Paragraph, Report
from .markup import element, plain, text
from .tables import TableMarkup, table_markup

# Heading levels: h1 the title, h2 the parts (一、…), then the clerk's heading lines.
_BLOCK_OF_LOOK = {Look.BODY: "p", Look.HEADING2: "h3", Look.HEADING3: "h4"}


def _runs(p: Paragraph) -> str:
    """The runs of a paragraph: the clerk's bold as <strong>, a run-in （一）…。 heading as <b>."""
    out = []
    for run, look in styled_runs(p):
        html = text(run.text)
        if run.bold:
            html = element("strong", html)
        if look is Look.RUN_IN:
            html = element("b", html)
        out.append(html)
    return "".join(out)


def _paragraph(p: Paragraph) -> str:
    return element(_BLOCK_OF_LOOK[paragraph_look(p)], _runs(p))


def _caption_id(table_id: str) -> str:
    return f"nianbao-{table_id}"


@cache
def _tables(fmt: Format, standalone: bool) -> dict[str, TableMarkup]:
    """Each table's markup by table id, drawn once per format: its labels never change."""
    return {section.table: table_markup(fmt.table(section.table), section.heading,
                                        _caption_id(section.table) if standalone else "")
            for section in fmt.sections if section.table}


def _body(report: Report, content: Printed, standalone: bool) -> str:
    """The article's blocks in the order the DOCX prints them."""
    fmt = report.format
    title = "<br>".join(text(line) for line in content.title if line.strip())
    blocks = [element("h1", title, align="center")]
    blocks += [_paragraph(p) for p in content.preamble]
    for section in fmt.sections:
        blocks.append(element("h2", text(section.heading)))
        blocks += [_paragraph(p) for p in content.sections[section.number]]
        if section.table:
            html = _tables(fmt, standalone)[section.table].fill(content.values)
            if standalone:
                # A box the table scrolls in on a narrow screen; a region, so that a keyboard can scroll it.
                html = element("div", "\n" + html + "\n", class_="table", role="region",
                               aria_labelledby=_caption_id(section.table), tabindex="0")
            blocks.append(html)
    return "\n".join(blocks) + "\n"


def fragment(report: Report, content: Printed | None = None) -> str:
    """The report as HTML to paste into a CMS editor's source view: no class, no style, no script."""
    return _body(report, content or printed(report), standalone=False)


@cache
def _stylesheet() -> str:
    return (resources.files(__package__) / "page.css").read_text(encoding="utf-8")


def page(report: Report, content: Printed | None = None) -> str:
    """The report as a standalone web page: UTF-8, for phones and desktops, printable on A4."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{plain(document_title(report))}</title>\n"
        f"<style>\n{_stylesheet()}</style>\n</head>\n<body>\n<main>\n{_body(report, content or printed(report), True)}"
        "</main>\n</body>\n</html>\n"
    )
