"""Segmented + Facts + spaCy docs -> the JSON record of ``spec/record.md``."""

from __future__ import annotations

from dataclasses import asdict

from pipeline.nlp.consistency import consistency_warnings, section_profiles
from pipeline.records.schema import SCHEMA_VERSION
from pipeline.types import Facts, Judgement, Segmented, Source, Statistic


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


def judgement_dict(judgement: Judgement) -> dict:
    """A judgement as record.md gives it: ``reason`` only where the grade is null."""
    data = asdict(judgement)
    if data["reason"] is None:
        del data["reason"]
    return data


def build_record(
    segmented: Segmented,
    facts: Facts,
    entities: list[list],
    statistics: list[Statistic],
    paragraph_tags: list[dict],
    recommendation_tags: list[dict],
    warnings: list[str],
) -> dict:
    """The report record; ``entities`` and ``paragraph_tags`` hold one entry per paragraph,
    ``recommendation_tags`` one per recommendation, in order."""
    document = segmented.document
    paragraphs = [
        {
            "number": p.number,
            "section": section,
            "section_grade": grade,
            "page": p.page,
            "text": p.text,
            **tags,
            "entities": [asdict(e) for e in found],
        }
        for p, (section, grade), found, tags in zip(
            segmented.paragraphs, ((s.section, s.grade) for s in facts.paragraph_sections), entities, paragraph_tags, strict=True
        )
    ]
    profiles = section_profiles(paragraphs)
    warnings = list(document.warnings) + list(segmented.warnings) + list(facts.warnings) + warnings
    warnings += consistency_warnings(profiles)
    if not paragraphs:
        warnings.append("no body paragraphs found")
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(document.source.sha256),
        "source": source_dict(document.source),
        "local_authority": facts.local_authority,
        "urn": facts.urn,
        "urn_source": facts.urn_source,
        "framework": facts.framework,
        "inspection_type": facts.inspection_type,
        "inspection_start": facts.inspection_start,
        "inspection_end": facts.inspection_end,
        "published": facts.published,
        "lead_inspector": facts.lead_inspector,
        "judgements": [judgement_dict(j) for j in facts.judgements],
        "recommendations": [asdict(r) | tags for r, tags in zip(facts.recommendations, recommendation_tags, strict=True)],
        "statistics": [statistic_dict(s) for s in statistics],
        "paragraphs": paragraphs,
        "section_profiles": profiles,
        "warnings": warnings,
        "evidence": dict(facts.evidence),
    }
