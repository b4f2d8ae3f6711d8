"""The committed templates are what the format descriptions build, and draw the official tables."""

from __future__ import annotations

import pytest
from docx_text import W, open_docx, part_text, table_cells, tables

from generator.document import ooxml
from generator.document.build import PAGE, TEMPLATE_DIR, build, template_name
from generator.formats import FORMATS


@pytest.mark.parametrize("format_id", sorted(FORMATS))
@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml",
                                  "word/settings.xml", "word/fontTable.xml"])
def test_committed_template_equals_fresh_build(format_id, part):
    committed = (TEMPLATE_DIR / template_name(format_id)).read_bytes()
    assert part_text(committed, part) == part_text(build(FORMATS[format_id]), part), (
        "templates/ is stale: run python -m generator.document and commit the result")


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_tables_are_drawn_cell_for_cell_from_the_format(format_id):
    fmt = FORMATS[format_id]
    doc = open_docx(build(fmt))
    drawn = tables(doc)
    assert len(drawn) == len(fmt.tables)
    for table, docx_table in zip(fmt.tables, drawn, strict=True):
        expected: dict[int, list[str]] = {}
        for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
            text = f"{{{{ v.{c.field} }}}}" if c.is_value else c.text
            expected.setdefault(c.row, []).append(text)
        got = table_cells(docx_table)
        assert [[t.replace("\n", "") for t in row] for row in got] == [expected[r] for r in range(table.rows)]


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_grid_and_cell_widths_agree_and_fill_the_text_block(format_id):
    doc = open_docx(build(FORMATS[format_id]))
    for docx_table, table in zip(tables(doc), FORMATS[format_id].tables, strict=True):
        tbl = docx_table._tbl
        grid = [int(w) for w in tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
        assert sum(grid) == PAGE.text_width  # 156 mm
        for tr in tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                assert int(tc.xpath("./w:tcPr/w:tcW/@w:w")[0]) == sum(grid[col:col + span])
                col += span
            assert col == len(grid)
        rows = tbl.tr_lst
        assert all(tr.xpath("./w:trPr/w:cantSplit") for tr in rows)
        repeated = [bool(tr.xpath("./w:trPr/w:tblHeader")) for tr in rows]
        assert repeated == [i < table.header_rows for i in range(len(rows))]


def test_styles_name_the_chinese_faces_as_east_asian_fonts():
    styles = part_text(build(FORMATS["2021"]), "word/styles.xml")
    for face in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"):
        assert f'w:eastAsia="{face}"' in styles
    assert 'w:ascii="Times New Roman"' in styles
    assert 'w:hint="eastAsia"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert "Theme" not in styles  # theme fonts make WPS ask for missing fonts


def test_page_is_a4_with_the_gb9704_margins_and_page_numbers_on_alternate_sides():
    data = build(FORMATS["2019"])
    section = open_docx(data).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)]
    assert margins == [37, 35, 28, 26]
    assert "<w:evenAndOddHeaders/>" in part_text(data, "word/settings.xml")
    odd, even = part_text(data, "word/footer1.xml"), part_text(data, "word/footer2.xml")
    for footer, side in ((odd, "right"), (even, "left")):
        assert " PAGE " in footer and "— " in footer and " —" in footer
        assert f'<w:jc w:val="{side}"/>' in footer


# --- the printed page -----------------------------------------------------------------------------

# CT_Settings (ECMA-376 Part 1 §17.15.1) orders its children; Word refuses a file that does not.
SETTINGS_ORDER = ("zoom", "defaultTabStop", "evenAndOddHeaders", "drawingGridVerticalSpacing",
                  "characterSpacingControl", "compat", "themeFontLang")


def test_settings_follow_the_schema_order_and_keep_punctuation_full_width():
    from lxml import etree

    root = etree.fromstring(part_text(build(FORMATS["2021"]), "word/settings.xml").encode())
    names = [etree.QName(child).localname for child in root]
    assert names == sorted(names, key=SETTINGS_ORDER.index)
    assert root.find(f"{W}characterSpacingControl").get(f"{W}val") == "doNotCompress"


def test_body_holds_28_characters_a_line_and_22_lines_a_page():
    from generator.document.build import BODY_FONT, BODY_PT, LINE_PT

    advance = BODY_PT * 20 * BODY_FONT.width_percent / 100  # twips a character takes, narrowed
    assert 28 * advance <= PAGE.text_width < 29 * advance
    assert 22 * LINE_PT * 20 <= ooxml.mm(PAGE.height - PAGE.top - PAGE.bottom) < 23 * LINE_PT * 20
    assert '<w:docGrid w:type="lines" w:linePitch="560"/>' in part_text(build(FORMATS["2021"]), "word/document.xml")
    doc = open_docx(build(FORMATS["2021"]))
    scaled = {s.style_id: s.element.xpath("./w:rPr/w:w/@w:val") for s in doc.styles if s.element.xpath("./w:rPr")}
    narrowed = {"Normal", "Heading1", "Heading2", "Heading3", "Heading2Char"}  # body text, 一、 （一） 1.
    assert {k for k, v in scaled.items() if v == [str(BODY_FONT.width_percent)]} == narrowed
    assert all(v == ["100"] for k, v in scaled.items() if k not in narrowed)  # title, tables, page numbers


def test_a_title_line_holds_the_characters_the_title_is_broken_for():
    from generator.content import TITLE_CHARS
    from generator.document.build import TITLE_FONT

    size = TITLE_FONT.size_pt * 20
    assert TITLE_CHARS * size <= PAGE.text_width < (TITLE_CHARS + 1) * size


def test_every_face_has_a_fallback_a_stock_windows_has():
    from lxml import etree

    from generator.document.build import STYLES

    fonts = etree.fromstring(part_text(build(FORMATS["2021"]), "word/fontTable.xml").encode())
    alt = {f.get(f"{W}name"): f.find(f"{W}altName") for f in fonts}
    used = {s.font.east_asia for s in STYLES} | {s.font.latin for s in STYLES}
    assert used <= set(alt)
    assert {name: el.get(f"{W}val") for name, el in alt.items() if el is not None} == {
        "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体", "黑体": "SimHei", "宋体": "SimSun"}
    for f in fonts:  # CT_Font children in schema order
        names = [etree.QName(c).localname for c in f]
        order = ("altName", "panose1", "charset", "family", "pitch")
        assert names == sorted(names, key=order.index)


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_vertical_labels_are_vertical_by_layout_with_their_text_whole(format_id):
    fmt = FORMATS[format_id]
    doc = open_docx(build(fmt))
    for table, docx_table in zip(fmt.tables, tables(doc), strict=True):
        assert not docx_table._tbl.xpath(".//w:br")  # no label is stacked with line breaks
        vertical = {c.text for c in table.cells if c.vertical}
        drawn = {"".join(tc.xpath(".//w:t/text()")) for tc in docx_table._tbl.xpath(".//w:tc")
                 if tc.xpath("./w:tcPr/w:textDirection[@w:val='tbRlV']") and tc.vMerge != "continue"}
        assert drawn == vertical
    # Table 三: 三、本年度办理结果 and the result groups with items stand in narrow columns.
    applications = fmt.table("applications")
    assert {c.text for c in applications.cells if c.vertical} == {
        c.text for c in applications.cells if c.col < 2 and c.rowspan > 1 and not c.note}


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_tables_hold_together_and_table_two_breaks_only_between_its_blocks(format_id):
    fmt = FORMATS[format_id]
    for table, docx_table in zip(fmt.tables, tables(open_docx(build(fmt))), strict=True):
        kept = []
        for tr in docx_table._tbl.tr_lst:
            flags = {bool(p.xpath("./w:pPr/w:keepNext")) for p in tr.xpath("./w:tc/w:p")}
            assert len(flags) == 1  # every paragraph of a row, merged cells included
            kept.append(flags.pop())
        captions = {c.row for c in table.cells if c.colspan == table.columns}
        assert kept == [r + 1 not in captions and r + 1 < table.rows for r in range(table.rows)]
        if table.header_rows:
            assert all(kept[:-1])  # tables 三 and 四 whole


def test_the_line_after_a_table_is_space_before_the_next_heading_not_an_empty_paragraph():
    body = open_docx(build(FORMATS["2021"])).element.body
    empty = [p for p in body.iterchildren(f"{W}p") if not p.xpath(".//w:t")]
    assert len(empty) == 1  # only the line after the title, on the first page
    for tbl in body.iterchildren(f"{W}tbl"):
        heading = tbl.getnext()
        assert heading.xpath("./w:pPr/w:pStyle/@w:val") == ["Heading1"]
        assert heading.xpath("./w:pPr/w:spacing/@w:before") == ["560"]  # one 28 pt line


def test_the_title_lines_of_the_template_are_the_organ_and_the_year_line():
    texts = [p.text for p in open_docx(build(FORMATS["2021"])).paragraphs[:2]]
    assert texts == ["{{ organ }}", "{{ year }}年政府信息公开工作年度报告"]
