"""Training spaCy's text categorisers: ``textcat_multilabel`` for themes and ``textcat`` for
stance, each from its config in ``pipeline/nlp/configs/``."""

from __future__ import annotations

import random

from spacy.training import Example as SpacyExample
from spacy.util import load_config_from_str, load_model_from_config, minibatch

from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.textcat import TextcatModel
from pipeline.resources import data_text

PARTS = {"themes": ("textcat_themes.cfg", THEMES), "stance": ("textcat_stance.cfg", STANCES)}


def train_part(config_name: str, labels: tuple[str, ...], texts: list[str], targets: list[set[str]]):
    """A blank pipeline from the config, its labels set explicitly, trained on ``texts``."""
    config = load_config_from_str(data_text("pipeline.nlp.configs", config_name))
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    training = config["training"]
    random.seed(training["seed"])
    for label in labels:
        nlp.get_pipe("textcat").add_label(label)
    examples = [
        SpacyExample.from_dict(nlp.make_doc(text), {"cats": {label: float(label in target) for label in labels}})
        for text, target in zip(texts, targets)
    ]
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = training["optimizer"]["learn_rate"]
    for _ in range(training["max_epochs"]):
        random.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=training["dropout"])
    return nlp


def fit_textcat(texts: list[str], themes: list[tuple[str, ...]], stances: list[str]) -> TextcatModel:
    return TextcatModel(
        train_part(PARTS["themes"][0], THEMES, texts, [set(t) for t in themes]),
        train_part(PARTS["stance"][0], STANCES, texts, [{s} for s in stances]),
    )
