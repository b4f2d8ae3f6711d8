"""A report as a Word document (.docx, from Word or WPS) -> SourceDocument.

Read from the WordprocessingML through python-docx's parser: body paragraphs and tables in order,
merged cells from `w:gridSpan` and `w:vMerge`, bold from a run's own formatting or its character
style (a heading's style is its look, not emphasis), headings from the paragraph style's outline
level. Text boxes, deleted revisions and the content of nested tables are not report text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import UnreadableInput
from ..report import Location, Run
from .source import MAX_COLUMNS, SourceCell, SourceDocument, SourceTable, TextBlock

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Runs that are not the document's text: deleted or moved-away revisions, text boxes (drawn over the page).
_NOT_TEXT = (f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent")


class DocxError(UnreadableInput):
    """Not a Word document nianbao can read."""


def read_docx(path: Path) -> SourceDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED_BYTES:
                raise DocxError(f"{path.name} 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，"
                                "不像是年度报告，已拒绝读取")
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise DocxError(f"{path.name} 不是 Word 文档（.docx），可能已损坏或是改了扩展名的其他文件") from None
    styles = _Styles(document)
    items: list[TextBlock | SourceTable] = []
    paragraphs = tables = 0
    for element in _body_elements(document.element.body):
        if element.tag == f"{_W}p":
            paragraphs += 1
            runs = _runs(element, styles)
            if any(r.text.strip() for r in runs):
                items.append(TextBlock(runs, Location(paragraph=paragraphs), styles.heading(element)))
        else:
            tables += 1
            items.append(SourceTable(_table_rows(element), tables))
    return SourceDocument(items, str(path))


def _body_elements(body):
    """Paragraphs and tables of the body in order, through content controls (w:sdt) and through
    tables that only lay out the page (a table holding tables: its cells are read as the body)."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}tbl":
            if child.find(f"{_W}tr/{_W}tc/{_W}tbl") is None:
                yield child
            else:
                for tc in child.iterfind(f"{_W}tr/{_W}tc"):
                    yield from _body_elements(tc)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


class _Styles:
    """What paragraph and character styles say: bold (character styles), outline level (paragraphs)."""

    def __init__(self, document) -> None:
        self.bold: set[str] = set()
        self.headings: set[str] = set()
        self.body: set[str] = set()
        try:
            styles = document.styles.element
        except (KeyError, ValueError):
            return
        for s in styles.iterchildren(f"{_W}style"):
            style_id = s.get(f"{_W}styleId", "")
            kind = s.get(f"{_W}type", "")
            if kind == "character" and _on(s.find(f"{_W}rPr/{_W}b")):
                self.bold.add(style_id)
            elif kind == "paragraph":
                level = s.find(f"{_W}pPr/{_W}outlineLvl")
                name = s.find(f"{_W}name")
                name_text = (name.get(f"{_W}val", "") if name is not None else "").lower()
                if (level is not None and level.get(f"{_W}val") not in (None, "9")) or \
                        name_text.startswith(("heading", "标题")) or name_text == "title":
                    self.headings.add(style_id)
                else:
                    self.body.add(style_id)

    def heading(self, p) -> bool | None:
        """True for a heading style or outline level, False for a body style, None when unstyled."""
        ppr = p.find(f"{_W}pPr")
        level = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
        if level is not None and level.get(f"{_W}val") not in (None, "9"):
            return True
        style = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style_id = style.get(f"{_W}val", "") if style is not None else ""
        if style_id in self.headings:
            return True
        return False if style_id in self.body else None


def _on(element) -> bool:
    """A toggle property (w:b) that is present and not switched off."""
    return element is not None and element.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _runs(p, styles: _Styles) -> list[Run]:
    runs: list[Run] = []
    for r in p.iter(f"{_W}r"):
        if _inside(r, p, _NOT_TEXT):
            continue
        rpr = r.find(f"{_W}rPr")
        bold = False
        if rpr is not None:
            b = rpr.find(f"{_W}b")
            style = rpr.find(f"{_W}rStyle")
            bold = _on(b) if b is not None else (style is not None and style.get(f"{_W}val") in styles.bold)
        text = "".join(_run_text(r))
        if not text:
            continue
        if runs and runs[-1].bold == bold:
            runs[-1] = Run(runs[-1].text + text, bold)
        else:
            runs.append(Run(text, bold))
    return runs


def _inside(element, stop, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _run_text(r):
    for child in r.iterchildren():
        if child.tag == f"{_W}t":
            yield child.text or ""
        elif child.tag == f"{_W}tab":
            yield "\t"
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"


def _table_rows(tbl) -> list[list[SourceCell]]:
    """Each row's own cells on the table grid (w:gridBefore, w:gridSpan); a vertical merge's
    continuation cells are dropped and counted into the rowspan of the cell where it starts."""
    grid: list[list[tuple[int, int, str, bool]]] = []  # per row: (col, colspan, text, continues)
    for tr in tbl.iterchildren(f"{_W}tr"):
        row = []
        trpr = tr.find(f"{_W}trPr")
        before = trpr.find(f"{_W}gridBefore") if trpr is not None else None
        col = _int(before, 0)
        for tc in _cells(tr):
            tcpr = tc.find(f"{_W}tcPr")
            colspan = max(1, min(_int(tcpr.find(f"{_W}gridSpan") if tcpr is not None else None, 1), MAX_COLUMNS))
            vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            continues = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
            row.append((col, colspan, _cell_text(tc), continues))
            col += colspan
        grid.append(row)
    continuing = [{col for col, _, _, cont in row if cont} for row in grid]
    rows: list[list[SourceCell]] = []
    for r, row in enumerate(grid):
        out = []
        for col, colspan, text, continues in row:
            if continues:
                continue
            rowspan = 1
            while r + rowspan < len(grid) and col in continuing[r + rowspan]:
                rowspan += 1
            out.append(SourceCell(text, r, col, rowspan, colspan))
        rows.append(out)
    return rows


def _int(element, default: int) -> int:
    try:
        return int(element.get(f"{_W}val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _cells(tr):
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from content.iterchildren(f"{_W}tc")


def _cell_text(tc) -> str:
    lines = []
    for p in tc.iterchildren(f"{_W}p"):
        lines.append("".join(t for r in p.iter(f"{_W}r") if not _inside(r, p, _NOT_TEXT) for t in _run_text(r)))
    return "\n".join(lines)
