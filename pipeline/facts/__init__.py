"""Segmented -> Facts: what the report states about itself, read by the rules its framework
file names. Nothing is guessed: what is not found is None with a warning."""

from __future__ import annotations

from pipeline.facts.front import front_lines, inspection_dates, lead_inspector, local_authority, published
from pipeline.facts.judgements import read_judgements
from pipeline.facts.recommendations import read_recommendations
from pipeline.frameworks import load_frameworks
from pipeline.frameworks.loader import fold
from pipeline.types import Facts, Segmented


def detect(front_text: str):
    """The framework named on the front pages, or None and why."""
    folded = fold(front_text)
    hits = [f for f in load_frameworks() if any(fold(p) in folded for p in f.detect)]
    if len(hits) == 1:
        return hits[0], None
    if not hits:
        return None, "layout not recognised: no known inspection framework is named on the front pages"
    return None, "layout ambiguous: the front pages name several frameworks (" + ", ".join(f.slug for f in hits) + ")"


def read_facts(segmented: Segmented) -> Facts:
    lines = front_lines(segmented.document)
    framework, problem = detect("\n".join(line.text for line in lines))
    facts = Facts(warnings=[problem] if problem else [])
    facts.framework = framework.slug if framework else None
    facts.local_authority = local_authority(lines, framework)
    dates = inspection_dates(lines)
    if dates:
        facts.inspection_start, facts.inspection_end = dates
    facts.lead_inspector = lead_inspector(lines)
    facts.published = published(lines)
    for field, value in (
        ("local_authority", facts.local_authority),
        ("inspection dates", dates),
        ("lead_inspector", facts.lead_inspector),
        ("published", facts.published),
    ):
        if value is None:
            facts.warnings.append(f"{field} not found on the front pages")
    if framework is None:
        return facts
    blocks = list(segmented.blocks)
    facts.judgements, warnings = read_judgements(blocks, framework)
    facts.warnings += warnings
    facts.recommendations, warnings = read_recommendations(blocks, framework)
    facts.warnings += warnings
    grades = {j["judgement"]: j["grade"] for j in facts.judgements}
    for paragraph in segmented.paragraphs:
        judgement = framework.judgement_for_heading(paragraph.section)
        facts.paragraph_grades[paragraph.section] = grades.get(judgement.slug) if judgement else None
    return facts


__all__ = ["read_facts", "detect"]
