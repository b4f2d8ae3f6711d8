"""The `nianbao` command: parses arguments, calls the library, prints. Nothing else lives here.

Exit codes (README, 退出码): 0 done, warnings allowed; 1 problems found or refused (errors in a
report, a report not generated, units left out of a summary, an output that exists); 2 an input
that cannot be read, or a command typed wrong; 3 a bug of nianbao's; 130 cancelled.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__, clitext
from .errors import InternalError, UserError
from .formats import formats_text

clitext.install()

# Typer 0.24–0.25 on Click (pyproject pins them): Click prints through gettext, so its words can be
# Chinese (clitext.py); rich_markup_mode=None keeps Rich out of help and errors; no pydantic.
app = typer.Typer(
    help="政府信息公开工作年度报告：生成填报工作簿、检查勾稽关系、生成 Word 报告。",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a traceback must never print a clerk's data
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
OPTIONS = "[选项]"
FORMAT_HELP = f"报告格式：{formats_text()}；不填则按年度确定"
RULES_HELP = "地方规则文件（TOML）：调整检查的级别或关闭某项检查；不填时使用工作簿旁的 nianbao.toml（如有）"


# Options several commands share, declared once so that they read the same everywhere.
Force = Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它（否则不覆盖，以免丢失手工修改）")]
Template = Annotated[Path | None, typer.Option(
    "--template", metavar="模板.docx", help="自己调整过版式的 Word 模板（由 templates/ 中的模板修改而来）")]
AllowErrors = Annotated[bool, typer.Option(
    "--allow-errors", help="检查发现错误时仍然生成（报告中的数字可能不一致）")]
Rules = Annotated[Path | None, typer.Option("--rules", metavar="规则.toml", help=RULES_HELP)]


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


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a user can cause into one Chinese line and their exit code, never a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as e:
            fail(str(e), e.exit_code)
        except BrokenPipeError:
            # `nianbao fields | head`: the reader has all it wanted, which is no error. Python would
            # complain about the closed pipe again when it flushes stdout at exit: point it at nothing.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            typer.echo("已取消。", err=True)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as e:
            # A bug of ours, not the clerk's doing: say so in one line; NIANBAO_DEBUG=1 shows the trace.
            if os.environ.get("NIANBAO_DEBUG"):
                raise
            internal = InternalError(e)
            fail(str(internal), internal.exit_code)

    return run


def _color(stream: Any) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nianbao {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", help="显示版本号并退出（向维护人员反映问题时请一并提供）", callback=_version,
        is_eager=True)] = False,
) -> None:
    """政府信息公开工作年度报告：生成填报工作簿、检查勾稽关系、生成 Word 报告。

    每个命令的用法：nianbao 命令 --help
    """


def _command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
    return app.command(*args, options_metavar=OPTIONS, **kwargs)


@_command()
@user_errors
def template(
    organ: Annotated[str, typer.Option(
        "--organ", metavar="机关名称", help="机关名称，如：某某县人民政府办公室")] = "",
    year: Annotated[str, typer.Option("--year", metavar="年度", help="报告年度，如 2025")] = "",
    format_id: Annotated[str, typer.Option("--format", metavar="格式", help=FORMAT_HELP)] = "",
    data: Annotated[Path | None, typer.Option(
        "--data", metavar="文件.json", help="用 nianbao export 导出的 JSON 生成已填工作簿")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="文件.xlsx", help="输出的工作簿")] = None,
    force: Force = False,
    previous: Annotated[Path | None, typer.Option(
        "--previous", metavar="上年工作簿",
        help="从上年的工作簿开始：沿用机关名称和联系方式，结转上年结转下年度的申请等")] = None,
) -> None:
    """生成一个机关一个年度的填报工作簿（Excel）。

    例：nianbao template --organ 某某县人民政府办公室 --year 2025

    例：nianbao template --previous 2024年某某县人民政府办公室.xlsx
    """
    from . import service

    out, notes = service.make_template(organ, service.year_option(year), format_id, data, output, force, previous)
    typer.echo(f"已生成填报工作簿：{out}")
    for note in notes:
        typer.secho(f"提示：{note}", fg=typer.colors.YELLOW, err=True)


@_command()
@user_errors
def export(
    workbook: Annotated[Path, typer.Argument(metavar="工作簿", help="填好的工作簿 .xlsx", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="文件.json", help="输出的 JSON 文件；“-”表示输出到屏幕")] = None,
    force: Force = False,
) -> None:
    """把工作簿中的全部内容导出为 JSON（格式见 README）。

    例：nianbao export 2025年某某县人民政府办公室.xlsx -o 数据.json
    """
    from . import service

    text, out = service.export_json(workbook, output, force)
    if out is None:
        typer.echo(text, nl=False)
    else:
        typer.echo(f"已导出：{out}")


@_command()
@user_errors
def check(
    workbook: Annotated[Path, typer.Argument(
        metavar="工作簿", help="填好的工作簿 .xlsx（或 nianbao export 导出的 .json，或已发布的报告 .docx/.html/.pdf）",
        show_default=False)],
    previous: Annotated[Path | None, typer.Option(
        "--previous", metavar="上年工作簿",
        help="上年的工作簿（或上年已发布的报告），用于核对上年结转、现行有效件数等跨年度关系")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果，便于其他程序处理")] = False,
    rules: Rules = None,
) -> None:
    """检查工作簿：勾稽关系、必填项、数字填写、正文与表格是否一致、正文的文字，与上年报告对比。

    没有错误时退出码为 0（可以有警告），有错误时为 1，文件无法读取时为 2。

    例：nianbao check 2025年某某县人民政府办公室.xlsx --previous 2024年某某县人民政府办公室.xlsx
    """
    import json

    from . import checks, service, views

    levels = _levels(workbook, rules)
    report = service.load_report(workbook)
    last = service.load_report(previous) if previous is not None else None
    result = checks.check(report, last, levels)
    if as_json:
        typer.echo(json.dumps(views.findings_json(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(views.findings_text(result, color=_color(sys.stdout)))
    if not result.ok:
        raise typer.Exit(1)


@_command()
@user_errors
def fields(
    format_id: Annotated[str, typer.Option(
        "--format", metavar="格式", help=f"报告格式：{formats_text()}；不填为现行格式")] = "",
) -> None:
    """列出 JSON 中每个统计项的编号（表、行、列）和官方表格中的名称。

    例：nianbao fields --format 2019
    """
    from .formats import FORMATS, get_format

    fmt = get_format(format_id) if format_id else list(FORMATS.values())[-1]
    for table in fmt.tables:
        for f in table.fields:
            typer.echo(f"{f.key}\t{f.row_label}｜{f.column_label}")


@_command()
@user_errors
def generate(
    inputs: Annotated[list[Path], typer.Argument(
        metavar="工作簿...", help="填好的工作簿 .xlsx 或导出的 .json；可给多个文件或一个文件夹", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="文件或文件夹",
        help="输出的 .docx；生成多个报告时为文件夹（不存在时自动建立）。不填则放在输入文件旁边")] = None,
    template: Template = None,
    allow_errors: AllowErrors = False,
    force: Force = False,
    rules: Rules = None,
) -> None:
    """先检查，再生成 Word 报告（.docx）；有错误时不生成。

    例：nianbao generate 2025年某某县人民政府办公室.xlsx

    例：nianbao generate 各单位工作簿/ -o 报告/
    """
    from . import generate as gen

    if rules is not None:
        _levels(None, rules)  # a broken rules file stops the whole run before any work
    sources = gen.collect_inputs(inputs)
    if len(inputs) == 1 and not inputs[0].is_dir():
        _generate_one(gen, sources[0], output, template, allow_errors, force, rules)
    else:
        _generate_batch(gen, sources, output, template, allow_errors, force, rules)


def _generate_one(gen: Any, source: Path, output: Path | None, template: Path | None, allow_errors: bool,
                  force: bool, rules: Path | None) -> None:
    from .views import findings_text

    prepared = gen.prepare(source, template, allow_errors, rules=rules)
    result = prepared.result
    if prepared.rules is not None:
        typer.secho(f"提示：按地方规则文件 {prepared.rules} 调整了检查级别。", fg=typer.colors.YELLOW, err=True)
    if result is not None and result.findings:
        typer.echo(findings_text(result, color=_color(sys.stderr)), err=True)
    if prepared.failure is not None:
        fail(str(prepared.failure), prepared.failure.exit_code)
    if prepared.refused:
        fail(f"有{len(result.blocking)}个错误，未生成报告。", 1)
    if result.blocking:
        typer.secho(f"注意：有{len(result.blocking)}个错误，按 --allow-errors 的要求仍然生成了报告，请改正后重新生成。",
                    fg=typer.colors.YELLOW, err=True)
    out = gen.write(prepared, gen.output_path(prepared, output), force)
    for note in prepared.notes:
        typer.secho(f"警告：{note}", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"已生成报告：{out}")


def _generate_batch(gen: Any, sources: list[Path], output: Path | None, template: Path | None,
                    allow_errors: bool, force: bool, rules: Path | None) -> None:
    with progress(len(sources), "生成报告") as bar:
        result = gen.generate_many(sources, output, template, allow_errors, progress=lambda _: bar.update(1),
                                   force=force, rules=rules)
    for prepared, out in result.written:
        errors, warnings = len(prepared.result.blocking), len(prepared.result.warnings)
        extra = f"（{errors}个错误，按 --allow-errors 仍已生成）" if errors else ""
        extra += f"（{warnings}个警告）" if warnings else ""
        typer.echo(f"已生成：{out}{extra}")
        for note in prepared.notes:
            typer.secho(f"  警告：{note}", fg=typer.colors.YELLOW, err=True)
    for prepared in result.failed:
        why = prepared.failure or f"有{len(prepared.result.blocking)}个错误，未生成报告"
        typer.secho(f"未生成：{prepared.source}：{why}", fg=typer.colors.RED, err=True)
    if result.interrupted:
        done = len(result.written) + len(result.failed)
        typer.secho(f"已取消：{len(sources)}个文件中处理了{done}个（上面列出的报告已完整写好），"
                    f"其余{len(sources) - done}个没有生成。", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(130)
    typer.echo(f"共{len(sources)}个文件：生成{len(result.written)}个，失败{len(result.failed)}个。"
               + ("请用 nianbao check 查看未生成文件的错误。" if result.failed else ""))
    if result.failed:
        raise typer.Exit(1)


@_command()
@user_errors
def aggregate(
    units: Annotated[list[Path], typer.Argument(
        metavar="工作簿...",
        help="各单位填好的工作簿 .xlsx（或已发布的报告 .docx/.html/.pdf），或存放它们的文件夹（可给多个）",
        show_default=False)],
    organ: Annotated[str, typer.Option(
        "--organ", metavar="机关名称", help="汇总报告的机关名称，如：某某县人民政府")] = "",
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="文件.xlsx", help="输出的汇总工作簿")] = None,
    include_invalid: Annotated[bool, typer.Option(
        "--include-invalid", help="检查有错误的工作簿也计入汇总（默认不计入）")] = False,
    force: Force = False,
) -> None:
    """汇总各单位的工作簿：逐个检查，把表二、表三、表四的数字相加，写成一个汇总工作簿。

    有单位因错误或无法读取而没有计入时，汇总工作簿照样写出，退出码为 1。

    例：nianbao aggregate 各单位工作簿/ --organ 某某县人民政府 -o 2025年汇总.xlsx
    """
    from . import aggregate as agg

    paths = agg.collect_workbooks(units)
    with progress(len(paths), "读取并检查工作簿") as bar:
        result = agg.aggregate(paths, organ, output, include_invalid, force, progress=bar.update)
    for line in agg.describe(result):
        typer.echo(line)
    if result.left_out:
        raise typer.Exit(1)


@_command()
@user_errors
def publish(
    inputs: Annotated[list[Path], typer.Argument(
        metavar="工作簿...", help="填好的工作簿 .xlsx 或导出的 .json；可给多个文件或一个文件夹", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="文件夹", help="输出文件夹（不存在时自动建立）。不填则放在输入文件旁边")] = None,
    force: Force = False,
    template: Template = None,
    allow_errors: AllowErrors = False,
    rules: Rules = None,
) -> None:
    """先检查，再生成在网站发布所需的全部文件：Word 报告、网页、网站编辑器源代码和 PDF。

    每个报告得到四个文件：.docx；.html 网页；“（网站编辑器源代码）.html”，用记事本打开，
    全部复制后粘贴到网站编辑器的“源代码/HTML”视图中；.pdf（需要安装 LibreOffice）。

    例：nianbao publish 2025年某某县人民政府办公室.xlsx

    例：nianbao publish 各单位工作簿/ -o 发布/
    """
    from . import generate as gen
    from .publish import publish_many

    sources = gen.collect_inputs(inputs)
    with progress(len(sources), "生成发布文件") as bar:
        result = publish_many(sources, output, template, allow_errors, force, progress=lambda _: bar.update(1),
                              rules=rules)
    one = len(sources) == 1
    for line, problem in _published_lines(result, show_findings=one):
        typer.secho(line, err=problem, fg=typer.colors.YELLOW if problem else None)
    for prepared in result.failed:
        why = prepared.failure or f"有{len(prepared.result.blocking)}个错误，未生成"
        typer.secho(f"未生成：{prepared.source}：{why}", fg=typer.colors.RED, err=True)
    if result.pdf_missing:
        typer.secho(f"注意：{result.pdf_missing}", fg=typer.colors.YELLOW, err=True)
    if not one:
        typer.echo(f"共{len(sources)}个文件：生成{len(result.published)}个，失败{len(result.failed)}个。")
    if result.failed or any(p.pdf_problem for p in result.published):
        code = result.failed[0].failure.exit_code if one and result.failed and result.failed[0].failure else 1
        raise typer.Exit(code)


def _published_lines(result: Any, show_findings: bool) -> list[tuple[str, bool]]:
    """What was written for each report, and (True) what the clerk must look at."""
    from .publish import DOCX, KINDS, PDF, paths_beside
    from .views import findings_text

    lines: list[tuple[str, bool]] = []
    for prepared in [*(p.prepared for p in result.published), *result.failed]:
        if show_findings and prepared.result is not None and prepared.result.findings:
            lines.append((findings_text(prepared.result, color=_color(sys.stderr)), True))
    for published in result.published:
        prepared, files = published.prepared, published.files
        errors, warnings = len(prepared.result.errors), len(prepared.result.warnings)
        extra = f"（{errors}个错误，按 --allow-errors 仍已生成，请改正后重新生成）" if errors else ""
        extra += f"（{warnings}个警告）" if warnings and not show_findings else ""
        lines.append((f"已生成：{files[DOCX].parent / files[DOCX].stem}{extra}", False))
        lines += [(f"  {KINDS[kind]}：{path.name}", False) for kind, path in files.items()]
        lines += [(f"  警告：{note}", True) for note in prepared.notes]
        if published.pdf_problem:
            lines.append((f"  未生成 PDF：{published.pdf_problem}", True))
        stale = paths_beside(files[DOCX])[PDF]
        if PDF not in files and stale.exists():
            lines.append((f"  注意：{stale.name} 是以前生成的，与新生成的报告可能不一致", True))
    return lines


@_command()
@user_errors
def rules(
    rules_file: Annotated[Path | None, typer.Option(
        "--rules", metavar="规则.toml", help="显示按这个地方规则文件（TOML）调整后的级别")] = None,
) -> None:
    """列出全部检查规则：编号、级别、名称和说明。

    地方规则文件可以改变某项规则的级别或关闭它（写法见 README“地方规则”一节）。

    例：nianbao rules --rules nianbao.toml
    """
    from .rules import load_levels
    from .views import rules_text

    levels = load_levels(rules_file) if rules_file is not None else {}
    typer.echo(rules_text(levels, str(rules_file) if rules_file is not None else ""))


def _levels(source: Path | None, rules: Path | None) -> dict:
    """The regional levels for `source`, saying on stderr which file set them."""
    from .rules import rules_for

    levels, used = rules_for(source, rules)
    if used is not None and source is not None:
        typer.secho(f"提示：按地方规则文件 {used} 调整了检查级别。", fg=typer.colors.YELLOW, err=True)
    return levels


@_command("import")
@user_errors
def import_(
    reports: Annotated[list[Path], typer.Argument(
        metavar="报告...", help="已发布的报告：.docx、.html/.htm、.pdf（装有 LibreOffice 时也可以是 .doc、.wps）；"
                              "可给多个文件或一个文件夹", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="文件或文件夹",
        help="输出的 .xlsx 工作簿或 .json；导入多个报告时为文件夹。不填则放在报告旁边")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="导入多个报告时输出 JSON 而不是工作簿")] = False,
    force: Force = False,
    rules: Rules = None,
) -> None:
    """读取已发布的年度报告（Word、网页、PDF），按官方表格逐格读出，检查后保存为填报工作簿或 JSON。

    有读不出的格、格式以外的行或勾稽关系不成立时，标明“需要人工核对”，退出码为 1；
    文件无法读取时为 2。

    例：nianbao import 2024年某某县人民政府政府信息公开工作年度报告.pdf

    例：nianbao import 各单位报告/ -o 工作簿/
    """
    from . import views
    from .importers import run

    sources = run.collect_reports(reports)
    if len(reports) == 1 and not reports[0].is_dir():
        assessment, result = run.import_one(sources[0], run.output_for(sources[0], output, as_json), force, rules)
        if assessment.failure:
            fail(assessment.failure, assessment.failure_code)
        if result is not None and result.findings:
            typer.echo(views.findings_text(result, color=_color(sys.stdout)))
            typer.echo("")
        typer.echo(views.import_text(assessment))
        if not assessment.clean:
            raise typer.Exit(1)
        return
    outs = run.plan_outputs(sources, output, as_json)
    with progress(len(sources), "导入报告") as bar:
        assessments = run.import_many(sources, outs, force, progress=lambda _: bar.update(1), rules=rules)
    typer.echo(views.import_batch_text(assessments))
    if not all(a.clean for a in assessments):
        raise typer.Exit(1)


def main() -> None:
    """The console entry point: Click's own errors in Chinese, a closed pipe is not an error, and
    SIGTERM stops a command as Ctrl-C does (workers stopped, no half-written file)."""
    import click

    from .workers import stop_on_sigterm

    stop_on_sigterm()
    try:
        code = app(standalone_mode=False)
    except click.exceptions.UsageError as e:
        typer.secho(f"错误：{_usage_message(e)}", fg=typer.colors.RED, err=True)
        if e.ctx is not None:
            typer.echo(f"运行 {e.ctx.command_path} --help 查看用法。", err=True)
        code = 2
    except click.exceptions.Abort:
        typer.echo("已取消。", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


def _usage_message(e: Any) -> str:
    """Click's message for a command typed wrong; a missing argument named as the help names it."""
    import click

    if isinstance(e, click.exceptions.MissingParameter) and e.param is not None and e.ctx is not None:
        what = "参数" if e.param.param_type_name == "argument" else "选项"
        name = e.param.make_metavar(e.ctx) if what == "参数" else "/".join(e.param.opts)
        return f"缺少{what}：{name.rstrip('.')}"
    return e.format_message()
