"""The spaCy stage: one Language (sentencizer, entity ruler, statistics, themes and stance)
and :func:`annotate`, Segmented + Facts -> Annotated."""

from pipeline.nlp import components  # noqa: F401  (registers the pipeline's own spaCy factories)
from pipeline.nlp.annotate import annotate
from pipeline.nlp.language import build_language, find_entities

__all__ = ["annotate", "build_language", "find_entities"]
