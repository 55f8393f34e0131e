"""Judgements and their grades, read where the report states them.

A judgement is stated where its printed label stands with a grade: a row of the judgement
table (read from its ruling lines, so wrapped cells stay whole), a heading that carries the
grade ("...help and protection: good"), a heading followed by a grade line ("The quality of
practice" / "Adequate"), or a sentence the framework file names ("The Local Safeguarding
Children Board is good"). Every place is collected; if they disagree the grade is null and
``warnings`` says where. A judgement found nowhere gets grade null and a reason, never a guess.
"""

from __future__ import annotations

from pipeline.frameworks import NOT_JUDGED, Framework, FrameworkJudgement, grades_in, is_grade_line, printed_label
from pipeline.frameworks.loader import GRADE_PATTERN
from pipeline.resources import data_toml
from pipeline.text import fold, mentions_any
from pipeline.types import Block, Evidence, Judgement, Table

STATEMENT_KINDS = ("heading", "row", "text", "numbered")
MAX_STATEMENT_WORDS = 40  # a statement is a short line or heading, not a body paragraph
MAX_TABLE_WORDS = 150  # a judgement table run together into one block (up to seven rows)


def stated_grade(text: str, framework: Framework) -> tuple[FrameworkJudgement, str | None] | None:
    """The judgement and grade a table row, heading or short line states, if any; the grade
    is None where the report says the judgement was not judged."""
    if NOT_JUDGED.search(text) and not grades_in(text):
        judgement = framework.judgement_for_heading(text)
        return (judgement, None) if judgement else None
    grades = {g for g in grades_in(text) if g in framework.grades}
    if len(grades) == 1:
        judgement = framework.judgement_for_heading(text)
        if judgement:
            return judgement, grades.pop()
    for judgement in framework.judgements:
        grade = judgement.stated_grade(text)
        if grade in framework.grades:
            return judgement, grade
    return None


def table_statements(tables: tuple[Table, ...], framework: Framework) -> list[tuple[str, dict]]:
    found = []
    for table in tables:
        for row in table.rows:
            text = " ".join(cell for cell in row if cell)
            stated = stated_grade(text, framework) if text else None
            if stated:
                judgement, grade = stated
                found.append((judgement.slug, {"grade": grade, "label": printed_label(text), "page": table.page, "text": text}))
    return found


def table_rows(text: str) -> list[str]:
    """A judgement table whose rows ran together into one block of text ("The impact of
    leaders ... Good The experiences and progress of ... Outstanding Overall effectiveness
    Good"): the pieces that each end with a grade. A single piece when there is one grade."""
    ends = [m.end() for m in GRADE_PATTERN.finditer(text)]
    if len(ends) < 2 or text[ends[-1]:].strip(" .)"):
        return [text]
    return [text[a:b].strip() for a, b in zip([0, *ends], ends)]


def opens_judgement(blocks: list[Block] | tuple[Block, ...], index: int, framework: Framework) -> bool:
    """Does the heading at ``index`` open a judgement's section: it names a judgement and
    states its grade, itself or on the line after it ("... help and protection" / "Good")?"""
    heading = blocks[index].text
    if grades_in(heading) and framework.names_judgement(heading):
        return True
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and framework.names_judgement(heading) and (
        is_grade_line(following.text) or bool(stated_grade(f"{heading} {following.text}", framework))
    )


def block_statements(blocks: list[Block], framework: Framework) -> list[tuple[str, dict]]:
    """(judgement slug, place) for every block that states a judgement's grade: a table row,
    a heading, a short line; ``place`` holds the grade, label, page, text and block index."""
    found = []
    earlier = data_toml("pipeline.facts", "previous.toml")["headings"]
    for index, block in enumerate(blocks):
        if block.kind not in STATEMENT_KINDS or len(block.text.split()) > MAX_TABLE_WORDS:
            continue
        if block.section and mentions_any(block.section, earlier):
            continue  # an earlier inspection's grades
        rows = table_rows(block.text)
        if len(rows) > 1:  # table rows run together: each piece that names a judgement states its grade
            stated_rows = [(row, stated_grade(row, framework)) for row in rows]
            if any(stated for _, stated in stated_rows):
                for row, stated in stated_rows:
                    if stated:
                        found.append((stated[0].slug, {"grade": stated[1], "label": printed_label(row), "page": block.page, "text": row, "block": index}))
            continue
        if len(block.text.split()) > MAX_STATEMENT_WORDS:
            continue
        stated = stated_grade(block.text, framework)
        if stated:
            judgement, grade = stated
            found.append((judgement.slug, {"grade": grade, "label": printed_label(block.text), "page": block.page, "text": block.text, "block": index}))
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        judgement = framework.judgement_for_heading(block.text)
        if judgement and following is not None and is_grade_line(following.text):
            grades = {g for g in grades_in(following.text) if g in framework.grades}
            if len(grades) == 1:
                text = f"{block.text}\n{following.text}"
                found.append((judgement.slug, {"grade": grades.pop(), "label": block.text, "page": block.page, "text": text, "block": index}))
    return found


def read_judgements(
    statements: list[tuple[str, dict]], tables: tuple[Table, ...], framework: Framework, front_text: str,
    inspection_start: str | None,
) -> tuple[tuple[Judgement, ...], list[str]]:
    """One judgement per judgement the framework gives at that date, in the framework's order,
    from the blocks' statements (``block_statements``) and the tables. Its label is the
    heading as printed: the first place that prints one of the framework's headings for it,
    else the framework's first heading (a grade stated in a sentence, "Children's services in
    Darlington are good", prints no heading of its own)."""
    places: dict[str, list[dict]] = {j.slug: [] for j in framework.judgements}
    for slug, place in table_statements(tables, framework) + statements:
        places[slug].append(place)
    judgements, warnings = [], []
    folded_front = fold(front_text)
    for judgement in framework.judgements:
        if judgement.from_date and inspection_start and inspection_start < judgement.from_date:
            continue  # not a judgement of the framework at the time of this inspection
        label = (judgement.labels or (judgement.slug.replace("_", " ").capitalize(),))[0]
        found = places[judgement.slug]
        if found:
            label = next((p["label"] for p in found if judgement.matches_label(p["label"])), label)
        if judgement.not_given:
            judgements.append(Judgement(judgement.slug, None, label, None, judgement.absent_reason))
        elif not found and judgement.requires_phrase and fold(judgement.requires_phrase) not in folded_front:
            judgements.append(Judgement(judgement.slug, None, label, None, judgement.absent_reason))
        elif not found:
            judgements.append(Judgement(judgement.slug, None, label, None, "no grade for this judgement was found in the report"))
            warnings.append(f"judgement {judgement.slug}: no grade found in the report")
        else:
            grades = {place["grade"] for place in found}
            first = found[0]
            evidence = Evidence(first["page"], first["text"])
            if grades == {None}:
                judgements.append(Judgement(judgement.slug, None, label, evidence, "the report states that it was not judged"))
            elif len(grades) == 1:
                judgements.append(Judgement(judgement.slug, first["grade"], label, evidence))
            else:
                detail = "; ".join(f"{p['grade']} on page {p['page']}" for p in found)
                reason = f"the report states different grades ({detail})"
                judgements.append(Judgement(judgement.slug, None, label, evidence, reason))
                warnings.append(f"judgement {judgement.slug}: {reason}")
    return tuple(judgements), warnings
