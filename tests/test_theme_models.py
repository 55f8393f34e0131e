"""Theme and stance models: the rule baseline, save/load round trips without pickle, the
version check, and the section consistency check. Built on small corpora made in code."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.records.consistency import consistency_warnings, section_profiles
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.language import build_language
from pipeline.nlp.linear import LinearModel
from pipeline.errors import ModelError
from pipeline.nlp.model import MODEL_FORMAT, ThemeStanceModel
from pipeline.nlp.rules import rule_scores

STRONG = "Social workers complete timely and thorough assessments that are effective for children in care."
WEAK = "Assessments are not timely and too many plans for children in care lack clear actions; delays persist."
MIXED = "Most assessments are thorough; however, too many plans for children in care are not reviewed in time."


def corpus(n=12):
    texts, themes, stances, groups = [], [], [], []
    for i in range(n):
        for text, stance in ((STRONG, "strength"), (WEAK, "weakness"), (MIXED, "mixed")):
            texts.append(f"{text} Team {i} in area {i % 4}.")
            themes.append(("assessment", "children_in_care"))
            stances.append(stance)
            groups.append(f"authority-{i % 4}")
        texts.append(f"The MARAC reviews domestic abuse cases weekly in area {i}.")
        themes.append(("domestic_abuse",))
        stances.append("neutral")
        groups.append(f"authority-{i % 4}")
    return texts, themes, stances, groups


def test_rule_baseline_reads_lexicons_and_cues():
    themes, stances = rule_scores(build_language().tokenizer.pipe([WEAK, "The panel met in March."]))
    assert themes[0]["assessment"] == 1.0 and themes[0]["children_in_care"] == 1.0
    assert max(stances[0], key=stances[0].get) == "weakness"
    assert max(stances[1], key=stances[1].get) == "neutral"


def test_linear_model_round_trip_without_pickle(tmp_path):
    texts, themes, stances, groups = corpus()
    sections = ["Children in care"] * len(texts)
    model = LinearModel().fit(texts, themes, stances, groups, sections)
    model.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linear.json", "linear.npz"], "no pickle files"
    np.load(tmp_path / "linear.npz", allow_pickle=False)  # raises if anything needs pickle
    loaded = LinearModel.load(tmp_path)
    before, after = model.predict(texts[:4], sections[:4]), loaded.predict(texts[:4], sections[:4])
    assert np.allclose(before[0], after[0], atol=2e-3) and np.allclose(before[1], after[1], atol=2e-3)
    stance = [STANCES[i] for i in after[1].argmax(axis=1)]
    assert stance == ["strength", "weakness", "mixed", "neutral"]


def write_model(folder, texts, themes, stances, groups, changes=None, section_weight=0.0):
    model = LinearModel(section_weight=section_weight).fit(texts, themes, stances, groups, ["Children in care"] * len(texts))
    model.save(folder)
    meta = {"format": MODEL_FORMAT, "method": "linear", "themes": list(THEMES), "stances": list(STANCES),
            "thresholds": [float(t) for t in model.thresholds], **(changes or {})}
    (folder / "meta.json").write_text(json.dumps(meta))


def test_loading_checks_format_and_labels(tmp_path):
    texts, themes, stances, groups = corpus()
    write_model(tmp_path, texts, themes, stances, groups)
    tagged = ThemeStanceModel.load(tmp_path).tag([WEAK], ["Children in care"])[0]
    assert "assessment" in tagged["themes"] and tagged["stance"] == "weakness"
    write_model(tmp_path, texts, themes, stances, groups, {"format": 99})
    with pytest.raises(ModelError, match="format 99"):
        ThemeStanceModel.load(tmp_path)
    write_model(tmp_path, texts, themes, stances, groups, {"themes": ["other"]})
    with pytest.raises(ModelError, match="labels differ"):
        ThemeStanceModel.load(tmp_path)
    with pytest.raises(ModelError, match="no model here"):
        ThemeStanceModel.load(tmp_path / "missing")


def test_a_good_section_of_weaknesses_is_flagged():
    paragraphs = [{"section": "Help and protection", "section_grade": "good", "stance": s}
                  for s in ("weakness", "weakness", "weakness", "strength", "mixed")]
    paragraphs += [{"section": "Leaders", "section_grade": "inadequate", "stance": "weakness"}] * 5
    profiles = section_profiles(paragraphs)
    assert profiles[0]["weakness_share"] == 0.6 and profiles[1]["weakness_share"] == 1.0
    warnings = consistency_warnings(profiles)
    assert len(warnings) == 1 and "graded good but 60%" in warnings[0]


def test_every_theme_a_paragraph_carries_has_its_sentence(seed_text_record):
    """theme_evidence (issue 15): for each theme, a sentence of that paragraph, and only the
    paragraph's themes."""
    tagged = [p for p in seed_text_record["paragraphs"] if p["themes"]]
    assert tagged
    for paragraph in tagged:
        assert set(paragraph["theme_evidence"]) == set(paragraph["themes"])
        sentences = {s["text"] for s in paragraph["sentences"]}
        assert set(paragraph["theme_evidence"].values()) <= sentences
    untagged = [p for p in seed_text_record["paragraphs"] if not p["themes"]]
    assert all(p["theme_evidence"] == {} for p in untagged)


def test_revisions_apply_in_order_and_replace_only_what_they_decided():
    from pipeline.errors import BadAnnotation
    from pipeline.training.corpus import apply_revisions

    item = {"sha256": "a" * 64, "key": {"paragraph": "3"}, "themes": ["leadership", "workforce"], "stance": "mixed", "annotator": "A1"}
    first = {"sha256": "a" * 64, "key": {"paragraph": "3"}, "text_hash": "h1", "reviewed": ["leadership"], "themes": [], "annotator": "R1"}
    second = {"sha256": "a" * 64, "key": {"paragraph": "3"}, "text_hash": "h2", "reviewed": list(THEMES),
              "themes": ["workforce", "quality_assurance"], "stance": "weakness", "annotator": "F1"}
    only_first = apply_revisions([item], [first])[0]
    assert only_first["themes"] == ["workforce"] and only_first["stance"] == "mixed"  # no stance decided: kept
    both = apply_revisions([item], [first, second])[0]
    assert set(both["themes"]) == {"workforce", "quality_assurance"} and both["stance"] == "weakness"
    assert both["text_hash"] == "h2" and both["revised_by"] == "F1"
    with pytest.raises(BadAnnotation):
        apply_revisions([item], [{**first, "key": {"paragraph": "4"}}])


def test_best_sentence_score_per_paragraph_even_without_sentences():
    from pipeline.nlp.linear import best_sentence_scores

    scores = np.array([[0.1, 0.9], [0.7, 0.2], [0.3, 0.4]])
    best = best_sentence_scores(scores, np.array([2, 0, 1]))
    assert best.tolist() == [[0.7, 0.9], [0.0, 0.0], [0.3, 0.4]]


@pytest.mark.parametrize("section_weight", [0.0, 0.5])
def test_a_gated_theme_needs_a_sentence_that_carries_it(tmp_path, section_weight):
    """The sentence gate (issue 15) in the tagging path and through save and load: a theme
    above its threshold is dropped where no sentence reaches the gate's cut, kept where one does,
    and a theme without a gate is untouched (also for a model that reads headings)."""
    texts, themes, stances, groups = corpus()
    write_model(tmp_path, texts, themes, stances, groups, section_weight=section_weight)
    linear = LinearModel.load(tmp_path)
    columns = linear.sentence_theme_features(["x"]).shape[1]
    sentences = [[WEAK]]
    for intercept, expected in ((-8.0, False), (8.0, True)):  # every sentence scores ~0 / ~1
        linear.gate_themes, linear.gate_cuts = ("assessment",), np.array([0.5])
        linear.gate_coef, linear.gate_intercept = np.zeros((1, columns)), np.array([intercept])
        linear.save(tmp_path)
        model = ThemeStanceModel.load(tmp_path)
        assert model.linear.gate_themes == ("assessment",)
        tagged = model.tag([WEAK], ["Children in care"], sentences)[0]
        assert ("assessment" in tagged["themes"]) is expected
        assert "children_in_care" in tagged["themes"]  # not gated
        assert tagged["theme_scores"]["assessment"] >= model.thresholds[THEMES.index("assessment")]  # the score is the paragraph's
        assert ("assessment" in model.tag([WEAK], ["Children in care"])[0]["themes"])  # no sentences read: no gate


def test_sentence_labels_join_only_where_the_split_is_the_one_labelled(tmp_path):
    from pipeline.training.corpus import Example, join_sentence_labels, text_hash

    first, second = "Leaders know the service well.", "Assessments are thorough and timely."
    examples = [Example("a" * 64, "p1", f"{first} {second}", "", "g", ("leadership",), "strength", "A1"),
                Example("b" * 64, "p2", f"{first} {second}", "", "g", ("leadership",), "strength", "A1")]
    folder = tmp_path / "sentences"
    folder.mkdir()
    lines = [
        {"sha256": "a" * 64, "key": {"paragraph": "1"}, "sentence_hashes": [text_hash(first), text_hash(second)],
         "sentence_themes": [["leadership"], ["assessment"]], "annotator": "S1"},
        {"sha256": "b" * 64, "key": {"paragraph": "2"}, "sentence_hashes": [text_hash(first + " " + second)],
         "sentence_themes": [["leadership"]], "annotator": "S1"},
    ]
    (folder / "part1.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    joined, problems = join_sentence_labels(examples, tmp_path)
    assert joined == {("a" * 64, "p1"): ([first, second], [("leadership",), ("assessment",)])}
    assert len(problems) == 1 and "sentences differ" in problems[0]
