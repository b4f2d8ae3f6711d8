"""The format descriptions against format-spec.md: every printed label, character for character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.formats import FORMATS, UnknownFormat, format_for_year, get_format
from generator.formats.model import Table

SPEC = Path(__file__).resolve().parents[2] / "shared" / "format-spec.md"
SUMMARY = Path(__file__).with_name("format-spec-summary.yaml")


@pytest.fixture(scope="module")
def spec() -> dict:
    import yaml

    return yaml.safe_load(SUMMARY.read_text(encoding="utf-8"))


def test_summary_copy_matches_the_spec():
    if not SPEC.exists():
        pytest.skip(f"format-spec.md is not beside the repository ({SPEC}); the copy in tests/ is used")
    block = re.search(r"## 6\. Machine-usable summary\s+```yaml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    copy = "".join(SUMMARY.read_text(encoding="utf-8").splitlines(True)[2:])  # past the copy's own two-line header
    assert copy == block.group(1)


def labels_in_order(table: Table) -> list[str]:
    return [c.text for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.text]


def test_formats_follow_the_report_year():
    assert format_for_year(2019).id == format_for_year(2020).id == "2019"
    assert format_for_year(2021).id == format_for_year(2030).id == "2021"
    with pytest.raises(UnknownFormat):
        format_for_year(2018)
    with pytest.raises(UnknownFormat):
        get_format("2020")


@pytest.mark.parametrize("fid", FORMATS)
def test_metadata_and_headings(spec, fid):
    fmt = get_format(fid)
    assert fmt.issued_by == spec["formats"][fid]["issued_by"]
    assert fmt.title == spec["formats"][fid]["format_title"]
    assert [s.heading for s in fmt.sections] == spec["sections"]


@pytest.mark.parametrize("fid", FORMATS)
def test_table2_blocks(spec, fid):
    table = get_format(fid).table("active_disclosure")
    expected: list[str] = []
    for block in spec["table2"][fid]:
        expected += [block["caption"], "信息内容", *block["cols"], *block["rows"]]
    assert labels_in_order(table) == expected


@pytest.mark.parametrize("fid", FORMATS)
def test_table3_labels(spec, fid):
    t3 = spec["table3"]
    table = get_format(fid).table("applications")
    expected = [t3["note"], "申请人情况", "自然人", "法人或其他组织", "总计", *t3["header"][4]["text"]]
    for row in t3["rows"]:
        if isinstance(row, str):
            expected.append(row)
            continue
        expected.append(row["group"])
        for item in row["items"]:
            item = item.get(fid, item) if isinstance(item, dict) and fid in item else item
            if isinstance(item, str):
                expected.append(item)
            else:
                expected.append(item["group"])
                expected += item["items"]
    assert labels_in_order(table) == expected
    assert table.rows - table.header_rows == {"2019": 23, "2021": 25}[fid]


def test_table3_punctuation():
    labels = labels_in_order(get_format("2021").table("applications"))
    assert "3.危及“三安全一稳定”" in labels
    assert all(not re.search(r"\d\．", t) for t in labels)  # ASCII dot after item numbers
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels


@pytest.mark.parametrize("fid", FORMATS)
def test_table4_header(spec, fid):
    table = get_format(fid).table("review_litigation")
    outcomes = spec["table4"]["cols_per_group"]
    assert labels_in_order(table) == ["行政复议", "行政诉讼", *outcomes, "未经复议直接起诉", "复议后起诉", *outcomes * 2]
    merged = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells if c.text}
    assert merged[(0, 0)] == (1, 5) and merged[(0, 5)] == (1, 10) and merged[(1, 0)] == (2, 1)


@pytest.mark.parametrize("fid", FORMATS)
def test_grid_is_exactly_covered(fid):
    """Every table's cells tile its grid: no gap, no overlap (what Word and Excel merges need)."""
    for table in get_format(fid).tables:
        seen: set[tuple[int, int]] = set()
        for c in table.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in seen, (table.id, r, k)
                    seen.add((r, k))
        assert seen == {(r, k) for r in range(table.rows) for k in range(table.columns)}, table.id


@pytest.mark.parametrize("fid", FORMATS)
def test_rules_refer_to_fields_of_the_format(fid):
    fmt = get_format(fid)
    for rule in fmt.rules:
        for term in rule.left + rule.right:
            assert term.field in fmt.fields, (rule.id, term.field)
    ids = {r.id for r in fmt.rules}
    assert {"R1", "R2", "R3", "R4", "R7"} <= ids
    assert ("R8" in ids) == (fid == "2019") and ("R6b" in ids) == (fid == "2021")
