"""The theme and stance labels (spec/themes.md), read from ``lexicons/labels.toml``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> dict:
    """A TOML data file from ``pipeline/nlp/lexicons``."""
    return tomllib.loads(resources.files("pipeline.nlp.lexicons").joinpath(name).read_text("utf-8"))


THEMES: tuple[str, ...] = tuple(read_lexicon("labels.toml")["themes"])
STANCES: tuple[str, ...] = tuple(read_lexicon("labels.toml")["stances"])
