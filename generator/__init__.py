"""nianbao: the annual report on government information disclosure, from workbook to published report."""

__version__ = "0.2.0"
