"""Layouts met in the archive that once gave wrong values without a warning."""

from __future__ import annotations

from conftest import shared_report
from pipeline import ingest

REDBRIDGE_2016 = "80512_redbridge/children's services inspection - 25 november 2016.pdf"


def test_a_boxed_heading_drawn_last_is_read_where_it_is_printed():
    # Redbridge 2016 prints the LSCB "Recommendations" in a box at the top of a page that
    # the PDF draws after the paragraphs below it. Read in stream order, its findings
    # (130-143) became recommendations; and the children's summary after the first list did too.
    record = ingest(shared_report(REDBRIDGE_2016))
    texts = [r["text"] for r in record["recommendations"]]
    assert len(texts) == 12  # nine for the local authority, three for the LSCB
    assert texts[0].startswith("Strengthen the quality and impact of the role of the child protection chair")
    assert texts[9].startswith("Extend the range of the performance data set")
    assert not any(t.startswith(("Children in Redbridge are kept safe", "The board demonstrates")) for t in texts)
    numbers = [p["number"] for p in record["paragraphs"] if p["number"]]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_the_publishers_back_page_is_not_a_paragraph():
    record = ingest(shared_report(REDBRIDGE_2016))
    texts = " ".join(p["text"] for p in record["paragraphs"]).lower()
    assert "subscribe to our monthly newsletter" not in texts
    assert "a copy of this document in a different format" not in texts
    assert "you may reuse this information" not in texts


NEWHAM_2014 = "80511_newham/children's services inspection - 08 august 2014.pdf"


def test_a_list_of_strengths_under_the_areas_for_improvement_is_not_recommendations():
    # Newham 2014 (SIF) follows its ten areas for improvement with "The local authority has
    # the following strengths:" and eight numbered findings; they were read as recommendations.
    record = ingest(shared_report(NEWHAM_2014))
    texts = [r["text"] for r in record["recommendations"]]
    assert len(texts) == 12  # ten for the local authority, two for the LSCB
    assert texts[9].startswith("Ensure that all staff receive regular, formal supervision")
    assert texts[10].startswith("Ensure that the NSCB detailed dataset is rationalised")
    assert not any(t.startswith(("Senior leaders in the local authority", "The local authority works well")) for t in texts)


HARTLEPOOL_2024 = "80473_hartlepool/children's services inspection - 16 may 2024.pdf"


def test_the_ilacs_summary_above_what_needs_to_improve_is_in_paragraphs():
    # ILACS prints its summary, unheaded, between the judgement table and "What needs to improve?".
    record = ingest(shared_report(HARTLEPOOL_2024))
    summary = [p for p in record["paragraphs"] if p["number"] is None and p["section"] is None]
    assert [p["text"][:40] for p in summary] == [
        "Since the last ILACS judgement inspectio",
        "Inspectors saw consistently good practic",
        "There are many examples of positive prac",
    ]
    assert record["paragraphs"][3]["number"] == "1"
    assert all(p["stance"] for p in summary)  # tagged like any paragraph
    assert not any(p["text"].startswith("1 Ofsted produces this report") for p in record["paragraphs"])


CAMBRIDGESHIRE_2019 = "80445_cambridgeshire/children's services inspection - 18 february 2019.pdf"


def test_an_early_ilacs_summary_above_what_needs_to_improve_without_a_question_mark():
    record = ingest(shared_report(CAMBRIDGESHIRE_2019))
    summary = [p["text"][:40] for p in record["paragraphs"] if p["number"] is None and p["section"] is None]
    assert summary == [
        "Since the last inspection, changes of se",
        "In most cases, the services the local au",
        "The most significant challenge to the lo",
    ]
