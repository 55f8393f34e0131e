"""Judgements and their grades, read where the report states them.

A judgement is stated where its printed label stands with a grade: a summary-table row
("Overall effectiveness  Adequate", the grade maybe inside a wrapped label), or a section
heading followed by a grade line ("The quality of practice" / "Adequate"). Every place is
collected; if they disagree the grade is null and ``warnings`` says where. A judgement found nowhere
gets grade null and a reason, never a guess.
"""

from __future__ import annotations

import re

from pipeline.frameworks import GRADE_PHRASES, Framework, fold
from pipeline.segment import is_grade_line
from pipeline.types import Block

GRADE_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(GRADE_PHRASES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
GRADE_NUMBER = re.compile(r"\(?\bgrade\s*\d\b\)?", re.IGNORECASE)


def grades_in(text: str) -> list[str]:
    return [GRADE_PHRASES[fold(m.group(1))] for m in GRADE_PATTERN.finditer(text)]


def without_grades(text: str) -> str:
    text = GRADE_NUMBER.sub(" ", GRADE_PATTERN.sub(" ", text.replace("\t", " ")))
    return re.sub(r"[()]", " ", text)


def stated_judgements(blocks: list[Block], framework: Framework) -> dict[str, list[dict]]:
    """Every place a judgement is stated with a grade: slug -> [{grade, label, page, text}]."""
    found: dict[str, list[dict]] = {j.slug: [] for j in framework.judgements}
    for index, block in enumerate(blocks):
        if block.kind not in ("heading", "row", "text"):
            continue
        grades = [g for g in grades_in(block.text) if g in framework.grades]
        if grades and len(set(grades)) == 1:
            judgement = framework.judgement_for_heading(without_grades(block.text))
            if judgement:
                found[judgement.slug].append(
                    {"grade": grades[0], "label": fold_label(block.text), "page": block.page, "text": block.text}
                )
                continue
        judgement = framework.judgement_for_heading(block.text) if block.kind == "heading" else None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if judgement and following is not None and following.kind == "heading" and is_grade_line(following.text):
            grades = [g for g in grades_in(following.text) if g in framework.grades]
            if len(set(grades)) == 1:
                found[judgement.slug].append(
                    {
                        "grade": grades[0],
                        "label": block.text,
                        "page": block.page,
                        "text": f"{block.text}\n{following.text}",
                    }
                )
    return found


def fold_label(text: str) -> str:
    """The label as printed, with the grade words taken out (table rows carry both)."""
    return re.sub(r"\s+", " ", without_grades(text)).strip()


def read_judgements(blocks: list[Block], framework: Framework) -> tuple[list[dict], list[str]]:
    """One entry per judgement of the framework, in the framework's order, and warnings."""
    found = stated_judgements(blocks, framework)
    judgements, warnings = [], []
    for judgement in framework.judgements:
        places = found[judgement.slug]
        if not places:
            judgements.append(
                {
                    "judgement": judgement.slug,
                    "grade": None,
                    "label": judgement.labels[0],
                    "evidence": None,
                    "reason": "no grade for this judgement was found in the report",
                }
            )
            warnings.append(f"judgement {judgement.slug}: no grade found in the report")
            continue
        grades = {place["grade"] for place in places}
        if len(grades) > 1:
            detail = "; ".join(f"{p['grade']} on page {p['page']}" for p in places)
            judgements.append(
                {
                    "judgement": judgement.slug,
                    "grade": None,
                    "label": places[0]["label"],
                    "evidence": {"page": places[0]["page"], "text": places[0]["text"]},
                    "reason": f"the report states different grades ({detail})",
                }
            )
            warnings.append(f"judgement {judgement.slug}: the report states different grades ({detail})")
            continue
        first = places[0]
        judgements.append(
            {
                "judgement": judgement.slug,
                "grade": first["grade"],
                "label": first["label"],
                "evidence": {"page": first["page"], "text": first["text"]},
            }
        )
    return judgements, warnings
