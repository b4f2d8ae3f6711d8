"""Comparing printed labels the way a reader does: past what real reports vary.

Real reports print the format's labels with full- or half-width punctuation, spaces and line
breaks inside (narrow cells), `1.`, `1．` or `1、` before a sub-item, and now and then a character
missing or a word changed (`规范性文件` for `行政规范性文件`). Folding removes what carries no
meaning; similarity then tolerates the rest.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

# Everything a label may carry that does not tell two labels apart.
_NOISE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff()（）\[\]【】〔〕、,，.．。:：;；!！?？“”\"'‘’「」《》<>〈〉"
                    r"/／\\|·•\-—–_~～*＊]+")
_DASHES = re.compile(r"^[-—–－_/／\\~～]+$")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK}])")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A label reduced to what tells it apart: NFKC, no spaces, no punctuation, lower case."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=65536)
def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """How alike two folded labels are, 0 to 1 (1: the same); 0 when surely below `at_least`.

    The bounds first: most pairs a reader compares are far apart, and the full comparison costs
    a hundred times more than the bounds."""
    if a == b:
        return 1.0
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < at_least:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def squeeze(text: str) -> str:
    """Text without any whitespace (a number or a label split over lines in a narrow cell)."""
    return _SPACES.sub("", text)


def is_dash(text: str) -> bool:
    """A cell printed with only a dash or a slash: nothing to report, set as a placeholder."""
    return bool(_DASHES.match(squeeze(unicodedata.normalize("NFKC", text))))


def despace(text: str) -> str:
    """Spaces beside Chinese text removed: a PDF's gaps between Chinese and digits ("2024 年"), a
    web page's line breaks in its source; Chinese sets no spaces between words."""
    return _SPACE_BY_CJK.sub("", text.replace("\r", ""))
