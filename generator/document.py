"""Report -> DOCX: the report's text and numbers put into a docxtpl template.

The template (templates/report-<format>.docx, or a clerk's restyled copy) holds the layout;
this module prepares what goes into it: cleaned text, the narrative with its bold runs and
headings, the preamble, the fee sentence, every table value formatted as printed. A template is
compiled once per process and then rendered for each report (Jinja compiling the document is
most of docxtpl's time).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import UserError
from .files import safe_filename, write_atomically
from .formats import Format
from .report import PREAMBLE, Paragraph, Report, Run, format_number

REPORT_NAME = "政府信息公开工作年度报告"
VALUES = "v"  # the template's name for the table values: {{ v["applications.new.total"] }}
CONTEXT_NAMES = ("organ", "year", "preamble", "narrative", VALUES)
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

# Style ids the narrative refers to; the templates define them (generator/templatebuild.py).
BODY = "Normal"
HEADING2 = "Heading2"  # （一） headings: 楷体
HEADING3 = "Heading3"  # 1. headings and other heading lines: body face
RUN_IN_HEADING = "Heading2Char"  # the （一）…。 part of a paragraph that runs on after it

_LEVEL2 = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]")
# A run-in heading ends at its first full stop or colon, within a heading's length.
_RUN_IN = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)][^。：:！？\n]{1,40}?[。：:]")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOTHING_TO_REPORT = "无。"


def template_name(format_id: str) -> str:
    return f"report-{format_id}.docx"


class TemplateProblem(UserError):
    """A template that cannot be used: a broken tag, an unknown name, a file that is no DOCX."""


# --- text -------------------------------------------------------------------------------------


@dataclass
class Notes:
    """Warnings raised while preparing a report for printing, each naming its place."""

    messages: list[str] = field(default_factory=list)
    gb2312: bool = False  # the template uses _GB2312 faces: report characters they lack

    def clean(self, text: str, where: str) -> str:
        """`text` without the characters an XML file cannot hold, saying which were dropped."""
        dropped = _XML_INVALID.findall(text)
        if dropped:
            codes = "、".join(dict.fromkeys(f"U+{ord(c):04X}" for c in dropped))
            self.messages.append(f"{where}：删除了 Word 文件不能保存的控制字符（{codes}）")
            text = _XML_INVALID.sub("", text)
        if self.gb2312:
            rare = [c for c in dict.fromkeys(text) if _is_ideograph(c) and not _in_gb2312(c)]
            if rare:
                self.messages.append(
                    f"{where}：字符“{''.join(rare)}”不在 GB2312 字符集中，模板所用的 _GB2312 字体没有这些字，"
                    "Word 或 WPS 会用其他字体显示"
                )
        return text


def _is_ideograph(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000"


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# --- narrative --------------------------------------------------------------------------------


def standard_preamble(report: Report) -> list[Paragraph]:
    """Legal basis, statistical period, where to download, whom to ask: from 基本信息."""
    fmt, c = report.format, report.contacts
    parts = "、".join(s.heading.split("、", 1)[1] for s in fmt.sections)
    first = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《{fmt.title}》"
             f"（{fmt.issued_by}）要求编制，全文包括{parts}。")
    year = report.year or ""
    second = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    if c.get("website_name") or c.get("website_url"):
        url = f"（{c['website_url']}）" if c.get("website_url") else ""
        second += f"本报告电子版可在{c.get('website_name') or '本机关网站'}{url}下载。"
    contact = "；".join(f"{label}：{c[key]}" for key, label in (
        ("address", "地址"), ("postcode", "邮政编码"), ("phone", "联系电话"), ("fax", "传真"),
        ("email", "电子邮箱")) if c.get(key))
    if c.get("office") or contact:
        second += (f"如对本报告有疑问，请与{c.get('office') or report.organ}联系"
                   f"{f'（{contact}）' if contact else ''}。")
    return [Paragraph(PREAMBLE, [Run(first)]), Paragraph(PREAMBLE, [Run(second)])]


def fee_sentence(report: Report) -> str:
    """2021 format: the 信息处理费 sentence of section 六, from the fee choices (amounts in 元)."""
    keys = {c.key for c in report.format.choices}
    if "fee_charged" not in keys:
        return ""
    charged = report.choice_text("fee_charged")
    if charged == "否":
        return "本年度未收取信息处理费。"
    if charged != "是":
        return ""
    count = report.choice_text("fee_applications")
    amount = report.choice_text("fee_amount") or "0"
    if count and count != "0":
        return f"本年度共对{count}件政府信息公开申请收取信息处理费，共计{amount}元。"
    return f"本年度收取信息处理费共计{amount}元。"


def section_paragraphs(report: Report, section: str) -> list[Paragraph]:
    """What a section prints: its narrative; for 六 also the fee sentence, or 无 when empty."""
    paragraphs = [p for p in report.narrative(section) if p.text.strip()]
    if section == PREAMBLE:
        return paragraphs or standard_preamble(report)
    if section != "六":
        return paragraphs
    sentence = fee_sentence(report)
    if sentence:
        if [p.text.strip(" 。.") for p in paragraphs] == ["无"]:
            paragraphs = []
        paragraphs.append(Paragraph("六", [Run(sentence)]))
    return paragraphs or [Paragraph("六", [Run(_NOTHING_TO_REPORT)])]


def paragraph_style(p: Paragraph) -> str:
    if not p.heading:
        return BODY
    return HEADING2 if _LEVEL2.match(p.text) else HEADING3


def styled_runs(p: Paragraph) -> list[tuple[Run, str]]:
    """The runs with their character style: a run-in （一）…。 heading is set apart in 楷体."""
    m = None if p.heading else _RUN_IN.match(p.text)
    if m is None:
        return [(r, "") for r in p.runs]
    rest = m.end()
    out: list[tuple[Run, str]] = []
    for r in p.runs:
        head, tail = r.text[:rest], r.text[rest:]
        if head:
            out.append((Run(head, r.bold), RUN_IN_HEADING))
        if tail:
            out.append((Run(tail, r.bold), ""))
        rest = max(0, rest - len(r.text))
    return out


def rich_paragraphs(paragraphs: list[Paragraph], notes: Notes) -> Any:
    """docxtpl paragraphs; runs carry only bold and a style, so the template's fonts apply."""
    from docxtpl import RichText, RichTextParagraph

    out = RichTextParagraph()
    for p in paragraphs:
        rich = RichText()
        for run, style in styled_runs(p):
            text = notes.clean(run.text, p.where or "正文")
            if text:
                rich.add(text, bold=run.bold, style=style or None)
        out.add(rich, parastyle=paragraph_style(p))
    return out


# --- tables -----------------------------------------------------------------------------------


def table_values(report: Report) -> dict[str, str]:
    """Every table value as printed: totals resolved, blanks as 0, a chosen unit after its amount."""
    values = {key: format_number(report.amount(key)) for key in report.format.fields}
    for choice in report.format.choices:
        if choice.unit_of:
            values[choice.unit_of] += report.choice_text(choice.key)
    return values


def build_context(report: Report, notes: Notes) -> dict[str, Any]:
    """What the template's tags refer to: organ, year, preamble, narrative[一…六], v[field key]."""
    organ = notes.clean(report.organ, report.where.get("organ", "基本信息"))
    return {
        "organ": organ,
        "year": str(report.year or ""),
        "preamble": rich_paragraphs(section_paragraphs(report, PREAMBLE), notes),
        "narrative": {s.number: rich_paragraphs(section_paragraphs(report, s.number), notes)
                      for s in report.format.sections},
        VALUES: table_values(report),
    }


# --- templates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    data: bytes  # the .docx file
    warnings: list[str]


_PACKAGE_ROOT = PurePosixPath()
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RENDERED_PARTS = {"officeDocument": "正文", "header": "页眉", "footer": "页脚"}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_XML_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_START = re.compile(r"<w:p[ >]")


class ReportTemplate:
    """A docxtpl template compiled once, rendered for many reports in a Jinja sandbox."""

    def __init__(self, data: bytes, name: str) -> None:
        from docxtpl import DocxTemplate
        from jinja2 import StrictUndefined, TemplateSyntaxError
        from jinja2.sandbox import SandboxedEnvironment

        self.name = name
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                self._entries = [(info, z.read(info)) for info in z.infolist()]
        except (zipfile.BadZipFile, OSError, EOFError):
            raise TemplateProblem(f"模板“{name}”不是 Word（.docx）文件，或文件已损坏") from None
        self._env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        self._patcher = DocxTemplate(None)
        self._sources: dict[str, list[str]] = {}  # part -> its lines as compiled, for messages
        self._compiled = {}
        self._checked: set[str] = set()
        self._kinds = self._parts()
        for part in self._kinds:
            source = self._source(self._entry(part).decode("utf-8"))
            self._sources[part] = source.split("\n")
            try:
                self._compiled[part] = self._env.from_string(source)
            except TemplateSyntaxError as e:
                raise TemplateProblem(self._place(part, e.lineno) + f"的标签写错了：{e.message}") from None
        styles = self._entry("word/styles.xml", b"").decode("utf-8", "replace")
        self.gb2312 = "_GB2312" in styles

    def _entry(self, name: str, default: bytes | None = None) -> bytes:
        for info, data in self._entries:
            if info.filename == name:
                return data
        if default is None:
            raise TemplateProblem(f"模板“{self.name}”缺少 {name}，不是完整的 Word 文件")
        return default

    def _parts(self) -> dict[str, str]:
        """The parts holding tags, with their Chinese name: the main document, headers, footers."""
        main = next((target for target, kind in self._relations("_rels/.rels") if kind == "正文"),
                    "word/document.xml")
        path = PurePosixPath(main)
        parts = {main: "正文"}
        parts.update(self._relations(str(path.parent / "_rels" / f"{path.name}.rels"), path.parent))
        return parts

    def _relations(self, rels: str, base: PurePosixPath = _PACKAGE_ROOT) -> list[tuple[str, str]]:
        from lxml import etree

        out = []
        for rel in etree.fromstring(self._entry(rels, b"<r/>")).iter(f"{_REL_NS}Relationship"):
            kind = _RENDERED_PARTS.get(rel.get("Type", "").rsplit("/", 1)[-1])
            if kind and rel.get("TargetMode") != "External":
                out.append((str(base / rel.get("Target", "").lstrip("/")), kind))
        return out

    def _source(self, xml: str) -> str:
        """docxtpl's clean-up of tags split by Word, then one line a paragraph (for messages)."""
        source = self._patcher.patch_xml(xml)
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        # docxtpl's escapes for literal braces, as Jinja string literals so that a clerk's text is
        # never post-processed.
        for escaped, literal in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            source = source.replace(escaped, "{{ '" + literal + "' }}")
        return source

    def _place(self, part: str, lineno: int | None) -> str:
        """"模板“x.docx”正文第12段（“…”）": where a tag is, with the text around it."""
        kind = self._kinds.get(part, "正文")
        lines = self._sources.get(part, [])
        if not lineno or lineno > len(lines):
            return f"模板“{self.name}”的{kind}"
        text = _XML_TAG.sub("", lines[lineno - 1])
        tags = _TAG.findall(text)
        shown = "、".join(tags) if tags else f"“{text[:60]}”"
        number = sum(1 for line in lines[:lineno] if _PARAGRAPH_START.match(line))
        return f"模板“{self.name}”{kind}第{number}段中 {shown} "

    def check_names(self, fmt: Format) -> None:
        """Refuse unknown names and value keys before rendering, naming the tag and its place."""
        if fmt.id in self._checked:
            return
        from jinja2 import nodes

        for part, lines in self._sources.items():
            tree = self._env.parse("\n".join(lines))
            assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
            for name in tree.find_all(nodes.Name):
                if name.ctx == "load" and name.name not in CONTEXT_NAMES and name.name not in assigned \
                        and name.name not in self._env.globals:
                    known = "、".join(CONTEXT_NAMES)
                    raise TemplateProblem(self._place(part, name.lineno)
                                          + f"用了未知的名称“{name.name}”（可用的名称：{known}）")
            for item in tree.find_all(nodes.Getitem):
                if isinstance(item.node, nodes.Name) and item.node.name == VALUES \
                        and isinstance(item.arg, nodes.Const) and item.arg.value not in fmt.fields:
                    raise TemplateProblem(
                        self._place(part, item.lineno)
                        + f"的“{item.arg.value}”不是{fmt.id}年格式的统计项（模板可能是为另一种格式制作的）"
                    )
        self._checked.add(fmt.id)

    def render(self, report: Report) -> Rendered:
        """The report as a .docx file, and the warnings about text that could not be printed as is."""
        from jinja2 import TemplateError
        from jinja2.exceptions import SecurityError
        from lxml import etree

        self.check_names(report.format)
        notes = Notes(gb2312=self.gb2312)
        context = build_context(report, notes)
        rendered: dict[str, bytes] = {}
        for part, template in self._compiled.items():
            try:
                xml = template.render(context)
            except SecurityError:
                raise TemplateProblem(self._place(part, None) + "中的标签试图访问不允许的内容，已拒绝") from None
            except TemplateError as e:
                raise TemplateProblem(self._place(part, _template_line(e)) + f"无法填写：{e.message}") from None
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            if re.search("[\t\n]", xml.split("?>", 1)[-1].lstrip()):
                xml = self._patcher.resolve_listing(xml)  # tabs and line breaks in a clerk's text
            data = xml.encode("utf-8")
            etree.fromstring(data)  # never write a file Word cannot open
            rendered[part] = data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in self._entries:
                z.writestr(zipfile.ZipInfo(info.filename, info.date_time),
                           rendered.get(info.filename, data), zipfile.ZIP_DEFLATED)
        return Rendered(out.getvalue(), notes.messages)


def _template_line(error: BaseException) -> int | None:
    """The template line a Jinja runtime error happened on (Jinja rewrites the traceback)."""
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def default_template_data(format_id: str) -> bytes:
    """The template shipped for a format: from the installed package, else from the checkout."""
    from importlib import resources

    name = template_name(format_id)
    try:
        return (resources.files("generator.templates") / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return (TEMPLATE_DIR / name).read_bytes()


@cache
def _default_template(format_id: str) -> ReportTemplate:
    return ReportTemplate(default_template_data(format_id), template_name(format_id))


@cache
def _custom_template(path: str, mtime_ns: int, size: int) -> ReportTemplate:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise TemplateProblem(f"无法读取模板“{path}”：{e.strerror}") from None
    return ReportTemplate(data, Path(path).name)


def load_template(report: Report, template: Path | None = None) -> ReportTemplate:
    """The compiled template for `report`: a custom one, or the one shipped for its format.

    Compiled once per process and file version, so a batch compiles each template once.
    """
    if template is None:
        return _default_template(report.format_id)
    try:
        stat = Path(template).stat()
    except OSError:
        raise TemplateProblem(f"找不到模板文件：{template}") from None
    return _custom_template(str(Path(template).resolve()), stat.st_mtime_ns, stat.st_size)


def render_docx(report: Report, template: Path | None = None) -> Rendered:
    """The report as .docx bytes, with the warnings about its text."""
    return load_template(report, template).render(report)


def write_docx(report: Report, out: Path, template: Path | None = None,
               inputs: tuple[Path, ...] = ()) -> list[str]:
    """Render and write atomically; refuses an output that is an input or open elsewhere."""
    rendered = render_docx(report, template)
    write_atomically(Path(out), lambda tmp: tmp.write_bytes(rendered.data), inputs)
    return rendered.warnings


# --- file names -------------------------------------------------------------------------------


def default_output_name(report: Report) -> str:
    """"<year>年<organ>政府信息公开工作年度报告.docx", made safe for any file system."""
    year = f"{report.year}年" if report.year else ""
    return safe_filename(f"{year}{report.organ or '未填写机关名称'}{REPORT_NAME}.docx")
