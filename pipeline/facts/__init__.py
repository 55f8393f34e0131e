"""Segmented -> Facts: what the report states about itself, read by the rules its framework
file names. Nothing is guessed: what is not found is None with a warning."""

from __future__ import annotations

from datetime import date

from pipeline.facts.front import first_page_lines, front_lines, inspection_dates, lead_inspector, local_authority, published
from pipeline.facts.judgements import read_judgements
from pipeline.facts.recommendations import read_recommendations
from pipeline.facts.urn import find_urn
from pipeline.frameworks import Framework, detect_framework, without_grades
from pipeline.segment.paragraphs import is_section_heading
from pipeline.types import Block, Facts, Segmented


def inspection_type(framework: Framework, start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """Short or standard from the days on site, for frameworks that have both; and how."""
    if framework.short_max_days is None:
        return None, None
    if not (start and end):
        return None, "inspection type not derived: the inspection dates were not found"
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    if days <= framework.short_max_days:
        kind = "short"
    elif days <= framework.standard_max_days:
        kind = "standard"
    else:
        return None, f"inspection type not derived: {days} days on site fits neither a short nor a standard inspection"
    return kind, f"derived from the inspection dates: {days} days from first to last day on site ({kind})"


def paragraph_sections(blocks: list[Block], segmented: Segmented, framework: Framework | None, grades: dict) -> list:
    """(section, grade) per paragraph: a judgement's section runs from its heading to the next
    heading that is not one of its sub-headings ("Summary", "Inspection findings")."""
    current: tuple[str | None, str | None] = (None, None)
    by_block: list[tuple[str | None, str | None]] = []
    for block in blocks:
        if is_section_heading(block):
            if framework is None:
                current = (block.text, None)
            elif not framework.is_subsection(block.text):
                judgement = framework.judgement_for_heading(block.text) or next(
                    (j for j in framework.judgements if j.stated_grade(block.text)), None
                )
                label = without_grades(block.text) if judgement and judgement.labels else block.text
                current = (label, grades.get(judgement.slug) if judgement else None)
        by_block.append(current)
    # A paragraph with no section (an ILACS summary above "What needs to improve?") has none here either.
    return [(None, None) if p.section is None else by_block[p.block] for p in segmented.paragraphs]


def read_facts(segmented: Segmented) -> Facts:
    document = segmented.document
    lines = front_lines(document)
    front_text = "\n".join(line.text for line in lines)
    dates = inspection_dates(lines)
    title_text = "\n".join(line.text for line in first_page_lines(document))
    framework, problem = detect_framework(title_text, dates[0] if dates else None)
    facts = Facts(warnings=[problem] if problem else [])
    facts.framework = framework.slug if framework else None
    facts.local_authority = local_authority(lines, framework)
    facts.urn, facts.urn_source = find_urn(front_text, document.source.path)
    if dates:
        facts.inspection_start, facts.inspection_end, note = dates
        facts.warnings += [note] if note else []
    facts.lead_inspector = lead_inspector(lines) or lead_inspector(document.lines())
    facts.published = published(lines)
    expected = [
        ("local_authority", facts.local_authority),
        ("inspection dates", dates),
        ("lead_inspector", facts.lead_inspector),
    ]
    if framework is None or framework.prints_published:
        expected.append(("published", facts.published))
    else:
        facts.evidence["published"] = f"not printed in {framework.slug} reports"
    for field, value in expected:
        if value is None:
            facts.warnings.append(f"{field} not found in the report")
    blocks = list(segmented.blocks)
    if framework is None:
        facts.sections = paragraph_sections(blocks, segmented, None, {})
        return facts
    facts.inspection_type, how = inspection_type(framework, facts.inspection_start, facts.inspection_end)
    if how:
        (facts.evidence.__setitem__("inspection_type", how) if facts.inspection_type else facts.warnings.append(how))
    facts.judgements, warnings = read_judgements(blocks, document.tables, framework, front_text, facts.inspection_start)
    facts.warnings += warnings
    facts.recommendations, warnings = read_recommendations(blocks, framework)
    facts.warnings += warnings
    grades = {j["judgement"]: j["grade"] for j in facts.judgements}
    facts.sections = paragraph_sections(blocks, segmented, framework, grades)
    return facts


__all__ = ["read_facts"]
