"""Build the DOCX templates (templates/report-<format>.docx) from the format descriptions.

The statutory tables are drawn cell for cell from `Table.cells`; nothing is retyped here. Run
`python -m generator.document` after changing a format, and commit the result:
a test compares the committed templates with a fresh build. A format registered without a
shipped template gets one built from its description when it is first used.
"""

from __future__ import annotations

from pathlib import Path

from ..content import REPORT_NAME, Look
from ..formats import FORMATS, Format, Table
from . import ooxml
from .ooxml import CharacterStyle, Font, GridCell, Page, ParagraphStyle

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
# 四号 14, 五号 10.5), the page and the 28 pt line.
TITLE_FONT = Font("方正小标宋简体", 22)
BODY_FONT = Font("仿宋_GB2312", 16)
HEADING1_FONT = Font("黑体", 16)
HEADING2_FONT = Font("楷体_GB2312", 16)
TABLE_FONT = Font("仿宋_GB2312", 10.5)
TABLE_NOTE_FONT = Font("楷体_GB2312", 10.5)
PAGE_NUMBER_FONT = Font("宋体", 14, latin="宋体")
LINE_PT = 28
PAGE = Page(top=37, bottom=35, left=28, right=26, footer=22)
ONE_CHARACTER = round(BODY_FONT.size_pt * ooxml.TWIPS_PER_PT)  # page numbers sit one character in

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
    ParagraphStyle(TABLE_TEXT, "表格文字", TABLE_FONT, BODY, align="center", snap_to_grid=False),
    ParagraphStyle(TABLE_LABEL, "表格行名", TABLE_FONT, TABLE_TEXT, align="left", snap_to_grid=False),
    ParagraphStyle(TABLE_NOTE, "表格说明", TABLE_NOTE_FONT, TABLE_TEXT, align="center", snap_to_grid=False),
    ParagraphStyle(FOOTER, "footer", PAGE_NUMBER_FONT, BODY, align="center", snap_to_grid=False),
)


def placeholder(expression: str) -> str:
    return "{{ " + expression + " }}"


def paragraph_placeholder(expression: str) -> str:
    """A paragraph that docxtpl replaces by the paragraphs `expression` renders to."""
    return ooxml.paragraph(ooxml.text_run("{{p " + expression + " }}"), BODY)


def table_xml(table: Table) -> str:
    """One statutory table from its grid description: labels as printed, values as placeholders."""
    value_rows = {c.row for c in table.cells if c.is_value}
    cells = []
    for c in table.cells:
        if c.is_value:
            content = ooxml.paragraph(ooxml.text_run(placeholder(f"{VALUES}.{c.field}")), TABLE_TEXT)
        else:
            vertical = c.vertical
            if c.note:
                style = TABLE_NOTE
            elif c.row in value_rows and c.rowspan == 1:
                style = TABLE_LABEL
            else:
                style = TABLE_TEXT
            # Table 二's captions and column heads stay with their first item row; repeated
            # header rows need no such hold (and LibreOffice would then move the whole table).
            keep = c.row not in value_rows and c.row >= table.header_rows
            content = ooxml.paragraph(ooxml.text_run(c.text, char_breaks=vertical), style, keep_next=keep)
        cells.append(GridCell(c.row, c.col, content, c.rowspan, c.colspan))
    widths = ooxml.column_widths(table.widths, PAGE.text_width)
    return ooxml.table(widths, cells, header_rows=table.header_rows,
                       filler=ooxml.paragraph(style=TABLE_TEXT))


def document_xml(fmt: Format) -> str:
    body = [
        ooxml.paragraph(ooxml.text_run(placeholder("organ")), TITLE),
        ooxml.paragraph(ooxml.text_run(placeholder("year") + "年" + REPORT_NAME), TITLE),
        ooxml.paragraph(style=BODY),
        paragraph_placeholder("preamble"),
    ]
    for i, section in enumerate(fmt.sections):
        body.append(ooxml.paragraph(ooxml.text_run(section.heading), HEADING1))
        body.append(paragraph_placeholder(section_name(i)))
        if section.table:
            table = fmt.table(section.table)
            body.append(table_xml(table))
            body.append(ooxml.paragraph(style=BODY))  # a blank line before the next heading
    sect_pr = ooxml.section_properties(PAGE, "rIdFooter1", "rIdFooter2", line_pitch_pt=LINE_PT)
    return ooxml.document_part("".join(body), sect_pr)


def build(fmt: Format) -> bytes:
    """The template of one format as .docx bytes."""
    faces = [s.font.east_asia for s in STYLES] + [s.font.latin for s in STYLES]
    return ooxml.package(
        document=document_xml(fmt),
        styles=ooxml.styles_part(BODY_FONT, STYLES),
        settings=ooxml.settings_part(),
        fonts=ooxml.font_table_part(faces),
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

