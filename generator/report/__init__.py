"""The report model: what a report says, independent of the file it came from or goes to."""

from .model import (
    CONTACT_KEYS,
    INFO_FIELDS,
    PREAMBLE,
    InfoField,
    Location,
    Number,
    Paragraph,
    Report,
    Run,
    Value,
    format_number,
    organ_key,
    plain,
    readable_text,
)

__all__ = [
    "CONTACT_KEYS", "INFO_FIELDS", "PREAMBLE", "InfoField", "Location", "Number", "Paragraph", "Report",
    "Run", "Value", "format_number", "organ_key", "plain", "readable_text",
]
