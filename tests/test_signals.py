"""Stopping a batch (SIGTERM, as a service manager does, or Ctrl-C): no worker survives, no
half-written file is left, and what was finished is said."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from tests_paths import INPUTS, ROOT


def processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to find the workers")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_stopping_a_batch_leaves_no_worker_and_no_partial_file(tmp_path, how):
    folder = tmp_path / f"batch-{how.name}"
    folder.mkdir()
    for i in range(80):
        shutil.copyfile(INPUTS / ("example-2021.xlsx" if i % 2 else "seed-2019.xlsx"), folder / f"{i:03d}.xlsx")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", "from generator.cli import main; main()", "generate",
                                str(folder), "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out.exists() and any(out.glob("*.docx"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(processes_mentioning(str(folder))) > 1, "the batch should be running on workers"
    os.kill(process.pid, how)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "已取消" in stderr and "Traceback" not in stderr
    deadline = time.monotonic() + 10
    while processes_mentioning(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_mentioning(str(folder)) == []
    written = sorted(out.iterdir())
    assert written and all(p.suffix == ".docx" and not p.name.startswith(".") for p in written)
    for docx in written:
        with zipfile.ZipFile(docx) as z:
            assert z.testzip() is None
    assert len(written) < 80 and stdout.count("已生成：") == len(written)
