"""The shipped theme and stance model: loading (with its version checked), and tagging.

A model folder holds ``meta.json`` (format, version, labels, training-data hash, figures,
the method that won), the artefacts of that method, and ``MODEL_CARD.md`` generated from
``meta.json``. Methods: ``linear`` (TF-IDF + naive-Bayes-weighted logistic regression), ``textcat`` (spaCy),
``ensemble`` (the mean of both); the rule baseline ships no model.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline import errors

from pipeline.nlp.labels import STANCES, THEMES, read_lexicon
from pipeline.nlp.linear import LinearModel
from pipeline.nlp.textcat import TextcatModel
from pipeline.resources import data_file

MODEL_FORMAT = 2  # 2: the linear model's themes read word stems and carry their own C
MODEL_NAME = "themes-stance"


@dataclass
class ThemeStanceModel:
    meta: dict
    linear: LinearModel | None = None
    textcat: TextcatModel | None = None

    @classmethod
    def load(cls, folder: str | Path) -> "ThemeStanceModel":
        folder = Path(folder)
        meta_path = folder / "meta.json"
        if not meta_path.exists():
            raise errors.NoModel(folder=folder)
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format") != MODEL_FORMAT:
            raise errors.ModelFormat(folder=folder, got=meta.get("format"), expected=MODEL_FORMAT)
        if meta.get("themes") != list(THEMES) or meta.get("stances") != list(STANCES):
            raise errors.ModelLabels(folder=folder)
        method = meta["method"]
        linear = LinearModel.load(folder) if method in ("linear", "ensemble") else None
        textcat = TextcatModel.load(folder) if method in ("textcat", "ensemble") else None
        return cls(meta=meta, linear=linear, textcat=textcat)

    @property
    def thresholds(self) -> np.ndarray:
        return np.array(self.meta["thresholds"])

    def probabilities(
        self, texts: list[str], sections: list[str], sentences: list[list[str]] | None = None,
        docs: list | None = None, spans: list[list] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray] | None]:
        """Theme and stance probabilities (the mean over the shipped parts) and, where the
        linear model is shipped, each sentence's polarity."""
        return self.report_probabilities(texts, sections, sentences, docs, spans)[:3]

    def report_probabilities(
        self, texts: list[str], sections: list[str], sentences: list[list[str]] | None = None,
        docs: list | None = None, spans: list[list] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray] | None, np.ndarray | None]:
        """As ``probabilities``, and where the linear model alone is shipped and ``sentences``
        are given, each sentence's theme probabilities (from the same pass over the words)."""
        parts, polarity, sentence_themes = [], None, None
        if self.linear is not None:
            if sentences is not None:
                themes, stances, polarity, sentence_themes = self.linear.predict_report(texts, sections, sentences, docs, spans)
            else:
                themes, stances, polarity = self.linear.predict_with_sentences(texts, sections, sentences, docs, spans)
            parts.append((themes, stances))
        if self.textcat is not None:
            parts.append(self.textcat.predict(texts, sections))
            sentence_themes = None  # the sentences' themes are then the mean of both as well
        themes = np.mean([p[0] for p in parts], axis=0)
        stances = np.mean([p[1] for p in parts], axis=0)
        return themes.reshape(len(texts), len(THEMES)), stances.reshape(len(texts), len(STANCES)), polarity, sentence_themes

    def tag(
        self, texts: list[str], sections: list[str], sentences: list[list[str]] | None = None,
        docs: list | None = None, spans: list[list] | None = None,
    ) -> list[dict]:
        """Per text (with the heading it sits under, "recommendation" for recommendations):
        themes (above their thresholds), theme_scores, stance, stance_scores; with
        ``sentences`` given, also each sentence's stance from its polarity and, per theme
        carried, the sentence that carries it most (theme_evidence). ``docs`` and
        ``spans`` are the texts and sentences already tokenised by the pipeline, if at hand."""
        if not texts:
            return []
        themes, stances, polarity, sentence_themes = self.report_probabilities(texts, sections, sentences, docs, spans)
        cut = read_lexicon("stance.toml")["sentence"]
        chosen = self.chosen_themes(themes, sentence_themes, sentences)
        theme_scores = np.round(themes, 3).tolist()
        shown = (themes >= 0.05).tolist()
        stance_scores = np.round(stances, 3).tolist()
        stance_index = np.argmax(stances, axis=1).tolist()
        evidence = self.theme_evidence(chosen, sentences, sections, sentence_themes) if sentences is not None else [{} for _ in texts]
        tagged = []
        for index in range(len(texts)):
            tags = {
                "themes": chosen[index],
                "theme_scores": {t: p for t, p, show in zip(THEMES, theme_scores[index], shown[index]) if show},
                "stance": STANCES[stance_index[index]],
                "stance_scores": dict(zip(STANCES, stance_scores[index])),
                "theme_evidence": evidence[index],
            }
            if sentences is not None and polarity is not None:
                exact, shown_polarity = polarity[index].tolist(), np.round(polarity[index], 3).tolist()
                tags["sentences"] = [
                    {"text": text, "stance": sentence_stance(p, cut), "polarity": q}
                    for text, p, q in zip(sentences[index], exact, shown_polarity)
                ]
            tagged.append(tags)
        return tagged

    def theme_evidence(
        self, chosen: list[list[str]], sentences: list[list[str]], sections: list[str], sentence_themes: np.ndarray | None = None
    ) -> list[dict[str, str]]:
        """Per paragraph, for each theme it carries, the sentence the theme model scores highest
        for that theme: the sentence a reader would go to for the topic. ``sentence_themes``:
        every sentence's theme probabilities, when already computed."""
        flat = [(index, sentence) for index, group in enumerate(sentences) if chosen[index] for sentence in group]
        if not flat:
            return [{} for _ in chosen]
        if sentence_themes is None:
            probabilities = self.theme_probabilities([s for _, s in flat], [sections[i] for i, _ in flat])
        else:
            starts = np.cumsum([0] + [len(group) for group in sentences]).tolist()
            rows = [starts[index] + k for index, group in enumerate(sentences) if chosen[index] for k in range(len(group))]
            probabilities = sentence_themes[rows]
        rows: dict[int, list[int]] = {}
        for row, (index, _) in enumerate(flat):
            rows.setdefault(index, []).append(row)
        evidence = []
        for index, themes in enumerate(chosen):
            picked = rows.get(index, [])
            evidence.append({t: flat[picked[int(np.argmax(probabilities[picked, THEMES.index(t)]))]][1] for t in themes} if picked else {})
        return evidence

    def theme_choices(
        self, probabilities: np.ndarray, sentence_themes: np.ndarray | None = None, sentences: list[list[str]] | None = None
    ) -> np.ndarray:
        """Per row of theme probabilities, whether each theme is at or above its threshold and,
        where the sentences' theme scores are given, passes the sentence gate (a gated theme
        needs a sentence that discusses it; texts read without sentences are not gated; ``themes_of``
        reads each recommendation as one sentence)."""
        if self.linear is not None and sentence_themes is not None:
            probabilities = self.linear.gated(probabilities, sentence_themes, [len(group) for group in sentences])
        return probabilities >= self.thresholds

    def chosen_themes(
        self, probabilities: np.ndarray, sentence_themes: np.ndarray | None = None, sentences: list[list[str]] | None = None
    ) -> list[list[str]]:
        """The names of the themes ``theme_choices`` keeps, per row."""
        return [[t for t, keep in zip(THEMES, row) if keep] for row in self.theme_choices(probabilities, sentence_themes, sentences).tolist()]

    def themes_of(self, texts: list[str], section: str) -> list[list[str]]:
        """Only the themes of texts under one heading (recommendations need no stance); each
        text is read as one sentence, so the sentence gate applies as it does to paragraphs."""
        if not texts:
            return []
        if self.linear is None or not self.linear.gate_themes:
            return self.chosen_themes(self.theme_probabilities(texts, [section] * len(texts)))
        sentences = [[text] for text in texts]
        themes, _, _, sentence_themes = self.report_probabilities(texts, [section] * len(texts), sentences)
        return self.chosen_themes(themes, sentence_themes, sentences)

    def theme_probabilities(self, texts: list[str], sections: list[str]) -> np.ndarray:
        """Theme probabilities only (no stance), for recommendations and single sentences."""
        if self.textcat is not None:
            return self.probabilities(texts, sections)[0]
        return self.linear.predict_themes(texts, sections)


def sentence_stance(polarity: float, cut: dict) -> str:
    """A sentence praises, criticises, or does neither clearly (``lexicons/stance.toml``)."""
    if polarity >= cut["strength_from"]:
        return "strength"
    if polarity <= cut["weakness_to"]:
        return "weakness"
    return "neutral"


def shipped_model_folder() -> Path:
    """Where the installed package keeps its model: ``models/themes-stance`` of the source
    tree, installed as the package data ``pipeline.models`` (pip installs it unzipped)."""
    return Path(str(data_file("pipeline.models", MODEL_NAME)))


@lru_cache(maxsize=1)
def default_model() -> ThemeStanceModel | None:
    """The shipped model (or the one in ``$OFSTED_MODEL``); None if the package has none (the
    records then say so). A folder named in ``$OFSTED_MODEL`` that holds no model is an error:
    the user asked for that model. ``OFSTED_MODEL=none`` runs without one (rules only)."""
    named = os.environ.get("OFSTED_MODEL")
    if named == "none":
        return None
    folder = Path(named or shipped_model_folder())
    if not (folder / "meta.json").exists():
        if named:
            raise errors.NoModel(folder=folder)
        return None
    return ThemeStanceModel.load(folder)
