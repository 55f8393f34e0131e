"""spaCy's text categorisers for themes (``textcat_multilabel``) and stance (``textcat``),
trained from ``configs/textcat.cfg``; saved and loaded with spaCy's own serialisation."""

from __future__ import annotations

import random
from importlib import resources
from pathlib import Path

import numpy as np
import spacy
from spacy.training import Example as SpacyExample
from spacy.util import load_config_from_str, load_model_from_config, minibatch

from pipeline.nlp.labels import STANCES, THEMES

CONFIG = "textcat.cfg"


def training_config():
    return load_config_from_str(resources.files("pipeline.nlp.configs").joinpath(CONFIG).read_text("utf-8"))


class TextcatModel:
    def __init__(self, nlp=None):
        self.nlp = nlp

    def fit(self, texts: list[str], themes: list[tuple[str, ...]], stances: list[str]) -> "TextcatModel":
        config = training_config()
        nlp = load_model_from_config(config, auto_fill=True, validate=True)
        training = config["training"]
        random.seed(training["seed"])
        examples = []
        for text, labels, stance in zip(texts, themes, stances):
            cats = {t: float(t in labels) for t in THEMES}
            cats.update({s: float(s == stance) for s in STANCES})
            examples.append(SpacyExample.from_dict(nlp.make_doc(text), {"cats": cats}))
        for label in THEMES:
            nlp.get_pipe("themes").add_label(label)
        for label in STANCES:
            nlp.get_pipe("stance").add_label(label)
        optimizer = nlp.initialize(lambda: examples)
        optimizer.learn_rate = training["optimizer"]["learn_rate"]
        for _ in range(training["max_epochs"]):
            random.shuffle(examples)
            for batch in minibatch(examples, size=16):
                nlp.update(batch, sgd=optimizer, drop=training["dropout"])
        self.nlp = nlp
        return self

    def predict(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        docs = list(self.nlp.pipe(texts))
        themes = np.array([[doc.cats.get(t, 0.0) for t in THEMES] for doc in docs]).reshape(len(docs), len(THEMES))
        stances = np.array([[doc.cats.get(s, 0.0) for s in STANCES] for doc in docs]).reshape(len(docs), len(STANCES))
        return themes, stances

    def save(self, folder: Path) -> None:
        self.nlp.to_disk(folder / "textcat")

    @classmethod
    def load(cls, folder: Path) -> "TextcatModel":
        return cls(spacy.load(folder / "textcat"))
