"""The command as a clerk meets it: every word Chinese, every command helped and documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer
from tests_paths import ROOT
from typer.testing import CliRunner

from generator import __version__
from generator.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Click's and Typer's own English, as they would print it untranslated.
ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this|default|required|Error|Missing|Invalid|"
                     r"No such|Try '|<bool>|<list|\[default|PATH|TEXT|INTEGER")


def nianbao(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The real entry point in a fresh process, as the installed `nianbao` runs it."""
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=ROOT, **kwargs)


def test_every_command_has_help_and_is_documented_in_the_readme():
    group = typer.main.get_command(app)
    for name in COMMANDS:
        command = group.commands[name]
        assert command.help and command.help.strip(), name
        assert all(p.help for p in command.params if p.name != "help"), name
        assert f"nianbao {name}" in README, f"the README does not show `nianbao {name}`"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_chinese(command):
    result = CliRunner().invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    assert not ENGLISH.search(result.output), result.output
    assert "用法：" in result.output and "显示本帮助并退出" in result.output


@pytest.mark.parametrize(("args", "words"), [
    (["check"], "缺少参数：工作簿"),
    (["check", "--bogus", "x.xlsx"], "没有 --bogus 这个选项"),
    (["generate", "x.xlsx", "--template"], "选项 --template 后面要写上它的值"),
    (["nosuchcommand"], "没有 nosuchcommand 这个命令"),
    (["check", "a.xlsx", "b.xlsx"], "多了参数：b.xlsx"),
])
def test_a_command_typed_wrong_gets_chinese_and_exit_2(args, words):
    result = nianbao(*args)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and not ENGLISH.search(result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_a_year_typed_wrong_is_said_in_chinese():
    result = nianbao("template", "--organ", "某局", "--year", "二〇二五")
    assert result.returncode == 1 and "--year 应为四位数的年份" in result.stderr


def test_version():
    result = nianbao("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"nianbao {__version__}"


def test_a_closed_pipe_is_not_an_error():
    """`nianbao fields | head`: the reader has gone before nianbao writes; nianbao exits quietly."""
    process = subprocess.Popen([sys.executable, "-c", "from generator.cli import main; main()", "fields"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    process.stdout.close()  # nobody reads: the first write meets a closed pipe
    err = process.stderr.read().decode()
    assert process.wait() == 0 and err == ""


@pytest.mark.parametrize("command", ["check", "generate", "publish", "import"])
def test_every_command_that_checks_takes_a_regional_rules_file(command):
    assert "--rules 规则.toml" in CliRunner().invoke(app, [command, "--help"]).output


def test_import_follows_the_regional_rules_file(tmp_path):
    rules = tmp_path / "规则.toml"
    rules.write_text('[rules]\nTEXT_SCOPE = "off"\n', encoding="utf-8")
    real = ROOT.parent / "shared" / "real" / "2022-平潭综合实验区-page.html"
    if not real.exists():
        pytest.skip("the real reports are not beside the repository")
    source = tmp_path / "page.html"
    source.write_bytes(real.read_bytes())
    plain = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "a.xlsx")]).output
    ruled = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "b.xlsx"), "--rules", str(rules)]).output
    assert "75件" in plain and "75件" not in ruled  # its one warning, TEXT_SCOPE, turned off
