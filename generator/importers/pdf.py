"""A report as a PDF (from WPS, Word or LibreOffice) -> SourceDocument, through pdfplumber.

Tables are found by their ruling lines; each cell's place and span on the grid come from its box
against the table's column and row edges (pdfplumber gives a merged cell once and None for the
rest). The text outside tables becomes paragraphs: a line that is indented, or that follows a
line ending short of the margin, starts a new one; page numbers are dropped. A table cut by a
page break comes as two tables; the table reader reads them as one stream of rows.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any

from ..errors import UnreadableInput
from ..report import Location, Run
from .fold import despace
from .source import SourceCell, SourceDocument, SourceTable, TextBlock

EDGE_TOLERANCE = 2.0  # points: ruling lines this close are one edge (double lines, thin cells)
_PAGE_NUMBER = re.compile(r"^[\s\-—–－一]*(第\s*)?\d{1,4}(\s*页)?([\s/]*(共\s*)?\d{1,4}\s*页?)?[\s\-—–－一]*$")
# The top and bottom margins of a page (GB/T 9704: 37 and 35 mm of 297), where heads and page numbers sit.
_FOOTER_ZONE = 0.12
MAX_PAGES = 200  # an annual report has a few dozen pages at most; a longer PDF is something else


class PdfError(UnreadableInput):
    """A PDF nianbao cannot open."""


def read_pdf(path: Path) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(str(path))
    except (PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError(f"{path.name} 不是可以读取的 PDF 文件（可能已损坏或设置了密码）") from None
    except Exception as e:  # pdfminer raises bare errors on broken files; the clerk needs one line
        raise PdfError(f"{path.name} 无法作为 PDF 打开（{type(e).__name__}），可能已损坏") from None
    with pdf:
        try:
            return _read(pdf, path)
        except (PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError):
            raise PdfError(f"{path.name} 不是可以读取的 PDF 文件（可能已损坏或设置了密码）") from None


def _read(pdf: Any, path: Path) -> SourceDocument:
    if len(pdf.pages) > MAX_PAGES:
        raise PdfError(f"{path.name} 有{len(pdf.pages)}页，不像是一份年度报告（最多读取{MAX_PAGES}页）")
    placed: list[tuple[int, float, TextBlock | SourceTable]] = []
    lines: list[dict] = []
    tables = 0
    for number, page in enumerate(pdf.pages, start=1):
        # WPS and some printers set bold by drawing each character twice, a hair apart ("规规章章").
        if _doubled(page.chars):
            page = page.dedupe_chars()
        found = [t for t in page.find_tables() if _columns(t) >= 2]
        boxes = [t.bbox for t in found]
        for t in found:
            tables += 1
            placed.append((number, t.bbox[1], SourceTable(_cells(t, _straddling(page.chars, t.cells)), tables,
                                                           number)))
        outside = page.filter(lambda obj, boxes=boxes: obj.get("object_type") != "char" or not any(
            b[0] <= (obj["x0"] + obj["x1"]) / 2 <= b[2] and b[1] <= (obj["top"] + obj["bottom"]) / 2 <= b[3]
            for b in boxes))
        for line in outside.extract_text_lines(return_chars=True, strip=True):
            if _is_page_number(line, page.height):
                continue
            line["page"] = number
            line["edge"] = _near_edge(line, page.height)
            lines.append(line)
    lines = _without_running_heads(lines)
    if not lines and not tables:
        raise PdfError(f"{path.name} 中没有可以读取的文字，可能是扫描件（图片）；"
                       "请找到文字版的报告，或对照原文在工作簿中填写")
    # Tables and paragraphs in reading order: by page, then by height on the page.
    placed += [(b.location.page, top, b) for b, top in _paragraphs(lines)]
    placed.sort(key=lambda x: (x[0], x[1]))
    ordered = [i for _, _, i in placed]
    paragraph = 0
    for item in ordered:
        if isinstance(item, TextBlock):
            paragraph += 1
            item.location = Location(page=item.location.page, paragraph=paragraph)
    return SourceDocument(ordered, str(path))


def _doubled(chars: list[dict]) -> bool:
    """Some character drawn twice at (nearly) the same place; looked for cheaply, since removing
    doubles costs a tenth of a second a page."""
    seen: set[tuple] = set()
    for c in chars:
        keys = {(c["text"], int(c["x0"] + d), int(c["top"] + d)) for d in (0, 0.5)}
        if keys & seen:
            return True
        seen |= keys
    return False


def _columns(table: Any) -> int:
    return len(_edges([x for c in table.cells for x in (c[0], c[2])])) - 1


def _edges(values: list[float]) -> list[float]:
    """Positions of the grid's edges: values within EDGE_TOLERANCE are one edge."""
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > EDGE_TOLERANCE:
            edges.append(v)
    return edges


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


STRADDLING = "未能可靠读取：数字越过了格子的边线，可能与相邻格的数字混在一起"


def _straddling(chars: list[dict], boxes: list[tuple]) -> set[tuple]:
    """Cells whose digits touch or cross their left or right edge: a number too wide for its cell,
    which a reader splits between two cells ("10" read as "1" and "0"). Printed cells keep their
    text a few points inside the lines."""
    out: set[tuple] = set()
    for c in chars:
        if not c["text"].isdigit():
            continue
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        box = next((b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
        if box is not None and (c["x0"] < box[0] + EDGE_TOLERANCE / 2 or c["x1"] > box[2] - EDGE_TOLERANCE / 2):
            out.add(box)
    return out


def _cells(table: Any, straddling: set[tuple]) -> list[list[SourceCell]]:
    """Each row's own cells with their grid place and span, from their boxes."""
    xs = _edges([x for c in table.cells for x in (c[0], c[2])])
    ys = _edges([y for c in table.cells for y in (c[1], c[3])])
    rows: list[list[SourceCell]] = [[] for _ in range(max(0, len(ys) - 1))]
    for row, texts in zip(table.rows, table.extract(), strict=False):
        for box, text in zip(row.cells, texts, strict=False):
            if box is None:
                continue
            col, end = _nearest(xs, box[0]), _nearest(xs, box[2])
            top, bottom = _nearest(ys, box[1]), _nearest(ys, box[3])
            if end <= col or bottom <= top or top >= len(rows):
                continue  # a sliver between double lines, not a cell
            doubt = STRADDLING if box in straddling else ""
            rows[top].append(SourceCell(text or "", top, col, bottom - top, end - col, doubt))
    for row in rows:
        row.sort(key=lambda c: c.col)
    return [row for row in rows if row] or [[]]


def _near_edge(line: dict, height: float) -> bool:
    return line["top"] > height * (1 - _FOOTER_ZONE) or line["bottom"] < height * _FOOTER_ZONE


def _is_page_number(line: dict, height: float) -> bool:
    return _near_edge(line, height) and bool(_PAGE_NUMBER.match(line["text"]))


def _without_running_heads(lines: list[dict]) -> list[dict]:
    """Lines printed at the top or foot of several pages alike (the report's name as a running
    head) are the page's furniture, not its text."""
    pages: dict[str, set[int]] = {}
    for line in lines:
        if line["edge"]:
            pages.setdefault(line["text"], set()).add(line["page"])
    running = {text for text, on in pages.items() if len(on) >= 2}
    return [line for line in lines if not (line["edge"] and line["text"] in running)]


# How a line that ends a paragraph ends: a sentence's last mark, perhaps inside closing quotes.
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*\s*$")
# How a heading or list item starts: 一、 （一） 1. （1）
_NUMBERED = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


def _ends_paragraph(prev: str, line: str) -> bool:
    """A line ending short of the margin ends its paragraph when it ends a sentence, is a numbered
    heading, or the next line opens one; otherwise it is a ragged line (flush-left text, or a line
    cut short before an address too long for it) and the paragraph goes on."""
    return bool(_SENTENCE_END.search(prev) or _NUMBERED.match(prev) or _NUMBERED.match(line))


def _paragraphs(lines: list[dict]) -> list[tuple[TextBlock, float]]:
    """Lines joined into paragraphs: a new one where a line is indented past the margin, or the line
    before it ended a paragraph short of the margin, or a page's text resumes after a table or a gap."""
    if not lines:
        return []
    left = Counter(round(line["x0"]) for line in lines).most_common(1)[0][0]
    right = median(sorted(line["x1"] for line in lines)[len(lines) // 2:])
    size = median(c["size"] for line in lines for c in line["chars"]) or 12
    out: list[tuple[TextBlock, float]] = []
    prev: dict | None = None
    for line in lines:
        short = prev is not None and prev["x1"] < right - 1.5 * size
        new = (prev is None or line["x0"] > left + 0.8 * size
               or (short and _ends_paragraph(_line_text(prev), _line_text(line)))
               or (prev["page"] == line["page"] and line["top"] - prev["bottom"] > 1.6 * size))
        runs = _runs(line["chars"])
        if new or not out:
            out.append((TextBlock(runs, Location(page=line["page"])), line["top"]))
        else:
            block = out[-1][0]
            block.runs = _join(block.runs, runs)
        prev = line
    for block, _ in out:
        block.runs = [Run(despace(r.text), r.bold) for r in block.runs]
    return out


def _line_text(line: dict) -> str:
    return "".join(c["text"] for c in line["chars"])


def _runs(chars: list[dict]) -> list[Run]:
    runs: list[Run] = []
    last: dict | None = None
    for c in chars:
        bold = "bold" in c.get("fontname", "").lower()
        text = c["text"]
        if last is not None and c["x0"] - last["x1"] > 0.25 * c["size"] and not text.isspace():
            text = " " + text  # a gap between words that the PDF drew as space
        if runs and runs[-1].bold == bold:
            runs[-1] = Run(runs[-1].text + text, bold)
        else:
            runs.append(Run(text, bold))
        last = c
    return runs


def _join(a: list[Run], b: list[Run]) -> list[Run]:
    if a and b and a[-1].bold == b[0].bold:
        return [*a[:-1], Run(a[-1].text + b[0].text, b[0].bold), *b[1:]]
    return [*a, *b]
