"""The Excel workbook a clerk fills: where everything sits, writing it, reading it back.

Reading needs no openpyxl (its import alone costs more than reading a workbook), so the writer's
names are imported only when asked for.
"""

from typing import Any

from .read import WorkbookError, read_workbook

_WRITER = ("blank_report", "workbook_for", "write_workbook")


def __getattr__(name: str) -> Any:
    if name in _WRITER:
        from . import write

        return getattr(write, name)
    raise AttributeError(name)


__all__ = ["WorkbookError", "read_workbook", *_WRITER]
