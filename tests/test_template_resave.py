"""The README's restyling workflow: a template opened and saved again by LibreOffice still renders."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from docx_text import open_docx, stream
from tests_paths import INPUTS

from generator.document import render_docx
from generator.document.build import TEMPLATE_DIR, template_name
from generator.service import load_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI") != "true":
    pytest.skip("LibreOffice (soffice) is not installed; CI installs it and runs this test", allow_module_level=True)


def test_a_template_resaved_by_libreoffice_renders_the_same_text(tmp_path):
    assert SOFFICE, "CI=true: LibreOffice must be installed for this test"
    source = tmp_path / "src" / template_name("2021")
    source.parent.mkdir()
    shutil.copyfile(TEMPLATE_DIR / template_name("2021"), source)
    out = tmp_path / "resaved"
    subprocess.run([SOFFICE, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    resaved = out / source.name
    assert resaved.exists()
    report = load_report(INPUTS / "example-2021.xlsx")
    ours = [text for kind, text in stream(open_docx(render_docx(report).data)) if text]
    theirs = [text for kind, text in stream(open_docx(render_docx(report, resaved).data)) if text]
    assert theirs == ours
