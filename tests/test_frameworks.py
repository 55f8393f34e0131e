"""Framework files: loading, detection from the text, and what differs between frameworks."""

from __future__ import annotations

import pytest

from pipeline import ingest
from pipeline.frameworks import load_frameworks
from pipeline.errors import DataFileError
from pipeline.frameworks.loader import parse_framework

ILACS_FRONT = """Inspection of Northshire local authority children's services

Inspection dates: {dates}

Lead inspector: Jane Example, His Majesty's Inspector

Judgement\tGrade
The impact of leaders on social work practice with children and families\tGood
The experiences and progress of children who need help and protection\tRequires improvement to be good
The experiences and progress of children in care\tGood
{care_leavers}{overall}
What needs to improve?

- The timeliness of assessments for disabled children.
- Oversight of children living in private fostering arrangements.

The experiences and progress of children who need help and protection: requires improvement to be good

1. Children who need help are supported quickly by the front door team.
2. Assessments are thorough but some are late.
"""


def write_ilacs(tmp_path, dates, care_leavers=True, overall=True):
    text = ILACS_FRONT.format(
        dates=dates,
        care_leavers="The experiences and progress of care leavers\tOutstanding\n" if care_leavers else "",
        overall="Overall effectiveness\tGood\n" if overall else "",
    )
    path = tmp_path / "ilacs.txt"
    path.write_text(text, encoding="utf-8")
    return ingest(path)


def grades(record):
    return {j["judgement"]: (j["grade"], j.get("reason")) for j in record["judgements"]}


def test_every_framework_file_loads_with_its_judgements():
    slugs = {f.slug: [j.slug for j in f.judgements] for f in load_frameworks()}
    assert set(slugs) == {"protection_of_children_2012", "looked_after_children_2012", "sif_2013", "ilacs_2018", "ilacs_2026", "area_send_2023"}
    assert "lscb" in slugs["sif_2013"] and "care_leavers" in slugs["ilacs_2026"]


MINIMAL = {"version": 1, "slug": "x", "name": "x", "detect": ["x"], "grades": ["good"], "judgements": [{"slug": "a"}]}


@pytest.mark.parametrize(
    "change, where, key",
    [
        ({"judgements": [{"slug": "a", "lables": ["A"]}]}, "judgement 'a'", "lables"),
        ({"subsection": ["Summary"]}, "the file", "subsection"),
        ({"recommendations": {"sections": ["R"], "item": ["bullet"]}}, "[recommendations]", "item"),
        ({"recommendations": {"timescales": {"within_three_months": ["Within three months"]}}}, "[recommendations.timescales]", "within_three_months"),
        ({"inspection_type": {"short_max_day": 7}}, "[inspection_type]", "short_max_day"),
    ],
)
def test_a_framework_file_with_an_unknown_key_is_refused_naming_file_and_key(change, where, key):
    with pytest.raises(DataFileError) as caught:
        parse_framework({**MINIMAL, **change}, "x.toml")
    assert str(caught.value).startswith(f"x.toml: {where} has unknown key(s) {key};")


def test_a_framework_file_with_an_unknown_grade_or_version_is_refused():
    with pytest.raises(DataFileError, match="unknown grades"):
        parse_framework({**MINIMAL, "grades": ["satisfactory"]}, "x.toml")
    with pytest.raises(DataFileError, match="version 2"):
        parse_framework({**MINIMAL, "version": 2}, "x.toml")


def test_ilacs_standard_inspection_from_two_weeks_on_site(tmp_path):
    record = write_ilacs(tmp_path, "10 to 21 July 2023")
    assert record["framework"] == "ilacs_2018" and record["local_authority"] == "Northshire"
    assert record["inspection_type"] == "standard"
    assert "12 days" in record["evidence"]["inspection_type"]
    assert grades(record)["help_and_protection"] == ("requires_improvement", None)
    assert grades(record)["care_leavers"] == ("outstanding", None)
    assert [r["text"] for r in record["recommendations"]] == [
        "The timeliness of assessments for disabled children.",
        "Oversight of children living in private fostering arrangements.",
    ]
    assert record["paragraphs"][0]["section_grade"] == "requires_improvement"


def test_ilacs_short_inspection_and_no_care_leavers_judgement_before_2023(tmp_path):
    record = write_ilacs(tmp_path, "14 to 18 March 2022", care_leavers=False)
    assert record["inspection_type"] == "short"
    assert "care_leavers" not in grades(record)


def test_inspections_from_april_2026_have_no_overall_effectiveness(tmp_path):
    record = write_ilacs(tmp_path, "11 to 22 May 2026", overall=False)
    assert record["framework"] == "ilacs_2026"
    grade, reason = grades(record)["overall_effectiveness"]
    assert grade is None and "April 2026" in reason
    assert not any("overall_effectiveness" in w for w in record["warnings"]), "a stated absence is not a doubt"


def test_a_missing_judgement_is_null_with_a_warning_never_a_guess(tmp_path):
    record = write_ilacs(tmp_path, "10 to 21 July 2023", overall=False)
    grade, reason = grades(record)["overall_effectiveness"]
    assert grade is None and reason
    assert any("overall_effectiveness" in w for w in record["warnings"])
