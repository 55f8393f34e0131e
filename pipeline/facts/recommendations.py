"""Recommendations: the items (bullets or numbered paragraphs, as the framework file says) of
every recommendation list, each with the timescale of the lead-in above it ("Within three
months:") where the framework has timescales. Lower-case points under an item that ends with
a colon belong to that item.

Where a list is, is read from each item's heading path (segment placed every block): an item
is in a list when a recommendation heading of the framework stands in its path with no
section or sub-section heading after it, nor a lead-in the framework says starts a list of
something else ("has the following strengths:"). Sub-lists such as "Priority and immediate
action" are recommendation headings of their own in the framework file."""

from __future__ import annotations

from dataclasses import replace

from pipeline.frameworks import Framework
from pipeline.text import BULLET, fold, starts_lowercase
from pipeline.types import Block, Heading, Recommendation


def list_position(headings: tuple[Heading, ...], framework: Framework, sections: set[str]) -> tuple[bool, str | None]:
    """(in a recommendation list?, its timescale) for a block with this heading path."""
    inside, timescale = False, None
    for heading in headings:
        if fold(heading.text) in sections:
            inside, timescale = True, None  # also a lead-in such as "What needs to improve:"
        elif heading.role in ("section", "subsection") or framework.ends_recommendations(heading.text):
            inside, timescale = False, None
        elif inside:
            timescale = framework.timescale_for(heading.text)
    return inside, timescale


def read_recommendations(blocks: list[Block], framework: Framework) -> tuple[tuple[Recommendation, ...], list[str]]:
    sections = {fold(s) for s in framework.recommendation_sections}
    recommendations: list[Recommendation] = []
    sub_points = False  # the last item ended with a colon: lower-case items below are its points
    for block in blocks:
        if block.kind not in framework.recommendation_items or not framework.is_recommendation(block.text):
            continue
        inside, timescale = list_position(block.headings, framework, sections)
        if not inside:
            continue
        if recommendations and (sub_points or recommendations[-1].text.endswith(":")) and starts_lowercase(block.text):
            recommendations[-1] = replace(recommendations[-1], text=f"{recommendations[-1].text}\n{BULLET} {block.text}")
            sub_points = True
            continue
        recommendations.append(Recommendation(block.text, timescale))
        sub_points = False
    warnings = []
    if sections and not recommendations:
        warnings.append("no recommendations found (no list under " + " / ".join(framework.recommendation_sections) + ")")
    if framework.timescales and any(r.timescale is None for r in recommendations):
        warnings.append("some recommendations have no timescale heading above them")
    return tuple(recommendations), warnings
