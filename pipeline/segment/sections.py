"""Blocks -> blocks placed in the outline: each gets its section and heading path, once, here.

A heading's role comes from its shape (``types.HEADING_ROLES``): a line that only states a
grade, a lead-in ending with a colon, a sub-heading of ``outline.toml``, or else a section
heading. Later stages read ``Block.section`` and ``Block.headings``; none walks the headings
again.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.frameworks import is_grade_line
from pipeline.resources import data_toml
from pipeline.text import fold
from pipeline.types import Block, Heading, Section

SUBHEADINGS = {fold(heading) for heading in data_toml("pipeline.segment", "outline.toml")["subheadings"]}


def heading_role(block: Block) -> str | None:
    """The part a heading block plays in the outline; None for a block that is not a heading."""
    if block.kind != "heading":
        return None
    if block.text.rstrip().endswith(":"):
        return "lead_in"
    if is_grade_line(block.text):
        return "grade"
    return "subsection" if fold(block.text) in SUBHEADINGS else "section"


def starts_section(block: Block) -> bool:
    """A heading that ends the paragraph or list above it: a section or sub-section heading."""
    return heading_role(block) in ("section", "subsection")


def place_blocks(blocks: list[Block]) -> list[Block]:
    """Every block with the section heading it stands under (and where that heading is) and
    its heading path."""
    section: str | None = None
    start: int | None = None
    path: tuple[Heading, ...] = ()
    placed = []
    for index, block in enumerate(blocks):
        role = heading_role(block)
        if role == "subsection" and section is not None:
            path = (path[0], Heading(block.text, role))
        elif role in ("section", "subsection"):
            section, start, path = block.text, index, (Heading(block.text, "section"),)
        elif role is not None:
            path += (Heading(block.text, role),)
        placed.append(replace(block, section=section, headings=path, section_start=start))
    return placed


def sections_of(blocks: list[Block]) -> tuple[Section, ...]:
    """The sections of placed blocks, in order."""
    return tuple(Section(b.text, i) for i, b in enumerate(blocks) if b.section_start == i)
