"""The report template: a .docx with docxtpl tags, compiled once, rendered in a Jinja sandbox.

The template (templates/report-<format>.docx, or a clerk's restyled copy) holds the layout;
context.py prepares what goes into it. Compiling the whole document is most of docxtpl's time,
so a template is compiled once per process and file version and then rendered for each report.
We use two docxtpl helpers directly, `patch_xml` (joins tags Word split across runs) and
`resolve_listing` (tabs and line breaks in text); tests/test_engine.py fails if they change.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from lxml import etree

from ..content import document_title
from ..errors import UserError
from ..formats import Format
from ..report import Report
from . import ooxml
from .build import TEMPLATE_DIR, VALUES, build, section_name, template_name
from .context import FIXED_NAMES, Notes, build_context, context_names
from .sandbox import ReportEnvironment, TemplateTooCostly, bounded

MAX_UNPACKED_BYTES = 100 * 2**20  # a report template is a few hundred kilobytes
MAX_OUTPUT = 50_000_000  # characters of one rendered part; a report's document is a few hundred thousand


class TemplateProblem(UserError):
    """A template that cannot be used: a broken tag, an unknown name, a file that is no DOCX."""


# --- templates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    data: bytes  # the .docx file
    warnings: list[str]


_PACKAGE_ROOT = PurePosixPath()
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RENDERED_PARTS = {"officeDocument": "正文", "header": "页眉", "footer": "页脚"}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_INSIDE_TAG = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})", re.S)
# What editors make of the quotes typed in a tag: Word curls them (docxtpl straightens those),
# LibreOffice writes them back as entities.
_QUOTE_ENTITIES = (("&quot;", '"'), ("&#34;", '"'), ("&apos;", "'"), ("&#39;", "'"))
_MACRO_NAMES = ("loop", "caller", "varargs", "kwargs")  # what Jinja itself defines inside loops and macros
HOW_TO_FIX = "请对照 templates/ 中的原模板改正：只改字体和版式，不要改动 {{ }} 中的文字"
_XML_TAG = re.compile(r"<[^>]+>")
# No entity expansion, no network, no huge trees: a hostile template cannot blow up the parser.
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_PARAGRAPH_START = re.compile(r"<w:p[ >]")


class ReportTemplate:
    """A docxtpl template compiled once, rendered for many reports in a Jinja sandbox."""

    def __init__(self, data: bytes, name: str, trusted: bool = False) -> None:
        """`trusted`: a template nianbao ships; any other is bounded in what it may cost."""
        from docxtpl import DocxTemplate
        from jinja2 import TemplateSyntaxError

        self.name = name
        self.trusted = trusted
        self._entries = self._read(data)
        names = {info.filename for info, _ in self._entries}
        if "word/document.xml" not in names:
            what = "是 Excel 工作簿" if "xl/workbook.xml" in names else "不是 Word 文件"
            raise TemplateProblem(f"模板“{name}”{what}，不是 Word 报告模板。--template 要给出由 templates/ 中的 "
                                  "report-2021.docx 或 report-2019.docx 修改而来的 Word 文件（.docx）；"
                                  "填好的工作簿是 nianbao generate 的第一个参数")
        if "word/vbaProject.bin" in names:
            raise TemplateProblem(f"模板“{name}”含有宏（VBA），为安全起见不能使用。"
                                  "请在 Word 或 WPS 中另存为“Word 文档（*.docx）”后再用")
        self._env = ReportEnvironment()
        self._patcher = DocxTemplate(None)
        self._sources: dict[str, list[str]] = {}  # part -> its lines as compiled, for messages
        self._compiled = {}
        self._checked: set[str] = set()
        self._kinds = self._parts()
        self._core = self._core_part()
        for part in self._kinds:
            source = self._source(self._text(part))
            self._sources[part] = source.split("\n")
            try:
                self._compiled[part] = self._env.from_string(source)
            except TemplateSyntaxError as e:
                raise TemplateProblem(self._place(part, e.lineno) + f"的标签写法有误（如括号、引号不成对，"
                                      f"或被改成了中文标点）。{HOW_TO_FIX}") from None
        if not any(_TAG.search(line) for lines in self._sources.values() for line in lines):
            raise TemplateProblem(f"模板“{name}”中没有任何 {{{{ }}}} 标签，不是报告模板：报告的机关名称、年度、"
                                  "正文各部分和表格中的每个数字都由模板中的标签填入。请从 templates/ 中的模板修改")
        styles = self._entry("word/styles.xml", b"").decode("utf-8", "replace")
        self.gb2312 = "_GB2312" in styles

    def _read(self, data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
        """Every part of the package, or why it is no Word file; the unpacked size is bounded first."""
        damaged = f"模板“{self.name}”不是 Word（.docx）文件，或文件已损坏"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if sum(info.file_size for info in z.infolist()) > MAX_UNPACKED_BYTES:
                    raise TemplateProblem(f"模板“{self.name}”解压后超过 {MAX_UNPACKED_BYTES // 2**20} MB，"
                                          "不像是报告模板，已拒绝使用")
                return [(info, z.read(info)) for info in z.infolist()]
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
            raise TemplateProblem(damaged) from None
        except RuntimeError:  # zipfile's word for an encrypted part
            raise TemplateProblem(f"模板“{self.name}”设置了密码，无法使用；请在 Word 或 WPS 中取消密码后再用") from None

    def _text(self, part: str) -> str:
        """A part's XML as text: UTF-8, as Word, WPS and LibreOffice write it, and no DTD (whose
        entities could expand to gigabytes)."""
        try:
            text = self._entry(part).decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateProblem(f"模板“{self.name}”的{self._kinds[part]}不是 UTF-8 编码的 Word 文件内容，"
                                  "可能已损坏或由其他程序改写；请用 Word 或 WPS 打开后另存为 .docx 再用") from None
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            raise TemplateProblem(f"模板“{self.name}”的{self._kinds[part]}含有文档类型定义（DOCTYPE），"
                                  "Word 文件不会有它，为安全起见不能使用")
        return text

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

    def _core_part(self) -> str | None:
        """The core properties part (title, author…), if the template has a readable one."""
        names = {info.filename for info, _ in self._entries}
        for rel in self._rels("_rels/.rels"):
            target = rel.get("Target", "").lstrip("/")
            if rel.get("Type") == ooxml.CORE_TYPE and target in names:
                try:
                    etree.fromstring(self._entry(target), SAFE_XML)
                except etree.XMLSyntaxError:
                    return None
                return target
        return None

    def _rels(self, rels: str) -> list:
        try:
            return list(etree.fromstring(self._entry(rels, b"<r/>"), SAFE_XML).iter(f"{_REL_NS}Relationship"))
        except etree.XMLSyntaxError:
            raise TemplateProblem(f"模板“{self.name}”的 {rels} 已损坏，不是完整的 Word 文件") from None

    def _relations(self, rels: str, base: PurePosixPath = _PACKAGE_ROOT) -> list[tuple[str, str]]:
        out = []
        for rel in self._rels(rels):
            kind = _RENDERED_PARTS.get(rel.get("Type", "").rsplit("/", 1)[-1])
            if kind and rel.get("TargetMode") != "External":
                out.append((str(base / rel.get("Target", "").lstrip("/")), kind))
        return out

    def _source(self, xml: str) -> str:
        """docxtpl's clean-up of tags split by Word, quotes an editor escaped put back, then one line
        a paragraph (for messages)."""
        source = _INSIDE_TAG.sub(_unescape_quotes, self._patcher.patch_xml(xml))
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
        """Refuse unknown names and value keys, and a template that leaves out part of the report,
        before rendering; a wrong tag is named with its place."""
        if fmt.id in self._checked:
            return
        from jinja2 import nodes

        known = set(context_names(fmt))
        used: set[str] = set()  # the parts of the report the template prints: names and field keys
        for part, lines in self._sources.items():
            tree = self._env.parse("\n".join(lines))
            defined = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
            defined |= {m.name for m in tree.find_all(nodes.Macro)} | set(_MACRO_NAMES) | set(self._env.globals)
            for name in tree.find_all(nodes.Name):
                if name.ctx == "load" and name.name not in known and name.name not in defined:
                    raise TemplateProblem(self._place(part, name.lineno) + f"用了未知的名称“{name.name}”"
                                          f"（可用的名称：{'、'.join(k for k in known if k != 'narrative')}）")
                used.add(name.name)
            for key, lineno in _value_keys(tree):
                if key not in fmt.fields:
                    raise TemplateProblem(self._place(part, lineno) + f"的“{key}”不是{fmt.id}年格式的统计项"
                                          "（模板可能是为另一种格式制作的）")
                used.add(key)
            used |= {f"section.{number}" for number in _old_sections(tree)}
        self._refuse_missing(fmt, used)
        self._checked.add(fmt.id)

    def _refuse_missing(self, fmt: Format, used: set[str]) -> None:
        """A template must print the whole report: a tag left out loses a section or a number."""
        missing = [name for name in FIXED_NAMES if name not in used]
        missing += [section_name(i) for i, s in enumerate(fmt.sections)
                    if section_name(i) not in used and f"section.{s.number}" not in used]
        values = [key for key in fmt.fields if key not in used]
        if not missing and not values:
            return
        listed = "、".join(f"{{{{ {n} }}}}" for n in missing)
        if values:
            listed += ("、" if listed else "") + f"表格中{len(values)}个数字的标签（如 {{{{ {VALUES}.{values[0]} }}}}）"
        raise TemplateProblem(f"模板“{self.name}”缺少 {listed}，生成的报告会缺内容。"
                              f"报告模板要保留原模板中的全部标签；{HOW_TO_FIX}")

    def render(self, report: Report) -> Rendered:
        """The report as a .docx file, and the warnings about text that could not be printed as is."""
        self.check_names(report.format)
        notes = Notes(gb2312=self.gb2312)
        context = build_context(report, notes)
        self._env.new_render()
        try:
            with contextlib.nullcontext() if self.trusted else bounded():
                rendered = {part: self._render_part(part, template, context)
                            for part, template in self._compiled.items()}
        except TemplateTooCostly as e:
            raise TemplateProblem(f"模板“{self.name}”{e.what}，已停止。报告模板只需填入报告的内容，"
                                  "请检查模板中的循环、重复或计算") from None
        if self._core is not None:  # the template's own title would name every report "…模板"
            rendered[self._core] = ooxml.with_title(self._entry(self._core),
                                                    Notes().clean(document_title(report), ""))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in self._entries:
                z.writestr(zipfile.ZipInfo(info.filename, info.date_time),
                           rendered.get(info.filename, data), zipfile.ZIP_DEFLATED)
        return Rendered(out.getvalue(), notes.messages)

    def _render_part(self, part: str, template, context: dict) -> bytes:
        from jinja2 import TemplateError
        from jinja2.exceptions import SecurityError

        pieces, size = [], 0
        try:
            for piece in template.generate(context):
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise TemplateTooCostly(f"生成的内容超过{MAX_OUTPUT}字")
                pieces.append(piece)
        except SecurityError:
            raise TemplateProblem(self._place(part, None) + "中的标签试图访问不允许的内容，已拒绝") from None
        except TemplateError as e:
            raise TemplateProblem(self._place(part, _template_line(e)) + f"无法填写：{e.message}") from None
        except RecursionError:
            raise TemplateTooCostly("调用自己的层数过多") from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", "".join(pieces))
        if re.search("[\t\n]", xml.split("?>", 1)[-1].lstrip()):
            xml = self._patcher.resolve_listing(xml)  # tabs and line breaks in a clerk's text
        data = xml.encode("utf-8")
        try:
            etree.fromstring(data, SAFE_XML)  # never write a file Word cannot open
        except etree.XMLSyntaxError:
            raise TemplateProblem(f"模板“{self.name}”的{self._kinds[part]}填入内容后不是有效的 Word 文件内容"
                                  f"（可能有标签跨越了段落或表格的边界）。{HOW_TO_FIX}") from None
        return data


def _unescape_quotes(m: re.Match) -> str:
    text = m.group(0)
    for entity, quote in _QUOTE_ENTITIES:
        text = text.replace(entity, quote)
    return text


def _value_keys(tree) -> list[tuple[str, int]]:
    """The field keys a template prints: v.a.b.c (attribute chains) and v["a.b.c"] (older templates)."""
    from jinja2 import nodes

    keys = []
    inner = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Getattr):
            inner.add(id(node.node))
    for node in tree.find_all(nodes.Getattr):
        if id(node) in inner:
            continue  # part of a longer chain
        path, root = [node.attr], node.node
        while isinstance(root, nodes.Getattr):
            path.insert(0, root.attr)
            root = root.node
        if isinstance(root, nodes.Name) and root.name == VALUES:
            keys.append((".".join(path), node.lineno))
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.node, nodes.Name) and item.node.name == VALUES and isinstance(item.arg, nodes.Const):
            keys.append((str(item.arg.value), item.lineno))
    return keys


def _old_sections(tree) -> list[str]:
    """Section numbers printed the older way, narrative["一"]."""
    from jinja2 import nodes

    return [str(item.arg.value) for item in tree.find_all(nodes.Getitem)
            if isinstance(item.node, nodes.Name) and item.node.name == "narrative"
            and isinstance(item.arg, nodes.Const)]


def _template_line(error: BaseException) -> int | None:
    """The template line a Jinja runtime error happened on (Jinja rewrites the traceback)."""
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def default_template_data(fmt: Format) -> bytes:
    """The template shipped for a format (installed package, else the checkout); a format shipped
    without one gets it built from its description."""
    from importlib import resources

    name = template_name(fmt.id)
    try:
        return (resources.files("generator.templates") / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    try:
        return (TEMPLATE_DIR / name).read_bytes()
    except FileNotFoundError:
        return build(fmt)


@cache
def _default_template(fmt: Format) -> ReportTemplate:
    return ReportTemplate(default_template_data(fmt), template_name(fmt.id), trusted=True)


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
        return _default_template(report.format)
    try:
        stat = Path(template).stat()
    except OSError:
        raise TemplateProblem(f"找不到模板文件：{template}") from None
    return _custom_template(str(Path(template).resolve()), stat.st_mtime_ns, stat.st_size)


def render_docx(report: Report, template: Path | None = None) -> Rendered:
    """The report as .docx bytes, with the warnings about its text."""
    return load_template(report, template).render(report)
