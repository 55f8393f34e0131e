"""Every quantity stated in a paragraph, as :class:`~pipeline.types.Statistic` records.

Units, a small fixed vocabulary:

==========================  ==============================================================
``count``                   how many of something; ``text`` keeps what is counted when a
                            noun phrase follows ("35,800 children and young people")
``percent``                 "23%", "36.9%", "20 per cent"
``GBP``                     money, scaled to pounds ("£1.2 million" -> 1200000.0)
``per_10000``               rates ("52 per 10,000 children"); also ``per_1000``, ``per_100000``
``hours`` ``days``          durations ("within 20 working days", "18 months",
``weeks`` ``months``        "a three-month period")
``years``
==========================  ==============================================================

Number words one..twenty are read like digits wherever digits are ("two social work teams",
"five per cent", "three months"). Not statistics, and claimed before anything else can read
them: paragraph numbers, years and year ranges ("since 2001", "2011/12"), dates ("7 January"),
references ("section 47", "paragraph 96", "key stage 2", "Children Act 1989"), ordinals, and
ages ("aged under five years", "17 years of age", "16- and 17-year-olds", "turn 18"). Ages are
skipped rather than given a unit: they say who is counted, not how many or how long.

What counts as a quantity, what is skipped, and the named measures (``name``: e.g.
``child_protection_plans``) are data in ``lexicons/measures.toml``; this module only applies them. A
name needs a cue close to the number (a few tokens, same clause), so a long sentence that
mentions looked after children somewhere does not name every number in it.

The ``statistics`` component of the pipeline's Language (``components.py``) calls
:func:`statistics_from_doc` on each paragraph's doc; :func:`find_statistics` is the same for a
list of paragraphs outside the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _casefix as sre_casefix  # letters the regex engine folds beyond their lower case
from re import _parser as sre  # the regex parser: what a pattern needs to match (number_precheck)
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipeline.nlp.language import build_language
from pipeline.resources import data_toml
from pipeline.types import Paragraph, Statistic

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
AGES = "1[0-9]|2[0-5]|sixteen|seventeen|eighteen|nineteen|twenty"
WORD_AFTER = re.compile(r"\s+([A-Za-z](?:[\w'’-]*\w)?)")


@dataclass(frozen=True)
class Quantity:
    unit: str  # "" = claim the text, make no statistic
    regex: re.Pattern
    # lower-case strings one of which is in every text the pattern matches (read from the
    # pattern by ``required_text``), so a paragraph holding none is not scanned; None: no such set
    needs: tuple[str, ...] | None = None

    def may_match(self, lowered: str) -> bool:
        """Whether the pattern can match the text whose lower case is ``lowered``."""
        return self.needs is None or any(needed in lowered for needed in self.needs)


@dataclass(frozen=True)
class Measure:
    name: str
    unit: str
    cues: re.Pattern
    context: re.Pattern | None
    exclude: re.Pattern | None
    exclude_before: re.Pattern | None
    nouns: re.Pattern | None
    bare: bool
    before: int
    after: int


@dataclass(frozen=True)
class Rules:
    quantities: tuple[Quantity, ...]
    words: dict[str, int]
    scales: dict[str, float]
    noun_stop: frozenset[str]
    noun_join: frozenset[str]
    noun_verbs: frozenset[str]
    noun_plural: frozenset[str]
    compound_heads: frozenset[str]
    max_noun_words: int
    measures: tuple[Measure, ...]
    anaphora: frozenset[str]
    veto: re.Pattern
    before_stops: frozenset[str]
    after_stops: frozenset[str]
    bare_followers: frozenset[str]
    exclude_reach: int
    # a digit, or a number word after a non-word character: every quantity pattern needs one,
    # so a paragraph without (most of them) is skipped; None if a pattern could match without
    may_hold: re.Pattern | None = None


@dataclass(frozen=True)
class Found:
    """A quantity matched in the text, before it becomes a Statistic."""

    start: int
    end: int
    value: float
    unit: str
    noun: str  # what a count counts, lower case; "" for a bare number and other units


def phrases(items: list[str] | None) -> re.Pattern | None:
    """Cue list -> one regex; whole words, any whitespace where the cue has a space."""
    if not items:
        return None
    spaced = [re.sub(r"\[[^\]]*\]| ", lambda m: m.group() if m.group() != " " else r"\s+", item) for item in items]
    return re.compile(r"\b(?:" + "|".join(f"(?:{s})" for s in spaced) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile ``lexicons/measures.toml`` once per process."""
    data = data_toml("pipeline.nlp.lexicons", "measures.toml")
    words = data["numbers"]["words"]
    word_alt = "|".join(sorted(words, key=len, reverse=True))
    number = rf"(?<![\w.,%/)\]])(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|(?:{word_alt})\b)"
    fill = {
        "{N}": number,
        "{WORD}": rf"(?:{word_alt})",
        "{AGE}": rf"(?:{AGES})(?!\d|[.,]\d)\b",
        "{MONTH}": rf"(?-i:{MONTHS})",
    }

    def expand(pattern: str) -> re.Pattern:
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        return re.compile(pattern, re.IGNORECASE)

    naming, nouns = data["naming"], data["nouns"]
    measures = tuple(
        Measure(
            name=m["name"],
            unit=m["unit"],
            cues=phrases(m["cues"]),
            context=phrases(m.get("context")),
            exclude=phrases(m.get("exclude")),
            exclude_before=phrases(m.get("exclude_before")),
            nouns=re.compile("(?:" + "|".join(m["nouns"]) + ")", re.IGNORECASE) if m.get("nouns") else None,
            bare=m.get("bare", True),
            before=m.get("before", naming["before"]),
            after=m.get("after", naming["after"]),
        )
        for m in data["measure"]
    )
    regexes = [(q["unit"], expand(q["pattern"])) for q in data["quantity"]]
    quantities = tuple(Quantity(unit, regex, required_text(regex)) for unit, regex in regexes)
    return Rules(
        quantities=quantities,
        words=words,
        scales={k.lower(): float(v) for k, v in data["numbers"]["scales"].items()},
        noun_stop=frozenset(nouns["stop"]),
        noun_join=frozenset(nouns["join"]),
        noun_verbs=frozenset(nouns["verbs"]),
        noun_plural=frozenset(nouns["plural"]),
        compound_heads=frozenset(nouns["compound_heads"]),
        max_noun_words=nouns["max_words"],
        measures=measures,
        anaphora=frozenset(naming["anaphora"]),
        veto=phrases(naming["veto"]),
        before_stops=frozenset(naming["before_stops"]),
        after_stops=frozenset(naming["after_stops"]),
        bare_followers=frozenset(naming["bare_followers"]),
        exclude_reach=naming["exclude_reach"],
        may_hold=number_precheck(quantities, tuple(w.lower() for w in words)),
    )


DIGIT = re.compile(r"\d")
WORD_CHAR = re.compile(r"\w")
FOLDS_BEYOND_LOWER = frozenset(sre_casefix._EXTRA_CASES)  # i, s and the like: matched by other letters too


def needs_number(items, words: tuple[str, ...], after_non_word: bool = False) -> bool:
    """Does every match of a parsed regex (``re._parser`` items) hold a digit, or a number word
    (one of ``words``) right after a non-word character? Conservative: False where unsure, so
    the pre-check it licenses is never narrower than the patterns."""
    index = 0
    while index < len(items):
        op, arg = items[index]
        if op is sre.LITERAL and chr(arg).isalpha():
            run = index
            while run < len(items) and items[run][0] is sre.LITERAL and chr(items[run][1]).isalpha():
                run += 1
            if after_non_word and "".join(chr(a) for _, a in items[index:run]).lower().startswith(words):
                return True
            index, after_non_word = run, False
            continue
        if op is sre.LITERAL:
            if DIGIT.fullmatch(chr(arg)):
                return True
            after_non_word = not WORD_CHAR.fullmatch(chr(arg))
        elif op is sre.IN:
            if all(is_digit_item(member) for member in arg):
                return True
            after_non_word = all(is_non_word_item(member) for member in arg)
        elif op is sre.AT:
            after_non_word = arg in (sre.AT_BOUNDARY, sre.AT_BEGINNING_STRING)
        elif op is sre.ASSERT_NOT:
            direction, inner = arg
            if direction < 0 and len(inner) == 1 and inner[0][0] is sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in inner[0][1]:
                after_non_word = True  # (?<![\w...]): what comes before is not a word character
        elif op is sre.ASSERT:
            pass  # a lookahead consumes nothing
        elif op is sre.SUBPATTERN:
            if needs_number(arg[-1], words, after_non_word):
                return True
            after_non_word = False
        elif op is sre.BRANCH:
            if all(needs_number(branch, words, after_non_word) for branch in arg[1]):
                return True
            after_non_word = False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, inner = arg
            if low >= 1 and needs_number(inner, words, after_non_word):
                return True
            after_non_word = False
        else:
            after_non_word = False
        index += 1
    return False


def required_text(regex: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``regex`` holds, or None where none can be
    read from it. Conservative, like ``needs_number``: a literal run stops at a character the
    regex engine folds to others beyond its lower case ("s" also matches "ſ"), and anything the
    reading does not know contributes nothing, so the set is never narrower than the pattern."""
    try:
        return literals_of(sre.parse(regex.pattern, regex.flags))
    except Exception:  # a construct the private parser reads differently: scan every paragraph
        return None


def literals_of(items) -> tuple[str, ...] | None:
    """The most selective requirement of one parsed sequence: among its literal runs and the
    requirements of its groups, branches and repeats, the one whose shortest string is longest."""
    candidates: list[tuple[str, ...]] = []
    run = ""
    for op, arg in list(items) + [(None, None)]:
        char = chr(arg).lower() if op is sre.LITERAL else ""
        if char and len(char) == 1 and ord(char) not in FOLDS_BEYOND_LOWER:
            run += char
            continue
        if run:
            candidates.append((run,))
            run = ""
        inner = None
        if op is sre.SUBPATTERN:
            inner = literals_of(arg[-1])
        elif op is sre.ATOMIC_GROUP:
            inner = literals_of(arg)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            inner = literals_of(arg[2])
        elif op is sre.BRANCH:
            branches = [literals_of(branch) for branch in arg[1]]
            if all(branches):
                inner = tuple(sorted({text for branch in branches for text in branch}))
        if inner:
            candidates.append(inner)
    return max(candidates, key=lambda texts: min(map(len, texts)), default=None)


def is_digit_item(member) -> bool:
    op, arg = member
    return (
        (op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT)
        or (op is sre.LITERAL and bool(DIGIT.fullmatch(chr(arg))))
        or (op is sre.RANGE and all(DIGIT.fullmatch(chr(c)) for c in range(arg[0], arg[1] + 1)))
    )


def is_non_word_item(member) -> bool:
    op, arg = member
    return (op is sre.CATEGORY and arg in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)) or (
        op is sre.LITERAL and not WORD_CHAR.fullmatch(chr(arg))
    )


def number_precheck(quantities: tuple[Quantity, ...], words: tuple[str, ...]) -> re.Pattern | None:
    """A regex that finds something in every text a statistic can come from: a digit, or a
    number word after a non-word character. Derived from the patterns themselves: each pattern
    that makes statistics (a unit; the others only claim text) must be seen to need one, so a
    pattern added to measures.toml that does not turns the pre-check off rather than being
    silently skipped."""
    try:
        proven = all(needs_number(sre.parse(q.regex.pattern, q.regex.flags), words) for q in quantities if q.unit)
    except Exception:  # a construct the private parser reads differently: no pre-check
        return None
    if not proven:
        return None
    return re.compile(r"\d|(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")", re.IGNORECASE)


def number_value(text: str, rules: Rules) -> float:
    return float(rules.words.get(text.lower()) or text.replace(",", ""))


def is_head(word: str, rules: Rules) -> bool:
    """A plural noun, the likely end of what is counted (no tagger: a spelling test)."""
    if word in rules.noun_plural:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def counted_noun(text: str, end: int, single: bool, rules: Rules) -> int:
    """Where the noun phrase after a count ends (see ``[nouns]`` in measures.toml)."""
    words: list[tuple[str, int]] = []
    position = end
    while len(words) < rules.max_noun_words and (match := WORD_AFTER.match(text, position)):
        word = match.group(1)
        if not words and word[0].isupper():
            break
        word = word.lower()
        if word in rules.noun_stop or word in rules.noun_verbs or word in rules.words:
            break
        words.append((word, match.end()))
        position = match.end()
    stop, closed = end, False
    for word, word_end in words:
        if word in rules.noun_join:
            closed = False
            continue
        if (closed and word not in rules.compound_heads) or (single and stop > end and word.endswith(("ed", "ing"))):
            break
        if single or closed or is_head(word, rules):
            stop = word_end
        closed = closed or is_head(word, rules)
    return stop


def find_quantities(text: str, rules: Rules) -> list[Found]:
    """All quantities in ``text``; each pattern in turn claims text the earlier ones left."""
    if rules.may_hold is not None and not rules.may_hold.search(text):
        return []
    claimed = bytearray(len(text))  # 1 where a pattern has taken the character
    found: list[Found] = []
    lowered = text.lower()
    for quantity in rules.quantities:
        if not quantity.may_match(lowered):
            continue
        for match in quantity.regex.finditer(text):
            start, end = match.span()
            if start == end or any(claimed[start:end]):
                continue
            claimed[start:end] = b"\1" * (end - start)
            if not quantity.unit:
                continue
            groups = match.groupdict()
            value = number_value(groups["n"], rules) * rules.scales.get((groups.get("scale") or "").lower(), 1.0)
            unit = quantity.unit.format(
                base=(groups.get("base") or "").replace(",", ""), unit=(groups.get("unit") or "").lower() + "s"
            )
            noun = ""
            if unit == "count":
                noun_end = counted_noun(text, end, value == 1, rules)
                noun = text[end:noun_end].strip().lower()
                claimed[end:noun_end], end = b"\1" * (noun_end - end), noun_end
            found.append(Found(start, end, value, unit, noun))
    return sorted(found, key=lambda f: f.start)


def window(doc: Doc, text: str, span: Span, low: int, high: int, before: int, after: int, rules: Rules) -> tuple[int, int]:
    """Character bounds of the text a measure's cues are looked for in: up to ``before`` and
    ``after`` tokens either side of the statistic, inside its clause and the token bounds."""
    first = span.start
    while first > low and span.start - first < before and doc[first - 1].lower_ not in rules.before_stops:
        first -= 1
    last = span.end
    bracketed = text[max(0, span.start_char - 8) : span.start_char].rstrip().endswith("(")
    while not bracketed and last < high and last - span.end < after and doc[last].text not in rules.after_stops:
        last += 1
    start = doc[first].idx if first < span.start else span.start_char
    end = doc[last - 1].idx + len(doc[last - 1]) if last > span.end else span.end_char
    return start, end


def sentence_of(doc: Doc, span: Span) -> Span:
    """The sentence holding ``span``; the whole doc if the pipeline set no sentence boundaries."""
    return span.sent if doc.has_annotation("SENT_START") else doc[:]


def context_text(doc: Doc, sentence: Span, rules: Rules) -> str:
    """The sentence, and the one before it when this one opens with "This is ..." and the like."""
    if sentence.start > 0 and sentence[0].lower_ in rules.anaphora:
        return doc[sentence.start - 1].sent.text + " " + sentence.text
    return sentence.text


def measure_name(doc: Doc, text: str, found: Found, span: Span, low: int, high: int, rules: Rules) -> str | None:
    """The named measure whose cue is nearest the number, if exactly one is nearest. ``text`` is
    ``doc.text`` (spaCy rebuilds it on every access); ``low`` and ``high`` are the token bounds
    cues may come from (the sentence, the neighbouring statistics)."""
    sentence = sentence_of(doc, span)
    if rules.veto.search(sentence.text):
        return None
    bare = found.unit == "count" and not found.noun
    if bare and (span.end >= len(doc) or doc[span.end].lower_ not in rules.bare_followers):
        return None
    matches: list[tuple[int, str]] = []
    for measure in rules.measures:
        if measure.unit != found.unit:
            continue
        if measure.nouns and not (measure.bare if bare else measure.nouns.fullmatch(found.noun)):
            continue
        start, end = window(doc, text, span, low, high, measure.before, measure.after, rules)
        # exclusions look a little further, past any next statistic
        exclude_end = window(doc, text, span, low, sentence.end, measure.before, measure.after + rules.exclude_reach, rules)[1]
        if measure.exclude and measure.exclude.search(text[start:exclude_end]):
            continue
        if measure.exclude_before and measure.exclude_before.search(text[start : found.start]):
            continue
        if measure.context and not measure.context.search(context_text(doc, sentence, rules)):
            continue
        at, to = found.start - start, found.end - start
        distances = [max(at - cue.end(), cue.start() - to, 0) for cue in measure.cues.finditer(text[start:end])]
        if distances:
            matches.append((min(distances), measure.name))
    matches.sort()
    if not matches or (len(matches) > 1 and matches[0][0] == matches[1][0]):
        return None
    return matches[0][1]


def statistics_from_doc(doc: Doc, paragraph_number: str | None, text: str | None = None) -> list[Statistic]:
    """The statistics in one already processed paragraph (needs sentence boundaries).
    ``text``: the paragraph's text, when at hand (``doc.text`` rebuilds it from the tokens)."""
    rules = load_rules()
    text = doc.text if text is None else text
    found = find_quantities(text, rules)
    spans = [doc.char_span(f.start, f.end, alignment_mode="expand") for f in found]
    statistics = []
    for index, (item, span) in enumerate(zip(found, spans)):
        sentence = sentence_of(doc, span)
        low = max(sentence.start, spans[index - 1].end if index else 0)
        high = min(sentence.end, spans[index + 1].start if index + 1 < len(spans) else len(doc))
        statistics.append(
            Statistic(
                value=item.value,
                unit=item.unit,
                text=text[item.start : item.end],
                sentence=sentence.text.strip(),
                paragraph=paragraph_number,
                name=measure_name(doc, text, item, span, low, high, rules),
            )
        )
    return statistics


def find_statistics(paragraphs: Sequence[Paragraph]) -> list[Statistic]:
    """Statistics of every paragraph, in order, from the pipeline's Language (tokens and
    sentences only: the other components are not needed for this)."""
    nlp = build_language()
    docs = nlp.pipe((p.text for p in paragraphs), disable=["entity_ruler", "statistics", "themes_stance"])
    return [s for paragraph, doc in zip(paragraphs, docs) for s in statistics_from_doc(doc, paragraph.number, paragraph.text)]
