"""Text-shape helpers every stage shares: the one bullet glyph, folding for comparing labels,
and the tests of how a line starts and ends that paragraph and list rules are made of."""

from __future__ import annotations

import re

BULLET = "•"  # extraction writes every bullet glyph as this one
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\t": " "})
FOOTNOTE_DIGITS = re.compile(r"(?<=[a-z?])\d+\b")
TERMINAL = (".", "!", "?", ":", ";", ".)", ".’", ".'", '."', ".”")
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")  # one sentence ends and another begins


def fold(text: str) -> str:
    """Case, quotes, dashes, footnote marks, white space and end punctuation folded, for
    comparing labels (a heading is printed with its question mark or without it)."""
    text = FOOTNOTE_DIGITS.sub("", text.translate(QUOTES))
    return re.sub(r"\s+", " ", text.lower()).strip(" .:;,?")


def mentions_any(text: str, phrases) -> bool:
    """Whether ``text`` contains one of ``phrases``, both folded."""
    folded = fold(text)
    return any(fold(phrase) in folded for phrase in phrases)


def is_terminal(text: str) -> bool:
    """Does the text end a sentence (or a lead-in, with a colon)?"""
    return text.rstrip().endswith(TERMINAL)


def starts_lowercase(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()
