"""path -> Document: read a PDF or a text file into pages of positioned lines.

One function, :func:`extract`, picks the reader from the file's bytes (never its name alone)
and returns a :class:`~pipeline.types.Document` with running headers, footers and page
numbers removed. Readers: ``pdf_plumber`` (positions, sizes, fonts) and ``text``.
"""

from pipeline.extract.read import extract, read_bytes

__all__ = ["extract", "read_bytes"]
