"""Recommendations: the items (bullets or numbered paragraphs, as the framework file says) of
every recommendation list, each with the timescale of the lead-in above it ("Within three
months:") where the framework has timescales, the heading of its list, its printed number,
its page, and whom it addresses.

Where a list is, is read from each item's heading path (segment placed every block): an item
is in a list when a recommendation heading of the framework stands in its path with no
section or sub-section heading after it, nor a lead-in the framework says starts a list of
something else ("has the following strengths:"). Sub-lists such as "Priority and immediate
action" are recommendation headings of their own in the framework file.

Lower-case items under an item that ends as a lead-in (a colon, or a reference such as
"(paragraph 150)") are its sub-points: they stay in its text and are listed in ``points``.
Whom a list addresses: the owner of the part of the report it stands in, opened by the
headings the framework file names (SIF: the local authority's part, then the LSCB's).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.frameworks import Framework
from pipeline.text import BULLET, fold, starts_lowercase
from pipeline.types import Block, Heading, Recommendation

# An item that introduces sub-points: it ends with a colon, or with a bracketed reference to
# the paragraphs it comes from ("... (paragraph 150)", "(see paragraphs 12 and 14)").
LEAD_IN_END = re.compile(r"(?::|\((?:see\s+)?paragraphs?\s+[\d\s,.\-–and]+\))\s*$", re.IGNORECASE)


def list_position(headings: tuple[Heading, ...], framework: Framework, sections: set[str]) -> tuple[Heading | None, str | None]:
    """(the recommendation heading whose list this is, or None; the timescale) for a block
    with this heading path."""
    inside, timescale = None, None
    for heading in headings:
        if fold(heading.text) in sections:
            inside, timescale = heading, None  # also a lead-in such as "What needs to improve:"
        elif heading.role in ("section", "subsection") or framework.ends_recommendations(heading.text):
            inside, timescale = None, None
        elif inside:
            timescale = framework.timescale_for(heading.text)
    return inside, timescale


def read_recommendations(blocks: list[Block], framework: Framework, front_text: str) -> tuple[tuple[Recommendation, ...], list[str]]:
    sections = {fold(s) for s in framework.recommendation_sections}
    recommendations: list[Recommendation] = []
    addressee, listed = framework.first_addressee(front_text), False
    sub_points = False  # the last item was a lead-in: lower-case items below are its points
    for block in blocks:
        if block.kind == "heading":
            listed = listed or fold(block.text) in sections
            opened = framework.addressee_opened_by(block.text) if listed else None
            addressee = opened or addressee
            continue
        if block.kind not in framework.recommendation_items or not framework.is_recommendation(block.text):
            continue
        heading, timescale = list_position(block.headings, framework, sections)
        if heading is None:
            continue
        last = recommendations[-1] if recommendations else None
        if last and (sub_points or LEAD_IN_END.search(last.text)) and starts_lowercase(block.text):
            recommendations[-1] = replace(last, text=f"{last.text}\n{BULLET} {block.text}", points=(*last.points, block.text))
            sub_points = True
            continue
        recommendations.append(
            Recommendation(block.text, timescale, addressee, block.number, heading.text.strip(), (), block.page)
        )
        sub_points = False
    warnings = []
    if sections and not recommendations:
        warnings.append("no recommendations found (no list under " + " / ".join(framework.recommendation_sections) + ")")
    if framework.timescales and any(r.timescale is None for r in recommendations):
        warnings.append("some recommendations have no timescale heading above them")
    return tuple(recommendations), warnings
