"""No false alarms on real reports: two published reports (../shared/real/), their narrative and
tables typed into workbooks, give no error from any rule; every warning is listed here with why.

- 淮安市人民政府 2024: FEE — section 六 states 3940元 charged, the number of applications charged is
  not published, so 收费件数 is left blank while 是否收取 is 是 (the old fee rule, not a text rule).
  Every number its text states (受理3119件, 答复3050件, 上年度结转34件, 顺延到下年度103件, 行政复议
  351件 and its four outcomes, 行政诉讼46件 and its four outcomes, 信息处理费3940元) agrees.
- 平潭综合实验区 2022: TEXT_SCOPE — "全区收到政府信息公开申请75件", while table 三 counts 74 new and 1
  carried over: the text counts the carried-over application as received this year. Its other
  statements agree (现行有效698件, 制发88件, 商业企业3件, 行政诉讼1件, 行政复议2件, 均已结案, 办结率100%).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.checks import check
from generator.workbook import read_workbook, write_workbook

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import real_reports  # noqa: E402

EXPECTED = {
    "huaian": {("FEE", "基本信息!B17")},
    "pingtan": {("TEXT_SCOPE", "正文!B14")},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_report_gives_no_error_and_only_the_warnings_explained(tmp_path, name):
    path = tmp_path / f"{name}.xlsx"
    write_workbook(real_reports.report(name), path)
    result = check(read_workbook(path))
    assert result.errors == []
    assert {(f.code, f.where) for f in result.findings} == EXPECTED[name]


def test_real_tables_as_typed_satisfy_the_format():
    """The typed tables are the published ones: R1–R4 hold, as they do in print."""
    for name in EXPECTED:
        assert not [f for f in check(real_reports.report(name)).findings if f.code.startswith("R")]


def test_real_statements_are_read():
    """The sentences that state table values are recognised, not merely left alone."""
    from generator.checks.statements import statements
    for name, count in (("huaian", 15), ("pingtan", 6)):
        report = real_reports.report(name)
        assert sum(1 for p in report.paragraphs for _ in statements(report.format, report.year, p.text)) == count


@pytest.mark.skipif(bool(real_reports.available()), reason=real_reports.available() or "available")
def test_the_stored_narratives_are_derived_from_the_published_files():
    assert real_reports.derive() == real_reports.narratives()
