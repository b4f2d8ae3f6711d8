"""Numbers in the text against the tables: "全年新收政府信息公开申请55件", "其中予以公开22件",
"行政复议351件，其中结果维持72件", "现行有效行政规范性文件698件", "均已结案".

A statement is recognised only when the words right before its number are all known words:
what is counted (申请, 行政复议, 规范性文件…), which count (新收, 上年结转, 予以公开, 维持…),
whose (自然人…) and fillers (共, 累计, 的…). Anything else there — a qualifier (涉及征收的), a
month, a subset (部门, 乡镇), a comparison (同比, 上年) or another year — and the number is not
about the table, so it is left alone: a claim the table cannot confirm is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..formats import Role
from ..report import Report, format_number
from .findings import TEXT_PART, Finding, Involved, Subjects, make, paragraph_name
from .textnum import Bound, Quantity, quantities

APPLICATIONS, REVIEWS, ACTIVE = "applications", "review_litigation", "active_disclosure"
NATURAL_PERSON, TOTAL = "natural_person", "total"
_ORGANISATIONS = "organisations"  # every applicant column but 自然人 (and 总计)


class Thing(StrEnum):
    """What a number counts."""

    APPLICATION = "application"
    REVIEW = "review"
    SUIT = "suit"  # both kinds of suit
    DIRECT_SUIT = "direct_suit"
    SUIT_AFTER_REVIEW = "suit_after_review"
    REGULATION = "regulations"
    NORMATIVE = "normative_documents"
    LICENSING = "licensing"
    PENALTY = "penalties"
    ENFORCEMENT = "enforcement"
    ADMIN_FEE = "fees"
    PROCUREMENT = "procurement"
    INFO_FEE = "info_fee"


class Count(StrEnum):
    """Which count of it."""

    NEW = "new"
    CARRIED = "carried_over"
    OPEN = "open"  # carried forward; for cases, not yet decided
    DONE = "done"
    HANDLED = "handled"  # 办理: this year's workload
    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER_RESULT = "other"
    ISSUED = "issued"
    PUBLISHED = "published"
    REPEALED = "repealed"
    IN_FORCE = "in_force"
    PUBLISHED_TOTAL = "published_total"  # 2019: 对外公开总数量
    DECISIONS = "decisions"
    RESULT = "result"  # a row (or row group) of table 三's results, named in `_RESULTS`


# Longest words first within each list; a word is matched whole, the longest one ending nearest the number.
_THINGS: tuple[tuple[Thing, str], ...] = (
    (Thing.SUIT_AFTER_REVIEW, r"复议后(?:提起行政|提起|)(?:起诉|诉讼)"),
    (Thing.DIRECT_SUIT, r"(?:未经复议)?直接(?:提起行政|提起|)(?:起诉|诉讼)"),
    (Thing.REVIEW, r"行政复议|复议"),
    (Thing.SUIT, r"行政诉讼|行政应诉|诉讼|起诉|应诉"),
    (Thing.INFO_FEE, r"(?:政府信息公开)?信息处理费"),
    (Thing.APPLICATION, r"政府信息公开申请|信息公开申请|依申请公开申请|依申请公开|公开申请|申请"),
    (Thing.REGULATION, r"政府规章|规章"),
    (Thing.NORMATIVE, r"行政规范性文件|规范性文件"),
    (Thing.LICENSING, r"行政许可(?:决定)?"),
    (Thing.PENALTY, r"行政处罚(?:决定)?"),
    (Thing.ENFORCEMENT, r"行政强制(?:决定|措施)?"),
    (Thing.ADMIN_FEE, r"行政事业性收费"),
    (Thing.PROCUREMENT, r"政府集中采购|集中采购|政府采购"),
)
_COUNTS: tuple[tuple[Count, str], ...] = (
    (Count.CARRIED, r"(?:上一?年度?|去年|往年)(?:结转|转入|遗留|未办结)|结转上一?年度?"),
    (Count.OPEN, r"(?:结转|转入|顺延)(?:至|到)?(?:下一?年度?|\d{4}年度?)(?:继续)?(?:办理|答复)?|下一?年度继续办理"
                 r"|继续办理|跨年度?办理|尚未办结|未办结|正在办理|尚在办理|仍在办理|办理中|尚未审结|未审结"
                 r"|正在审理|尚在审理|审理中|尚未结案|未结案"),
    (Count.NEW, r"新收|新受理|收到|接收|接到|受理|新增|提出|被申请|被提起|发生"),
    (Count.DONE, r"办结|办理完毕|办理完成|处理完毕|答复|办复|审结|结案"),
    (Count.HANDLED, r"办理"),
    (Count.UPHELD, r"结果维持|维持"),
    (Count.CORRECTED, r"结果纠正|被纠错|纠错|纠正|撤销|确认违法"),
    (Count.OTHER_RESULT, r"其他结果"),
    (Count.ISSUED, r"新制定|新制作|新出台|制发|印发|出台|制定|制作|发布"),
    (Count.PUBLISHED, r"新公开"),
    (Count.REPEALED, r"宣布失效|废止"),
    (Count.IN_FORCE, r"现行有效"),
    (Count.PUBLISHED_TOTAL, r"对外公开总数量?|累计公开"),
    (Count.DECISIONS, r"作出|做出|决定"),
)
# Table 三's result rows as reports name them: row id (a group of rows, or one row) -> words.
_RESULTS: tuple[tuple[str, str], ...] = (
    ("granted", r"予以公开|同意公开|全部公开"),
    ("partly_granted", r"部分公开"),
    ("denied.state_secret", r"属于国家秘密|涉及国家秘密"),
    ("denied.prohibited_by_law", r"其他法律行政法规禁止公开"),
    ("denied.three_safeties", r"危及“?三安全一稳定”?"),
    ("denied.third_party", r"保护第三方合法权益"),
    ("denied.internal_affairs", r"属于三类内部事务信息|内部事务信息"),
    ("denied.process_info", r"属于四类过程性信息|过程性信息"),
    ("denied.enforcement_files", r"属于行政执法案卷|行政执法案卷"),
    ("denied.inquiry_matters", r"属于行政查询事项|行政查询事项"),
    ("denied", r"不予公开"),
    ("unable.not_held", r"本机关不掌握(?:相关政府信息)?|信息不存在"),
    ("unable.needs_creation", r"没有现成信息(?:需要另行制作)?|需要另行制作|另行制作"),
    ("unable.still_unclear", r"补正后申请内容仍不明确|申请内容仍不明确"),
    ("unable", r"无法提供"),
    ("not_processed.petition", r"信访举报投诉类?(?:申请)?"),
    ("not_processed.repeated", r"重复申请"),
    ("not_processed.publication", r"要求提供公开出版物|公开出版物"),
    ("not_processed.excessive", r"无正当理由大量反复申请|大量反复申请"),
    ("not_processed", r"不予处理"),
    ("other.no_correction", r"(?:申请人)?(?:无正当理由)?逾期(?:不|未)补正"),
    ("other.fee_unpaid", r"(?:申请人)?逾期未(?:按收费通知要求)?缴纳费用"),
    ("other", r"其他处理"),
)
_APPLICANTS: tuple[tuple[str, str], ...] = (
    (NATURAL_PERSON, r"自然人|公民"),
    (_ORGANISATIONS, r"法人或其他组织|法人和其他组织|法人及其他组织"),
    ("business", r"商业企业|企业"),
    ("research", r"科研机构"),
    ("public_interest", r"社会公益组织|公益组织"),
    ("legal_services", r"法律服务机构|律师事务所"),
)
_FILLERS = (r"政府信息公开|以及|信息公开|案件|各类|依法|全年|全部|本年度|本年|当年|今年|年内|共计|共有|合计|总计|累计"
            r"|总数|数量|件数|总量|达到|为|达|共|计|有|了|的|已|案|类|其中|政府|行政|市|县|区|镇|乡|本级|本机关"
            r"|予以|方面|情况|工作|事项|提交|收取|收费|金额|、|和|与|及|\s")
# A number in a clause that begins with one of these is about something else than the table.
_FOREIGN = re.compile(r"未|没有|无|不|减免|免收|免于|退还|涉及|关于|有关|针对|同比|较|比|增|减|上一?年|去年|前年"
                      r"|往年|此前|以前|以来|月|季度|半年|部门|乡镇|街道|单位|系统|领域|协助|配合|转办|转交|代为"
                      r"|平均|人均|每|占|约占|网络|网上|在线|信函|邮寄|当面|现场|传真|邮件|方式|渠道|途径")
# A bare "申请55件", "行政诉讼2件" (no 收到, no 维持) says what it counts only after time and scope words:
# "申请人撤回申请2件", "法院驳回诉讼1件" count something else.
_PLAIN_SCOPE = re.compile(r"(?:\d{4}\s*年度?|全年|本年度?|今年|年内|全[省市县区镇乡]?|本[机关局委办部厅]?|本单位"
                          r"|我[省市县区局委办镇乡厅]?|共|累计|总计|合计|其中|\s)*")  # 市, 县… may be read as fillers
_DISTRIBUTIVE = re.compile(r"(?:各|分别|均)(?:为|是|有|达)?\s*$")  # "各1件": each, not in all
_CLAUSE_END = "，,；;：:（）()【】“”\"「」《》"  # 、 joins what it lists: "行政复议、行政诉讼共3件"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]?")
_YEAR = re.compile(r"(\d{4})\s*年")


def _alternation(words: tuple[tuple[object, str], ...]) -> list[tuple[object, re.Pattern[str]]]:
    return [(what, re.compile(f"(?:{pattern})")) for what, pattern in words]


_TOKEN_KINDS = (("thing", _alternation(_THINGS)), ("count", _alternation(_COUNTS)),
                ("result", _alternation(_RESULTS)), ("applicant", _alternation(_APPLICANTS)),
                ("filler", [(None, re.compile(f"(?:{_FILLERS})"))]))
_ANY_TOKEN_AT_END = re.compile(
    "(?:" + "|".join(p for _, words in (("", _THINGS), ("", _COUNTS), ("", _RESULTS), ("", _APPLICANTS))
                     for _, p in words) + f"|{_FILLERS})\\Z")
_ANY_TOKEN_AT_START = re.compile(_ANY_TOKEN_AT_END.pattern.removesuffix("\\Z"))


@dataclass
class _Words:
    """What the known words right before (or after) a number say."""

    things: list[Thing] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    applicants: list[str] = field(default_factory=list)
    text: str = ""
    distributive: bool = False
    implied: Thing | None = None  # a count that only applications have: 予以公开, 上年结转, 结转下年度

    @property
    def empty(self) -> bool:
        return not (self.things or self.counts or self.results or self.applicants)

    def things_meant(self) -> list[Thing]:
        """What the words name; a reconsideration applied for (行政复议申请) is a case, not an application."""
        things = list(dict.fromkeys(self.things))
        if any(t in _CASES for t in things):
            things = [t for t in things if t in _CASES]
        return things


def _classify(token: str, words: _Words) -> None:
    for kind, alternatives in _TOKEN_KINDS:
        for what, pattern in alternatives:
            if pattern.fullmatch(token):
                if kind == "thing":
                    words.things.append(what)  # type: ignore[arg-type]
                elif kind == "count":
                    words.counts.append(what)  # type: ignore[arg-type]
                    # 结转 is the table's own word; 跨年办理, 正在办理 are said of 建议, 提案 too.
                    if what is Count.CARRIED or (what is Count.OPEN and re.search("结转|顺延|转入", token)):
                        words.implied = Thing.APPLICATION
                elif kind == "result":
                    words.results.append(what)  # type: ignore[arg-type]
                    words.implied = Thing.APPLICATION
                elif kind == "applicant":
                    words.applicants.append(what)  # type: ignore[arg-type]
                return


def _words_before(clause: str) -> tuple[_Words, str]:
    """The known words that end the clause, and what precedes them."""
    words, end = _Words(), len(clause)
    tokens = []
    while end:
        m = _ANY_TOKEN_AT_END.search(clause, 0, end)
        if m is None or m.start() == end:
            break
        tokens.append(m.group())
        end = m.start()
    for token in reversed(tokens):
        _classify(token, words)
    words.text = clause[end:]
    words.distributive = bool(_DISTRIBUTIVE.search(words.text))
    return words, clause[:end]


def _words_after(rest: str) -> _Words:
    words, start = _Words(), 0
    while start < len(rest):
        m = _ANY_TOKEN_AT_START.match(rest, start)
        if m is None or m.end() == start:
            break
        _classify(m.group(), words)
        start = m.end()
    words.text = rest[:start]
    return words


# --- what a statement is compared with ----------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Table fields added up (or a choice) that a statement gives the number of."""

    keys: tuple[str, ...]
    label: str  # Chinese, for messages
    role: Role | None = None  # a choice instead of fields


@dataclass(frozen=True)
class Reading:
    """What a statement means: the value it must equal, and other values it may honestly mean."""

    target: Target
    accepted: tuple[Target, ...] = ()  # also fine: 办理 = 新收 + 上年结转
    loose: tuple[Target, ...] = ()  # a looser count a clerk may have meant: a warning, not an error


def _applicant_columns(s: Subjects, applicant: str) -> list[str]:
    columns = [f.column for f in s.fmt.fields.values() if f.table == APPLICATIONS and f.row == "new"]
    if applicant == _ORGANISATIONS:
        return [c for c in columns if c not in (NATURAL_PERSON, TOTAL)]
    return [applicant] if applicant in columns else []


def _rows(s: Subjects, row: str) -> list[str]:
    """A row of table 三, or every row of a result group ("denied" -> denied.state_secret …)."""
    rows = list(dict.fromkeys(f.row for f in s.fmt.fields.values() if f.table == APPLICATIONS))
    if row in rows:
        return [row]
    return [r for r in rows if r.startswith(f"{row}.")]


def _applications(s: Subjects, rows: str | tuple[str, ...], applicant: str) -> Target | None:
    columns = _applicant_columns(s, applicant) if applicant else [TOTAL]
    row_ids = [r for row in ((rows,) if isinstance(rows, str) else rows) for r in _rows(s, row)]
    keys = tuple(f"{APPLICATIONS}.{r}.{c}" for r in row_ids for c in columns)
    if not keys or any(k not in s.fmt.fields for k in keys):
        return None
    first = s.fmt.fields[keys[0]]
    # A group of rows is named by its label ("（三）不予公开"), then "各项".
    names = list(dict.fromkeys(s.fmt.fields[f"{APPLICATIONS}.{r}.{columns[0]}"].row_label.split(" ")[0]
                               for r in row_ids))
    rows_text = "加".join(f"“{n}”" for n in names) + ("各项" if len(names) < len(row_ids) else "")
    column = first.column_label if len(columns) == 1 else "法人或其他组织各列"
    return Target(keys, f"表三{rows_text}的“{column}”")


def _cases(s: Subjects, things: list[Thing], outcomes: tuple[str, ...]) -> Target | None:
    groups = []
    for thing in things:
        groups += {Thing.SUIT: ["direct_suit", "suit_after_review"]}.get(thing, [str(thing)])
    keys = tuple(f"{REVIEWS}.{g}.{o}" for g in groups for o in outcomes)
    if any(k not in s.fmt.fields for k in keys):
        return None
    fields = [s.fmt.fields[k] for k in keys]
    return Target(keys, f"表四{_names([f.row_label for f in fields])}的{_names([f.column_label for f in fields])}"
                  + ("之和" if len(keys) > 1 else ""))


def _names(labels: list[str]) -> str:
    """“行政复议”; “结果维持、结果纠正”; “行政诉讼”（未经复议直接起诉、复议后起诉） for labels of one group."""
    labels = list(dict.fromkeys(labels))
    heads = {label.split(" ", 1)[0] for label in labels}
    if len(labels) > 1 and len(heads) == 1 and all(" " in label for label in labels):
        return f"“{heads.pop()}”（{'、'.join(label.split(' ', 1)[1] for label in labels)}）"
    return f"“{'、'.join(labels)}”"


def _active(s: Subjects, thing: Thing, columns: tuple[str, ...]) -> Target | None:
    for column in columns:
        key = f"{ACTIVE}.{thing}.{column}"
        if key in s.fmt.fields:
            f = s.fmt.fields[key]
            return Target((key,), f"表二“{f.row_label}”的“{f.column_label}”")
    return None


def _choice(s: Subjects, role: Role) -> Target | None:
    choice = s.fmt.choice_for(role)
    return None if choice is None else Target((choice.key,), f"基本信息“{choice.label}”", role)


_CASE_OUTCOMES = {Count.UPHELD: ("upheld",), Count.CORRECTED: ("corrected",), Count.OTHER_RESULT: ("other",),
                  Count.OPEN: ("pending",), Count.DONE: ("upheld", "corrected", "other")}
_CASES = (Thing.REVIEW, Thing.SUIT, Thing.DIRECT_SUIT, Thing.SUIT_AFTER_REVIEW)
_DOCUMENT_COLUMNS = {Count.ISSUED: ("issued", "new_made"), Count.PUBLISHED: ("new_published",),
                     Count.REPEALED: ("repealed",), Count.IN_FORCE: ("in_force",),
                     Count.PUBLISHED_TOTAL: ("total_published",)}


def _reading(s: Subjects, things: list[Thing], count: Count | None, result: str, applicant: str,
             q: Quantity) -> Reading | None:
    """The table value(s) a statement about `things` counted by `count` gives, if the format has them."""
    thing = things[0]
    if len(things) > 1 and not all(t in _CASES for t in things):
        return None
    if q.is_money:
        return _money_reading(s, thing)
    if thing is Thing.APPLICATION:
        return _application_reading(s, count, result, applicant)
    if applicant or result:
        return None
    if thing in _CASES:
        outcomes = _CASE_OUTCOMES.get(count, ("total",) if count in (None, Count.NEW, Count.HANDLED) else None)
        if outcomes is None or (len(things) > 1 and outcomes != ("total",)):
            return None
        target = _cases(s, things, outcomes)
        return None if target is None else Reading(target)
    if thing in (Thing.REGULATION, Thing.NORMATIVE) and count in _DOCUMENT_COLUMNS:
        target = _active(s, thing, _DOCUMENT_COLUMNS[count])
        return None if target is None else Reading(target)
    if thing in (Thing.LICENSING, Thing.PENALTY, Thing.ENFORCEMENT) and q.unit != "项" and count in (
            None, Count.DECISIONS, Count.DONE, Count.HANDLED):
        target = _active(s, thing, ("decisions",))
        return None if target is None else Reading(target)
    if thing is Thing.PROCUREMENT and count is None:
        target = _active(s, thing, ("procurement_count",))
        return None if target is None else Reading(target)
    if thing is Thing.INFO_FEE and count in (None, Count.DONE, Count.HANDLED):
        target = _choice(s, Role.FEE_APPLICATIONS)
        return None if target is None else Reading(target)
    return None


def _money_reading(s: Subjects, thing: Thing) -> Reading | None:
    target = None
    if thing is Thing.INFO_FEE:
        target = _choice(s, Role.FEE_AMOUNT)
    elif thing is Thing.ADMIN_FEE:
        target = _active(s, thing, ("fee_amount",))
    elif thing is Thing.PROCUREMENT:
        target = _active(s, thing, ("procurement_amount",))
    return None if target is None else Reading(target)


def _application_reading(s: Subjects, count: Count | None, result: str, applicant: str) -> Reading | None:
    def t(rows: str | tuple[str, ...]) -> Target | None:
        return _applications(s, rows, applicant)

    if result:
        target = t(result)
        return None if target is None else Reading(target)
    new, both = t("new"), t(("new", "carried_over"))
    if new is None or both is None:
        return None
    if count is Count.NEW:
        return Reading(new, loose=(both,))
    if count is None:
        return Reading(new, accepted=(both,))
    if count is Count.HANDLED:
        done = t("results_total")
        return Reading(both, accepted=tuple(x for x in (new, done) if x is not None))
    rows = {Count.CARRIED: "carried_over", Count.OPEN: "carry_forward", Count.DONE: "results_total"}
    target = t(rows[count]) if count in rows else None
    return None if target is None else Reading(target)


# --- statements found in a paragraph --------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    quantity: Quantity
    reading: Reading
    said: str  # the words that make the statement, for messages: "其中予以公开22件"


def statements(s: Subjects, text: str) -> Iterator[Statement]:
    """Every number in `text` that states a table value of this report's format."""
    year = s.report.year
    thing: Thing | None = None  # what the paragraph is talking about, carried between sentences
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group()
        carried_thing, thing = thing, None
        last: tuple[Count | None, str] = (None, "")  # the last count and result read in this sentence
        previous_end = 0
        for q in quantities(sentence):
            lead = sentence[previous_end:q.start]
            previous_end = q.end
            clause_start = max(lead.rfind(c) for c in _CLAUSE_END) + 1
            words, before = _words_before(lead[clause_start:])
            mentioned = _last_thing(lead[:clause_start])
            named = words.things_meant()
            thing = named[-1] if named else (mentioned or thing)
            said = (lead[clause_start:] + sentence[q.start:q.end]).strip().lstrip("、和与及")
            if words.empty:
                after = _words_after(_clause_after(sentence, q.end))
                if not (after.counts or after.results) or after.things:
                    continue
                words, said = after, sentence[q.start:q.end] + after.text
            elif words.distributive or _FOREIGN.search(before) or _other_year(lead, year):
                continue
            things = words.things_meant() or [thing or carried_thing or words.implied]
            if things[0] is None or len(set(words.counts)) > 1 or len(set(words.results)) > 1:
                continue
            count = words.counts[-1] if words.counts else None
            result = words.results[-1] if words.results else ""
            applicant = words.applicants[-1] if words.applicants else ""
            if count is None and not result and not _PLAIN_SCOPE.fullmatch(before):
                continue
            if not words.things and thing is None and not words.implied and carried_thing is not None and count in (
                    None, Count.NEW, Count.HANDLED) and not result:
                continue  # 受理, 收到 alone in a new sentence may be about anything (咨询, 来信)
            if applicant and not count and not result:
                count, result = last  # "收到申请75件，其中自然人72件"
            reading = _reading(s, things, count, result, applicant, q)
            if reading is None:
                continue
            last = (count, result)
            thing = things[-1]
            yield Statement(q, reading, said)
        thing = thing or carried_thing


def _last_thing(text: str) -> Thing | None:
    """The thing a sentence's earlier clauses are about: "依申请公开方面，全年共受理55件"."""
    found: tuple[int, Thing] | None = None
    for thing, pattern in _THINGS:
        for m in re.finditer(pattern, text):
            if found is None or m.end() > found[0]:
                found = (m.end(), thing)
    return found[1] if found else None


def _clause_after(sentence: str, end: int) -> str:
    rest = sentence[end:]
    stops = [i for i, c in enumerate(rest) if c in _CLAUSE_END]
    return rest[:stops[0]] if stops else rest


def _other_year(lead: str, year: int | None) -> bool:
    return year is not None and any(int(y) != year for y in _YEAR.findall(lead))


# --- comparing ---------------------------------------------------------------------------------


def _known(report: Report, key: str) -> bool:
    """A value the clerk gave: typed, or a total of which some part was typed."""
    v = report.values.get(key)
    if v is not None and not v.blank and not v.formula:
        return v.number is not None
    f = report.format.fields.get(key)
    if f is None or not f.is_total or not report.is_computed(key):
        return False
    return any(_known(report, part) for part in f.sum_of)


class _Values:
    """The table and choice values of a report, as numbers in the base unit (元 for money)."""

    def __init__(self, s: Subjects) -> None:
        self.s = s
        self.amounts = s.report.amounts()

    def of(self, target: Target) -> Decimal | None:
        report = self.s.report
        if target.role is not None:
            key = target.keys[0]
            v = report.choices.get(key)
            if v is None or v.number is None:
                return None
            return Decimal(str(v.number)) * self._scale(self.s.fmt.choice(key).unit)
        if not all(_known(report, k) for k in target.keys):
            return None
        return sum((Decimal(str(self.amounts[k])) * self._scale(self._unit(k)) for k in target.keys), Decimal(0))

    def _unit(self, key: str) -> str:
        f = self.s.fmt.fields[key]
        if f.unit:
            return f.unit
        choice = next((c for c in self.s.fmt.choices if c.unit_of == key), None)
        return self.s.report.choice_text(choice.key) if choice is not None else ""

    @staticmethod
    def _scale(unit: str) -> Decimal:
        from .textnum import MONEY_UNITS

        return MONEY_UNITS.get(unit, Decimal(1))

    def involved(self, target: Target) -> tuple[Involved, ...]:
        if target.role is not None:
            key = target.keys[0]
            return (self.s.choice(key, self.s.report.choice_number(key)),)
        return tuple(self.s.field(k, self.amounts[k]) for k in target.keys)


def claim_findings(s: Subjects) -> Iterator[Finding]:
    """TEXT_NUMBER: a number in the text that the table contradicts; TEXT_SCOPE: one that counts
    something else than the row it names (新收 written with last year's carried-over included)."""
    values = _Values(s)
    for index, p in enumerate(s.report.paragraphs):
        verdicts = []
        for st in statements(s, p.text):
            actual = values.of(st.reading.target)
            if actual is None:
                continue
            ok = st.quantity.admits(actual) or any(
                st.quantity.admits(v) for v in map(values.of, st.reading.accepted) if v is not None)
            # Only an exact number can be told to count something else: "30余件" may be either.
            loose = next((t for t in st.reading.loose if (v := values.of(t)) is not None and st.quantity.admits(v)),
                         None) if st.quantity.bound is Bound.EXACT else None
            verdicts.append((st, actual, ok, loose))
        # A paragraph may state one count twice, for two scopes (全县…, 其中本局…): one agreeing is enough.
        agreed = {st.reading.target for st, _, ok, _ in verdicts if ok}
        # "共受理申请59件（含上年结转4件）" says itself what it counts.
        carried_said = any(ok and st.reading.target.keys[0].startswith(f"{APPLICATIONS}.carried_over.")
                           for st, _, ok, _ in verdicts)
        for st, actual, ok, loose in verdicts:
            if ok or st.reading.target in agreed or (loose is not None and carried_said):
                continue
            yield _finding(s, values, index, p.section, st, actual, loose)
    yield from all_claim_findings(s, values)


def _finding(s: Subjects, values: _Values, index: int, section: str, st: Statement, actual: Decimal,
             loose: Target | None) -> Finding:
    q, target = st.quantity, st.reading.target
    involved = values.involved(target)
    place = _places(involved)
    hedge = f"（{q.describe()}）" if q.describe() else ""
    stated = f"正文{paragraph_name(section)}写的是“{st.said}”{hedge}"
    actual_text = _amount_text(actual, q)
    if loose is not None:
        loose_value = values.of(loose)
        return make("TEXT_SCOPE", _level("TEXT_SCOPE"), s.paragraph(index),
                    f"{stated}，但{target.label}{place}为{actual_text}；{_amount_text(loose_value, q)}是"
                    f"{loose.label}，包括上年结转的申请。请写本年新收的数字，或写明“含上年结转”。",
                    TEXT_PART, (*involved, *values.involved(loose)),
                    text=q.text, stated=q.number, table=actual, bound=q.bound.value)
    hint = ""
    if q.is_money and actual and (q.number / actual in (10_000, Decimal("0.0001"))):
        hint = "两者正好相差一万倍，可能是元和万元写混了；"
    return make("TEXT_NUMBER", _level("TEXT_NUMBER"), s.paragraph(index),
                f"{stated}，但{target.label}{place}为{actual_text}；{hint}请核对正文或表格，改成一致。",
                TEXT_PART, involved, text=q.text, stated=q.number, table=actual,
                bound=q.bound.value)


def _level(code: str):
    from .catalogue import check_of

    return check_of(code).level


def _places(involved: tuple[Involved, ...]) -> str:
    """The cells a value was read from: "（J6）", "（J12+J13+J14）", "（J12等8格之和）"; a JSON path only alone."""
    cells = [i.location.cell for i in involved if i.location and i.location.cell]
    if not cells:
        alone = involved[0].location if len(involved) == 1 else None
        return f"（{alone}）" if alone else ""
    if len(cells) > 4:
        return f"（{cells[0]}等{len(cells)}格之和）"
    return f"（{'+'.join(cells)}）"


def _amount_text(n: Decimal | None, q: Quantity) -> str:
    if n is None:
        return ""
    return f"{format_number(n)}{'元' if q.is_money else q.unit}"


def _clause_to(sentence: str, start: int, end: int) -> str:
    """From the clause's start to `end`: "共有行政诉讼案件1件、行政复议案件2件，均已结案" -> "均已结案"."""
    begin = max((sentence.rfind(c, 0, start) for c in "，,；;。"), default=-1) + 1
    return sentence[begin:end].strip()


# --- "all" and "none" --------------------------------------------------------------------------


_ALL_DONE = re.compile(r"(?:全部|均已|都已|已全部|均已全部|全部已|均)(?:按时|依法|如期|按期)?"
                       r"(?:办结|办理完毕|答复完毕|审结|结案)|办结率(?:为|达到|达)?\s*100\s*%")
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予以|为|已)?(?:结果)?维持")
_CARRIED_BEFORE = re.compile(r"上一?年|去年|结转|往年")
_NONE_CORRECTED = re.compile(r"(?:未|没有|无)(?:出现|发生)?(?:被)?纠错")


@dataclass(frozen=True)
class _AllClaim:
    pattern: re.Pattern[str]
    # For each thing: the fields that must then be 0.
    applications: tuple[str, ...]
    cases: tuple[str, ...]
    only_cases: bool = False  # 维持, 纠错 are said only of cases: with no thing named, of all of them


_ALL_CLAIMS = (
    _AllClaim(_ALL_DONE, ("carry_forward",), ("pending",)),
    _AllClaim(_ALL_UPHELD, (), ("corrected", "other", "pending"), only_cases=True),
    _AllClaim(_NONE_CORRECTED, (), ("corrected",), only_cases=True),
)


def all_claim_findings(s: Subjects, values: _Values) -> Iterator[Finding]:
    """"均已结案" over a table 四 with cases pending; "均获维持" with cases corrected; "全部办结" with
    applications carried forward. The things meant are those the sentence (or the one before) names."""
    for index, p in enumerate(s.report.paragraphs):
        carried: list[Thing] = []
        for sm in _SENTENCE.finditer(p.text):
            sentence = sm.group()
            for claim in _ALL_CLAIMS:
                for m in claim.pattern.finditer(sentence):
                    if claim.applications and _CARRIED_BEFORE.search(sentence[:m.start()]):
                        continue  # "上年结转的2件申请已全部办结": all of those, not of this year's
                    things = _things_in(sentence[:m.start()])
                    if claim.only_cases:
                        things = [t for t in things or carried if t in _CASES] or [Thing.REVIEW, Thing.SUIT]
                    # "已全部办结" alone may be said of anything (热线, 建议): only of what its sentence names.
                    targets = _all_targets(s, claim, things)
                    nonzero = [t for t in targets if (v := values.of(t)) is not None and v > 0]
                    if not nonzero:
                        continue
                    involved = tuple(i for t in nonzero for i in values.involved(t) if i.value)
                    where = "，".join(f"{i.label}{_places((i,))}为{format_number(i.value)}" for i in involved)
                    yield make("TEXT_NUMBER", _level("TEXT_NUMBER"), s.paragraph(index),
                               f"正文{paragraph_name(p.section)}写的是“{_clause_to(sentence, m.start(), m.end())}”，"
                               f"但{where}；请核对正文或表格，改成一致。", TEXT_PART,
                               involved, text=m.group())
            carried = _things_in(sentence) or carried


def _things_in(text: str) -> list[Thing]:
    found = []
    for thing, pattern in _THINGS:
        for m in re.finditer(pattern, text):
            found.append((m.start(), thing))
    ordered = [t for _, t in sorted(found)]
    # 行政复议申请 is a reconsideration; 申请 is an application only where no case is named.
    if any(t in _CASES for t in ordered):
        ordered = [t for t in ordered if t in _CASES]
    return list(dict.fromkeys(ordered))


def _all_targets(s: Subjects, claim: _AllClaim, things: list[Thing]) -> list[Target]:
    targets: list[Target] = []
    cases = [t for t in things if t in _CASES]
    if cases and claim.cases:
        for outcome in claim.cases:
            target = _cases(s, cases, (outcome,))
            if target is not None:
                targets.append(target)
    elif Thing.APPLICATION in things and claim.applications:
        targets += [t for row in claim.applications if (t := _applications(s, row, "")) is not None]
    return targets
