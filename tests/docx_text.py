"""Reading a generated DOCX back: paragraphs and table cells in document order, XML by name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.table import Table as DocxTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes | Path):
    return Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def part_text(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def tables(doc) -> list[DocxTable]:
    return [item for item in doc.iter_inner_content() if isinstance(item, DocxTable)]


def cell_text(tc) -> str:
    return "".join(el.text or "" if el.tag == f"{W}t" else "\n" for el in tc.iter(f"{W}t", f"{W}br"))


def table_cells(table: DocxTable) -> list[list[str]]:
    """Each row's cells as drawn; a vertically merged cell only in the row where it starts."""
    return [[cell_text(tc) for tc in tr.tc_lst if tc.vMerge != "continue"] for tr in table._tbl.tr_lst]


WORD_JOINER = "\u2060"  # invisible; the report puts it inside web addresses so that no line breaks them


def stream(doc) -> list[tuple[str, str]]:
    """("p", text) for each paragraph and ("cell", text) for each table cell, in order, as read
    (word joiners left out)."""
    out: list[tuple[str, str]] = []
    for item in doc.iter_inner_content():
        if isinstance(item, DocxTable):
            out += [("cell", text) for row in table_cells(item) for text in row]
        else:
            out.append(("p", item.text.replace(WORD_JOINER, "")))
    return out
