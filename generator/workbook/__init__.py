"""The Excel workbook a clerk fills: where everything sits, writing it, reading it back."""

from .read import WorkbookError, read_workbook
from .write import blank_report, workbook_for, write_workbook

__all__ = ["WorkbookError", "blank_report", "read_workbook", "workbook_for", "write_workbook"]
