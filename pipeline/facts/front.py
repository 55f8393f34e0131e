"""Front-page facts: authority, inspection dates, lead inspector, publication date.

Read from the first lines of the report (its first pages), by the labels the reports print
("Inspection dates:", "Lead inspector:", "Reporting inspector", "Published:").
"""

from __future__ import annotations

import re

from pipeline.facts.dates import parse_date, parse_range
from pipeline.frameworks import Framework
from pipeline.text import QUOTES
from pipeline.types import Document, Line

FRONT_PAGES = 3
FRONT_TEXT_LINES = 60  # plain text has no pages: this many non-blank lines stand for them

DATES_LABEL = re.compile(r"\binspection dates?\s*:?\s*", re.IGNORECASE)
INSPECTOR_LABEL = re.compile(r"(?<!deputy )\b(?:lead|reporting)\s+inspector\s*:?\s*", re.IGNORECASE)
PUBLISHED_LABEL = re.compile(r"\b(?:published|publication date|date of publication)\s*:?\s*", re.IGNORECASE)
# Titles and post-nominals that follow or precede an inspector's name.
NAME_SUFFIX = re.compile(
    r"[\s,]+(?:HMI|HM Inspector|Her Majesty's Inspector|His Majesty's Inspector|Ofsted Inspector|OI|SHMI)\b.*$",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8
LETTER = r"[^\W\d_]"  # any letter, accented ones included ("Máire")
NAME = re.compile(rf"^[A-Z]{LETTER}*(?:['’\-]{LETTER}+)*(?:\s+[A-Z]{LETTER}*(?:['’\-\.]{LETTER}*)*)+")


def first_page_lines(document: Document) -> list[Line]:
    """The title page (for plain text, the lines that stand for it): where titles are."""
    if document.source.format == "pdf":
        return list(document.pages[0].lines)
    return front_lines(document)


def front_lines(document: Document) -> list[Line]:
    if document.source.format == "pdf":
        return [line for page in document.pages[:FRONT_PAGES] for line in page.lines]
    lines = [line for line in document.lines() if line.text.strip()]
    return lines[:FRONT_TEXT_LINES]


def all_after_label(lines: list[Line], label: re.Pattern) -> list[str]:
    """The text after each ``label`` on its line (or the next line if it ends there)."""
    found = []
    for index, line in enumerate(lines):
        match = label.search(line.text)
        if match:
            rest = line.text[match.end():].strip()
            if not rest and index + 1 < len(lines):
                rest = lines[index + 1].text.strip()
            found.append(rest)
    return found


def after_label(lines: list[Line], label: re.Pattern) -> str | None:
    found = all_after_label(lines, label)
    return found[0] if found else None


def inspection_dates(lines: list[Line]) -> tuple[str, str, str | None] | None:
    """Start, end, and a warning where the report prints a single day for the inspection."""
    found = after_label(lines, DATES_LABEL)
    if not found:
        return None
    span = parse_range(found)
    if span:
        return span[0].isoformat(), span[1].isoformat(), None
    day = parse_date(found)
    if day:
        return day.isoformat(), day.isoformat(), "the report prints a single inspection date, used as start and end"
    return None


def lead_inspector(lines: list[Line]) -> str | None:
    """The lead inspector; front pages first, then the whole report (SIF reports name the
    team at the end)."""
    for text in all_after_label(lines, INSPECTOR_LABEL):
        match = NAME.match(NAME_SUFFIX.sub("", text).strip())
        if match:
            return match.group().strip()
    return None


def published(lines: list[Line]) -> str | None:
    found = after_label(lines, PUBLISHED_LABEL)
    if not found:
        return None
    day = parse_date(found)
    return day.isoformat() if day else None


def local_authority(lines: list[Line], framework: Framework | None) -> str | None:
    """The authority's name from the front-page heading (the lines above the dates).

    Where the framework's title holds the name ("Inspection of {authority} local authority
    children's services") it is read from there; otherwise the title is taken out of the
    heading and what is left is the name ("Bedford Borough").
    """
    if framework is None:
        return None
    heading: list[str] = []
    for line in lines:
        if DATES_LABEL.search(line.text) or INSPECTOR_LABEL.search(line.text):
            break
        heading.append(line.text.strip())
    text = re.sub(r"\s+", " ", " ".join(heading).translate(QUOTES))
    for title in framework.titles:
        match = title.search(text)
        if match and "authority" in title.groupindex:
            return clean_name(match.group("authority"))
        if match:
            text = text[: match.start()] + " " + text[match.end():]
    return clean_name(text)


def clean_name(text: str) -> str | None:
    """Footnote marks, stray connectives and page numbers trimmed; None unless it looks like a name."""
    text = re.sub(r"\b\d+\b", " ", text)
    text = re.sub(r"^\s*(?:and|of)\b|\b(?:and|of)\s*$", " ", text.strip())
    text = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip(" ,:-"), flags=re.IGNORECASE)
    if not text or len(text.split()) > MAX_NAME_WORDS or not text[0].isupper():
        return None
    return text
