"""Text-shape helpers every stage shares: the one bullet glyph, folding for comparing labels,
and the tests of how a line starts and ends that paragraph and list rules are made of."""

from __future__ import annotations

import re
from functools import lru_cache

BULLET = "•"  # extraction writes every bullet glyph as this one
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\t": " "})
FOOTNOTE_DIGITS = re.compile(r"(?<=[a-z?])\d+\b")
TERMINAL = (".", "!", "?", ":", ";", ".)", ".’", ".'", '."', ".”")
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")  # one sentence ends and another begins
SPACE_RUN = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case, quotes, dashes, footnote marks, white space and end punctuation folded, for
    comparing labels (a heading is printed with its question mark or without it)."""
    text = FOOTNOTE_DIGITS.sub("", text.translate(QUOTES))
    return SPACE_RUN.sub(" ", text.lower()).strip(" .:;,?")


def mentions_any(text: str, phrases) -> bool:
    """Whether ``text`` contains one of ``phrases``, both folded."""
    folded = fold(text)
    return any(folded_phrase(phrase) in folded for phrase in phrases)


@lru_cache(maxsize=4096)
def folded_phrase(phrase: str) -> str:
    """``fold`` of a phrase from the framework and lexicon files: few, and asked for again and
    again, so folded once (bounded: a worker's memory stays flat)."""
    return fold(phrase)


def is_terminal(text: str) -> bool:
    """Does the text end a sentence (or a lead-in, with a colon)?"""
    return text.rstrip().endswith(TERMINAL)


def starts_lowercase(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()
