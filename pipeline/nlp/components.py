"""The pipeline's own spaCy components, after the sentencizer and the entity ruler:

- ``statistics`` (factory ``ofsted_statistics``) sets ``doc._.statistics``: every quantity the
  paragraph states (``statistics.py``);
- ``themes_stance`` (factory ``ofsted_themes_stance``) sets ``doc._.tags``: themes, stance and
  each sentence's stance, from the shipped model, for a whole batch at once (the classifiers
  transform a report's paragraphs together); with no model installed it sets empty tags.

Each doc carries what it is as ``doc._.paragraph`` (a ``ParagraphContext``), set before the
doc enters the pipeline: its number, section heading and text (``doc.text`` rebuilds the text
from the tokens on every access). Registered when ``build_language`` first runs, as spaCy
registers its own factories.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from pipeline.nlp.language import sentences_of
from pipeline.nlp.model import default_model
from pipeline.nlp.statistics import statistics_from_doc
from pipeline.types import SentenceStance, Tags


@dataclass(frozen=True)
class ParagraphContext:
    number: str | None
    section: str | None
    text: str


for name in ("paragraph", "statistics", "tags"):
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


class Statistics:
    """Quantities stated in each paragraph (needs sentence boundaries)."""

    def __call__(self, doc: Doc) -> Doc:
        context = doc._.paragraph
        number, text = (context.number, context.text) if context else (None, None)
        doc._.statistics = tuple(statistics_from_doc(doc, number, text))
        return doc


class ThemesStance:
    """Themes and stance of each paragraph and of its sentences, a batch at a time."""

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 1000):
        for batch in minibatch(docs, size=batch_size):
            for doc, tags in zip(batch, self.predict(batch)):
                doc._.tags = tags
            yield from batch

    def predict(self, docs: list[Doc]) -> list[Tags]:
        """Tags per doc; scoring only, the docs are not changed."""
        model = default_model()
        contexts = [doc._.paragraph or ParagraphContext(None, None, doc.text) for doc in docs]
        if model is None:
            return [Tags() for _ in docs]
        texts = [c.text for c in contexts]
        split = [sentences_of(doc, text) for doc, text in zip(docs, texts)]
        sentences = [[sentence for sentence, _ in group] for group in split]
        spans = [[span for _, span in group] for group in split]
        tagged = model.tag(texts, [c.section or "" for c in contexts], sentences, docs, spans)
        return [as_tags(tags, group) for tags, group in zip(tagged, sentences)]

    def themes_of(self, texts: list[str], section: str) -> list[tuple[str, ...]]:
        """Themes only, of texts under one heading (recommendations need no stance)."""
        model = default_model()
        if model is None:
            return [() for _ in texts]
        return [tuple(themes) for themes in model.themes_of(texts, section)]


def as_tags(tags: dict, sentences: list[str]) -> Tags:
    """The model's tags as a frozen record; sentences without a polarity keep their text."""
    sentence_tags = tags.get("sentences") or [{"text": text, "stance": None} for text in sentences]
    return Tags(
        themes=tuple(tags["themes"]),
        theme_scores=tuple(tags["theme_scores"].items()),
        stance=tags["stance"],
        stance_scores=tuple(tags["stance_scores"].items()),
        sentences=tuple(SentenceStance(s["text"], s["stance"], s.get("polarity")) for s in sentence_tags),
        theme_evidence=tuple(tags.get("theme_evidence", {}).items()),
    )


@Language.factory("ofsted_statistics")
def make_statistics(nlp: Language, name: str) -> Statistics:
    return Statistics()


@Language.factory("ofsted_themes_stance")
def make_themes_stance(nlp: Language, name: str) -> ThemesStance:
    return ThemesStance()
