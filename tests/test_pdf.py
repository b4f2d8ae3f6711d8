"""The printed report as a reviewer reads it, measured on the PDF LibreOffice makes of it.

Both examples and a stress report (the longest kind of organ name in real use, every value of
table 三 five digits, every kind of paragraph, addresses and telephone numbers) are generated,
converted in one LibreOffice call with the stand-in fonts of tests/fonts.conf, and read back with
pdfplumber: table 三 sits on one page, no label breaks inside a word, body lines hold 28
characters and pages 22 lines, the title breaks between words, no address or telephone number is
split, and no page opens with an empty line.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import jieba
import pdfplumber
import pytest

from generator.content import organ_lines, title_lines
from generator.document import render_docx
from generator.formats import FORMATS
from generator.report import Location, Paragraph, Run, Value
from generator.service import load_report
from generator.workbook import blank_report, write_workbook

HERE = Path(__file__).resolve().parent
INPUTS = HERE.parent / "inputs"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

if SOFFICE is None and os.environ.get("CI") != "true":
    pytest.skip("LibreOffice (soffice) is not installed; CI installs it and runs this test", allow_module_level=True)

jieba.setLogLevel(logging.WARNING)

# The page of GB/T 9704 in points: the text block's edges, the body's line.
LEFT, RIGHT, TOP = 28 / 25.4 * 72, (28 + 156) / 25.4 * 72, 37 / 25.4 * 72
BODY_PT, TITLE_PT, TABLE_PT, LINE_PT = 16, 22, 9, 28

# Real organ names run to thirty characters: a county of an autonomous prefecture of an
# autonomous region, and the office of its government.
STRESS_ORGAN = "新疆维吾尔自治区巴音郭楞蒙古自治州焉耆回族自治县人民政府办公室"
URLS = ("http://www.xjyq.gov.cn/xjyq/c112345/zfxxgk_list.shtml", "https://www.xjyq.gov.cn/ysqgk/index-2.html",
        "http://www.xjyq.gov.cn/")
PHONES = ("0996-6022811", "0996-6022812", "400-810-1234")
EMAIL = "yqxzfb-gk@163.com"
LONG = ("全县各级行政机关坚持以公开为常态、不公开为例外，围绕群众关切和重点领域持续推进决策、执行、管理、服务、"
        "结果公开，主动回应社会关切，不断提升政府工作透明度，为推进法治政府建设和优化营商环境提供有力支撑。")


def stress_workbook(path: Path) -> None:
    """A clerk's workbook at the limits: made with the program's own writer, then read back."""
    fmt = FORMATS["2021"]
    r = blank_report(fmt, STRESS_ORGAN, 2025)
    r.contacts = {"office": "焉耆回族自治县人民政府办公室", "address": "焉耆回族自治县永宁镇团结路118号",
                  "postcode": "841100", "phone": PHONES[0], "fax": PHONES[1], "email": EMAIL,
                  "website_name": "焉耆回族自治县人民政府网站", "website_url": URLS[0]}
    for f in fmt.fields.values():
        r.values[f.key] = Value(98765 if f.is_total else 12345)
    r.choices["fee_charged"] = Value(raw="否")
    narrative = [
        ("一", False, [Run("2025年，本机关坚持以习近平新时代中国特色社会主义思想为指导，", bold=True), Run(LONG * 3)]),
        ("一", True, [Run("（一）主动公开情况")]),
        ("一", False, [Run(f"全年通过政府门户网站（{URLS[2]}）主动公开政府信息12345条。群众可拨打便民服务热线{PHONES[2]}"
                           f"或{PHONES[0]}咨询，也可登录{URLS[1]}查阅，或发送电子邮件至{EMAIL}。" + LONG)]),
        ("一", True, [Run("1.政策文件公开")]),
        ("一", False, [Run(LONG * 2)]),
        ("一", False, [Run("(二)依申请公开情况。"), Run("全年新收政府信息公开申请12345件", bold=True), Run("，" + LONG * 2)]),
        ("一", False, [Run("（三）政府信息管理情况。" + LONG * 7)]),  # table 二 then breaks between blocks
        ("三", False, [Run("本年度收到和处理政府信息公开申请的情况见下表。" + LONG)]),
        ("五", False, [Run("存在的主要问题：一是部分业务科室主动公开意识不强；二是依申请公开答复文书的说理性还需加强。" + LONG)]),
        ("六", False, [Run("无。")]),
    ]
    for i, (section, heading, runs) in enumerate(narrative):
        r.paragraphs.append(Paragraph(section, runs, heading, Location(sheet="正文", cell=f"B{i + 4}")))
    write_workbook(r, path)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[object, Path]]:
    """name -> (report, PDF), all converted in one LibreOffice call."""
    assert SOFFICE, "CI=true: LibreOffice must be installed for this test"
    work = tmp_path_factory.mktemp("print")
    stress_workbook(work / "stress-2021.xlsx")
    sources = {"seed-2019": INPUTS / "seed-2019.xlsx", "example-2021": INPUTS / "example-2021.xlsx",
               "stress-2021": work / "stress-2021.xlsx"}
    reports = {name: load_report(path) for name, path in sources.items()}
    for name, report in reports.items():
        (work / f"{name}.docx").write_bytes(render_docx(report).data)
    env = {**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(HERE / "fonts.conf")}
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(work),
                    *(str(work / f"{name}.docx") for name in reports)],
                   check=True, capture_output=True, timeout=240, env=env)
    return {name: (report, work / f"{name}.pdf") for name, report in reports.items()}


# --- reading the PDF -------------------------------------------------------------------------------


def lines_of(page, size: float) -> list[dict]:
    """The lines of text set in `size`, top to bottom: text, left and right edge, baseline."""
    rows: dict[int, list[dict]] = defaultdict(list)
    for c in page.chars:
        if abs(c["size"] - size) < 0.3 and c["text"].strip():
            rows[round(page.height - c["matrix"][5])].append(c)  # the baseline, whatever the face
    out = []
    for baseline in sorted(rows):
        chars = sorted(rows[baseline], key=lambda c: c["x0"])
        out.append({"text": "".join(c["text"] for c in chars), "x0": chars[0]["x0"], "x1": chars[-1]["x1"],
                    "baseline": page.height - chars[0]["matrix"][5], "chars": chars})
    return out


def plain(text: str) -> str:
    """Text as a reader copies it: non-breaking hyphens are hyphens, joiners nothing."""
    return text.replace("\u2011", "-").replace("\u2060", "")


WIDE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…]")
OPENING = tuple("（《“‘〔【")
HANGING = tuple("，。、；：！？”’）》")


def next_unit(chars: list[dict]) -> float:
    """The width of what opens a line and could not end the line before: opening brackets with
    what follows them, and a character or a whole Latin word or number (an address, a phone)."""
    i = 0
    while i < len(chars) - 1 and chars[i]["text"] in OPENING:
        i += 1
    end = i + 1
    if chars[i]["text"].isascii():
        while end < len(chars) and chars[end]["text"].isascii() and chars[end]["text"].strip():
            end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


def allowed_breaks(text: str) -> set[int]:
    """Positions where `text` may break across lines: between words.

    Words as jieba segments them; a break between two single characters is refused (本|年, 勾|稽),
    one inside a four-character compound of two dictionary words is allowed (科研|机构), and no
    line begins with closing punctuation.
    """
    jieba.initialize()
    tokens = list(jieba.cut(text, HMM=False))
    allowed, start = set(), 0
    for i, token in enumerate(tokens):
        end = start + len(token)
        if len(token) >= 4 and not set(token) & set("零一二三四五六七八九十百千第"):
            allowed |= {start + k for k in range(2, len(token) - 1)
                        if jieba.dt.FREQ.get(token[:k]) and jieba.dt.FREQ.get(token[k:])}
        if i + 1 < len(tokens):
            single = len(token) == 1 and WIDE.match(token) and token not in "、，：（）"
            following = tokens[i + 1]
            if not (single and len(following) == 1 and WIDE.match(following)):
                allowed.add(end)
        start = end
    return {p for p in allowed if not text[p:p + 1].startswith(HANGING)}


def breaks(lines: list[str]) -> list[int]:
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
    return positions


def page_tables(page) -> list[list[list[str | None]]]:
    return page.extract_tables()


# --- the tests ---------------------------------------------------------------------------------------


def test_example_reports_convert_to_pdf(printed):
    for _report, pdf in printed.values():
        assert pdf.read_bytes().startswith(b"%PDF")
        with pdfplumber.open(pdf) as doc:
            assert len(doc.pages) >= 4  # title and narrative, three tables, sections 五 and 六


def test_table_three_sits_whole_on_one_page_and_holds_five_digits(printed):
    for name, (report, pdf) in printed.items():
        table = report.format.table("applications")
        labels = {c.text for c in table.cells if c.text}
        own = labels - {c.text for t in report.format.tables if t is not table for c in t.cells}
        with pdfplumber.open(pdf) as doc:
            found = [(i, cells) for i, page in enumerate(doc.pages) for t in page_tables(page)
                     if own & (cells := {(cell or "").replace("\n", "") for row in t for cell in row})]
        assert len(found) == 1, f"{name}: table 三 is spread over pages {[i + 1 for i, _ in found]}"
        _, cells = found[0]
        assert labels <= cells, f"{name}: labels missing from table 三's page: {labels - cells}"
        if name.startswith("stress"):
            assert {"12345", "98765"} <= cells  # five digits on one line of their cell


def test_no_label_breaks_inside_a_word(printed):
    checked = 0
    for name, (report, pdf) in printed.items():
        cells = {c.text: c for t in report.format.tables for c in t.cells if c.text}
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                for t in page_tables(page):
                    for row in t:
                        for text in filter(None, row):
                            lines = text.split("\n")
                            cell = cells.get("".join(lines))
                            if cell is None or len(lines) == 1:
                                continue
                            checked += 1
                            if cell.vertical:  # one column of upright characters
                                assert all(len(line) == 1 for line in lines), f"{name}: {lines}"
                                continue
                            bad = set(breaks(lines)) - allowed_breaks(cell.text)
                            assert not bad, f"{name}: “{cell.text}” breaks inside a word: {' / '.join(lines)}"
    assert checked >= 30  # wrapped and vertical labels were seen: the test looked at something


def test_no_page_ends_a_table_with_a_caption_or_header_row(printed):
    parts = 0
    for name, (_report, pdf) in printed.items():
        with pdfplumber.open(pdf) as doc:
            for number, page in enumerate(doc.pages, 1):
                for t in page_tables(page):
                    parts += 1
                    last = [cell for cell in t[-1] if cell]
                    assert any(re.fullmatch(r"[\d.+-]+(万?元)?", cell) for cell in last), (
                        f"{name} page {number}: a table part ends with a row of labels: {last}")
    assert parts >= 10  # three tables in each report, table 二 of the stress report in two parts


def test_body_lines_hold_28_characters_and_pages_22_lines(printed):
    full_lines, most = 0, 0
    for name, (_report, pdf) in printed.items():
        with pdfplumber.open(pdf) as doc:
            pages = [lines_of(page, BODY_PT) for page in doc.pages]
            rules = [[r["top"] for r in page.rects + page.lines] for page in doc.pages]  # table borders
        for number, lines in enumerate(pages, 1):
            assert len(lines) <= 22, f"{name} page {number}: {len(lines)} lines"
            most = max(most, len(lines))
            for a, b in zip(lines, lines[1:], strict=False):
                if any(a["baseline"] < top < b["baseline"] for top in rules[number - 1]):
                    continue  # a table between them
                # Lines of 28 pt; within its line each face sets its baseline by its own ascent.
                pitch = b["baseline"] - a["baseline"]
                assert pitch > 0 and abs(pitch - LINE_PT * round(pitch / LINE_PT)) < 2.5, (name, number, a["text"])
        flow = [line for lines in pages for line in lines]
        for line, following in zip(flow, flow[1:], strict=False):
            assert line["x0"] > LEFT - 1 and (line["x1"] < RIGHT + 0.5 or line["text"].endswith(HANGING)), line
            if abs(following["x0"] - LEFT) > 1.5:
                continue  # the paragraph ends here
            # A line is full: what begins the next line (a character, an opening bracket with the
            # character after it, a Latin word or number) had no room left on it.
            unit = next_unit(following["chars"])
            assert line["x1"] + unit > RIGHT - 1, f"{name}: line ends short: {line['text']}"
            if all(WIDE.match(ch) for ch in line["text"]) and WIDE.match(following["text"][0]):
                capacity = 28 if abs(line["x0"] - LEFT) < 1.5 else 26  # a first line is indented two
                count = len(line["text"])
                ok = (count == capacity
                      or count == capacity + 1 and line["text"].endswith(HANGING)  # punctuation may hang
                      or count == capacity - 1 and following["text"].startswith(OPENING))  # never ends a line
                assert ok, f"{name}: {count} characters, not {capacity}: {line['text']}"
                full_lines += 1
    assert full_lines >= 40
    assert most == 22  # the stress report fills a page with body text


def test_title_breaks_between_words_and_the_year_line_stands_alone(printed):
    for name, (report, pdf) in printed.items():
        with pdfplumber.open(pdf) as doc:
            title = [line["text"] for line in lines_of(doc.pages[0], TITLE_PT)]
        assert title == list(title_lines(report)), name
        organ = "".join(organ_lines(report.organ))
        assert set(breaks(title[:-1])) <= allowed_breaks(organ), f"{name}: {title}"
    stress = [line for line in title_lines(printed["stress-2021"][0])]
    assert stress == ["新疆维吾尔自治区巴音郭楞蒙古自治州", "焉耆回族自治县人民政府办公室", "2025年政府信息公开工作年度报告"]


def test_addresses_and_telephone_numbers_are_never_split(printed):
    for name, (report, pdf) in printed.items():
        with pdfplumber.open(pdf) as doc:
            lines = [plain(line["text"]) for page in doc.pages for line in lines_of(page, BODY_PT)]
        tokens = [report.contacts.get(key, "") for key in ("phone", "fax", "email", "website_url")]
        if name.startswith("stress"):
            tokens += [*URLS, *PHONES, EMAIL]
        for token in filter(None, tokens):
            assert any(token in line for line in lines), f"{name}: {token} is split across lines"


def test_no_page_opens_with_an_empty_line(printed):
    for name, (_report, pdf) in printed.items():
        with pdfplumber.open(pdf) as doc:
            for number, page in enumerate(doc.pages[1:], 2):
                tops = [c["top"] for c in page.chars if c["size"] > 8] + [r["top"] for r in page.rects]
                assert min(tops) < TOP + 20, f"{name} page {number} starts {min(tops) - TOP:.0f} pt down"
