"""The rule baseline: spaCy PhraseMatcher lexicons per theme, and stance cues.

A paragraph carries a theme when a phrase of its lexicon occurs; stance comes from the
strength and weakness cues it holds: both with a contrast cue ("however"), or as many of
each, is mixed; otherwise the more frequent kind wins; none is neutral. Lexicons are the data files ``lexicons/themes.toml`` and ``lexicons/stance.toml``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from spacy.matcher import PhraseMatcher

from pipeline.nlp.labels import STANCES, THEMES, read_lexicon
from pipeline.nlp.language import build_language


CUES = ("strength", "weakness", "contrast")


@lru_cache(maxsize=1)
def matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    nlp = build_language()
    themes = PhraseMatcher(nlp.vocab, attr="LOWER")
    for theme, phrases in read_lexicon("themes.toml")["themes"].items():
        themes.add(theme, list(nlp.tokenizer.pipe(phrases)))
    stance = PhraseMatcher(nlp.vocab, attr="LOWER")
    for cue in CUES:
        stance.add(cue, list(nlp.tokenizer.pipe(read_lexicon("stance.toml")[cue])))
    return themes, stance


def rule_scores(docs) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Theme scores (1.0 where a phrase matched) and stance scores (a one-hot vote) per doc."""
    theme_matcher, stance_matcher = matchers()
    vocab = build_language().vocab
    theme_scores, stance_scores = [], []
    for doc in docs:
        found = {vocab.strings[match_id] for match_id, _, _ in theme_matcher(doc)}
        theme_scores.append({t: float(t in found) for t in THEMES})
        cues = [vocab.strings[match_id] for match_id, _, _ in stance_matcher(doc)]
        strong, weak, contrast = cues.count("strength"), cues.count("weakness"), cues.count("contrast")
        if strong and weak and contrast:
            stance = "mixed"
        elif weak > strong:
            stance = "weakness"
        elif strong > weak:
            stance = "strength"
        else:
            stance = "mixed" if strong else "neutral"
        stance_scores.append({s: float(s == stance) for s in STANCES})
    return theme_scores, stance_scores


def rule_features(texts: list) -> np.ndarray:
    """Lexicon evidence as model features: per theme, whether a phrase occurs; and the
    counts (log-scaled) of strength, weakness and contrast cues. ``texts`` are strings, or
    spaCy docs or spans already made by the pipeline's tokenizer (not tokenised again)."""
    theme_matcher, stance_matcher = matchers()
    nlp = build_language()
    columns = match_columns()
    rows = np.zeros((len(texts), len(THEMES) + len(CUES)), dtype=np.float64)
    for row, doc in enumerate(as_docs(nlp, texts)):
        for match_id, _, _ in theme_matcher(doc):
            rows[row, columns[match_id]] = 1.0
        for match_id, _, _ in stance_matcher(doc):
            rows[row, columns[match_id]] += 1.0
    rows[:, len(THEMES):] = np.log1p(rows[:, len(THEMES):])
    return rows


@lru_cache(maxsize=1)
def match_columns() -> dict[int, int]:
    """A match's id (the hash of its theme or cue name) -> its column in ``rule_features``."""
    strings = build_language().vocab.strings
    return {strings[name]: column for column, name in enumerate(THEMES + CUES)}


def as_docs(nlp, texts: list):
    """Docs or spans as given; strings through the tokenizer, in one batch."""
    if all(not isinstance(t, str) for t in texts):
        return texts
    return nlp.tokenizer.pipe([t if isinstance(t, str) else t.text for t in texts])
