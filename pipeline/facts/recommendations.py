"""Recommendations: the items (bullets or numbered paragraphs, as the framework file says) of
every recommendation section, each with the timescale of the lead-in line above it
("Within three months:") where the framework has timescales. Lower-case points under an
item that ends with a colon belong to that item. Any other section heading ends the list
(sub-lists such as "Priority and immediate action" are recommendation sections of their own
in the framework file); a heading ending with a colon is a timescale or lead-in, unless the
framework file says it starts a list of something else ("has the following strengths:")."""

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
    for block in blocks:
        if block.kind == "heading" and fold(block.text) in sections:
            inside, timescale = True, None  # also "What needs to improve:"
            continue
        if is_section_heading(block) or (block.kind == "heading" and framework.ends_recommendations(block.text)):
            inside, timescale = False, None
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
