"""Plain words for what a person reads (the workbook, the profile, the report): frameworks as
Ofsted names them with their years, judgements by the heading printed, grades in words, dates
as "7 January 2013". Data stays ISO and slugs; only what is shown goes through here."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from pipeline.compare.grades import describe_change
from pipeline.frameworks import grade_vocabulary
from pipeline.frameworks.loader import load_frameworks
from pipeline.resources import data_text

GRADE_WORDS: dict[str, str] = {grade.slug: grade.words for grade in grade_vocabulary()}
# Ofsted's colours for grades in its own outcome tables: dark green, light green, amber, red.
GRADE_FILLS = {"outstanding": "1A7F37", "good": "7CC47F", "adequate": "F2D16B", "requires_improvement": "F0A04B", "inadequate": "C9302C"}
ADDRESSEES = {"local_authority": "the local authority", "lscb": "the LSCB", "partnership": "the local area partnership",
              "icb": "the integrated care board"}
TIMESCALES = {"immediately": "immediately", "within_3_months": "within three months", "within_6_months": "within six months"}
STEPS = {0.5: "half a step", 1: "one step", 1.5: "one and a half steps", 2: "two steps", 2.5: "two and a half steps", 3: "three steps"}


@lru_cache(maxsize=1)
def outcome_scales() -> dict[str, tuple[tuple[str, str], ...]]:
    """Framework slug -> its outcome statements (slug, words), best first, for the frameworks
    that state an outcome on their own scale instead of grading (area SEND)."""
    return {f.slug: tuple((s.slug, s.words) for s in f.outcome.statements) for f in load_frameworks() if f.outcome}


def grade_words(slug: str | None) -> str:
    """A grade, or an outcome statement, as a person reads it."""
    outcomes = {s: w for scale in outcome_scales().values() for s, w in scale}
    return GRADE_WORDS.get(slug or "") or outcomes.get(slug or "", "Not graded")


def change_words(step: float | None) -> str:
    """``describe_change`` ("up 1", "down 0.5") in words: "up one step", "down half a step"."""
    said = describe_change(step)
    return f"{said.split()[0]} {STEPS.get(abs(step), f'{abs(step):g} steps')}" if step else said


def slug_words(slug: str) -> str:
    """A slug as words, where nothing printed names it: "exploitation_and_missing" ->
    "Exploitation and missing"."""
    return slug.replace("_", " ").capitalize()


theme_words = slug_words  # a theme has no printed name: its slug in words


STANCE_WORDS = {"strength": "strength", "weakness": "weakness", "mixed": "mixed (strength and weakness)", "neutral": "neutral (no judgement)"}


@lru_cache(maxsize=1)
def framework_titles() -> dict[str, str]:
    """Framework slug -> its name as Ofsted prints it, with the years it ran."""
    titles = {}
    for framework in load_frameworks():
        start, end = (framework.from_date or "")[:4], (framework.until_date or "")[:4]
        if start in framework.name:
            titles[framework.slug] = framework.name
        elif end:
            titles[framework.slug] = f"{framework.name}, {start} to {end}"
        else:
            titles[framework.slug] = f"{framework.name}, from {start}"
    return titles


def framework_title(slug: str | None) -> str:
    return framework_titles().get(slug or "", slug or "Framework not known")


def iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def long_date(text: str | None) -> str:
    """ "2013-01-07" -> "7 January 2013"; "" for no date."""
    day = iso_date(text)
    return f"{day.day} {day:%B %Y}" if day else (text or "")


def judgement_heading(judgement: dict) -> str:
    """The judgement as the report prints its heading (the record's label), else its slug in words."""
    return judgement.get("label") or slug_words(judgement["judgement"])


@lru_cache(maxsize=1)
def model_reading() -> str:
    """One sentence on what themes and stance are and how well the shipped model reads them."""
    meta = json.loads(data_text("pipeline.models", "themes-stance/meta.json"))
    scores = meta["evaluation"]["results"][meta["method"]]
    return (
        "Themes and stance (strength, weakness, mixed, neutral) are a trained model's reading of each paragraph, not the "
        f"inspectors' words: in {meta['evaluation']['folds']}-fold cross-validation grouped by {meta['evaluation']['grouped_by']} "
        f"on {meta['training_data']['items']} hand-labelled items it gave the right stance for "
        f"{scores['stance_accuracy']:.0%} of them and found themes with an F1 of {scores['theme_micro_f1']:.2f}."
    )
