"""Click's and Typer's own words (usage, help headings, argument errors) in Chinese.

Click marks every message it prints with gettext (`_("Missing argument")`), so each of its
modules holds a `_` we can replace; no .mo file to build or ship. Messages not listed here
stay as Click wrote them, which a test (tests/test_cli.py) keeps from happening for the ones
a clerk can meet.
"""

from __future__ import annotations

import importlib

ZH = {
    # help
    "Usage:": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Positional arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看用法。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有 {name} 这个选项。",
    "No such option: {name}": "没有 {name} 这个选项。",
    "No such command {name!r}.": "没有 {name} 这个命令。",
    "Did you mean {possibility}?": "是不是要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要用其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多了参数：{args}",
    "Got unexpected extra arguments ({args})": "多了参数：{args}",
    "Option {name!r} requires an argument.": "选项 {name} 后面要写上它的值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面要写上{nargs}个值。",
    "Option {name!r} does not take a value.": "选项 {name} 后面不能写值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 要写{nargs}个值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "{value!r} is not one of {choices}.": "“{value}”不是可选的值（可选：{choices}）。",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是数字。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是是/否的值（可用：{states}）。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是一个文件夹。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是一个文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Aborted!": "已取消。",
}

_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.decorators",
            "click.formatting", "click.termui", "typer.core", "typer.main")


def translate(message: str) -> str:
    return ZH.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def _write_heading(self, heading: str) -> None:
    """Click writes 'Options:'; a Chinese heading takes the full-width colon."""
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


def install() -> None:
    """Give Click's and Typer's modules the Chinese words instead of gettext's English."""
    from click.formatting import HelpFormatter

    HelpFormatter.write_heading = _write_heading
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
