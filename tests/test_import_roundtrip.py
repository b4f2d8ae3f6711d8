"""What nianbao publishes, it reads back: the DOCX it writes, and that DOCX as a PDF, for both
example reports, import to the same report, table for table."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from published import (
    SOFFICE,
    breaking_tables,
    convert,
    docx_bytes,
    edit_docx,
    narrative_by_part,
    with_running_head,
    without_repeated_headers,
)
from typer.testing import CliRunner

from generator.checks import check
from generator.cli import app
from generator.content import full_width_numbering
from generator.importers import import_report
from generator.report.jsonio import to_json
from generator.service import load_report

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
EXAMPLES = ("seed-2019", "example-2021")
runner = CliRunner()


def original(name: str):
    return load_report(INPUTS / f"{name}.xlsx")


def as_printed(report):
    """The report as every medium prints it: numbering typed "(一)" prints "（一）". Reading back what
    nianbao printed gives this, not the clerk's keystrokes."""
    for p in report.paragraphs:
        for run in p.runs:
            run.text = full_width_numbering(run.text)
    return report


def same_findings(got, want) -> None:
    """Checking the reading finds what checking the original finds, no more."""
    assert sorted((f.code, f.key) for f in check(got).findings) == sorted((f.code, f.key) for f in check(want).findings)


def same_facts(got, want) -> None:
    """Format, organ, year, contacts, choices and every table value."""
    a, b = to_json(got), to_json(want)
    for key in ("format", "organ", "year", "contacts", "choices", "tables"):
        assert a[key] == b[key], key


@pytest.mark.parametrize("name", EXAMPLES)
def test_docx_round_trip_is_the_same_report(tmp_path, name):
    report = as_printed(original(name))
    path = tmp_path / f"{name}.docx"
    path.write_bytes(docx_bytes(report))
    imported = import_report(path)
    same_facts(imported.report, report)
    # The DOCX keeps paragraphs, headings and bold: the narrative comes back exactly as printed.
    assert to_json(imported.report)["narrative"] == to_json(report)["narrative"]
    same_findings(imported.report, report)
    assert all(v.location.table and v.location.row and v.location.column for v in imported.report.values.values())


def test_import_command_writes_a_workbook_that_reads_as_the_report(tmp_path):
    report = original("example-2021")
    source = tmp_path / "report.docx"
    source.write_bytes(docx_bytes(report))
    before = source.read_bytes()
    out = tmp_path / "imported.xlsx"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "读取完整" in result.output and "读出200格" in result.output and "42条全部成立" in result.output
    same_facts(load_report(out), report)
    assert source.read_bytes() == before
    again = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.output
    as_json = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "imported.json")])
    assert as_json.exit_code == 0
    same_facts(load_report(tmp_path / "imported.json"), report)


def test_commands_accept_a_published_report_where_they_accept_a_workbook(tmp_path):
    last_year = original("example-2021")
    published = tmp_path / "last.docx"
    published.write_bytes(docx_bytes(last_year))
    assert runner.invoke(app, ["check", str(published)]).exit_code == 0
    made = runner.invoke(app, ["template", "--previous", str(published), "-o", str(tmp_path / "next.xlsx")])
    assert made.exit_code == 0, made.output
    carried = load_report(tmp_path / "next.xlsx")
    assert carried.year == 2026 and carried.organ == last_year.organ
    assert carried.values["applications.carried_over.natural_person"].number == \
        last_year.amounts()["applications.carry_forward.natural_person"]
    compared = runner.invoke(app, ["check", str(tmp_path / "next.xlsx"), "--previous", str(published), "--json"])
    assert '"R7"' not in compared.output  # carried over from the published report: R7 holds
    generated = runner.invoke(app, ["generate", str(published), "-o", str(tmp_path / "again.docx")])
    assert generated.exit_code == 0, generated.output
    same_facts(import_report(tmp_path / "again.docx").report, last_year)


needs_soffice = pytest.mark.skipif(SOFFICE is None and os.environ.get("CI") != "true",
                                   reason="LibreOffice (soffice) is not installed; CI installs it and runs this test")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    assert SOFFICE, "CI=true: LibreOffice must be installed for this test"
    documents = {name: docx_bytes(original(name)) for name in EXAMPLES}
    # Table 三 run over a page break as Word lets it; without repeated header rows its continuation
    # starts with values.
    documents["split"] = edit_docx(documents["example-2021"], breaking_tables)
    documents["no-headers"] = edit_docx(documents["split"], without_repeated_headers)
    # The report's name at the head of every page, as many organs print it.
    documents["running-head"] = with_running_head(documents["seed-2019"], "沙坡头区滨河镇人民政府2019年政府信息公开工作年度报告")
    return convert(tmp_path_factory.mktemp("pdf"), documents)


@needs_soffice
@pytest.mark.parametrize("name", [*EXAMPLES, "split", "no-headers", "running-head"])
def test_pdf_round_trip_is_the_same_report(pdfs, name):
    want = as_printed(original({"split": "example-2021", "no-headers": "example-2021",
                                "running-head": "seed-2019"}.get(name, name)))
    imported = import_report(pdfs[name])
    same_facts(imported.report, want)
    # A PDF has no paragraph marks: the text of each part comes back, joined from its lines.
    assert narrative_by_part(imported.report) == narrative_by_part(want)
    same_findings(imported.report, want)
    pages = {v.location.page for k, v in imported.report.values.items() if k.startswith("applications.")}
    assert len(pages) >= 1 and all(pages)


@needs_soffice
@pytest.mark.parametrize("name", ["split", "no-headers"])
def test_table_cut_by_a_page_break_reads_as_one(pdfs, name):
    values = import_report(pdfs[name]).report.values
    pages = {v.location.page for k, v in values.items() if k.startswith("applications.")}
    assert len(pages) >= 2  # table 三 is printed over more than one page


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("kind", ["page", "fragment"])
def test_web_page_round_trip_is_the_same_report(tmp_path, name, kind):
    """What `nianbao publish` writes for the website: the standalone page, and the fragment a clerk
    pastes into the CMS editor."""
    from generator.publish import FRAGMENT, PAGE, web_renderings

    report = as_printed(original(name))
    path = tmp_path / f"{name}.html"
    path.write_bytes(web_renderings(report)[PAGE if kind == "page" else FRAGMENT])
    imported = import_report(path)
    same_facts(imported.report, report)
    # The text of every part comes back; publish sets a run-in （一）…。 heading in <b>, which
    # Word-pasted pages use for bold, so bold is not compared here (the DOCX round trip keeps it).
    assert narrative_by_part(imported.report) == narrative_by_part(report)
    same_findings(imported.report, report)
