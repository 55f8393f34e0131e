"""Cleaning shared by the readers: one bullet glyph, and no running headers or footers.

Running lines are found by where they sit (the top or bottom band of the page), how big
they are (no larger than body text) and how often they repeat (with digits ignored, so
"Page 3" and "Page 4" are the same line), never by matching a report's words. A line that
carries a page number counting with the pages ("2 Review of the LSCB: Hull", "Review of the
LSCB: Hull 3") is running wherever it repeats on a few pages, even if only one part of a
bound-together file prints it, and whatever its type size.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.text import BULLET
from pipeline.types import Line, Page

# Private-use glyphs (Wingdings/Symbol bullets come through as these) and the shapes
# reports use as bullets.
BULLET_GLYPHS = re.compile(r"^[\s]*(?:[\ue000-\uf8ff]|[◼■▪●◦○►▶➢✓✔\u2022\u2023\u2043\u25aa\u25cf\u25e6\uf0b7])+\s*")
SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")

BAND = 0.12  # top and bottom share of the page height where running lines sit
MIN_REPEAT_SHARE = 0.3  # a running line repeats on at least this share of pages
MIN_NUMBERED_REPEATS = 3  # pages on which a line with a counting page number repeats
# A line with a page number at its start or its end, and words between.
NUMBERED_LINE = re.compile(r"^(?:(?P<lead>\d{1,4})\s+)?(?P<words>\D.*?\D)(?:\s+(?P<trail>\d{1,4}))?$")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


def normalise_line(text: str) -> str:
    """One bullet glyph, no trailing space; tabs kept (they separate table cells in text)."""
    text = text.rstrip()
    match = BULLET_GLYPHS.match(text)
    if match and match.end() < len(text):
        text = BULLET + " " + text[match.end():]
    if "\t" in text:
        return "\t".join(SPACES.sub(" ", cell).strip() for cell in text.split("\t"))
    return SPACES.sub(" ", text).strip()


def running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def in_band(line: Line, page: Page) -> bool:
    if line.top is None or not page.height:
        return False
    return line.top < BAND * page.height or line.top > (1 - BAND) * page.height


def page_numbered(line: Line, page: Page) -> tuple[str, int] | None:
    """(words, printed page number less the page's place in the file) of a band line that
    carries a number at one end only, or None."""
    match = NUMBERED_LINE.match(line.text.strip())
    if not match or not (match.group("lead") or match.group("trail")) or (match.group("lead") and match.group("trail")):
        return None
    return running_key(match.group("words")), int(match.group("lead") or match.group("trail")) - page.number


def is_number_line(line: Line) -> bool:
    return bool(PAGE_NUMBER.match(line.text.strip()))


def printed_number(line: Line) -> int:
    return int(re.search(r"\d+", line.text).group())


def body_size(pages: list[Page]) -> float | None:
    sizes = Counter(line.size for page in pages for line in page.lines if line.size)
    return sizes.most_common(1)[0][0] if sizes else None


def remove_running_lines(pages: list[Page]) -> list[Page]:
    """Drop running headers, footers and page numbers."""
    if len(pages) < 2:
        return pages
    size = body_size(pages)
    seen_on = Counter()
    offsets = Counter()  # printed page number less the page's place in the file
    numbered = Counter()  # (words, offset) of lines carrying a page number
    for page in pages:
        band = [line for line in page.lines if in_band(line, page)]
        seen_on.update({running_key(line.text) for line in band})
        offsets.update({printed_number(line) - page.number for line in band if is_number_line(line)})
        numbered.update({key for key in (page_numbered(line, page) for line in band) if key})
    threshold = max(2, math.ceil(MIN_REPEAT_SHARE * len(pages)))
    offset = offsets.most_common(1)[0][0] if offsets else None

    def is_running(line: Line, page: Page) -> bool:
        if not in_band(line, page):
            return False
        if is_number_line(line):  # at the head of a page, a number is a page number if it counts with the
            # pages ("2025" wrapped under a title does not); at the foot, a page or a footnote number
            return line.top > page.height / 2 or printed_number(line) - page.number == offset
        if numbered[page_numbered(line, page)] >= MIN_NUMBERED_REPEATS:
            return True
        not_larger = size is None or line.size is None or line.size <= size
        return not_larger and seen_on[running_key(line.text)] >= threshold

    cleaned = [
        Page(number=p.number, lines=tuple(l for l in p.lines if not is_running(l, p)), width=p.width, height=p.height)
        for p in pages
    ]
    return cleaned
