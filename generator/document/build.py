"""Build the DOCX templates (templates/report-<format>.docx) from the format descriptions.

The statutory tables are drawn cell for cell from `Table.cells`; nothing is retyped here. Run
`python -m generator.document` after changing a format, and commit the result:
a test compares the committed templates with a fresh build. A format registered without a
shipped template gets one built from its description when it is first used.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..content import REPORT_NAME, Look
from ..formats import FORMATS, Format, Table
from . import ooxml
from .ooxml import CharacterStyle, Font, FontFace, GridCell, Page, ParagraphStyle

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"
# Tag spellings hold neither quotes nor Chinese: Word curls quotes, LibreOffice writes them back as
# &quot; and splits runs where the script changes. Values: {{ v.applications.new.total }};
# sections: {{p section1 }} for 一 … (older templates' v["…"] and narrative["一"] still work).
VALUES = "v"


def section_name(index: int) -> str:
    """The tag name of the n-th section (0-based): section1, section2 …"""
    return f"section{index + 1}"


def template_name(format_id: str) -> str:
    return f"report-{format_id}.docx"


# GB/T 9704-2012 and practice (format-spec.md §9): faces, sizes in points (二号 22, 三号 16,
# 四号 14, 小五 9), the page and the 28 pt line.
PAGE = Page(top=37, bottom=35, left=28, right=26, footer=22)
LINE_PT = 28  # 22 lines fill the 225 mm text block
CHARS_PER_LINE = 28
BODY_PT = 16
# 28 characters of 三号 need 15.79 pt each on the 156 mm line: every body character is set at 98 %
# of its width (15.68 pt x 28 = 439 pt), which Word, WPS and LibreOffice apply alike. Not by
# condensing the spacing 0.25 pt: LibreOffice then drops a punctuation mark that hangs past the
# end of a justified line (measured: 4 marks of the seed report missing from its PDF).
BODY_WIDTH_PERCENT = 98

TITLE_FONT = Font("方正小标宋简体", 22)
BODY_FONT = Font("仿宋_GB2312", BODY_PT, width_percent=BODY_WIDTH_PERCENT)
HEADING1_FONT = Font("黑体", BODY_PT, width_percent=BODY_WIDTH_PERCENT)
HEADING2_FONT = Font("楷体_GB2312", BODY_PT, width_percent=BODY_WIDTH_PERCENT)
# Tables in 小五: the widths of table 三 in formats/common.py are counted in its characters, so
# that its longest labels break between words and the whole table fits on one page.
TABLE_FONT = Font("仿宋_GB2312", 9)
TABLE_NOTE_FONT = Font("楷体_GB2312", 9)
TABLE_LINE_PT = 12  # exact, so a table is as tall in every application whatever face stands in
PAGE_NUMBER_FONT = Font("宋体", 14, latin="宋体")
ONE_CHARACTER = round(BODY_FONT.size_pt * ooxml.TWIPS_PER_PT)  # page numbers sit one character in

# Each face with the one a stock Windows has when it is missing: GB/T 9704 asks for 仿宋, 楷体
# and 小标宋; the _GB2312 faces and 方正小标宋简体 come with Office suites or font packs, 仿宋,
# 楷体, 黑体 and 宋体 with Windows. PANOSE numbers as Windows' own fonts report them.
FACES = (
    FontFace("仿宋_GB2312", "仿宋", "02010609030101010101", family="modern", pitch="fixed"),
    FontFace("楷体_GB2312", "楷体", "02010609030101010101", family="modern", pitch="fixed"),
    FontFace("方正小标宋简体", "宋体", "02010600030101010101"),
    FontFace("黑体", "SimHei", "02010609060101010101", family="modern", pitch="fixed"),
    FontFace("宋体", "SimSun", "02010600030101010101"),
    FontFace(ooxml.LATIN_FONT, panose="02020603050405020304", charset="00", family="roman"),
)

BODY = "Normal"
TITLE = "Title"
HEADING1 = "Heading1"
HEADING2 = "Heading2"
HEADING3 = "Heading3"
RUN_IN_HEADING = "Heading2Char"  # the （一） part of a paragraph that runs on after its heading
TABLE_TEXT = "TableText"
TABLE_LABEL = "TableRowLabel"
TABLE_NOTE = "TableNote"
FOOTER = "Footer"
STYLE_OF_LOOK = {Look.BODY: BODY, Look.HEADING2: HEADING2, Look.HEADING3: HEADING3, Look.RUN_IN: RUN_IN_HEADING}

STYLES = (
    ParagraphStyle(BODY, "Normal", BODY_FONT, first_line_chars=2, line_exact_pt=LINE_PT, default=True),
    ParagraphStyle(TITLE, "Title", TITLE_FONT, BODY, BODY, align="center", line_exact_pt=36,
                   snap_to_grid=False),
    ParagraphStyle(HEADING1, "heading 1", HEADING1_FONT, BODY, BODY, first_line_chars=2,
                   line_exact_pt=LINE_PT, outline_level=0, keep_next=True),
    ParagraphStyle(HEADING2, "heading 2", HEADING2_FONT, BODY, BODY, first_line_chars=2,
                   line_exact_pt=LINE_PT, outline_level=1, keep_next=True, link=RUN_IN_HEADING),
    ParagraphStyle(HEADING3, "heading 3", BODY_FONT, BODY, BODY, first_line_chars=2,
                   line_exact_pt=LINE_PT, outline_level=2, keep_next=True),
    CharacterStyle(RUN_IN_HEADING, "Heading 2 Char", HEADING2_FONT, link=HEADING2),
    ParagraphStyle(TABLE_TEXT, "表格文字", TABLE_FONT, BODY, align="center", line_exact_pt=TABLE_LINE_PT,
                   snap_to_grid=False),
    ParagraphStyle(TABLE_LABEL, "表格行名", TABLE_FONT, TABLE_TEXT, align="left", line_exact_pt=TABLE_LINE_PT,
                   snap_to_grid=False),
    ParagraphStyle(TABLE_NOTE, "表格说明", TABLE_NOTE_FONT, TABLE_TEXT, align="center",
                   line_exact_pt=TABLE_LINE_PT, snap_to_grid=False),
    ParagraphStyle(FOOTER, "footer", PAGE_NUMBER_FONT, BODY, align="center", snap_to_grid=False),
)


def placeholder(expression: str) -> str:
    return "{{ " + expression + " }}"


def paragraph_placeholder(expression: str) -> str:
    """A paragraph that docxtpl replaces by the paragraphs `expression` renders to."""
    return ooxml.paragraph(ooxml.text_run("{{p " + expression + " }}"), BODY)


def kept_rows(table: Table) -> set[int]:
    """The rows that stay on the page of what follows them.

    A table reads as one grid (its labels span rows and columns): it is kept whole, which moves
    table 三 to a new page when the rest of the page cannot hold it and never leaves table 四's
    header alone at the foot of a page. A row whose caption spans the whole width starts a block
    of its own (table 二's 第二十条 blocks): the table may break before it, and only there.
    """
    starts = {c.row for c in table.cells if c.col == 0 and c.colspan == table.columns}
    return {r for r in range(table.rows - 1) if r + 1 not in starts}


def _vertical_heights(table: Table) -> dict[int, int]:
    """Least row heights (twips) that hold each vertical label in one column of characters."""
    size = TABLE_FONT.size_pt * ooxml.TWIPS_PER_PT
    one_row = TABLE_LINE_PT * ooxml.TWIPS_PER_PT + 2 * ooxml.CELL_PADDING
    heights: dict[int, int] = {}
    for c in table.cells:
        need = (len(c.text) + 1) * size + 2 * ooxml.CELL_PADDING  # a character to spare
        if c.vertical and need > c.rowspan * one_row:
            for r in range(c.row, c.row + c.rowspan):
                heights[r] = max(heights.get(r, 0), math.ceil(need / c.rowspan))
    return heights


def table_xml(table: Table) -> str:
    """One statutory table from its grid description: labels as printed, values as placeholders."""
    value_rows = {c.row for c in table.cells if c.is_value}
    cells = []
    for c in table.cells:
        if c.is_value:
            runs, style = ooxml.text_run(placeholder(f"{VALUES}.{c.field}")), TABLE_TEXT
        else:
            if c.note:
                style = TABLE_NOTE
            elif c.row in value_rows and c.rowspan == 1:
                style = TABLE_LABEL
            else:
                style = TABLE_TEXT
            runs = ooxml.text_run(c.text)
        cells.append(GridCell(c.row, c.col, runs, style, c.rowspan, c.colspan, c.vertical))
    widths = ooxml.column_widths(table.widths, PAGE.text_width)
    return ooxml.table(widths, cells, header_rows=table.header_rows, keep_with_next=kept_rows(table),
                       min_heights=_vertical_heights(table))


def document_xml(fmt: Format) -> str:
    body = [
        ooxml.paragraph(ooxml.text_run(placeholder("organ")), TITLE),  # in lines of content.TITLE_CHARS
        ooxml.paragraph(ooxml.text_run(placeholder("year") + "年" + REPORT_NAME), TITLE),
        ooxml.paragraph(style=BODY),
        paragraph_placeholder("preamble"),
    ]
    after_table = False
    for i, section in enumerate(fmt.sections):
        # The line of space between a table and the next heading is the heading's space before:
        # Word and LibreOffice drop it where the heading opens a page, and an empty paragraph
        # there would stay (and one kept with the table makes LibreOffice move the table on).
        body.append(ooxml.paragraph(ooxml.text_run(section.heading), HEADING1,
                                    space_before_pt=LINE_PT if after_table else 0))
        body.append(paragraph_placeholder(section_name(i)))
        after_table = bool(section.table)
        if section.table:
            body.append(table_xml(fmt.table(section.table)))
    sect_pr = ooxml.section_properties(PAGE, "rIdFooter1", "rIdFooter2", line_pitch_pt=LINE_PT)
    return ooxml.document_part("".join(body), sect_pr)


def build(fmt: Format) -> bytes:
    """The template of one format as .docx bytes."""
    return ooxml.package(
        document=document_xml(fmt),
        styles=ooxml.styles_part(BODY_FONT, STYLES),
        settings=ooxml.settings_part(),
        fonts=ooxml.font_table_part(FACES),
        footers=[ooxml.page_number_footer(FOOTER, "right", ONE_CHARACTER),
                 ooxml.page_number_footer(FOOTER, "left", ONE_CHARACTER)],
        title=f"{REPORT_NAME}模板（{fmt.title}）",
    )


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else TEMPLATE_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS.values():
        path = out_dir / template_name(fmt.id)
        path.write_bytes(build(fmt))
        print(path)
    return 0
