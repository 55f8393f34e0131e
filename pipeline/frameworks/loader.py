"""Load and validate framework files; the grade vocabulary and label matching they share."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from pipeline import errors
from pipeline.resources import data_file, data_toml
from pipeline.text import QUOTES, fold, mentions_any

SUPPORTED_VERSION = 1
GRADES_VERSION = 1


@dataclass(frozen=True)
class Grade:
    """One grade of the vocabulary (``grades.toml``)."""

    slug: str
    words: str  # as a person reads it: "Requires improvement to be good"
    scale: float  # the ordinal scale compare/ sets every framework's grades on
    printed: tuple[str, ...]  # every way the reports print it


@lru_cache(maxsize=1)
def grade_vocabulary() -> tuple[Grade, ...]:
    data = data_toml("pipeline.frameworks", "grades.toml")
    if data.get("version") != GRADES_VERSION:
        raise errors.DataFileVersion(file="grades.toml", kind="grade vocabulary", got=data.get("version"), expected=GRADES_VERSION)
    return tuple(Grade(g["slug"], g["words"], float(g["scale"]), tuple(g["printed"])) for g in data["grades"])


GRADE_SLUGS = tuple(g.slug for g in grade_vocabulary())
# Every way the archive prints a grade; matched longest first so "requires improvement to be
# good" is not read as "good".
GRADE_PHRASES = {phrase: g.slug for g in grade_vocabulary() for phrase in g.printed}
# What a report prints where it gives no grade on purpose ("2.1 Adoption performance  Not judged").
NOT_JUDGED = re.compile(r"\bnot\s+judged\b", re.IGNORECASE)
GRADE_RE = r"(?:" + "|".join(re.escape(p) for p in sorted(GRADE_PHRASES, key=len, reverse=True)) + r")"
GRADE_PATTERN = re.compile(rf"\b({GRADE_RE})\b", re.IGNORECASE)
GRADE_NUMBER = re.compile(r"\(?\bgrade\s*\d\b\)?", re.IGNORECASE)
ITEM_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
# A line that only states a grade: "Adequate", "Grade 3 (Adequate)", "Requires improvement".
GRADE_LINE = re.compile(
    rf"^\(?(?:grade\s*\d\s*)?\(?\s*{GRADE_RE}\s*\)?(?:\s*\(?grade\s*\d\)?)?\.?$", re.IGNORECASE
)


def is_grade_line(text: str) -> bool:
    return bool(GRADE_LINE.match(text.strip()))


def grade_slug(phrase: str) -> str | None:
    return GRADE_PHRASES.get(fold(phrase))


def grades_in(text: str) -> list[str]:
    return [GRADE_PHRASES[fold(m.group(1))] for m in GRADE_PATTERN.finditer(text)]


def without_grades(text: str) -> str:
    """The label part of "label  grade" (a table row, or an ILACS heading "label: grade")."""
    text = GRADE_NUMBER.sub(" ", GRADE_PATTERN.sub(" ", NOT_JUDGED.sub(" ", text)))
    text = ITEM_NUMBER.sub("", re.sub(r"[()]", " ", text))
    return re.sub(r"\s+", " ", text).strip(" :;,-–")


# The words around a label when a heading states its grade as a sentence: "The graded
# judgement for adoption performance is that it requires improvement", "Leadership,
# management and governance are good", "... is: Outstanding".
STATED_PREFIX = re.compile(r"^the graded judge?ments? (?:for|about) ")
STATED_SUFFIX = re.compile(r"(?:\s+(?:is|are|were|that|it|they))+$")  # also a typo's "is that is"


STATED_SUFFIX_PRINTED = re.compile(r"(?:\s+(?:is|are|were|that|it|they))+\s*[:.]?\s*$", re.IGNORECASE)


def printed_label(text: str) -> str:
    """A judgement's label as the report prints it where it states a grade: the grade, its
    number and the verb before it taken out ("The Local Safeguarding Children Board is good"
    -> "The Local Safeguarding Children Board")."""
    text = GRADE_NUMBER.sub(" ", GRADE_PATTERN.sub(" ", NOT_JUDGED.sub(" ", text)))
    text = ITEM_NUMBER.sub("", re.sub(r"\(\s*\)", " ", text))
    text = re.sub(r"\s+", " ", text).strip(" :;,-–")
    return STATED_SUFFIX_PRINTED.sub("", text).strip(" :;,.-–")


def label_key(text: str) -> str:
    """A label compared with grades, item numbers, brackets, a leading "The" and the words of
    a grade stated as a sentence taken out."""
    key = fold(without_grades(text))
    key = STATED_SUFFIX.sub("", STATED_PREFIX.sub("", key)).strip(" .:;,")
    return re.sub(r"^the ", "", key)


@dataclass(frozen=True)
class FrameworkJudgement:
    slug: str
    labels: tuple[str, ...]
    statements: tuple[re.Pattern, ...] = ()  # sentences that state it, "{grade}" marks the grade
    from_date: str | None = None  # judged only in inspections starting on or after this date
    requires_phrase: str | None = None  # judged only where the front pages name this
    absent_reason: str | None = None  # why the grade is null when the framework never gives it
    not_given: bool = False  # the framework has no grade for it (recorded null with the reason)
    within: tuple[str, ...] = ()  # headings that, inside this judgement's section, stay in it (folded)

    def keeps(self, heading: str) -> bool:
        """Does a section under this heading, following this judgement's, stay in it?"""
        return fold(heading) in self.within

    def matches_label(self, text: str) -> bool:
        return label_key(text) in {label_key(label) for label in self.labels}

    def stated_grade(self, text: str) -> str | None:
        """The grade a statement sentence gives, if ``text`` is one of this judgement's."""
        flat = re.sub(r"\s+", " ", text.translate(QUOTES))
        for pattern in self.statements:
            match = pattern.search(flat)
            if match:
                return GRADE_PHRASES[fold(match.group("grade"))]
        return None


@dataclass(frozen=True)
class Framework:
    slug: str
    name: str
    version: int
    detect: tuple[str, ...]
    titles: tuple[re.Pattern, ...]
    grades: tuple[str, ...]
    judgements: tuple[FrameworkJudgement, ...]
    table_markers: tuple[str, ...]
    recommendation_sections: tuple[str, ...]
    recommendation_items: tuple[str, ...]
    recommendation_not_items: tuple[str, ...]
    recommendation_list_ends: tuple[str, ...]
    timescales: dict[str, tuple[str, ...]]
    addressees: dict[str, tuple[str, ...]]  # addressee slug -> headings that open the part of the report it owns
    default_addressee: str
    addressee_phrases: dict[str, str]  # addressee slug -> what the front pages name where the report has its part
    from_date: str | None = None
    until_date: str | None = None
    prints_published: bool = True
    max_days_on_site: int | None = None  # a printed range longer than this is doubted
    short_max_days: int | None = None  # on-site days up to which an inspection is "short"
    standard_max_days: int | None = None

    def judgement_for_heading(self, heading: str | None) -> FrameworkJudgement | None:
        """The judgement a heading (or table row) names, with any grade in it taken out."""
        if not heading:
            return None
        label = without_grades(heading)
        return next((j for j in self.judgements if j.matches_label(label)), None)

    def is_recommendation(self, text: str) -> bool:
        return not mentions_any(text, self.recommendation_not_items)

    def ends_recommendations(self, heading: str) -> bool:
        """A heading that ends a recommendation list: one the framework file names (the
        template's next part, a lead-in to a list of strengths), or one that names a judgement."""
        return mentions_any(heading, self.recommendation_list_ends) or self.names_judgement(heading)

    def names_judgement(self, text: str) -> bool:
        """Does a heading name one of the judgements, with its grade or not?"""
        return self.judgement_for_heading(text) is not None or any(j.stated_grade(text) for j in self.judgements)

    def first_addressee(self, front_text: str) -> str:
        """Whom lists address before any heading opens a part: the default, unless the front
        pages do not name its part (an LSCB review on its own), then the next that they do."""
        folded = fold(front_text)
        order = [self.default_addressee, *(a for a in self.addressees if a != self.default_addressee)]
        present = [a for a in order if a not in self.addressee_phrases or fold(self.addressee_phrases[a]) in folded]
        return (present or order)[0]

    def addressee_opened_by(self, heading: str) -> str | None:
        """The addressee whose part of the report this heading opens, if it opens one."""
        folded = fold(heading)
        for slug, openers in self.addressees.items():
            if any(folded.startswith(fold(opener)) for opener in openers):
                return slug
        return None

    def timescale_for(self, heading: str) -> str | None:
        folded = fold(heading)
        for slug, labels in self.timescales.items():
            if folded in {fold(label) for label in labels}:
                return slug
        return None

    def applies_to(self, inspection_start: str | None) -> bool:
        if inspection_start is None:
            return True
        if self.from_date and inspection_start < self.from_date:
            return False
        return not (self.until_date and inspection_start > self.until_date)


def statement_pattern(text: str) -> re.Pattern:
    """A statement from a framework file: plain words, "{grade}" for the grade phrase and
    "{any}" for a few words (an authority's name)."""
    parts = re.split(r"(\{grade\}|\{any\})", text.translate(QUOTES))
    regex = ""
    for part in parts:
        if part == "{grade}":
            regex += rf"(?P<grade>{GRADE_RE})"
        elif part == "{any}":
            regex += r"[\w ,'&.-]{1,80}?"
        else:
            regex += r"\s+".join(map(re.escape, part.split(" "))) if part.strip() else r"\s*"
    return re.compile(regex, re.IGNORECASE)


def title_pattern(text: str) -> re.Pattern:
    """A title from a framework file; "{authority}" marks where the authority's name sits."""
    regex = r"\s+".join(map(re.escape, text.translate(QUOTES).split()))
    regex = regex.replace(re.escape("{authority}"), r"(?P<authority>.+?)")
    return re.compile(regex, re.IGNORECASE)


# Every key a framework file may hold, by where it stands; anything else is a mistake.
FILE_KEYS = {
    "version", "slug", "name", "detect", "titles", "grades", "judgements", "table_markers",
    "recommendations", "from_date", "until_date", "prints_published", "inspection_type", "max_days_on_site",
}
REQUIRED_KEYS = ("version", "slug", "name", "detect", "grades", "judgements")
JUDGEMENT_KEYS = {"slug", "labels", "statements", "from_date", "requires_phrase", "absent_reason", "not_given", "within"}
RECOMMENDATION_KEYS = {"sections", "items", "not_items", "list_ends", "timescales", "addressed_to"}
ADDRESSEE_KEYS = {"default", "opened_by", "requires_phrase"}
INSPECTION_TYPE_KEYS = {"short_max_days", "standard_max_days"}
TIMESCALES = ("immediately", "within_3_months", "within_6_months")  # record.md's timescale slugs


def check_keys(data: dict, allowed: set[str] | tuple[str, ...], origin: str, where: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise errors.UnknownKeys(file=origin, where=where, keys=", ".join(unknown), allowed=", ".join(sorted(allowed)))


def parse_framework(data: dict, origin: str) -> Framework:
    """A framework from its file's data; any key the pipeline does not know is refused, with
    the file and the key in the message (a misspelt key must not be silently ignored)."""
    version = data.get("version")
    if version != SUPPORTED_VERSION:
        raise errors.DataFileVersion(file=origin, kind="framework", got=version, expected=SUPPORTED_VERSION)
    check_keys(data, FILE_KEYS, origin, "the file")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise errors.MissingKeys(file=origin, where="the file", keys=", ".join(missing))
    unknown = set(data["grades"]) - set(GRADE_SLUGS)
    if unknown:
        raise errors.UnknownGrades(file=origin, got=sorted(unknown), allowed=list(GRADE_SLUGS))
    judgements = []
    for item in data["judgements"]:
        check_keys(item, JUDGEMENT_KEYS, origin, f"judgement {item.get('slug')!r}")
        judgements.append(
            FrameworkJudgement(
                slug=item["slug"],
                labels=tuple(item.get("labels", [])),
                statements=tuple(statement_pattern(s) for s in item.get("statements", [])),
                from_date=item.get("from_date"),
                requires_phrase=item.get("requires_phrase"),
                absent_reason=item.get("absent_reason"),
                not_given=item.get("not_given", False),
                within=tuple(fold(h) for h in item.get("within", [])),
            )
        )
    recommendations = data.get("recommendations", {})
    check_keys(recommendations, RECOMMENDATION_KEYS, origin, "[recommendations]")
    timescales = recommendations.get("timescales", {})
    check_keys(timescales, TIMESCALES, origin, "[recommendations.timescales]")
    addressed_to = recommendations.get("addressed_to", {})
    check_keys(addressed_to, ADDRESSEE_KEYS, origin, "[recommendations.addressed_to]")
    inspection_type = data.get("inspection_type", {})
    check_keys(inspection_type, INSPECTION_TYPE_KEYS, origin, "[inspection_type]")
    return Framework(
        slug=data["slug"],
        name=data["name"],
        version=version,
        detect=tuple(data["detect"]),
        titles=tuple(title_pattern(t) for t in data.get("titles", [])),
        grades=tuple(data["grades"]),
        judgements=tuple(judgements),
        table_markers=tuple(data.get("table_markers", [])),
        recommendation_sections=tuple(recommendations.get("sections", [])),
        recommendation_items=tuple(recommendations.get("items", ["bullet"])),
        recommendation_not_items=tuple(recommendations.get("not_items", [])),
        recommendation_list_ends=tuple(recommendations.get("list_ends", [])),
        timescales={slug: tuple(labels) for slug, labels in timescales.items()},
        addressees={slug: tuple(headings) for slug, headings in addressed_to.get("opened_by", {}).items()},
        default_addressee=addressed_to.get("default", "local_authority"),
        addressee_phrases=dict(addressed_to.get("requires_phrase", {})),
        from_date=data.get("from_date"),
        until_date=data.get("until_date"),
        prints_published=data.get("prints_published", True),
        max_days_on_site=data.get("max_days_on_site"),
        short_max_days=inspection_type.get("short_max_days"),
        standard_max_days=inspection_type.get("standard_max_days"),
    )


@lru_cache(maxsize=1)
def load_frameworks() -> tuple[Framework, ...]:
    folder = data_file("pipeline.frameworks", "")
    frameworks = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.name != "grades.toml":
            frameworks.append(parse_framework(tomllib.loads(entry.read_text("utf-8")), entry.name))
    return tuple(frameworks)


def all_table_markers() -> tuple[str, ...]:
    """Phrases that mark a page holding a judgement table, over every framework."""
    return tuple(sorted({m for f in load_frameworks() for m in f.table_markers}))


def detect_framework(front_text: str, inspection_start: str | None) -> tuple[Framework | None, str | None]:
    """The framework the front pages name (and whose dates fit), or None and why not."""
    folded = fold(front_text)
    named = [f for f in load_frameworks() if any(fold(p) in folded for p in f.detect)]
    fitting = [f for f in named if f.applies_to(inspection_start)]
    if len(fitting) == 1:
        return fitting[0], None
    if not named:
        return None, "layout not recognised: no known inspection framework is named on the front pages"
    if not fitting:
        return None, f"the front pages name {', '.join(f.slug for f in named)} but the inspection dates fit none"
    return None, "layout ambiguous: the front pages fit several frameworks (" + ", ".join(f.slug for f in fitting) + ")"
