"""Parts that both official formats print identically (format-spec.md §2, §4, §5)."""

from __future__ import annotations

from .builders import ApplicationsSpec, ResultGroup, ReviewsSpec
from .model import Section

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
TABLE_OF_SECTION = {"二": "active_disclosure", "三": "applications", "四": "review_litigation"}
REQUIRED_SECTIONS = {"一", "五", "六"}

SECTIONS = tuple(
    Section(number, heading, TABLE_OF_SECTION.get(number, ""), number in REQUIRED_SECTIONS,
            HEADING_ALIASES.get(number, ()))
    for number, heading in HEADINGS
)

ACTIVE_TITLE = "主动公开"
ITEM_HEADING = "信息内容"
ACTIVE_WIDTHS = (2.2, 1.6, 1.6, 1.6)

RESULTS_BEFORE_OTHER = (
    ResultGroup("granted", "（一）予以公开"),
    ResultGroup("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ResultGroup("denied", "（三）不予公开", (
        ("state_secret", "1.属于国家秘密"),
        ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("three_safeties", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_info", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"),
        ("inquiry_matters", "8.属于行政查询事项"),
    )),
    ResultGroup("unable", "（四）无法提供", (
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("needs_creation", "2.没有现成信息需要另行制作"),
        ("still_unclear", "3.补正后申请内容仍不明确"),
    )),
    ResultGroup("not_processed", "（五）不予处理", (
        ("petition", "1.信访举报投诉类申请"),
        ("repeated", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("excessive", "4.无正当理由大量反复申请"),
        ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    )),
)


def applications_spec(other: ResultGroup) -> ApplicationsSpec:
    """Table 三 of both formats; they differ only in （六）其他处理 (format-spec.md §4.3)."""
    return ApplicationsSpec(
        title="依申请公开",
        note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        applicants_heading="申请人情况",
        persons=(("natural_person", "自然人"),),
        organisations_heading="法人或其他组织",
        organisations=(
            ("business", "商业企业"),
            ("research", "科研机构"),
            ("public_interest", "社会公益组织"),
            ("legal_services", "法律服务机构"),
            ("other_org", "其他"),
        ),
        total=("total", "总计"),
        new=("new", "一、本年新收政府信息公开申请数量"),
        carried_over=("carried_over", "二、上年结转政府信息公开申请数量"),
        results_heading="三、本年度办理结果",
        results=(*RESULTS_BEFORE_OTHER, other),
        results_total=("results_total", "（七）总计"),
        carry_forward=("carry_forward", "四、结转下年度继续办理"),
        # In characters of the table's type (小五), cell margins included, 49 in all. The items'
        # column breaks the long （六） items of 2021 between words in two lines; 三 and the
        # result groups print vertically; the note breaks after 等于. Organisation columns hold
        # five digits and set their names two characters a line (社会/公益/组织); 自然人 and the
        # total are a character wider.
        label_widths=(3.25, 2.0, 19.9),
        value_widths=(3.85, 3.25, 3.85),
    )


REVIEWS = ReviewsSpec(
    title="复议诉讼",
    review=("review", "行政复议"),
    litigation_heading="行政诉讼",
    suits=(("direct_suit", "未经复议直接起诉"), ("suit_after_review", "复议后起诉")),
    outcomes=(("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
              ("pending", "尚未审结"), ("total", "总计")),
)
