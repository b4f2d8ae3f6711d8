"""The official report formats, each described once as data, and how to pick one."""

from __future__ import annotations

from ..errors import UserError
from . import f2019, f2021
from .model import Cell, Choice, Field, Format, Kind, Level, Rule, Section, Table, Term

FORMATS: dict[str, Format] = {f.id: f for f in (f2019.FORMAT, f2021.FORMAT)}


class UnknownFormat(UserError):
    """A format id or report year that no official format covers."""


def get_format(format_id: str) -> Format:
    try:
        return FORMATS[format_id]
    except KeyError:
        known = "、".join(FORMATS)
        raise UnknownFormat(f"没有编号为“{format_id}”的报告格式（可用：{known}）") from None


def format_for_year(year: int) -> Format:
    """The format in force for the report of `year` (format-spec.md §1)."""
    for fmt in FORMATS.values():
        if fmt.covers(year):
            return fmt
    raise UnknownFormat(
        f"{year}年的报告不适用现行格式：2019年及以后的报告才使用国务院办公厅规定的统一格式"
    )


__all__ = [
    "FORMATS", "Cell", "Choice", "Field", "Format", "Kind", "Level", "Rule", "Section", "Table",
    "Term", "UnknownFormat", "format_for_year", "get_format",
]
