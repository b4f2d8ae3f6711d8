"""Tools for making damaged and odd workbooks, shared by the hostile-input tests and bench/fuzz.py."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from generator.layout import field_cells
from generator.report import Report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "example-2021.xlsx"


def copy_example(tmp: Path, name: str = "unit.xlsx", source: Path = EXAMPLE) -> Path:
    out = tmp / name
    shutil.copyfile(source, out)
    return out


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of the package, as a program that edits the XML by hand would."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(data) if info.filename == member else data)
    tmp.replace(path)


def sheet_member(path: Path, sheet: str) -> str:
    """The package part that holds a sheet, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', workbook).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def set_cell_xml(path: Path, report: Report, key: str, cell_xml: str) -> None:
    """Put raw cell XML (a formula with a cached error, say) at the place of a field."""
    sheet, row, col = field_cells(report.format)[key]
    from generator.layout import cell_name

    ref = cell_name(row, col)

    def change(data: bytes) -> bytes:
        text = data.decode()
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell_xml.replace("@@", ref), text, count=1)
        assert n == 1, ref
        return new.encode()

    rewrite_member(path, sheet_member(path, sheet), change)
