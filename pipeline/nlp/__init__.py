"""spaCy for this domain: sentences and entities (agencies, services, grades, timescales)."""

from pipeline.nlp.language import build_language, find_entities

__all__ = ["build_language", "find_entities"]
