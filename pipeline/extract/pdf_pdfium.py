"""pypdfium2 reader: the fast back end (~50x pdfplumber on these reports).

PDFium gives each page's text in content-stream order with its line breaks, and for any character
its box, font size and weight; a line takes its position from its first visible character
and its size and weight from its first letter or digit (its baseline origin, so line spacing does not depend on the glyph). PDFium marks a hyphen at a line end as U+FFFE (or U+0002); it is kept as
a hyphen, since in these reports a split hyphen is nearly always a real compound.
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline import errors
from pipeline.extract.clean import normalise_line
from pipeline.extract.pdf_plumber import check_complete
from pipeline.types import Line, Page

LINE_BREAK = "\r\n"
HYPHEN_MARKS = str.maketrans({"\ufffe": "-", "\x02": "-"})
BOLD_WEIGHT = 600
FONT_NAME_LENGTH = 128
SAME_ROW = 3.0  # points: lines whose tops differ by less are on one row


def open_document(path: str, data: bytes) -> pdfium.PdfDocument:
    check_complete(path, data)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise errors.EncryptedPdf(path) from None
        raise errors.UnreadablePdf(path, cause=exc) from None


def read_pages(path: str, data: bytes) -> list[Page]:
    document = open_document(path, data)
    try:
        return [read_page(document, index) for index in range(len(document))]
    except pdfium.PdfiumError as exc:  # a damaged page object
        raise errors.UnreadablePage(path, cause=exc) from None
    finally:
        document.close()


def char_style(textpage: pdfium.PdfTextPage, index: int, weight: bool = True) -> tuple[float, float, float, bool]:
    """Origin x, baseline y (from the page bottom), font size and boldness of one character.

    The size is the one the character is drawn at: the font size times the vertical scale of
    its text matrix. Some writers set every font at size 1 and scale the matrix; the font size
    alone would then call every line 1 pt and break every line into a paragraph of its own."""
    x, y, matrix, name, _ = OUT
    x.value = y.value = 0.0  # as fresh out-parameters would be, should a call not fill them
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, OUT_REFS[0], OUT_REFS[1])
    scale = math.hypot(matrix.c, matrix.d) if pdfium_c.FPDFText_GetMatrix(textpage.raw, index, OUT_REFS[2]) else 1.0
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * (scale or 1.0)
    if not weight:  # the caller reads only where the character sits and its size
        return x.value, y.value, size, False
    bold = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= BOLD_WEIGHT
    if not bold:
        name.value = b""  # a font without a name leaves the buffer as it was
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, FONT_NAME_LENGTH, OUT_REFS[4])
        bold = b"bold" in name.value.lower()
    return x.value, y.value, size, bold


# char_style's out-parameters, made once: it runs twice a line, and ctypes objects cost more
# to make than the PDFium calls that fill them (each value is read before the next call).
OUT = (ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_MATRIX(), ctypes.create_string_buffer(FONT_NAME_LENGTH), ctypes.c_int())
OUT_REFS = tuple(ctypes.byref(out) for out in OUT[:3]) + (None, ctypes.byref(OUT[4]))


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    lines = []
    offset = 0
    for raw_line in text.split(LINE_BREAK):
        start = offset
        offset += len(raw_line) + len(LINE_BREAK)
        stripped = raw_line.strip()
        if not stripped:
            continue
        # style from the first letter or digit: a bullet glyph has a font of its own
        first = start + next((i for i, ch in enumerate(raw_line) if ch.isalnum()), len(raw_line) - len(raw_line.lstrip()))
        x, baseline, size, bold = char_style(textpage, first)
        last = start + len(raw_line.rstrip()) - 1
        _, last_baseline, last_size, _ = char_style(textpage, last, weight=False) if last > first else (x, baseline, size, bold)
        lines.append(
            Line(
                text=normalise_line(raw_line.translate(HYPHEN_MARKS)),
                page=index + 1,
                x0=round(x, 1),
                top=round(height - baseline - size, 1),
                size=round(size, 1) if size > 0 else None,
                bold=bold,
                last_top=round(height - last_baseline - last_size, 1),
            )
        )
    textpage.close()
    page.close()
    return Page(number=index + 1, lines=tuple(line for line in top_down_runs(lines) if line.text), width=width, height=height)


def top_down_runs(lines: list[Line]) -> list[Line]:
    """Lines with each run that goes down the page put in place by where it starts.

    The content stream can hold a boxed heading ("Recommendations" in a shaded box) after the
    text printed below it. A run ends where the next line is printed higher up the page; runs are
    ordered by their first line's top (stable), so a page whose stream already reads top to
    bottom, table rows included, keeps PDFium's order.
    """
    runs: list[list[Line]] = []
    for line in lines:
        if runs and line.top >= runs[-1][-1].top - SAME_ROW:
            runs[-1].append(line)
        else:
            runs.append([line])
    runs.sort(key=lambda run: run[0].top)
    return [line for run in runs for line in run]
