"""Segmented + Facts -> Annotated: everything spaCy does, in one pass of the one Language.

Each paragraph goes through the sentencizer, the entity ruler, ``statistics`` and
``themes_stance`` as one batch (the classifiers transform a report's paragraphs together);
the recommendations get their themes from the same ``themes_stance`` component.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.nlp.components import ParagraphContext
from pipeline.nlp.language import build_language, find_entities
from pipeline.nlp.model import default_model
from pipeline.nlp.rules import matchers
from pipeline.types import Annotated, Facts, ParagraphAnnotation, Segmented

NO_MODEL = "themes and stance not tagged: no model in models/themes-stance (make train)"


@lru_cache(maxsize=1)
def settle_common_words() -> None:
    """Make the words every report uses permanent, outside any memory zone: the theme model's
    single words (the most frequent of the training reports), lower case and capitalised.
    Without this each report would make their lexemes and tokenizer entries again (+12% of
    the pipeline's time, make bench's stage shares); with it, only a report's rarer words come
    and go with it."""
    model = default_model()
    if model is None or model.linear is None:
        return
    words = [w for w in model.linear.word.vocabulary_ if " " not in w]
    for _ in build_language().tokenizer.pipe(words + [w.capitalize() for w in words]):
        pass


def annotate(segmented: Segmented, facts: Facts) -> Annotated:
    """The report's annotations as plain records. The docs live in a spaCy memory zone: each
    new word a report brings (its strings, lexemes, tokenizer cache entries) is freed when the
    report is done, so a worker's memory does not grow with the number of files it reads."""
    nlp = build_language()
    matchers()  # the lexicon matchers' own strings are made outside the zone, so they outlive it
    settle_common_words()
    with nlp.memory_zone():
        docs = []
        for paragraph, place in zip(segmented.paragraphs, facts.paragraph_sections, strict=True):
            doc = nlp.make_doc(paragraph.text)
            doc._.paragraph = ParagraphContext(paragraph.number, place.section, paragraph.text)
            docs.append(doc)
        docs = list(nlp.pipe(docs, batch_size=max(len(docs), 1)))
        paragraphs = tuple(ParagraphAnnotation(tuple(find_entities(doc)), doc._.statistics, doc._.tags) for doc in docs)
        themes = nlp.get_pipe("themes_stance").themes_of([r.text for r in facts.recommendations], "recommendation")
        del docs
    warnings = () if default_model() is not None else (NO_MODEL,)
    return Annotated(paragraphs=paragraphs, recommendation_themes=tuple(themes), warnings=warnings)
