"""Regional rules: a TOML file that changes a check's level or turns it off.

    [rules]
    COPY = "error"      # 本省把与上年雷同作为错误
    PUNCT = "off"       # 不检查半角标点

Found as `--rules FILE`, else as `nianbao.toml` beside the workbook. Levels: error/warning/info/off,
or 错误/警告/提示/关闭. Codes are those `nianbao rules` lists; anything else is refused, so that a
misspelt code never silently does nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from .checks import CATALOGUE
from .errors import UserError
from .formats import Level

RULES_FILE = "nianbao.toml"
SECTION = "rules"
OFF = "off"
LEVEL_WORDS: dict[str, Level | None] = {
    "error": Level.ERROR, "错误": Level.ERROR,
    "warning": Level.WARNING, "警告": Level.WARNING,
    "info": Level.INFO, "提示": Level.INFO,
    OFF: None, "关闭": None,
}

Levels = Mapping[str, Level | None]


class RulesFileError(UserError):
    """A rules file that cannot be read or says something nianbao does not know."""


def load_levels(path: Path) -> dict[str, Level | None]:
    """Code -> level (None: off) from a rules file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise RulesFileError(f"找不到规则文件：{path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise RulesFileError(f"无法读取规则文件 {path}（{e}）") from None
    except tomllib.TOMLDecodeError as e:
        raise RulesFileError(f"规则文件 {Path(path).name} 的格式不对（{e}）；格式见 README“地方规则”一节") from None
    extra = [k for k in data if k != SECTION]
    if extra:
        raise RulesFileError(f"规则文件 {Path(path).name} 中有不认识的项目：{'、'.join(extra)}；"
                             f"规则应写在 [{SECTION}] 下，如：COPY = \"error\"")
    rules = data.get(SECTION, {})
    if not isinstance(rules, dict):
        raise RulesFileError(f"规则文件 {Path(path).name} 的 {SECTION} 应是一节 [{SECTION}]")
    levels: dict[str, Level | None] = {}
    words = "、".join(dict.fromkeys(f"“{w}”" for w in LEVEL_WORDS))
    for code, value in rules.items():
        if code not in CATALOGUE:
            raise RulesFileError(f"规则文件 {Path(path).name} 中的“{code}”不是检查规则的编号；"
                                 "全部编号用 nianbao rules 列出")
        word = value.strip().lower() if isinstance(value, str) else value
        if word not in LEVEL_WORDS:
            raise RulesFileError(f"规则文件 {Path(path).name} 中 {code} 的级别“{value}”不对，只能是{words}")
        levels[code] = LEVEL_WORDS[word]
    return levels


def rules_for(source: Path | None, rules: Path | None) -> tuple[dict[str, Level | None], Path | None]:
    """The levels that apply to `source`: from `rules` if given, else from nianbao.toml beside it."""
    if rules is None and source is not None:
        beside = Path(source).parent / RULES_FILE
        rules = beside if beside.is_file() else None
    return (load_levels(rules), rules) if rules is not None else ({}, None)
