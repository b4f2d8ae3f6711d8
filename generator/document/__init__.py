"""The Word report: the template engine, what goes into it, and the templates built from the formats."""

from .engine import Rendered, ReportTemplate, TemplateProblem, load_template, render_docx

__all__ = ["Rendered", "ReportTemplate", "TemplateProblem", "load_template", "render_docx"]
