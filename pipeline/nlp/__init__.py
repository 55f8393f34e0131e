"""The spaCy stage: one Language (sentencizer, entity ruler, statistics, themes and stance)
and :func:`annotate`, Segmented + Facts -> Annotated.

Its entry points load spaCy and scikit-learn, so they are imported when first used: a module
that needs only the labels (``pipeline.nlp.labels``) does not pay for them."""

from importlib import import_module

EXPORTS = {"annotate": "pipeline.nlp.annotation", "build_language": "pipeline.nlp.language",
           "find_entities": "pipeline.nlp.language"}

__all__ = list(EXPORTS)


def __getattr__(name: str):
    if name in EXPORTS:
        return getattr(import_module(EXPORTS[name]), name)
    raise AttributeError(f"module 'pipeline.nlp' has no attribute {name!r}")
