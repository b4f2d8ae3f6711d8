"""Rendering a DOCX: nianbao's compiled template beside plain docxtpl and the zip-and-replace floor.

Plain docxtpl compiles the whole document with Jinja on every render; nianbao compiles each
template once per process. The floor copies the template's package replacing every tag with
its text by string replacement: no engine can be faster. Run: python bench/render.py [--count 30]
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile

from common import line, timed, unit_report

from generator.document import load_template
from generator.document.build import TEMPLATE_DIR, template_name
from generator.document.context import Notes, build_context


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="distinct reports, each rendered --repeat times")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reports = [unit_report(i) for i in range(args.count)]
    n = len(reports)
    path = TEMPLATE_DIR / template_name("2021")
    compiled = load_template(reports[0])
    compiled.render(reports[0])  # compile and check names outside the timing

    def plain_docxtpl(report):
        from docxtpl import DocxTemplate
        from jinja2.sandbox import SandboxedEnvironment

        template = DocxTemplate(str(path))
        template.render(build_context(report, Notes()), SandboxedEnvironment(autoescape=True))
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    tag = re.compile(rb"\{\{[^}]*\}\}")

    def floor(report):
        out = io.BytesIO()
        values = build_context(report, Notes())["v"]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in entries:
                if info.filename == "word/document.xml":
                    data = tag.sub(lambda m: values.get(m.group(0)[5:-3].decode(), "").encode(), data)
                z.writestr(info, data)
        return out.getvalue()

    print(f"{n} distinct reports, each rendered {args.repeat} times; per report:")
    print(line("nianbao (template compiled once)", timed(lambda: [compiled.render(r) for r in reports], args.repeat),
               per=n))
    print(line("plain docxtpl (compiles on every render)",
               timed(lambda: [plain_docxtpl(r) for r in reports], args.repeat), per=n))
    print(line("zip + string replace floor", timed(lambda: [floor(r) for r in reports], args.repeat), per=n,
               note="anchor"))


if __name__ == "__main__":
    main()
