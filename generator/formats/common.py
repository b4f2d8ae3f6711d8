"""Parts that both formats print identically."""

from .model import Section
from .tables import ACTIVE, APPLICATIONS, HEADING_ALIASES, HEADINGS, REVIEWS, ResultGroup

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

_TABLE_OF_SECTION = {"二": ACTIVE, "三": APPLICATIONS, "四": REVIEWS}
_REQUIRED = {"一", "五", "六"}


def sections() -> tuple[Section, ...]:
    return tuple(
        Section(number, heading, _TABLE_OF_SECTION.get(number, ""), number in _REQUIRED,
                HEADING_ALIASES.get(number, ()))
        for number, heading in HEADINGS
    )
