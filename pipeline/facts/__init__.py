"""Segmented -> Facts: what the report states about itself, read by the rules its framework
file names. Nothing is guessed: what is not found is None with a warning."""

from __future__ import annotations

from datetime import date

from pipeline.facts.front import first_page_lines, front_lines, inspection_dates, lead_inspector, local_authority, published
from pipeline.facts.judgements import read_judgements
from pipeline.facts.recommendations import read_recommendations
from pipeline.facts.urn import find_urn
from pipeline.frameworks import Framework, detect_framework, without_grades
from pipeline.types import Facts, SectionGrade, Segmented


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


def section_label(heading: str | None, framework: Framework | None, grades: dict) -> SectionGrade:
    """A section heading as printed, as records show it: a heading that names a judgement
    ("The experiences and progress of children in care: good") is shown by the judgement's
    label with the grade taken out, and carries the grade the report gives that judgement."""
    if heading is None or framework is None:
        return SectionGrade(heading, None)
    judgement = framework.judgement_for_heading(heading) or next(
        (j for j in framework.judgements if j.stated_grade(heading)), None
    )
    label = without_grades(heading) if judgement and judgement.labels else heading
    return SectionGrade(label, grades.get(judgement.slug) if judgement else None)


def read_facts(segmented: Segmented) -> Facts:
    """Everything the report states about itself, read by its framework file's rules."""
    document = segmented.document
    lines = front_lines(document)
    front_text = "\n".join(line.text for line in lines)
    dates = inspection_dates(lines)
    title_text = "\n".join(line.text for line in first_page_lines(document))
    framework, problem = detect_framework(title_text, dates[0] if dates else None)
    warnings = [problem] if problem else []
    evidence: dict[str, str] = {}
    authority = local_authority(lines, framework)
    urn, urn_source = find_urn(front_text, document.source.path)
    start, end, note = dates if dates else (None, None, None)
    warnings += [note] if note else []
    inspector = lead_inspector(lines) or lead_inspector(document.lines())
    published_on = published(lines)
    expected = [("local_authority", authority), ("inspection dates", dates), ("lead_inspector", inspector)]
    if framework is None or framework.prints_published:
        expected.append(("published", published_on))
    else:
        evidence["published"] = f"not printed in {framework.slug} reports"
    warnings += [f"{field} not found in the report" for field, value in expected if value is None]
    kind, judgements, recommendations = None, (), ()
    if framework is not None:
        blocks = list(segmented.blocks)
        kind, how = inspection_type(framework, start, end)
        if how and kind:
            evidence["inspection_type"] = how
        elif how:
            warnings.append(how)
        judgements, found = read_judgements(blocks, document.tables, framework, front_text, start)
        recommendations, listed = read_recommendations(blocks, framework)
        warnings += found + listed
    grades = {j.judgement: j.grade for j in judgements}
    return Facts(
        local_authority=authority,
        urn=urn,
        urn_source=urn_source,
        framework=framework.slug if framework else None,
        inspection_type=kind,
        inspection_start=start,
        inspection_end=end,
        published=published_on,
        lead_inspector=inspector,
        judgements=judgements,
        recommendations=recommendations,
        paragraph_sections=tuple(section_label(p.section, framework, grades) for p in segmented.paragraphs),
        evidence=tuple(evidence.items()),
        warnings=tuple(warnings),
    )


__all__ = ["read_facts"]
