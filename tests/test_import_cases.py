"""Published reports as they really come, made from the examples: blank cells for zero, WPS's
DOCX, Word pasted into a CMS page with merges the editor lost, the 2019 format, local variants
of the labels, rows the format does not have, cells that are not numbers, a table left out."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from published import (
    SOFFICE,
    article_html,
    as_wps_writes,
    blank_zeros,
    convert,
    docx_bytes,
    edit_docx,
    in_a_layout_table,
    narrative_by_part,
    page_html,
    table_html,
    text_pdf,
)
from typer.testing import CliRunner

from generator.checks import check
from generator.cli import app
from generator.content import full_width_numbering, printed
from generator.importers import import_report
from generator.importers.run import assess
from generator.report.jsonio import to_json
from generator.service import load_report

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
runner = CliRunner()


@pytest.fixture
def example():
    return load_report(INPUTS / "example-2021.xlsx")


@pytest.fixture
def seed():
    """The seed as printed (its "(一)" prints "（一）"): what a page made from it says."""
    report = load_report(INPUTS / "seed-2019.xlsx")
    for p in report.paragraphs:
        for run in p.runs:
            run.text = full_width_numbering(run.text)
    return report


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_bytes(data.encode("gb18030"))  # the page declares gb2312, as many county sites do
    else:
        path.write_bytes(data)
    return path


def codes(report) -> list[str]:
    return sorted(f.code for f in check(report).findings)


def same_findings(imported, original) -> None:
    """The reading adds nothing to what checking the original says (the seed's own half-width
    brackets, say)."""
    assert sorted((f.code, f.key) for f in check(imported).findings) == \
        sorted((f.code, f.key) for f in check(original).findings)


def amounts_equal(got, want) -> None:
    assert got.format_id == want.format_id
    assert {k: v.number for k, v in got.values.items()} == {k: v for k, v in want.amounts().items()}


def test_blank_cells_for_zero_stay_blank_and_say_where(tmp_path, example):
    path = write(tmp_path, "blank.docx", edit_docx(docx_bytes(example), blank_zeros))
    imported = import_report(path)
    zeros = [k for k, n in example.amounts().items() if n == 0]
    assert zeros
    for key in zeros:
        v = imported.report.values[key]
        assert v.blank and v.number is None and v.location.table and v.location.row  # blank is not 0
    assert all(imported.report.values[k].number == n for k, n in example.amounts().items() if n)
    found = check(imported.report).findings
    assert {f.code for f in found} == {"BLANK"}  # the rules hold with blanks as 0; nothing else to say
    assert sum(f.details["count"] for f in found) == len(zeros)
    assert assess(imported, check(imported.report)).clean


def test_docx_as_wps_writes_it(tmp_path, example):
    path = write(tmp_path, "wps.docx", edit_docx(docx_bytes(example), as_wps_writes))
    imported = import_report(path).report
    amounts_equal(imported, example)
    assert (imported.organ, imported.year) == (example.organ, example.year)
    assert to_json(imported)["narrative"] == to_json(example)["narrative"]
    same_findings(imported, example)


def test_docx_framed_in_a_layout_table(tmp_path, example):
    path = write(tmp_path, "framed.docx", edit_docx(docx_bytes(example), in_a_layout_table))
    imported = import_report(path).report
    amounts_equal(imported, example)
    assert to_json(imported)["narrative"] == to_json(example)["narrative"]


def test_word_pasted_page_with_lost_merges_in_a_whole_cms_page(tmp_path, example):
    tables = {"applications": table_html(example, "applications", rowspans={
        "（三）不予公开": 1,  # the editor lost this merge: its sub-rows sit one cell to the left
        "（四）无法提供": 4,  # and made this one too long: the next row sits one cell to the right
    })}
    others = ("某某县人民政府2024年政府信息公开工作年度报告", "某某县人民政府2023年政府信息公开工作年度报告")
    page = page_html(example, article_html(example, tables), other_reports=others)
    imported = import_report(write(tmp_path, "page.html", page))
    report = imported.report
    assert (report.organ, report.year) == (example.organ, example.year)  # not a link in the sidebar
    amounts_equal(report, example)
    assert narrative_by_part(report) == narrative_by_part(example)
    assert [r.bold for p in report.paragraphs for r in p.runs] == \
        [r.bold for p in example.paragraphs for r in p.runs]
    assert report.contacts["website_url"] == example.contacts["website_url"]  # the preamble's, not the page's
    same_findings(report, example)


def test_2019_format_is_told_by_the_tables_and_its_unit_read_from_the_cell(tmp_path, seed):
    page = page_html(seed, article_html(seed))
    imported = import_report(write(tmp_path, "2019.htm", page))
    report = imported.report
    assert report.format_id == "2019" and report.year == 2019
    amounts_equal(report, seed)
    assert report.choice_text("procurement_unit") == "元"
    assert report.values["active_disclosure.procurement.procurement_amount"].number == Decimal("266900")
    same_findings(report, seed)


def test_tables_of_one_format_under_a_title_of_another_year(tmp_path, seed):
    page = page_html(seed, article_html(seed), title="沙坡头区滨河镇人民政府2021年政府信息公开工作年度报告")
    report = import_report(write(tmp_path, "late.html", page)).report
    assert report.format_id == "2019" and report.year == 2021  # read as printed, not forced into 2021
    assert {"IMPORT_FORMAT", "FORMAT_YEAR"} <= set(codes(report))


def test_local_variants_of_the_labels(tmp_path, example):
    labels = {"行政规范性文件": "规范性文件", "（一）予以公开": "(一)予以公开",
              "一、本年新收政府信息公开申请数量": "一、本年新收政府信息\n公开申请数量",
              "3.补正后申请内容仍不明确": "3、补正后申请内容不明确",  # 、 and a word missing
              "本年收费金额（单位：万元）": "本年收费金额(万元)"}
    values = {"active_disclosure.fees.fee_amount": "126.48万元"}
    tables = {t.id: table_html(example, t.id, labels=labels, values=values, digit_spans=False)
              for t in example.format.tables}
    report = import_report(write(tmp_path, "variants.html", page_html(example, article_html(example, tables)))).report
    amounts_equal(report, example)
    same_findings(report, example)


def test_what_cannot_be_read_is_said_not_guessed(tmp_path, example):
    other = [f.key for f in example.format.table("applications").fields if f.row.startswith("other.")]
    row = "".join(f"<td>{t}</td>" for t in ("其他主动公开文件", "5", "0", "5"))
    tables = {
        "active_disclosure": table_html(example, "active_disclosure", extra_rows=[f"<tr>{row}</tr>"]),
        "applications": table_html(example, "applications",
                                   values={"applications.new.business": "五件", "applications.new.research": "—"}),
    }
    body = article_html(example, tables)
    imported = import_report(write(tmp_path, "odd.html", page_html(example, body)))
    report = imported.report
    assert report.values["applications.new.business"].raw == "五件"
    assert report.values["applications.new.business"].number is None
    assert report.values["applications.new.research"].blank  # a dash prints nothing
    assert imported.tables.dashes == 1
    found = check(report).findings
    extra = [f for f in found if f.code == "IMPORT_EXTRA"]
    assert len(extra) == 1 and "其他主动公开文件" in extra[0].message and extra[0].location.row == 15
    unread = [f for f in found if f.code == "R5"]
    assert len(unread) == 1 and unread[0].location.table == 2 and "五件" in unread[0].message
    a = assess(imported, check(report))
    assert not a.clean and a.unread == 1 and len(a.reasons) == 2
    assert all(report.values[k].number == example.amounts()[k] for k in other)


def test_other_handling_printed_as_one_row_in_a_2021_table(tmp_path, seed, example):
    # A 2021 report whose table 三 prints （六）其他处理 as one row, as the 2019 format did.
    tables = {"applications": table_html(seed, "applications")}
    page = page_html(example, article_html(example, tables))
    imported = import_report(write(tmp_path, "merged.html", page))
    report = imported.report
    assert report.format_id == "2021"
    merged = [f for f in check(report).findings if f.code == "IMPORT_MERGED"]
    assert len(merged) == 1 and "（六）其他处理" in merged[0].message
    sub_rows = [f.key for f in report.format.table("applications").fields if f.row.startswith("other.")]
    assert all(report.values[k].number is None and "只印了一行合计" in report.values[k].problem for k in sub_rows)
    assert report.values["applications.granted.total"].number == seed.amounts()["applications.granted.total"]
    assert not assess(imported, check(report)).clean


def test_a_table_left_out_is_reported_once_not_cell_by_cell(tmp_path, example):
    tables = {"review_litigation": "<p>（本年度无行政复议、行政诉讼。）</p>"}
    imported = import_report(write(tmp_path, "short.html", page_html(example, article_html(example, tables))))
    found = check(imported.report).findings
    assert [f.code for f in found] == ["IMPORT_TABLE"]
    assert "四、政府信息公开行政复议、行政诉讼情况" in found[0].message
    assert all(v.number is None and v.problem for k, v in imported.report.values.items()
               if k.startswith("review_litigation."))


def test_files_that_are_not_reports(tmp_path):
    broken = {"a.pdf": b"%PDF-1.4 not really", "b.docx": b"PK\x03\x04 broken", "c.html": b""}
    for name, data in broken.items():
        result = runner.invoke(app, ["import", str(write(tmp_path, name, data))])
        assert result.exit_code == 2 and "错误" in result.output and "Traceback" not in result.output
    page = write(tmp_path, "news.html", "<html><body><p>今日新闻</p><table><tr><td>1</td></tr></table></body></html>")
    result = runner.invoke(app, ["import", str(page)])
    assert result.exit_code == 2 and "不像是政府信息公开工作年度报告" in result.output
    missing = runner.invoke(app, ["import", str(tmp_path / "none.pdf")])
    assert missing.exit_code == 2 and "找不到" in missing.output
    text = write(tmp_path, "report.txt", b"x")
    assert "只能导入" in runner.invoke(app, ["import", str(text)]).output


def test_old_word_documents_need_libreoffice(tmp_path, monkeypatch, example):
    import generator.importers.legacy as legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)
    result = runner.invoke(app, ["import", str(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0"))])
    assert result.exit_code == 2 and "LibreOffice" in result.output and "另存为" in result.output


@pytest.mark.skipif(SOFFICE is None and os.environ.get("CI") != "true",
                    reason="LibreOffice (soffice) is not installed; CI installs it and runs this test")
def test_old_word_document_through_libreoffice(tmp_path, example):
    doc = convert(tmp_path, {"old": docx_bytes(example)}, to="doc")["old"]
    report = import_report(doc).report
    amounts_equal(report, example)
    assert report.organ == example.organ


def test_a_folder_of_reports_on_every_core_with_a_summary(tmp_path, example, seed):
    folder = tmp_path / "reports"
    folder.mkdir()
    write(folder, "a.docx", docx_bytes(example))
    write(folder, "b.html", page_html(seed, article_html(seed)))
    write(folder, "c.pdf", b"%PDF-1.4 broken")
    write(folder, "a.html", page_html(example, article_html(example)))  # same name as a.docx
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["import", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "共4个报告：读取完整3个，需要人工核对0个，无法导入1个。" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx", "a（2）.xlsx", "b.xlsx"]
    assert load_report(out / "b.xlsx").format_id == "2019"


def test_aggregate_sums_published_reports(tmp_path, example):
    folder = tmp_path / "units"
    folder.mkdir()
    write(folder, "a.docx", docx_bytes(example))
    other = load_report(INPUTS / "example-2021.xlsx")
    other.organ = "云溪县林业局"
    write(folder, "b.html", page_html(other, article_html(other)))
    result = runner.invoke(app, ["aggregate", str(folder), "--organ", "云溪县人民政府", "-o", str(tmp_path / "sum.xlsx")])
    assert result.exit_code == 0, result.output
    total = load_report(tmp_path / "sum.xlsx").amounts()
    assert total["applications.new.total"] == 2 * example.amounts()["applications.new.total"]


def with_subtotal_column(report) -> str:
    """Table 三 as some local templates print it: a 小计 column for 法人或其他组织 before 总计."""
    table = report.format.table("applications")
    shown = printed(report).values
    total_col = max(c.col for c in table.cells if c.is_value)
    amounts = report.amounts()
    rows: dict[int, list[str]] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        colspan = c.colspan + (1 if c.col < total_col < c.col + c.colspan or
                               (c.text == "法人或其他组织") else 0)
        if c.is_value and c.col == total_col:
            row_id = report.format.fields[c.field].row
            organisations = sum(amounts[f"applications.{row_id}.{o}"]
                                for o in ("business", "research", "public_interest", "legal_services", "other_org"))
            rows.setdefault(c.row, []).append(f"<td>{organisations}</td>")
        if c.row == 2 and c.col == total_col - 1:
            rows.setdefault(c.row, []).append(f"<td>{c.text}</td><td>小计</td>")
            continue
        text = shown.get(c.field, "") if c.is_value else c.text
        rows.setdefault(c.row, []).append(f'<td rowspan="{c.rowspan}" colspan="{colspan}">{text}</td>')
    return "<table>" + "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items())) + "</table>"


def test_a_column_the_format_does_not_have(tmp_path, example):
    tables = {"applications": with_subtotal_column(example)}
    imported = import_report(write(tmp_path, "subtotal.html", page_html(example, article_html(example, tables))))
    amounts_equal(imported.report, example)
    found = check(imported.report).findings
    assert [f.code for f in found] == ["IMPORT_EXTRA"] and "小计" in found[0].message


@pytest.mark.parametrize("split_at", [0.5, 0.85])  # neither piece a label alone; the first one is
def test_a_row_cut_by_a_page_break_reads_its_numbers_under_the_rest_of_its_label(tmp_path, example, split_at):
    label = "5.要求行政机关确认或重新出具已获取信息"
    key = "applications.not_processed.confirmation.total"
    values = {key: "7", "applications.not_processed.confirmation.natural_person": "7",
              "applications.results_total.natural_person": "55", "applications.results_total.total": "63"}
    tables = {"applications": table_html(example, "applications", split=label, split_at=split_at, values=values)}
    imported = import_report(write(tmp_path, "cut.html", page_html(example, article_html(example, tables))))
    report = imported.report
    assert report.values[key].number == 7 and report.values[key].location.table == 3  # the second part
    assert not [f for f in check(report).findings if f.code.startswith("IMPORT")]


def test_a_new_format_is_read_from_its_description_alone(tmp_path, example):
    """The reader names no label: a registered third format (a new applicant column, a renamed row)
    is read from its own description, and told from the 2021 format by its table 三."""
    import sys

    from generator import formats
    from generator.report import Report, Value

    sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
    from synthetic_format import FORMAT, NEW_COLUMN

    formats.register(FORMAT)
    try:
        report = Report(FORMAT.id, example.organ, 2025, dict(example.contacts), list(example.paragraphs),
                        choices=dict(example.choices))
        amounts = example.amounts()
        for key, f in FORMAT.fields.items():
            if not f.is_total:
                report.values[key] = Value(amounts.get(key, 0))
        for row, n in (("new", 3), ("carried_over", 1), ("granted", 2), ("carry_forward", 2)):
            report.values[f"applications.{row}.{NEW_COLUMN[0]}"] = Value(n)
        imported = import_report(write(tmp_path, "new.docx", docx_bytes(report))).report
        assert imported.format_id == FORMAT.id
        assert {k: v.number for k, v in imported.values.items()} == report.amounts()
        same_findings(imported, report)
    finally:
        formats.unregister(FORMAT.id)


def test_pdf_digits_wider_than_their_cell_are_not_trusted(tmp_path):
    from generator.importers import read_source

    boxes = tuple((x, y, 30, 20) for x in (100, 130) for y in (600, 620))
    lines = [(104, 626, "5"), (134, 626, "6"), (104, 606, "1234567")]  # the last runs into its neighbour
    (table,) = read_source(write(tmp_path, "wide.pdf", text_pdf(lines, boxes=boxes))).tables
    doubts = {c.text: bool(c.doubt) for row in table.rows for c in row}
    assert doubts["5"] is False and doubts["6"] is False
    assert any(doubt for text, doubt in doubts.items() if text not in ("5", "6"))


def test_pdf_text_drawn_twice_for_bold_reads_once(tmp_path):
    from generator.importers import read_source

    lines = [(100, 700, "Annual report 2024"), (100, 600, "Applications 3119")]
    for twice in (False, True):
        path = write(tmp_path, f"twice-{twice}.pdf", text_pdf(lines, twice=twice))
        assert [b.text for b in read_source(path).blocks] == ["Annual report 2024", "Applications 3119"]
