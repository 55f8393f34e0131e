"""Front-page facts: authority, inspection dates, lead inspector, publication date.

Read from the first lines of the report (its first pages), by the labels the reports print
("Inspection dates:", "Lead inspector:", "Reporting inspector", "Published:").
"""

from __future__ import annotations

import re

from pipeline.facts.dates import parse_date, parse_range
from pipeline.frameworks import Framework, fold
from pipeline.types import Document, Line

FRONT_PAGES = 3
FRONT_TEXT_LINES = 60  # plain text has no pages: this many non-blank lines stand for them

DATES_LABEL = re.compile(r"\binspection dates?\s*:?\s*", re.IGNORECASE)
INSPECTOR_LABEL = re.compile(r"\b(?:lead|reporting)\s+inspector\s*:?\s*", re.IGNORECASE)
PUBLISHED_LABEL = re.compile(r"\b(?:published|publication date|date of publication)\s*:?\s*", re.IGNORECASE)
# Titles and post-nominals that follow or precede an inspector's name.
NAME_SUFFIX = re.compile(
    r"[\s,]+(?:HMI|HM Inspector|Her Majesty's Inspector|His Majesty's Inspector|Ofsted Inspector|OI|SHMI)\b.*$",
    re.IGNORECASE,
)
NAME = re.compile(r"^[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-\.]*)+")


def front_lines(document: Document) -> list[Line]:
    if document.source.format == "pdf":
        return [line for page in document.pages[:FRONT_PAGES] for line in page.lines]
    lines = [line for line in document.lines() if line.text.strip()]
    return lines[:FRONT_TEXT_LINES]


def after_label(lines: list[Line], label: re.Pattern) -> tuple[str, Line] | None:
    """The text that follows ``label`` on its line (or the next line if it ends there)."""
    for index, line in enumerate(lines):
        match = label.search(line.text)
        if match:
            rest = line.text[match.end():].strip()
            if not rest and index + 1 < len(lines):
                rest = lines[index + 1].text.strip()
            return rest, line
    return None


def inspection_dates(lines: list[Line]) -> tuple[str, str] | None:
    found = after_label(lines, DATES_LABEL)
    if not found:
        return None
    span = parse_range(found[0])
    return (span[0].isoformat(), span[1].isoformat()) if span else None


def lead_inspector(lines: list[Line]) -> str | None:
    found = after_label(lines, INSPECTOR_LABEL)
    if not found:
        return None
    name = NAME_SUFFIX.sub("", found[0]).strip()
    match = NAME.match(name)
    return match.group().strip() if match else None


def published(lines: list[Line]) -> str | None:
    found = after_label(lines, PUBLISHED_LABEL)
    if not found:
        return None
    day = parse_date(found[0])
    return day.isoformat() if day else None


def local_authority(lines: list[Line], framework: Framework | None) -> str | None:
    """The front-page heading less the framework's title: what is left names the authority.

    Reports put the authority's name beside the title, above the inspection dates.
    """
    heading: list[str] = []
    for line in lines:
        if DATES_LABEL.search(line.text) or INSPECTOR_LABEL.search(line.text):
            break
        heading.append(line.text.strip())
    text = " ".join(heading)
    if framework is None:
        return None
    for title in sorted(framework.titles, key=len, reverse=True):
        pattern = re.compile(r"\s+".join(map(re.escape, title.split())), re.IGNORECASE)
        text = pattern.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,:-–")
    return text if text and len(text.split()) <= 8 and fold(text) not in {fold(t) for t in framework.titles} else None
