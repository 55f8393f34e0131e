"""Each section of the report as records show it: the judgement it belongs to (its label as
printed, its grade), or its heading as printed.

A section belongs to a judgement when its heading names the judgement or states its grade
("The experiences and progress of children in care: good", "Leadership, management and
governance are good"); when its heading names none but the line right under it does, alone
(a table's header row, "Key judgement / Judgement grade", above the row that states the
judgement) or joined to the heading (a table row whose first line was set as a heading); or
when it follows a judgement's section under a heading the framework file says stays inside
that judgement (the LSCB review's "Recommendations", "Key strengths and weaknesses"). The
sections of one judgement in a row show the label of the first. In plain text, a list's topics
stand as headings of their own (a PDF sets them as text): under a recommendation heading, a
heading that does not end the list keeps its section.
"""

from __future__ import annotations

from pipeline.facts.judgements import opens_judgement, stated_grade
from pipeline.frameworks import Framework, FrameworkJudgement, printed_label, states_grade
from pipeline.text import SENTENCE_BREAK, fold, is_terminal, mentions_any
from pipeline.types import Block, Section, SectionGrade, Segmented

MAX_ROW_WORDS = 25  # a line longer than this under a heading is prose, not a table row


def named_judgement(text: str, framework: Framework) -> FrameworkJudgement | None:
    """The judgement a heading or row names, with or without a grade."""
    stated = stated_grade(text, framework)
    return framework.judgement_for_heading(text) or (stated[0] if stated else None)


def is_row(block: Block | None) -> bool:
    return block is not None and block.kind in ("text", "row") and len(block.text.split()) <= MAX_ROW_WORDS and not is_terminal(block.text)


def section_judgement(section: Section, blocks: tuple[Block, ...], framework: Framework) -> tuple[FrameworkJudgement | None, str]:
    """The judgement a section belongs to by its own heading and first line, and its label."""
    judgement = named_judgement(section.heading, framework)
    if judgement:
        return judgement, printed_label(section.heading) if judgement.labels else section.heading
    first = blocks[section.start + 1] if section.start + 1 < len(blocks) else None
    second = blocks[section.start + 2] if section.start + 2 < len(blocks) else None
    if not is_row(first):
        return None, section.heading
    joined = f"{section.heading} {first.text}"
    if stated_grade(joined, framework):
        return named_judgement(joined, framework), printed_label(joined)
    single_row = not (is_row(second) and stated_grade(second.text, framework))  # not a table of several judgements
    if single_row and stated_grade(first.text, framework):
        return named_judgement(first.text, framework), printed_label(first.text)
    return None, section.heading


def named_topic(blocks: tuple[Block, ...], index: int, framework: Framework) -> bool:
    """Plain text: a heading named like a judgement but stating no grade, right above a
    recommendation item, is a topic of the list it stands in ("Leadership, management and
    governance" under "Priority and immediate action")."""
    following = next((b for b in blocks[index + 1 :] if b.kind != "heading"), None)
    return (
        following is not None
        and following.kind in framework.recommendation_items
        and not opens_judgement(blocks, index, framework)
    )


def section_grades(segmented: Segmented, framework: Framework | None, grades: dict[str, str | None]) -> dict[int, SectionGrade]:
    """Section label and grade by the index of the section's heading block."""
    if framework is None:
        return {s.start: SectionGrade(s.heading, None) for s in segmented.sections}
    lists = {fold(s) for s in framework.recommendation_sections}
    typeset = segmented.document.source.format == "pdf"
    first_paragraph = next((i for i, b in enumerate(segmented.blocks) if b.kind == "numbered"), len(segmented.blocks))
    result: dict[int, SectionGrade] = {}
    current: tuple[FrameworkJudgement, str] | None = None
    open_list = False  # plain text: under a recommendation heading, whose topics stand as headings
    previous: int | None = None  # the last section that is not such a topic
    for section in segmented.sections:
        heading = section.heading
        is_list = fold(heading) in lists
        ends = mentions_any(heading, framework.recommendation_list_ends) or states_grade(heading) or (
            framework.names_judgement(heading) and not named_topic(segmented.blocks, section.start, framework)
        )
        if open_list and not is_list and not ends and previous is not None:
            result[section.start] = result[previous]  # a topic of the list, as a PDF sets it in text
            continue
        open_list = is_list and not typeset
        judgement, label = section_judgement(section, segmented.blocks, framework)
        if judgement:
            if not (current and current[0] is judgement):  # a judgement's next heading keeps its first label
                current = (judgement, label)
        elif current and current[0].keeps(heading):
            pass  # one of the judgement's own headings
        elif current and not (typeset or is_list or ends or ends) and section.start > first_paragraph:
            pass  # plain text: a topic inside the judgement's section (a topic states no grade)
        else:
            current = None
        result[section.start] = SectionGrade(current[1], grades.get(current[0].slug)) if current else SectionGrade(label, None)
        previous = section.start
    return result


def statement_lines(segmented: Segmented, framework: Framework, statements: list[tuple[str, dict]]) -> dict[int, FrameworkJudgement]:
    """The body's lines (not headings) that state a judgement's grade on their own ("The graded
    judgement for adoption performance is that it is good." set in a box, not as a heading),
    by block index: each opens that judgement's part of its section."""
    first_paragraph = next((i for i, b in enumerate(segmented.blocks) if b.kind == "numbered"), len(segmented.blocks))
    by_slug = {j.slug: j for j in framework.judgements}
    return {
        place["block"]: by_slug[slug]
        for slug, place in statements
        if place["block"] > first_paragraph
        and segmented.blocks[place["block"]].kind in ("text", "row")
        and len(segmented.blocks[place["block"]].text.split()) <= MAX_ROW_WORDS
        and not SENTENCE_BREAK.search(segmented.blocks[place["block"]].text.rstrip(". "))
    }


def unread_grade_headings(segmented: Segmented, framework: Framework | None, placed: tuple[SectionGrade, ...]) -> list[str]:
    """Warnings for section headings that state a grade no judgement of the framework was read
    from ("The experiences of children in care: outstanding", a label misprinted): their
    paragraphs carry no section grade, and the reader should know why."""
    if framework is None:
        return []
    found = []
    for section in segmented.sections:
        heading = section.heading.rstrip(" .")
        if not states_grade(heading) or framework.names_judgement(heading):
            continue
        if any(p.section_start == section.start for p in segmented.paragraphs):
            found.append(f"section '{section.heading}' states a grade but names no judgement of {framework.slug}: its paragraphs have no section_grade")
    return found


def paragraph_sections(
    segmented: Segmented, framework: Framework | None, grades: dict[str, str | None], statements: list[tuple[str, dict]] = ()
) -> tuple[SectionGrade, ...]:
    """Each paragraph's section and grade; a paragraph above every section heading has none.
    After a line that states a judgement's grade, the rest of its section is that judgement's."""
    by_start = section_grades(segmented, framework, grades)
    lines = statement_lines(segmented, framework, list(statements)) if framework else {}
    marks = sorted(lines)
    placed = []
    for p in segmented.paragraphs:
        if p.section_start is None:
            placed.append(SectionGrade(None, None))
            continue
        before = [m for m in marks if p.section_start < m < p.block]
        if before:
            judgement = lines[before[-1]]
            placed.append(SectionGrade(printed_label(segmented.blocks[before[-1]].text), grades.get(judgement.slug)))
        else:
            placed.append(by_start[p.section_start])
    return tuple(placed)
