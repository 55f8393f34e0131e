"""Plain text reader: lines as they are; form feeds, where present, separate pages.

The encoding comes from a byte-order mark (UTF-8, UTF-16, UTF-32), from the pattern of zero
bytes that UTF-16 without a mark leaves, or else UTF-8 with Windows-1252 (what older Office
exports use) as the fallback. A few stray NUL bytes in otherwise good text (a damaged copy)
are removed with a warning. Markdown-style bold (``**adequate**``), which text exports of
reports carry, is unwrapped so that the words are the same as in the PDF.
"""

from __future__ import annotations

import codecs
import re

from pipeline import errors
from pipeline.extract.clean import normalise_line
from pipeline.types import Line, Page

# Share of control characters (or of NUL bytes) above which bytes are not treated as text.
MAX_CONTROL_SHARE = 0.01
# Longest text file read: a report's text is under 0.3 MB (the longest in the archive is
# about 0.2 MB), so a larger file is not one report; it is refused at once rather than tagged
# for minutes.
MAX_TEXT_BYTES = 10_000_000
# Byte-order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
UTF16_ZERO_SHARE = 0.4  # UTF-16 text of a Latin script has a zero in every other byte
MARKDOWN_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def unicode_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (or UTF-8 with a mark) where the bytes say so: a byte-order mark, or
    zeros in most odd (little-endian) or even (big-endian) bytes and few in the others."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding
    sample = data[:65536]
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > UTF16_ZERO_SHARE and even_zeros < MAX_CONTROL_SHARE:
        return "utf-16-le"
    if even_zeros > UTF16_ZERO_SHARE and odd_zeros < MAX_CONTROL_SHARE:
        return "utf-16-be"
    return None


def decode(path: str, data: bytes) -> tuple[str, list[str]]:
    """The text of ``data`` and warnings about how it was read."""
    if len(data) > MAX_TEXT_BYTES:
        raise errors.TextTooLarge(path, megabytes=len(data) / 1e6, limit=MAX_TEXT_BYTES / 1e6)
    encoding = unicode_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise errors.UndecodableText(path, cause=f"{encoding}: {exc.reason}") from None
        return text.lstrip("\ufeff"), []
    warnings = []
    zeros = data.count(0)
    if zeros and zeros <= MAX_CONTROL_SHARE * len(data):
        data = data.replace(b"\x00", b"")
        warnings.append(f"{zeros} NUL byte(s) in the text removed (a damaged copy?)")
    if looks_binary(data):
        raise errors.NotText(path)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        # Windows-1252 is what older Office exports use; it decodes any byte except five.
        try:
            return data.decode("cp1252"), warnings
        except UnicodeDecodeError as exc:
            raise errors.UndecodableText(path, cause=exc.reason) from None


def read_pages(path: str, data: bytes) -> tuple[list[Page], list[str]]:
    """The pages of a text file, and warnings about how it was read."""
    text, warnings = decode(path, data)
    content = MARKDOWN_BOLD.sub(r"\1", text).replace("\r\n", "\n").replace("\r", "\n")
    chunks = content.split("\f")
    numbered = len(chunks) > 1
    pages = []
    for index, chunk in enumerate(chunks, start=1):
        number = index if numbered else None
        lines = tuple(Line(text=normalise_line(raw), page=number) for raw in chunk.split("\n"))
        pages.append(Page(number=number, lines=lines))
    return pages, warnings
