"""DOCX -> PDF with LibreOffice: PDF/A-2b (every font embedded, the document's title as the PDF's),
many documents in one start of LibreOffice, which costs seconds each time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError

# PDF/A-2b: fonts embedded, metadata (the title) in the file; "2" is the filter's value for PDF/A-2.
PDFA_EXPORT = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
MISSING = ("没有找到 LibreOffice，未生成 PDF（其他文件已生成）：请安装 LibreOffice"
           "（https://zh-cn.libreoffice.org/ ，免费）后重新运行，或用 WPS、Word 打开生成的 .docx，另存为（输出为）PDF")
# LibreOffice's first start with a fresh profile takes a few seconds; each document far less.
START_SECONDS = 120
SECONDS_PER_DOCUMENT = 30

# Where the installers put it, for machines where it is not on PATH (Windows never is).
_INSTALLED = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.com",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.com",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path("/opt/libreoffice/program/soffice"),
)


class LibreOfficeMissing(UserError):
    def __init__(self) -> None:
        super().__init__(MISSING)


def find_soffice() -> str | None:
    """The LibreOffice program: on PATH, else where its installer puts it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _INSTALLED if p.is_file()), None)


@dataclass
class Converted:
    """PDFs by the index of their DOCX; why the others are missing."""

    pdfs: dict[int, bytes] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)


def convert(documents: Sequence[bytes], soffice: str | None = None) -> Converted:
    """Convert each DOCX (as bytes) to PDF/A in one LibreOffice start.

    LibreOffice runs with a profile of its own, so that a copy the clerk has open neither takes
    the job over nor gets in its way. Raises LibreOfficeMissing when it is not installed.
    """
    soffice = soffice or find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    converted = Converted()
    if not documents:
        return converted
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        # Numbered copies: two reports of one organ and year may share a name, and LibreOffice
        # names each PDF after its document in one output folder.
        sources = []
        for i, data in enumerate(documents):
            source = work / "in" / f"{i}.docx"
            source.write_bytes(data)
            sources.append(str(source))
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", PDFA_EXPORT, "--outdir", str(work / "out"), *sources]
        problem = _run(command, START_SECONDS + SECONDS_PER_DOCUMENT * len(documents))
        for i in range(len(documents)):
            pdf = work / "out" / f"{i}.pdf"
            if pdf.is_file() and pdf.stat().st_size:
                converted.pdfs[i] = pdf.read_bytes()
            else:
                converted.failures[i] = problem or "LibreOffice 没有生成 PDF（文件可能无法打开）"
    return converted


def _run(command: list[str], timeout: float) -> str:
    """Run LibreOffice to the end or the time limit; '' when it ended by itself, else why not."""
    new_group = {"start_new_session": True} if sys.platform != "win32" else {}
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, **new_group)
    except OSError as e:
        return f"无法启动 LibreOffice（{e.strerror}）"
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        return f"LibreOffice 在 {timeout:.0f} 秒内没有完成转换"
    if process.returncode:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"退出码 {process.returncode}"]
        return f"LibreOffice 转换失败（{last[0][:200]}）"
    return ""


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and the helper processes it started (it runs in a group of its own)."""
    if sys.platform != "win32":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.communicate()
