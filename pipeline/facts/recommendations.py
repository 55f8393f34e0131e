"""Recommendations: the items (bullets or numbered paragraphs, as the framework file says) of
every recommendation list, each with the timescale of the lead-in above it ("Within three
months:") where the framework has timescales, the heading of its list, its printed number,
its page, and whom it addresses.

A list opens at a recommendation heading of the framework ("Areas for improvement", "What
needs to improve?") and ends at the next one, or at a heading that names a judgement or that
the framework file lists (``list_ends``: the template's next part, a lead-in to a list of
strengths). Another heading ends it in a PDF, where type sets headings apart; in plain text,
where a list's topics ("Capacity", "Care leavers") stand on lines of their own just like
headings, the list runs on past them, and a list that never reaches an ending is warned of.

Lower-case items under an item that ends as a lead-in (a colon, or a reference such as
"(paragraph 150)") are its sub-points: they stay in its text and are listed in ``points``.
Whom a list addresses: the owner of the part of the report it stands in, opened by the
headings the framework file names (SIF: the local authority's part, then the LSCB's); where
the framework file says items name their addressee as their subject (area SEND: "Health
leaders should ..."), that subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.facts.area import addressed_by_subject, cut_cell, further_items, subject_of
from pipeline.facts.judgements import opens_judgement
from pipeline.frameworks import Framework
from pipeline.text import BULLET, fold, is_terminal, mentions_any, starts_lowercase
from pipeline.types import Block, Recommendation

# An item that introduces sub-points: it ends with a colon, or with a bracketed reference to
# the paragraphs it comes from ("... (paragraph 150)", "(see paragraphs 12 and 14)").
LEAD_IN_END = re.compile(r"(?::|\((?:see\s+)?paragraphs?\s+[\d\s,.\-–and]+\))\s*$", re.IGNORECASE)


def is_named_topic(blocks: list[Block], index: int, framework: Framework, so_far: list[Recommendation]) -> bool:
    """Plain text: is the heading at ``index``, named like a judgement but stating no grade
    ("Leadership, management and governance"), a topic of the open list? It is when the next
    block carries the list on: an item of the same kind, numbered next if the list is numbered."""
    if not framework.names_judgement(blocks[index].text) or opens_judgement(blocks, index, framework):
        return False
    following = next((b for b in blocks[index + 1 :] if b.kind != "heading"), None)
    if following is None or following.kind not in framework.recommendation_items:
        return False
    if not so_far:  # the list's first topic, right under its heading
        return True
    last = so_far[-1]
    if last.number is None or following.number is None:
        return last.number is None and following.number is None
    return following.number.isdigit() and last.number.isdigit() and int(following.number) == int(last.number) + 1


def is_fragment(text: str) -> bool:
    """A few words that end no sentence: the rest of a table cell a page break cut off ("Board")."""
    return len(text.split()) < 4 and not is_terminal(text)


def without_responsible_body(item: Recommendation, framework: Framework) -> Recommendation:
    text = strip_responsible_body(item.text, framework)
    cell = item.text[: len(item.text) - len(text)]
    return replace(item, text=text, addressed_to=addressed_by_subject(text, framework, cell) or item.addressed_to)


def table_rows(recommendations: list[Recommendation], framework: Framework) -> list[Recommendation]:
    """Items of a table whose rows open with the body responsible, that cell taken off. In a
    list whose rows name their body, an item that opens with no body (none that the endings
    find, nor the first words of a cell the table has shown: a page break may cut a cell) is a
    further paragraph of the row above ("... long waiting times for: • ... • physiotherapy." /
    "Leaders should also improve the support available while children and young people
    wait."): joined to it."""
    rows: list[Recommendation] = []
    cells: dict[str | None, set[str]] = {}  # per list, the first two words of its body cells
    for item in recommendations:
        if is_fragment(item.text):
            continue
        row = without_responsible_body(item, framework)
        opening = " ".join(item.text.split()[:2])
        if row.text != item.text:
            cells.setdefault(item.list, set()).add(opening)
        elif opening not in cells.get(item.list, {opening}) and rows and rows[-1].list == item.list:
            rows[-1] = replace(rows[-1], text=f"{rows[-1].text}\n{item.text}")
            continue
        rows.append(row)
    return rows


def strip_responsible_body(text: str, framework: Framework) -> str:
    """The item without a leading cell naming the body responsible: the subject's words up to
    the last name ending the framework file lists, where a capitalised subject follows."""
    subject = subject_of(text, framework)
    cut = None
    endings = framework.responsible_body_endings
    for ending in endings:
        longer = [e[len(ending):] for e in endings if e != ending and e.startswith(ending)]  # "Integrated Care" / "... Board"
        unless = f"(?!{'|'.join(re.escape(rest) for rest in longer)})" if longer else ""
        for match in re.finditer(rf"\b{re.escape(ending)}\b{unless}(?:\s*\([^)]*\))?\s+(?=[A-Z])", subject):
            cut = max(cut or 0, match.end())
    return text[cut:] if cut else text


def read_recommendations(
    blocks: list[Block], framework: Framework, front_text: str, typeset: bool = True
) -> tuple[tuple[Recommendation, ...], list[str]]:
    """``typeset``: the blocks come from a PDF, whose headings are set apart by type."""
    sections = {fold(s) for s in framework.recommendation_sections}
    recommendations: list[Recommendation] = []
    addressee, listed = framework.first_addressee(front_text), False
    current: str | None = None  # the heading of the open list
    timescale: str | None = None
    topics: list[str] = []  # headings the open list ran past (plain text)
    unended: list[tuple[str, list[str]]] = []
    sub_points = False  # the last item was a lead-in: lower-case items below are its points
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            listed = listed or fold(block.text) in sections
            addressee = (framework.addressee_opened_by(block.text) if listed else None) or addressee
            role = block.headings[-1].role if block.headings else "section"
            if fold(block.text) in sections:
                current, timescale, topics = block.text.strip(), None, []
            elif mentions_any(block.text, framework.recommendation_list_ends):
                current = None
            elif current and not typeset and is_named_topic(blocks, index, framework, [r for r in recommendations if r.list == current]):
                topics.append(block.text)
            elif framework.ends_recommendations(block.text) or (role in ("section", "subsection") and typeset):
                current = None
            elif role in ("section", "subsection"):
                topics += [block.text] if current else []
            elif current:
                timescale = framework.timescale_for(block.text)
            continue
        last = recommendations[-1] if recommendations else None
        always_point = block.kind in framework.recommendation_points and last is not None and last.list == current
        if current is None or (block.kind not in framework.recommendation_items and not always_point) or not framework.is_recommendation(block.text):
            continue
        if last and (always_point or ((sub_points or LEAD_IN_END.search(last.text)) and starts_lowercase(block.text))):
            recommendations[-1] = replace(last, text=f"{last.text}\n{BULLET} {block.text}", points=(*last.points, block.text))
            sub_points = True
            continue
        by_subject = addressed_by_subject(block.text, framework)
        recommendations.append(Recommendation(block.text, timescale, by_subject or addressee, block.number, current, (), block.page))
        sub_points = False
    if current and topics:
        unended.append((current, topics))
    if framework.responsible_body_endings:
        recommendations = table_rows(recommendations, framework)
    warnings = []
    if sections and not recommendations:
        warnings.append("no recommendations found (no list under " + " / ".join(framework.recommendation_sections) + ")")
    if framework.timescales and any(r.timescale is None for r in recommendations):
        warnings.append("some recommendations have no timescale heading above them")
    run_together = [(i, found) for i, r in enumerate(recommendations, start=1) if (found := further_items(r.text, framework))]
    for position, found in run_together:
        warnings.append(
            f"recommendation {position} holds {len(found)} more sentence(s) that read as items of their own "
            f"('{' '.join(found[0].split()[:6])} ...'): items may be run together, so the count may be low"
        )
    for position, item in enumerate(recommendations, start=1):
        if cell := cut_cell(item.text, framework):
            warnings.append(
                f"recommendation {position} holds '{cell}' in mid-sentence, the rest of a responsible-body cell "
                "that a page break cut: its text and addressee may hold the cell's words"
            )
    for heading, passed in unended:
        warnings.append(
            f"recommendations: the list under '{heading}' ran past the headings {', '.join(repr(t) for t in passed[:3])} "
            "and reached no heading that ends a list: its last items may be other text"
        )
    return tuple(recommendations), warnings
