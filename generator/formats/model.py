"""The vocabulary in which an official report format is described: plain frozen data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Kind(StrEnum):
    """What a statistical cell may hold (rule R5)."""

    COUNT = "count"  # whole number >= 0
    SIGNED = "signed"  # whole number, may be negative (2019 本年增/减)
    MONEY = "money"  # decimal >= 0, at most two decimals


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Field:
    """One statistical value of a table, addressed by table, official row and official column."""

    table: str
    row: str
    column: str
    kind: Kind
    row_label: str  # the printed row label, with its group, for messages: "（三）不予公开 1.属于国家秘密"
    column_label: str
    unit: str = ""  # printed unit, when the format prints one (万元)
    sum_of: tuple[str, ...] = ()  # a total: the keys of the fields it adds up

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    @property
    def is_total(self) -> bool:
        return bool(self.sum_of)


@dataclass(frozen=True)
class Cell:
    """One cell of a table's grid, 0-based; either a printed label or the place of a field."""

    row: int
    col: int
    text: str = ""
    field: str = ""  # field key when this cell holds a value
    rowspan: int = 1
    colspan: int = 1

    @property
    def is_value(self) -> bool:
        return bool(self.field)


@dataclass(frozen=True)
class Table:
    """A statutory table: its grid (labels and value places), its fields and printing hints."""

    id: str
    section: str  # number of the section it belongs to: "二"
    title: str  # short name for sheets and messages
    columns: int
    header_rows: int  # rows repeated on every page
    cells: tuple[Cell, ...]
    fields: tuple[Field, ...]
    widths: tuple[float, ...]  # relative column widths
    vertical_labels: bool = False  # narrow header labels read better one character a line

    @property
    def rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def field(self, key: str) -> Field:
        return self.fields_by_key[key]

    @cached_property
    def fields_by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}


@dataclass(frozen=True)
class Section:
    number: str  # 一 … 六
    heading: str  # official heading, printed as is: "一、总体情况"
    table: str = ""  # id of the table printed in this section
    required: bool = False  # narrative must not be empty
    aliases: tuple[str, ...] = ()  # local variants a reader must recognise


@dataclass(frozen=True)
class Choice:
    """A fact asked for outside the tables (fees, the unit of an amount)."""

    key: str
    label: str
    kind: str  # "choice", "count" or "money"
    options: tuple[str, ...] = ()
    unit: str = ""
    table: str = ""  # shown beside this table; blank means on the 基本信息 sheet
    required: bool = True
    hint: str = ""
    unit_of: str = ""  # field key of the amount this choice gives the unit of (2019 采购总金额)

    @property
    def number_kind(self) -> Kind | None:
        """The kind of number asked for; None when the answer is picked from `options`."""
        return None if self.kind == "choice" else Kind(self.kind)


@dataclass(frozen=True)
class Term:
    field: str
    coef: int = 1
    last_year: bool = False  # taken from last year's report


@dataclass(frozen=True)
class Rule:
    """A linear relation between fields: sum(left) <relation> sum(right)."""

    id: str
    level: Level
    text: str  # the rule in words, Chinese
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    relation: str = "="  # "=" or ">="
    scope: str = ""  # what it is applied to, for the message: "自然人列"

    @property
    def across_years(self) -> bool:
        return any(t.last_year for t in self.left + self.right)


@dataclass(frozen=True)
class Format:
    id: str
    issued_by: str
    title: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    choices: tuple[Choice, ...] = field(default=())

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @cached_property
    def fields(self) -> dict[str, Field]:
        return {f.key: f for t in self.tables for f in t.fields}

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def choice(self, key: str) -> Choice:
        return next(c for c in self.choices if c.key == key)
