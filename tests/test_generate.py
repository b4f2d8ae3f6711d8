"""`nianbao generate` as a clerk uses it: one workbook, a refusal on errors, a folder of many."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx_text import open_docx
from typer.testing import CliRunner

from generator.cli import app
from generator.generate import collect_inputs, generate_many

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SEED = INPUTS / "seed-2019.xlsx"
SEED_NAME = "2019年沙坡头区滨河镇人民政府政府信息公开工作年度报告.docx"
runner = CliRunner()


def copy_inputs(tmp_path: Path, *names: str) -> list[Path]:
    return [Path(shutil.copy(INPUTS / name, tmp_path / name)) for name in names]


def broken_json(tmp_path: Path) -> Path:
    data = json.loads((INPUTS / "example-2021.json").read_text(encoding="utf-8"))
    data["tables"]["applications"]["new"]["natural_person"] = 999999  # breaks R1 and R2
    out = tmp_path / "broken.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def test_generate_writes_the_report_beside_the_workbook_with_the_default_name(tmp_path):
    (seed,) = copy_inputs(tmp_path, "seed-2019.xlsx")
    before = seed.read_bytes()
    result = runner.invoke(app, ["generate", str(seed)])
    assert result.exit_code == 0, result.output
    out = tmp_path / SEED_NAME
    assert "已生成报告" in result.output and out.exists()
    assert open_docx(out).paragraphs[0].text == "沙坡头区滨河镇人民政府"
    assert seed.read_bytes() == before


def test_errors_write_nothing_and_exit_1_unless_allowed(tmp_path):
    source = broken_json(tmp_path)
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["generate", str(source), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "错误" in result.output and "未生成报告" in result.output
    result = runner.invoke(app, ["generate", str(source), "-o", str(out), "--allow-errors"])
    assert result.exit_code == 0 and out.exists()
    assert "--allow-errors" in result.output


def test_output_that_is_the_input_or_open_elsewhere_is_refused(tmp_path):
    (source,) = copy_inputs(tmp_path, "example-2021.json")
    before = source.read_bytes()
    result = runner.invoke(app, ["generate", str(source), "-o", str(source)])
    assert result.exit_code == 1 and "输入文件相同" in result.output and source.read_bytes() == before
    out = tmp_path / "报告.docx"
    (tmp_path / "~$报告.docx").write_text("lock")
    result = runner.invoke(app, ["generate", str(source), "-o", str(out)])
    assert result.exit_code == 1 and "打开" in result.output and not out.exists()


def test_a_folder_gives_one_report_each_and_a_bad_file_does_not_stop_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    copy_inputs(folder, "seed-2019.xlsx", "example-2021.xlsx")
    shutil.move(broken_json(tmp_path), folder / "broken.json")
    (folder / "damaged.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    result = runner.invoke(app, ["generate", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "共4个文件：生成2个，失败2个" in result.output
    assert "broken.json" in result.output and "damaged.xlsx" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [SEED_NAME, "2025年云溪县自然资源局政府信息公开工作年度报告.docx"])


def test_two_inputs_of_the_same_organ_and_year_do_not_overwrite_each_other(tmp_path):
    sources = copy_inputs(tmp_path, "seed-2019.xlsx", "seed-2019.json")
    result = generate_many(collect_inputs(sources), tmp_path / "out", workers=2)
    assert not result.failed
    names = sorted(out.name for _, out in result.written)
    assert names == sorted([SEED_NAME, SEED_NAME.replace(".docx", "（2）.docx")])
