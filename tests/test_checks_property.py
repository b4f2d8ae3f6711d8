"""Property: consistent tables pass; any one cell of table 三 or 四 changed is caught near it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_checks import clean_report, type_totals

from generator.checks import check
from generator.formats import get_format
from generator.report import Report, Value
from generator.workbook.layout import field_cells

APPLICATIONS, REVIEWS = "applications", "review_litigation"
BALANCE_ROWS = ("new", "carried_over", "results_total", "carry_forward")
counts = st.integers(min_value=0, max_value=30)


@st.composite
def consistent_reports(draw: st.DrawFn) -> Report:
    """Tables 三 and 四 drawn at random so that R1–R4 hold, every total typed by the clerk."""
    report = clean_report(draw(st.sampled_from(["2019", "2021"])))
    fields = report.format.fields.values()
    for f in fields:
        if f.table == REVIEWS and not f.is_total:
            report.values[f.key] = Value(draw(counts))
    applicant_columns = {f.column for f in fields if f.table == APPLICATIONS and not f.is_total}
    for column in applicant_columns:
        column_fields = [f for f in fields if f.table == APPLICATIONS and f.column == column]
        for f in column_fields:
            if f.row not in BALANCE_ROWS:
                report.values[f.key] = Value(draw(counts))
        handled = report.amount(f"{APPLICATIONS}.results_total.{column}")
        carry_forward = draw(counts)
        carried_over = draw(st.integers(min_value=0, max_value=handled + carry_forward))
        for row, n in (("carry_forward", carry_forward), ("carried_over", carried_over),
                       ("new", handled + carry_forward - carried_over)):
            report.values[f"{APPLICATIONS}.{row}.{column}"] = Value(n)
    type_totals(report)
    return report


@settings(max_examples=60, deadline=None)
@given(consistent_reports())
def test_consistent_tables_pass(report):
    assert check(report).findings == ()


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.data())
def test_one_changed_cell_is_reported_in_its_row_or_column(report, data):
    fmt = get_format(report.format_id)
    keys = sorted(k for k, f in fmt.fields.items() if f.table in (APPLICATIONS, REVIEWS))
    key = data.draw(st.sampled_from(keys), label="cell")
    delta = data.draw(st.integers(min_value=-5, max_value=5).filter(bool), label="delta")
    report.values[key] = Value(report.amount(key) + delta)
    sheet, row, column = field_cells(fmt)[key]
    # A finding names a field; the workbook's layout tells its row and column in the official grid.
    hits = [field_cells(fmt)[f.key] for f in check(report).findings if f.key in fmt.fields]
    assert any(s == sheet and (r == row or c == column) for s, r, c in hits), (key, delta, hits)

