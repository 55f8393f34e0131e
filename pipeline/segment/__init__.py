"""Document -> Segmented: blocks in reading order, each placed in the outline (its section and
heading path), and the body paragraphs with theirs. Segment owns sections: later stages read
``Block.section``/``Block.headings`` and ``Paragraph.section``/``Paragraph.headings``."""

from pipeline.segment.blocks import document_blocks
from pipeline.segment.paragraphs import body_paragraphs
from pipeline.segment.sections import place_blocks, sections_of
from pipeline.types import Document, Segmented


def segment(document: Document) -> Segmented:
    blocks = place_blocks(document_blocks(document))
    paragraphs = body_paragraphs(blocks)
    warnings = numbering_warnings([p.number for p in paragraphs if p.number is not None])
    return Segmented(document, tuple(blocks), tuple(paragraphs), tuple(warnings), sections_of(blocks))


def numbering_warnings(numbers: list[str]) -> list[str]:
    """Say where paragraph numbers skip or repeat: a sign that a paragraph was lost or split."""
    warnings = []
    expected = 1
    for number in numbers:
        value = int(number)
        if value != expected:
            warnings.append(f"paragraph numbering goes from {expected - 1} to {value}")
        expected = value + 1
    return warnings


__all__ = ["segment"]
