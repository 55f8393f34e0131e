"""Load and validate framework files; the grade vocabulary and label matching they share."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

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
MAX_LABEL_WORDS = 20  # "<judgement label>: <grade>"; a longer heading is a sentence
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


def states_grade(heading: str) -> bool:
    """Is the heading "<label>: <grade>" (or "<label> is <grade>"), one grade at its end, short
    enough to be a label? Such a heading opens a judgement's section, known to the framework or
    not: it is never a topic inside another section or list."""
    heading = heading.rstrip(" .")
    states = list(GRADE_PATTERN.finditer(heading))
    return len(states) == 1 and states[0].end() == len(heading) and len(heading.split()) <= MAX_LABEL_WORDS


# An abbreviation in brackets after a name, "(LSCB)": reports print the name with or without it.
ABBREVIATION = re.compile(r"\(\s*[A-Z][A-Z0-9&]{1,7}s?\s*\)")


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


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A label compared with grades, item numbers, an abbreviation in brackets (reports print
    "(LSCB)" after the name or not), brackets, a leading "The" and the words of a grade stated
    as a sentence taken out. Cached: the facts compare each heading with every judgement's
    labels (~30 calls a heading); bounded, so a long run's memory stays flat."""
    key = fold(without_grades(ABBREVIATION.sub(" ", text)))
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

    @cached_property
    def label_keys(self) -> frozenset[str]:
        return frozenset(label_key(label) for label in self.labels)

    def matches_label(self, text: str) -> bool:
        return label_key(text) in self.label_keys

    def stated_grade(self, text: str) -> str | None:
        """The grade a statement sentence gives, if ``text`` is one of this judgement's."""
        flat = re.sub(r"\s+", " ", text.translate(QUOTES))
        for pattern in self.statements:
            match = pattern.search(flat)
            if match:
                return GRADE_PHRASES[fold(match.group("grade"))]
        return None


@dataclass(frozen=True)
class OutcomeStatement:
    """One of a framework's outcome statements (its own scale, not the four grades)."""

    slug: str
    words: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeRule:
    """A framework that states one outcome instead of grades (area SEND): the judgement slug
    the record gives it, the heading it stands under, its statements, and the phrases that say
    what follows (a priority action plan, a monitoring inspection, the next inspection)."""

    judgement: str
    label: str
    heading: str
    statements: tuple[OutcomeStatement, ...]
    follow_up: dict[str, tuple[str, ...]]  # "priority_action_plan" / "monitoring_inspection" -> phrases
    next_inspection: tuple[re.Pattern, ...]  # "{value}" marks the printed wording, "{any}" a few words


@dataclass(frozen=True)
class PartnershipRule:
    """Where a partnership's members are named, and how the ICB is told from the council."""

    name: re.Pattern  # the title, "{name}" where the partnership's name sits
    heading: str
    members: tuple[re.Pattern, ...]
    icb: tuple[str, ...]


@dataclass(frozen=True)
class PreviousRule:
    """The label of the previous inspection's dates and the words that name their parts."""

    labels: tuple[str, ...]
    parts: dict[str, tuple[str, ...]]  # "full_inspection" / "revisit" -> words before its dates
    none: tuple[str, ...]


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
    recommendation_points: tuple[str, ...]  # block kinds that, under an item, are always its sub-points
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
    lead_inspector_patterns: tuple[re.Pattern, ...] = ()  # "{name}, {role}Lead inspector"
    lead_inspector_order: tuple[str, ...] = ()  # words of a role, in the order its leads are listed ("Ofsted", "CQC")
    outcome: OutcomeRule | None = None
    partnership: PartnershipRule | None = None
    previous_inspection: PreviousRule | None = None
    addressee_verbs: tuple[str, ...] = ()  # an item's subject ends at the first of these
    addressee_sides: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slug -> words its subject holds
    responsible_body_endings: tuple[str, ...] = ()  # how a responsible-body cell's names end

    def judgement_for_heading(self, heading: str | None) -> FrameworkJudgement | None:
        """The judgement a heading (or table row) names, with any grade in it taken out."""
        if not heading:
            return None
        return next((j for j in self.judgements if j.matches_label(heading)), None)

    def is_recommendation(self, text: str) -> bool:
        return not mentions_any(text, self.recommendation_not_items)

    def ends_recommendations(self, heading: str) -> bool:
        """A heading that ends a recommendation list: one the framework file names (the
        template's next part, a lead-in to a list of strengths), or one that names a judgement."""
        return mentions_any(heading, self.recommendation_list_ends) or states_grade(heading) or self.names_judgement(heading)

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


def slot_pattern(text: str, slot: str, lazy: bool = True) -> re.Pattern:
    """A phrase from a framework file with one ``{slot}`` where a value sits (a name, members,
    the next inspection's wording), spaces matching any run of white space."""
    regex = r"\s+".join(map(re.escape, text.translate(QUOTES).split()))
    regex = regex.replace(re.escape("{any}"), r"[\w\s-]{1,40}?")
    regex = regex.replace(re.escape("{role}"), r"(?P<role>(?:[^,\n]{0,30}?,[^\S\n]*)?[^,\n]{0,30}?)")  # a role's few words: "Ofsted HMI, "
    value = (r"[^,\n]+?" if slot == "name" else ".+?") if lazy else ".+"  # a name stays on its line
    return re.compile(regex.replace(re.escape("{" + slot + "}"), rf"(?P<{slot}>{value})"), re.IGNORECASE)


def title_pattern(text: str) -> re.Pattern:
    """A title from a framework file; "{authority}" marks where the authority's name sits."""
    regex = r"\s+".join(map(re.escape, text.translate(QUOTES).split()))
    regex = regex.replace(re.escape("{authority}"), r"(?P<authority>.+?)")
    return re.compile(regex, re.IGNORECASE)


# Every key a framework file may hold, by where it stands; anything else is a mistake.
FILE_KEYS = {
    "version", "slug", "name", "detect", "titles", "grades", "judgements", "table_markers",
    "recommendations", "from_date", "until_date", "prints_published", "inspection_type", "max_days_on_site",
    "lead_inspectors", "lead_inspector_order", "outcome", "partnership", "previous_inspection",
}
OUTCOME_KEYS = {"judgement", "label", "heading", "statements", "follow_up"}
STATEMENT_KEYS = {"slug", "words", "phrases"}
FOLLOW_UP_KEYS = {"priority_action_plan", "monitoring_inspection", "next_full_inspection"}
PARTNERSHIP_KEYS = {"name", "heading", "members", "icb"}
PREVIOUS_KEYS = {"labels", "full_inspection", "revisit", "none"}
BY_SUBJECT_KEYS = {"verbs", "responsible_body_endings", "local_authority", "icb"}
REQUIRED_KEYS = ("version", "slug", "name", "detect", "grades", "judgements")
JUDGEMENT_KEYS = {"slug", "labels", "statements", "from_date", "requires_phrase", "absent_reason", "not_given", "within"}
RECOMMENDATION_KEYS = {"sections", "items", "points", "not_items", "list_ends", "timescales", "addressed_to"}
ADDRESSEE_KEYS = {"default", "opened_by", "requires_phrase", "by_subject"}
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
    by_subject = addressed_to.get("by_subject", {})
    check_keys(by_subject, BY_SUBJECT_KEYS, origin, "[recommendations.addressed_to.by_subject]")
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
        recommendation_points=tuple(recommendations.get("points", [])),
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
        lead_inspector_patterns=tuple(slot_pattern(p, "name") for p in data.get("lead_inspectors", [])),
        lead_inspector_order=tuple(data.get("lead_inspector_order", [])),
        outcome=parse_outcome(data["outcome"], origin) if "outcome" in data else None,
        partnership=parse_partnership(data["partnership"], origin) if "partnership" in data else None,
        previous_inspection=parse_previous(data["previous_inspection"], origin) if "previous_inspection" in data else None,
        addressee_verbs=tuple(by_subject.get("verbs", [])),
        addressee_sides={k: tuple(by_subject[k]) for k in ("local_authority", "icb") if k in by_subject},
        responsible_body_endings=tuple(by_subject.get("responsible_body_endings", [])),
    )


def parse_outcome(data: dict, origin: str) -> OutcomeRule:
    check_keys(data, OUTCOME_KEYS, origin, "[outcome]")
    statements = []
    for item in data.get("statements", []):
        check_keys(item, STATEMENT_KEYS, origin, f"outcome statement {item.get('slug')!r}")
        statements.append(OutcomeStatement(item["slug"], item["words"], tuple(item["phrases"])))
    follow_up = data.get("follow_up", {})
    check_keys(follow_up, FOLLOW_UP_KEYS, origin, "[outcome.follow_up]")
    return OutcomeRule(
        judgement=data["judgement"],
        label=data["label"],
        heading=data["heading"],
        statements=tuple(statements),
        follow_up={k: tuple(v) for k, v in follow_up.items() if k != "next_full_inspection"},
        next_inspection=tuple(slot_pattern(p, "value") for p in follow_up.get("next_full_inspection", [])),
    )


def parse_partnership(data: dict, origin: str) -> PartnershipRule:
    check_keys(data, PARTNERSHIP_KEYS, origin, "[partnership]")
    return PartnershipRule(
        slot_pattern(data["name"], "name", lazy=False),
        data["heading"],
        tuple(slot_pattern(m, "members") for m in data["members"]),
        tuple(data.get("icb", [])),
    )


def parse_previous(data: dict, origin: str) -> PreviousRule:
    check_keys(data, PREVIOUS_KEYS, origin, "[previous_inspection]")
    parts = {k: tuple(data.get(k, [])) for k in ("full_inspection", "revisit")}
    return PreviousRule(tuple(data["labels"]), parts, tuple(data.get("none", [])))


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
