"""The one spaCy ``Language`` the pipeline uses, built in code; nothing is downloaded.

A blank English pipeline with, in order: a rule sentencizer; an entity ruler whose patterns
are the data file ``patterns/entities.jsonl`` (agencies and services, grades, timescales);
``statistics`` and ``themes_stance`` (the pipeline's own components, ``components.py``).
Code that needs only tokens (the lexicon matchers) uses its tokenizer and vocabulary.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language

from pipeline.resources import data_text
from pipeline.types import Entity

PATTERNS_FILE = "entities.jsonl"


def load_entity_patterns() -> list[dict]:
    """The entity ruler's patterns, one JSON object a line (label, pattern, id)."""
    text = data_text("pipeline.nlp.patterns", PATTERNS_FILE)
    return [json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("//")]


@lru_cache(maxsize=1)
def build_language() -> Language:
    """The pipeline's Language; cached because building it costs ~0.1 s. Its own components'
    factories are registered by importing ``components`` (which imports this module, so the
    import waits until a Language is built)."""
    import pipeline.nlp.components  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    patterns = load_entity_patterns()
    ruler.add_patterns(patterns)
    ruler.matcher = AnchoredMatcher(ruler.matcher, [p["pattern"] for p in patterns if not isinstance(p["pattern"], str)], nlp.vocab.strings)
    nlp.add_pipe("ofsted_statistics", name="statistics")
    nlp.add_pipe("ofsted_themes_stance", name="themes_stance")
    return nlp


class AnchoredMatcher:
    """The entity ruler's token Matcher, run only on docs that hold every word some pattern
    requires (its tokens matched on ``LOWER`` with no optional operator). The patterns open with
    "any title-case words" ("Sussex Police"), so the Matcher starts a match at every token;
    most paragraphs hold none of the words, and for them the answer (no match) is known."""

    def __init__(self, matcher, patterns: list[list[dict]], strings):
        self.matcher = matcher
        self.needs = [required_words(pattern, strings) for pattern in patterns]
        self.always = any(not needs for needs in self.needs)  # a pattern with no word it needs

    def __call__(self, doc, *args, **kwargs):
        if not self.always:
            words = set(doc.to_array(LOWER).tolist())
            if not any(all(words & options for options in needs) for needs in self.needs):
                return []
        return self.matcher(doc, *args, **kwargs)

    def __getattr__(self, name):  # add, remove, ...: the Matcher's own
        return getattr(self.matcher, name)


def required_words(pattern: list[dict], strings) -> list[frozenset[int]]:
    """Per token a match of ``pattern`` must have, the hashes of the lower-case words it may be."""
    needs = []
    for token in pattern:
        if token.get("OP", "+") != "+" or "LOWER" not in token:
            continue
        value = token["LOWER"]
        words = [value] if isinstance(value, str) else value.get("IN") if set(value) == {"IN"} else None
        if words:
            needs.append(frozenset(strings.add(word) for word in words))
    return needs


def find_entities(doc) -> list[Entity]:
    """Entities the ruler found in a processed ``Doc``, as plain records."""
    return [Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char) for ent in doc.ents]


def sentences_of(doc, text: str | None = None) -> list[tuple[str, object]]:
    """The non-empty sentences of a processed ``Doc``: (stripped text, span).

    Read from the token arrays rather than ``doc.sents``: iterating spans builds a Python
    object per token, which made sentence splitting the largest part of tagging's cost.
    """
    if not len(doc):
        return []
    text = doc.text if text is None else text  # doc.text is rebuilt from the tokens on every access
    starts, offsets = doc.to_array([SENT_START, IDX]).T
    starts[0] = 1
    first_tokens = np.flatnonzero(starts == 1).tolist()
    cuts = offsets[first_tokens].tolist() + [len(text)]
    bounds = first_tokens + [len(doc)]
    sentences = []
    for index, (a, b) in enumerate(zip(cuts, cuts[1:])):
        sentence = text[a:b].strip()
        if sentence:
            sentences.append((sentence, doc[bounds[index] : bounds[index + 1]]))
    return sentences


def sentence_texts(doc) -> list[str]:
    """The non-empty sentences of a processed ``Doc`` as stripped strings."""
    return [text for text, _ in sentences_of(doc)]
