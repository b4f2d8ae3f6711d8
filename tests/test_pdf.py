"""Generated reports open in LibreOffice and convert to PDF (a real reader, not only python-docx)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.document import render_docx
from generator.service import load_report

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

if SOFFICE is None and os.environ.get("CI") != "true":
    pytest.skip("LibreOffice (soffice) is not installed; CI installs it and runs this test", allow_module_level=True)


def test_example_reports_convert_to_pdf(tmp_path):
    assert SOFFICE, "CI=true: LibreOffice must be installed for this test"
    docs = []
    for name in ("seed-2019.xlsx", "example-2021.xlsx"):
        doc = tmp_path / name.replace(".xlsx", ".docx")
        doc.write_bytes(render_docx(load_report(INPUTS / name)).data)
        docs.append(doc)
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, docs)],
                   check=True, capture_output=True, timeout=180, env=env)
    for doc in docs:
        pdf = doc.with_suffix(".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
        pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf.read_bytes()))
        assert pages >= 4  # title and narrative, three tables, sections 五 and 六
