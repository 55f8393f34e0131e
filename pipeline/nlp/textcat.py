"""spaCy's text categorisers as a shipped model: ``textcat_multilabel`` for themes and
``textcat`` for stance, loaded with spaCy's own serialisation (no pickle) and scored.
Training them is ``pipeline.training.textcat``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import spacy

from pipeline.nlp.labels import STANCES, THEMES


def scores(nlp, texts: list[str], labels: tuple[str, ...]) -> np.ndarray:
    docs = nlp.pipe(texts)
    return np.array([[doc.cats.get(label, 0.0) for label in labels] for doc in docs]).reshape(len(texts), len(labels))


class TextcatModel:
    def __init__(self, themes=None, stance=None):
        self.themes = themes
        self.stance = stance

    def predict(self, texts: list[str], sections: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Theme and stance probabilities; the text categorisers read the text only."""
        return scores(self.themes, texts, THEMES), scores(self.stance, texts, STANCES)

    def save(self, folder: Path) -> None:
        self.themes.to_disk(folder / "textcat_themes")
        self.stance.to_disk(folder / "textcat_stance")

    @classmethod
    def load(cls, folder: Path) -> "TextcatModel":
        return cls(spacy.load(folder / "textcat_themes"), spacy.load(folder / "textcat_stance"))
