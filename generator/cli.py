"""The `nianbao` command: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

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


@app.command()
@user_errors()
def template(
    organ: Annotated[str, typer.Option("--organ", help="机关名称，如：某某县人民政府办公室")] = "",
    year: Annotated[int, typer.Option("--year", help="报告年度，如 2025")] = 0,
    format_id: Annotated[str, typer.Option("--format", help="报告格式 2019 或 2021；不填则按年度确定")] = "",
    data: Annotated[Path | None, typer.Option("--data", help="用 nianbao export 导出的 JSON 生成已填工作簿")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出的 .xlsx 文件")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它")] = False,
) -> None:
    """生成一个机关一个年度的填报工作簿（Excel）。

    例：nianbao template --organ 某某县人民政府办公室 --year 2025
    """
    from . import service

    out = service.make_template(organ, year, format_id, data, output, force)
    typer.echo(f"已生成填报工作簿：{out}")


@app.command()
@user_errors(code=2)
def export(
    workbook: Annotated[Path, typer.Argument(help="填好的工作簿 .xlsx")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出的 .json 文件；“-”表示输出到屏幕")] = None,
) -> None:
    """把工作簿中的全部内容导出为 JSON（格式见 README）。

    例：nianbao export 2025年某某县人民政府办公室.xlsx -o 数据.json
    """
    from . import service

    text, out = service.export_json(workbook, output)
    if out is None:
        typer.echo(text, nl=False)
    else:
        typer.echo(f"已导出：{out}")


@app.command()
@user_errors()
def fields(
    format_id: Annotated[str, typer.Option("--format", help="报告格式 2019 或 2021")] = "2021",
) -> None:
    """列出 JSON 中每个统计项的编号（表、行、列）和官方表格中的名称。

    例：nianbao fields --format 2019
    """
    from .formats import get_format

    for table in get_format(format_id).tables:
        for f in table.fields:
            typer.echo(f"{f.key}\t{f.row_label}｜{f.column_label}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已取消。", err=True)
        sys.exit(130)
