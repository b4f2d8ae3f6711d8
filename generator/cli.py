"""The `nianbao` command: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import typer

from .errors import UserError

app = typer.Typer(
    help="政府信息公开工作年度报告：生成填报工作簿、检查勾稽关系、生成 Word 报告。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a traceback must never print a clerk's data
)


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"错误：{message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def user_errors(code: int = 1) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Turn the errors a user can cause into one Chinese line and an exit code, never a traceback."""

    def wrap(command: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except UserError as e:
                fail(str(e), e.exit_code or code)

        return run

    return wrap


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已取消。", err=True)
        sys.exit(130)
