"""The independent theme set (issue 15): the fixed development/test cut by report, scores
against both passes, thresholds from the development half only, and the set kept out of
training."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from pipeline.training.independent import BATCHES, IndependentSet, agreement_both, choose_thresholds, development_halves, development_reports, score_both
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.training.corpus import Example

ROOT = Path(__file__).resolve().parents[1]
INDEPENDENT = ROOT / "corpus" / "annotations" / "independent"


def example(report: str, key: str, themes: tuple[str, ...], stance: str) -> Example:
    return Example(report, key, "text", "", "group", themes, stance, "X")


def toy_set() -> IndependentSet:
    a = [example("r1", "p1", ("leadership",), "strength"), example("r2", "p1", ("workforce",), "weakness"),
         example("r3", "p1", ("leadership", "workforce"), "mixed"), example("r4", "p1", (), "neutral")]
    b = [example("r1", "p1", ("leadership",), "strength"), example("r2", "p1", ("workforce", "leadership"), "weakness"),
         example("r3", "p1", ("workforce",), "mixed"), example("r4", "p1", (), "neutral")]
    return IndependentSet(a, b, np.array([True, True, False, False]), [])


def test_the_cut_is_by_report_fixed_and_half():
    reports = [json.loads(line)["sha256"] for line in (INDEPENDENT / "pass-a.jsonl").read_text().splitlines() if line.strip()]
    dev = development_reports(reports)
    assert dev == development_reports(list(reversed(reports)))  # the order of the lines does not move it
    assert len(dev) == len(set(reports)) // 2


def test_a_new_batch_never_moves_a_report_of_an_earlier_batch_to_the_other_half():
    batches = [[json.loads(line)["sha256"] for line in (INDEPENDENT / first).read_text().splitlines() if line.strip()]
               for first, _ in BATCHES]
    first = set(batches[0])
    both = development_halves(batches)
    assert both & first == development_reports(batches[0])
    new = set(batches[1]) - first
    assert len(new) > 20 and len(both & new) == len(new) // 2
    for first_name, second_name in BATCHES:  # the two passes of a batch label the same items
        keys = [{(d["sha256"], d["text_hash"]) for d in map(json.loads, (INDEPENDENT / name).read_text().splitlines())}
                for name in (first_name, second_name)]
        assert keys[0] == keys[1]


def test_scores_are_the_mean_against_each_pass():
    data = toy_set()
    leadership, workforce = THEMES.index("leadership"), THEMES.index("workforce")
    predicted = np.zeros((4, len(THEMES)), dtype=bool)
    predicted[[0, 1], leadership] = True  # right against pass b for r2, wrong against pass a
    predicted[1, workforce] = True
    result = score_both(data, predicted, ["strength", "weakness", "mixed", "neutral"], "dev")
    # leadership precision on the dev half: pass a 1/2, pass b 2/2
    assert result["themes"]["leadership"]["precision"] == 0.75
    assert result["stance_accuracy"] == 1.0 and result["items"] == 2 and result["reports"] == 2


def test_agreement_is_symmetric():
    result = agreement_both(toy_set(), "all")
    leadership = result["themes"]["leadership"]
    assert leadership["precision"] == leadership["recall"]
    assert result["stance_accuracy"] == 1.0


def test_thresholds_come_from_the_development_half_only():
    data = toy_set()
    probabilities = np.full((4, len(THEMES)), 0.05)
    fallback = np.full(len(THEMES), 0.5)
    # the test half's scores cannot move a threshold
    changed = probabilities.copy()
    changed[2:, :] = 0.99
    assert np.array_equal(choose_thresholds(data, probabilities, fallback), choose_thresholds(data, changed, fallback))


def test_the_independent_set_is_never_training_data():
    from pipeline.training.corpus import key_of, load_annotations
    from pipeline.training.train import TRAINING_PATTERN

    training = {(a["sha256"], key_of(a)) for a in load_annotations(INDEPENDENT.parent, TRAINING_PATTERN)}
    independent = {(a["sha256"], key_of(a)) for a in load_annotations(INDEPENDENT, "pass-*.jsonl")}
    assert len(independent) >= 400 and not training & independent


def test_a_revision_redecides_only_the_themes_it_reviewed(tmp_path):
    """A re-annotation pass changes the themes it was asked about and nothing else; a revision
    of an item the corpus does not hold is refused, not silently dropped."""
    import json

    import pytest

    from pipeline import errors
    from pipeline.training.corpus import load_corpus

    item = {"sha256": "a" * 64, "key": {"paragraph": "3"}, "themes": ["children_in_care", "education"], "stance": "mixed", "annotator": "A1"}
    (tmp_path / "pass1-part1.jsonl").write_text(json.dumps(item) + "\n")
    revision = {"sha256": "a" * 64, "key": {"paragraph": "3"}, "text_hash": "0" * 12, "reviewed": ["children_in_care", "leadership"], "themes": ["leadership"], "annotator": "R1"}
    (tmp_path / "revision-part1.jsonl").write_text(json.dumps(revision) + "\n")
    [revised] = load_corpus(tmp_path)
    assert revised["themes"] == ["education", "leadership"] and revised["stance"] == "mixed"
    assert revised["text_hash"] == "0" * 12
    stray = {**revision, "key": {"paragraph": "4"}}
    (tmp_path / "revision-part1.jsonl").write_text(json.dumps(revision) + "\n" + json.dumps(stray) + "\n")
    with pytest.raises(errors.BadAnnotation):
        load_corpus(tmp_path)


def test_thresholds_from_the_development_half_are_shipped_only_where_they_carry_over_within_it():
    from pipeline.training.independent import dev_thresholds_generalise

    items = [example(f"r{n // 2}", f"p{n}", ("leadership",) if n % 2 else (), STANCES[n % 4]) for n in range(60)]
    data = IndependentSet(items, items, np.ones(60, dtype=bool), [])
    probabilities = np.full((60, len(THEMES)), 0.05)
    probabilities[1::2, THEMES.index("leadership")] = 0.3  # every positive at 0.3, every negative at 0.05
    missing = np.full(len(THEMES), 0.5)  # training thresholds that miss every positive
    assert dev_thresholds_generalise(data, probabilities, missing, splits=3)["use_dev"]
    already_right = np.full(len(THEMES), 0.2)
    assert not dev_thresholds_generalise(data, probabilities, already_right, splits=3)["use_dev"]  # a tie keeps training's


def test_the_shipped_sentence_gate_only_removes_gated_themes(seed_text_record):
    """The figures with and without the sentence gate (make eval) differ only where the gate
    dropped a gated theme the paragraph model gave; the records give the gated decision."""
    from pipeline.nlp.model import default_model
    from pipeline.training.independent import decisions, read_items

    model = default_model()
    assert model is not None and model.linear.gate_themes, "the shipped model carries a sentence gate"
    paragraphs = seed_text_record["paragraphs"]
    items = [Example("seed", f"p{i}", p["text"], p["section"] or "", "bedford", tuple(p["themes"]), p["stance"], "record")
             for i, p in enumerate(paragraphs)]
    data = IndependentSet(items, items, np.zeros(len(items), dtype=bool), [])
    gated, _ = decisions(model, data)
    ungated = model.theme_choices(read_items(model, data)[0])
    assert not (gated & ~ungated).any(), "the gate never adds a theme"
    dropped = {THEMES[k] for k in np.flatnonzero((ungated & ~gated).any(axis=0))}
    assert dropped <= set(model.linear.gate_themes)
    assert [[t for t, keep in zip(THEMES, row) if keep] for row in gated] == [p["themes"] for p in paragraphs]
