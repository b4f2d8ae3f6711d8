"""The vocabulary in which an official report format is described: plain frozen data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Kind(StrEnum):
    """What a statistical cell may hold (rule R5)."""

    COUNT = "count"  # whole number >= 0
    SIGNED = "signed"  # whole number, may be negative (2019 本年增/减)
    MONEY = "money"  # decimal >= 0


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # a figure shown for the record (the share copied from last year), never a problem


class Role(StrEnum):
    """What a choice means to the program, so that no module outside formats/ names a choice's key."""

    FEE_CHARGED = "fee_charged"  # 是/否: were information-processing fees charged
    FEE_APPLICATIONS = "fee_applications"  # how many applications were charged
    FEE_AMOUNT = "fee_amount"  # how much, in the choice's unit
    AMOUNT_UNIT = "amount_unit"  # the unit of a table amount the format leaves open (`Choice.unit_of`)


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
    note: bool = False  # an explanation printed in the table (table 三's 勾稽关系 note), set in a quieter face
    vertical: bool = False  # a narrow label printed top to bottom (table 四's outcomes)

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

    @property
    def rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    @property
    def name(self) -> str:
        """How people call the table: its section and title, '三、依申请公开' (also its sheet's name)."""
        return f"{self.section}、{self.title}"

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
    role: Role | None = None
    section: str = ""  # the section whose text reports this fact (六 for fees)

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


# Compared by identity: a format is registered once, and hashing its whole description on every
# cached lookup would cost more than the lookup.
@dataclass(frozen=True, eq=False)
class Format:
    """One official layout. The years it covers follow from the registry: from `first_year` up to
    the year before the next format's first year."""

    id: str
    issued_by: str
    title: str
    first_year: int
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    choices: tuple[Choice, ...] = field(default=())

    @cached_property
    def fields(self) -> dict[str, Field]:
        return {f.key: f for t in self.tables for f in t.fields}

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def choice(self, key: str) -> Choice:
        return next(c for c in self.choices if c.key == key)

    def choice_for(self, role: Role) -> Choice | None:
        """The choice that plays `role` in this format, if the format asks for it."""
        return next((c for c in self.choices if c.role is role), None)

    def section(self, number: str) -> Section:
        return next(s for s in self.sections if s.number == number)
