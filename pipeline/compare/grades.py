"""Grade tables: each authority by judgement at its latest inspection, and its full history
with the change between inspections, on the one ordinal scale of the grade vocabulary
(``frameworks/grades.toml``)."""

from __future__ import annotations

from pipeline.compare.archive import Archive, Inspection
from pipeline.frameworks import grade_vocabulary
from pipeline.resources import data_toml

SCALE: dict[str, float] = {grade.slug: grade.scale for grade in grade_vocabulary()}
COLUMN_ORDER: list[str] = data_toml("pipeline.compare", "columns.toml")["order"]


def judgement_columns(inspections: list[Inspection]) -> list[str]:
    seen = {slug for i in inspections for slug in i.grades}
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


def base_row(inspection: Inspection) -> dict:
    return {
        "authority": inspection.authority,
        "urn": inspection.urn,
        "urn_source": inspection.urn_source,
        "region": inspection.region,
        "date": inspection.date,
        "framework": inspection.framework,
        "report_id": inspection.id,
    }


def latest_grades(archive: Archive) -> tuple[list[dict], list[str]]:
    """One row per authority: the grades of its latest report, and the overall change since the
    report before it."""
    rows = []
    authorities = archive.by_authority().values()
    columns = judgement_columns([inspections[-1] for inspections in authorities])
    for inspections in authorities:
        last = inspections[-1]
        row = base_row(last) | {c: last.grades.get(c) for c in columns}
        row["change"] = describe_change(overall_change(inspections, len(inspections) - 1))
        rows.append(row)
    return rows, columns


def overall_change(inspections: list[Inspection], index: int) -> float | None:
    """The change in overall effectiveness since the authority's previous report that graded it."""
    now = inspections[index].grades.get("overall_effectiveness")
    for earlier in reversed(inspections[:index]):
        before = earlier.grades.get("overall_effectiveness")
        if before in SCALE:
            return change(before, now)
    return None


def grade_history(archive: Archive) -> tuple[list[dict], list[str]]:
    """One row per report, oldest first within each authority, with the change in overall
    effectiveness since the previous report that graded it."""
    columns = judgement_columns(archive.inspections)
    rows = []
    for inspections in archive.by_authority().values():
        for index, inspection in enumerate(inspections):
            row = base_row(inspection) | {c: inspection.grades.get(c) for c in columns}
            row["change"] = describe_change(overall_change(inspections, index))
            rows.append(row)
    return rows, columns


def timeline(inspections: list[Inspection]) -> list[dict]:
    """An authority's reports in order: grades, the change, and what the text holds."""
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
