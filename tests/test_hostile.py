"""Bad input never crashes and never loses data: one clear Chinese line, a non-zero exit, input untouched."""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import pytest
from hostile import EXAMPLE, copy_example, rewrite_member, set_cell_xml
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from generator.cli import app
from generator.files import safe_filename
from generator.report.jsonio import loads
from generator.workbook import read as reader
from generator.workbook import read_workbook
from generator.workbook.layout import META_SHEET, field_cells

runner = CliRunner()
NEW_NP = "applications.new.natural_person"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def assert_refused(path: Path, message: str, code: int = 2) -> None:
    """`check` and `export` both refuse with the message, exit non-zero, and leave the file alone."""
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    for args in (("check", path), ("export", path, "-o", path.with_suffix(".json"))):
        result = run(*args)
        assert result.exit_code == code, result.output
        assert message in result.output, result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
    assert not path.with_suffix(".json").exists()
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_not_a_zip(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    assert_refused(path, "不是 Excel 工作簿")


def test_csv_renamed(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("自然人,商业企业\n1,2\n", encoding="utf-8")
    assert_refused(path, "不是 Excel 工作簿")


def test_truncated(tmp_path):
    path = copy_example(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_refused(path, "unit.xlsx")


def test_old_xls_and_encrypted(tmp_path):
    # Both are OLE compound files: the legacy .xls, and an .xlsx saved with an opening password.
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    assert_refused(path, "另存为 .xlsx")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(path.read_bytes())
    assert_refused(locked, "密码")


def test_missing_file_and_folder(tmp_path):
    result = run("check", tmp_path / "nope.xlsx")
    assert result.exit_code == 2 and "找不到文件" in result.output
    result = run("check", tmp_path)
    assert result.exit_code == 2 and "文件夹" in result.output


def test_macro_workbook_is_read_never_run(tmp_path):
    path = copy_example(tmp_path, "unit.xlsm")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 pretend macros")
    assert read_workbook(path).amount("applications.new.total") == 55


def test_other_programs_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    assert_refused(path, "不是由 nianbao 生成")


def test_incompatible_template_version(tmp_path):
    path = copy_example(tmp_path)
    wb = load_workbook(path)
    wb[META_SHEET]["B2"] = 2
    wb.save(path)
    assert_refused(path, "不兼容")


def test_sheets_renamed_deleted_reordered(tmp_path):
    renamed = copy_example(tmp_path, "renamed.xlsx")
    wb = load_workbook(renamed)
    wb["四、复议诉讼"].title = "复议诉讼"
    wb.save(renamed)
    assert_refused(renamed, "缺少工作表“四、复议诉讼”")

    deleted = copy_example(tmp_path, "deleted.xlsx")
    wb = load_workbook(deleted)
    del wb["正文"]
    wb.save(deleted)
    assert_refused(deleted, "缺少工作表“正文”")

    reordered = copy_example(tmp_path, "reordered.xlsx")
    wb = load_workbook(reordered)
    wb.move_sheet("四、复议诉讼", offset=-4)
    wb.save(reordered)
    assert read_workbook(reordered).amount("review_litigation.review.total") == 4


def test_rows_inserted_into_a_table(tmp_path):
    path = copy_example(tmp_path)
    wb = load_workbook(path)
    wb["二、主动公开"].insert_rows(6)
    wb.save(path)
    assert_refused(path, "结构被改动")


def test_formula_errors_in_input_and_total_cells(tmp_path):
    path = copy_example(tmp_path)
    report = read_workbook(path)
    set_cell_xml(path, report, NEW_NP, '<c r="@@" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    set_cell_xml(path, report, "applications.new.total", '<c r="@@" t="e"><f>SUM(#REF!)</f><v>#REF!</v></c>')
    set_cell_xml(path, report, "applications.new.business", '<c r="@@" t="e"><v>#VALUE!</v></c>')
    back = read_workbook(path)
    assert "#DIV/0!" in back.values[NEW_NP].problem
    assert "#REF!" in back.values["applications.new.total"].problem
    assert "#VALUE!" in back.values["applications.new.business"].problem
    result = run("check", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "【三、依申请公开】" in result.output and "D6" in result.output and "J6" in result.output


def test_formula_without_cached_value(tmp_path):
    path = copy_example(tmp_path)
    wb = load_workbook(path)
    sheet, row, col = field_cells(read_workbook(path).format)[NEW_NP]
    wb[sheet].cell(row, col).value = "=40+6"
    wb.save(path)  # saved by a library: formulas have no cached result
    result = run("check", path)
    assert result.exit_code == 1 and "没有计算结果" in result.output


@pytest.mark.parametrize("value", [dt.datetime(2025, 3, 1), True, -3, 2.5, "12件"])
def test_odd_values_in_count_cells(tmp_path, value):
    path = copy_example(tmp_path)
    wb = load_workbook(path)
    sheet, row, col = field_cells(read_workbook(path).format)[NEW_NP]
    wb[sheet].cell(row, col).value = value
    wb.save(path)
    result = run("check", path)
    assert result.exit_code == 1, result.output  # each is wrong in a count, and said at its cell
    assert "【三、依申请公开】" in result.output and " D6 " in result.output and "Traceback" not in result.output
    exported = tmp_path / "x.json"
    assert run("export", path, "-o", exported).exit_code == 0
    assert run("template", "--data", exported, "-o", tmp_path / "again.xlsx").exit_code == 0


def test_absurd_unpacked_size_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 1024 * 1024)
    path = copy_example(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    assert_refused(path, "解压后超过 1 MB")


def test_xml_entities_are_not_expanded(tmp_path):
    path = copy_example(tmp_path)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')

    def change(data: bytes) -> bytes:
        return bomb + data.split(b"?>", 1)[1].replace(b"<t>", b"<t>&c;", 1)

    rewrite_member(path, "xl/sharedStrings.xml", change)
    result = run("check", path)
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output


def test_long_paragraph_and_strange_characters(tmp_path):
    data = json.loads((EXAMPLE.with_suffix(".json")).read_text(encoding="utf-8"))
    strange = "控制\x01\x0b字符\u200b零宽\u200f从右到左\U0001f600表情<&>\"'{{ x }}{% if %}"
    data["narrative"][0]["runs"][0]["text"] = "长" * 100_000
    data["narrative"][1]["runs"][0]["text"] = strange + "_x0041_"
    data["organ"] = "../某局/\u200b:*?<>|"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "odd.xlsx"
    # Excel cells hold at most 32,767 characters: refuse clearly rather than cut what the clerk wrote.
    result = run("template", "--data", path, "-o", out)
    assert result.exit_code == 1 and "32767" in result.output and not out.exists()
    data["narrative"][0]["runs"][0]["text"] = "长" * 30_000
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run("template", "--data", path, "-o", out).exit_code == 0
    back = read_workbook(out)
    assert back.paragraphs[1].text == strange + "_x0041_"
    assert back.paragraphs[0].text == loads(path.read_text(encoding="utf-8")).paragraphs[0].text
    assert back.organ == data["organ"]


def test_safe_file_names():
    for organ in ("../某局", "a/b\\c", "某局:*?\"<>|", "CON", "某\u200b局\u200f", "..", "\x00\x01"):
        name = safe_filename(f"2025年{organ}政府信息公开工作年度报告.docx")
        assert "/" not in name and "\\" not in name and ".." not in name.removesuffix(".docx")
        assert not set(name) & set(':*?"<>|') and name.isprintable() and name.endswith(".docx")
        assert name.split(".")[0].upper() != "CON"


def test_output_folder_missing_is_made_but_a_file_in_the_way_is_refused(tmp_path):
    result = run("export", EXAMPLE, "-o", tmp_path / "nowhere" / "x.json")
    assert result.exit_code == 0 and (tmp_path / "nowhere" / "x.json").exists()
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = run("template", "--organ", "某局", "--year", "2025", "-o", blocker / "x.xlsx")
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_output_open_in_another_program(tmp_path):
    out = tmp_path / "x.json"
    out.write_text("{}")
    (tmp_path / ".~lock.x.json#").write_text("held by LibreOffice")
    result = run("export", EXAMPLE, "-o", out)
    assert result.exit_code != 0 and "正被其他程序" in result.output
    assert out.read_text() == "{}"


def test_output_same_as_input(tmp_path):
    path = copy_example(tmp_path)
    before = path.read_bytes()
    result = run("export", path, "-o", path)
    assert result.exit_code != 0 and "不能与输入文件相同" in result.output
    assert path.read_bytes() == before


def test_outputs_are_not_private(tmp_path):
    out = tmp_path / "x.json"
    assert run("export", EXAMPLE, "-o", out).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as any other program would create it, not 0600


def test_generate_into_a_missing_folder_makes_it(tmp_path):
    for output in (tmp_path / "out", tmp_path / "new" / "报告.docx"):
        result = run("generate", EXAMPLE, "-o", output)
        assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1 and (tmp_path / "new" / "报告.docx").exists()


@pytest.mark.parametrize("attack", [
    "{{ organ.__class__.__mro__ }}",
    "{{ v.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__ }}",
    "{{ organ|attr('__class__') }}",
    "{{ self._TemplateReference__context }}",
    "{% set x = ''.__class__.__base__.__subclasses__() %}{{ x }}",
])
def test_custom_template_cannot_reach_python(tmp_path, attack):
    from generator.document.build import TEMPLATE_DIR, template_name

    mine = tmp_path / "mine.docx"
    with zipfile.ZipFile(TEMPLATE_DIR / template_name("2021")) as src, zipfile.ZipFile(mine, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.decode().replace("{{ organ }}", attack.replace("'", "&apos;"), 1).encode()
            dst.writestr(info, data)
    out = tmp_path / "report.docx"
    result = run("generate", EXAMPLE, "-o", out, "--template", mine)
    assert result.exit_code != 0 and "mine.docx" in result.output and "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".nianbao-*"))


def test_huge_count_is_named_at_its_cell(tmp_path):
    path = copy_example(tmp_path)
    wb = load_workbook(path)
    sheet, row, col = field_cells(read_workbook(path).format)[NEW_NP]
    wb[sheet].cell(row, col).value = 10**20
    wb.save(path)
    result = run("check", path)
    assert result.exit_code == 1 and " D6 " in result.output and "大得不合常理" in result.output
