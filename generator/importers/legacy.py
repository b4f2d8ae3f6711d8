"""Old Word (.doc) and WPS (.wps) documents: converted to .docx by LibreOffice, then read as such."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UnreadableInput
from .source import SourceDocument

CONVERT_SECONDS = 120


class LegacyError(UnreadableInput):
    """An old-format document that cannot be converted here."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: Path) -> SourceDocument:
    from .docx import read_docx

    program = soffice()
    if program is None:
        raise LegacyError(
            f"{path.name} 是旧版 Word/WPS 文档（{path.suffix}），需要 LibreOffice 才能读取，本机没有安装。"
            "请用 Word 或 WPS 打开后“另存为”.docx 文件再导入，或安装 LibreOffice 后重试")
    with tempfile.TemporaryDirectory(prefix="nianbao-") as tmp:
        # A private profile: a LibreOffice the clerk has open would otherwise take the job and exit.
        env = {**os.environ, "HOME": tmp}
        source = Path(tmp) / f"report{path.suffix.lower()}"
        shutil.copyfile(path, source)  # the input is never touched, and odd file names do no harm
        try:
            subprocess.run([program, "--headless", "--convert-to", "docx", "--outdir", tmp, str(source)],
                           check=True, capture_output=True, timeout=CONVERT_SECONDS, env=env)
        except (subprocess.SubprocessError, OSError):
            raise LegacyError(f"LibreOffice 无法转换 {path.name}，文件可能已损坏或不是 Word/WPS 文档") from None
        converted = source.with_suffix(".docx")
        if not converted.exists():
            raise LegacyError(f"LibreOffice 无法转换 {path.name}，文件可能已损坏或不是 Word/WPS 文档")
        doc = read_docx(converted)
    doc.path = str(path)
    return doc
