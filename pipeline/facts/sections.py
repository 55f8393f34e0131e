"""Each section of the report as records show it: the judgement it belongs to (its label as
printed, its grade), or its heading as printed.

A section belongs to a judgement when its heading names the judgement or states its grade
("The experiences and progress of children in care: good", "Leadership, management and
governance are good"); when its heading names none but the line right under it does, alone
(a table's header row, "Key judgement / Judgement grade", above the row that states the
judgement) or joined to the heading (a table row whose first line was set as a heading); or
when it follows a judgement's section under a heading the framework file says stays inside
that judgement (the LSCB review's "Recommendations", "Key strengths and weaknesses"). The
sections of one judgement in a row show the label of the first.
"""

from __future__ import annotations

from pipeline.facts.judgements import stated_grade
from pipeline.frameworks import Framework, FrameworkJudgement, printed_label
from pipeline.text import is_terminal
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


def section_grades(segmented: Segmented, framework: Framework | None, grades: dict[str, str | None]) -> dict[int, SectionGrade]:
    """Section label and grade by the index of the section's heading block."""
    result: dict[int, SectionGrade] = {}
    current: tuple[FrameworkJudgement, str] | None = None
    for section in segmented.sections:
        if framework is None:
            result[section.start] = SectionGrade(section.heading, None)
            continue
        judgement, label = section_judgement(section, segmented.blocks, framework)
        if judgement:
            if not (current and current[0] is judgement):  # a judgement's next heading keeps its first label
                current = (judgement, label)
        elif not (current and current[0].keeps(section.heading)):
            current = None
        if current:
            result[section.start] = SectionGrade(current[1], grades.get(current[0].slug))
        else:
            result[section.start] = SectionGrade(label, None)
    return result


def paragraph_sections(segmented: Segmented, framework: Framework | None, grades: dict[str, str | None]) -> tuple[SectionGrade, ...]:
    """Each paragraph's section and grade; a paragraph above every section heading has none."""
    by_start = section_grades(segmented, framework, grades)
    return tuple(SectionGrade(None, None) if p.section_start is None else by_start[p.section_start] for p in segmented.paragraphs)
