"""Builders that turn a compact description of the statutory tables into grids, fields and rules.

The official tables share their construction across formats (format-spec.md §3–§5), so each
format file states only what differs and calls these builders.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Cell, Field, Kind, Level, Rule, Table, Term

ACTIVE = "active_disclosure"  # 二、主动公开政府信息情况
APPLICATIONS = "applications"  # 三、收到和处理政府信息公开申请情况
REVIEWS = "review_litigation"  # 四、政府信息公开行政复议、行政诉讼情况


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
    rows: tuple[tuple[str, str], ...]  # (row id, printed label)


def active_disclosure_table(blocks: tuple[Block, ...]) -> Table:
    """Table 二: a 4-column grid; a block with one value column spans it over columns 2–4."""
    cells: list[Cell] = []
    fields: list[Field] = []
    r = 0
    for block in blocks:
        cells.append(Cell(r, 0, block.caption, colspan=4))
        r += 1
        cells.append(Cell(r, 0, "信息内容"))
        span = 3 if len(block.columns) == 1 else 1
        for i, col in enumerate(block.columns):
            cells.append(Cell(r, 1 + i, col.label, colspan=span))
        for i in range(len(block.columns) * span, 3):
            cells.append(Cell(r, 1 + i))
        r += 1
        for row_id, label in block.rows:
            cells.append(Cell(r, 0, label))
            for i, col in enumerate(block.columns):
                f = Field(ACTIVE, row_id, col.id, col.kind, label, col.label, col.unit)
                fields.append(f)
                cells.append(Cell(r, 1 + i, field=f.key, colspan=span))
            for i in range(len(block.columns) * span, 3):
                cells.append(Cell(r, 1 + i))
            r += 1
    return Table(
        id=ACTIVE,
        section="二",
        title="主动公开",
        columns=4,
        header_rows=0,
        cells=tuple(cells),
        fields=tuple(fields),
        widths=(2.2, 1.6, 1.6, 1.6),
    )


# --- table 三 -------------------------------------------------------------------------------

APPLICANTS = (
    ("natural_person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
)
TOTAL = ("total", "总计")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

Line = tuple[str, str]  # (row id, label)


@dataclass(frozen=True)
class ResultGroup:
    """A result line of 三、本年度办理结果; with items it spans its numbered sub-rows."""

    id: str
    label: str
    items: tuple[Line, ...] = ()


NEW = ("new", "一、本年新收政府信息公开申请数量")
CARRIED_OVER = ("carried_over", "二、上年结转政府信息公开申请数量")
RESULTS = "三、本年度办理结果"
RESULTS_TOTAL = ("results_total", "（七）总计")
CARRY_FORWARD = ("carry_forward", "四、结转下年度继续办理")


def applications_table(results: tuple[ResultGroup, ...]) -> Table:
    """Table 三: 10 columns, a 3-row header, then 一, 二, the result lines and 四."""
    cells = [
        Cell(0, 0, NOTE, rowspan=3, colspan=3),
        Cell(0, 3, "申请人情况", colspan=7),
        Cell(1, 3, APPLICANTS[0][1], rowspan=2),
        Cell(1, 4, "法人或其他组织", colspan=5),
        Cell(1, 9, TOTAL[1], rowspan=2),
    ]
    cells += [Cell(2, 4 + i, label) for i, (_, label) in enumerate(APPLICANTS[1:])]

    result_lines: list[tuple[str, str]] = []  # (row id, message label) of every result row
    for group in results:
        if group.items:
            for item_id, item_label in group.items:
                result_lines.append((f"{group.id}.{item_id}", f"{group.label} {item_label}"))
        else:
            result_lines.append((group.id, group.label))

    r = 3
    fields: list[Field] = []

    def value_row(row_id: str, label: str, result_rows: tuple[str, ...] = ()) -> None:
        parts = []
        for c, (col_id, col_label) in enumerate(APPLICANTS):
            sum_of = tuple(f"{APPLICATIONS}.{rid}.{col_id}" for rid in result_rows)
            f = Field(APPLICATIONS, row_id, col_id, Kind.COUNT, label, col_label, sum_of=sum_of)
            fields.append(f)
            parts.append(f.key)
            cells.append(Cell(r, 3 + c, field=f.key))
        total = Field(APPLICATIONS, row_id, TOTAL[0], Kind.COUNT, label, TOTAL[1],
                      sum_of=tuple(parts))
        fields.append(total)
        cells.append(Cell(r, 9, field=total.key))

    for row_id, label in (NEW, CARRIED_OVER):
        cells.append(Cell(r, 0, label, colspan=3))
        value_row(row_id, label)
        r += 1
    cells.append(Cell(r, 0, RESULTS, rowspan=len(result_lines) + 1))
    for group in results:
        if group.items:
            cells.append(Cell(r, 1, group.label, rowspan=len(group.items)))
            for item_id, item_label in group.items:
                cells.append(Cell(r, 2, item_label))
                value_row(f"{group.id}.{item_id}", f"{group.label} {item_label}")
                r += 1
        else:
            cells.append(Cell(r, 1, group.label, colspan=2))
            value_row(group.id, group.label)
            r += 1
    cells.append(Cell(r, 1, RESULTS_TOTAL[1], colspan=2))
    value_row(RESULTS_TOTAL[0], f"{RESULTS}{RESULTS_TOTAL[1]}", tuple(i for i, _ in result_lines))
    r += 1
    cells.append(Cell(r, 0, CARRY_FORWARD[1], colspan=3))
    value_row(*CARRY_FORWARD)
    return Table(
        id=APPLICATIONS,
        section="三",
        title="依申请公开",
        columns=10,
        header_rows=3,
        cells=tuple(cells),
        fields=tuple(fields),
        widths=(0.9, 1.5, 3.3, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9),
    )


def applications_rules(table: Table) -> tuple[Rule, ...]:
    """R1 (the printed note), R2 (row totals) and R3 (result totals) of table 三."""
    key = f"{APPLICATIONS}.{{}}.{{}}".format
    columns = (*APPLICANTS, TOTAL)
    rows = [f.row for f in table.fields if f.column == TOTAL[0]]
    results = [r for r in rows if r not in (NEW[0], CARRIED_OVER[0], RESULTS_TOTAL[0],
                                           CARRY_FORWARD[0])]
    rules: list[Rule] = []
    for col_id, col_label in columns:
        rules.append(Rule(
            "R1", Level.ERROR, "第一项加第二项之和，应等于第三项（七）总计加第四项之和",
            left=(Term(key(NEW[0], col_id)), Term(key(CARRIED_OVER[0], col_id))),
            right=(Term(key(RESULTS_TOTAL[0], col_id)), Term(key(CARRY_FORWARD[0], col_id))),
            scope=f"{col_label}列",
        ))
    for row_id in rows:
        label = table.field(key(row_id, TOTAL[0])).row_label
        rules.append(Rule(
            "R2", Level.ERROR, "总计应等于自然人与各类法人或其他组织之和",
            left=(Term(key(row_id, TOTAL[0])),),
            right=tuple(Term(key(row_id, c)) for c, _ in APPLICANTS),
            scope=f"“{label}”行",
        ))
    for col_id, col_label in columns:
        rules.append(Rule(
            "R3", Level.ERROR, "（七）总计应等于（一）至（六）各项办理结果之和",
            left=(Term(key(RESULTS_TOTAL[0], col_id)),),
            right=tuple(Term(key(r, col_id)) for r in results),
            scope=f"{col_label}列",
        ))
    return tuple(rules)


def carry_over_rules() -> tuple[Rule, ...]:
    """R7: this year's 上年结转 equals last year's 结转下年度, column by column."""
    key = f"{APPLICATIONS}.{{}}.{{}}".format
    return tuple(
        Rule(
            "R7", Level.WARNING, "本年“二、上年结转”应等于上年报告的“四、结转下年度继续办理”",
            left=(Term(key(CARRIED_OVER[0], col_id)),),
            right=(Term(key(CARRY_FORWARD[0], col_id), last_year=True),),
            scope=f"{col_label}列",
        )
        for col_id, col_label in (*APPLICANTS, TOTAL)
    )


# --- table 四 -------------------------------------------------------------------------------

OUTCOMES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
CASE_GROUPS = (
    ("review", "行政复议", "行政复议"),
    ("direct_suit", "未经复议直接起诉", "行政诉讼 未经复议直接起诉"),
    ("suit_after_review", "复议后起诉", "行政诉讼 复议后起诉"),
)


def review_litigation_table() -> Table:
    """Table 四: 15 columns, a 3-row header and one row of values (both formats)."""
    cells = [
        Cell(0, 0, "行政复议", colspan=5),
        Cell(0, 5, "行政诉讼", colspan=10),
        Cell(1, 5, CASE_GROUPS[1][1], colspan=5),
        Cell(1, 10, CASE_GROUPS[2][1], colspan=5),
    ]
    cells += [Cell(1, i, label, rowspan=2) for i, (_, label) in enumerate(OUTCOMES)]
    for g in (1, 2):
        cells += [Cell(2, 5 * g + i, label) for i, (_, label) in enumerate(OUTCOMES)]
    fields: list[Field] = []
    for g, (group_id, _, group_label) in enumerate(CASE_GROUPS):
        parts = tuple(f"{REVIEWS}.{group_id}.{o}" for o, _ in OUTCOMES[:-1])
        for i, (outcome, label) in enumerate(OUTCOMES):
            total = outcome == "total"
            f = Field(REVIEWS, group_id, outcome, Kind.COUNT, group_label, label,
                      sum_of=parts if total else ())
            fields.append(f)
            cells.append(Cell(3, 5 * g + i, field=f.key))
    return Table(
        id=REVIEWS,
        section="四",
        title="复议诉讼",
        columns=15,
        header_rows=3,
        cells=tuple(cells),
        fields=tuple(fields),
        widths=(1.0,) * 15,
        vertical_labels=True,
    )


def review_litigation_rules() -> tuple[Rule, ...]:
    """R4: in each of the three groups, 总计 is the sum of the four outcomes."""
    return tuple(
        Rule(
            "R4", Level.ERROR, "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
            left=(Term(f"{REVIEWS}.{group_id}.total"),),
            right=tuple(Term(f"{REVIEWS}.{group_id}.{o}") for o, _ in OUTCOMES[:-1]),
            scope=label,
        )
        for group_id, _, label in CASE_GROUPS
    )


# --- the six sections ----------------------------------------------------------------------

HEADINGS = (
    ("一", "一、总体情况"),
    ("二", "二、主动公开政府信息情况"),
    ("三", "三、收到和处理政府信息公开申请情况"),
    ("四", "四、政府信息公开行政复议、行政诉讼情况"),
    ("五", "五、存在的主要问题及改进情况"),
    ("六", "六、其他需要报告的事项"),
)
# Local variants of the headings (format-spec.md §2.1) that the reader must recognise.
HEADING_ALIASES = {
    "二": ("二、主动公开信息情况", "二、主动公开政府信息的情况"),
    "四": ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    "五": ("五、存在问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
}
