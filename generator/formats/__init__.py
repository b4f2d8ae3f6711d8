"""The official report formats, each described once as data, and the registry that picks one.

Adding a format is one file describing it and one `register` call (or one line in `_SHIPPED`);
the years it covers follow from its first year and the next format's.
"""

from __future__ import annotations

import contextlib

from ..errors import UserError
from . import f2019, f2021
from .model import Cell, Choice, Field, Format, Kind, Level, Role, Rule, Section, Table, Term

_SHIPPED = (f2019.FORMAT, f2021.FORMAT)
FORMATS: dict[str, Format] = {}  # id -> format, ordered by first year


class UnknownFormat(UserError):
    """A format id or report year that no official format covers."""


def register(fmt: Format) -> None:
    """Make `fmt` available to every command; it covers the years up to the next format's first."""
    if fmt.id in FORMATS and FORMATS[fmt.id] is not fmt:
        raise ValueError(f"format {fmt.id!r} is already registered")
    if any(f.first_year == fmt.first_year and f.id != fmt.id for f in FORMATS.values()):
        raise ValueError(f"two formats cannot start in the same year ({fmt.first_year})")
    FORMATS[fmt.id] = fmt
    ordered = sorted(FORMATS.values(), key=lambda f: f.first_year)
    FORMATS.clear()
    FORMATS.update((f.id, f) for f in ordered)


def unregister(format_id: str) -> None:
    FORMATS.pop(format_id, None)


for _fmt in _SHIPPED:
    register(_fmt)


def last_year(fmt: Format) -> int | None:
    """The last report year `fmt` is used for: the year before the next format's first; None if current."""
    later = [f.first_year for f in FORMATS.values() if f.first_year > fmt.first_year]
    return min(later) - 1 if later else None


def covers(fmt: Format, year: int) -> bool:
    end = last_year(fmt)
    return year >= fmt.first_year and (end is None or year <= end)


def years_text(fmt: Format) -> str:
    """'2019—2020年' or '2021年起': the report years a format is for, as the help texts print them."""
    end = last_year(fmt)
    if end is None:
        return f"{fmt.first_year}年起"
    return f"{fmt.first_year}年" if end == fmt.first_year else f"{fmt.first_year}—{end}年"


def formats_text() -> str:
    """Every format with its years, for help texts and messages: '2019（2019—2020年）、2021（2021年起）'."""
    return "、".join(f"{f.id}（{years_text(f)}）" for f in FORMATS.values())


def get_format(format_id: str) -> Format:
    try:
        return FORMATS[format_id]
    except KeyError:
        pass
    hint = ""
    if format_id.isdigit() and len(format_id) == 4:
        with contextlib.suppress(UnknownFormat):
            hint = f"；{format_id}年的报告使用{format_for_year(int(format_id)).id}年格式"
    raise UnknownFormat(f"没有编号为“{format_id}”的报告格式（可用：{formats_text()}）{hint}") from None


def format_for_year(year: int) -> Format:
    """The format in force for the report of `year` (format-spec.md §1)."""
    for fmt in FORMATS.values():
        if covers(fmt, year):
            return fmt
    first = min(f.first_year for f in FORMATS.values())
    raise UnknownFormat(
        f"{year}年的报告不适用现行格式：{first}年及以后的报告才使用国务院办公厅规定的统一格式"
    )


def select_format(year: int | None, format_id: str = "") -> Format:
    """The format for a new workbook: as asked, or the year's; a format that does not cover the
    year is refused here, because every later `check` of that workbook would fail."""
    if not format_id:
        if year is None:
            raise UnknownFormat("没有报告年度，无法确定报告格式")
        return format_for_year(year)
    fmt = get_format(format_id)
    if year is not None and not covers(fmt, year):
        right = format_for_year(year).id if any(covers(f, year) for f in FORMATS.values()) else ""
        advice = f"{year}年的报告应使用{right}年格式（不加 --format 即按年度自动确定）" if right else ""
        raise UnknownFormat(f"{fmt.id}年格式只用于{years_text(fmt)}的报告，不能用于{year}年的报告"
                            + (f"；{advice}" if advice else ""))
    return fmt


__all__ = [
    "FORMATS", "Cell", "Choice", "Field", "Format", "Kind", "Level", "Role", "Rule", "Section", "Table",
    "Term", "UnknownFormat", "covers", "format_for_year", "formats_text", "get_format", "last_year",
    "register", "select_format", "unregister", "years_text",
]
