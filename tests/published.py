"""Published forms of a report for the import tests, made from the program's own output or from
the format's description: the DOCX nianbao writes (and variants of it as WPS or a careless
editor leaves it), Word-pasted web pages as government CMSs serve them, PDFs via LibreOffice."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from generator.content import printed
from generator.document import render_docx
from generator.report import PREAMBLE, Report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"


# --- DOCX ----------------------------------------------------------------------------------------


def docx_bytes(report: Report) -> bytes:
    return render_docx(report).data


def rewrite_docx(data: bytes, change: Callable[[str, bytes], bytes], added: dict[str, bytes] | None = None) -> bytes:
    """The DOCX with each part's bytes passed through `change(name, content)`, and `added` parts."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            z.writestr(item, change(item.filename, source.read(item.filename)))
        for name, content in (added or {}).items():
            z.writestr(name, content)
    return out.getvalue()


def edit_docx(data: bytes, edit: Callable[[etree._Element], None]) -> bytes:
    """The DOCX with its document.xml changed by `edit(body)`."""

    def change(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        root = etree.fromstring(content)
        edit(root.find(f"{_W}body"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return rewrite_docx(data, change)


def with_running_head(data: bytes, text: str) -> bytes:
    """The DOCX with `text` as the head of every page (odd and even)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc '
              f'w:val="center"/></w:pPr><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p></w:hdr>').encode()
    refs = "".join(f'<w:headerReference w:type="{t}" r:id="rIdHead9"/>' for t in ("default", "even"))
    additions = {
        "[Content_Types].xml": (b"</Types>", b'<Override PartName="/word/header9.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>'),
        "word/_rels/document.xml.rels": (b"</Relationships>", f'<Relationship Id="rIdHead9" Type="{rel}/header" '
                                         f'Target="header9.xml"/></Relationships>'.encode()),
        "word/document.xml": (b"<w:sectPr>", f"<w:sectPr>{refs}".encode()),
    }

    def change(name: str, content: bytes) -> bytes:
        return content.replace(*additions[name]) if name in additions else content

    return rewrite_docx(data, change, {"word/header9.xml": header})


def cell_texts(body) -> list[tuple[etree._Element, str]]:
    """Every table cell of the body with its text."""
    return [(tc, "".join(tc.itertext())) for tc in body.iter(f"{_W}tc")]


def set_cell_text(tc, text: str) -> None:
    ts = list(tc.iter(f"{_W}t"))
    for t in ts[1:]:
        t.getparent().remove(t)
    if ts:
        ts[0].text = text


def blank_zeros(body) -> None:
    """As many organs publish: a cell that is 0 printed empty."""
    for tc, text in cell_texts(body):
        if text.strip() == "0":
            set_cell_text(tc, "")


def as_wps_writes(body) -> None:
    """What WPS does to the same document: a run per character with proofing marks between them,
    `w:b w:val="0"` on plain runs, explicit `w:vMerge w:val="continue"`, the two title lines as one
    paragraph with a line break, a table inside a content control."""
    for r in list(body.iter(f"{_W}r")):
        t = r.find(f"{_W}t")
        if t is None or not t.text or len(t.text) < 2:
            continue
        rpr = r.find(f"{_W}rPr")
        if rpr is None:
            rpr = etree.SubElement(r, f"{_W}rPr")
            r.insert(0, rpr)
        if rpr.find(f"{_W}b") is None:
            etree.SubElement(rpr, f"{_W}b").set(f"{_W}val", "0")
        parent, at = r.getparent(), r.getparent().index(r)
        for k, ch in enumerate(t.text):
            piece = etree.fromstring(etree.tostring(r))
            piece.find(f"{_W}t").text = ch
            piece.find(f"{_W}t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            parent.insert(at + 2 * k, piece)
            mark = etree.Element(f"{_W}proofErr")
            mark.set(f"{_W}type", "gramEnd")
            parent.insert(at + 2 * k + 1, mark)
        parent.remove(r)
    for vmerge in body.iter(f"{_W}vMerge"):
        if vmerge.get(f"{_W}val") is None:
            vmerge.set(f"{_W}val", "continue")
    paragraphs = body.findall(f"{_W}p")
    first, second = paragraphs[0], paragraphs[1]
    etree.SubElement(first, f"{_W}r").append(etree.Element(f"{_W}br"))
    for r in second.findall(f"{_W}r"):
        first.append(r)
    body.remove(second)
    table = body.find(f"{_W}tbl")
    sdt = etree.Element(f"{_W}sdt")
    content = etree.SubElement(sdt, f"{_W}sdtContent")
    body.replace(table, sdt)
    content.append(table)


def in_a_layout_table(body) -> None:
    """The whole report inside the one cell of a table, as some office templates frame a page."""
    content = [c for c in body if c.tag != f"{_W}sectPr"]
    tbl = etree.SubElement(body, f"{_W}tbl")
    tc = etree.SubElement(etree.SubElement(tbl, f"{_W}tr"), f"{_W}tc")
    for c in content:
        tc.append(c)
    etree.SubElement(tc, f"{_W}p")  # a cell ends with a paragraph
    body.remove(tbl)
    body.insert(0, tbl)


def without_repeated_headers(body) -> None:
    """Header rows not repeated on the next page: a table's continuation starts with values."""
    for header in list(body.iter(f"{_W}tblHeader")):
        header.getparent().remove(header)


def breaking_tables(body) -> None:
    """Tables allowed to run over a page break, as most Word and WPS reports are (nianbao keeps
    table 三 on one page): its rows no longer held to the next."""
    for table in body.iter(f"{_W}tbl"):
        for keep in list(table.iter(f"{_W}keepNext")):
            keep.getparent().remove(keep)


# --- web pages -----------------------------------------------------------------------------------

_TD = ('<td width="{w}" {span}valign="center" style="width:{pt}pt;border:solid windowtext 1.0pt;'
       'mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt">'
       '<p class="MsoNormal" align="center" style="text-align:center;mso-line-height-rule:exactly">{text}</p></td>')


def _word_text(text: str, digit_spans: bool) -> str:
    """Text as Word pastes it: in styled spans, a span around each digit, &nbsp; for nothing."""
    if not text.strip():
        return '<span lang="EN-US" style="font-size:10.5pt;font-family:宋体">&nbsp;</span>'
    if digit_spans and re.fullmatch(r"[\d.+\-]+(元|万元)?", text):
        return "".join(f'<span lang="EN-US" style="font-size:10.5pt;mso-bidi-font-family:宋体">{html.escape(c)}</span>'
                       for c in text)
    lines = text.split("\n")
    return "<br>".join(f'<span style="font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\'Times New Roman\'">'
                       f"{html.escape(line)}</span>" for line in lines)


def table_html(report: Report, table_id: str, *, values: dict[str, str] | None = None, digit_spans: bool = True,
               rowspans: dict[str, int] | None = None, labels: dict[str, str] | None = None,
               extra_rows: list[str] = (), split: str = "", split_at: float = 0.5) -> str:
    """One statutory table as a Word-pasted MsoNormalTable: its cells from the format's grid,
    values as printed. `rowspans` sets a label's rowspan as an editor left it (1: the merge lost),
    `labels` prints a label otherwise, `extra_rows` are raw <tr> added at the end. `split` cuts the
    table in two inside the row of that label, as a page break does: the first half of the label
    with empty cells, then a second table with the rest of the label and the values."""
    table = report.format.table(table_id)
    shown = printed(report).values | (values or {})
    rows: list[str] = []
    for r in range(table.rows):
        cells = []
        rest = []
        for c in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col):
            text = shown.get(c.field, "") if c.is_value else (labels or {}).get(c.text, c.text)
            rowspan = (rowspans or {}).get(c.text, c.rowspan) if not c.is_value else c.rowspan
            span = (f'rowspan="{rowspan}" ' if rowspan > 1 else "") + (f'colspan="{c.colspan}" ' if c.colspan > 1 else "")
            if split and c.text == split:
                cut = round(len(text) * split_at)
                cells.append(_TD.format(w=60, pt=45, span=span, text=_word_text(text[:cut], digit_spans)))
                rest.append(_TD.format(w=60, pt=45, span=span, text=_word_text(text[cut:], digit_spans)))
                continue
            if rest or (split and c.is_value and any(x.text == split and x.row == r for x in table.cells)):
                rest.append(_TD.format(w=60, pt=45, span=span, text=_word_text(text, digit_spans)))
                text = ""
            cells.append(_TD.format(w=60 * c.colspan, pt=45 * c.colspan, span=span, text=_word_text(text, digit_spans)))
        rows.append(f'<tr style="mso-yfti-irow:{r};height:20.0pt">{"".join(cells)}</tr>')
        if rest:
            rows.append(f'</table><p>&nbsp;</p><table class="MsoNormalTable" border="1"><tr>{"".join(rest)}</tr>')
    rows += extra_rows
    return ('<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="580" '
            'style="width:435.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;'
            f'mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt">{"".join(rows)}</table>')


def article_html(report: Report, tables: dict[str, str] | None = None) -> str:
    """The report's body as a CMS editor holds it: paragraphs with &nbsp; indents, bold in <strong>,
    the headings as paragraphs, each table where its part is."""
    p = printed(report)
    out = [f'<p style="text-indent:2em"><span style="font-size:16px">&nbsp;&nbsp;{html.escape(x.text)}</span></p>'
           for x in p.preamble]
    for section in report.format.sections:
        out.append(f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{section.heading}</span>'
                   "</strong></p>")
        if section.table:
            out.append((tables or {}).get(section.table) or table_html(report, section.table))
        for x in p.sections[section.number]:
            runs = "".join(f"<strong>{html.escape(r.text)}</strong>" if r.bold else html.escape(r.text) for r in x.runs)
            out.append(f'<p class="MsoNormal" style="text-indent:32.0pt"><span style="font-size:16.0pt">{runs}</span></p>')
    return "\n".join(out)


def page_html(report: Report, body: str, *, title: str = "", other_reports: tuple[str, ...] = ()) -> str:
    """A whole CMS page: head metadata, navigation and a list of other years' reports before the
    article, the article's title outside its body, related links and a footer after it."""
    title = title or f"{report.organ}{report.year}年政府信息公开工作年度报告"
    links = "".join(f'<li><a href="/nb/{i}.html">{t}</a></li>' for i, t in enumerate(other_reports))
    return f"""<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="SiteName" content="某某县人民政府门户网站"><meta name="ArticleTitle" content="{title}">
<meta name="Url" content="http://www.mouxian.gov.cn/zwgk/nb/t2025.html">
<title>{title}_政府信息公开年报_某某县人民政府门户网站</title>
<script>var nav = "一、总体情况";</script><style>.x{{color:red}}</style></head>
<body><div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a>无障碍</a></div>
<div class="side"><h3>政府信息公开年报</h3><ul>{links}</ul></div>
<div class="main"><div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年报</div>
<h1 class="article_title">{html.escape(title)}</h1><div class="info">发布时间：2026-01-20 来源：本站</div>
<div class="TRS_Editor">{body}</div>
<div class="related"><h4>相关链接</h4><p>上一篇：关于印发2026年政务公开工作要点的通知</p></div></div>
<div class="footer"><p>主办单位：某某县人民政府办公室 地址：某某县人民路1号 电话：0000-1234567</p>
<p>版权所有 网站标识码：1234000000 ICP备12345678号</p></div></body></html>"""


# --- PDF -----------------------------------------------------------------------------------------


def convert(tmp_path: Path, documents: dict[str, bytes], to: str = "pdf") -> dict[str, Path]:
    """Each DOCX converted by LibreOffice, all in one start of it."""
    assert SOFFICE, "LibreOffice (soffice) is needed to make PDFs"
    folder = tmp_path / f"to-{to}"
    folder.mkdir(exist_ok=True)
    sources = []
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        sources.append(str(path))
    env = {**os.environ, "HOME": str(tmp_path / "lo-profile")}
    subprocess.run([SOFFICE, "--headless", "--convert-to", to, "--outdir", str(folder), *sources],
                   check=True, capture_output=True, timeout=300, env=env)
    return {name: folder / f"{name}.{to}" for name in documents}


def narrative_by_part(report: Report) -> dict[str, list[str]]:
    """The narrative's texts by part, without the preamble (nianbao writes its own when none is typed)."""
    parts: dict[str, list[str]] = {}
    for p in report.paragraphs:
        if p.section != PREAMBLE:
            parts.setdefault(p.section, []).append(p.text)
    return parts


def text_pdf(lines: list[tuple[float, float, str]], twice: bool = False,
             boxes: tuple[tuple[float, float, float, float], ...] = ()) -> bytes:
    """A one-page PDF of ASCII text lines at (x, y) in Helvetica; `twice` draws each line again
    0.3 pt to the right, as printers fake bold; `boxes` (x, y, width, height) are ruled cells."""
    ops = [f"{x} {y} {w} {h} re S" for x, y, w, h in boxes]
    for x, y, text in lines:
        for dx in (0, 0.3) if twice else (0,):
            ops.append(f"BT /F1 12 Tf {x + dx:.1f} {y:.1f} Td ({text}) Tj ET")
    stream = "\n".join(ops).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
