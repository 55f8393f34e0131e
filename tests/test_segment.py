"""Segmentation: headings, numbered paragraphs, lists, and page breaks joined."""

from __future__ import annotations

from pipeline.segment import segment
from pipeline.segment.blocks import join_lines
from pipeline.types import Document, Line, Page, Source


def text_document(text: str) -> Document:
    lines = tuple(Line(text=t, page=None) for t in text.split("\n"))
    return Document(source=Source("memo.txt", "0" * 64, "text", None), pages=(Page(number=None, lines=lines),))


def test_numbered_paragraphs_under_their_headings():
    segmented = segment(text_document(
        "Front matter that is not a paragraph\n\nService information\n\n"
        "1. The authority has 300 children in care and runs two homes.\n"
        "2. Early help is delivered through six hubs across the county.\n\n"
        "Leadership\n\nGood\n\n3. Leaders know their services well and act on what they find.\n"
    ))
    assert [(p.number, p.section) for p in segmented.paragraphs] == [
        ("1", "Service information"), ("2", "Service information"), ("3", "Leadership")
    ]
    assert segmented.warnings == ()


def test_a_page_break_mid_sentence_is_joined():
    segmented = segment(text_document(
        "Section\n\n1. Plans are reviewed regularly but some lack\n\nclear timescales for actions.\n"
        "2. Next paragraph starts here.\n"
    ))
    assert [p.text for p in segmented.paragraphs] == [
        "Plans are reviewed regularly but some lack clear timescales for actions.",
        "Next paragraph starts here.",
    ]


def test_a_lead_in_keeps_its_list_and_a_colon_heading_is_not_a_section():
    segmented = segment(text_document(
        "About this inspection\n\n1. The evidence included:\n- case files\n- discussions with staff\n\n"
        "Within three months:\n\n2. A paragraph after a lead-in heading.\n"
    ))
    assert segmented.paragraphs[0].text == "The evidence included:\n• case files\n• discussions with staff"
    assert segmented.paragraphs[1].section == "About this inspection"


def test_skipped_numbers_are_warned_about():
    segmented = segment(text_document("Section\n\n1. One paragraph here.\n3. Another paragraph here.\n"))
    assert segmented.warnings == ("paragraph numbering goes from 1 to 3",)


def test_join_lines_keeps_compound_hyphens_and_spaces_otherwise():
    assert join_lines(["a multi-", "agency panel"]) == "a multi-agency panel"
    assert join_lines(["dates 15 –", "19 July"]) == "dates 15 – 19 July"
    assert join_lines(["end of line", "next line"]) == "end of line next line"
