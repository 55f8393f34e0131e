"""Search paragraphs across an archive by words and filters, each hit with what a user needs
to cite it: authority, date, paragraph number and page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline import errors
from pipeline.compare.archive import Archive
from pipeline.nlp.labels import STANCES, THEMES


@dataclass(frozen=True)
class Filters:
    """Every filter is optional; a paragraph must pass all that are given."""

    themes: tuple[str, ...] = ()  # any of these themes
    stance: str | None = None
    framework: str | None = None
    authority: str | None = None
    since: str | int | None = None  # inspections ending on or after: "2018", "2018-04" or "2018-04-01"
    until: str | int | None = None  # inspections ending in or before ("2018-04" takes all of April)
    grade: str | None = None  # the grade of the judgement section the paragraph sits in
    latest_only: bool = False  # only each authority's latest report

    def check(self) -> None:
        unknown = [t for t in self.themes if t not in THEMES]
        if unknown:
            raise errors.UnknownLabel(kind="theme", got=", ".join(unknown), allowed=", ".join(THEMES))
        if self.stance and self.stance not in STANCES:
            raise errors.UnknownLabel(kind="stance", got=repr(self.stance), allowed=", ".join(STANCES))
        iso_bound(self.since, "--since")
        iso_bound(self.until, "--until")

    def dated(self, when: str | None) -> bool:
        """Whether an inspection date passes --since and --until (compared at their precision)."""
        for bound, after in ((iso_bound(self.since, "--since"), True), (iso_bound(self.until, "--until"), False)):
            if bound and (when is None or (when[: len(bound)] < bound if after else when[: len(bound)] > bound)):
                return False
        return True


ISO_BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def iso_bound(value: str | int | None, option: str) -> str | None:
    """A date bound as ISO text ("2018", "2018-04", "2018-04-01"); anything else ("20188",
    "2018-13") is a usage error naming the option."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not ISO_BOUND.fullmatch(text):
        raise errors.BadDate(option=option, got=text)
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError as exc:
        raise errors.BadDate(option=option, got=text) from exc
    return text


QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')


def query_patterns(query: str) -> list[re.Pattern]:
    """Each word or "quoted phrase" must occur; a word matches at a word start, so "assess"
    finds "assessment". Everything else in a query is text to find: an apostrophe, a
    backslash, brackets, regex or SQL characters, and a double quote left open (which
    quotes the rest)."""
    query = query + '"' if query.count('"') % 2 else query
    terms = [m.group(1) if m.group(1) is not None else m.group(2) for m in QUERY_TERM.finditer(query)]
    patterns = []
    for term in terms:
        words = term.split()
        if not words:
            continue
        start = r"(?<!\w)" if words[0][0].isalnum() or words[0][0] == "_" else ""
        patterns.append(re.compile(start + r"\s+".join(map(re.escape, words)), re.IGNORECASE))
    return patterns


def search(archive: Archive, query: str, filters: Filters = Filters(), limit: int | None = None) -> list[dict]:
    """Paragraphs that contain every term of ``query`` (an empty query matches all) and pass
    ``filters``: newest reports first, then in report order."""
    filters.check()
    patterns = query_patterns(query)
    inspections = archive.latest() if filters.latest_only else archive.inspections
    if filters.authority:
        wanted = {i.key for i in archive.find_authority(filters.authority)}
        inspections = [i for i in inspections if i.key in wanted]
    hits = []
    for inspection in sorted(inspections, key=lambda i: (i.date or "", i.authority), reverse=True):
        if filters.framework and inspection.framework != filters.framework:
            continue
        if not filters.dated(inspection.date):
            continue
        for paragraph in inspection.record.get("paragraphs", []):
            if filters.stance and paragraph.get("stance") != filters.stance:
                continue
            if filters.themes and not set(filters.themes) & set(paragraph.get("themes") or ()):
                continue
            if filters.grade and paragraph.get("section_grade") != filters.grade:
                continue
            if not all(p.search(paragraph["text"]) for p in patterns):
                continue
            hits.append(
                {
                    "authority": inspection.authority,
                    "local_authority_as_printed": inspection.printed,
                    "la_code": inspection.la_code,
                    "ons_code": inspection.ons_code,
                    "date": inspection.date,
                    "framework": inspection.framework,
                    "paragraph": paragraph["number"],
                    "page": paragraph.get("page"),
                    "section": paragraph.get("section"),
                    "section_grade": paragraph.get("section_grade"),
                    "stance": paragraph.get("stance"),
                    "themes": ", ".join(paragraph.get("themes") or []),
                    "text": paragraph["text"],
                    "report_id": inspection.id,
                    "source": inspection.record["source"]["path"],
                }
            )
            if limit and len(hits) >= limit:
                return hits
    return hits


def place(item: str, page: int | None) -> str:
    """"paragraph 12, page 4": where an item is, as every citation writes it."""
    return f"{item}, page {page}" if page else item


def paragraph_label(number: str | None) -> str:
    return f"paragraph {number}" if number else "unnumbered paragraph"


def citation(hit: dict) -> str:
    """"Bedford Borough, inspection ending 2013-01-16, paragraph 12, page 4"."""
    where = place(paragraph_label(hit["paragraph"]), hit.get("page"))
    return f"{hit['authority']}, inspection ending {hit['date'] or 'date unknown'}, {where}"
