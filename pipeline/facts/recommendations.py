"""Recommendations: the list items of the framework's recommendation section, each with the
timescale of the lead-in line above it ("Within three months:")."""

from __future__ import annotations

from pipeline.frameworks import Framework, fold
from pipeline.segment.paragraphs import is_section_heading
from pipeline.types import Block


def read_recommendations(blocks: list[Block], framework: Framework) -> tuple[list[dict], list[str]]:
    sections = {fold(s) for s in framework.recommendation_sections}
    recommendations: list[dict] = []
    inside = False
    timescale = None
    for block in blocks:
        if is_section_heading(block):
            if inside and fold(block.text) not in sections:
                break
            inside = fold(block.text) in sections
            timescale = None
            continue
        if not inside:
            continue
        if block.kind == "heading":
            timescale = framework.timescale_for(block.text)
        elif block.kind == "bullet":
            recommendations.append({"text": block.text, "timescale": timescale})
    warnings = []
    if sections and not recommendations:
        warnings.append("no recommendations found (no list under " + " / ".join(framework.recommendation_sections) + ")")
    if framework.timescales and any(r["timescale"] is None for r in recommendations):
        warnings.append("some recommendations have no timescale heading above them")
    return recommendations, warnings
