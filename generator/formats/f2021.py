"""国办公开办函〔2021〕30号: the revised format, for the reports of 2021 on."""

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

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

ACTIVE_TABLE = active_disclosure_table(ActiveSpec(ACTIVE_TITLE, ITEM_HEADING, (
    Block("第二十条第（一）项",
          (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"),
           Column("in_force", "现行有效件数")),
          (("regulations", "规章"), ("normative_documents", "行政规范性文件"))),
    Block("第二十条第（五）项", _DECISIONS, (("licensing", "行政许可"),)),
    Block("第二十条第（六）项", _DECISIONS, (("penalties", "行政处罚"), ("enforcement", "行政强制"))),
    Block("第二十条第（八）项",
          (Column("fee_amount", "本年收费金额（单位：万元）", Kind.MONEY, unit="万元"),),
          (("fees", "行政事业性收费"),)),
), ACTIVE_WIDTHS))
APPLICATIONS = applications_spec(ResultGroup("other", "（六）其他处理", (
    ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "3.其他"),
)))

_IN_FORCE_RULES = tuple(
    Rule("R6b", Level.WARNING, "本年“现行有效件数”应等于上年报告的“现行有效件数”加本年制发件数减本年废止件数",
         left=(Term(f"{ACTIVE}.{row}.in_force"),),
         right=(Term(f"{ACTIVE}.{row}.in_force", last_year=True), Term(f"{ACTIVE}.{row}.issued"),
                Term(f"{ACTIVE}.{row}.repealed", coef=-1)),
         scope=label)
    for row, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件"))
)

FORMAT = Format(
    id="2021",
    issued_by="国办公开办函〔2021〕30号",
    title="中华人民共和国政府信息公开工作年度报告格式",
    first_year=2021,
    sections=SECTIONS,
    tables=(ACTIVE_TABLE, applications_table(APPLICATIONS), review_litigation_table(REVIEWS)),
    rules=(*_IN_FORCE_RULES, *applications_rules(APPLICATIONS), *review_litigation_rules(REVIEWS),
           *carry_over_rules(APPLICATIONS)),
    choices=(
        Choice("fee_charged", "本年是否收取信息处理费", "choice", ("是", "否"),
               hint="依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），在第六部分报告。",
               role=Role.FEE_CHARGED, section="六"),
        Choice("fee_applications", "收取信息处理费的申请件数", "count", unit="件",
               required=False, hint="未收费时填 0 或留空。", role=Role.FEE_APPLICATIONS, section="六"),
        Choice("fee_amount", "收取信息处理费金额", "money", unit="元",
               required=False, hint="单位为元（不是万元），未收费时填 0 或留空。",
               role=Role.FEE_AMOUNT, section="六"),
    ),
)
