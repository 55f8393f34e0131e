"""Segmentation: headings, numbered paragraphs, lists, and page breaks joined."""

from __future__ import annotations

from pipeline.segment import segment
from pipeline.segment.paragraphs import body_paragraphs
from pipeline.segment.sections import place_blocks
from pipeline.segment.blocks import join_lines
from pipeline.types import Block, Document, Line, Page, Source


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


def test_a_summary_above_what_needs_to_improve_is_read_and_footnotes_are_not():
    blocks = [
        Block("heading", "Judgement Grade", 1),
        Block("text", "Overall effectiveness Good", 1),
        Block("text", "Children in this area receive good help from workers who know them well.", 1),
        Block("text", "1 Ofsted produces this report under its power to combine reports in accordance with the law.", 1),
        Block("heading", "What needs to improve?", 1),
        Block("bullet", "The quality of plans for children in care.", 1),
        Block("heading", "The experiences and progress of children in care: good", 2),
        Block("numbered", "Children come into care when they need to.", 2, "33"),
        Block("text", "34 Most children in care live in stable homes that meet their needs well.", 2),
        Block("text", "2 Working together to safeguard children, Department for Education, 2018.", 2),
    ]
    paragraphs = body_paragraphs(place_blocks(blocks))
    assert [(p.number, p.section, p.text[:12]) for p in paragraphs] == [
        (None, None, "Children in "),
        ("33", "The experiences and progress of children in care: good", "Children com"),
        (None, "The experiences and progress of children in care: good", "34 Most chil"),
    ]


def test_prose_before_the_body_is_left_out_unless_it_is_a_summary():
    blocks = [
        Block("heading", "Contents", 1),
        Block("text", "This document may be reproduced in whole or in part for non-commercial purposes.", 1),
        Block("heading", "Executive summary", 2),
        Block("text", "Services for children in need of help and protection are good and improving.", 2),
        Block("heading", "Information about this local authority area", 3),
        Block("text", "The proportion of children entitled to free school meals is 12 per cent.", 3),
        Block("numbered", "Thresholds are well understood by partners.", 4, "1"),
    ]
    assert [(p.section, p.text[:8]) for p in body_paragraphs(place_blocks(blocks))] == [
        ("Executive summary", "Services"),
        ("Information about this local authority area", "Threshol"),
    ]
