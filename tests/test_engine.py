"""The two docxtpl helpers the template engine uses directly. If a docxtpl release changes what
they do, these fail before any report comes out wrong (pyproject pins docxtpl below 0.21)."""

from __future__ import annotations

from docxtpl import DocxTemplate

W = '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p>'
patcher = DocxTemplate(None)


def test_patch_xml_joins_a_tag_that_word_split_across_runs():
    split = "<w:p><w:r><w:t>{{ or</w:t></w:r><w:r><w:t>gan }}</w:t></w:r></w:p>"
    assert "{{ organ }}" in patcher.patch_xml(split)


def test_patch_xml_straightens_quotes_word_curled_inside_a_tag():
    assert '{{ v["a.b"] }}' in patcher.patch_xml(W.format("{{ v[“a.b”] }}"))


def test_patch_xml_lets_a_paragraph_tag_replace_its_whole_paragraph():
    patched = patcher.patch_xml(W.format("{{p section1 }}"))
    assert patched.strip() == "{{ section1 }}"


def test_patch_xml_leaves_text_outside_tags_alone():
    assert patcher.patch_xml(W.format("“引号”与 &amp; 不是标签")) == W.format("“引号”与 &amp; 不是标签")


def test_resolve_listing_turns_line_breaks_and_tabs_into_word_elements():
    resolved = patcher.resolve_listing(W.format("第一行\n第二行\t制表"))
    assert "<w:br/>" in resolved and "<w:tab/>" in resolved
    assert "第一行" in resolved and "第二行" in resolved and "\n" not in resolved.split("?>")[-1]
