"""Text made safe for HTML: escaped, without the characters HTML forbids, and inert to the
`{{ }}` interpolation that script frameworks on CMS pages apply to their text (Vue, avalon, Angular).

Knows HTML, not reports.
"""

from __future__ import annotations

import re
from html import escape

# C0 controls other than tab, line feed and carriage return, DEL and the C1 controls, lone
# surrogates (they cannot even be written as UTF-8) and the noncharacters: HTML calls each a parse
# error. A form feed is a page break in Word and means nothing on a web page.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
    + "]"
)
_LINE_BREAK = re.compile(r"\r\n?|\n")
# The second brace of a pair goes in an element of its own: the text reads the same, but no
# framework finds "{{" in one text node and runs what follows as an expression.
_DOUBLE_BRACE = re.compile(r"(?<=\{)\{")


def clean(text: str) -> str:
    """`text` without the characters an HTML document may not contain."""
    return _FORBIDDEN.sub("", text)


def plain(value: str) -> str:
    """Text for where no markup may go (the page's <title>): cleaned, escaped, on one line."""
    return escape(" ".join(_LINE_BREAK.split(clean(value))), quote=True)


def text(value: str) -> str:
    """Plain text as HTML: cleaned, escaped, line breaks kept as <br>, `{{` broken up."""
    escaped = escape(clean(value), quote=True)
    escaped = _DOUBLE_BRACE.sub("<span>{</span>", escaped)
    return _LINE_BREAK.sub("<br>", escaped)


def element(tag: str, content: str, **attributes: str | int) -> str:
    """`<tag attributes>content</tag>`; `content` is HTML already, attribute values are escaped.

    A trailing underscore in a name is dropped (class_ -> class); attributes whose value is "" are left out.
    """
    attrs = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"'
                    for name, value in attributes.items() if value != "")
    return f"<{tag}{attrs}>{content}</{tag}>"
