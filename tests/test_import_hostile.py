"""Files that are not reports, or are built to hurt a reader: each ends in one Chinese message or a
reading with its findings, never a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import UserError
from generator.importers import import_report

runner = CliRunner()
TITLE = "<p>某某县人民政府2024年政府信息公开工作年度报告</p>"


def blank_pdf(pages: int) -> bytes:
    """A PDF of empty pages, as a scanner without text recognition leaves it."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{3 + i} 0 R" for i in range(pages)) + f"] /Count {pages} >>",
               *["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()


def zip_bomb(path: Path) -> None:
    """A DOCX whose directory says it unpacks to 4 GB (a real bomb would; the reader must not try)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * 1024)
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (0xFFFFFFFE).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))


CASES = {
    "scan.pdf": (lambda p: p.write_bytes(blank_pdf(2)), "扫描件"),
    "long.pdf": (lambda p: p.write_bytes(blank_pdf(201)), "不像是一份年度报告"),
    "bomb.docx": (zip_bomb, "解压后超过"),
    "deep.html": (lambda p: p.write_text("<html><body>" + "<div>" * 20000 + "</div>" * 20000 + "</body></html>"),
                  "不像是政府信息公开工作年度报告"),
    "binary.html": (lambda p: p.write_bytes(bytes(range(256)) * 100), "不像是政府信息公开工作年度报告"),
}


@pytest.mark.parametrize("name", CASES)
def test_refused_with_one_message(tmp_path, name):
    make, message = CASES[name]
    path = tmp_path / name
    make(path)
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not path.with_suffix(".xlsx").exists()


@pytest.mark.parametrize("table", [
    "<tr><td rowspan=99999999 colspan=99999999>1</td><td colspan=1000000>2</td></tr>" * 50,  # absurd spans
    ("<tr>" + "<td>1</td>" * 3000 + "</tr>") * 30,  # a table no statutory one is like
    "<tr><td>" + "<table><tr><td>" * 200 + "1" + "</td></tr></table>" * 200 + "</td></tr>",  # tables in tables
])
def test_tables_no_report_has_are_read_as_nothing(tmp_path, table):
    path = tmp_path / "odd.html"
    path.write_text(f"<html><body>{TITLE}<table>{table}</table></body></html>", encoding="utf-8")
    try:
        imported = import_report(path)
    except UserError:
        return
    assert {f.code for f in imported.report.source_findings} >= {"IMPORT_TABLE"}
