"""The report as HTML: a fragment for a CMS editor's source view and a standalone page."""

from .article import fragment, page

__all__ = ["fragment", "page"]
