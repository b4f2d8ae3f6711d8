"""What the text says about the tables' quantities: "全年新收政府信息公开申请55件", "其中予以公开22件",
"行政复议351件，其中结果维持72件", "现行有效行政规范性文件698件" -> statements, each with the
table fields (or fee fact) it gives the number of.

A statement is recognised only when the words right before its number are all known words:
what is counted (申请, 行政复议, 规范性文件…), which count (新收, 上年结转, 予以公开, 维持…),
whose (自然人…) and fillers (共, 累计, 的…). Anything else there — a qualifier (涉及征收的), a
month, a subset (部门, 乡镇), a channel (网上), a comparison (同比, 上年) or another year — and
the number is about something the table does not count, so it is left alone.

Field keys are the formats' stable keys; a count the report's format lacks gives no statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from ..formats import Format, Role
from .textnum import Quantity, quantities

APPLICATIONS, REVIEWS, ACTIVE = "applications", "review_litigation", "active_disclosure"
NATURAL_PERSON, TOTAL = "natural_person", "total"
ORGANISATIONS = "organisations"  # every applicant column but 自然人 (and 总计)


class Thing(StrEnum):
    """What a number counts; for table 二, the row id."""

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


CASES = (Thing.REVIEW, Thing.SUIT, Thing.DIRECT_SUIT, Thing.SUIT_AFTER_REVIEW)


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


# The words, longest first within each alternation; "kind" tells what a word says.
THINGS: tuple[tuple[Thing, str], ...] = (
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
    (ORGANISATIONS, r"法人或其他组织|法人和其他组织|法人及其他组织"),
    ("business", r"商业企业|企业"),
    ("research", r"科研机构"),
    ("public_interest", r"社会公益组织|公益组织"),
    ("legal_services", r"法律服务机构|律师事务所"),
)
_FILLERS = (r"政府信息公开|以及|信息公开|案件|各类|依法|全年|全部|本年度|本年|当年|今年|年内|共计|共有|合计|总计"
            r"|累计|总数|数量|件数|总量|达到|为|达|共|计|有|了|的|已|案|类|其中|政府|行政|市|县|区|镇|乡|本级"
            r"|本机关|予以|方面|情况|工作|事项|提交|收取|收费|金额|、|和|与|及|\s")

# One pattern for every word: the group that matched tells its kind and meaning.
_MEANINGS: dict[str, tuple[str, object]] = {}
_ALTERNATIVES = []
for _kind, _words in (("thing", THINGS), ("count", _COUNTS), ("result", _RESULTS), ("applicant", _APPLICANTS),
                      ("filler", ((None, _FILLERS),))):
    for _i, (_what, _pattern) in enumerate(_words):
        _MEANINGS[f"{_kind}{_i}"] = (_kind, _what)
        _ALTERNATIVES.append(f"(?P<{_kind}{_i}>{_pattern})")
_WORD = re.compile("|".join(_ALTERNATIVES))
_WORD_AT_END = re.compile(f"(?:{_WORD.pattern})\\Z")
_LONGEST = 20  # characters: the longest word above ("其他法律行政法规禁止公开") is 12
_THING = re.compile("|".join(f"(?P<thing{i}>{p})" for i, (_, p) in enumerate(THINGS)))

# A number in a clause that begins with one of these is about something else than the table.
_FOREIGN = re.compile(r"未|没有|无|不|减免|免收|免于|退还|涉及|关于|有关|针对|同比|较|比|增|减|上一?年|去年|前年"
                      r"|往年|此前|以前|以来|月|季度|半年|部门|乡镇|街道|单位|系统|领域|协助|配合|转办|转交|代为"
                      r"|平均|人均|每|占|约占|网络|网上|在线|信函|邮寄|当面|现场|传真|邮件|方式|渠道|途径")
# A bare "申请55件", "行政诉讼2件" (no 收到, no 维持) says what it counts only after time and scope words:
# "申请人撤回申请2件", "法院驳回诉讼1件" count something else. 市, 县… may already be read as fillers.
_PLAIN_SCOPE = re.compile(r"(?:\d{4}\s*年度?|全年|本年度?|今年|年内|全[省市县区镇乡]?|本[机关局委办部厅]?|本单位"
                          r"|我[省市县区局委办镇乡厅]?|共|累计|总计|合计|其中|\s)*")
_DISTRIBUTIVE = re.compile(r"(?:各|分别|均)(?:为|是|有|达)?\s*$")  # "各1件": each, not in all
CLAUSE_END = "，,；;：:（）()【】“”\"「」《》"  # 、 joins what it lists: "行政复议、行政诉讼共3件"
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]?")
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass
class _Words:
    """What the known words right before (or after) a number say."""

    things: list[Thing] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    applicants: list[str] = field(default_factory=list)
    text: str = ""
    implied: Thing | None = None  # a count that only applications have: 予以公开, 上年结转, 结转下年度

    @property
    def empty(self) -> bool:
        return not (self.things or self.counts or self.results or self.applicants)

    def add(self, m: re.Match[str]) -> None:
        kind, what = _MEANINGS[m.lastgroup or ""]
        if kind == "thing":
            self.things.append(what)  # type: ignore[arg-type]
        elif kind == "count":
            self.counts.append(what)  # type: ignore[arg-type]
            # 结转 is the table's own word; 跨年办理, 正在办理 are said of 建议, 提案 too.
            if what is Count.CARRIED or (what is Count.OPEN and re.search("结转|顺延|转入", m.group())):
                self.implied = Thing.APPLICATION
        elif kind == "result":
            self.results.append(what)  # type: ignore[arg-type]
            self.implied = Thing.APPLICATION
        elif kind == "applicant":
            self.applicants.append(what)  # type: ignore[arg-type]

    def things_meant(self) -> list[Thing]:
        return meant(self.things)


def meant(things: list[Thing]) -> list[Thing]:
    """A reconsideration applied for (行政复议申请) is a case, not an application."""
    things = list(dict.fromkeys(things))
    if any(t in CASES for t in things):
        things = [t for t in things if t in CASES]
    return things


def _words_before(clause: str) -> tuple[_Words, str]:
    """The known words that end the clause, and what precedes them."""
    end, found = len(clause), []
    while end:
        # No word is longer than _LONGEST: searching further back only costs time.
        m = _WORD_AT_END.search(clause, max(0, end - _LONGEST), end)
        if m is None or m.start() == end:
            break
        found.append(m)
        end = m.start()
    words = _Words(text=clause[end:])
    for m in reversed(found):
        words.add(_WORD.fullmatch(m.group()))  # type: ignore[arg-type]
    return words, clause[:end]


def _words_after(rest: str) -> _Words:
    words, start = _Words(), 0
    while start < len(rest):
        m = _WORD.match(rest, start)
        if m is None or m.end() == start:
            break
        words.add(m)
        start = m.end()
    words.text = rest[:start]
    return words


def things_in(text: str) -> list[Thing]:
    """Every thing `text` names, in order, cases before applications."""
    return meant([_MEANINGS[m.lastgroup or ""][1] for m in _THING.finditer(text)])  # type: ignore[misc]


# --- what a statement is compared with ----------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Table fields added up (or a fee fact) that a statement gives the number of."""

    keys: tuple[str, ...]
    label: str  # Chinese, for messages
    role: Role | None = None  # a choice instead of fields


@dataclass(frozen=True)
class Reading:
    """What a statement means: the value it must equal, and other values it may honestly mean."""

    target: Target
    accepted: tuple[Target, ...] = ()  # also right: 办理 = 新收 + 上年结转
    loose: tuple[Target, ...] = ()  # a looser count a clerk may have meant: a warning, not an error


@cache
def _application_rows(fmt: Format) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.row for f in fmt.fields.values() if f.table == APPLICATIONS))


@cache
def _application_columns(fmt: Format) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.column for f in fmt.fields.values() if f.table == APPLICATIONS))


def _rows(fmt: Format, row: str) -> list[str]:
    """A row of table 三, or every row of a result group ("denied" -> denied.state_secret …)."""
    rows = _application_rows(fmt)
    return [row] if row in rows else [r for r in rows if r.startswith(f"{row}.")]


def _columns(fmt: Format, applicant: str) -> list[str]:
    columns = _application_columns(fmt)
    if not applicant:
        return [TOTAL]
    if applicant == ORGANISATIONS:
        return [c for c in columns if c not in (NATURAL_PERSON, TOTAL)]
    return [applicant] if applicant in columns else []


@cache
def applications(fmt: Format, rows: tuple[str, ...], applicant: str = "") -> Target | None:
    """Rows (or row groups) of table 三, added up, in one column or the organisations' columns."""
    columns = _columns(fmt, applicant)
    row_ids = [r for row in rows for r in _rows(fmt, row)]
    keys = tuple(f"{APPLICATIONS}.{r}.{c}" for r in row_ids for c in columns)
    if not keys or any(k not in fmt.fields for k in keys):
        return None
    # A group of rows is named by its label ("（三）不予公开"), then "各项".
    names = list(dict.fromkeys(fmt.fields[f"{APPLICATIONS}.{r}.{columns[0]}"].row_label.split(" ")[0]
                               for r in row_ids))
    rows_text = "加".join(f"“{n}”" for n in names) + ("各项" if len(names) < len(row_ids) else "")
    column = fmt.fields[keys[0]].column_label if len(columns) == 1 else "法人或其他组织各列"
    return Target(keys, f"表三{rows_text}的“{column}”")


@cache
def cases(fmt: Format, things: tuple[Thing, ...], outcomes: tuple[str, ...]) -> Target | None:
    """Outcome columns of table 四 for reconsiderations, one kind of suit or both, added up."""
    groups = [g for thing in things for g in (("direct_suit", "suit_after_review") if thing is Thing.SUIT
                                              else (str(thing),))]
    keys = tuple(f"{REVIEWS}.{g}.{o}" for g in groups for o in outcomes)
    if any(k not in fmt.fields for k in keys):
        return None
    fields = [fmt.fields[k] for k in keys]
    return Target(keys, f"表四{_names([f.row_label for f in fields])}的{_names([f.column_label for f in fields])}"
                  + ("之和" if len(keys) > 1 else ""))


def _names(labels: list[str]) -> str:
    """“行政复议”; “结果维持、结果纠正”; “行政诉讼”（未经复议直接起诉、复议后起诉） for labels of one group."""
    labels = list(dict.fromkeys(labels))
    heads = {label.split(" ", 1)[0] for label in labels}
    if len(labels) > 1 and len(heads) == 1 and all(" " in label for label in labels):
        return f"“{heads.pop()}”（{'、'.join(label.split(' ', 1)[1] for label in labels)}）"
    return f"“{'、'.join(labels)}”"


def _active(fmt: Format, thing: Thing, columns: tuple[str, ...]) -> Target | None:
    """The first of `columns` that table 二's row has in this format."""
    for column in columns:
        key = f"{ACTIVE}.{thing}.{column}"
        if key in fmt.fields:
            f = fmt.fields[key]
            return Target((key,), f"表二“{f.row_label}”的“{f.column_label}”")
    return None


def _fee_fact(fmt: Format, role: Role) -> Target | None:
    choice = fmt.choice_for(role)
    return None if choice is None else Target((choice.key,), f"基本信息“{choice.label}”", role)


_CASE_OUTCOMES = {None: ("total",), Count.NEW: ("total",), Count.HANDLED: ("total",), Count.UPHELD: ("upheld",),
                  Count.CORRECTED: ("corrected",), Count.OTHER_RESULT: ("other",), Count.OPEN: ("pending",),
                  Count.DONE: ("upheld", "corrected", "other")}
_DOCUMENT_COLUMNS = {Count.ISSUED: ("issued", "new_made"), Count.PUBLISHED: ("new_published",),
                     Count.REPEALED: ("repealed",), Count.IN_FORCE: ("in_force",),
                     Count.PUBLISHED_TOTAL: ("total_published",)}
_DECISION_COUNTS = (None, Count.DECISIONS, Count.DONE, Count.HANDLED)
_APPLICATION_ROWS = {Count.CARRIED: "carried_over", Count.OPEN: "carry_forward", Count.DONE: "results_total"}


def _one(target: Target | None) -> Reading | None:
    return None if target is None else Reading(target)


@cache
def reading(fmt: Format, things: tuple[Thing, ...], count: Count | None, result: str, applicant: str,
            money: bool, unit: str) -> Reading | None:
    """The table value(s) a statement about `things` counted by `count` gives, if the format has them."""
    thing = things[0]
    if len(things) > 1 and not all(t in CASES for t in things):
        return None
    if money:
        columns = {Thing.ADMIN_FEE: ("fee_amount",), Thing.PROCUREMENT: ("procurement_amount",)}
        if thing is Thing.INFO_FEE:
            return _one(_fee_fact(fmt, Role.FEE_AMOUNT))
        return _one(_active(fmt, thing, columns[thing])) if thing in columns else None
    if thing is Thing.APPLICATION:
        return _application_reading(fmt, count, result, applicant)
    if applicant or result:
        return None
    if thing in CASES:
        outcomes = _CASE_OUTCOMES.get(count)
        if outcomes is None or (len(things) > 1 and outcomes != ("total",)):
            return None  # "行政复议和行政诉讼共3件": only the sum of all
        return _one(cases(fmt, things, outcomes))
    if thing in (Thing.REGULATION, Thing.NORMATIVE) and count in _DOCUMENT_COLUMNS:
        return _one(_active(fmt, thing, _DOCUMENT_COLUMNS[count]))
    if thing in (Thing.LICENSING, Thing.PENALTY, Thing.ENFORCEMENT) and unit != "项" and count in _DECISION_COUNTS:
        return _one(_active(fmt, thing, ("decisions",)))  # "项" counts items (事项), not decisions
    if thing is Thing.PROCUREMENT and count is None:
        return _one(_active(fmt, thing, ("procurement_count",)))
    if thing is Thing.INFO_FEE and count in (None, Count.DONE, Count.HANDLED):
        return _one(_fee_fact(fmt, Role.FEE_APPLICATIONS))
    return None


def _application_reading(fmt: Format, count: Count | None, result: str, applicant: str) -> Reading | None:
    if result:
        return _one(applications(fmt, (result,), applicant))
    new, both = applications(fmt, ("new",), applicant), applications(fmt, ("new", "carried_over"), applicant)
    if new is None or both is None:
        return None
    if count is Count.NEW:
        return Reading(new, loose=(both,))
    if count is None:
        return Reading(new, accepted=(both,))
    if count is Count.HANDLED:
        done = applications(fmt, ("results_total",), applicant)
        return Reading(both, accepted=tuple(x for x in (new, done) if x is not None))
    return _one(applications(fmt, (_APPLICATION_ROWS[count],), applicant)) if count in _APPLICATION_ROWS else None


# --- statements found in a paragraph --------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    quantity: Quantity
    reading: Reading
    said: str  # the words that make the statement, for messages: "其中予以公开22件"


def statements(fmt: Format, year: int | None, text: str) -> Iterator[Statement]:
    """Every number in `text` that states a table value of the format `fmt`."""
    thing: Thing | None = None  # what the paragraph is talking about, carried between sentences
    for sm in SENTENCE.finditer(text):
        sentence = sm.group()
        carried, thing = thing, None
        last: tuple[Count | None, str] = (None, "")  # the last count and result read in this sentence
        previous_end = 0
        for q in quantities(sentence):
            lead = sentence[previous_end:q.start]
            previous_end = q.end
            start = clause_start(lead)
            words, before = _words_before(lead[start:])
            named = words.things_meant() or things_in(lead[:start])
            thing = named[-1] if named else thing
            said = (lead[start:] + q.text).strip().lstrip("、和与及")
            if words.empty:
                after = _words_after(_clause_after(sentence, q.end))
                if not (after.counts or after.results) or after.things:
                    continue
                words, said = after, q.text + after.text
            elif (_DISTRIBUTIVE.search(words.text) or _FOREIGN.search(before)
                  or _other_year(lead[:start] + before, year)):  # not 结转2025年度, a count word
                continue
            things = words.things_meant() or [thing or carried or words.implied]
            if things[0] is None or len(set(words.counts)) > 1 or len(set(words.results)) > 1:
                continue
            count = words.counts[-1] if words.counts else None
            result = words.results[-1] if words.results else ""
            applicant = words.applicants[-1] if words.applicants else ""
            if count is None and not result and not _PLAIN_SCOPE.fullmatch(before):
                continue
            if not words.things and thing is None and not words.implied and count in (None, Count.NEW, Count.HANDLED):
                continue  # 受理, 收到 in a new sentence may be about anything (咨询, 来信)
            if applicant and not count and not result:
                count, result = last  # "收到申请75件，其中自然人72件"
            meaning = reading(fmt, tuple(things), count, result, applicant, q.is_money, q.unit)  # type: ignore[arg-type]
            if meaning is None:
                continue
            last = (count, result)
            thing = things[-1]
            yield Statement(q, meaning, said)
        thing = thing or carried


def clause_start(lead: str) -> int:
    """Where the clause that ends `lead` begins."""
    for i in range(len(lead) - 1, -1, -1):
        if lead[i] in CLAUSE_END:
            return i + 1
    return 0


def _clause_after(sentence: str, end: int) -> str:
    rest = sentence[end:]
    stops = [i for i, c in enumerate(rest) if c in CLAUSE_END]
    return rest[:stops[0]] if stops else rest


def _other_year(lead: str, year: int | None) -> bool:
    return year is not None and any(int(y) != year for y in _YEAR.findall(lead))
