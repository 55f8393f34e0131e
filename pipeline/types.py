"""Frozen records passed from one stage to the next.

path -> extract -> Document -> segment -> Segmented -> facts -> Facts -> (nlp) annotate ->
Annotated -> records: the JSON record, a plain dict (the one place that makes dicts).
Each stage reads only earlier stages' types.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of text as laid out on a page.

    Positions are in PDF points from the top-left; plain text has no positions (None).
    """

    text: str
    page: int | None
    x0: float | None = None
    top: float | None = None
    size: float | None = None
    bold: bool = False
    last_top: float | None = None  # top of its last visual line: a PDF "line" can run over several

    @property
    def bottom_top(self) -> float | None:
        """Where the line's last visual line starts (its own top when it is one line)."""
        return self.last_top if self.last_top is not None else self.top


@dataclass(frozen=True)
class Page:
    number: int | None
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: str  # "pdf" | "text"
    pages: int | None


@dataclass(frozen=True)
class Table:
    """A table as pdfplumber reads it from its ruling lines: rows of cells (None where a
    cell is merged into its neighbour)."""

    page: int
    rows: tuple[tuple[str | None, ...], ...]


@dataclass(frozen=True)
class Document:
    """Extracted text, running headers and footers already removed, and the tables of the
    pages that hold judgement tables."""

    source: Source
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()

    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


@dataclass(frozen=True)
class Heading:
    """A heading as printed, with the part it plays in the outline (one of HEADING_ROLES):
    ``section`` starts a section; ``subsection`` opens a part of the section it stands in
    ("Summary", "Inspection findings"); ``lead_in`` ends with a colon and introduces a list
    ("Within three months:"); ``grade`` only states a grade ("Good")."""

    text: str
    role: str


HEADING_ROLES = ("section", "subsection", "lead_in", "grade")


@dataclass(frozen=True)
class Block:
    """A run of lines that belong together: a heading, a numbered paragraph, a bullet,
    a table row or a line of prose. ``kind`` is one of BLOCK_KINDS.

    ``section`` is the section heading it stands under (as printed; None before the first)
    and ``headings`` its heading path: that section heading, then the sub-heading and the
    lead-ins and grade lines since, in order (a heading's own path ends with itself)."""

    kind: str
    text: str
    page: int | None
    number: str | None = None
    indented: bool = False  # starts right of the body margin (PDF only)
    first_on_page: bool = False  # starts a page (PDF) or follows a blank line (text)
    size: float | None = None  # font size of its first line (PDF only)
    section: str | None = None
    headings: tuple[Heading, ...] = ()
    section_start: int | None = None  # index of its section's heading block in Segmented.blocks


BLOCK_KINDS = ("heading", "numbered", "bullet", "row", "text")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph with the section and heading path of its first block (none for a
    summary printed above the first section heading) and that block's index."""

    number: str | None
    text: str
    page: int | None
    section: str | None
    block: int = 0
    headings: tuple[Heading, ...] = ()
    section_start: int | None = None  # index of its section's heading block in Segmented.blocks


@dataclass(frozen=True)
class Section:
    """A section of the report: its heading as printed and where that heading block is."""

    heading: str
    start: int  # index of the heading block in Segmented.blocks


@dataclass(frozen=True)
class Segmented:
    """A document split into blocks (layout order), its sections in order, and body paragraphs."""

    document: Document
    blocks: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Statistic:
    value: float
    unit: str
    text: str
    sentence: str
    paragraph: str | None
    name: str | None = None


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    """Where a value is stated: the page and the text as printed."""

    page: int | None
    text: str


@dataclass(frozen=True)
class Judgement:
    """One judgement of the report's framework: its grade where the report states it, else
    None with the ``reason``."""

    judgement: str  # the framework's slug
    grade: str | None
    label: str  # as printed where it is stated (the framework's label where it is not)
    evidence: Evidence | None
    reason: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """One item of a recommendation list; ``text`` is the item whole, its sub-points included."""

    text: str
    timescale: str | None
    addressed_to: str  # whom the list addresses, a slug of the framework file ("local_authority", "lscb")
    number: str | None  # as printed; None for a bullet
    list: str | None  # the heading of the list it stands in, as printed
    points: tuple[str, ...]  # its sub-points, in order
    page: int | None


@dataclass(frozen=True)
class SectionGrade:
    """A paragraph's section as records show it (a judgement's label, grades taken out) and
    the grade of that judgement, if the section is one."""

    section: str | None
    grade: str | None


@dataclass(frozen=True)
class Authority:
    """A local authority as a reference table (``pipeline.lookup``) gives it."""

    urn: str
    name: str
    la_code: str | None
    ons_code: str | None
    region: str | None
    neighbour_codes: tuple[str, ...]
    other_names: tuple[str, ...]


@dataclass(frozen=True)
class AuthorityMatch:
    """The authority in a reference table, and how it was found: "urn" | "name"."""

    authority: Authority
    matched_by: str


@dataclass(frozen=True)
class Facts:
    """What the facts stage read from a report; assembled into the JSON record."""

    local_authority: str | None  # as printed
    authority: AuthorityMatch | None  # the reference table's entry, when a table was given and matched
    urn: str | None  # Ofsted URN of the authority
    urn_source: str | None  # "report" | "folder" (ingest) | "name" (matched in a lookup)
    framework: str | None
    inspection_type: str | None
    inspection_start: str | None
    inspection_end: str | None
    inspection_dates: tuple[tuple[str, str], ...]  # every printed range, (start, end); start/end span them
    published: str | None
    published_source: str | None  # "report" (printed) | "file_name" (the report prints none)
    lead_inspector: str | None  # the first of lead_inspectors
    lead_inspectors: tuple[str, ...]
    judgements: tuple[Judgement, ...]
    recommendations: tuple[Recommendation, ...]
    paragraph_sections: tuple[SectionGrade, ...]  # one per paragraph of the Segmented read
    evidence: tuple[tuple[str, str], ...]  # (field, how it was derived)
    warnings: tuple[str, ...]
    # Only where the framework file has them (area SEND); None otherwise, and left out of the record.
    partnership: dict | None = None  # {name, local_authority, icb: [...]}
    previous_inspection: dict | None = None  # {printed, full_inspection: [...], revisit: [...], none}
    follow_up: dict | None = None  # {priority_action_plan, monitoring_inspection, next_full_inspection, evidence}


@dataclass(frozen=True)
class SentenceStance:
    text: str
    stance: str | None
    polarity: float | None = None  # how the sentence leans, praise (1) against criticism (0)


@dataclass(frozen=True)
class Tags:
    """A paragraph's themes and stance as the model reads it (empty when no model is installed)."""

    themes: tuple[str, ...] = ()
    theme_scores: tuple[tuple[str, float], ...] = ()
    stance: str | None = None
    stance_scores: tuple[tuple[str, float], ...] = ()
    sentences: tuple[SentenceStance, ...] = ()
    theme_evidence: tuple[tuple[str, str], ...] = ()  # (theme, the sentence that carries it)


@dataclass(frozen=True)
class ParagraphAnnotation:
    entities: tuple[Entity, ...]
    statistics: tuple[Statistic, ...]
    tags: Tags


@dataclass(frozen=True)
class Annotated:
    """What the spaCy stage read in a report: per paragraph (in order) its entities,
    statistics and tags; per recommendation its themes."""

    paragraphs: tuple[ParagraphAnnotation, ...]
    recommendation_themes: tuple[tuple[str, ...], ...]
    warnings: tuple[str, ...] = ()
