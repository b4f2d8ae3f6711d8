"""The README says what the program does: its JSON example is a real export, its test command is CI's."""

from __future__ import annotations

import json
import re
from typing import Any

from tests_paths import INPUTS, ROOT

from generator.report.jsonio import to_json
from generator.service import load_report

README = (ROOT / "README.md").read_text(encoding="utf-8")
ELIDED = "…"


def same_shape(example: Any, real: Any, path: str = "") -> None:
    """Every value the README shows is the export's, of the same type; "…" stands for what is left out."""
    if isinstance(example, str) and ELIDED in example:
        assert isinstance(real, str), path
    elif isinstance(example, dict):
        assert isinstance(real, dict), path
        for key, value in example.items():
            if key != ELIDED:
                assert key in real, f"{path}.{key} is not in the export"
                same_shape(value, real[key], f"{path}.{key}")
    elif isinstance(example, list):
        assert isinstance(real, list) and real, path
        same_shape(example[0], real[0], f"{path}[0]")
    else:
        assert type(example) is type(real) and example == real, f"{path}: README {example!r}, export {real!r}"


def test_the_readme_json_example_is_a_real_export():
    block = re.search(r"JSON 的结构.*?```json\n(.*?)```", README, re.S).group(1)
    example = json.loads(block)
    real = json.loads(json.dumps(to_json(load_report(INPUTS / "example-2021.xlsx")), ensure_ascii=False))
    same_shape(example, real)


def test_ci_runs_exactly_the_readme_test_command():
    command = re.search(r"运行全部测试：\s*```bash\n(.*?)\n```", README, re.S).group(1).strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def test_every_check_code_is_explained_in_the_readme():
    from generator.checks import CATALOGUE

    for code, entry in CATALOGUE.items():
        assert f"| `{code}` | {entry.title} |" in README, code


def test_the_shipped_json_schema_is_made_from_the_formats():
    """The schema file in the package is what `python -m generator.report.schema` makes now."""
    from generator.report.schema import SCHEMA_FILE, schema

    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == schema(), \
        "generator/report/nianbao-report.schema.json is stale: run python -m generator.report.schema"
    assert "generator/report/nianbao-report.schema.json" in README
