"""Acceptance: the seed workbook gives a report holding every paragraph and table cell of the seed.

Compared after removing white space and NFKC-folding, with two exceptions that are artefacts of
the seed's text file, not of the report: its Markdown (** for bold, <…> around the link) and the
headings (the report prints the official wording, format-spec.md §2.1). Folding because the seed
has ASCII punctuation from PDF extraction (format-spec.md §4.2) where the report prints the
full-width forms: table labels, and numbering such as "(一)" that the report sets as "（一）".
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from docx_text import open_docx, stream
from typer.testing import CliRunner

from generator.cli import app
from generator.formats import get_format

SEED_TEXT = Path(__file__).resolve().parent / "seed-2019.txt"  # copy of ../shared/seed/000_a97eb281d528beef.txt
SEED_WORKBOOK = Path(__file__).resolve().parent.parent / "inputs" / "seed-2019.xlsx"
FORMAT = get_format("2019")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", squash(text))


def seed_units(text: str) -> list[tuple[str, str]]:
    """("p", text) for each block of the seed, ("table", lines) for each table."""
    units: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip().replace("**", "")
        block = re.sub(r"<(https?://[^>]+)>", r"\1", block)
        if not block:
            continue
        if "\t" in block:
            units.append(("table", block))
            continue
        head = re.match(r"^([一二三四五六])、", block)
        if head and len(block) < 40:
            block = next(s.heading for s in FORMAT.sections if s.number == head.group(1))
        units.append(("p", block))
    return units


@pytest.fixture(scope="module")
def report_stream(tmp_path_factory) -> list[tuple[str, str]]:
    out = tmp_path_factory.mktemp("seed") / "seed.docx"
    result = CliRunner().invoke(app, ["generate", str(SEED_WORKBOOK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return stream(open_docx(out))


def test_every_paragraph_and_cell_of_the_seed_appears_in_order(report_stream):
    # Paragraphs joined, so that the seed's page-broken paragraphs and the two-line title match;
    # each table cell on its own between bars.
    document = "".join(fold(t) if kind == "p" else f"|{fold(t)}|" for kind, t in report_stream)
    position = 0
    tables = iter(FORMAT.tables)
    for kind, text in seed_units(SEED_TEXT.read_text(encoding="utf-8")):
        if kind == "p":
            found = document.find(fold(text), position)
            assert found >= 0, f"seed paragraph missing or out of order: {text[:40]}"
            position = found + len(fold(text))
            continue
        table = next(tables)
        lines = text.split("\n")
        # The header cells of a merged header are listed by the seed in PDF order; check them as a set.
        if table.header_rows:
            header = [fold(c) for line in lines[:table.header_rows] for c in line.split("\t") if c.strip()]
            end = document.find("|" + fold(lines[table.header_rows].split("\t")[0]) + "|", position)
            assert sorted(header) == sorted(re.findall(r"\|([^|]*)\|", document[position:end]))
            position = end
        for line in lines[table.header_rows:]:
            for cell in (fold(c) for c in line.split("\t") if c.strip()):
                # A value cell may carry the unit the clerk chose ("266900" -> "266900元").
                m = re.compile(r"\|" + re.escape(cell) + r"(?:[^|\d]*)\|").search(document, position)
                assert m, f"seed table cell missing or out of order: {cell}"
                position = m.end() - 1


def test_section_six_absent_from_the_seed_is_present(report_stream):
    texts = [t for kind, t in report_stream if kind == "p"]
    assert "六、其他需要报告的事项" in texts
