"""Real 2013 reports of the seed's family (Ofsted's 2012-13 frameworks) share its layout:
front page, numbered paragraphs, grade lines under section headings, timed recommendations."""

from __future__ import annotations

import pytest

from conftest import shared_report
from pipeline import ingest

REPORTS = {
    "80522_medway/children's services inspection,  pdf - 23 august 2013.pdf": {
        "local_authority": "Medway Council", "lead_inspector": "Sarah Urding", "published": "2013-08-23",
        "inspection_start": "2013-07-15", "inspection_end": "2013-07-19",
        "grades": ["inadequate", "adequate", "inadequate", "inadequate", "inadequate"],
        "paragraphs": 76, "timescales": {"immediately": 4, "within_3_months": 8, "within_6_months": 3},
    },
    "80476_kent/children's services inspection,  pdf - 23 august 2013.pdf": {
        "local_authority": "Kent County Council", "lead_inspector": "Helen Cawston", "published": "2013-08-23",
        "inspection_start": "2013-07-15", "inspection_end": "2013-07-19",
        "grades": ["adequate", "good", "adequate", "adequate", "adequate"],
        "paragraphs": 72, "timescales": {"immediately": 3, "within_3_months": 6, "within_6_months": 3},
    },
}


@pytest.fixture(scope="module", params=sorted(REPORTS))
def case(request):
    return ingest(shared_report(request.param)), REPORTS[request.param]


def test_front_page(case):
    record, expected = case
    assert record["framework"] == "looked_after_children_2012"
    for key in ("local_authority", "lead_inspector", "published", "inspection_start", "inspection_end"):
        assert record[key] == expected[key], key


def test_judgements(case):
    record, expected = case
    assert [j["judgement"] for j in record["judgements"]] == [
        "overall_effectiveness", "capacity_to_improve", "outcomes_for_looked_after_children",
        "quality_of_provision", "leadership_and_management",
    ]
    assert [j["grade"] for j in record["judgements"]] == expected["grades"]
    assert all(j["evidence"]["page"] for j in record["judgements"])


def test_paragraphs_and_recommendations(case):
    record, expected = case
    numbers = [p["number"] for p in record["paragraphs"] if p["number"]]
    assert numbers == [str(n) for n in range(1, expected["paragraphs"] + 1)]
    counts = {}
    for item in record["recommendations"]:
        counts[item["timescale"]] = counts.get(item["timescale"], 0) + 1
    assert counts == expected["timescales"]
    assert not any("Inspection of safeguarding" in p["text"] for p in record["paragraphs"])
    assert all(p["text"] and not p["text"].endswith("-") for p in record["paragraphs"])
