"""WordprocessingML as text: styles with East Asian fonts, tables with merges, footers, the package.

Everything Word and WPS need to see spelled out (w:eastAsia fonts, grid widths, tblHeader,
cantSplit, keepNext, text direction, PAGE fields, odd and even footers, font fallbacks) is written
here, so the modules above speak of sections and tables. Elements are written in the order the
schema (ECMA-376 Part 1) gives them, which Word checks. All output is deterministic, so a rebuilt
template can be compared with the committed one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
SETTINGS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
FONTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4
LATIN_FONT = "Times New Roman"  # digits and Latin letters beside Chinese text
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so that a rebuild gives the same bytes


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


def _attr(value: object) -> str:
    return quoteattr(str(value))


# --- runs and paragraphs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Font:
    """A face for Chinese text with the Latin face beside it, and a size in points."""

    east_asia: str
    size_pt: float
    latin: str = LATIN_FONT
    bold: bool = False
    width_percent: int = 100  # characters scaled to this share of their width (w:w)


def run_properties(font: Font) -> str:
    """rPr naming the Chinese face as the East Asian font, so Word and WPS really use it."""
    half_points = round(font.size_pt * 2)
    bold = "<w:b/><w:bCs/>" if font.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    scale = f'<w:w w:val="{font.width_percent}"/>'  # always said: a style must not inherit the body's
    return (
        f"<w:rPr><w:rFonts w:ascii={_attr(font.latin)} w:hAnsi={_attr(font.latin)} "
        f"w:eastAsia={_attr(font.east_asia)} w:cs={_attr(font.latin)} w:hint=\"eastAsia\"/>"
        f"{bold}<w:spacing w:val=\"0\"/>{scale}"
        f"<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    )


def text_run(text: str, *, bold: bool = False, style: str = "") -> str:
    """A run of literal text in a character style, bold or not."""
    props = (f"<w:rStyle w:val={_attr(style)}/>" if style else "") + ("<w:b/><w:bCs/>" if bold else "")
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(runs: str = "", style: str = "", *, align: str = "", keep_next: bool = False,
              space_before_pt: float = 0) -> str:
    """A paragraph in a style, with the direct formatting a few paragraphs need (pPr in schema order)."""
    props = ""
    if style:
        props += f"<w:pStyle w:val={_attr(style)}/>"
    if keep_next:
        props += "<w:keepNext/>"
    if space_before_pt:
        props += f'<w:spacing w:before="{round(space_before_pt * TWIPS_PER_PT)}"/>'
    if align:
        props += f"<w:jc w:val={_attr(align)}/>"
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


# --- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphStyle:
    id: str
    name: str
    font: Font
    based_on: str = ""
    next: str = ""
    align: str = "both"
    first_line_chars: int = 0  # indent in characters of the style's own size
    line_exact_pt: float = 0  # 0: single line spacing
    before_pt: float = 0
    after_pt: float = 0
    outline_level: int | None = None
    keep_next: bool = False
    snap_to_grid: bool = True
    default: bool = False
    link: str = ""  # the character style of the same look (run-in headings)


def _paragraph_style(s: ParagraphStyle) -> str:
    attrs = ' w:default="1"' if s.default else ""
    head = f'<w:style w:type="paragraph"{attrs} w:styleId={_attr(s.id)}><w:name w:val={_attr(s.name)}/>'
    if s.based_on:
        head += f"<w:basedOn w:val={_attr(s.based_on)}/>"
    if s.next:
        head += f"<w:next w:val={_attr(s.next)}/>"
    if s.link:
        head += f"<w:link w:val={_attr(s.link)}/>"
    head += "<w:qFormat/>"
    ppr = ""
    if s.keep_next:
        ppr += "<w:keepNext/>"
    if not s.snap_to_grid:
        ppr += '<w:snapToGrid w:val="0"/>'
    line = (f'w:line="{round(s.line_exact_pt * TWIPS_PER_PT)}" w:lineRule="exact"' if s.line_exact_pt
            else 'w:line="240" w:lineRule="auto"')
    ppr += (f'<w:spacing w:before="{round(s.before_pt * TWIPS_PER_PT)}" '
            f'w:after="{round(s.after_pt * TWIPS_PER_PT)}" {line}/>')
    indent = round(s.first_line_chars * s.font.size_pt * TWIPS_PER_PT)
    ppr += (f'<w:ind w:firstLineChars="{s.first_line_chars * 100}" w:firstLine="{indent}"/>'
            if s.first_line_chars else '<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    ppr += f"<w:jc w:val={_attr(s.align)}/>"
    if s.outline_level is not None:
        ppr += f'<w:outlineLvl w:val="{s.outline_level}"/>'
    return f"{head}<w:pPr>{ppr}</w:pPr>{run_properties(s.font)}</w:style>"


@dataclass(frozen=True)
class CharacterStyle:
    id: str
    name: str
    font: Font
    link: str = ""


def _character_style(s: CharacterStyle) -> str:
    link = f"<w:link w:val={_attr(s.link)}/>" if s.link else ""
    return (f'<w:style w:type="character" w:customStyle="1" w:styleId={_attr(s.id)}>'
            f"<w:name w:val={_attr(s.name)}/>{link}{run_properties(s.font)}</w:style>")


def styles_part(default_font: Font, styles: Iterable[ParagraphStyle | CharacterStyle]) -> str:
    """styles.xml: explicit fonts everywhere (theme fonts make WPS ask for missing fonts)."""
    body = "".join(_paragraph_style(s) if isinstance(s, ParagraphStyle) else _character_style(s)
                   for s in styles)
    return (
        f'{XML_HEAD}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault>{run_properties(default_font)}'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        f"{body}</w:styles>"
    )


@dataclass(frozen=True)
class FontFace:
    """A font table entry: what Word and WPS need to find the face, or the right stand-in for it.

    `alt_name` is tried when `name` is not installed (ECMA-376 §17.8.3.1; Word takes the whole
    value as one name); the PANOSE number, character set, family and pitch guide the metric
    substitution that follows when neither is there.
    """

    name: str
    alt_name: str = ""
    panose: str = ""
    charset: str = "86"  # GB2312
    family: str = "auto"
    pitch: str = "variable"


def font_table_part(faces: Iterable[FontFace]) -> str:
    """fontTable.xml: each face with its fallback (CT_Font children in schema order)."""
    entries = "".join(
        f"<w:font w:name={_attr(f.name)}>"
        + (f"<w:altName w:val={_attr(f.alt_name)}/>" if f.alt_name else "")
        + (f"<w:panose1 w:val={_attr(f.panose)}/>" if f.panose else "")
        + f"<w:charset w:val={_attr(f.charset)}/><w:family w:val={_attr(f.family)}/>"
        f"<w:pitch w:val={_attr(f.pitch)}/></w:font>"
        for f in faces
    )
    return f'{XML_HEAD}<w:fonts xmlns:w="{W}">{entries}</w:fonts>'


# --- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    """A cell of a table grid, 0-based: its runs (WordprocessingML) in a paragraph style.

    A `vertical` cell sets its text top to bottom with upright Chinese characters, by the cell's
    text direction: the text itself stays the label, whole.
    """

    row: int
    col: int
    runs: str
    style: str
    rowspan: int = 1
    colspan: int = 1
    vertical: bool = False


CELL_MARGIN = mm(1)  # narrow columns need their width for the text
CELL_PADDING = mm(0.6)  # above and below the text, so that rows do not look cramped
# Upright Chinese characters, lines from right to left: "tbRlV" in a table cell (MS-OI29500
# §2.1.558: Word reads the values differently in tables; "tbRl" would turn every character).
VERTICAL_TEXT = "tbRlV"


def table(widths: Sequence[int], cells: Sequence[GridCell], *, header_rows: int = 0,
          keep_with_next: Container[int] = (), min_heights: Mapping[int, int] | None = None) -> str:
    """A fixed-layout, fully bordered table; merges as gridSpan and vMerge.

    `widths` are the grid columns in twips; each cell's width is the sum of the grid columns it
    spans, so Word (cell widths) and WPS (grid) draw the same table. The first `header_rows`
    rows repeat on every page; no row is split across pages. Every paragraph of a row in
    `keep_with_next` keeps with the next row, so Word, WPS and LibreOffice move those rows to a
    new page together. `min_heights` gives rows a least height in twips. The cells a vertical
    merge covers hold an empty paragraph in the style of the merged cell, so they add no height.
    """
    n_rows = max(c.row + c.rowspan for c in cells)
    start: dict[tuple[int, int], GridCell] = {(c.row, c.col): c for c in cells}
    continued: dict[tuple[int, int], GridCell] = {
        (r, c.col): c for c in cells for r in range(c.row + 1, c.row + c.rowspan)
    }
    heights = min_heights or {}
    rows = []
    for r in range(n_rows):
        tcs, col = [], 0
        keep = r in keep_with_next
        while col < len(widths):
            cell = start.get((r, col)) or continued.get((r, col))
            if cell is None:
                raise ValueError(f"table grid has a hole at row {r}, column {col}")
            width = sum(widths[cell.col:cell.col + cell.colspan])
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if cell.colspan > 1:
                props += f'<w:gridSpan w:val="{cell.colspan}"/>'
            if cell.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>' if cell.row == r else "<w:vMerge/>"
            if cell.vertical:
                props += f'<w:textDirection w:val="{VERTICAL_TEXT}"/>'
            props += '<w:vAlign w:val="center"/>'
            content = paragraph(cell.runs if cell.row == r else "", cell.style, keep_next=keep)
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
            col += cell.colspan
        trpr = "<w:cantSplit/>"
        if r in heights:
            trpr += f'<w:trHeight w:val="{heights[r]}" w:hRule="atLeast"/>'
        if r < header_rows:
            trpr += "<w:tblHeader/>"
        rows.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(tcs)}</w:tr>")
    border = '"single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} w:val={border}/>"
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:top w:w="{CELL_PADDING}" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="{CELL_PADDING}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def column_widths(relative: Sequence[float], total: int) -> list[int]:
    """Whole-twip grid columns in the given proportions that add up to exactly `total`."""
    scale = total / sum(relative)
    edges = [round(sum(relative[:i]) * scale) for i in range(len(relative) + 1)]
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


# --- page, footers, settings -----------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A4 portrait by default; margins and the footer distance in millimetres."""

    top: float
    bottom: float
    left: float
    right: float
    footer: float
    width: float = 210
    height: float = 297

    @property
    def text_width(self) -> int:
        return mm(self.width) - mm(self.left) - mm(self.right)


def section_properties(page: Page, odd_footer: str, even_footer: str, *, line_pitch_pt: float) -> str:
    """sectPr with both footers and a line grid of the body's line pitch.

    A line grid only: a character grid ("linesAndChars") makes LibreOffice give every character
    wider than the grid pitch two cells (measured: 14 characters of 三号 a line with a 15.78 pt
    pitch), so the body styles narrow their characters instead (see Font.width_percent).
    """
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{odd_footer}"/>'
        f'<w:footerReference w:type="even" r:id="{even_footer}"/>'
        f'<w:pgSz w:w="{mm(page.width)}" w:h="{mm(page.height)}"/>'
        f'<w:pgMar w:top="{mm(page.top)}" w:right="{mm(page.right)}" w:bottom="{mm(page.bottom)}" '
        f'w:left="{mm(page.left)}" w:header="{mm(15)}" w:footer="{mm(page.footer)}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{round(line_pitch_pt * TWIPS_PER_PT)}"/></w:sectPr>'
    )


def page_number_footer(style: str, align: str, indent_twips: int) -> str:
    """A footer printing "— 1 —": em dashes around a PAGE field, on the given side."""
    side = "right" if align == "right" else "left"
    ppr = (f'<w:pPr><w:pStyle w:val={_attr(style)}/><w:ind w:{side}="{indent_twips}"/>'
           f"<w:jc w:val={_attr(align)}/></w:pPr>")
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = f"<w:p>{ppr}{text_run('— ')}{field}{text_run(' —')}</w:p>"
    return f'{XML_HEAD}<w:ftr xmlns:w="{W}" xmlns:r="{R}">{body}</w:ftr>'


def settings_part() -> str:
    """Odd and even footers differ; punctuation keeps its full width, one character's place as in
    GB/T 9704 (Word's default for zh-CN compresses it, and lines would hold more than 28).

    Children in the order of CT_Settings: zoom, defaultTabStop, evenAndOddHeaders,
    drawingGridVerticalSpacing, characterSpacingControl, compat, themeFontLang.
    """
    return (
        f'{XML_HEAD}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:drawingGridVerticalSpacing w:val="280"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
        '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/>'
        '<w:useFELayout/><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )


def document_part(body: str, sect_pr: str) -> str:
    return f'{XML_HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{sect_pr}</w:body></w:document>'


def core_properties_part(title: str) -> str:
    return (
        f'{XML_HEAD}<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>"
    )


def with_title(core_xml: bytes, title: str) -> bytes:
    """Core properties with `title` as the document's title (what a PDF made from it is called)."""
    from lxml import etree

    dc_title = "{http://purl.org/dc/elements/1.1/}title"
    root = etree.fromstring(core_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    element = root.find(dc_title)
    if element is None:
        element = etree.SubElement(root, dc_title)
    element.text = title
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- the package -----------------------------------------------------------------------------


def package(document: str, styles: str, settings: str, fonts: str, footers: Sequence[str], title: str) -> bytes:
    """A complete .docx: document, styles, settings, font table, footers footer1…n, properties.

    The footers get the relationship ids rIdFooter1…n in the order given.
    """
    parts = {
        "word/document.xml": document,
        "word/styles.xml": styles,
        "word/settings.xml": settings,
        "word/fontTable.xml": fonts,
        **{f"word/footer{i}.xml": xml for i, xml in enumerate(footers, 1)},
        "docProps/core.xml": core_properties_part(title),
    }
    overrides = {
        "/word/document.xml": f"{CT_MAIN}.document.main+xml",
        "/word/styles.xml": f"{CT_MAIN}.styles+xml",
        "/word/settings.xml": f"{CT_MAIN}.settings+xml",
        "/word/fontTable.xml": f"{CT_MAIN}.fontTable+xml",
        **{f"/word/footer{i}.xml": f"{CT_MAIN}.footer+xml" for i in range(1, len(footers) + 1)},
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    content_types = (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f"<Override PartName={_attr(k)} ContentType={_attr(v)}/>" for k, v in overrides.items())
        + "</Types>"
    )
    root_rels = _relationships([("rIdDocument", DOC_TYPE, "word/document.xml"),
                                ("rIdCore", CORE_TYPE, "docProps/core.xml")])
    doc_rels = _relationships([
        ("rIdStyles", STYLES_TYPE, "styles.xml"),
        ("rIdSettings", SETTINGS_TYPE, "settings.xml"),
        ("rIdFonts", FONTS_TYPE, "fontTable.xml"),
        *((f"rIdFooter{i}", FOOTER_TYPE, f"footer{i}.xml") for i in range(1, len(footers) + 1)),
    ])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                           ("word/_rels/document.xml.rels", doc_rels), *parts.items()):
            z.writestr(zipfile.ZipInfo(name, ZIP_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _relationships(rels: Iterable[tuple[str, str, str]]) -> str:
    body = "".join(f"<Relationship Id={_attr(i)} Type={_attr(t)} Target={_attr(target)}/>"
                   for i, t, target in rels)
    return f'{XML_HEAD}<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'
