"""A new format is one description: register a synthetic one and use every command on it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from docx_text import open_docx, table_cells, tables
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator import formats
from generator.cli import app
from generator.workbook.layout import field_cells, info_cells

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from synthetic_format import FORMAT, NEW_COLUMN, RENAMED_ROW  # noqa: E402

runner = CliRunner()


@pytest.fixture
def registered():
    formats.register(FORMAT)
    yield FORMAT
    formats.unregister(FORMAT.id)


def test_years_follow_from_the_next_format(registered):
    assert formats.last_year(formats.get_format("2021")) == 2023
    assert formats.format_for_year(2023).id == "2021" and formats.format_for_year(2030).id == "2024"
    assert "2021（2021—2023年）" in formats.formats_text() and "2024（2024年起）" in formats.formats_text()


def test_template_fill_check_generate_export(registered, tmp_path):
    book = tmp_path / "新格式.xlsx"
    made = runner.invoke(app, ["template", "--organ", "某某县某某局", "--year", "2025", "-o", str(book)])
    assert made.exit_code == 0, made.output

    # A clerk fills it: contacts, narrative, fees, and one consistent set of numbers in the new column.
    wb = load_workbook(book)
    info = info_cells(FORMAT)
    for key, value in {"office": "某某局办公室", "address": "某路1号", "postcode": "100000", "phone": "12345678",
                       "website_name": "某某县政府网", "website_url": "http://www.example.gov.cn/",
                       "fee_charged": "否"}.items():
        sheet, row = info[key]
        wb[sheet].cell(row, 2).value = value
    text = wb["正文"]
    rows = {str(text.cell(r, 1).value or "")[:2]: r for r in range(1, text.max_row + 1)}
    for part, words in (("一、", "本年度依法公开政府信息。"), ("五、", "问题是公开不够及时。改进措施是加强培训。"),
                        ("六、", "无")):
        text.cell(rows[part] + 1, 2).value = words
    cells = field_cells(FORMAT)
    for key in FORMAT.fields:
        if not FORMAT.fields[key].is_total:
            sheet, row, col = cells[key]
            wb[sheet].cell(row, col).value = 0
    column = NEW_COLUMN[0]
    for row, n in (("new", 3), ("carried_over", 1), ("granted", 2), ("carry_forward", 2)):
        sheet, r, c = cells[f"applications.{row}.{column}"]
        wb[sheet].cell(r, c).value = n
    wb.save(book)

    checked = runner.invoke(app, ["check", str(book)])
    assert checked.exit_code == 0, checked.output

    # A slip in the new column is caught by the rules built for it.
    sheet, r, c = cells[f"applications.carry_forward.{column}"]
    wb[sheet].cell(r, c).value = 5
    wrong = tmp_path / "错.xlsx"
    wb.save(wrong)
    slipped = runner.invoke(app, ["check", str(wrong), "--json"])
    assert slipped.exit_code == 1
    assert {f["code"] for f in json.loads(slipped.stdout)["findings"]} == {"R1"}
    assert "行业协会列" in slipped.stdout

    docx = tmp_path / "报告.docx"
    generated = runner.invoke(app, ["generate", str(book), "-o", str(docx)])
    assert generated.exit_code == 0, generated.output
    grid = table_cells(tables(open_docx(docx))[1])
    assert NEW_COLUMN[1] in grid[2] and [RENAMED_ROW, "0", "0", "0", "0", "0", "1", "0", "1"] in grid

    exported = tmp_path / "数据.json"
    assert runner.invoke(app, ["export", str(book), "-o", str(exported)]).exit_code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "2024" and data["tables"]["applications"]["new"][column] == 3


def test_fields_lists_a_registered_format(registered):
    listed = runner.invoke(app, ["fields", "--format", "2024"])
    assert f"applications.new.{NEW_COLUMN[0]}" in listed.output and RENAMED_ROW in listed.output


def test_help_names_the_formats_of_the_registry():
    # Help texts are made when the command is loaded, from the formats registered then.
    for command in ("template", "fields"):
        help_text = " ".join(runner.invoke(app, [command, "--help"]).output.split())
        assert "2019（2019—2020年）、2021（2021年起）" in help_text.replace(" ", "")
