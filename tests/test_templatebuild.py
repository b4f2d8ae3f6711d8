"""The committed templates are what the format descriptions build, and draw the official tables."""

from __future__ import annotations

import pytest
from docx_text import open_docx, part_text, table_cells, tables

from generator.document.build import PAGE, TEMPLATE_DIR, build, template_name
from generator.formats import FORMATS


@pytest.mark.parametrize("format_id", sorted(FORMATS))
@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml",
                                  "word/settings.xml"])
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
