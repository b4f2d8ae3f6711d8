"""`nianbao publish` as a clerk uses it: per report the DOCX and beside it the web files and the PDF;
checks first, never overwrites without --force, still useful where LibreOffice is missing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_text import part_text
from html_grid import expected_grid
from test_html import distinct_report
from tests_paths import INPUTS
from typer.testing import CliRunner

from generator import pdf
from generator.cli import app
from generator.content import document_title
from generator.publish import DOCX, FRAGMENT, PAGE, PDF, paths_beside
from generator.report.jsonio import dumps
from generator.service import load_report

EXAMPLE = "2025年云溪县自然资源局政府信息公开工作年度报告"
runner = CliRunner()


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)


def example(tmp_path: Path) -> Path:
    return Path(shutil.copy(INPUTS / "example-2021.xlsx", tmp_path / "example-2021.xlsx"))


def test_without_libreoffice_everything_else_is_written_and_one_line_says_what_to_do(tmp_path, no_libreoffice):
    source = example(tmp_path)
    before = source.read_bytes()
    result = runner.invoke(app, ["publish", str(source)])
    assert result.exit_code == 0, result.output
    files = paths_beside(tmp_path / f"{EXAMPLE}.docx")
    assert all(files[kind].is_file() for kind in (DOCX, FRAGMENT, PAGE)) and not files[PDF].exists()
    assert files[FRAGMENT].name == f"{EXAMPLE}（网站编辑器源代码）.html"
    (line,) = [line for line in result.output.splitlines() if "LibreOffice" in line]
    assert "安装 LibreOffice" in line and "WPS" in line and "Word" in line
    assert source.read_bytes() == before


def test_the_docx_is_titled_with_the_report(tmp_path, no_libreoffice):
    result = runner.invoke(app, ["publish", str(example(tmp_path))])
    assert result.exit_code == 0, result.output
    core = part_text((tmp_path / f"{EXAMPLE}.docx").read_bytes(), "docProps/core.xml")
    assert f"<dc:title>{document_title(load_report(INPUTS / 'example-2021.xlsx'))}</dc:title>" in core


def test_existing_files_are_never_overwritten_without_force(tmp_path, no_libreoffice):
    source, out = example(tmp_path), tmp_path / "发布"
    assert runner.invoke(app, ["publish", str(source), "-o", str(out)]).exit_code == 0
    page = out / f"{EXAMPLE}.html"
    page.write_text("clerk's own edits", encoding="utf-8")
    result = runner.invoke(app, ["publish", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "文件已存在" in result.output and "--force" in result.output
    assert page.read_text(encoding="utf-8") == "clerk's own edits"
    result = runner.invoke(app, ["publish", str(source), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_report_with_errors_is_not_published(tmp_path, no_libreoffice):
    data = json.loads((INPUTS / "example-2021.json").read_text(encoding="utf-8"))
    data["tables"]["applications"]["new"]["natural_person"] = 999999  # breaks R1 and R2
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["publish", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "相差999953" in result.output  # the findings, as `check` prints them
    assert "有2个错误，未生成" in result.output and not list((tmp_path / "out").iterdir())


def test_a_folder_publishes_each_report_and_a_bad_file_does_not_stop_the_rest(tmp_path, no_libreoffice):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed-2019.xlsx", "example-2021.json"):
        shutil.copy(INPUTS / name, folder / name)
    (folder / "damaged.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    result = runner.invoke(app, ["publish", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "共3个文件：生成2个，失败1个" in result.output and "damaged.xlsx" in result.output
    assert len([p for p in out.iterdir() if p.suffix == ".docx"]) == 2
    assert len([p for p in out.iterdir() if p.name.endswith(FRAGMENT)]) == 2


def test_output_must_be_a_folder(tmp_path, no_libreoffice):
    result = runner.invoke(app, ["publish", str(example(tmp_path)), "-o", str(tmp_path / "报告.docx")])
    assert result.exit_code == 1 and "文件夹" in result.output


def test_a_failed_conversion_is_reported_and_the_rest_is_kept(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(fake))
    result = runner.invoke(app, ["publish", str(example(tmp_path))])
    assert result.exit_code == 1
    assert "未生成 PDF：LibreOffice 转换失败（Error: source file could not be loaded）" in result.output
    assert (tmp_path / f"{EXAMPLE}.html").exists() and not (tmp_path / f"{EXAMPLE}.pdf").exists()


# --- the PDF, with LibreOffice and poppler's tools ---------------------------------------------

TOOLS = [shutil.which(t) for t in ("soffice", "pdffonts", "pdfinfo", "pdftotext")]
needs_tools = pytest.mark.skipif(
    None in TOOLS and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) and poppler-utils are not installed; CI installs them and runs this test",
)


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@needs_tools
def test_pdfs_of_a_batch_come_from_one_libreoffice_start_as_pdfa_with_the_title_and_every_cell(tmp_path, monkeypatch):
    assert None not in TOOLS, "CI=true: LibreOffice and poppler-utils must be installed for this test"
    reports = [distinct_report("2019"), distinct_report("2021")]
    reports[1].organ = "另一个县人民政府办公室"
    folder = tmp_path / "in"
    folder.mkdir()
    for i, report in enumerate(reports):
        (folder / f"{i}.json").write_text(dumps(report), encoding="utf-8")
    starts = []
    real_popen = subprocess.Popen

    def counting(args, *rest, **kwargs):
        starts.append(args)
        return real_popen(args, *rest, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "Popen", counting)
    result = runner.invoke(app, ["publish", str(folder), "-o", str(tmp_path / "out"), "--allow-errors"])
    assert result.exit_code == 0, result.output
    assert len(starts) == 1  # one LibreOffice for the whole batch
    for report in reports:
        out = tmp_path / "out" / f"{report.year}年{report.organ}政府信息公开工作年度报告.pdf"
        fonts = tool("pdffonts", str(out)).splitlines()[2:]
        assert fonts and all(re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", f) for f in fonts)
        assert all(re.search(r"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", f) for f in fonts), fonts  # emb
        info = tool("pdfinfo", str(out))
        assert re.search(r"^Title:\s+(.+)$", info, re.M).group(1) == document_title(report)
        xmp = tool("pdfinfo", "-meta", str(out))
        assert re.search(r"pdfaid:part(>|=\")2", xmp) and document_title(report) in xmp  # PDF/A-2
        text = tool("pdftotext", str(out), "-")
        pieces = text.split()
        for table in report.format.tables:
            for *_, cell in expected_grid(table, report):
                if cell:
                    assert printed_in(re.sub(r"\s", "", cell), pieces), (table.id, cell)


def printed_in(cell: str, pieces: list[str]) -> bool:
    """Whether pdftotext's pieces hold the cell's text: whole, or as its wrapped lines in order, which
    the lines of the cells beside it (or a page break) may come between."""
    for start, piece in enumerate(pieces):
        if not cell.startswith(piece):
            continue
        rest = cell[len(piece):]
        for later in pieces[start + 1:]:
            if not rest:
                break
            if rest.startswith(later):
                rest = rest[len(later):]
        if not rest:
            return True
    return False
