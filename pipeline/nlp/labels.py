"""The theme and stance labels (spec/themes.md), read from ``lexicons/labels.toml``."""

from __future__ import annotations

from pipeline.resources import data_toml


def read_lexicon(name: str) -> dict:
    """A TOML data file from ``pipeline/nlp/lexicons``."""
    return data_toml("pipeline.nlp.lexicons", name)


THEMES: tuple[str, ...] = tuple(read_lexicon("labels.toml")["themes"])
STANCES: tuple[str, ...] = tuple(read_lexicon("labels.toml")["stances"])
