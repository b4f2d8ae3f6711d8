"""Rendering: text and numbers land where the format puts them, literally, in the template's styles."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx_text import open_docx, stream, table_cells, tables
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from generator.content import file_name
from generator.document import TemplateProblem, render_docx
from generator.document.build import TEMPLATE_DIR, template_name
from generator.formats import FORMATS
from generator.report import PREAMBLE, Location, Paragraph, Report, Run, Value
from generator.workbook import blank_report

CONTACTS = {
    "office": "某某县人民政府办公室", "address": "某某县人民路1号", "postcode": "100000",
    "phone": "010-12345678", "fax": "", "email": "gk@example.gov.cn",
    "website_name": "某某县人民政府网站", "website_url": "http://www.example.gov.cn/",
}


def report(format_id: str = "2021", **narrative: str) -> Report:
    r = blank_report(FORMATS[format_id], "某某县人民政府办公室", 2019 if format_id == "2019" else 2023)
    r.contacts = dict(CONTACTS)
    for section, text in {"一": "本年度认真贯彻落实《条例》。", "五": "存在的问题是……", **narrative}.items():
        r.paragraphs.append(Paragraph(section, [Run(text)], location=Location(sheet="正文", cell=f"B{len(r.paragraphs) + 4}")))
    return r


def paragraphs(data: bytes) -> list[str]:
    return [text for kind, text in stream(open_docx(data)) if kind == "p"]


def test_title_preamble_headings_and_section_six_in_order():
    texts = paragraphs(render_docx(report()).data)
    assert texts[:2] == ["某某县人民政府办公室", "2023年政府信息公开工作年度报告"]
    preamble = texts[3] + texts[4]
    for part in ("《中华人民共和国政府信息公开条例》", "国办公开办函〔2021〕30号", "自2023年1月1日起至2023年12月31日止",
                 "某某县人民政府网站（http://www.example.gov.cn/）", "电子邮箱：gk@example.gov.cn"):
        assert part in preamble
    assert "传真" not in preamble  # left blank: not printed
    headings = [t for t in texts if t[:2] in {f"{n}、" for n in "一二三四五六"}]
    assert headings == [s.heading for s in FORMATS["2021"].sections]


def test_preamble_paragraphs_of_the_narrative_replace_the_standard_one():
    r = report()
    r.paragraphs.insert(0, Paragraph(PREAMBLE, [Run("本报告由本机关自行编制。")]))
    texts = paragraphs(render_docx(r).data)
    assert texts[3] == "本报告由本机关自行编制。"
    assert not any("统计期限" in t for t in texts)


@pytest.mark.parametrize(("charged", "count", "amount", "sentence"), [
    ("是", 2, Decimal("380"), "本年度共对2件政府信息公开申请收取信息处理费，共计380元。"),
    ("否", None, None, "本年度未收取信息处理费。"),
])
def test_section_six_of_2021_says_whether_fees_were_charged(charged, count, amount, sentence):
    r = report(六="无")
    r.choices.update(fee_charged=Value(raw=charged), fee_applications=Value(count), fee_amount=Value(amount))
    texts = paragraphs(render_docx(r).data)
    six = texts.index("六、其他需要报告的事项")
    # The clerk's "nothing to report" follows the fee sentence as "nothing else": one statement.
    assert texts[six + 1:] == [sentence, "除此之外，本年度无其他需要报告的事项。"]


@pytest.mark.parametrize(("typed", "printed"), [
    ([], []),
    (["本年度完成了政府信息公开专栏的无障碍改造。"], ["本年度完成了政府信息公开专栏的无障碍改造。"]),
    (["本年度完成了栏目调整。", "本年度无其他需要报告的事项。"],
     ["本年度完成了栏目调整。", "除此之外，本年度无其他需要报告的事项。"]),
])
def test_section_six_reads_as_one_statement_with_the_fee_sentence(tmp_path, typed, printed):
    """The shipped example once printed "本年度无其他需要报告的事项。" and then the fee it charged."""
    r = report()
    r.paragraphs += [Paragraph("六", [Run(text)]) for text in typed]
    r.choices.update(fee_charged=Value(raw="是"), fee_applications=Value(1), fee_amount=Value(380))
    texts = paragraphs(render_docx(r).data)
    six = texts.index("六、其他需要报告的事项")
    assert texts[six + 1:] == ["本年度共对1件政府信息公开申请收取信息处理费，共计380元。", *printed]


def test_a_clerk_who_writes_about_the_fee_is_printed_as_written():
    r = report(六="本年度依申请收取信息处理费380元，已全部上缴国库。")
    r.choices.update(fee_charged=Value(raw="是"), fee_applications=Value(1), fee_amount=Value(380))
    texts = paragraphs(render_docx(r).data)
    assert texts[texts.index("六、其他需要报告的事项") + 1:] == ["本年度依申请收取信息处理费380元，已全部上缴国库。"]


def test_the_shipped_example_prints_section_six_as_one_statement():
    from generator.service import load_report

    texts = paragraphs(render_docx(load_report(Path(__file__).parents[1] / "inputs" / "example-2021.xlsx")).data)
    six = texts[texts.index("六、其他需要报告的事项") + 1:]
    assert six[0] == "本年度共对1件政府信息公开申请收取信息处理费，共计380元。"
    assert not any("无其他需要报告" in t for t in six)


def test_empty_section_six_of_2019_prints_nothing_to_report():
    texts = paragraphs(render_docx(report("2019")).data)
    assert texts[-1] == "无。"


def test_table_values_totals_and_the_procurement_unit():
    r = report("2019")
    r.values["active_disclosure.procurement.procurement_amount"] = Value(Decimal("266900"))
    r.choices["procurement_unit"] = Value(raw="元")
    r.values["applications.new.natural_person"] = Value(5)
    r.values["applications.new.business"] = Value(2)
    doc = open_docx(render_docx(r).data)
    active, applications, _ = tables(doc)
    assert table_cells(active)[-1] == ["政府集中采购", "0", "266900元", ""]
    new_row = table_cells(applications)[3]
    assert new_row == ["一、本年新收政府信息公开申请数量", "5", "2", "0", "0", "0", "0", "7"]  # total computed


def test_bold_runs_keep_bold_only_and_run_in_headings_take_the_heading_style():
    r = report(一="")
    r.paragraphs.append(Paragraph("一", [Run("（二）主动公开政府信息情况。2019年共公开"), Run("782", bold=True),
                                         Run("条。")]))
    r.paragraphs.append(Paragraph("一", [Run("（三）人大代表建议办理情况")], heading=True))
    doc = open_docx(render_docx(r).data)
    para = next(p for p in doc.paragraphs if p.text.startswith("（二）"))
    assert [(run.text, run.bold, run.style.style_id) for run in para.runs] == [
        ("（二）主动公开政府信息情况。", None, "Heading2Char"), ("2019年共公开", None, "DefaultParagraphFont"),
        ("782", True, "DefaultParagraphFont"), ("条。", None, "DefaultParagraphFont")]
    assert not para._p.xpath(".//w:rFonts")  # fonts come from the styles
    heading = next(p for p in doc.paragraphs if p.text.startswith("（三）"))
    assert heading.style.style_id == "Heading2"


NASTY = "A&B <b>x</b> \"q\" 'a' {{ organ }} {% if x %} {# c #} {_{ ]]> &amp;"


def test_markup_and_template_syntax_in_text_appear_literally():
    r = report(一=NASTY)
    r.organ = "某某<局>&{{ x }}"
    data = render_docx(r).data
    texts = paragraphs(data)
    assert texts[0] == "某某<局>&{{ x }}"
    assert NASTY in texts


def test_characters_xml_cannot_hold_are_dropped_with_a_warning_naming_the_cell():
    r = report(一="甲\x0b乙\x01丙\x07丁")
    rendered = render_docx(r)
    assert "甲乙丙丁" in paragraphs(rendered.data)
    assert any("正文!B4" in w and "U+000B" in w for w in rendered.warnings)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40), st.lists(st.tuples(st.text(max_size=30), st.booleans()), max_size=4))
def test_any_text_gives_a_well_formed_document(organ, runs):
    r = report()
    r.organ = organ
    r.paragraphs.append(Paragraph("五", [Run(t, b) for t, b in runs]))
    data = render_docx(r).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))
    open_docx(data)


def test_characters_outside_gb2312_are_reported():
    rendered = render_docx(report(一="䶮是一个生僻字"))
    assert any("䶮" in w and "GB2312" in w for w in rendered.warnings)


def test_compiled_rendering_prints_what_docxtpl_itself_prints():
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from generator.document.context import Notes, build_context

    r = report(一=NASTY.replace("{_{", ""))  # docxtpl turns a clerk's "{_{" into "{{"; we print it as typed
    ours = open_docx(render_docx(r).data)
    tpl = DocxTemplate(str(TEMPLATE_DIR / template_name("2021")))
    tpl.render(build_context(r, Notes()), SandboxedEnvironment(autoescape=True, undefined=StrictUndefined))
    buffer = io.BytesIO()
    tpl.save(buffer)
    assert stream(ours) == stream(open_docx(buffer.getvalue()))


# --- custom templates ---------------------------------------------------------------------------


def edited_template(tmp_path: Path, old: str, new: str, format_id: str = "2021") -> Path:
    source = TEMPLATE_DIR / template_name(format_id)
    out = tmp_path / "mine.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                assert old in data.decode()
                data = data.decode().replace(old, new, 1).encode()
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize("quoted", ["“{}”", "&quot;{}&quot;", "&#34;{}&#34;"])
def test_older_tags_with_quotes_curled_by_word_or_escaped_by_libreoffice_still_work(tmp_path, quoted):
    key = "applications.new.natural_person"
    template = edited_template(tmp_path, f"{{{{ v.{key} }}}}", "{{ v[" + quoted.format(key) + "] }}")
    r = report()
    r.values[key] = Value(9)
    assert table_cells(tables(open_docx(render_docx(r, template).data))[1])[3][1] == "9"


def test_older_section_tags_still_work(tmp_path):
    template = edited_template(tmp_path, "{{p section5 }}", "{{p narrative[“五”] }}")
    assert "存在的问题是……" in paragraphs(render_docx(report(), template).data)


def test_ordinary_jinja_in_a_template_is_allowed(tmp_path):
    loop = "{% for c in organ %}{{ loop.index }}{% endfor %}{% macro m(x) %}{{ x }}{% endmacro %}{{ m(year) }}"
    template = edited_template(tmp_path, "{{ organ }}", "{{ organ }}" + loop)
    texts = paragraphs(render_docx(report(), template).data)
    assert texts[0].startswith("某某县人民政府办公室123456789102023")


def test_a_workbook_given_as_template_is_refused(tmp_path):
    from generator.cli import app

    runner = CliRunner()
    book = Path(__file__).parents[1] / "inputs" / "example-2021.xlsx"
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["generate", str(book), "--template", str(book), "-o", str(out)])
    assert result.exit_code == 1 and "是 Excel 工作簿，不是 Word 报告模板" in result.output
    assert not out.exists()


def test_a_word_file_without_tags_is_refused(tmp_path):
    from docx import Document

    plain = tmp_path / "普通文件.docx"
    document = Document()
    document.add_paragraph("某某县人民政府办公室（红头）")
    document.save(plain)
    with pytest.raises(TemplateProblem, match="没有任何 .* 标签，不是报告模板"):
        render_docx(report(), plain)


def test_a_template_that_leaves_out_a_section_or_a_number_is_refused(tmp_path):
    template = edited_template(tmp_path, "{{p section5 }}", "")
    with pytest.raises(TemplateProblem, match=r"缺少 \{\{ section5 \}\}"):
        render_docx(report(), template)
    template = edited_template(tmp_path, "{{ v.applications.new.business }}", "")
    with pytest.raises(TemplateProblem, match="表格中1个数字的标签（如 {{ v.applications.new.business }}）"):
        render_docx(report(), template)


def test_a_template_with_macros_is_refused(tmp_path):
    template = tmp_path / "带宏.docx"
    with zipfile.ZipFile(TEMPLATE_DIR / template_name("2021")) as src, zipfile.ZipFile(template, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro project")
    with pytest.raises(TemplateProblem, match="含有宏"):
        render_docx(report(), template)


def test_a_broken_tag_says_what_to_fix_without_parser_internals(tmp_path):
    template = edited_template(tmp_path, "{{ organ }}", "{{ organ & year }}")
    with pytest.raises(TemplateProblem) as e:
        render_docx(report(), template)
    message = str(e.value)
    assert "正文第1段" in message and "标签写法有误" in message and "不要改动" in message
    assert "unexpected" not in message and "&amp;" not in message


@pytest.mark.parametrize(("new", "message"), [
    ("{{ organ }", "{{ organ }"),
    ("{{ orgna }}", "未知的名称“orgna”"),
    ("{{ v.applications.nothing.total }}", "不是2021年格式的统计项"),
    ('{{ v["applications.nothing.total"] }}', "不是2021年格式的统计项"),
])
def test_a_broken_tag_is_named_with_its_place(tmp_path, new, message):
    template = edited_template(tmp_path, "{{ organ }}", new)
    with pytest.raises(TemplateProblem) as e:
        render_docx(report(), template)
    assert "mine.docx" in str(e.value) and "正文第1段" in str(e.value) and message in str(e.value)


def test_a_template_cannot_reach_python_internals(tmp_path):
    template = edited_template(tmp_path, "{{ organ }}", "{{ organ.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem, match="不允许"):
        render_docx(report(), template)


def test_a_file_that_is_no_docx_is_refused_as_a_template(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(TemplateProblem, match="不是 Word"):
        render_docx(report(), bad)


# --- file names ----------------------------------------------------------------------------------


def test_file_name():
    assert file_name(report()) == "2023年某某县人民政府办公室政府信息公开工作年度报告.docx"


@given(st.text(max_size=300))
def test_default_output_name_is_safe_for_any_file_system(organ):
    r = report()
    r.organ = organ
    name = file_name(r)
    assert name.endswith(".docx") and len(name.encode("utf-8")) <= 255
    assert not set(name) & set('<>:"/\\|?*') and all(ch.isprintable() for ch in name)
    assert name.strip(" .") == name and ".." not in name
