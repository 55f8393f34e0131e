"""Segmented -> Facts: what the report states about itself, read by the rules its framework
file names. Nothing is guessed: what is not found is None with a warning."""

from __future__ import annotations

from datetime import date

from pipeline.facts.front import first_page_lines, front_lines, inspection_dates, lead_inspector, local_authority, published
from pipeline.facts.judgements import read_judgements
from pipeline.facts.recommendations import read_recommendations
from pipeline.facts.urn import find_urn
from pipeline.frameworks import Framework, detect_framework, without_grades
from pipeline.types import Facts, Segmented


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


def section_label(heading: str | None, framework: Framework | None, grades: dict) -> tuple[str | None, str | None]:
    """(section, grade) for a section heading as printed: a heading that names a judgement
    ("The experiences and progress of children in care: good") is shown by the judgement's
    label with the grade taken out, and carries the grade the report gives that judgement."""
    if heading is None or framework is None:
        return heading, None
    judgement = framework.judgement_for_heading(heading) or next(
        (j for j in framework.judgements if j.stated_grade(heading)), None
    )
    label = without_grades(heading) if judgement and judgement.labels else heading
    return label, grades.get(judgement.slug) if judgement else None


def paragraph_sections(segmented: Segmented, framework: Framework | None, grades: dict) -> list:
    """(section, grade) per paragraph, from the section segment placed it in."""
    return [section_label(p.section, framework, grades) for p in segmented.paragraphs]


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
        facts.sections = paragraph_sections(segmented, None, {})
        return facts
    facts.inspection_type, how = inspection_type(framework, facts.inspection_start, facts.inspection_end)
    if how:
        (facts.evidence.__setitem__("inspection_type", how) if facts.inspection_type else facts.warnings.append(how))
    facts.judgements, warnings = read_judgements(blocks, document.tables, framework, front_text, facts.inspection_start)
    facts.warnings += warnings
    facts.recommendations, warnings = read_recommendations(blocks, framework)
    facts.warnings += warnings
    grades = {j["judgement"]: j["grade"] for j in facts.judgements}
    facts.sections = paragraph_sections(segmented, framework, grades)
    return facts


__all__ = ["read_facts"]
