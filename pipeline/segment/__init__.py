"""Document -> Segmented: blocks in reading order, each placed in the outline (its section and
heading path), and the body paragraphs with theirs. Segment owns sections: later stages read
``Block.section``/``Block.headings`` and ``Paragraph.section``/``Paragraph.headings``."""

from pipeline.segment.blocks import document_blocks
from pipeline.segment.paragraphs import body_paragraphs
from pipeline.segment.sections import place_blocks, sections_of
from pipeline.text import is_terminal
from pipeline.types import Document, Segmented


def segment(document: Document) -> Segmented:
    blocks = place_blocks(document_blocks(document))
    paragraphs = body_paragraphs(blocks)
    warnings = numbering_warnings([p.number for p in paragraphs if p.number is not None]) + unfinished_warnings(paragraphs)
    return Segmented(document, tuple(blocks), tuple(paragraphs), tuple(warnings), sections_of(blocks))


def unfinished_warnings(paragraphs) -> list[str]:
    """Numbered paragraphs whose own text (before a list they lead into) stops without ending a
    sentence: a page break or a layout the rules did not join may have cut them."""
    cut = [p.number for p in paragraphs if p.number and not ends_sentence(p.text.split("\n")[0])]
    if not cut:
        return []
    shown = ", ".join(cut[:8]) + (f" and {len(cut) - 8} more" if len(cut) > 8 else "")
    return [f"paragraph{'s' if len(cut) > 1 else ''} {shown} end{'' if len(cut) > 1 else 's'} mid-sentence: the text may be cut or run on elsewhere"]


def ends_sentence(text: str) -> bool:
    return is_terminal(text) or text.rstrip().endswith((")", "’", "”"))


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
