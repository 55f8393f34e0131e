"""Area SEND reports: table rows set without a paragraph gap are items of their own, and
sections set with more leading throughout are not cut at every sentence."""

from __future__ import annotations

from pathlib import Path

from conftest import SHARED_REPORTS, shared_path
from pipeline import ingest
from pipeline.segment.blocks import document_blocks
from pipeline.types import Document, Line, Page, Source

SEND_REPORTS = SHARED_REPORTS.parent / "reports-send"


def pdf_document(rows: list[tuple[float, float, str]]) -> Document:
    """A one-page PDF document of 12 pt lines at (x0, top)."""
    lines = tuple(Line(text, 1, x0, top, 12.0) for x0, top, text in rows)
    return Document(source=Source("t.pdf", "0" * 64, "pdf", 1), pages=(Page(1, lines, 595, 842),))


def texts(rows) -> list[str]:
    return [b.text for b in document_blocks(pdf_document(rows))]


def test_table_rows_a_little_further_apart_than_their_lines_are_blocks_of_their_own():
    # Southampton's areas for improvement: lines 14.5 pt apart, rows 15.0 pt.
    assert texts([
        (62.4, 340.4, "The local area partnership should continue to embed their approach to"),
        (62.4, 354.9, "inclusion so that practitioners work together effectively."),
        (62.4, 369.9, "Health leaders need to work at pace to improve the uptake of the antenatal"),
        (62.4, 384.4, "contact and the mandated reviews."),
    ]) == [
        "The local area partnership should continue to embed their approach to inclusion so that practitioners work together effectively.",
        "Health leaders need to work at pace to improve the uptake of the antenatal contact and the mandated reviews.",
    ]


def test_a_row_after_a_bullet_starts_left_of_the_bullet():
    assert texts([
        (62.4, 384.3, "The partnership should improve the quality of EHC plans. This should include:"),
        (98.4, 398.8, "• more timely and precise annual review process"),
        (98.4, 413.3, "• more precise support for children who are not on a school"),
        (98.4, 427.8, "roll."),
        (62.4, 442.8, "Health leaders need to reduce waiting times for assessments."),
    ]) == [
        "The partnership should improve the quality of EHC plans. This should include:",
        "more timely and precise annual review process",
        "more precise support for children who are not on a school roll.",
        "Health leaders need to reduce waiting times for assessments.",
    ]


def test_a_paragraph_set_with_more_leading_throughout_is_one_block():
    # Gloucestershire's "need to do better" bullets and a 2014 report's statistics are set at
    # 15.0 and 16.6 pt throughout: a sentence that ends a line is not a row's end there.
    assert len(texts([
        (92.3, 123.5, "• Parents and school leaders rightly describe a system that is not working."),
        (92.3, 138.5, "A significant number of parents describe feeling desperate, and many"),
        (92.3, 153.5, "practitioners say they are battling to be heard by leaders."),
        (92.3, 168.5, "Inspectors found systems that are too reactive."),
    ])) == 1
    assert len(texts([
        (106.9, 134.1, "• At 31 March 2014, 18 children lived in a privately arranged foster placement."),
        (106.9, 150.7, "This is a decrease of one in comparison with 31 March 2013."),
    ])) == 1


def test_a_step_too_small_to_be_a_row_does_not_cut_a_paragraph():
    assert len(texts([
        (62.4, 100.0, "Leaders know their services well."),
        (62.4, 114.5, "They act on what they find and the"),
        (62.4, 129.1, "work is checked."),
        (62.4, 143.7, "Managers meet weekly."),
    ])) == 1


def send_report(relative: str) -> dict:
    return ingest(shared_path(SEND_REPORTS / relative))


def test_southamptons_five_areas_for_improvement_are_five_items():
    record = send_report("80558_southampton/area send full inspection - 16 july 2024.pdf")
    items = record["recommendations"]
    assert [" ".join(r["text"].split()[:3]) for r in items] == [
        "The local area",
        "The local area",
        "Health leaders need",
        "Health commissioners and",
        "The local area",
    ]
    assert [r["addressed_to"] for r in items] == ["partnership", "partnership", "icb", "icb", "partnership"]


def priority_actions(record: dict) -> list[dict]:
    return [r for r in record["recommendations"] if "priority" in r["list"].lower()]


def test_a_second_paragraph_of_a_priority_row_stays_in_its_row():
    # Worcestershire: the first row's cell goes on after its bullets ("Leaders should also
    # improve the support available while children and young people wait.").
    record = send_report("80584_worcestershire/area send full inspection - 15 july 2024.pdf")
    rows = priority_actions(record)
    assert len(rows) == 2
    assert rows[0]["text"].startswith("The local area partnership should urgently address the long waiting times for:")
    assert rows[0]["text"].endswith("Leaders should also improve the support available while children and young people wait.")
    assert rows[1]["text"].startswith("The local area partnership should urgently develop genuine co-production")


def test_a_row_names_its_responsible_body_when_its_subject_names_neither_side_and_a_cut_cell_is_warned():
    record = send_report("80534_nottinghamshire/area send full inspection - 16 may 2023.pdf")
    rows = priority_actions(record)
    assert rows[1]["text"].startswith("Leaders, including commissioners and providers, should act urgently")
    assert rows[1]["addressed_to"] == "icb"  # its cell: "NHS Nottingham and Nottinghamshire Integrated Care Board"
    # Row 1's cell runs over a page break into its text: its text holds the cell's words, warned.
    assert any("recommendation 1 holds 'Nottinghamshire Integrated Care Board'" in w for w in record["warnings"])


def test_members_who_share_responsibility_and_a_lead_inspector_printed_with_mr():
    record = send_report("80467_east sussex/area send full inspection - 04 february 2025.pdf")
    assert record["partnership"]["local_authority"] == "East Sussex County Council"
    assert record["partnership"]["icb"] == ["NHS Sussex Integrated Care Board"]
    assert record["lead_inspectors"] == ["Chris Ellison", "Andrea Crosby-Josephs"]


def test_question_sections_are_in_paragraphs_or_warned_of():
    # Blackpool numbers its four areas for improvement: the body may be taken to start there,
    # leaving the question sections out; if so, the record must say so.
    record = send_report("80431_blackpool/area send full inspection - 25 july 2024.pdf")
    question = "What is it like to be a child or young person with SEND in this area?"
    present = any(p["section"] == question for p in record["paragraphs"])
    warned = [w for w in record["warnings"] if w.startswith("sections:") and f"'{question}'" in w]
    assert present != bool(warned)
    assert [r["number"] for r in record["recommendations"]] == ["1", "2", "3", "4"]


def test_every_send_paragraph_annotation_joins_to_todays_text_and_is_in_the_training_corpus():
    from pipeline.training.corpus import TRAINING_PATTERN, join_texts, load_annotations

    send = load_annotations("corpus/annotations", "pass1-send-*.jsonl")
    assert Path("corpus/annotations/pass1-send-part1.jsonl").match(TRAINING_PATTERN)
    examples, problems = join_texts(send, [shared_path(SEND_REPORTS)])
    assert problems == [] and len(examples) == len(send) >= 450
    assert {e.framework for e in examples} == {"area_send_2023"}


def test_members_are_taken_from_the_names_a_section_gives_when_no_sentence_says_who_is_responsible():
    from pipeline.facts.area import named_members

    text = (
        "Since 2017 there have been changes to the leadership of Gateshead’s SEND service. On 1 July "
        "2022, North East and North Cumbria Integrated Care Board became responsible for the "
        "commissioning of health services in Gateshead. Gateshead Metropolitan Borough Council "
        "commissions alternative provision."
    )
    assert named_members(text, ("Integrated Care Board", "ICB"), "Gateshead") == (
        "Gateshead Metropolitan Borough Council", ["North East and North Cumbria Integrated Care Board"]
    )
    record = send_report("80513_richmond upon thames/area send full inspection - 04 december 2023.pdf")
    assert record["partnership"]["local_authority"] == "London Borough of Richmond upon Thames"
    assert any(w.startswith("partnership: no sentence") for w in record["warnings"])  # still warned


def two_page_document(first: list[tuple[float, float, str]], second: list[tuple[float, float, str]]) -> Document:
    pages = tuple(
        Page(n, tuple(Line(text, n, x0, top, 12.0) for x0, top, text in rows), 595, 842)
        for n, rows in ((1, first), (2, second))
    )
    return Document(source=Source("t.pdf", "0" * 64, "pdf", 2), pages=pages)


def test_a_row_that_starts_a_page_left_of_the_bullet_ending_the_page_before_is_a_row():
    end_of_page = [
        (62.4, 700.0, "Leaders should act at pace. This should include a focus on ensuring that:"),
        (80.0, 714.5, "• plans reflect the young person’s views; and"),
        (80.0, 729.0, "• their outcomes are considered across education, health and care."),
    ]
    row = [(62.4, 92.0, "The processes around writing EHC plans have not been robust enough.")]
    second_paragraph = [(93.0, 92.0, "Support is tailored well to meet the individual needs of families.")]
    assert [b.text for b in document_blocks(two_page_document(end_of_page, row))][-1] == row[0][2]
    assert document_blocks(two_page_document(end_of_page, second_paragraph))[-1].text.endswith(
        "across education, health and care. Support is tailored well to meet the individual needs of families."
    )
    record = send_report("80486_barking and dagenham/area send full inspection - 06 september 2024.pdf")
    assert [" ".join(r["text"].split()[:4]) for r in record["recommendations"]] == [
        "Considerations to support young", "The processes around writing", "Too few families receive",
    ]


def test_the_proposed_send_label_passes_cover_the_same_paragraphs_with_the_proposed_labels_only():
    """The two passes are compared item by item: they must label the same SEND paragraphs of
    pass1-send-part1.jsonl, and only with the labels the proposal names."""
    import json
    import tomllib
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "corpus" / "annotations" / "send-labels"
    labels = set(tomllib.loads((folder / "labels.toml").read_text())["labels"])
    part = [json.loads(l) for l in (folder.parent / "pass1-send-part1.jsonl").read_text().splitlines() if l.strip()]
    paragraphs = {(p["sha256"], p["text_hash"]) for p in part}
    passes = [[json.loads(l) for l in (folder / f"pass-{n}.jsonl").read_text().splitlines() if l.strip()] for n in "ab"]
    for items in passes:
        assert {(i["sha256"], i["text_hash"]) for i in items} == paragraphs
        assert all(set(i["labels"]) <= labels for i in items)
