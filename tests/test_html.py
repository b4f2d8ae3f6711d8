"""The web fragment and page as `nianbao publish` writes them: strict HTML, the format's grids with
the report's values before and after a CMS sanitiser, accessible tables, hostile text made harmless."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from html_grid import expected_grid, grids, parse, positioned, sanitise, text_of
from typer.testing import CliRunner

from generator.cli import app
from generator.content import Look, document_title, paragraph_look, printed
from generator.formats import FORMATS, Kind, Role
from generator.publish import FRAGMENT, PAGE
from generator.report import PREAMBLE, Paragraph, Report, Run, Value
from generator.report.jsonio import dumps
from generator.workbook import blank_report, read_workbook, write_workbook

runner = CliRunner()
CONTACTS = {"office": "某某县人民政府办公室", "address": "某某县人民路1号", "postcode": "100000",
            "phone": "010-12345678", "email": "gk@example.gov.cn",
            "website_name": "某某县人民政府网站", "website_url": "http://www.example.gov.cn/"}


def distinct_report(format_id: str) -> Report:
    """Every typed number different, so that a value printed in the wrong cell cannot go unnoticed."""
    fmt = FORMATS[format_id]
    report = blank_report(fmt, "某某县人民政府办公室", fmt.first_year + 1)
    report.contacts = dict(CONTACTS)
    report.paragraphs = [
        Paragraph("一", [Run("（一）主动公开情况。", bold=True), Run("全年主动公开政府信息412条。")]),
        Paragraph("一", [Run("（二）依申请公开情况")], heading=True),
        Paragraph("一", [Run("1.办理情况")], heading=True),
        Paragraph("一", [Run("全年新收申请"), Run("55件", bold=True), Run("。\n均按期答复。")]),
        Paragraph("五", [Run("主动公开的意识还不够强。")]),
    ]
    for i, (key, f) in enumerate(fmt.fields.items()):
        if not f.is_total:
            report.values[key] = Value(Decimal(f"{100 + i}.25") if f.kind is Kind.MONEY else 100 + i)
    for c in fmt.choices:
        if c.role is Role.FEE_CHARGED:
            report.choices[c.key] = Value(raw=c.options[0])
        elif c.kind == "choice":
            report.choices[c.key] = Value(raw=c.options[-1])
        else:
            report.choices[c.key] = Value(Decimal("3") if c.role is Role.FEE_APPLICATIONS else Decimal("380.5"))
    return report


def publish(tmp_path: Path, source: Path, *options: str) -> tuple[str, str]:
    """Run `nianbao publish` on `source`; the fragment and the page it wrote, as text."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["publish", str(source), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    (fragment,) = out.glob(f"*{FRAGMENT}")
    (page,) = [p for p in out.glob(f"*{PAGE}") if p != fragment]
    raw = fragment.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Notepad and browsers know it is UTF-8
    return raw.decode("utf-8-sig"), page.read_text(encoding="utf-8")


@pytest.fixture(params=sorted(FORMATS))
def filled(request, tmp_path) -> tuple[Report, Path]:
    report = distinct_report(request.param)
    path = tmp_path / "填报.xlsx"
    write_workbook(report, path)
    return read_workbook(path), path


def test_each_table_is_the_formats_grid_with_the_values_before_and_after_a_cms_sanitiser(filled, tmp_path):
    report, workbook = filled
    fragment, page = publish(tmp_path, workbook, "--allow-errors")  # distinct numbers break the sums
    expected = [expected_grid(t, report) for t in report.format.tables]
    assert grids(parse(fragment, fragment=True)) == expected
    assert grids(parse(page)) == expected
    cleaned = sanitise(fragment)
    assert grids(parse(cleaned, fragment=True)) == expected
    assert text_of(parse(cleaned, fragment=True)) == text_of(parse(fragment, fragment=True))
    # An editor that keeps only rows and cells: a caption's text then stands loose in the table,
    # and a browser moves it out before the table, as html5lib does here (not strictly).
    assert grids(parse(sanitise(fragment, sparing=True), fragment=True, strict=False)) == expected


def test_fragment_reads_without_class_style_or_script(filled, tmp_path):
    report, workbook = filled
    fragment, _ = publish(tmp_path, workbook, "--allow-errors")
    root = parse(fragment, fragment=True)
    elements = list(root.iter())
    assert not [e for e in elements if {"class", "style", "id"} & set(e.attrib)]
    assert not [e for e in elements if e.tag in ("script", "style", "link", "meta")]
    tables = root.findall(".//table")
    assert len(tables) == len(report.format.tables)
    assert all(t.get("border") == "1" and t.get("cellpadding") for t in tables)
    spans = [c for t in tables for c in t.iter() if c.get("rowspan") or c.get("colspan")]
    merges = [c for t in report.format.tables for c in t.cells if c.rowspan > 1 or c.colspan > 1]
    assert len(spans) == len(merges)


def test_page_is_a_utf8_chinese_page_for_phones_and_print(filled, tmp_path):
    report, workbook = filled
    _, page = publish(tmp_path, workbook, "--allow-errors")
    root = parse(page)
    assert root.get("lang") == "zh-CN"
    assert root.find("head/meta[@charset='utf-8']") is not None
    assert "width=device-width" in root.find("head/meta[@name='viewport']").get("content")
    assert text_of(root.find("head/title")) == document_title(report)
    css = text_of(root.find("head/style"))
    assert "@media print" in css and "size: A4" in css
    assert re.search(r"\.table\s*\{[^}]*overflow-x:\s*auto", css)  # wide tables scroll in their own box
    for box in root.iter("div"):
        assert box.get("class") == "table" and box.get("tabindex") == "0"


def test_tables_are_accessible_captions_and_header_cells_with_scope(filled, tmp_path):
    report, workbook = filled
    _, page = publish(tmp_path, workbook, "--allow-errors")
    boxes = list(parse(page).iter("div"))
    for box, fmt_table in zip(boxes, report.format.tables, strict=True):
        (table,) = box.findall("table")
        caption = table.find("caption")
        assert text_of(caption) == report.format.section(fmt_table.section).heading
        assert box.get("role") == "region" and box.get("aria-labelledby") == caption.get("id")
        assert all(th.get("scope") in ("row", "col") for th in table.iter("th"))
        assert len(table.findall("thead/tr")) == fmt_table.header_rows
        # Every value has a column header above it, found by position as a screen reader does.
        slots = {(r + i, c + j): cell for r, c, rs, cs, cell in positioned(table)
                 for i in range(rs) for j in range(cs)}
        values = {(v.row, v.col) for v in fmt_table.cells if v.is_value}
        for r, c in values:
            assert slots[(r, c)].tag == "td"
            assert any(slots[(i, c)].tag == "th" and slots[(i, c)].get("scope") == "col" for i in range(r))


def blocks(root) -> list[tuple[str, str]]:
    return [(e.tag, text_of(e)) for e in root if e.tag in ("h1", "h2", "h3", "h4", "p")]


def test_text_follows_what_the_report_prints_with_its_headings_and_emphasis(filled, tmp_path):
    report, workbook = filled
    fragment, _ = publish(tmp_path, workbook, "--allow-errors")
    root = parse(fragment, fragment=True)
    content = printed(report)
    tag = {Look.BODY: "p", Look.HEADING2: "h3", Look.HEADING3: "h4"}
    expected = [("h1", "".join(content.title))]
    expected += [("p", p.text) for p in content.preamble]
    for s in report.format.sections:
        expected.append(("h2", s.heading))
        expected += [(tag[paragraph_look(p)], p.text.replace("\n", "")) for p in content.sections[s.number]]
    assert blocks(root) == expected
    first = root.find("p/b")  # the run-in （一）…。 heading, set apart
    assert text_of(first) == "（一）主动公开情况。" and first.find("strong") is not None  # typed bold too
    assert [text_of(s) for s in root.iter("strong")] == ["（一）主动公开情况。", "55件"]
    assert root.find("h1").find("br") is not None  # the title's two lines
    assert any(p.find("br") is not None for p in root.iter("p"))  # a line break typed in a cell
    fee = report.format.choice_for(Role.FEE_CHARGED)
    if fee is not None:
        assert "收取信息处理费" in blocks(root)[-1][1]


HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {{{x}}} \x01\x0b\x7f\x85\ufdd0 <b onclick=x>粗</b> ]]> <!--"


def test_hostile_text_gives_a_clean_page(tmp_path):
    report = distinct_report("2021")
    report.organ = f"某局{HOSTILE}"
    report.contacts["website_url"] = f"javascript:{HOSTILE}"
    report.paragraphs = [Paragraph(PREAMBLE, [Run(HOSTILE)]), Paragraph("一", [Run(HOSTILE, bold=True)]),
                         Paragraph("五", [Run(HOSTILE)], heading=True)]
    source = tmp_path / "hostile.json"
    source.write_text(dumps(report), encoding="utf-8")
    fragment, page = publish(tmp_path, source, "--allow-errors")
    visible = "<script>alert(1)</script> & {{ 7*7 }} {{{x}}}  <b onclick=x>粗</b> ]]> <!--"
    for root in (parse(fragment, fragment=True), parse(page)):  # strict: no control character survived
        elements = list(root.iter())
        assert not [e for e in elements if e.tag == "script" or any(a.startswith("on") for a in e.attrib)]
        assert [e.tag for e in elements if e.tag == "b" and e.find("strong") is None] == []
        texts = [t for e in elements if e.tag != "title" for t in (e.text, e.tail) if t]
        assert not [t for t in texts if "{{" in t]  # no template framework finds an expression in the body
        assert visible in text_of(root.find(".//h1"))
        assert sum(visible in text_of(p) for p in root.iter() if p.tag in ("p", "h4")) == 3
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", fragment + page)
    title = text_of(parse(page).find("head/title"))
    assert title == "某局" + visible + document_title(report).split(HOSTILE, 1)[1]


def test_a_new_format_is_published_from_its_description_alone(tmp_path):
    import sys

    from generator import formats

    sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
    from synthetic_format import FORMAT, NEW_COLUMN, RENAMED_ROW

    formats.register(FORMAT)
    try:
        report = distinct_report(FORMAT.id)
        source = tmp_path / "新格式.json"
        source.write_text(dumps(report), encoding="utf-8")
        fragment, page = publish(tmp_path, source, "--allow-errors")
        expected = [expected_grid(t, report) for t in FORMAT.tables]
        for root in (parse(fragment, fragment=True), parse(page)):
            assert grids(root) == expected
            cells = [cell[-1] for table in grids(root) for cell in table]
            assert NEW_COLUMN[1] in cells and RENAMED_ROW in cells
    finally:
        formats.unregister(FORMAT.id)
