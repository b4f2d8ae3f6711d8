"""Turn the seed report's text (../shared/seed/) into inputs/seed-2019.json.

Run once when the seed changes: python inputs/seed_source.py ../shared/seed/000_*.txt
The JSON is then made into a workbook with `nianbao template --data`.
"""

import re
import sys
from pathlib import Path

from generator.formats import get_format
from generator.report.jsonio import dumps, from_json

# The two paragraphs of the seed that stand alone as sub-headings; all others run into their text.
STANDALONE_HEADINGS = (
    "(一) 强化组织领导、健全制度，政务公开工作保障有力。",
    "（七）人大代表建议和政协提案办理结果公开情况",
)
CJK = r"[\u3000-\u9fff\uff00-\uffef]"


def unspace(text: str) -> str:
    """PDF extraction put spaces between Chinese and digits; the report had none."""
    text = re.sub(rf"(?<={CJK})\s+|\s+(?={CJK})", "", text)
    return text.replace("(<http://www.spt.gov.cn/>)", "(http://www.spt.gov.cn/)")


def runs(text: str) -> list[dict]:
    parts = re.split(r"\*\*(.+?)\*\*", unspace(text))
    return [{"text": t, "bold": i % 2 == 1} for i, t in enumerate(parts) if t]


def main(seed: Path) -> None:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", seed.read_text(encoding="utf-8")) if b.strip()]
    # Page breaks of the PDF split three paragraphs in two; join them back.
    for first in (16, 10, 8):
        blocks[first : first + 2] = [blocks[first] + blocks[first + 1]]
    section, narrative, tables = "前言", [], []
    for block in blocks[1:]:
        head = re.match(r"^([一二三四五六])、", block)
        if head and len(block) < 40:
            section = head.group(1)
            continue
        if "\t" in block:
            tables.append(block)
            continue
        heading = block in STANDALONE_HEADINGS
        narrative.append({"section": section, "heading": heading, "runs": runs(block)})
    narrative.append({"section": "六", "heading": False, "runs": [{"text": "无。", "bold": False}]})

    fmt = get_format("2019")
    data = {
        "schema": "nianbao-report", "schema_version": 1, "format": "2019",
        "organ": "沙坡头区滨河镇人民政府", "year": 2019,
        "contacts": {
            "office": "中卫市沙坡头区滨河镇人民政府办公室",
            "address": "中卫市沙坡头区滨河镇人民政府316室",
            "postcode": "755000", "phone": "0955-7012550", "fax": "0955-7010767",
            "email": "zwsbhz@163.com", "website_name": "沙坡头区人民政府网站",
            "website_url": "http://www.spt.gov.cn/",
        },
        "choices": {"procurement_unit": "元"},
        "narrative": narrative,
        "tables": {},
    }
    # Every number of the seed's tables, in the order the format lists the value cells.
    numbers = [int(n) for t in tables for line in t.splitlines()
               for n in re.findall(r"(?<=\t)-?\d+(?=\t|$)", "\t" + line)]
    for table in fmt.tables:
        cells = sorted((c for c in table.cells if c.is_value), key=lambda c: (c.row, c.col))
        for c in cells:
            f = table.field(c.field)
            data["tables"].setdefault(f.table, {}).setdefault(f.row, {})[f.column] = numbers.pop(0)
    assert not numbers, numbers
    Path(__file__).with_name("seed-2019.json").write_text(dumps(from_json(data)), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
