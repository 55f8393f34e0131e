"""Segmented + Facts + Annotated -> the JSON record of ``spec/record.md``: the one place
where the stages' typed results become dicts."""

from __future__ import annotations

from dataclasses import asdict

from pipeline.records.consistency import consistency_warnings, section_profiles
from pipeline.records.coverage import coverage_warnings, text_coverage
from pipeline.records.schema import SCHEMA_VERSION
from pipeline.types import Annotated, AuthorityMatch, Facts, Judgement, Segmented, Source, Statistic, Tags


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


def authority_dict(match: AuthorityMatch | None) -> dict | None:
    if match is None:
        return None
    a = match.authority
    return {"name": a.name, "urn": a.urn, "la_code": a.la_code, "ons_code": a.ons_code, "region": a.region, "matched_by": match.matched_by}


def tags_dict(tags: Tags) -> dict:
    """A paragraph's tags as the record gives them; a sentence's polarity only where the model has one."""
    return {
        "themes": list(tags.themes),
        "theme_scores": dict(tags.theme_scores),
        "stance": tags.stance,
        "stance_scores": dict(tags.stance_scores),
        "theme_evidence": dict(tags.theme_evidence),
        "sentences": [
            {"text": s.text, "stance": s.stance} | ({"polarity": s.polarity} if s.polarity is not None else {})
            for s in tags.sentences
        ],
    }


def build_record(segmented: Segmented, facts: Facts, annotated: Annotated) -> dict:
    """The report record of ``spec/record.md``, from the three stages' typed results."""
    document = segmented.document
    paragraphs = [
        {
            "number": p.number,
            "section": place.section,
            "section_grade": place.grade,
            "page": p.page,
            "text": p.text,
            **tags_dict(annotation.tags),
            "entities": [asdict(e) for e in annotation.entities],
        }
        for p, place, annotation in zip(segmented.paragraphs, facts.paragraph_sections, annotated.paragraphs, strict=True)
    ]
    recommendations = [
        asdict(r) | {"points": list(r.points), "themes": list(themes)}
        for r, themes in zip(facts.recommendations, annotated.recommendation_themes, strict=True)
    ]
    profiles = section_profiles(paragraphs)
    coverage = text_coverage(segmented, facts)
    warnings = [*document.warnings, *segmented.warnings, *facts.warnings, *annotated.warnings]
    warnings += consistency_warnings(profiles) + coverage_warnings(coverage)
    if not paragraphs:
        warnings.append("no body paragraphs found")
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(document.source.sha256),
        "source": source_dict(document.source),
        "local_authority": facts.local_authority,
        "authority": authority_dict(facts.authority),
        "urn": facts.urn,
        "urn_source": facts.urn_source,
        "framework": facts.framework,
        "inspection_type": facts.inspection_type,
        "inspection_start": facts.inspection_start,
        "inspection_end": facts.inspection_end,
        "inspection_dates": [{"start": start, "end": end} for start, end in facts.inspection_dates],
        "published": facts.published,
        "published_source": facts.published_source,
        "lead_inspector": facts.lead_inspector,
        "lead_inspectors": list(facts.lead_inspectors),
        "judgements": [judgement_dict(j) for j in facts.judgements],
        "recommendations": recommendations,
        "statistics": [statistic_dict(s) for a in annotated.paragraphs for s in a.statistics],
        "paragraphs": paragraphs,
        "section_profiles": profiles,
        "text_coverage": coverage,
        "warnings": warnings,
        "evidence": dict(facts.evidence),
    } | area_dict(facts)


def area_dict(facts: Facts) -> dict:
    """The partnership, previous inspection and follow-up, for a framework that has them
    (area SEND); other records do not carry the keys."""
    fields = {"partnership": facts.partnership, "previous_inspection": facts.previous_inspection, "follow_up": facts.follow_up}
    return {key: value for key, value in fields.items() if value is not None}
