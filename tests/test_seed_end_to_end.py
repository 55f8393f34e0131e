"""The seed report end to end: the findings a reader checks, from the text and from a PDF."""

from __future__ import annotations

import pytest

SECTION_OF = {
    **{n: "Service information" for n in range(12, 15)},
    **{n: "The effectiveness of the help and protection provided to children, young people, families and carers" for n in range(15, 23)},
    **{n: "The quality of practice" for n in range(23, 33)},
    **{n: "Leadership and governance" for n in range(33, 39)},
}
PAGE_BREAK_PARAGRAPHS = {3: ("examples of effective packages of help",),
                         12: ("is a shared arrangement with Central Bedfordshire",),
                         18: ("This is enabling families to work constructively",),
                         20: ("advocate", "they have a good understanding of the reasons"),
                         23: ("to follow through any areas of significant concern",),
                         27: ("demonstrated through case recording",),
                         29: ("Notwithstanding this point the pattern of improvement",),
                         33: ("provision of additional resources",),
                         36: ("infrastructure to ensure a focus on issues",)}


@pytest.fixture(params=["text", "pdf"])
def record(request, seed_text_record, seed_pdf_record):
    return seed_text_record if request.param == "text" else seed_pdf_record


def paragraph(record, number: int) -> dict:
    return next(p for p in record["paragraphs"] if p["number"] == str(number))


def test_front_page_facts(record):
    assert record["local_authority"] == "Bedford Borough"
    assert record["framework"] == "protection_of_children_2012"
    assert (record["inspection_start"], record["inspection_end"]) == ("2013-01-07", "2013-01-16")
    assert record["lead_inspector"] == "Martin Ayres"
    assert record["published"] is None
    assert any("published" in w for w in record["warnings"]), "a missing publication date must be said"


def test_four_adequate_judgements(record):
    assert [(j["judgement"], j["grade"]) for j in record["judgements"]] == [
        ("overall_effectiveness", "adequate"),
        ("help_and_protection", "adequate"),
        ("quality_of_practice", "adequate"),
        ("leadership_and_governance", "adequate"),
    ]
    for judgement in record["judgements"]:
        assert "adequate" in judgement["evidence"]["text"].lower()


def test_eight_recommendations_in_order(record):
    recommendations = record["recommendations"]
    assert [r["timescale"] for r in recommendations] == ["immediately"] + ["within_3_months"] * 5 + ["within_6_months"] * 2
    assert recommendations[0]["text"].startswith("ensure that managers in children's social care only 'sign off'")
    assert recommendations[0]["text"].endswith("fully tracked and implemented.")
    assert recommendations[1]["text"].startswith("review arrangements for screening cases of domestic violence")
    assert recommendations[-1]["text"].startswith("develop and implement a comprehensive workforce strategy")
    assert len({r["text"] for r in recommendations}) == 8


def test_numbered_paragraphs_each_once_whole_and_in_their_section(record):
    numbers = [p["number"] for p in record["paragraphs"] if p["number"] is not None]
    assert numbers == [str(n) for n in range(1, 39)]
    for number, section in SECTION_OF.items():
        found = paragraph(record, number)
        assert found["section"] == section, number
        expected_grade = None if section == "Service information" else "adequate"
        assert found["section_grade"] == expected_grade, number
    assert paragraph(record, 38)["text"].endswith("was arranged as a learning response.")


@pytest.mark.parametrize("number", sorted(PAGE_BREAK_PARAGRAPHS))
def test_paragraphs_broken_by_page_breaks_are_joined(record, number):
    text = " ".join(paragraph(record, number)["text"].split())
    for fragment in PAGE_BREAK_PARAGRAPHS[number]:
        assert fragment in text
    # the paragraph after it starts where it should, not with the continuation
    assert paragraph(record, number + 1)["text"][0].isupper()


def test_statistics_quoted_in_the_text(record):
    stats = record["statistics"]
    values = {(s["value"], s["unit"]) for s in stats}
    for value in (35800, 108, 1905, 1186):
        assert (value, "count") in values, value
    percents = {s["value"] for s in stats if s["unit"] == "percent"}
    assert {23, 36.9, 22.4, 18.9, 16.5, 46, 35, 60, 28, 8, 4, 20} <= percents
    named = {s["name"]: s["value"] for s in stats if s.get("name")}
    assert named["children_population"] == 35800
    assert named["child_protection_plans"] == 108
    assert named["cp_category_neglect"] == 60
    assert named["agency_social_worker_share"] == 20
    police = next(s for s in stats if s["value"] == 1905)
    assert police["paragraph"] == "25" and "police" in police["sentence"]


def test_entities_name_agencies_and_services(record):
    labels = {(e["label"], e["text"]) for p in record["paragraphs"] for e in p["entities"]}
    texts = {text for _, text in labels}
    for expected in ("CAMHS", "MARAC", "LSCB"):
        assert expected in texts
    assert ("AGENCY", "South Essex Partnership University NHS Foundation Trust") in labels


def test_pdf_gives_what_the_text_gives(seed_text_record, seed_pdf_record):
    assert seed_pdf_record["source"]["format"] == "pdf" and seed_pdf_record["source"]["pages"] > 8
    for key in ("local_authority", "framework", "inspection_start", "inspection_end", "lead_inspector"):
        assert seed_pdf_record[key] == seed_text_record[key], key
    assert [(j["judgement"], j["grade"]) for j in seed_pdf_record["judgements"]] == [
        (j["judgement"], j["grade"]) for j in seed_text_record["judgements"]
    ]
    without_page = lambda record: [{k: v for k, v in r.items() if k != "page"} for r in record["recommendations"]]  # noqa: E731
    assert without_page(seed_pdf_record) == without_page(seed_text_record)
    text_paragraphs = [(p["number"], p["section"], p["text"]) for p in seed_text_record["paragraphs"]]
    pdf_paragraphs = [(p["number"], p["section"], p["text"]) for p in seed_pdf_record["paragraphs"]]
    assert pdf_paragraphs == text_paragraphs


def test_pdf_paragraphs_carry_their_page(seed_pdf_record):
    pages = [p["page"] for p in seed_pdf_record["paragraphs"]]
    assert all(isinstance(page, int) and page >= 2 for page in pages)
    assert pages == sorted(pages)
    assert all(j["evidence"]["page"] for j in seed_pdf_record["judgements"])


def test_no_running_header_or_page_number_leaks_into_text(seed_pdf_record):
    from conftest import SEED_HEADER

    for p in seed_pdf_record["paragraphs"]:
        assert SEED_HEADER not in p["text"]


def test_paragraphs_carry_themes_stance_and_sentence_stances(seed_text_record):
    """With the shipped model: what a user searching the seed for a topic would find."""
    paragraph_25 = paragraph(seed_text_record, 25)  # screening of police domestic violence referrals
    assert "domestic_abuse" in paragraph_25["themes"]
    assert paragraph_25["stance"] in ("mixed", "weakness")
    assert set(paragraph_25["stance_scores"]) == {"strength", "weakness", "mixed", "neutral"}
    assert len(paragraph_25["sentences"]) >= 3 and all(s["stance"] for s in paragraph_25["sentences"])
    screening = seed_text_record["recommendations"][1]  # review screening of domestic violence cases
    assert "domestic_abuse" in screening["themes"]
    graded = {p["section"] for p in seed_text_record["section_profiles"]}
    assert "The quality of practice" in graded
