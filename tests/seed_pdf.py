"""Test support: render a plain-text Ofsted report into a realistic A4 PDF.

The tests use this to check that reading a PDF gives the same results as reading the
plain text it was made from. The text is parsed here on its own terms (nothing is
imported from ``pipeline``) so that a bug in the pipeline's text reader cannot hide a
bug in its PDF reader.

Layout, modelled on real Ofsted reports:

* page 1 is a front page (title, authority, dates, lead inspector, age group) with no
  running header and no page number;
* from page 2 every page has the running header at the top and its page number alone at
  the bottom centre, both in 8 pt;
* page 2 starts with the copyright block, then the Contents as a two-column table, then
  the body, which flows on with automatic page breaks so that most pages end in the
  middle of a paragraph;
* headings are bold 14 pt, grade words bold 12 pt, body 11 pt Helvetica; numbered
  paragraphs and bullets have a hanging indent; tab-separated rows are two-column rows
  whose label wraps inside its column.

Only the PDF core fonts are used, so this runs on a machine with no fonts installed.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

__all__ = ["render_report_pdf"]

# --- geometry (mm) and type sizes (pt) -------------------------------------------------
MARGIN_LEFT = 20.0
MARGIN_RIGHT = 20.0
MARGIN_TOP = 20.0
MARGIN_BOTTOM = 20.0
HEADER_Y = 10.0
FOOTER_Y = -12.0
NUMBER_INDENT = 10.0  # numbered paragraphs: text starts this far right of the number
BULLET_X = 5.0  # bullets: glyph this far in from the margin ...
BULLET_TEXT = 10.0  # ... and their text this far in
LABEL_WIDE = 120.0  # label column of the record of main findings and similar tables
LABEL_NARROW = 35.0  # label column when every label is a single short word (the scale)
CONTENTS_PAGE_COL = 15.0

BODY_PT = 11
HEADING_PT = 14
GRADE_PT = 12
RUNNING_PT = 8
BODY_LH = 5.8  # line height for 11 pt
GAP = 2.5  # space after a paragraph

FONT = "Helvetica"
BULLET = "\u2022"  # cp1252 0x95
GRADES = {"outstanding", "good", "adequate", "inadequate"}

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(.*)$")
_BULLET = re.compile(r"^[-\u2022*]\s+(.*)$")
_TERMINAL = (".", ":", ";", "!", "?")

# Characters core fonts cannot draw (not in cp1252), mapped to close cp1252 ones.
_FALLBACKS = {
    "\u2010": "-", "\u2011": "-", "\u2012": "\u2013", "\u2015": "\u2014", "\u2212": "-",
    "\u2032": "'", "\u2033": '"', "\u2024": ".", "\u2043": "-", "\u25cf": BULLET,
    "\u25aa": BULLET, "\u25e6": BULLET, "\u2027": "\u00b7", "\u2002": " ", "\u2003": " ",
    "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u200b": "", "\ufeff": "", "\u2044": "/",
    "\u2264": "<=", "\u2265": ">=", "\u2192": "->", "\u2190": "<-", "\u2713": "x",
    "\u00ad": "",  # a soft hyphen would let fpdf2 break a word with a hyphen
}


def _cp1252(text: str) -> str:
    """Text the core fonts can draw: keep cp1252 characters, replace the rest."""
    out = []
    for ch in text:
        ch = _FALLBACKS.get(ch, ch)
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            ch = "?"
        out.append(ch)
    return "".join(out)


# --- parsing -----------------------------------------------------------------------------
@dataclass
class Block:
    kind: str  # numbered | bullet | row | heading | grade | text
    text: str
    number: str = ""
    value: str = ""


def _classify(line: str) -> Block:
    if "\t" in line:
        label, _, value = line.partition("\t")
        return Block("row", label.strip(), value=value.strip())
    m = _NUMBERED.match(line)
    if m:
        return Block("numbered", m.group(2).strip(), number=m.group(1) + ".")
    m = _BULLET.match(line)
    if m:
        return Block("bullet", m.group(1).strip())
    if line.strip().lower() in GRADES:
        return Block("grade", line.strip())
    if len(line) <= 130 and not line.rstrip().endswith(_TERMINAL):
        return Block("heading", line.strip())
    return Block("text", line.strip())


def _blocks(lines: list[str]) -> list[Block]:
    """Lines to blocks, rejoining paragraphs that a page break in the source cut in two."""
    blocks: list[Block] = []
    for line in lines:
        if not line.strip():
            continue
        is_new = "\t" in line or _NUMBERED.match(line) or _BULLET.match(line)
        prev = blocks[-1] if blocks else None
        if (
            not is_new
            and prev is not None
            and prev.kind == "numbered"
            and not prev.text.rstrip().endswith(_TERMINAL)
        ):
            prev.text = prev.text.rstrip() + " " + line.strip()
            continue
        blocks.append(_classify(line))
    return blocks


def _split_sections(text: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Front page, copyright block, contents rows and body, as lists of source lines."""
    text = _cp1252(text.replace("\r\n", "\n").replace("\r", "\n").replace("**", ""))
    lines = [ln.rstrip(" ") for ln in text.split("\n")]  # keep trailing tabs: they mark rows
    # Front page: up to and including "Age group: ..." (or up to the copyright line).
    end_front = next((i + 1 for i, ln in enumerate(lines) if ln.lower().startswith("age group")), None)
    if end_front is None:
        end_front = next((i for i, ln in enumerate(lines) if ln.startswith("\u00a9")), 0)
    front = [ln for ln in lines[:end_front] if ln.strip()]
    rest = lines[end_front:]
    contents_at = next((i for i, ln in enumerate(rest) if ln.strip().lower() == "contents"), None)
    if contents_at is None:
        return front, [], [], rest
    copyright_ = [ln for ln in rest[:contents_at] if ln.strip()]
    i = contents_at + 1
    while i < len(rest) and not rest[i].strip():
        i += 1
    contents = []
    while i < len(rest) and "\t" in rest[i]:
        contents.append(rest[i])
        i += 1
    return front, copyright_, contents, rest[i:]


# --- rendering -----------------------------------------------------------------------------
class _ReportPDF(FPDF):
    def __init__(self, running_header: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_header = _cp1252(running_header)
        self.core_fonts_encoding = "cp1252"
        self.c_margin = 0  # text starts exactly at the cell's x
        self.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        self.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        self.set_creation_date(_dt.datetime(2013, 2, 1, tzinfo=_dt.timezone.utc))

    def header(self):
        if self.page_no() < 2:
            return
        self.set_font(FONT, "", RUNNING_PT)
        self.set_xy(MARGIN_LEFT, HEADER_Y)
        self.cell(0, 4, self.running_header, align="L")
        self.set_xy(MARGIN_LEFT, MARGIN_TOP)

    def footer(self):
        if self.page_no() < 2:
            return
        self.set_font(FONT, "", RUNNING_PT)
        self.set_y(FOOTER_Y)
        self.cell(0, 4, str(self.page_no()), align="C")

    # body pieces -------------------------------------------------------------------------
    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def _lines_height(self, width: float, lh: float, text: str) -> float:
        return len(self.multi_cell(width, lh, text, dry_run=True, output="LINES")) * lh

    def heading(self, text: str, size: int = HEADING_PT, before: float = 4.0) -> None:
        self.set_font(FONT, "B", size)
        lh = size * 0.5
        h = self._lines_height(self.text_width, lh, text)
        # keep a heading with at least two lines of what follows it
        if self.will_page_break(before + h + 2 * BODY_LH):
            self.add_page()
        elif self.get_y() > self.t_margin + 0.1:
            self.ln(before)
        self.set_x(self.l_margin)
        self.multi_cell(0, lh, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(GAP)

    def text_par(self, text: str, style: str = "") -> None:
        self.set_font(FONT, style, BODY_PT)
        self.set_x(self.l_margin)
        self.multi_cell(0, BODY_LH, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(GAP)

    def hanging(self, mark: str, text: str, mark_x: float, text_x: float) -> None:
        self.set_font(FONT, "", BODY_PT)
        # cell() and the first line of multi_cell() take the same page-break decision
        self.set_x(self.l_margin + mark_x)
        self.cell(text_x - mark_x, BODY_LH, mark, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.set_x(self.l_margin + text_x)
        # on a page break multi_cell() keeps its x, so continuation lines stay indented
        self.multi_cell(0, BODY_LH, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(GAP)

    def row(self, label: str, value: str, label_w: float, value_align: str = "L",
            value_style: str = "") -> None:
        self.set_font(FONT, "", BODY_PT)
        value_w = self.text_width - label_w
        h = max(self._lines_height(label_w - 3, BODY_LH, label), BODY_LH)
        if value:
            self.set_font(FONT, value_style, BODY_PT)
            h = max(h, self._lines_height(value_w, BODY_LH, value))
        if self.will_page_break(h):
            self.add_page()
        y = self.get_y()
        self.set_font(FONT, "", BODY_PT)
        self.set_xy(self.l_margin, y)
        self.multi_cell(label_w - 3, BODY_LH, label)
        if value:
            self.set_font(FONT, value_style, BODY_PT)
            self.set_xy(self.l_margin + label_w, y)
            self.multi_cell(value_w, BODY_LH, value, align=value_align)
        self.set_xy(self.l_margin, y + h + 1.5)


def _render_rows(pdf: _ReportPDF, rows: list[Block]) -> None:
    short = all(len(r.text) <= 15 and " " not in r.text for r in rows)
    label_w = LABEL_NARROW if short else LABEL_WIDE
    for r in rows:
        pdf.row(r.text, r.value, label_w, value_style="B" if r.value.lower() in GRADES else "")
    pdf.ln(GAP)


def render_report_pdf(text: str, out_path: Path, *, running_header: str) -> Path:
    """Render the plain text of an Ofsted report as an A4 PDF at ``out_path``; return the path."""
    out_path = Path(out_path)
    front, copyright_, contents, body = _split_sections(text)
    pdf = _ReportPDF(running_header)
    title = front[0] if front else ""
    pdf.set_title(title)
    pdf.set_author("Ofsted")

    # page 1: front page, no running header or page number
    pdf.add_page()
    pdf.set_y(70)
    for i, line in enumerate(front):
        size, style, lh, after = (
            (20, "B", 9.0, 8) if i == 0 else (16, "B", 7.5, 14) if i == 1 else (12, "", 6.5, 3)
        )
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(0, lh, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    # page 2 onwards
    pdf.add_page()
    for line in copyright_:
        pdf.text_par(line)
    if contents:
        pdf.heading("Contents")
        for line in contents:
            label, _, page = line.partition("\t")
            pdf.row(label.strip(), page.strip(), pdf.text_width - CONTENTS_PAGE_COL, value_align="R")
        pdf.ln(GAP)

    blocks = _blocks(body)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "row":
            j = i
            while j < len(blocks) and blocks[j].kind == "row":
                j += 1
            _render_rows(pdf, blocks[i:j])
            i = j
            continue
        if b.kind == "numbered":
            pdf.hanging(b.number, b.text, 0.0, NUMBER_INDENT)
        elif b.kind == "bullet":
            pdf.hanging(BULLET, b.text, BULLET_X, BULLET_TEXT)
        elif b.kind == "grade":
            pdf.heading(b.text, size=GRADE_PT, before=0.0)
        elif b.kind == "heading":
            pdf.heading(b.text)
        else:
            # lead-ins such as "Immediately:" are body text in bold; other prose plain
            pdf.text_par(b.text, "B" if b.text.endswith(":") and len(b.text) < 60 else "")
        i += 1

    out_path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out_path))
    return out_path
