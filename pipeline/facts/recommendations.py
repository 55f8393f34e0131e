"""Recommendations: the items (bullets or numbered paragraphs, as the framework file says) of
every recommendation section, each with the timescale of the lead-in line above it
("Within three months:") where the framework has timescales. Lower-case points under an
item that ends with a colon belong to that item. Headings smaller than the section's own
("Priority and immediate action" under "What does the local authority need to improve?")
keep the section open."""

from __future__ import annotations

from pipeline.extract.clean import BULLET
from pipeline.frameworks import Framework, fold
from pipeline.segment.blocks import starts_lowercase
from pipeline.segment.paragraphs import is_section_heading
from pipeline.types import Block


def read_recommendations(blocks: list[Block], framework: Framework) -> tuple[list[dict], list[str]]:
    sections = {fold(s) for s in framework.recommendation_sections}
    recommendations: list[dict] = []
    inside = False
    timescale = None
    sub_points = False  # the last item ended with a colon: lower-case items below are its points
    section_size = None
    for block in blocks:
        if block.kind == "heading" and fold(block.text) in sections:
            inside, timescale, section_size = True, None, block.size  # also "What needs to improve:"
            continue
        if is_section_heading(block):
            smaller = block.size is not None and section_size is not None and block.size < section_size - 0.5
            # a smaller heading is a sub-heading of the section, unless it opens a judgement's section
            inside = inside and smaller and framework.judgement_for_heading(block.text) is None
            timescale = None
            continue
        if not inside:
            continue
        if block.kind == "heading":
            timescale = framework.timescale_for(block.text)
        elif block.kind in framework.recommendation_items and framework.is_recommendation(block.text):
            if recommendations and (sub_points or recommendations[-1]["text"].endswith(":")) and starts_lowercase(block.text):
                recommendations[-1]["text"] += f"\n{BULLET} {block.text}"
                sub_points = True
                continue
            recommendations.append({"text": block.text, "timescale": timescale})
            sub_points = False
    warnings = []
    if sections and not recommendations:
        warnings.append("no recommendations found (no list under " + " / ".join(framework.recommendation_sections) + ")")
    if framework.timescales and any(r["timescale"] is None for r in recommendations):
        warnings.append("some recommendations have no timescale heading above them")
    return recommendations, warnings
