"""The rule baseline: spaCy PhraseMatcher lexicons per theme, and stance cues.

A paragraph carries a theme when a phrase of its lexicon occurs; stance comes from the
strength and weakness cues it holds (both, or a contrast cue with either: mixed; none:
neutral). Lexicons are the data files ``lexicons/themes.toml`` and ``lexicons/stance.toml``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher

from pipeline.nlp.labels import STANCES, THEMES, read_lexicon
from pipeline.nlp.language import build_language


@lru_cache(maxsize=1)
def matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    nlp = build_language()
    themes = PhraseMatcher(nlp.vocab, attr="LOWER")
    for theme, phrases in read_lexicon("themes.toml")["themes"].items():
        themes.add(theme, list(nlp.tokenizer.pipe(phrases)))
    stance = PhraseMatcher(nlp.vocab, attr="LOWER")
    for cue in ("strength", "weakness", "contrast"):
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
        if strong and weak and (contrast or min(strong, weak) >= 2):
            stance = "mixed"
        elif weak > strong:
            stance = "weakness"
        elif strong:
            stance = "strength"
        elif weak:
            stance = "weakness"
        else:
            stance = "neutral"
        stance_scores.append({s: float(s == stance) for s in STANCES})
    return theme_scores, stance_scores
