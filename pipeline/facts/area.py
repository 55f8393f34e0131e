"""Facts of a framework that judges a partnership by one outcome (area SEND): the outcome
statement on its own scale, what follows it, the partnership's members and the previous
inspection as printed. Each reader runs only where the framework file has its section.

The outcome is read only under its heading ("Inspection outcome"): the body's prose may
echo a statement's words. No statement, or more than one, gives a null outcome with a warning.
"""

from __future__ import annotations

import re

from pipeline.facts.dates import DATE, parse_date, parse_ranges
from pipeline.facts.front import after_label, dates_run_on, heading_text
from pipeline.frameworks import Framework
from pipeline.text import QUOTES, fold, is_terminal, mentions_any
from pipeline.types import Block, Evidence, Judgement, Line, Segmented

MEMBER_SEPARATOR = re.compile(r",?\s+and\s+|,\s+|\s+&\s+")
PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


def section_blocks(blocks: list[Block], heading: str) -> list[Block]:
    """The prose blocks under the first heading that reads ``heading``, up to the next heading."""
    found: list[Block] = []
    inside = False
    for block in blocks:
        if block.kind == "heading":
            if inside:
                break
            inside = fold(block.text) == fold(heading)
            continue
        if inside:
            found.append(block)
    return found


def read_outcome(blocks: list[Block], framework: Framework) -> tuple[Judgement | None, dict | None, list[str]]:
    """The outcome as a judgement (grade: the statement's slug), what follows it, and warnings."""
    rule = framework.outcome
    if rule is None:
        return None, None, []
    under = section_blocks(blocks, rule.heading)
    stated = [
        (statement, block)
        for block in under
        for statement in rule.statements
        if mentions_any(flat(block.text), statement.phrases)
    ]
    slugs = {statement.slug for statement, _ in stated}
    warnings = []
    if len(slugs) == 1:
        statement, block = stated[0]
        judgement = Judgement(rule.judgement, statement.slug, rule.label, Evidence(block.page, flat(block.text)))
    else:
        reason = (
            f"no outcome statement found under '{rule.heading}'" if not slugs
            else f"several outcome statements under '{rule.heading}': {', '.join(sorted(slugs))}"
        )
        judgement = Judgement(rule.judgement, None, rule.label, None, reason)
        warnings.append(f"{rule.judgement}: {reason}")
    text = " ".join(flat(b.text) for b in under)
    follow_up: dict = {kind: mentions_any(text, phrases) for kind, phrases in rule.follow_up.items()}
    following = next((m for m in (p.search(text) for p in rule.next_inspection) if m), None)
    follow_up["next_full_inspection"] = following.group("value").strip() if following else None
    said = [flat(b.text) for b in under if any(mentions_any(b.text, p) for p in rule.follow_up.values())]
    follow_up["evidence"] = {"page": under[0].page, "text": " ".join(said)} if under and said else None
    if under and follow_up["next_full_inspection"] is None:
        warnings.append("follow_up: the next full inspection is not stated under the outcome")
    return judgement, follow_up, warnings


MIN_PROSE_WORDS = 8  # shorter text under a heading is a label or a table cell


def unread_sections(segmented: Segmented, framework: Framework) -> list[str]:
    """Sections above the first numbered paragraph whose prose no paragraph holds, warned of:
    in these unnumbered reports a numbered list (areas for improvement numbered 1-4) is taken
    for the start of a numbered body, and the question sections above it are left out."""
    first = next((p.block for p in segmented.paragraphs if p.number), None)
    if framework.outcome is None or first is None:
        return []
    held = {p.section for p in segmented.paragraphs}
    missed: list[str] = []
    for block in segmented.blocks[:first]:
        prose = block.kind in ("text", "bullet") and len(block.text.split()) >= MIN_PROSE_WORDS and is_terminal(block.text)
        if prose and block.section not in held and block.section not in missed:
            missed.append(block.section)
    if not missed:
        return []
    shown = ", ".join(f"'{m}'" for m in missed[:3]) + (f" and {len(missed) - 3} more" if len(missed) > 3 else "")
    return [f"sections: the prose under {shown} is in no paragraph (the body was taken to start at the numbered paragraph on page {segmented.paragraphs[0].page})"]


def partnership_name(lines: list[Line], framework: Framework) -> str | None:
    """The partnership as the front page's title names it ("Bolton Local Area Partnership")."""
    if framework.partnership is None:
        return None
    match = framework.partnership.name.search(heading_text(lines))
    return match.group("name").strip(" .,") if match else None


def read_partnership(blocks: list[Block], framework: Framework, name: str | None, area: str | None) -> tuple[dict | None, list[str]]:
    """The partnership as the title names it and its members as the sentence that says who is
    responsible names them: the council (the shortest first part that names the area) and
    every member whose name marks it as an ICB."""
    rule = framework.partnership
    if rule is None:
        return None, []
    for block in section_blocks(blocks, rule.heading):
        sentences = re.split(r"(?<=[.;])\s+", flat(block.text))
        for sentence in sentences:
            match = next((m for m in (p.search(sentence) for p in rule.members) if m), None)
            if match:
                council, icbs = members(match.group("members"), rule.icb, area)
                icbs = [spelt_out(icb, " ".join(flat(b.text) for b in section_blocks(blocks, rule.heading))) for icb in icbs]
                return {"name": name, "local_authority": council, "icb": icbs}, [] if council and icbs else [
                    "partnership: the council or the ICB could not be told apart in: " + match.group("members")
                ]
    text = " ".join(flat(b.text) for b in section_blocks(blocks, rule.heading))
    council, icbs = named_members(text, rule.icb, area)
    taken = f"; taken from the names the section gives: {council or 'no council'}, {', '.join(icbs) or 'no ICB'}" if council or icbs else ""
    return {"name": name, "local_authority": council, "icb": icbs}, [f"partnership: no sentence under '{rule.heading}' names the members{taken}"]


# A run of capitalised words, with the small words names hold ("London Borough of Richmond upon Thames").
NAME_RUN = re.compile(r"\b[A-Z][\w'’&-]*(?:\s+(?:(?:of|upon|on|and|under)\s+)?[A-Z][\w'’&-]*)*")
NOT_A_MEMBER = ("Partnership", "SEND")  # the partnership's own name, a service ("Gateshead’s SEND service")


def named_members(text: str, markers: tuple[str, ...], area: str | None) -> tuple[str | None, list[str]]:
    """Where no sentence says who is responsible, the members as the section names them: the
    first name that holds the area's and more ("Gateshead Metropolitan Borough Council", not
    "Gateshead"), and the first that reads as an ICB ("North East and North Cumbria Integrated
    Care Board became responsible ..."). The record still warns."""
    council, icb = None, None
    for match in NAME_RUN.finditer(text):
        run = re.sub(r"^The\s+", "", match.group())
        if any(word in run.split() for word in NOT_A_MEMBER) or run.endswith(("’s", "'s")):
            continue
        if icb is None and is_icb(run, markers) and run.split()[-1] in ("Board", "ICB"):
            icb = run
        elif council is None and area and not is_icb(run, markers) and fold(area) in fold(run) and len(run) > len(area):
            council = run
    return council, [icb] if icb else []


def spelt_out(icb: str, text: str) -> str:
    """An ICB the sentence names by its abbreviation ("North East and North Cumbria ICB") by its
    full name where the section spells it out ("... North East and North Cumbria Integrated Care Board (ICB)")."""
    short = re.match(r"^(.*\S)\s+ICB$", icb)
    if not short:
        return icb
    base = re.sub(r"^NHS\s+", "", short.group(1))
    full = re.search(rf"(?:NHS\s+)?{re.escape(base)}\s+Integrated\s+Care\s+Board", text)
    return flat(full.group()) if full else icb


def clean_member(text: str) -> str:
    return re.sub(r"^the\s+", "", PARENTHESIS.sub("", text).strip(" ,."), flags=re.IGNORECASE)


def is_icb(text: str, markers: tuple[str, ...]) -> bool:
    return mentions_words(text, markers)


def members(text: str, markers: tuple[str, ...], area: str | None) -> tuple[str | None, list[str]]:
    """Split "Medway Council and Kent and Medway Integrated Care Board (ICB)": names hold
    "and" themselves, so the council is the shortest leading part that names the area (else
    the first part), and the rest splits after each part that ends an ICB's name."""
    separators = list(MEMBER_SEPARATOR.finditer(text))
    cut = None
    for sep in separators:
        head = text[: sep.start()]
        if not is_icb(head, markers) and (area is None or fold(area) in fold(head.replace("&", "and"))):
            cut = sep
            break
    if cut is None and separators and not is_icb(text[: separators[0].start()], markers):
        cut = separators[0]
    council = clean_member(text[: cut.start()]) if cut else None
    rest = text[cut.end():] if cut else text
    found, start = [], 0
    for sep in MEMBER_SEPARATOR.finditer(rest):
        part = rest[start: sep.start()]
        if is_icb(part, markers):
            found.append(part)
            start = sep.end()
    found.append(rest[start:])
    return council, [clean_member(p) for p in found if is_icb(p, markers)]


def spans(text: str) -> list[dict]:
    """Every date range, and every single date outside one, in ``text`` as {start, end}."""
    ranges = parse_ranges(text)
    if ranges:
        return [{"start": s.isoformat(), "end": e.isoformat()} for s, e in ranges]
    days = [parse_date(m.group()) for m in DATE.finditer(text)]
    return [{"start": d.isoformat(), "end": d.isoformat()} for d in days if d]


def read_previous(lines: list[Line], framework: Framework) -> tuple[dict | None, list[str]]:
    """The previous inspection's dates as printed, and split into the full inspection's and the
    revisit's by the words before them (dates under no such word are the full inspection's)."""
    rule = framework.previous_inspection
    if rule is None:
        return None, []
    labels = [re.compile(r"\s+".join(map(re.escape, label.split())) + r"\s*", re.IGNORECASE) for label in rule.labels]
    printed = next((found for found in (after_label(lines, label, dates_run_on) for label in labels) if found), None)
    if printed is None:
        return None, [f"previous_inspection: no '{rule.labels[0]}' found"]
    printed = flat(printed)
    record = {"printed": printed, "full_inspection": [], "revisit": [], "none": mentions_any(printed, rule.none)}
    words = sorted(
        ((m.start(), part) for part, phrases in rule.parts.items() for p in phrases for m in re.finditer(re.escape(p), printed, re.IGNORECASE)),
    )
    marks: list[tuple[int, str]] = []
    for position, part in words:  # "previous full inspection" also holds "full inspection"
        if not marks or position > marks[-1][0] + 30 or part != marks[-1][1]:
            marks.append((position, part))
    if not marks:
        record["full_inspection"] = spans(printed)
    for index, (position, part) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(printed)
        record[part] += spans(printed[position:end])
    warnings = []
    if not record["none"] and not record["full_inspection"] and not record["revisit"]:
        warnings.append(f"previous_inspection: no dates read from '{printed}'")
    return record, warnings


def subject_of(text: str, framework: Framework) -> str:
    """An item's subject: its words before the first verb the framework file lists ("" if none)."""
    verbs = re.search(r"\b(?:" + "|".join(re.escape(v) for v in framework.addressee_verbs) + r")\b", text)
    return re.split(r"(?<=[.;:])\s+", text[: verbs.start()])[-1] if verbs else ""  # within the sentence that holds it


MAX_SUBJECT_WORDS = 8  # "Leaders across the partnership", "NHS Kent and Medway Integrated Care Board"


def further_items(text: str, framework: Framework) -> list[str]:
    """Sentences after an item's first that read as items of their own: a short capitalised
    subject and one of the framework's verbs ("... with SEND. Leaders across the partnership
    should continue ..."), the sign of table rows run together. Used to warn, not to split: an
    item may go on in a second sentence of the same kind ("Leaders should also ...")."""
    if not framework.addressee_verbs:
        return []
    verbs = "|".join(re.escape(v) for v in framework.addressee_verbs)
    opening = re.compile(rf"^([A-Z][^\s.;:]*(?:\s+[^\s.;:]+){{0,{MAX_SUBJECT_WORDS - 1}}}?)\s+(?:{verbs})\b")
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z])", " ".join(text.split()))
    return [sentence for sentence in sentences[1:] if opening.match(sentence)]


def cut_cell(text: str, framework: Framework) -> str | None:
    """The rest of a responsible-body cell that a page break cut off, read into the row's text:
    a body's name standing between two lower-case words ("... commissioning of services to
    ensure Merseyside Integrated Care Board (ICB) that children ..."), not as a subject ("...
    and the NHS Cheshire and Merseyside ICB should ..."). Used to warn: the row's
    text and addressee hold the cell's words."""
    endings = "|".join(re.escape(e) for e in framework.responsible_body_endings)
    if not endings:
        return None
    carry_on = "|".join(["and", "or", *(re.escape(v) for v in framework.addressee_verbs)])  # the name is a subject
    name = re.search(
        rf"\b[a-z][a-z,]*\s+((?:[A-Z][\w’'-]*\s+(?:and\s+)?)*?(?:{endings})\b(?:\s*\([^)]*\))?)\s+(?!(?:{carry_on})\b)[a-z]",
        " ".join(text.split()),
    )
    return name.group(1) if name else None


def addressed_by_subject(text: str, framework: Framework, cell: str = "") -> str | None:
    """Whom an item addresses by its subject (the words before its first verb): the one member
    whose side alone it names; else, in a table, the one member its responsible-body ``cell``
    names ("NHS Nottingham and Nottinghamshire Integrated Care Board" / "Leaders, including
    commissioners and providers, should ..."); else (both sides, or neither) the default."""
    if not framework.addressee_verbs:
        return None
    for words in (subject_of(text, framework), cell):
        sides = [slug for slug, names in framework.addressee_sides.items() if mentions_words(words, names)]
        if len(sides) == 1:
            return sides[0]
    return framework.default_addressee


def mentions_words(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in words)
