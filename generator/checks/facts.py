"""Checks of what is not arithmetic: required items, the year and format, last year's report, the
choices (fees, units)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..formats import Level, Role, UnknownFormat, covers, format_for_year
from ..report import INFO_FIELDS, Report, format_number, model, organ_key
from .findings import INFO_PART, TEXT_PART, Finding, Subjects, make


def years_apart(report: Report, previous: Report) -> bool:
    """Last year's report is of some other year than the one before: comparing would mislead."""
    return report.year is not None and previous.year is not None and previous.year != report.year - 1


def info_findings(s: Subjects) -> Iterator[Finding]:
    report = s.report
    for info in INFO_FIELDS:
        if not info.required:
            continue
        if info.key == "year":
            empty = report.year is None
        elif info.key == "organ":
            empty = not report.organ.strip()
        else:
            empty = not report.contacts.get(info.key, "").strip()
        if empty:
            hint = f"（{info.hint}）" if info.hint else ""
            yield make("REQUIRED", Level.ERROR, s.info(info.key), f"“{info.label}”是必填项，没有填写{hint}。",
                       INFO_PART)


_CONTACT_SHAPES = {
    "postcode": (re.compile(r"\d{6}"), "邮政编码应为6位数字"),
    "website_url": (re.compile(r"https?://[^\s/]+\.[^\s]+", re.I),
                    "网址应以 http:// 或 https:// 开头，如 http://www.example.gov.cn/"),
    "email": (re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"), "电子邮箱应形如 gk@example.gov.cn"),
}


def contact_findings(s: Subjects) -> Iterator[Finding]:
    """Contacts print in the preamble as typed: a wrong shape is a warning at its cell."""
    contacts = s.report.contacts
    for key, (shape, advice) in _CONTACT_SHAPES.items():
        value = contacts.get(key, "").strip()
        if value and not shape.fullmatch(value):
            yield make("CONTACT", Level.WARNING, s.info(key, value),
                       f"“{s.info(key).label}”填的是“{value}”，{advice}；报告开头的联系方式照此印出，请核对。",
                       INFO_PART)
    if not (contacts.get("website_name", "").strip() or contacts.get("website_url", "").strip()):
        yield make("CONTACT", Level.WARNING, s.info("website_url"),
                   "没有填写发布网站：报告开头将不写电子版的下载网址。报告应在本机关的网站（政府信息公开专栏）发布，"
                   "有网站的请填写网站名称和网址。", INFO_PART)


def year_findings(s: Subjects) -> Iterator[Finding]:
    """A report of a year that has not begun cannot be right; one of this year is not finished."""
    year, today = s.report.year, model.today()
    if year is None:
        return
    if year > today.year:
        yield make("YEAR", Level.ERROR, s.info("year", year),
                   f"报告年度为{year}年，还没有到（今天是{today.year}年{today.month}月{today.day}日）；请改正年度。",
                   INFO_PART)
    elif year == today.year:
        yield make("YEAR", Level.WARNING, s.info("year", year),
                   f"报告年度为{year}年，统计期限到{year}年12月31日才结束；年底前的数字还会变化，定稿前请再检查一次。",
                   INFO_PART)


def format_year_findings(s: Subjects) -> Iterator[Finding]:
    fmt, year = s.fmt, s.report.year
    if year is None or covers(fmt, year):
        return
    try:
        right = format_for_year(year)
        advice = (f"{year}年的报告应使用{right.id}年格式（{right.issued_by}），"
                  f"请重新生成{right.id}年格式的填报工作簿，把数据抄过去")
    except UnknownFormat as e:
        advice = str(e)
    yield make("FORMAT_YEAR", Level.ERROR, s.info("year", year),
               f"报告年度为{year}年，但本工作簿是{fmt.id}年格式（{fmt.issued_by}）。{advice}。", INFO_PART,
               format=fmt.id)


def previous_findings(s: Subjects, previous: Report | None) -> Iterator[Finding]:
    report = s.report
    if previous is None:
        return
    if years_apart(report, previous):
        yield make("PREVIOUS", Level.WARNING, s.info("year", report.year),
                   f"用来对比的上年报告是{previous.year}年的，本报告是{report.year}年的，"
                   f"应使用{report.year - 1}年的报告；跨年度核对（上年结转、现行有效件数等）没有进行。",
                   INFO_PART, previous_year=previous.year)
    this, last = organ_key(report.organ), organ_key(previous.organ)
    if this and last and this != last:
        yield make("PREVIOUS", Level.WARNING, s.info("organ", report.organ),
                   f"本报告的机关名称是“{report.organ}”，用来对比的上年报告是“{previous.organ}”的；"
                   "请确认上年报告选对了。", INFO_PART, previous_organ=previous.organ)


def section_findings(s: Subjects) -> Iterator[Finding]:
    from ..content import fee_sentence

    for section in s.fmt.sections:
        if not section.required or any(p.text.strip() for p in s.report.narrative(section.number)):
            continue
        fees = s.fmt.choice_for(Role.FEE_CHARGED)
        if fees is not None and fees.section == section.number and fee_sentence(s.report):
            continue  # the fee sentence is this part's statement
        # Only the last part, 其他需要报告的事项, may honestly be 无.
        hint = "；没有需要报告的事项时可写“无”" if section is s.fmt.sections[-1] else ""
        yield make("REQUIRED", Level.ERROR, s.section(section.number),
                   f"正文第{section.number}部分“{section.heading}”没有填写内容，这一部分必须填写{hint}；"
                   "请在“正文”工作表中这一部分的标题行下面填写。", TEXT_PART)


def choice_findings(s: Subjects) -> Iterator[Finding]:
    from .arithmetic import domain_findings

    report = s.report
    for c in s.fmt.choices:
        part = s.part_of(c.key)
        if c.kind == "choice":
            text = report.choice_text(c.key)
            options = "或".join(f"“{o}”" for o in c.options)
            if text and text not in c.options:
                yield make("CHOICE", Level.ERROR, s.choice(c.key, text),
                           f"“{c.label}”只能选{options}，但填的是“{text}”。", part)
            # A unit the format leaves open is needed only once there is an amount (see unit_findings).
            elif not text and c.required and not c.unit_of:
                yield make("REQUIRED", Level.ERROR, s.choice(c.key), f"“{c.label}”没有选择，请选{options}。", part)
            continue
        v = report.choices.get(c.key)
        if v is not None and not v.blank:
            yield from domain_findings(c.number_kind, v, s.choice(c.key, v.number), f"“{c.label}”", part, c.unit)


def fee_findings(s: Subjects) -> Iterator[Finding]:
    """Whether fees were charged, how many applications, how much: the three must agree."""
    fmt, report = s.fmt, s.report
    charged_c, count_c, amount_c = (fmt.choice_for(r) for r in (Role.FEE_CHARGED, Role.FEE_APPLICATIONS,
                                                               Role.FEE_AMOUNT))
    if charged_c is None or count_c is None or amount_c is None:
        return
    charged = report.choice_text(charged_c.key)
    count, amount = report.choice_number(count_c.key), report.choice_number(amount_c.key)
    facts = (f"收费件数为{format_number(count)}{count_c.unit}，"
             f"收费金额为{format_number(amount)}{amount_c.unit}")
    yes, no = charged_c.options
    involved = (s.choice(charged_c.key, charged), s.choice(count_c.key, count), s.choice(amount_c.key, amount))
    if charged == no:
        for c, n in ((count_c, count), (amount_c, amount)):
            if n > 0:
                yield make("FEE", Level.WARNING, s.choice(c.key, n),
                           f"“{charged_c.label}”选的是“{no}”，但{facts}；请改选“{yes}”，或把件数和金额改为0。",
                           s.part_of(c.key), involved)
    elif charged == yes:
        for c, n, what in ((count_c, count, "件数"), (amount_c, amount, "金额")):
            if n == 0:
                yield make("FEE", Level.WARNING, s.choice(c.key, n),
                           f"“{charged_c.label}”选的是“{yes}”，但收费{what}为0或没有填写（{facts}）；"
                           f"请填写收费{what}，或改选“{no}”。", s.part_of(c.key), involved)


def unit_findings(s: Subjects) -> Iterator[Finding]:
    report = s.report
    for c in s.fmt.choices:
        if not c.unit_of or report.choice_text(c.key):
            continue
        amount = report.values.get(c.unit_of)
        if amount is None or amount.number is None or amount.number <= 0:
            continue
        target = s.field(c.unit_of, amount.number)
        place = f"（{target.location}）" if target.location else ""
        options = "或".join(f"“{o}”" for o in c.options)
        yield make("UNIT", Level.ERROR, s.choice(c.key),
                   f"{target.label}{place}填了{format_number(amount.number)}，但没有选择“{c.label}”；"
                   f"格式没有规定单位，请选{options}，报告中金额后面会印上所选单位。", s.part_of(c.key), (target,))
