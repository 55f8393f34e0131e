"""Grade tables: each authority at its latest inspection, and its full history, on the one
ordinal scale of the grade vocabulary (``frameworks/grades.toml``), with a change per
question: the harmonised judgement map (``compare/questions.toml``) says which judgement of
each framework answers "help and protection", "children in care", "care leavers", "leaders"
and "overall", so a change is read across frameworks (SIF to ILACS, ILACS 2018 to 2026)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import errors
from pipeline.compare.archive import Archive, Inspection
from pipeline.frameworks import grade_vocabulary
from pipeline.resources import data_toml

SCALE: dict[str, float] = {grade.slug: grade.scale for grade in grade_vocabulary()}
COLUMN_ORDER: list[str] = data_toml("pipeline.compare", "columns.toml")["order"]


@dataclass(frozen=True)
class Question:
    """Judgements of several frameworks that answer one question."""

    slug: str
    name: str
    judgements: dict[str, str]  # framework slug -> that framework's judgement slug


QUESTIONS: tuple[Question, ...] = tuple(
    Question(q["slug"], q["name"], dict(q["judgements"])) for q in data_toml("pipeline.compare", "questions.toml")["questions"]
)
QUESTION_SLUGS = tuple(q.slug for q in QUESTIONS)


def question(slug: str) -> Question:
    found = next((q for q in QUESTIONS if q.slug == slug), None)
    if found is None:
        raise errors.UnknownLabel(kind="question", got=repr(slug), allowed=", ".join(QUESTION_SLUGS))
    return found


def question_of(framework: str | None, judgement: str) -> str | None:
    """The question a framework's judgement answers, if the map names one."""
    return next((q.slug for q in QUESTIONS if q.judgements.get(framework or "") == judgement), None)


def answer(inspection: Inspection, q: Question) -> str | None:
    """The inspection's grade for the question (None where its framework does not answer it)."""
    slug = q.judgements.get(inspection.framework or "")
    return inspection.grades.get(slug) if slug else None


def judgement_columns(inspections: list[Inspection]) -> list[str]:
    """The framework judgements that no question covers (adoption, the LSCB, capacity to
    improve ...), in the configured order."""
    seen = {slug for i in inspections for slug in i.grades if question_of(i.framework, slug) is None}
    return [c for c in COLUMN_ORDER if c in seen] + sorted(seen - set(COLUMN_ORDER))


def change(before: str | None, after: str | None) -> float | None:
    """The move on the scale from one grade to the next (positive is better); None without both."""
    if before not in SCALE or after not in SCALE:
        return None
    return SCALE[after] - SCALE[before]


def describe_change(step: float | None) -> str:
    if step is None:
        return ""
    if step == 0:
        return "same"
    return f"{'up' if step > 0 else 'down'} {abs(step):g}"


def previous_answer(inspections: list[Inspection], index: int, q: Question) -> str | None:
    """The question's grade at the authority's last report before this one that graded it."""
    return next((answer(e, q) for e in reversed(inspections[:index]) if answer(e, q) in SCALE), None)


def question_change(inspections: list[Inspection], index: int, q: Question) -> float | None:
    """The change in the question's grade since the authority's previous report that graded it."""
    return change(previous_answer(inspections, index, q), answer(inspections[index], q))


def overall_change(inspections: list[Inspection], index: int) -> float | None:
    """The change in overall effectiveness since the authority's previous report that graded it."""
    return question_change(inspections, index, question("overall"))


def question_columns() -> list[str]:
    return [c for q in QUESTIONS for c in (q.slug, f"{q.slug}_change")]


def base_row(inspection: Inspection) -> dict:
    return {
        "authority": inspection.authority,
        "local_authority_as_printed": inspection.printed,
        "urn": inspection.urn,
        "urn_source": inspection.urn_source,
        "la_code": inspection.la_code,
        "ons_code": inspection.ons_code,
        "region": inspection.region,
        "date": inspection.date,
        "framework": inspection.framework,
        "report_id": inspection.id,
    }


def grade_row(inspections: list[Inspection], index: int, columns: list[str]) -> dict:
    """The report's grade per question with its change, then every judgement under the
    framework's own slug (``columns`` first: those no question covers)."""
    inspection = inspections[index]
    row = base_row(inspection)
    for q in QUESTIONS:
        row[q.slug] = answer(inspection, q)
        row[f"{q.slug}_change"] = describe_change(question_change(inspections, index, q))
    # A framework slug that is also a question's (ILACS "care_leavers") holds the same grade.
    return row | {c: inspection.grades.get(c) for c in columns} | inspection.grades


def latest_grades(archive: Archive, fell: str | None = None) -> tuple[list[dict], list[str]]:
    """One row per authority: the grades of its latest report per question and the change in
    each since the report before that graded it, then the judgements no question covers.
    With ``fell`` (a question slug), only authorities whose grade for it went down."""
    wanted = question(fell) if fell else None
    rows = []
    authorities = archive.by_authority().values()
    columns = judgement_columns([inspections[-1] for inspections in authorities])
    for inspections in authorities:
        index = len(inspections) - 1
        if wanted and not (question_change(inspections, index, wanted) or 0) < 0:
            continue
        rows.append(grade_row(inspections, index, columns))
    return rows, columns


def grade_history(archive: Archive) -> tuple[list[dict], list[str]]:
    """One row per report, oldest first within each authority, with each question's change
    since the previous report that graded it."""
    columns = judgement_columns(archive.inspections)
    rows = []
    for inspections in archive.by_authority().values():
        rows += [grade_row(inspections, index, columns) for index in range(len(inspections))]
    return rows, columns


def timeline(inspections: list[Inspection]) -> list[dict]:
    """An authority's reports in order: grades, the overall change, and what the text holds."""
    rows = []
    for index, inspection in enumerate(inspections):
        record = inspection.record
        stances = [p.get("stance") for p in record.get("paragraphs", [])]
        rows.append(
            base_row(inspection)
            | {
                "overall_effectiveness": inspection.grades.get("overall_effectiveness"),
                "change": describe_change(overall_change(inspections, index)),
                "grades": "; ".join(f"{k}={v}" for k, v in inspection.grades.items() if v),
                "recommendations": len(record.get("recommendations", [])),
                "strength_paragraphs": stances.count("strength"),
                "weakness_paragraphs": stances.count("weakness"),
                "lead_inspector": record.get("lead_inspector"),
            }
        )
    return rows
