"""The look shared by every sheet nianbao writes: fonts, fills, borders, protection, A4 printing."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LABEL_FILL = PatternFill("solid", fgColor="E7E6E6")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
UNUSED_FILL = PatternFill("solid", fgColor="BFBFBF")
MARKER_FILL = PatternFill("solid", fgColor="DDEBF7")
ALERT_FILL = PatternFill("solid", fgColor="FCE4D6")  # a row that must catch the eye
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)


def boxed(cell, *, size: float = 10, bold: bool = False, fill: PatternFill | None = None,
          align: Alignment = CENTER, locked: bool = True):
    """A bordered cell in the sheets' face; `fill` None keeps the cell's own background."""
    cell.font = Font(name=FONT_NAME, size=size, bold=bold)
    cell.border = BORDER
    cell.alignment = align
    cell.protection = LOCKED if locked else UNLOCKED
    if fill is not None:
        cell.fill = fill
    return cell


def print_a4(ws: Worksheet, *, landscape: bool = False, title_rows: str | None = None,
             centered: bool = True) -> None:
    """One page wide on A4, as many pages long as it takes, the heading rows on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = centered
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
