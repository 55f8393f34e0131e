"""Segmented + Facts + spaCy docs -> the JSON record of ``spec/record.md``."""

from __future__ import annotations

from dataclasses import asdict

from pipeline.records.schema import SCHEMA_VERSION
from pipeline.types import Facts, Segmented, Source, Statistic


def record_id(sha256: str) -> str:
    return sha256[:16]


def source_dict(source: Source) -> dict:
    return {"path": source.path, "sha256": source.sha256, "format": source.format, "pages": source.pages}


def error_record(source: Source, error: dict) -> dict:
    return {"schema_version": SCHEMA_VERSION, "id": record_id(source.sha256), "source": source_dict(source), "error": error}


def statistic_dict(statistic: Statistic) -> dict:
    data = asdict(statistic)
    if data["name"] is None:
        del data["name"]
    return data


def build_record(segmented: Segmented, facts: Facts, entities: list[list], statistics: list[Statistic]) -> dict:
    """The report record; ``entities`` holds one list per paragraph, in paragraph order."""
    document = segmented.document
    paragraphs = [
        {
            "number": p.number,
            "section": section,
            "section_grade": grade,
            "page": p.page,
            "text": p.text,
            "themes": [],
            "theme_scores": {},
            "stance": None,
            "stance_scores": {},
            "entities": [asdict(e) for e in found],
        }
        for p, (section, grade), found in zip(segmented.paragraphs, facts.sections, entities, strict=True)
    ]
    warnings = list(document.warnings) + list(segmented.warnings) + list(facts.warnings)
    if not paragraphs:
        warnings.append("no body paragraphs found")
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(document.source.sha256),
        "source": source_dict(document.source),
        "local_authority": facts.local_authority,
        "framework": facts.framework,
        "inspection_type": facts.inspection_type,
        "inspection_start": facts.inspection_start,
        "inspection_end": facts.inspection_end,
        "published": facts.published,
        "lead_inspector": facts.lead_inspector,
        "judgements": facts.judgements,
        "recommendations": [dict(r, themes=[]) for r in facts.recommendations],
        "statistics": [statistic_dict(s) for s in statistics],
        "paragraphs": paragraphs,
        "warnings": warnings,
        "evidence": facts.evidence,
    }
