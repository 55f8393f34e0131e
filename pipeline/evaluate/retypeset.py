"""Re-typeset a report: print its own blocks as a new PDF in another layout (or as plain text),
so that the pipeline can be run on both and its reading compared. A metamorphic test: the
report is the same, only its typesetting differs, so its facts, paragraph numbers, sections and
recommendations must not change.

Layouts differ where real reports differ: A4 or US Letter; narrow or wide margins; body text
from 9 to 13 pt, so headings wrap and paragraphs break at other lines and pages; other
running headers and footers; other bullet glyphs; the judgement table as a ruled table (read
from its ruling lines) or as lines of text; and, in one layout, text whose size is carried by
the text matrix with a font size of 1 (as some PDF writers do). The report's first page stays a
page of its own; everything after it flows.

fpdf2 draws the text in DejaVu Sans (a font with the reports' characters), found on the machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.frameworks.loader import GRADE_PATTERN
from pipeline.text import BULLET, is_terminal
from pipeline.types import Block, Segmented

FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
MAX_ROW_WORDS = 25  # a short line ending with a grade is a row of the judgement table


@dataclass(frozen=True)
class Layout:
    name: str
    page: str  # "A4" | "Letter"
    margins: tuple[float, float, float, float]  # left, top, right, bottom (mm)
    body: float  # pt
    heading: float  # pt
    bullet: str
    header: str  # running header, "{authority}" stands for the authority's name
    footer: str  # running footer, "{page}" for the page number
    table: str  # "ruled" | "lines"
    scaled_matrix: bool = False  # size in the text matrix, font size 1


LAYOUTS = (
    Layout("a4-narrow-9pt", "A4", (12, 12, 12, 14), 9, 11, "•", "{authority}: inspection report", "Page {page}", "ruled"),
    Layout("letter-wide-13pt", "Letter", (32, 25, 32, 25), 13, 16, "▪", "Inspection of children's services", "{page}", "lines"),
    Layout("a4-11pt-dash-bullets", "A4", (20, 18, 20, 18), 11, 13, "–", "{authority}", "- {page} -", "lines"),
    Layout("letter-10pt-scaled-matrix", "Letter", (18, 15, 18, 15), 10, 12, "●", "Children's services report", "{page}", "ruled", True),
)


def find_font(name: str) -> Path:
    for folder in FONT_FOLDERS:
        path = Path(folder) / name
        if path.exists():
            return path
    raise FileNotFoundError(f"the re-typesetter needs the font {name} (Debian package fonts-dejavu-core) in one of {FONT_FOLDERS}")


def is_table_row(block: Block) -> bool:
    """A short line (not a heading) that ends by stating a grade: a row of a judgement table."""
    if block.kind not in ("text", "row") or len(block.text.split()) > MAX_ROW_WORDS or is_terminal(block.text):
        return False
    matches = list(GRADE_PATTERN.finditer(block.text))
    return bool(matches) and not block.text[matches[-1].end():].strip(" )")


def split_row(text: str) -> tuple[str, str]:
    """A table row as (label, grade cell)."""
    if "\t" in text:
        label, _, value = text.rpartition("\t")
        return label.strip(), value.strip()
    last = list(GRADE_PATTERN.finditer(text))[-1]
    return text[: last.start()].strip(), text[last.start():].strip()


def authority_of(segmented: Segmented) -> str:
    first = segmented.blocks[0].text if segmented.blocks else "the local authority"
    return first[:60]


def retypeset_pdf(segmented: Segmented, layout: Layout) -> bytes:
    """The report's blocks printed in ``layout``, as PDF bytes."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    authority = authority_of(segmented)

    class Report(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("body", "", 7)
                self.set_y(6)
                self.cell(0, 4, layout.header.format(authority=authority), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        def footer(self):
            if self.page_no() > 1:
                self.set_y(-10)
                self.set_font("body", "", 7)
                self.cell(0, 4, layout.footer.format(page=self.page_no()), align="C")

    pdf = Report(format=layout.page, unit="mm")
    pdf.compress = not layout.scaled_matrix
    pdf.add_font("body", "", str(find_font("DejaVuSans.ttf")))
    pdf.add_font("body", "B", str(find_font("DejaVuSans-Bold.ttf")))
    left, top, right, bottom = layout.margins
    pdf.set_margins(left, top, right)
    pdf.set_auto_page_break(True, margin=bottom)
    pdf.add_page()
    width = pdf.w - left - right
    line = layout.body * 0.45  # mm per line

    def write(text: str, x: float, w: float, size: float, bold: bool = False) -> None:
        pdf.set_font("body", "B" if bold else "", size)
        pdf.set_x(x)
        pdf.multi_cell(w, size * 0.45, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rows(run: list[Block]) -> None:
        cells = [split_row(b.text) for b in run]
        pdf.set_font("body", "", layout.body)
        if layout.table == "ruled":
            with pdf.table(col_widths=(68, 32), text_align="LEFT", line_height=line, first_row_as_headings=False) as table:
                for label, grade in cells:
                    row = table.row()
                    row.cell(label)
                    row.cell(grade)
        else:
            for label, grade in cells:  # rows apart as a table's rows are, without its lines
                write(f"{label}  {grade}", left, width, layout.body)
                pdf.ln(line * 0.8)
        pdf.ln(line * 0.6)

    def keep_with_next() -> None:
        """A number or bullet glyph is never left at the foot of a page without its text."""
        if pdf.get_y() + 2 * line > pdf.h - bottom:
            pdf.add_page()

    first_page = segmented.blocks[0].page if segmented.blocks else None
    run: list[Block] = []
    for index, block in enumerate(segmented.blocks):
        if block.page != first_page and first_page is not None:
            if run:
                rows(run)
                run = []
            first_page = None
            pdf.add_page()
        if is_table_row(block):
            run.append(block)
            continue
        if run:
            rows(run)
            run = []
        if block.kind == "heading":
            if pdf.get_y() + 3 * layout.heading * 0.45 > pdf.h - bottom:
                pdf.add_page()  # a heading is kept with the text below it, as typesetters do
            pdf.ln(line * 0.5)
            write(block.text, left, width, layout.heading, bold=True)
            pdf.ln(line * 0.3)
        elif block.kind == "numbered":
            keep_with_next()
            y = pdf.get_y()
            pdf.set_font("body", "", layout.body)
            indent = max(9.0, pdf.get_string_width(f"{block.number}.") + 3)  # the number never runs into its text
            pdf.set_xy(left, y)
            pdf.cell(indent, line, f"{block.number}.")
            pdf.set_xy(left + indent, y)
            pdf.multi_cell(width - indent, line, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(line * 0.5)
        elif block.kind == "bullet":
            keep_with_next()
            y = pdf.get_y()
            pdf.set_font("body", "", layout.body)
            pdf.set_xy(left + 4, y)
            pdf.cell(5, line, layout.bullet)
            pdf.set_xy(left + 9, y)
            pdf.multi_cell(width - 9, line, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(line * 0.3)
        else:
            write(block.text.replace("\t", "  "), left, width, layout.body)
            pdf.ln(line * 0.5)
    if run:
        rows(run)
    data = bytes(pdf.output())
    return scale_text_matrix(data) if layout.scaled_matrix else data


TEXT_STATE = re.compile(rb"/(F\d+) ([\d.]+) Tf")
TEXT_MOVE = re.compile(rb"BT ([\d.\-]+) ([\d.\-]+) Td")


def scale_text_matrix(data: bytes) -> bytes:
    """The same pages with each text object's size moved from the font size into the text
    matrix: "/F1 1 Tf" and "s 0 0 s x y Tm" where fpdf2 wrote "/F1 s Tf" and "x y Td"."""
    size = b"1"
    out = []
    for chunk in re.split(rb"(/F\d+ [\d.]+ Tf|BT [\d.\-]+ [\d.\-]+ Td)", data):
        state, move = TEXT_STATE.fullmatch(chunk), TEXT_MOVE.fullmatch(chunk)
        if state:
            size = state.group(2)
            out.append(b"/" + state.group(1) + b" 1 Tf")
        elif move:
            out.append(b"BT " + size + b" 0 0 " + size + b" " + move.group(1) + b" " + move.group(2) + b" Tm")
        else:
            out.append(chunk)
    return rebuild_xref(b"".join(out))


OBJECT = re.compile(rb"(?m)^(\d+) 0 obj\b")
STREAM = re.compile(rb"/Length (\d+)(?P<rest>[^>]*>>\s*stream\r?\n)(?P<content>.*?)\r?\nendstream", re.S)


def rebuild_xref(data: bytes) -> bytes:
    """An uncompressed PDF with its stream lengths and cross-reference table recomputed after
    its content streams were edited."""
    body_end = data.rfind(b"\nxref")
    body = STREAM.sub(lambda m: b"/Length %d" % len(m.group("content")) + m.group("rest") + m.group("content") + b"\nendstream", data[:body_end])
    offsets = {int(m.group(1)): m.start() for m in OBJECT.finditer(body)}
    count = max(offsets) + 1
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % count + b"".join(b"%010d 00000 n \n" % offsets.get(n, 0) for n in range(1, count))
    trailer = data[data.find(b"trailer", body_end) : data.rfind(b"startxref")]
    return body + b"\n" + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % (len(body) + 1)


def retypeset_text(segmented: Segmented) -> str:
    """The report's blocks as plain text: a block a paragraph, a page break (form feed) where
    the report's pages break, bullets as "-", table cells apart by a tab."""
    lines, page = [], None
    for block in segmented.blocks:
        if page is not None and block.page != page:
            lines.append("\f")
        page = block.page
        if block.kind == "numbered":
            lines.append(f"{block.number}. {block.text}")
        elif block.kind == "bullet":
            lines.append(f"- {block.text}")
        elif is_table_row(block):
            label, grade = split_row(block.text)
            lines.append(f"{label}\t{grade}")
        else:
            lines.append(block.text.replace(BULLET, "-"))
        lines.append("")
    return "\n".join(lines)
