"""Hostile and unlucky inputs (issue 11): no silent wrong number, no hang, no device replaced, no
internal error. Each class through real files; the cases are examples of their class."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hostile import copy_example, rewrite_member, set_cell_xml
from openpyxl import load_workbook
from tests_paths import INPUTS, ROOT
from typer.testing import CliRunner

from generator.checks import check
from generator.cli import app
from generator.document import render_docx
from generator.document import sandbox as template_sandbox
from generator.document.build import TEMPLATE_DIR, template_name
from generator.document.engine import TemplateProblem
from generator.service import load_report
from generator.workbook import read_workbook
from generator.workbook.layout import field_cells, info_cells

runner = CliRunner()
NEW_NP = "applications.new.natural_person"
FEE = "active_disclosure.fees.fee_amount"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def typed(tmp_path: Path, key: str, value, name: str = "unit.xlsx") -> Path:
    """The 2021 example with one value typed as a clerk would, through Excel's file format."""
    path = copy_example(tmp_path, name)
    wb = load_workbook(path)
    fmt = read_workbook(path).format
    if key in fmt.fields:
        sheet, row, col = field_cells(fmt)[key]
    else:
        sheet, row = info_cells(fmt)[key]
        col = 2
    wb[sheet].cell(row, col).value = value
    wb.save(path)
    return path


def findings(path: Path, code: str) -> list:
    return [f for f in check(load_report(path)).findings if f.code == code]


# --- 1. no silent wrong number --------------------------------------------------------------------


@pytest.mark.parametrize(("key", "value"), [(NEW_NP, "1,5"), (NEW_NP, "12,34"), (FEE, "12 345,67"), (FEE, "1.234,5")])
def test_a_decimal_comma_or_wrong_grouping_is_refused_at_the_cell(tmp_path, key, value):
    (finding,) = findings(typed(tmp_path, key, value), "R5")
    assert "逗号或空格位置不对" in finding.message and finding.level == "error"


@pytest.mark.parametrize(("key", "value", "number"), [(NEW_NP, "1,234", 1234), (NEW_NP, "１，２３４", 1234),
                                                     (FEE, "12 345.5", 12345.5)])
def test_thousands_grouped_in_threes_are_read(tmp_path, key, value, number):
    report = load_report(typed(tmp_path, key, value))
    assert float(report.values[key].number) == number


@pytest.mark.parametrize("stored", ["9007199254740993", "NaN", "INF", "-Infinity", "1e400", "1" * 400])
def test_numbers_no_float_can_hold_are_named_exactly_at_their_cell(tmp_path, stored):
    path = copy_example(tmp_path)
    set_cell_xml(path, read_workbook(path), NEW_NP, f'<c r="@@"><v>{stored}</v></c>')
    found = findings(path, "R5")
    assert len(found) == 1 and found[0].where.endswith("!D6")
    if stored.isdigit():
        assert stored[:15] in found[0].message  # every digit as stored, never through a float
    assert run("generate", path, "-o", tmp_path / "r.docx").exit_code == 1


def test_a_summary_left_among_the_units_is_not_summed_again(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("seed-2019.xlsx",):
        (folder / name).write_bytes((INPUTS / name).read_bytes())
    first = tmp_path / "上次汇总.xlsx"
    assert run("aggregate", folder, "--organ", "某县", "-o", first).exit_code == 0
    (folder / "上次汇总.xlsx").write_bytes(first.read_bytes())  # the office's earlier summary, filed with the units
    again = tmp_path / "汇总.xlsx"
    result = run("aggregate", folder, "--organ", "某县", "-o", again)
    assert result.exit_code == 1 and "这是汇总工作簿" in result.output
    assert load_report(again).amounts() == load_report(first).amounts()  # nothing counted twice


@pytest.mark.parametrize("variant", ["某某县自然资源局\u200b", "某某县 自然资源局", "\ufeff某某县自然资源局"])
def test_one_organ_spelt_two_ways_is_one_organ(tmp_path, variant):
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(typed(tmp_path, "organ", "某某县自然资源局", "a.xlsx").read_bytes())
    (folder / "b.xlsx").write_bytes(typed(tmp_path, "organ", variant, "b.xlsx").read_bytes())
    result = run("aggregate", folder, "--organ", "某县", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 1 and "出现了2次" in result.output


def test_full_and_half_width_names_are_one_organ(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(typed(tmp_path, "organ", "XX县自然资源局（本级）", "a.xlsx").read_bytes())
    (folder / "b.xlsx").write_bytes(typed(tmp_path, "organ", "ＸＸ县自然资源局(本级)", "b.xlsx").read_bytes())
    assert "出现了2次" in run("aggregate", folder, "--organ", "某县", "-o", tmp_path / "s.xlsx").output


def json_with(tmp_path: Path, change) -> Path:
    data = json.loads((INPUTS / "example-2021.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "数据.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d["narrative"].append({"section": "七", "runs": [{"text": "多出来的一段"}]}), "narrative[9].section 只能是"),
    (lambda d: d["contacts"].update(address="路" * 40000), "contacts.address 太长"),
    (lambda d: d.update(narrative="一段文字"), "narrative 应为列表"),
    (lambda d: d["narrative"][0].update(runs=None), "narrative[0].runs 应为列表"),
    (lambda d: d.update(contacts=["地址"]), "contacts 应为对象"),
    (lambda d: d.update(tables=[1, 2]), "tables 应为对象"),
    (lambda d: d.update(organ={"名称": "某局"}), "organ 应为文字"),
    (lambda d: d.update(year=10**10), "year 的值 10000000000 不在允许的范围内"),
])
def test_json_of_the_wrong_shape_is_refused_by_its_path(tmp_path, change, words):
    result = run("check", json_with(tmp_path, change))
    assert result.exit_code == 2 and words in result.output, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_five_thousand_digit_number_is_named_not_crashed_on(tmp_path):
    data = (INPUTS / "example-2021.json").read_text(encoding="utf-8").replace('"natural_person": 46', '"natural_person": ' + "9" * 5000, 1)
    path = tmp_path / "大数.json"
    path.write_text(data, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 1 and "数字大得不合常理" in result.output and "Traceback" not in result.output


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "深.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2 and "嵌套层数过多" in result.output


# --- 2. text stays text ---------------------------------------------------------------------------


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    def hostile(d):
        d["organ"] = '=HYPERLINK("http://evil.example/","点此")'
        d["contacts"]["address"] = "=1+1"
        d["narrative"][0]["runs"] = [{"text": "=cmd|' /C calc'!A0", "bold": False}]
        d["narrative"][1]["runs"] = [{"text": "@SUM(1)", "bold": True}, {"text": "+2", "bold": False}]

    book = tmp_path / "x.xlsx"
    assert run("template", "--data", json_with(tmp_path, hostile), "-o", book).exit_code == 0
    wb = load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert str(cell.value).startswith(("=SUM(", "=")) and "!" not in str(cell.value)
                    assert "HYPERLINK" not in str(cell.value) and "cmd" not in str(cell.value)
    report = read_workbook(book)
    assert report.organ.startswith("=HYPERLINK") and report.contacts["address"] == "=1+1"
    assert report.paragraphs[0].text == "=cmd|' /C calc'!A0" and report.paragraphs[1].text == "@SUM(1)+2"


def test_every_text_field_written_from_json_is_text(tmp_path):
    data = json.loads((INPUTS / "example-2021.json").read_text(encoding="utf-8"))
    data["organ"] = "=A1"
    data["contacts"] = {k: f"=A{i}" for i, k in enumerate(data["contacts"], 2)}
    for i, p in enumerate(data["narrative"]):
        p["runs"] = [{"text": f"=B{i}", "bold": False}]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "x.xlsx"
    assert run("template", "--data", path, "-o", book).exit_code == 0
    wb = load_workbook(book)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"}
    assert all(str(t).startswith("=SUM(") or "+" in str(t) for t in texts), texts  # only the totals' formulas


# --- 3. hangs and memory --------------------------------------------------------------------------


def test_a_cell_at_row_two_billion_does_not_hang(tmp_path):
    path = copy_example(tmp_path)

    def far(data: bytes) -> bytes:
        return data.replace(b"</sheetData>", b'<row r="2000000000"><c r="B2000000000" t="inlineStr">'
                                              b"<is><t>\xe8\xbf\x9c</t></is></c></row></sheetData>")

    from hostile import sheet_member

    rewrite_member(path, sheet_member(path, "正文"), far)
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)  # a hang would never end; a read takes milliseconds
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr


def test_a_sheet_with_a_million_cells_is_refused_with_a_message(tmp_path):
    path = copy_example(tmp_path)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c></row>' % (r, r, r)
                    for r in range(1000, 61000))

    from hostile import sheet_member

    rewrite_member(path, sheet_member(path, "正文"), lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>"))
    result = run("check", path)
    assert result.exit_code == 2 and "超过 100000 个单元格" in result.output


@pytest.mark.parametrize("attack", [
    "{{ organ * 10**11 }}",
    "{{ 'x' * 100000000 }}",
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{{ organ|replace('', organ * 100000) }}",
    "{{ (organ * 20000)|join(organ * 20000) }}",
    "{% macro f(x) %}{{ f(x ~ x) }}{% endmacro %}{{ f(organ) }}",
    "{{ 2 ** 100000000 }}",
])
def test_a_template_that_would_cost_too_much_is_stopped_and_named(tmp_path, attack):
    template = edited(tmp_path, "{{ organ }}", "{{ organ }}" + attack)
    with pytest.raises(TemplateProblem) as e:
        render_docx(load_report(INPUTS / "example-2021.xlsx"), template)
    assert "mine.docx" in str(e.value) and ("已停止" in str(e.value) or "不允许" in str(e.value))


def test_a_slow_template_is_stopped_in_time(tmp_path, monkeypatch):
    monkeypatch.setattr(template_sandbox, "SECONDS", 1)
    slow = "{% for a in organ %}{% for b in organ %}{% for c in organ %}{% for d in organ %}{% for e in organ %}" \
           "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
    template = edited(tmp_path, "{{ organ }}", "{{ organ }}" + slow)
    report = load_report(INPUTS / "example-2021.xlsx")
    report.organ = "某" * 60
    with pytest.raises(TemplateProblem, match="运行超过1秒"):
        render_docx(report, template)


def test_lipsum_is_not_offered(tmp_path):
    template = edited(tmp_path, "{{ organ }}", "{{ organ }}{{ lipsum(n=100000) }}")
    with pytest.raises(TemplateProblem, match="未知的名称“lipsum”"):
        render_docx(load_report(INPUTS / "example-2021.xlsx"), template)


# --- 5. templates that are broken ------------------------------------------------------------------


def edited(tmp_path: Path, old: str, new: str, member: str = "word/document.xml", encode=None) -> Path:
    out = tmp_path / "mine.docx"
    with zipfile.ZipFile(TEMPLATE_DIR / template_name("2021")) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                text = data.decode().replace(old, new, 1)
                data = encode(text) if encode else text.encode()
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize(("make", "words"), [
    (lambda t: edited(t, "utf-8", "UTF-16", encode=lambda x: x.replace('encoding="UTF-8"', 'encoding="UTF-16"')
                      .encode("utf-16")), "不是 UTF-8 编码"),
    (lambda t: edited(t, "<w:document", '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document'),
     "文档类型定义"),
    (lambda t: edited(t, "{{ organ }}", "{{ organ }}</w:t></w:r></w:p></w:body><w:p><w:r><w:t>"), "不是有效的 Word 文件内容"),
    (lambda t: edited(t, "{{ organ }}", "{% include 'x.docx' %}{{ organ }}"), "引用了其他模板"),
    (lambda t: edited(t, "{{ organ }}", "{% import 'm' as m %}{{ organ }}"), "引用了其他模板"),
    (lambda t: edited(t, "{{ organ }}", "{% extends 'base' %}{{ organ }}"), "引用了其他模板"),
])
def test_a_broken_template_is_named_not_an_internal_error(tmp_path, make, words):
    template = make(tmp_path)
    with pytest.raises(TemplateProblem) as e:
        render_docx(load_report(INPUTS / "example-2021.xlsx"), template)
    assert "mine.docx" in str(e.value) and words in str(e.value)


def test_a_truncated_template_is_named(tmp_path):
    template = tmp_path / "mine.docx"
    template.write_bytes((TEMPLATE_DIR / template_name("2021")).read_bytes()[:5000])
    result = run("generate", INPUTS / "example-2021.xlsx", "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1 and "mine.docx" in result.output and "已损坏" in result.output


# --- 4. outputs --------------------------------------------------------------------------------------


def test_a_fifo_or_a_device_is_never_replaced(tmp_path):
    fifo = tmp_path / "管道.docx"
    os.mkfifo(fifo)
    result = run("generate", INPUTS / "example-2021.xlsx", "-o", fifo, "--force")
    assert result.exit_code == 1 and "不是普通文件" in result.output and fifo.is_fifo()
    result = run("export", INPUTS / "example-2021.xlsx", "-o", "/dev/null", "--force")
    assert result.exit_code == 1 and "不是普通文件" in result.output and Path("/dev/null").is_char_device()


def test_a_file_made_meanwhile_by_another_process_is_never_replaced(tmp_path):
    from generator.errors import OutputError
    from generator.files import write_atomically

    out = tmp_path / "报告.docx"

    def racing_write(tmp: Path) -> None:
        tmp.write_bytes(b"ours")
        out.write_bytes(b"the other process's")  # created after our check, before our move

    with pytest.raises(OutputError, match="文件已存在"):
        write_atomically(out, racing_write)
    assert out.read_bytes() == b"the other process's"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]  # no temporary file left


def test_a_full_disk_is_one_chinese_line(tmp_path, monkeypatch):
    import errno

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    for args in (("generate", INPUTS / "example-2021.xlsx", "-o", tmp_path / "r.docx"),
                 ("template", "--organ", "某局", "--year", "2025", "-o", tmp_path / "x.xlsx")):
        result = run(*args)
        assert result.exit_code == 1 and "磁盘已满" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


# --- 6. malformed values ---------------------------------------------------------------------------


@pytest.mark.parametrize(("escape", "code", "level"), [
    ("_xD800_", "CHARACTERS", "error"), ("_xFFFE_", "CHARACTERS", "error"), ("_x000B_", "CHARACTERS", "warning"),
    ("_x0000_", "CHARACTERS", "warning"), ("\u202e", "CHARACTERS", "warning"),
])
def test_characters_no_report_can_print_are_named_at_their_cell(tmp_path, escape, code, level):
    path = typed(tmp_path, "organ", f"某某县{escape}自然资源局")
    found = findings(path, code)
    assert [(f.level, f.where) for f in found] == [(level, "基本信息!B4")]
    for args in (("export", path, "-o", tmp_path / "x.json"), ("generate", path, "-o", tmp_path / "r.docx")):
        result = run(*args)
        assert result.exit_code in (0, 1) and "程序内部错误" not in result.output, result.output


def test_a_very_long_organ_name_makes_a_valid_file_name(tmp_path):
    path = typed(tmp_path, "organ", "𠀀" * 120)
    result = run("generate", path, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    (written,) = list(tmp_path.glob("*.docx"))
    assert len(written.name.encode()) <= 200


def test_one_damaged_unit_never_stops_aggregate(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "good.xlsx").write_bytes((INPUTS / "example-2021.xlsx").read_bytes())
    bad = folder / "nan.xlsx"
    bad.write_bytes(typed(tmp_path, "organ", "另一个局", "other.xlsx").read_bytes())
    set_cell_xml(bad, read_workbook(bad), NEW_NP, '<c r="@@"><v>NaN</v></c>')
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    result = run("aggregate", folder, "--organ", "某县", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 1 and "程序内部错误" not in result.output
    assert "nan.xlsx" in result.output and "broken.xlsx" in result.output and "已汇总1个单位" in result.output


# --- 7. OpenDocument --------------------------------------------------------------------------------


def test_an_ods_is_named_as_opendocument(tmp_path):
    path = tmp_path / "报表.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    result = run("check", path)
    assert result.exit_code == 2 and "OpenDocument" in result.output and "另存为" in result.output
