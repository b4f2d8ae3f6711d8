"""Builders that turn a compact description of the statutory tables into grids, fields and rules.

The official tables share their construction across formats (format-spec.md §3–§5): a format
file states its labels, columns and widths as a spec and calls these builders, which hold no
label of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Cell, Field, Kind, Level, Rule, Table, Term

# Table ids: the first part of every field key, stable across formats.
ACTIVE = "active_disclosure"  # 二、主动公开政府信息情况
APPLICATIONS = "applications"  # 三、收到和处理政府信息公开申请情况
REVIEWS = "review_litigation"  # 四、政府信息公开行政复议、行政诉讼情况

Line = tuple[str, str]  # (id, printed label)


# --- table 二 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: Kind = Kind.COUNT
    unit: str = ""


@dataclass(frozen=True)
class Block:
    """One 第二十条 block of table 二: caption row, header row, item rows."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Line, ...]


@dataclass(frozen=True)
class ActiveSpec:
    """Table 二: blocks on a grid of one label column and `value_columns` value columns."""

    title: str
    item_heading: str  # the head of the label column in every block: 信息内容
    blocks: tuple[Block, ...]
    widths: tuple[float, ...]  # label column, then each value column
    value_columns: int = 3


def active_disclosure_table(spec: ActiveSpec) -> Table:
    """Table 二: a block with one value column spans it over every value column of the grid."""
    width = spec.value_columns
    cells: list[Cell] = []
    fields: list[Field] = []
    r = 0
    for block in spec.blocks:
        cells.append(Cell(r, 0, block.caption, colspan=1 + width))
        r += 1
        cells.append(Cell(r, 0, spec.item_heading))
        span = width if len(block.columns) == 1 else 1
        for i, col in enumerate(block.columns):
            cells.append(Cell(r, 1 + i, col.label, colspan=span))
        cells += [Cell(r, 1 + i) for i in range(len(block.columns) * span, width)]
        r += 1
        for row_id, label in block.rows:
            cells.append(Cell(r, 0, label))
            for i, col in enumerate(block.columns):
                f = Field(ACTIVE, row_id, col.id, col.kind, label, col.label, col.unit)
                fields.append(f)
                cells.append(Cell(r, 1 + i, field=f.key, colspan=span))
            cells += [Cell(r, 1 + i) for i in range(len(block.columns) * span, width)]
            r += 1
    return Table(ACTIVE, "二", spec.title, 1 + width, 0, tuple(cells), tuple(fields), spec.widths)


# --- table 三 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultGroup:
    """A result line of 三、本年度办理结果; with items it spans its numbered sub-rows."""

    id: str
    label: str
    items: tuple[Line, ...] = ()


@dataclass(frozen=True)
class ApplicationsSpec:
    """Table 三 as a format prints it: the applicant columns, the rows, the widths."""

    title: str
    note: str  # the top-left header cell: the 勾稽关系 printed in the table
    applicants_heading: str  # 申请人情况
    persons: tuple[Line, ...]  # columns standing alone under the heading (自然人)
    organisations_heading: str  # 法人或其他组织
    organisations: tuple[Line, ...]  # the columns grouped under it
    total: Line
    new: Line  # 一
    carried_over: Line  # 二
    results_heading: str  # 三
    results: tuple[ResultGroup, ...]
    results_total: Line
    carry_forward: Line  # 四
    label_widths: tuple[float, float, float]  # 三, the result groups, their items
    value_widths: tuple[float, float, float]  # a person's column, an organisation's, the total

    @property
    def applicants(self) -> tuple[Line, ...]:
        return (*self.persons, *self.organisations)

    @property
    def value_columns(self) -> tuple[Line, ...]:
        return (*self.applicants, self.total)

    def result_rows(self) -> list[Line]:
        """(row id, message label) of every result row, sub-items with their group's label."""
        rows: list[Line] = []
        for group in self.results:
            if group.items:
                rows += [(f"{group.id}.{i}", f"{group.label} {label}") for i, label in group.items]
            else:
                rows.append((group.id, group.label))
        return rows


def applications_table(spec: ApplicationsSpec) -> Table:
    """Table 三: three label columns and the value columns, a 3-row header, then 一, 二, the
    result lines and 四. 三 and the result groups that span their items print vertically, in
    narrow columns that leave the width to the items' labels."""
    first = 3  # the first value column
    persons, organisations = len(spec.persons), len(spec.organisations)
    total_col = first + persons + organisations
    cells = [
        Cell(0, 0, spec.note, rowspan=3, colspan=3, note=True),
        Cell(0, first, spec.applicants_heading, colspan=persons + organisations + 1),
        *(Cell(1, first + i, label, rowspan=2) for i, (_, label) in enumerate(spec.persons)),
        Cell(1, first + persons, spec.organisations_heading, colspan=organisations),
        Cell(1, total_col, spec.total[1], rowspan=2),
        *(Cell(2, first + persons + i, label) for i, (_, label) in enumerate(spec.organisations)),
    ]
    fields: list[Field] = []
    r = 3

    def value_row(row_id: str, label: str, result_rows: tuple[str, ...] = ()) -> None:
        parts = []
        for c, (col_id, col_label) in enumerate(spec.applicants):
            sum_of = tuple(f"{APPLICATIONS}.{rid}.{col_id}" for rid in result_rows)
            f = Field(APPLICATIONS, row_id, col_id, Kind.COUNT, label, col_label, sum_of=sum_of)
            fields.append(f)
            parts.append(f.key)
            cells.append(Cell(r, first + c, field=f.key))
        total = Field(APPLICATIONS, row_id, spec.total[0], Kind.COUNT, label, spec.total[1], sum_of=tuple(parts))
        fields.append(total)
        cells.append(Cell(r, total_col, field=total.key))

    for row_id, label in (spec.new, spec.carried_over):
        cells.append(Cell(r, 0, label, colspan=3))
        value_row(row_id, label)
        r += 1
    result_rows = spec.result_rows()
    cells.append(Cell(r, 0, spec.results_heading, rowspan=len(result_rows) + 1, vertical=True))
    for group in spec.results:
        if group.items:
            cells.append(Cell(r, 1, group.label, rowspan=len(group.items), vertical=True))
            for item_id, item_label in group.items:
                cells.append(Cell(r, 2, item_label))
                value_row(f"{group.id}.{item_id}", f"{group.label} {item_label}")
                r += 1
        else:
            cells.append(Cell(r, 1, group.label, colspan=2))
            value_row(group.id, group.label)
            r += 1
    cells.append(Cell(r, 1, spec.results_total[1], colspan=2))
    value_row(spec.results_total[0], f"{spec.results_heading}{spec.results_total[1]}",
              tuple(i for i, _ in result_rows))
    r += 1
    cells.append(Cell(r, 0, spec.carry_forward[1], colspan=3))
    value_row(*spec.carry_forward)
    person, organisation, total_width = spec.value_widths
    widths = (*spec.label_widths, *(person,) * persons, *(organisation,) * organisations, total_width)
    return Table(APPLICATIONS, "三", spec.title, total_col + 1, 3, tuple(cells), tuple(fields), widths)


def _number(label: str) -> str:
    """The numbering that opens a label: '一、本年新收…' -> '一', '（七）总计' -> '（七）'."""
    head = label.split("、", 1)[0] if "、" in label[:3] else label[:label.find("）") + 1]
    return head or label


def applications_rules(spec: ApplicationsSpec) -> tuple[Rule, ...]:
    """R1 (the printed note), R2 (row totals) and R3 (result totals) of table 三."""
    key = f"{APPLICATIONS}.{{}}.{{}}".format
    total_id = spec.total[0]
    rows = [spec.new, spec.carried_over, *spec.result_rows(), spec.results_total, spec.carry_forward]
    results = [row_id for row_id, _ in spec.result_rows()]
    first_group, last_group = spec.results[0].label, spec.results[-1].label
    applicants = "与".join((*(label for _, label in spec.persons), f"各类{spec.organisations_heading}"))
    r1 = (f"第{_number(spec.new[1])}项加第{_number(spec.carried_over[1])}项之和，"
          f"应等于第{_number(spec.results_heading)}项{_number(spec.results_total[1])}总计"
          f"加第{_number(spec.carry_forward[1])}项之和")
    rules: list[Rule] = []
    for col_id, col_label in spec.value_columns:
        rules.append(Rule(
            "R1", Level.ERROR, r1,
            left=(Term(key(spec.new[0], col_id)), Term(key(spec.carried_over[0], col_id))),
            right=(Term(key(spec.results_total[0], col_id)), Term(key(spec.carry_forward[0], col_id))),
            scope=f"{col_label}列",
        ))
    for row_id, label in rows:
        rules.append(Rule(
            "R2", Level.ERROR, f"{spec.total[1]}应等于{applicants}之和",
            left=(Term(key(row_id, total_id)),),
            right=tuple(Term(key(row_id, c)) for c, _ in spec.applicants),
            scope=f"“{label if row_id != spec.results_total[0] else spec.results_heading + label}”行",
        ))
    for col_id, col_label in spec.value_columns:
        rules.append(Rule(
            "R3", Level.ERROR,
            f"{spec.results_total[1]}应等于{_number(first_group)}至{_number(last_group)}各项办理结果之和",
            left=(Term(key(spec.results_total[0], col_id)),),
            right=tuple(Term(key(r, col_id)) for r in results),
            scope=f"{col_label}列",
        ))
    return tuple(rules)


def carry_over_rules(spec: ApplicationsSpec) -> tuple[Rule, ...]:
    """R7: this year's 上年结转 equals last year's 结转下年度, column by column."""
    key = f"{APPLICATIONS}.{{}}.{{}}".format
    return tuple(
        Rule(
            "R7", Level.WARNING,
            f"本年“{spec.carried_over[1]}”应等于上年报告的“{spec.carry_forward[1]}”",
            left=(Term(key(spec.carried_over[0], col_id)),),
            right=(Term(key(spec.carry_forward[0], col_id), last_year=True),),
            scope=f"{col_label}列",
        )
        for col_id, col_label in spec.value_columns
    )


# --- table 四 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewsSpec:
    """Table 四: reconsideration, then the kinds of suit under one heading, each with the same outcomes."""

    title: str
    review: Line  # 行政复议
    litigation_heading: str  # 行政诉讼
    suits: tuple[Line, ...]  # 未经复议直接起诉, 复议后起诉
    outcomes: tuple[Line, ...]  # the last one is the group's total

    @property
    def groups(self) -> tuple[tuple[str, str, str], ...]:
        """(group id, printed label, label for messages) of every group of columns."""
        return (
            (*self.review, self.review[1]),
            *((gid, label, f"{self.litigation_heading} {label}") for gid, label in self.suits),
        )


def review_litigation_table(spec: ReviewsSpec) -> Table:
    """Table 四: a 3-row header and one row of values; the outcomes print vertically."""
    n = len(spec.outcomes)
    cells = [
        Cell(0, 0, spec.review[1], colspan=n),
        Cell(0, n, spec.litigation_heading, colspan=n * len(spec.suits)),
        *(Cell(1, n * (1 + i), label, colspan=n) for i, (_, label) in enumerate(spec.suits)),
        *(Cell(1, i, label, rowspan=2, vertical=True) for i, (_, label) in enumerate(spec.outcomes)),
    ]
    for g in range(1, len(spec.suits) + 1):
        cells += [Cell(2, n * g + i, label, vertical=True) for i, (_, label) in enumerate(spec.outcomes)]
    fields: list[Field] = []
    total_id = spec.outcomes[-1][0]
    for g, (group_id, _, group_label) in enumerate(spec.groups):
        parts = tuple(f"{REVIEWS}.{group_id}.{o}" for o, _ in spec.outcomes[:-1])
        for i, (outcome, label) in enumerate(spec.outcomes):
            f = Field(REVIEWS, group_id, outcome, Kind.COUNT, group_label, label,
                      sum_of=parts if outcome == total_id else ())
            fields.append(f)
            cells.append(Cell(3, n * g + i, field=f.key))
    columns = n * len(spec.groups)
    return Table(REVIEWS, "四", spec.title, columns, 3, tuple(cells), tuple(fields), (1.0,) * columns)


def review_litigation_rules(spec: ReviewsSpec) -> tuple[Rule, ...]:
    """R4: in each group, the total is the sum of the other outcomes."""
    total_id, total_label = spec.outcomes[-1]
    others = "、".join(label for _, label in spec.outcomes[:-1])
    return tuple(
        Rule(
            "R4", Level.ERROR, f"{total_label}应等于{others}之和",
            left=(Term(f"{REVIEWS}.{group_id}.{total_id}"),),
            right=tuple(Term(f"{REVIEWS}.{group_id}.{o}") for o, _ in spec.outcomes[:-1]),
            scope=label,
        )
        for group_id, _, label in spec.groups
    )
