"""Plain text reader: lines as they are; form feeds, where present, separate pages.

Markdown-style bold (``**adequate**``), which text exports of reports carry, is unwrapped so
that the words are the same as in the PDF.
"""

from __future__ import annotations

import re

from pipeline import errors
from pipeline.extract.clean import normalise_line
from pipeline.types import Line, Page

# Share of control characters above which bytes are not treated as text.
MAX_CONTROL_SHARE = 0.01
MARKDOWN_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def decode(path: str, data: bytes) -> str:
    if looks_binary(data):
        raise errors.NotText(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-1252 is what older Office exports use; it decodes any byte except five.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise errors.UndecodableText(path, cause=exc.reason) from None


def read_pages(path: str, data: bytes) -> list[Page]:
    content = MARKDOWN_BOLD.sub(r"\1", decode(path, data)).replace("\r\n", "\n").replace("\r", "\n")
    chunks = content.split("\f")
    numbered = len(chunks) > 1
    pages = []
    for index, chunk in enumerate(chunks, start=1):
        number = index if numbered else None
        lines = tuple(Line(text=normalise_line(raw), page=number) for raw in chunk.split("\n"))
        pages.append(Page(number=number, lines=lines))
    return pages
