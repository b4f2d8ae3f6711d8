"""The `nianbao` command: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import InternalError, UserError
from .formats import formats_text

app = typer.Typer(
    help="政府信息公开工作年度报告：生成填报工作簿、检查勾稽关系、生成 Word 报告。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a traceback must never print a clerk's data
)


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"错误：{message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


class _Silent:
    """Stands in for a progress bar where nobody watches (a log file, a pipe, a test)."""

    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


def progress(length: int, label: str) -> Any:
    """A progress bar on the terminal; nothing when stderr goes to a file, where a bar is only noise."""
    if sys.stderr.isatty():
        return typer.progressbar(length=length, label=label, file=sys.stderr)
    return _Silent()


def user_errors(code: int = 1) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Turn the errors a user can cause into one Chinese line and an exit code, never a traceback."""

    def wrap(command: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except UserError as e:
                fail(str(e), e.exit_code or code)
            except (typer.Exit, typer.Abort):
                raise
            except Exception as e:
                # A bug of ours, not the clerk's doing: say so in one line; NIANBAO_DEBUG=1 shows the trace.
                if os.environ.get("NIANBAO_DEBUG"):
                    raise
                internal = InternalError(e)
                fail(str(internal), internal.exit_code)

        return run

    return wrap


@app.command()
@user_errors()
def template(
    organ: Annotated[str, typer.Option("--organ", help="机关名称，如：某某县人民政府办公室")] = "",
    year: Annotated[int, typer.Option("--year", help="报告年度，如 2025")] = 0,
    format_id: Annotated[str, typer.Option("--format", help=f"报告格式：{formats_text()}；不填则按年度确定")] = "",
    data: Annotated[Path | None, typer.Option("--data", help="用 nianbao export 导出的 JSON 生成已填工作簿")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出的 .xlsx 文件")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它")] = False,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="从上年的工作簿开始：沿用机关名称和联系方式，结转上年结转下年度的申请等")] = None,
) -> None:
    """生成一个机关一个年度的填报工作簿（Excel）。

    例：nianbao template --organ 某某县人民政府办公室 --year 2025

    例：nianbao template --previous 2024年某某县人民政府办公室.xlsx
    """
    from . import service

    out, notes = service.make_template(organ, year, format_id, data, output, force, previous)
    typer.echo(f"已生成填报工作簿：{out}")
    for note in notes:
        typer.secho(f"提示：{note}", fg=typer.colors.YELLOW, err=True)


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
@user_errors(code=2)
def check(
    workbook: Annotated[Path, typer.Argument(
        help="填好的工作簿 .xlsx（或 nianbao export 导出的 .json，或已发布的报告 .docx/.html/.pdf）")],
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="上年的工作簿（或上年已发布的报告），用于核对上年结转、现行有效件数等跨年度关系")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果，便于其他程序处理")] = False,
) -> None:
    """检查工作簿：勾稽关系、必填项、数字填写、正文与表格是否一致。

    没有错误时退出码为 0（可以有警告），有错误时为 1，文件无法读取时为 2。

    例：nianbao check 2025年某某县人民政府办公室.xlsx --previous 2024年某某县人民政府办公室.xlsx
    """
    import json

    from . import checks, service, views

    report = service.load_report(workbook)
    last = service.load_report(previous) if previous is not None else None
    result = checks.check(report, last)
    if as_json:
        typer.echo(json.dumps(views.findings_json(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(views.findings_text(result, color=_color(sys.stdout)))
    if not result.ok:
        raise typer.Exit(1)


@app.command()
@user_errors()
def fields(
    format_id: Annotated[str, typer.Option("--format", help=f"报告格式：{formats_text()}；不填为现行格式")] = "",
) -> None:
    """列出 JSON 中每个统计项的编号（表、行、列）和官方表格中的名称。

    例：nianbao fields --format 2019
    """
    from .formats import FORMATS, get_format

    fmt = get_format(format_id) if format_id else list(FORMATS.values())[-1]
    for table in fmt.tables:
        for f in table.fields:
            typer.echo(f"{f.key}\t{f.row_label}｜{f.column_label}")


@app.command()
@user_errors()
def generate(
    inputs: Annotated[list[Path], typer.Argument(help="填好的工作簿 .xlsx 或导出的 .json；可给多个文件或一个文件夹")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="输出的 .docx；生成多个报告时为文件夹。不填则放在输入文件旁边")] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help="自己调整过版式的 Word 模板（由 templates/ 中的模板修改而来）")] = None,
    allow_errors: Annotated[bool, typer.Option(
        "--allow-errors", help="检查发现错误时仍然生成报告（报告中的数字可能不一致）")] = False,
) -> None:
    """先检查，再生成 Word 报告（.docx）；有错误时不生成。

    例：nianbao generate 2025年某某县人民政府办公室.xlsx

    例：nianbao generate 各单位工作簿/ -o 报告/
    """
    from . import generate as gen

    sources = gen.collect_inputs(inputs)
    if len(inputs) == 1 and not inputs[0].is_dir():
        _generate_one(gen, sources[0], output, template, allow_errors)
    else:
        _generate_batch(gen, sources, output, template, allow_errors)


def _color(stream: Any) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _generate_one(gen: Any, source: Path, output: Path | None, template: Path | None, allow_errors: bool) -> None:
    from .views import findings_text

    prepared = gen.prepare(source, template, allow_errors)
    result = prepared.result
    if result is not None and result.findings:
        typer.echo(findings_text(result, color=_color(sys.stderr)), err=True)
    if prepared.failure is not None:
        fail(str(prepared.failure), prepared.failure.exit_code)
    if prepared.refused:
        fail(f"有{len(result.errors)}个错误，未生成报告。", 1)
    if result.errors:
        typer.secho(f"注意：有{len(result.errors)}个错误，按 --allow-errors 的要求仍然生成了报告，请改正后重新生成。",
                    fg=typer.colors.YELLOW, err=True)
    out = gen.write(prepared, gen.output_path(prepared, output))
    for note in prepared.notes:
        typer.secho(f"警告：{note}", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"已生成报告：{out}")


def _generate_batch(gen: Any, sources: list[Path], output: Path | None, template: Path | None,
                    allow_errors: bool) -> None:
    with progress(len(sources), "生成报告") as bar:
        result = gen.generate_many(sources, output, template, allow_errors, progress=lambda _: bar.update(1))
    for prepared, out in result.written:
        errors, warnings = len(prepared.result.errors), len(prepared.result.warnings)
        extra = f"（{errors}个错误，按 --allow-errors 仍已生成）" if errors else ""
        extra += f"（{warnings}个警告）" if warnings else ""
        typer.echo(f"已生成：{out}{extra}")
        for note in prepared.notes:
            typer.secho(f"  警告：{note}", fg=typer.colors.YELLOW, err=True)
    for prepared in result.failed:
        why = prepared.failure or f"有{len(prepared.result.errors)}个错误，未生成报告"
        typer.secho(f"未生成：{prepared.source}：{why}", fg=typer.colors.RED, err=True)
    typer.echo(f"共{len(sources)}个文件：生成{len(result.written)}个，失败{len(result.failed)}个。"
               + ("请用 nianbao check 查看未生成文件的错误。" if result.failed else ""))
    if result.failed:
        raise typer.Exit(1)


@app.command()
@user_errors()
def aggregate(
    units: Annotated[list[Path], typer.Argument(
        help="各单位填好的工作簿 .xlsx（或已发布的报告 .docx/.html/.pdf），或存放它们的文件夹（可给多个）")],
    organ: Annotated[str, typer.Option("--organ", help="汇总报告的机关名称，如：某某县人民政府")] = "",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出的汇总工作簿 .xlsx")] = None,
    include_invalid: Annotated[bool, typer.Option(
        "--include-invalid", help="检查有错误的工作簿也计入汇总（默认不计入）")] = False,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它")] = False,
) -> None:
    """汇总各单位的工作簿：逐个检查，把表二、表三、表四的数字相加，写成一个汇总工作簿。

    例：nianbao aggregate 各单位工作簿/ --organ 某某县人民政府 -o 2025年汇总.xlsx
    """
    from . import aggregate as agg

    paths = agg.collect_workbooks(units)
    with progress(len(paths), "读取并检查工作簿") as bar:
        result = agg.aggregate(paths, organ, output, include_invalid, force, progress=bar.update)
    for line in agg.describe(result):
        typer.echo(line)


@app.command("import")
@user_errors(code=2)
def import_(
    reports: Annotated[list[Path], typer.Argument(
        help="已发布的报告：.docx、.html/.htm、.pdf（装有 LibreOffice 时也可以是 .doc、.wps）；"
             "可给多个文件或一个文件夹")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="输出的 .xlsx 工作簿或 .json；导入多个报告时为文件夹。不填则放在报告旁边")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="导入多个报告时输出 JSON 而不是工作簿")] = False,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它")] = False,
) -> None:
    """读取已发布的年度报告（Word、网页、PDF），按官方表格逐格读出，检查后保存为填报工作簿或 JSON。

    有读不出的格、格式以外的行或勾稽关系不成立时，标明“需要人工核对”，退出码为 1。

    例：nianbao import 2024年某某县人民政府政府信息公开工作年度报告.pdf

    例：nianbao import 各单位报告/ -o 工作簿/
    """
    from . import views
    from .importers import run

    sources = run.collect_reports(reports)
    if len(reports) == 1 and not reports[0].is_dir():
        assessment, result = run.import_one(sources[0], run.output_for(sources[0], output, as_json), force)
        if assessment.failure:
            fail(assessment.failure, 2)
        if result is not None and result.findings:
            typer.echo(views.findings_text(result, color=_color(sys.stdout)))
            typer.echo("")
        typer.echo(views.import_text(assessment))
        if not assessment.clean:
            raise typer.Exit(1)
        return
    outs = run.plan_outputs(sources, output, as_json)
    with progress(len(sources), "导入报告") as bar:
        assessments = run.import_many(sources, outs, force, progress=lambda _: bar.update(1))
    typer.echo(views.import_batch_text(assessments))
    if not all(a.clean for a in assessments):
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已取消。", err=True)
        sys.exit(130)
