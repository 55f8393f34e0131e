"""The acceptance figures on the hand-checked gold set (real reports from ../shared):
judgement grades at least 99% right and every other field at least 98% right in every
framework, and no judgement invented where the report gives none."""

from __future__ import annotations


import pytest

from conftest import ROOT, SHARED_REPORTS, shared_report
from pipeline.batch import ingest_many
from pipeline.evaluate.facts import FIELDS, load_gold, score

GOLD = load_gold(ROOT / "corpus" / "gold") + load_gold(ROOT / "corpus" / "gold" / "holdout")


@pytest.fixture(scope="module")
def result():
    for item in GOLD:
        shared_report(item["file"])
    records = ingest_many([SHARED_REPORTS / item["file"] for item in GOLD], jobs=2)
    return score(GOLD, dict(zip((i["file"] for i in GOLD), records)), None)


def test_gold_set_covers_every_framework_in_the_archive():
    frameworks = {item["framework"] for item in GOLD}
    assert {"looked_after_children_2012", "sif_2013", "ilacs_2018", "ilacs_2026"} <= frameworks
    assert len(GOLD) >= 80


@pytest.mark.parametrize("framework", sorted({item["framework"] for item in GOLD}))
def test_accuracy_per_framework(result, framework):
    tally = result["ours"]
    assert tally.accuracy(framework, "judgements") >= 0.99, [m for m in result["mistakes"] if "judgement" in m]
    for field in FIELDS:
        assert tally.accuracy(framework, field) >= 0.98, [m for m in result["mistakes"] if field in m]


def test_no_judgement_is_invented(result):
    assert result["invented"] == []
