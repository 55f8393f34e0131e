"""Choose a reader from the file's bytes and return a clean Document."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import errors
from pipeline.extract import pdf_pdfium, pdf_plumber, pdf_tables, text
from pipeline.extract.clean import remove_running_lines
from pipeline.frameworks import all_table_markers
from pipeline.text import fold
from pipeline.types import Document, Page, Source

PDF_MAGIC = b"%PDF-"
# PDF back ends: each returns list[Page] of positioned lines. pdfium is the fast default;
# pdfplumber is kept for comparison (make bench) and where its layout tools earn their cost.
PDF_BACKENDS = {"pdfium": pdf_pdfium.read_pages, "pdfplumber": pdf_plumber.read_pages}
DEFAULT_BACKEND = "pdfium"
MAX_TABLE_PAGES = 2  # at most this many pages that carry a table marker are read for tables
# Text a reader cannot see: set smaller than this (points, as drawn) or outside the page box.
# Over the archive's 236,180 lines, 2 are under 4 pt (a stray mark) and none is off the page.
UNSEEN_SIZE = 4.0
UNSEEN_PAGE_SHARE = 0.5  # a page is "unseen" when more than this share of its lines is tiny


def read_bytes(path: str | Path) -> bytes:
    data = Path(path).read_bytes()
    if not data.strip():
        raise errors.EmptyFile(path)
    return data


def describe_bytes(data: bytes) -> str:
    """A short guess at what a file that is not a PDF holds, for the error message."""
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page"
    if head.startswith(b"pk\x03\x04"):
        return "a ZIP archive (perhaps a Word document)"
    if head.startswith(b"{\\rtf"):
        return "an RTF document"
    if text.looks_binary(data):
        return "binary data"
    return "plain text"


def table_pages(pages: list[Page]) -> list[int]:
    """The pages whose text carries a judgement-table marker of some framework.

    Tables cost ~0.04 s a page, so only layouts whose tables the text alone does not read
    reliably name markers (SIF front pages, where a grade cell can sit on a
    row of its own); ILACS tables read right from the text and name none.
    """
    markers = [fold(m) for m in all_table_markers()]
    if not markers:
        return []
    marked = []
    for page in pages:
        folded = fold(" ".join(line.text for line in page.lines))  # once a page, not once a marker
        if any(marker in folded for marker in markers):
            marked.append(page.number)
            if len(marked) == MAX_TABLE_PAGES:
                break
    return marked


def page_range(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def unseen_text_warnings(pages: list[Page]) -> list[str]:
    """Warnings for text that is in the file but that a reader of the printed page cannot see
    (set at a point or two, or outside the page): it is read, but the record says so, since
    what it holds is not what the report shows."""
    tiny_pages, off_pages = [], []
    for page in pages:
        lines = [line for line in page.lines if line.text.strip()]
        tiny = [line for line in lines if line.size is not None and line.size < UNSEEN_SIZE]
        if lines and len(tiny) > UNSEEN_PAGE_SHARE * len(lines):
            tiny_pages.append(page.number)
        if page.width and page.height and any(
            line.x0 is not None and (line.x0 < 0 or line.x0 > page.width or line.top < -UNSEEN_SIZE or line.top > page.height)
            for line in lines
        ):
            off_pages.append(page.number)
    warnings = []
    if tiny_pages:
        warnings.append(f"text set below {UNSEEN_SIZE:g} pt (too small to read) on page(s) {page_range(tiny_pages)}; read as it is")
    if off_pages:
        warnings.append(f"text set outside the page (not visible when printed) on page(s) {page_range(off_pages)}; read as it is")
    return warnings


def extract(path: str | Path, data: bytes | None = None, backend: str = DEFAULT_BACKEND) -> Document:
    """Read ``path`` (PDF or plain text) into a Document; raise an InputError if unreadable.

    The format comes from the bytes: a ``.pdf`` file that holds an HTML page is reported as
    such rather than parsed, and a PDF is read as a PDF whatever its name.
    """
    if backend not in PDF_BACKENDS:
        raise ValueError(f"backend must be one of {sorted(PDF_BACKENDS)}, got {backend!r}")
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    elif not data.strip():
        raise errors.EmptyFile(path)
    sha256 = hashlib.sha256(data).hexdigest()
    if data[:1024].lstrip().startswith(PDF_MAGIC):
        pages = PDF_BACKENDS[backend](str(path), data)
        source = Source(path=str(path), sha256=sha256, format="pdf", pages=len(pages))
        warnings = unseen_text_warnings(pages)
        pages = remove_running_lines(pages)
        try:
            tables = pdf_tables.read_tables(str(path), data, table_pages(pages))
        except errors.UnreadableTables as exc:
            tables = []
            warnings.append(exc.reason)
    elif path.suffix.lower() == ".pdf":
        raise errors.NotAPdf(path, what=describe_bytes(data))
    else:
        pages, warnings = text.read_pages(str(path), data)
        source = Source(path=str(path), sha256=sha256, format="text", pages=None)
        tables = []
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise errors.NoText(path)
    return Document(source=source, pages=tuple(pages), warnings=tuple(warnings), tables=tuple(tables))
