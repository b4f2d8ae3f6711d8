"""The words of a published report: title -> organ and year, the six parts by their headings,
contacts from the preamble, the fee facts from the text that reports them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..formats import Format, Role
from ..report import PREAMBLE, Location, Paragraph, Run, Value
from .fold import fold, similarity, squeeze
from .source import SourceDocument, SourceTable, TextBlock

REPORT_NAME = re.compile(r"政府信息公开(?:工作)?年度报告")
_TITLE = re.compile(r"^(?P<before>.*?)(?P<year>\d{4})年度?(?P<middle>.*?)政府信息公开(?:工作)?年度报告$")
_TITLE_MAX = 80  # characters: a title is short, a sentence naming the report is not a title
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+)[、.．,，]")
# A heading line of its own: numbered like （一）, 1., 一是, and short, without a closing full stop.
_SUBHEADING = re.compile(r"^([（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]+[、是])")
_SUBHEADING_MAX = 40
HEADING_MATCH = 0.5  # a numbered line this alike to a part's heading (or a variant) is that heading


@dataclass
class Title:
    organ: str
    year: int
    location: Location | None


@dataclass
class Narrative:
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: dict[str, Location] = field(default_factory=dict)  # part -> where its heading was printed
    contacts: dict[str, str] = field(default_factory=dict)
    contact_locations: dict[str, Location] = field(default_factory=dict)


# --- title ---------------------------------------------------------------------------------------


_TRAILER = re.compile(r"[(（][^()（）]*[)）]$")  # "（2025年1月20日）" after a title


def _title_in(text: str) -> tuple[str, int] | None:
    text = _TRAILER.sub("", squeeze(unicodedata.normalize("NFKC", text)))
    m = _TITLE.match(text)
    if m is None or len(text) > _TITLE_MAX:
        return None
    organ = (m.group("before") or m.group("middle")).removesuffix("关于").strip("：:“”\"《》")
    return organ, int(m.group("year"))


def find_title(items: list, last: bool = False) -> tuple[Title | None, int]:
    """The title among `items` (the blocks before the first part's heading), printed on one to three
    lines; the first found, or the `last` (the one nearest the article, past a list of links); and
    the index of the item after it (0 if none)."""
    found: tuple[Title | None, int] = (None, 0)
    for i, block in enumerate(items):
        if not isinstance(block, TextBlock):
            continue
        text = ""
        for j in range(i, min(i + 3, len(items))):
            item = items[j]
            if not isinstance(item, TextBlock):
                break
            text += item.text
            title = _title_in(text)
            if title:
                found = (Title(*title, block.location), j + 1)
                break
        if found[0] is not None and not last:
            return found
    return found


def title_of_page(titles: list[str]) -> Title | None:
    """The title a web page states about itself (article metadata, <title> before its site suffix)."""
    for candidate in titles:
        m = REPORT_NAME.search(candidate)
        found = _title_in(candidate[:m.end()]) if m else None
        if found:
            return Title(*found, None)
    return None


# --- parts -------------------------------------------------------------------------------------


def _heading_texts(fmt: Format) -> dict[str, list[str]]:
    """Each part's heading and its variants, folded, without the number."""
    return {s.number: [fold(h.split("、", 1)[-1]) for h in (s.heading, *s.aliases)] for s in fmt.sections}


def _part_heading(text: str, fmt: Format, after: int) -> tuple[str, str] | None:
    """(part, text after the heading) when `text` opens with the heading of a part later than the
    `after`-th: numbered as a part and worded like its heading or a variant (typos allowed)."""
    squeezed = squeeze(unicodedata.normalize("NFKC", text))
    m = _NUMBERED.match(squeezed)
    numbers = [s.number for s in fmt.sections]
    if m is None or m.group(1) not in numbers[after + 1:]:
        return None
    number = m.group(1)
    rest = squeezed[m.end():]
    for wording in _heading_texts(fmt)[number]:
        # The heading may run on into the paragraph ("六、其他需要报告的事项：无。").
        for end in range(len(rest), 0, -1):
            if len(fold(rest[:end])) < len(wording) * 0.7:
                break
            if similarity(fold(rest[:end]), wording, HEADING_MATCH) >= max(HEADING_MATCH, _strictness(rest, end)):
                return number, rest[end:].lstrip("：:。. ")
    return None


def _strictness(rest: str, end: int) -> float:
    """A heading alone on its line may differ more from the official wording than one that runs on
    into text, where the cut must be sure."""
    return HEADING_MATCH if end == len(rest) else 0.9


def _is_subheading(text: str) -> bool:
    text = text.strip()
    return (len(text) <= _SUBHEADING_MAX and bool(_SUBHEADING.match(unicodedata.normalize("NFKC", text)))
            and not text.endswith(("。", "；", ";", "，", ",")))


def first_part(doc: SourceDocument, fmt: Format) -> int:
    """Index of the item that heads the first part found, or len(items)."""
    for i, item in enumerate(doc.items):
        if isinstance(item, TextBlock) and _part_heading(item.text, fmt, -1) is not None:
            return i
    return len(doc.items)


def article_scope(doc: SourceDocument, fmt: Format) -> tuple[int, ...]:
    """The innermost element of a web page that holds every part heading found: the article, not
    the navigation around it. () when the source has no such structure."""
    scopes = []
    after = -1
    numbers = [s.number for s in fmt.sections]
    for item in doc.items:
        if isinstance(item, TextBlock) and item.scope:
            found = _part_heading(item.text, fmt, after)
            if found is not None:
                after = numbers.index(found[0])
                scopes.append(item.scope)
    if len(scopes) < 2:
        return ()
    common = scopes[0]
    for scope in scopes[1:]:
        n = 0
        while n < min(len(common), len(scope)) and common[n] == scope[n]:
            n += 1
        common = common[:n]
    return common


def read_narrative(doc: SourceDocument, fmt: Format, start: int, used_tables: set[int]) -> Narrative:
    """Paragraphs by part, from item `start` (after the title) on. Tables the reader used are the
    parts' tables; a one-column table is text in a frame."""
    out = Narrative()
    numbers = [s.number for s in fmt.sections]
    part, after = PREAMBLE, -1
    for item in doc.items[start:]:
        if isinstance(item, SourceTable):
            if item.number not in used_tables and item.width == 1:
                for row in item.rows:
                    for cell in row:
                        _add(out, part, [Run(cell.text)], item.location(cell.row, cell.col), None)
            continue
        found = _part_heading(item.text, fmt, after)
        if found is not None:
            part, rest = found
            after = numbers.index(part)
            out.sections[part] = item.location
            if rest:
                _add(out, part, _after_heading(item.runs, rest), item.location, False)
            continue
        _add(out, part, item.runs, item.location, item.heading)
    return out


def _after_heading(runs: list[Run], rest: str) -> list[Run]:
    """The runs of a paragraph from where the text after its heading begins."""
    text = "".join(r.text for r in runs)
    keep = len(text) - len(text.rstrip()) + len(rest)
    out: list[Run] = []
    for r in reversed(runs):
        if keep <= 0:
            break
        piece = r.text[-keep:] if len(r.text) > keep else r.text
        out.insert(0, Run(piece, r.bold))
        keep -= len(piece)
    return out


def _add(out: Narrative, part: str, runs: list[Run], location: Location, heading: bool | None) -> None:
    merged: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if merged and merged[-1].bold == r.bold:
            merged[-1] = Run(merged[-1].text + r.text, r.bold)
        else:
            merged.append(Run(r.text, r.bold))
    if merged:
        merged[0] = Run(merged[0].text.lstrip(), merged[0].bold)
        merged[-1] = Run(merged[-1].text.rstrip(), merged[-1].bold)
    merged = [r for r in merged if r.text]
    if not merged:
        return
    text = "".join(r.text for r in merged)
    out.paragraphs.append(Paragraph(part, merged, _is_subheading(text) if heading is None else heading, location))


# --- contacts ----------------------------------------------------------------------------------

_STOP = r"[，,；;。）)\n]"
_CONTACTS = (
    ("address", re.compile(rf"(?:通讯地址|联系地址|办公地址|地址)\s*[:：]\s*([^，,；;。）)\n]+?)(?={_STOP}|$)")),
    ("postcode", re.compile(r"(?:邮政编码|邮编)\s*[:：]?\s*(\d{6})")),
    ("phone", re.compile(r"(?:联系电话|咨询电话|办公电话|电话)\s*[:：]?\s*([\d\-－—()（）/、 ]{7,}?\d)(?!\d)")),
    ("fax", re.compile(r"传真\s*[:：]?\s*([\d\-－—()（）/、 ]{7,}?\d)(?!\d)")),
    ("email", re.compile(r"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")),
    ("website_url", re.compile(r"((?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+)")),
    ("website_name", re.compile(r"(?:可在|可以在|可从|可登录|登录|在)"
                                r"([^，,。；;（(“”]{2,30}?(?:门户网站|网站|政府网|网))"
                                r"(?=[（(]|https?://|www\.|上?下载|查阅|查看|获取)")),
    ("office", re.compile(r"请(?:与|向|联系)([^（(，,。；;]{2,40}?)(?:联系|咨询)")),
)


def read_contacts(out: Narrative) -> None:
    """Contacts as the preamble prints them: 地址：…，邮编：…，电话：… (first mention of each)."""
    for p in out.paragraphs:
        if p.section != PREAMBLE:
            continue
        text = unicodedata.normalize("NFKC", p.text)
        for key, pattern in _CONTACTS:
            if key in out.contacts:
                continue
            m = pattern.search(text)
            if m:
                value = m.group(1).strip(" :：")
                if key == "website_url":
                    value = value.rstrip(".,;")
                out.contacts[key] = value
                out.contact_locations[key] = p.location or Location()


# --- facts stated in the text ----------------------------------------------------------------------

_NOT_CHARGED = re.compile(r"(?:未|没有|无|不)(?:收取|收|产生|发生)[^。；;，,]{0,10}信息处理费"
                          r"|信息处理费[^。；;\d]{0,6}(?:为0(?![\d.])|为零|(?<![\d.])0元)"
                          r"|信息处理费[^。；;\d]{0,8}[:：]\s*无")
# The amount may follow the count: 收取信息处理费2件，金额300元.
_AMOUNT = re.compile(r"收取[^。；;]{0,20}?信息处理费[^。；;]{0,20}?(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_COUNT = re.compile(r"(\d+)\s*件[^。；;]{0,40}?收取[^。；;]{0,10}信息处理费"
                    r"|收取[^。；;]{0,10}信息处理费[^。；;]{0,6}?(\d+)\s*件")


def fee_choices(paragraphs: list[Paragraph], fmt: Format) -> dict[str, Value]:
    """The fee facts (whether, how many, how much) from the part that reports them; nothing the text
    does not say."""
    from ..report.numbers import MONEY_UNITS

    charged_c, count_c, amount_c = (fmt.choice_for(r) for r in (Role.FEE_CHARGED, Role.FEE_APPLICATIONS,
                                                               Role.FEE_AMOUNT))
    if charged_c is None:
        return {}
    yes, no = charged_c.options
    out: dict[str, Value] = {}
    for p in paragraphs:
        if charged_c.section and p.section != charged_c.section:
            continue
        text = unicodedata.normalize("NFKC", p.text)
        if _NOT_CHARGED.search(text):
            out[charged_c.key] = Value(raw=no, location=p.location)
            return out
        amount = _AMOUNT.search(text)
        if amount is None:
            continue
        out[charged_c.key] = Value(raw=yes, location=p.location)
        if amount_c is not None:
            n = _decimal(amount.group(1))
            if n is not None and amount.group(2) in MONEY_UNITS and amount_c.unit in MONEY_UNITS:
                n = n * MONEY_UNITS[amount.group(2)] / MONEY_UNITS[amount_c.unit]  # as the fact is asked
                out[amount_c.key] = Value(n, raw=amount.group(0), location=p.location)
        count = _COUNT.search(text)
        if count_c is not None and count is not None:
            out[count_c.key] = Value(int(count.group(1) or count.group(2)), raw=count.group(0), location=p.location)
        return out
    return out


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
