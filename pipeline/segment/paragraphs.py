"""Blocks -> body paragraphs, each under the section heading it sits in.

A numbered paragraph takes in the bullets that follow it before the next heading or number
(a lead-in sentence and its list belong together); tables are not paragraph text. Prose that is not
numbered becomes a paragraph with no number. Headings that end with a colon ("Within three
months:") introduce a list and do not start a section; nor do lines that only state a grade.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.resources import data_toml
from pipeline.segment.blocks import FOOTNOTE
from pipeline.segment.sections import starts_section
from pipeline.text import BULLET, fold, is_terminal, mentions_any
from pipeline.types import Block, Paragraph

MIN_PROSE_WORDS = 8  # unnumbered text shorter than this is a caption or label, not a paragraph
END_MATTER = data_toml("pipeline.segment", "end_matter.toml")["phrases"]
SUMMARY = data_toml("pipeline.segment", "summary.toml")
SUMMARY_OPENS = {fold(heading) for heading in SUMMARY["opens"]}
SUMMARY_ENDS = {fold(heading) for heading in SUMMARY["ends"]}



def is_footnote(text: str, next_number: int | None) -> bool:
    """Prose that opens with a bare number other than the next paragraph's (a paragraph whose
    number lost its dot, "34 Most children...", is not a footnote). Before the body starts,
    ``next_number`` is None and any such prose is a footnote."""
    match = FOOTNOTE.match(text)
    return bool(match) and int(match.group(1)) != next_number


def is_end_matter(text: str) -> bool:
    """The publisher's back page (formats, newsletter, licence), not the report's findings."""
    return mentions_any(text, END_MATTER)


def is_prose(block: Block) -> bool:
    return block.kind == "text" and len(block.text.split()) >= MIN_PROSE_WORDS and is_terminal(block.text)


def placed(block: Block, index: int, number: str | None = None) -> Paragraph:
    """A paragraph starting at ``block``, in that block's section and heading path."""
    return Paragraph(number, block.text, block.page, block.section, index, block.headings, block.section_start)


def body_paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """Numbered paragraphs (with their lists) and unnumbered prose, in reading order.

    The body starts at the first numbered paragraph when the report numbers its paragraphs,
    so front matter (copyright notice, contents) never becomes a paragraph; before it, only
    the report's summary does (the layouts in ``summary.toml``).
    """
    numbered = any(b.kind == "numbered" for b in blocks)
    started = not numbered
    paragraphs: list[Paragraph] = []
    open_paragraph = False  # may the next list item or indented line join the last paragraph?
    in_summary = False  # under a heading that opens a summary, before the body starts
    unheaded: list[Paragraph] = []  # prose since the last heading, before the body starts
    next_number: int | None = None  # the number the next numbered paragraph should carry
    for index, block in enumerate(blocks):
        if starts_section(block):
            if not started and fold(block.text) in SUMMARY_ENDS:
                paragraphs.extend(unheaded)
            unheaded = []
            in_summary = fold(block.text) in SUMMARY_OPENS
            open_paragraph = False
            continue
        if block.kind == "heading":
            open_paragraph = False
            continue
        if block.kind == "numbered":
            started = True
            next_number = int(block.number) + 1 if block.number and block.number.isdigit() else None
            paragraphs.append(placed(block, index, block.number))
            open_paragraph = True
            continue
        if is_prose(block) and is_footnote(block.text, next_number):
            continue
        if not started:
            if is_prose(block) and in_summary:
                paragraphs.append(placed(block, index))
            elif is_prose(block):
                unheaded.append(Paragraph(None, block.text, block.page, None, index))  # no section: see summary.toml
            continue
        if block.kind != "numbered" and is_end_matter(block.text):
            open_paragraph = False
            continue
        if block.kind == "bullet" and not open_paragraph:
            paragraphs.append(placed(block, index))
            continue
        if open_paragraph and block.kind == "bullet":
            paragraphs[-1] = replace(paragraphs[-1], text=f"{paragraphs[-1].text}\n{BULLET} {block.text}")
        elif is_prose(block):
            paragraphs.append(placed(block, index))
            open_paragraph = True
    return paragraphs
