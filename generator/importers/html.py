"""A report as a web page (.html/.htm as a CMS serves it, or a fragment) -> SourceDocument, via lxml.

Whole pages come with navigation, sidebars and footers around the article; the reader keeps each
block's enclosing elements (`scope`) so that the narrative step can keep only the element that
holds the report's part headings. Tables pasted from Word (`MsoNormalTable`, `mso-` styles,
`&nbsp;` padding, a span around every digit, rowspans that do not add up) are read cell by cell
with their spans; a table that holds other tables or long text is page layout, read as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UnreadableInput
from ..report import Location, Run
from .fold import despace
from .source import MAX_COLUMNS, SourceDocument, SourceTable, TextBlock, place_cells
from .tables import MAX_ROWS

MAX_BYTES = 20 * 1024 * 1024
LAYOUT_TEXT = 400  # characters: a cell holding more is a page layout cell, not a statistical one
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
           "footer", "nav", "aside", "blockquote", "pre", "dl", "dt", "dd", "form", "center", "main", "table",
           "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "figure", "figcaption", "address", "hr"}
_SKIP = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "select", "option",
         "button", "input", "textarea", "head", "title", "meta", "link", "map", "canvas", "video", "audio"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_TAGS = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SITE = re.compile(r"https?://[^/\s?#]+/?")
_SPAN = re.compile(r"\s*(\d+)")
_WHITESPACE = re.compile(r"\s+")  # Unicode whitespace: &nbsp;, &emsp;, the full-width space


class HtmlError(UnreadableInput):
    """A web page nianbao cannot read."""


def decode(data: bytes) -> str:
    """The page's text: by its BOM, its declared charset, else UTF-8, else GB18030 (what Chinese
    government sites not in UTF-8 use)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def read_html(path: Path) -> SourceDocument:
    import lxml.html
    from lxml import etree

    try:
        if path.stat().st_size > MAX_BYTES:
            raise HtmlError(f"{path.name} 超过 {MAX_BYTES // 1024 // 1024} MB，不像是年度报告的网页，已拒绝读取")
        text = _XML_DECLARATION.sub("", decode(path.read_bytes()))
    except OSError as e:
        raise HtmlError(f"无法读取 {path.name}（{e.strerror}）") from None
    if not text.strip():
        raise HtmlError(f"{path.name} 是空文件")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise HtmlError(f"{path.name} 不是可以读取的网页（HTML）") from None
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root, ())
    walker.flush()
    return SourceDocument(walker.items, str(path), _titles(root), *_site(root))


def _titles(root) -> list[str]:
    """Where pages state the article's title outside it: article metadata, <title>, <h1>."""
    out = []
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("articletitle", "og:title", "title", "dc.title") and meta.get("content"):
            out.append(meta.get("content"))
    out += [t.text_content() for t in root.iter("title")]
    out += [h.text_content() for h in root.iter("h1")]
    return [_WHITESPACE.sub("", t) for t in out if t and t.strip()]


def _site(root) -> tuple[str, str]:
    """The site a page says it belongs to: its name and its address (scheme and host)."""
    name = url = ""
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in ("sitename", "og:site_name") and content and not name:
            name = content
        elif key in ("url", "og:url") and content and not url:
            url = content
    if not url:
        url = next((link.get("href", "") for link in root.iter("link") if link.get("rel") == "canonical"), "")
    m = _SITE.match(url)
    return name, m.group(0) if m else ""


def _span(value: str | None) -> int:
    m = _SPAN.match(value or "")
    return int(m.group(1)) if m else 1


class _Walker:
    """Walks the page in reading order, cutting text into blocks at block elements."""

    def __init__(self) -> None:
        self.items: list[TextBlock | SourceTable] = []
        self.runs: list[Run] = []
        self.scope: tuple[int, ...] = ()
        self.heading = False
        self.tables = 0
        self.paragraphs = 0
        self.elements = 0

    def flush(self) -> None:
        runs = [Run(despace(_WHITESPACE.sub(" ", r.text)), r.bold) for r in self.runs]
        self.runs = []
        if any(r.text.strip() for r in runs):
            self.paragraphs += 1
            self.items.append(TextBlock(runs, Location(paragraph=self.paragraphs), True if self.heading else None,
                                        self.scope))
        self.heading = False

    def text(self, text: str | None, bold: bool, scope: tuple[int, ...]) -> None:
        if not text:
            return
        if not self.runs:
            self.scope = scope
        if self.runs and self.runs[-1].bold == bold:
            self.runs[-1] = Run(self.runs[-1].text + text, bold)
        else:
            self.runs.append(Run(text, bold))

    def walk(self, el, scope: tuple[int, ...], bold: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().rsplit(":", 1)[-1]
        if not tag or tag in _SKIP or _HIDDEN_STYLE.search(el.get("style") or ""):
            return
        bold = bold or tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(el.get("style") or ""))
        self.elements += 1  # a number of its own: lxml's element proxies come and go, and so do their ids
        inner = (*scope, self.elements)
        if tag == "table":
            rows = list(_own_rows(el))
            large = len(rows) > MAX_ROWS or any(len(_own_cells(tr)) > MAX_COLUMNS for tr in rows)
            if large and not any(True for _ in el.iterdescendants("table")):
                return  # no statutory table is this large, and it holds none: not even read
            if not large and not _is_layout(el):
                self.flush()
                self.tables += 1
                self.items.append(SourceTable(place_cells(_rows(rows)), self.tables, scope=inner))
                return
        block = tag in _BLOCKS or tag == "br"
        if block:
            self.flush()
            self.heading = tag in _HEADINGS
        self.text(el.text, bold and tag not in _HEADINGS, inner)
        for child in el:
            self.walk(child, inner, bold)
            self.text(child.tail, bold, inner)
        if block:
            self.flush()


def _own_rows(table):
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("tbody", "thead", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _own_cells(tr):
    return [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _is_layout(table) -> bool:
    """A table that lays out a page: it holds another table, or a cell holds a page of text."""
    if any(True for _ in table.iterdescendants("table")):
        return True
    return any(len(cell.text_content()) > LAYOUT_TEXT for tr in _own_rows(table) for cell in _own_cells(tr))


def _rows(rows) -> list[list[tuple[str, int, int]]]:
    return [[(_cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan"))) for td in _own_cells(tr)]
            for tr in rows]


def _cell_text(td) -> str:
    """A cell's text with its lines (<p>, <br>) kept apart; `&nbsp;` padding is whitespace."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag.lower().rsplit(":", 1)[-1] if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP:
            return
        if tag in _BLOCKS or tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")

    walk(td)
    lines = (_WHITESPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
