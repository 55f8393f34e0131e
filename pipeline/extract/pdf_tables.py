"""Judgement tables from PDFium's drawing and character boxes, found by pdfplumber's table
finder (its default "lines" settings: ruling lines -> cells -> tables -> each cell's text).

pdfplumber reads the judgement tables right in every era, where cells wrap over lines
("Requires improvement to" / "be good"), but it gets its ruling lines and characters by
interpreting the page with pdfminer, ~0.2 s a page. PDFium has parsed the page already and gives
the same two inputs in a fraction of the time: every path segment of the page's drawing (in page
space, through each object's matrix and those of the forms around it) and every character's box.
pdfplumber's finder then does the rest unchanged, so the tables are pdfplumber's own.

Character boxes: a character spans its glyph's tight box across the line (the gaps between
glyphs decide where a cell's text gets a space, as the advance widths do in pdfplumber) and its
font box (loose) up and down (which row a character sits in). Characters PDFium generates (the
spaces and line breaks it infers) are left out: pdfplumber infers its own from the gaps; a
hyphen PDFium marks at a line end is a hyphen, as in the text (``pdf_pdfium``).
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline import errors
from pipeline.extract.pdf_pdfium import HYPHEN_MARKS, LINE_BREAK
from pipeline.types import Table

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FLAT = 1e-6  # points: a segment whose ends differ by less across is horizontal (or vertical)


class PageParts:
    """What pdfplumber's TableFinder and Table read of a page: its characters, its ruling
    edges and its box, in pdfplumber's coordinates (top down from the page's top edge)."""

    def __init__(self, chars: list[dict], edges: list[dict], bbox: tuple[float, float, float, float]):
        self.chars, self.edges, self.bbox = chars, edges, bbox


def read_tables(path: str, data: bytes, page_numbers: list[int]) -> list[Table]:
    """Tables on the given pages (1-based); pages the file does not have are skipped."""
    tables: list[Table] = []
    if not page_numbers:  # most reports: no page is marked
        return tables
    from pdfplumber.table import TableFinder, TableSettings

    settings = TableSettings.resolve(None)
    try:
        document = pdfium.PdfDocument(data)
        try:
            for number in page_numbers:
                if not 1 <= number <= len(document):
                    continue
                page = document[number - 1]
                width, height = page.get_size()
                parts = PageParts(page_chars(page, height), page_edges(page, height), (0.0, 0.0, width, height))
                for table in TableFinder(parts, settings).tables:
                    rows = tuple(tuple(clean_cell(cell) for cell in row) for row in table.extract())
                    tables.append(Table(page=number, rows=rows))
        finally:
            document.close()
    except Exception as exc:  # tables are a second source; the text still gives a record
        raise errors.UnreadableTables(path, cause=f"{type(exc).__name__}: {exc}") from None
    return tables


def clean_cell(cell: str | None) -> str | None:
    return None if cell is None else " ".join(cell.split())


def page_chars(page: pdfium.PdfPage, height: float) -> list[dict]:
    text = page.get_textpage()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = pdfium_c.FS_RECTF()
    chars = []
    for index in range(pdfium_c.FPDFText_CountChars(text)):
        if pdfium_c.FPDFText_IsGenerated(text, index):
            continue
        character = chr(pdfium_c.FPDFText_GetUnicode(text, index)).translate(HYPHEN_MARKS)
        if character in LINE_BREAK or character == "\0":  # "\0": no character at this index
            continue
        pdfium_c.FPDFText_GetCharBox(text, index, left, right, bottom, top)
        pdfium_c.FPDFText_GetLooseCharBox(text, index, loose)
        chars.append({"text": character, "x0": left.value, "x1": right.value, "top": height - loose.top,
                      "bottom": height - loose.bottom, "doctop": height - loose.top, "upright": True})
    return chars


def page_edges(page: pdfium.PdfPage, height: float) -> list[dict]:
    """Every horizontal and vertical segment the page draws, as pdfplumber edges (a rectangle
    gives its four sides, a line itself, a curve its straight pieces)."""
    edges = []
    for points in drawn_paths(page):
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(y0 - y1) < FLAT:
                orientation = "h"
            elif abs(x0 - x1) < FLAT:
                orientation = "v"
            else:
                continue
            left, right, top, bottom = min(x0, x1), max(x0, x1), height - max(y0, y1), height - min(y0, y1)
            edges.append({"x0": left, "x1": right, "top": top, "bottom": bottom, "doctop": top, "width": right - left,
                          "height": bottom - top, "orientation": orientation, "object_type": "line"})
    return edges


def drawn_paths(page: pdfium.PdfPage) -> list[list[tuple[float, float]]]:
    """The points of every subpath of the page's path objects, in page space; a closed subpath
    returns to its first point."""
    paths: list[list[tuple[float, float]]] = []
    pending = [(page.raw, IDENTITY, False)]  # (page or form, the matrix around it, is a form)
    while pending:
        holder, outer, is_form = pending.pop()
        count = pdfium_c.FPDFFormObj_CountObjects(holder) if is_form else pdfium_c.FPDFPage_CountObjects(holder)
        for index in range(count):
            obj = pdfium_c.FPDFFormObj_GetObject(holder, index) if is_form else pdfium_c.FPDFPage_GetObject(holder, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                pending.append((obj, compose(object_matrix(obj), outer), True))
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths += subpaths(obj, compose(object_matrix(obj), outer))
    return paths


def object_matrix(obj) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` and then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def subpaths(obj, matrix: Matrix) -> list[list[tuple[float, float]]]:
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    found, current = [], []
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO and current:
            found.append(current)
            current = []
        current.append((a * x.value + c * y.value + e, b * x.value + d * y.value + f))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            found.append(current + [current[0]])
            current = []
    if current:
        found.append(current)
    return found
