"""What reading a published report could not vouch for, as check findings (IMPORT_* codes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checks.findings import INFO_PART, TEXT_PART, Finding, Involved, Subjects, make
from ..formats import Level

if TYPE_CHECKING:
    from . import Imported


def import_findings(imported: Imported) -> list[Finding]:
    report, tables = imported.report, imported.tables
    fmt = report.format
    s = Subjects(report)
    out: list[Finding] = []
    if imported.title is None:
        out.append(make("IMPORT_TITLE", Level.WARNING, s.info("organ"),
                        "没有找到报告标题（如“某某县人民政府2024年政府信息公开工作年度报告”），"
                        "机关名称和报告年度没有读出，请在工作簿的“基本信息”中填写。", INFO_PART))
    titled = imported.titled_format
    if titled is not None and titled is not fmt:
        out.append(make("IMPORT_FORMAT", Level.WARNING, s.info("year", report.year),
                        f"标题是{report.year}年的报告，应使用{titled.id}年格式（{titled.issued_by}），"
                        f"但统计表是{fmt.id}年格式（{fmt.issued_by}）的样式，已按{fmt.id}年格式读取。", INFO_PART,
                        format=fmt.id, titled_format=titled.id))
    found = tables.tables_found()
    for table in fmt.tables:
        if table.id not in found:
            heading = fmt.section(table.section).heading
            out.append(make("IMPORT_TABLE", Level.ERROR, Involved(f"table.{table.id}", heading),
                            f"没有找到第{table.section}部分“{heading}”的统计表，表中的数字没有读取；"
                            "请对照原文在工作簿中填写。", table.name))
    for row in tables.missing:
        if row.table in found:
            key = row.slots[0].field
            out.append(make("IMPORT_ROW", Level.ERROR, s.field(key), f"统计表中没有找到“{row.printed}”这一行，"
                            "这一行的数字没有读取；请对照原文在工作簿中填写。", s.part_of(key),
                            tuple(s.field(slot.field) for slot in row.slots[1:])))
    for merged in tables.merged:
        items = "、".join(f"“{r.printed.split(' ')[-1]}”" for r in merged.group.rows)
        key = merged.group.rows[0].slots[0].field
        out.append(make("IMPORT_MERGED", Level.ERROR,
                        Involved(key, f"“{merged.group.printed}”", merged.values, merged.location),
                        f"原表把“{merged.group.printed}”印成了一行（{'、'.join(merged.values)}），"
                        f"格式要求分列{items}；这几行没有读入，请按原始记录在工作簿中填写。", s.part_of(key),
                        printed=list(merged.values)))
    for extra in tables.extras:
        part = fmt.table(extra.table).name if extra.table else TEXT_PART
        subject = Involved(f"table.{extra.table}", f"“{extra.label}”", extra.values, extra.location)
        if extra.column:
            message = (f"原表多出一列“{extra.label}”，格式没有这一列，这一列的数字没有读入；"
                       "如是本地增加的栏目（如小计）可不理会，否则请核对原文。")
        elif extra.duplicate_of:
            message = (f"“{extra.label}”与前面的“{extra.duplicate_of}”是同一行，"
                       f"其中的数字（{'、'.join(extra.values)}）没有读入，请核对原文。")
        else:
            message = (f"“{extra.label or '（无标签）'}”这一行不是格式中的行，"
                       f"其中的数字（{'、'.join(extra.values)}）没有读入；如是本地增加的栏目可不理会，否则请核对原文。")
        out.append(make("IMPORT_EXTRA", Level.WARNING, subject, message, part, printed=list(extra.values)))
    out += _section_findings(imported, s)
    return out


def _section_findings(imported: Imported, s: Subjects) -> list[Finding]:
    fmt = imported.report.format
    found = imported.narrative.sections
    if not found:
        return [make("IMPORT_SECTION", Level.WARNING, s.section(fmt.sections[0].number),
                     "正文中没有找到任何一部分的标题（如“一、总体情况”），全部文字归入了前言，请在工作簿的“正文”中分好各部分。",
                     TEXT_PART)]
    tables = imported.tables.tables_found()
    # A part that is its table needs no heading to be read; its table was found by its labels.
    return [make("IMPORT_SECTION", Level.WARNING, s.section(section.number),
                 f"正文中没有找到“{section.heading}”这一标题，这一部分的文字（如有）归入了前一部分，请核对。",
                 TEXT_PART)
            for section in fmt.sections if section.number not in found and section.table not in tables]
