"""国办公开办函〔2019〕60号: the trial format, for the reports of 2019 and 2020."""

from .builders import (
    ACTIVE,
    ActiveSpec,
    Block,
    Column,
    ResultGroup,
    active_disclosure_table,
    applications_rules,
    applications_table,
    carry_over_rules,
    review_litigation_rules,
    review_litigation_table,
)
from .common import ACTIVE_TITLE, ACTIVE_WIDTHS, ITEM_HEADING, REVIEWS, SECTIONS, applications_spec
from .model import Choice, Format, Kind, Level, Role, Rule, Term

_ITEMS = (
    Column("last_year_items", "上一年项目数量"),
    Column("change", "本年增/减", Kind.SIGNED),
)
_ITEMS_AND_DECISIONS = (*_ITEMS, Column("decisions", "处理决定数量"))

ACTIVE_TABLE = active_disclosure_table(ActiveSpec(ACTIVE_TITLE, ITEM_HEADING, (
    Block("第二十条第（一）项",
          (Column("new_made", "本年新制作数量"), Column("new_published", "本年新公开数量"),
           Column("total_published", "对外公开总数量")),
          (("regulations", "规章"), ("normative_documents", "规范性文件"))),
    Block("第二十条第（五）项", _ITEMS_AND_DECISIONS,
          (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
    Block("第二十条第（六）项", _ITEMS_AND_DECISIONS,
          (("penalties", "行政处罚"), ("enforcement", "行政强制"))),
    Block("第二十条第（八）项", _ITEMS, (("fees", "行政事业性收费"),)),
    Block("第二十条第（九）项",
          (Column("procurement_count", "采购项目数量"),
           Column("procurement_amount", "采购总金额", Kind.MONEY)),
          (("procurement", "政府集中采购"),)),
), ACTIVE_WIDTHS))
APPLICATIONS = applications_spec(ResultGroup("other", "（六）其他处理"))


def _table2_rules() -> tuple[Rule, ...]:
    rules = [
        Rule("R6a", Level.WARNING, "对外公开总数量不应小于本年新公开数量",
             left=(Term(f"{ACTIVE}.{row}.total_published"),),
             right=(Term(f"{ACTIVE}.{row}.new_published"),),
             relation=">=", scope=label)
        for row, label in (("regulations", "规章"), ("normative_documents", "规范性文件"))
    ]
    rules += [
        Rule("R8", Level.WARNING, "本年“上一年项目数量”应等于上年报告的“上一年项目数量”加“本年增/减”",
             left=(Term(f"{ACTIVE}.{row}.last_year_items"),),
             right=(Term(f"{ACTIVE}.{row}.last_year_items", last_year=True),
                    Term(f"{ACTIVE}.{row}.change", last_year=True)),
             scope=label)
        for row, label in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
                           ("penalties", "行政处罚"), ("enforcement", "行政强制"),
                           ("fees", "行政事业性收费"))
    ]
    return tuple(rules)


FORMAT = Format(
    id="2019",
    issued_by="国办公开办函〔2019〕60号",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    first_year=2019,
    sections=SECTIONS,
    tables=(ACTIVE_TABLE, applications_table(APPLICATIONS), review_litigation_table(REVIEWS)),
    rules=(*_table2_rules(), *applications_rules(APPLICATIONS), *review_litigation_rules(REVIEWS),
           *carry_over_rules(APPLICATIONS)),
    choices=(
        Choice("procurement_unit", "采购总金额的单位", "choice", ("元", "万元"), table=ACTIVE,
               hint="格式未规定单位，请选择后再填写金额；生成报告时单位印在金额后。",
               unit_of=f"{ACTIVE}.procurement.procurement_amount", role=Role.AMOUNT_UNIT),
    ),
)
