"""Read cells straight from an .xlsx package: values, formulas with their cached results, bold runs.

openpyxl needs ~140 ms to import and tens of milliseconds to load one of our workbooks; reading
the few sheets we need from the XML takes a few milliseconds (bench/read.py measures both, and
python-calamine, which gives neither formulas nor bold runs). Batch checking and aggregating
thousands of workbooks need that. Only reading lives here; writing stays with openpyxl.
This module knows spreadsheets, not reports.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from .cellref import cell_name, split_ref

# No entity expansion, no network, no huge trees: a hostile file cannot blow up the parser.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_EPOCH = dt.datetime(1899, 12, 30)
# Built-in number formats that show dates or times, the Chinese locale's ones (27–36, 50–58) included.
_DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}

# What the libraries raise on a damaged package. Data this module interprets itself (numbers,
# indexes, references) is validated where it is read and raises XlsxError; our own slips
# (TypeError, KeyError…) are not caught, so a bug of nianbao never passes for a damaged file.
_DAMAGED = (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError)


# More cells than any report has: a sheet past this is refused before it fills the memory.
MAX_CELLS = 100_000


class XlsxError(Exception):
    """The package is not a readable spreadsheet; the reader turns this into a message for the clerk."""


class TooManyCells(XlsxError):
    """A sheet with more cells than MAX_CELLS."""


@dataclass
class XCell:
    value: Any = None  # str, Decimal, bool, datetime, or an error text such as "#REF!"
    formula: str | None = None  # without the leading "="
    runs: list[tuple[str, bool | None]] | None = None  # rich text as (text, bold); None: the cell's font
    bold: bool = False  # the cell's own font is bold
    error: bool = False


@dataclass
class XSheet:
    name: str
    cells: dict[tuple[int, int], XCell] = field(default_factory=dict)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    def rows(self, first: int = 1) -> list[int]:
        """The numbers of the rows that hold cells, from `first` on, in order. A sheet's one cell at
        row 2,000,000,000 is one row here, not two billion to walk."""
        return sorted({r for r, _ in self.cells if r >= first})

    def cell(self, row: int, col: int) -> XCell:
        return self.cells.get((row, col)) or XCell()


class XlsxBook:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.zip = archive
        try:
            self.names = set(self.zip.namelist())
            self._paths = self._sheet_paths()
            self.sheetnames = list(self._paths)
            self._strings = self._shared_strings()
            self._bold_styles, self._date_styles = self._styles()
        except _DAMAGED as e:
            raise XlsxError(f"{type(e).__name__}: {e}") from None
        self._sheets: dict[str, XSheet] = {}

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sheet(self, name: str) -> XSheet:
        if name not in self._sheets:
            try:
                self._sheets[name] = self._read_sheet(name)
            except _DAMAGED as e:
                raise XlsxError(f"{type(e).__name__}: {e}") from None
        return self._sheets[name]

    # --- package parts -------------------------------------------------------------------

    def _read(self, name: str) -> bytes:
        if name not in self.names:
            raise XlsxError(f"missing part {name}")
        try:
            return self.zip.read(name)
        except RuntimeError as e:  # zipfile's word for an encrypted member
            raise XlsxError(str(e)) from None

    def _xml(self, name: str):
        return etree.fromstring(self._read(name), _PARSER)

    def _sheet_paths(self) -> dict[str, str]:
        workbook = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter("{*}Relationship")}
        out = {}
        for s in workbook.iter("{*}sheet"):
            rid = s.get(f"{{{_REL}}}id") or s.get(f"{{{_REL_STRICT}}}id")
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            out[s.get("name") or ""] = path
        return out

    def _stream(self, name: str, tag: str):
        """The elements `tag` of a part, one at a time, each cleared once used: a part of a hundred
        megabytes is read in a few of them."""
        if name not in self.names:
            raise XlsxError(f"missing part {name}")
        try:
            with self.zip.open(name) as stream:
                for _, el in etree.iterparse(stream, tag=tag, resolve_entities=False, no_network=True,
                                             huge_tree=False, remove_comments=True):
                    yield el
                    el.clear(keep_tail=False)
        except RuntimeError as e:  # zipfile's word for an encrypted member
            raise XlsxError(str(e)) from None

    def _shared_strings(self) -> list[list[tuple[str, bool | None]]]:
        if "xl/sharedStrings.xml" not in self.names:
            return []
        strings = []
        for si in self._stream("xl/sharedStrings.xml", "{*}si"):
            strings.append(_runs(si))
            if len(strings) > MAX_CELLS * 8:
                raise TooManyCells("sharedStrings")
        return strings

    def _styles(self) -> tuple[set[int], set[int]]:
        if "xl/styles.xml" not in self.names:
            return set(), set()
        styles = self._xml("xl/styles.xml")
        custom_dates = {
            _int(n.get("numFmtId")) for n in styles.iter("{*}numFmt") if _is_date_code(n.get("formatCode", ""))
        }
        fonts = styles.find("{*}fonts")
        bold_fonts = {i for i, f in enumerate(fonts if fonts is not None else []) if _flag(f.find("{*}b"))}
        xfs = styles.find("{*}cellXfs")
        bold, dates = set(), set()
        for i, xf in enumerate(xfs if xfs is not None else []):
            if _int(xf.get("fontId", "0")) in bold_fonts:
                bold.add(i)
            fmt = _int(xf.get("numFmtId", "0"))
            if fmt in _DATE_FORMAT_IDS or fmt in custom_dates:
                dates.add(i)
        return bold, dates

    def _read_sheet(self, name: str) -> XSheet:
        sheet = XSheet(name)
        shared: dict[str, tuple[str, int, int]] = {}  # shared formula id -> (text, row, col) of its master
        row_no = 0
        for row in self._stream(self._paths[name], "{*}row"):
            row_no = _int(row.get("r")) if row.get("r") else row_no + 1
            col_no = 0
            for c in row.iter("{*}c"):
                ref = c.get("r")
                if ref:
                    try:
                        _, col_no = split_ref(ref)
                    except ValueError:
                        raise XlsxError(f"bad cell reference {ref!r}") from None
                else:
                    col_no += 1
                sheet.cells[(row_no, col_no)] = self._cell(c, row_no, col_no, shared)
            if len(sheet.cells) > MAX_CELLS:
                raise TooManyCells(name)
        return sheet

    def _cell(self, c, row: int, col: int, shared: dict) -> XCell:
        kind = c.get("t", "n")
        style = _int(c.get("s", "0"))
        cell = XCell(bold=style in self._bold_styles)
        f = c.find("{*}f")
        if f is not None:
            text = f.text or ""
            if f.get("t") == "shared":
                si = f.get("si", "")
                if text:
                    shared[si] = (text, row, col)
                elif si in shared:
                    master, mrow, mcol = shared[si]
                    text = _translate(master, cell_name(mrow, mcol), cell_name(row, col))
            cell.formula = text
        v = c.find("{*}v")
        raw = v.text if v is not None else None
        if kind == "s" and raw is not None:
            index = _int(raw)
            if not 0 <= index < len(self._strings):
                raise XlsxError(f"shared string {index} does not exist")
            cell.runs = self._strings[index]
            cell.value = "".join(t for t, _ in cell.runs)
        elif kind == "inlineStr":
            is_ = c.find("{*}is")
            cell.runs = _runs(is_) if is_ is not None else []
            cell.value = "".join(t for t, _ in cell.runs)
        elif raw is None:
            cell.value = None
        elif kind == "b":
            cell.value = raw.strip() in ("1", "true")
        elif kind == "e":
            cell.value, cell.error = raw, True
        elif kind in ("str", "d"):
            cell.value = raw
        else:
            try:
                number = _excel_number(raw)
            except InvalidOperation:
                raise XlsxError(f"bad number {raw[:20]!r}") from None
            if style in self._date_styles and number.is_finite():
                try:
                    cell.value = _EPOCH + dt.timedelta(days=float(number))
                except (OverflowError, ValueError):
                    cell.value = number
            else:
                cell.value = number
        return cell


_EXCEL_DIGITS = 15  # what a spreadsheet keeps and shows of a number


def _excel_number(raw: str) -> Decimal:
    """A stored number as the clerk sees it. Read as text, never through a float, so a whole number
    keeps every digit (9007199254740993 is not …992); a fraction with more digits than a
    spreadsheet keeps is the binary float's noise (482577.93999999999999 for 482577.94) and is
    rounded to the 15 significant digits Excel shows."""
    number = Decimal(raw.strip())
    if number.is_finite() and number != number.to_integral_value():
        digits = len(number.as_tuple().digits)
        if digits > _EXCEL_DIGITS:
            number = round(number, _EXCEL_DIGITS - number.adjusted() - 1).normalize()
    return number


def _int(text: str | None) -> int:
    """An integer attribute of the package; anything else means the file is damaged."""
    try:
        return int(text or "")
    except ValueError:
        raise XlsxError(f"bad integer {str(text)[:20]!r}") from None


def _flag(el) -> bool:
    """<b/>, <b val="1"/> and <b val="true"/> are bold; <b val="0"/> is not."""
    return el is not None and el.get("val", "1") not in ("0", "false")


def _runs(si) -> list[tuple[str, bool | None]]:
    """Text of a shared or inline string as (text, bold) runs; phonetic guides (rPh) are not text.

    A run without its own properties takes the cell's font: its bold is None.
    """
    runs = si.findall("{*}r")
    if not runs:
        t = si.find("{*}t")
        return [((t.text or "") if t is not None else "", None)]
    out = []
    for r in runs:
        rpr = r.find("{*}rPr")
        bold = None if rpr is None else _flag(rpr.find("{*}b"))
        out.append(("".join(t.text or "" for t in r.findall("{*}t")), bold))
    return out


def _is_date_code(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[ymdhs]|年|月|日", code)) and "general" not in code


def _translate(formula: str, origin: str, dest: str) -> str:
    """A shared formula as seen from another cell, translated by openpyxl (string literals, quoted
    sheet names and whole-column ranges included). Imported only here: our own workbooks have no
    shared formulas, so the common read never pays openpyxl's import."""
    from openpyxl.formula.translate import Translator, TranslatorError

    try:
        return Translator("=" + formula, origin).translate_formula(dest).removeprefix("=")
    except TranslatorError:
        raise XlsxError(f"untranslatable shared formula {formula[:40]!r}") from None
