"""Front-page facts: authority, inspection dates, lead inspector, publication date.

Read from the first lines of the report (its first pages), by the labels the reports print
("Inspection dates:", "Lead inspector:", "Reporting inspector", "Published:").
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.facts.dates import parse_date, parse_ranges
from pipeline.frameworks import Framework
from pipeline.text import QUOTES
from pipeline.types import Document, Line

FRONT_PAGES = 3
FRONT_TEXT_LINES = 60  # plain text has no pages: this many non-blank lines stand for them

DATES_LABEL = re.compile(r"\binspection dates?\s*:?\s*", re.IGNORECASE)
INSPECTOR_LABEL = re.compile(r"(?<!deputy )\b(?:lead|reporting)\s+inspectors?(?:\s+on\s+site)?\s*:?\s*", re.IGNORECASE)
TITLE_RUNS_ON = re.compile(r"^(?:Majesty['’]s|Inspector\b|HMI\b)")  # "... McInerney Her" / "Majesty's Inspector"
NAME_LIST = re.compile(r"\s+(?:and|&)\s+|\s*;\s*")  # "Lead inspectors: A and B", "A; B"
CONTINUED_DATES = re.compile(r"^(?:(?:and|&|then)\s+\d|(?:to|until|-|–|—)\s+\d)", re.IGNORECASE)  # the next line adds or ends a range
# A line of dates cut before its year: "... and 28 – 30" / "January 2014".
UNFINISHED_DATES = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?|\band|\bto|[-–—]|\b[A-Za-z]{3,9})\s*$")
# A label that starts its line, or follows another field's date on it ("... 2 April 2014 Report
# published: 14 May 2014"); not a sentence's "originally published on".
PUBLISHED_LABEL = re.compile(
    r"(?:^|(?<=\d{4}))\s*(?:report\s+)?(?:published|publication date|date of publication)\b\s*:?\s*", re.IGNORECASE
)
# Titles and post-nominals that follow or precede an inspector's name.
NAME_SUFFIX = re.compile(
    r"[\s,(]+(?:(?:senior|principal|regional|lead|deputy)\s+)?"
    r"(?:HMI|HM Inspector|(?:Her|His) Majesty['’]s(?: Inspector)?|Ofsted Inspector|OI|SHMI)(?!\w).*$",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8
LETTER = r"[^\W\d_]"  # any letter, accented ones included ("Máire")
NAME_ENDING = re.compile(rf"^[A-Z]{LETTER}+(?:['’\-]{LETTER}+)*(?:,?\s+(?:HMI|HM Inspector|(?:Her|His) Majesty['’]s Inspector))?\s*$")
NAME = re.compile(rf"^[A-Z]{LETTER}*(?:['’\-]{LETTER}+)*(?:\s+[A-Z]{LETTER}*(?:['’\-\.]{LETTER}*)*)+")


def first_page_lines(document: Document) -> list[Line]:
    """The title page (for plain text without page breaks, the lines that stand for it): where
    titles are."""
    if document.source.format == "pdf" or len(document.pages) > 1:
        return [line for line in document.pages[0].lines if line.text.strip()]
    return front_lines(document)


def front_lines(document: Document) -> list[Line]:
    if document.source.format == "pdf":
        return [line for page in document.pages[:FRONT_PAGES] for line in page.lines]
    lines = [line for line in document.lines() if line.text.strip()]
    return lines[:FRONT_TEXT_LINES]


def all_after_label(lines: list[Line], label: re.Pattern, runs_on=None) -> list[str]:
    """The text after each ``label`` on its line (or the next line if it ends there; a label
    a line break cut in two is found across the break), with the next line joined on where
    ``runs_on(text so far, next line)`` says the value carries on there."""
    found = []
    for index, line in enumerate(lines):
        match = label.search(line.text)
        following = [l.text.strip() for l in lines[index + 1 : index + 3]]
        if not match and following:  # "... 2013 Reporting" / "inspector Helen Cawston HMI"
            joined = f"{line.text} {following[0]}"
            split = label.search(joined)
            if split and split.start() < len(line.text) < split.end():
                found.append(joined[split.end():].strip())
            continue
        if match:
            rest = line.text[match.end():].strip()
            if not rest and following:
                rest, following = following[0], following[1:]
            if runs_on and following and runs_on(rest, following[0]):
                rest += " " + following[0]
            found.append(rest)
    return found


def after_label(lines: list[Line], label: re.Pattern, runs_on=None) -> str | None:
    found = all_after_label(lines, label, runs_on)
    return found[0] if found else None


def dates_run_on(text: str, following: str) -> bool:
    """Does a date or range carry on onto the next line: one cut before its year ("... and 28
    - 30" / "January 2014"), or a line that adds or ends a range ("and 7 August", "to 8 August")?"""
    cut = UNFINISHED_DATES.search(text) and not re.search(r"\b\d{4}\s*$", text)
    return bool(cut or CONTINUED_DATES.match(following))


def name_runs_on(text: str, following: str) -> bool:
    """A title cut after its first word ("... McInerney Her" / "Majesty's Inspector"), or a
    name cut after a forename ("... Helen" / "Cawston HMI")."""
    return bool(TITLE_RUNS_ON.match(following) or (len(text.split()) == 1 and NAME_ENDING.match(following)))


def inspection_dates(lines: list[Line]) -> tuple[list[tuple[str, str]], str | None]:
    """Every date range printed for the inspection (an inspection paused and resumed prints
    two), and a warning where the report prints a single day. The range may run on to the
    next line ("... 2013" / "and 28 - 30 January 2014")."""
    found = after_label(lines, DATES_LABEL, dates_run_on)
    if not found:
        return [], None
    spans = parse_ranges(found)
    if spans:
        return [(start.isoformat(), end.isoformat()) for start, end in spans], None
    day = parse_date(found)
    if day:
        return [(day.isoformat(), day.isoformat())], "inspection dates: the report prints a single inspection date, used as start and end"
    return [], None


def role_rank(role: str, order: tuple[str, ...]) -> int:
    """Where a role's leads come in the order the framework file gives (the first where it names none)."""
    return next((i for i, word in enumerate(order) if word.lower() in role.lower()), 0)


def lead_inspectors(lines: list[Line], patterns: tuple[re.Pattern, ...] = (), order: tuple[str, ...] = ()) -> list[str]:
    """The lead inspectors named after the first label that names any ("Lead inspector:",
    "Lead inspectors: A and B", "Lead inspector on site:"); the caller looks in the front pages
    first, then the whole report (SIF reports name the team at the end). Where the framework
    file gives patterns (a team table that prints the name before the role, "Sue Eastwood,
    Ofsted Lead inspector"), the names they hold, in the order printed."""
    if patterns:
        text = "\n".join(line.text.translate(QUOTES) for line in lines)
        found = sorted(
            (role_rank(m.groupdict().get("role") or "", order), m.start(), cut_to_name(NAME_SUFFIX.sub("", m.group("name"))))
            for p in patterns for m in p.finditer(text)
        )
        named: list[str] = []
        for _, _, name in found:
            if name and name not in named:
                named.append(name)
        return named
    for text in all_after_label(lines, INSPECTOR_LABEL, name_runs_on):
        names = []
        for part in NAME_LIST.split(text):
            match = NAME.match(NAME_SUFFIX.sub("", part).strip())
            if match:
                names.append(match.group().strip())
        if names:
            return names
    return []


COURTESY_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx"}  # not part of a name; an earned title ("Dr") is kept as printed


def cut_to_name(text: str) -> str | None:
    """The name that ends ``text`` (a pattern's lazy slot may hold the row's earlier cells:
    "inspector Gerry Bates" -> "Gerry Bates"): its last run of capitalised words, at most four."""
    words = text.strip().split()
    kept: list[str] = []
    for word in reversed(words):
        if not re.match(rf"^[A-Z]{LETTER}*(?:['’\-\.]{LETTER}*)*$", word) or len(kept) == 4:
            break
        kept.insert(0, word)
    if kept and kept[0].rstrip(".") in COURTESY_TITLES:  # "Mr Chris Ellison, Ofsted Lead inspector"
        kept = kept[1:]
    return " ".join(kept) if len(kept) >= 2 else None


def published(lines: list[Line]) -> str | None:
    found = after_label(lines, PUBLISHED_LABEL, dates_run_on)
    if not found:
        return None
    day = parse_date(found)
    return day.isoformat() if day else None


def file_name_date(path: str) -> str | None:
    """A date the file's name holds ("children's services inspection - 25 august 2017.pdf",
    as Ofsted's downloads are named: the publication date), for a report that prints none."""
    day = parse_date(Path(path).stem)
    return day.isoformat() if day else None


def heading_text(lines: list[Line]) -> str:
    """The front page's heading: its lines above the dates (or the lead inspector), joined."""
    heading: list[str] = []
    for line in lines:
        if DATES_LABEL.search(line.text) or INSPECTOR_LABEL.search(line.text):
            break
        heading.append(line.text.strip())
    return re.sub(r"\s+", " ", " ".join(heading).translate(QUOTES)).strip()


def local_authority(lines: list[Line], framework: Framework | None) -> str | None:
    """The authority's name from the front-page heading (the lines above the dates).

    Where the framework's title holds the name ("Inspection of {authority} local authority
    children's services") it is read from there; otherwise the title is taken out of the
    heading and what is left is the name ("Bedford Borough").
    """
    if framework is None:
        return None
    text = heading_text(lines)
    for title in framework.titles:
        match = title.search(text)
        if match and "authority" in title.groupindex:
            return clean_name(match.group("authority"))
        if match:
            text = text[: match.start()] + " " + text[match.end():]
    return clean_name(text)


def clean_name(text: str) -> str | None:
    """Footnote marks, stray connectives and page numbers trimmed; None unless it looks like a
    name. A trailing "of" after "City" or "County" is the name's own, as the ONS prints it
    ("Bristol City of", "Herefordshire County of")."""
    text = re.sub(r"\b\d+\b", " ", text)
    text = re.sub(r"^\s*(?:and|of)\b|\band\s*$|(?<!\bcity )(?<!\bcounty )\bof\s*$", " ", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip(" ,:-"), flags=re.IGNORECASE)
    if not text or len(text.split()) > MAX_NAME_WORDS or not text[0].isupper():
        return None
    return text
