"""Tools for making damaged and odd workbooks, shared by the hostile-input tests and bench/fuzz.py."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from generator.report import Report
from generator.workbook.layout import field_cells

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "example-2021.xlsx"


def copy_example(tmp: Path, name: str = "unit.xlsx", source: Path = EXAMPLE) -> Path:
    out = tmp / name
    shutil.copyfile(source, out)
    return out


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of the package, as a program that edits the XML by hand would."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(data) if info.filename == member else data)
    tmp.replace(path)


def sheet_member(path: Path, sheet: str) -> str:
    """The package part that holds a sheet, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', workbook).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def set_cell_xml(path: Path, report: Report, key: str, cell_xml: str) -> None:
    """Put raw cell XML (a formula with a cached error, say) at the place of a field."""
    sheet, row, col = field_cells(report.format)[key]
    from generator.workbook.layout import cell_name

    ref = cell_name(row, col)

    def change(data: bytes) -> bytes:
        text = data.decode()
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell_xml.replace("@@", ref), text, count=1)
        assert n == 1, ref
        return new.encode()

    rewrite_member(path, sheet_member(path, sheet), change)


# --- fuzzing: mutations of a valid workbook --------------------------------------------------

ODD_VALUES = (
    None, 0, -1, 10**20, 2.5, -0.0, True, "", "  ", "１２", "十二", "=1/0", "=SUM(A1:A3)", "#REF!", "#N/A",
    "\u200b\u200f", "😀", "<w:t>&amp;</w:t>", "{{ x }}", "{% for %}", "_x000B_", "1e308",
)


def mutate_cells(path: Path, edits: list[tuple[int, int, int, object]]) -> None:
    """Set cells anywhere in any sheet (labels, totals, the hidden sheet) as a careless editor might."""
    import datetime as dt

    from openpyxl import load_workbook

    wb = load_workbook(path)
    for sheet_no, row, col, value in edits:
        ws = wb.worksheets[sheet_no % len(wb.worksheets)]
        if isinstance(value, str) and value.startswith("date"):
            value = dt.datetime(2025, 1, 1)
        cell = ws.cell(row, col)
        if type(cell).__name__ != "MergedCell":  # no editor lets anyone type into the hidden part of a merge
            cell.value = value
    wb.save(path)


def mutate_structure(path: Path, action: str, sheet_no: int, where: int) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[sheet_no % len(wb.worksheets)]
    if action == "delete" and len(wb.worksheets) > 1:
        wb.remove(ws)
    elif action == "rename":
        ws.title = f"改名{where}"
    elif action == "insert_rows":
        ws.insert_rows(where)
    elif action == "insert_cols":
        ws.insert_cols(where)
    elif action == "delete_rows":
        ws.delete_rows(where)
    elif action == "move":
        wb.move_sheet(ws, offset=-(where % 5))
    elif action == "hide":
        ws.sheet_state = "hidden"
    wb.save(path)


def mutate_bytes(path: Path, member_no: int, at: int, junk: bytes) -> None:
    """Overwrite a slice of one decompressed XML part: what a crashed or careless program leaves."""
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.endswith(".xml")]
    name = names[member_no % len(names)]

    def change(data: bytes) -> bytes:
        i = at % max(1, len(data))
        return data[:i] + junk + data[i + len(junk):]

    rewrite_member(path, name, change)


def outcome(path: Path) -> str:
    """Run check and generate on a file: 'ok', 'refused' (a clean error), or raise on anything else."""
    from generator.checks import check
    from generator.errors import InternalError, UserError
    from generator.generate import prepare
    from generator.service import load_report

    try:
        report = load_report(path)
        check(report)
        if path.suffix == ".json":  # what `template --data` makes of it
            from generator.workbook.write import workbook_bytes, workbook_for

            workbook_bytes(workbook_for(report))
    except UserError as e:
        assert str(e) and "Traceback" not in str(e) and not isinstance(e, InternalError)
        return "refused"
    prepared = prepare(path, allow_errors=True)
    assert not isinstance(prepared.failure, InternalError), prepared.failure
    if prepared.data is None:
        assert prepared.failure is not None and str(prepared.failure)
        return "refused"
    assert_valid_docx(prepared.data)
    return "ok"


def assert_valid_docx(data: bytes) -> None:
    """The file opens: a zip whose every XML part parses."""
    import io

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(z.read(name))


# --- fuzzing: mutations of a valid JSON report ------------------------------------------------

EXAMPLE_JSON = ROOT / "inputs" / "example-2021.json"


def json_paths(data, prefix=()):
    """Every place in a JSON document: the path to each object member and list item."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from json_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from json_paths(value, (*prefix, i))


def mutate_json(tmp: Path, edits: list[tuple[str, int, object]]) -> Path:
    """The example report's JSON with values replaced, keys removed or added, as another program's
    export or a hand edit might leave it; `edits` are (action, place number, value)."""
    import json

    data = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    for action, place, value in edits:
        paths = list(json_paths(data))
        path = paths[place % len(paths)]
        if not path:
            data = value if action == "replace" else data
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if action == "replace":
            parent[last] = value
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[f"{last}_{place}"] = value
    out = tmp / "report.json"
    out.write_text(json.dumps(data, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    return out


def mutate_json_text(tmp: Path, at: int, junk: str, cut: bool) -> Path:
    """The example report's JSON text damaged: a slice overwritten, or the file cut short."""
    text = EXAMPLE_JSON.read_text(encoding="utf-8")
    i = at % max(1, len(text))
    text = text[:i] if cut else text[:i] + junk + text[i + len(junk):]
    out = tmp / "report.json"
    out.write_text(text, encoding="utf-8", errors="surrogatepass")
    return out
