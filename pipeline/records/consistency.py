"""Per judgement section, the share of strength, weakness and mixed paragraphs, and a
warning where that profile is far from the section's grade (``consistency.toml``): a check on
the assembled record, so it works on record dicts."""

from __future__ import annotations

from collections import defaultdict

from pipeline.resources import data_toml


def section_profiles(paragraphs: list[dict]) -> list[dict]:
    """One profile per graded section, in the order the sections first appear."""
    sections: dict[tuple, list[str]] = defaultdict(list)
    for paragraph in paragraphs:
        if paragraph["section_grade"] and paragraph["stance"]:
            sections[(paragraph["section"], paragraph["section_grade"])].append(paragraph["stance"])
    profiles = []
    for (section, grade), stances in sections.items():
        count = len(stances)
        profiles.append(
            {
                "section": section,
                "grade": grade,
                "paragraphs": count,
                **{f"{s}_share": round(stances.count(s) / count, 3) for s in ("strength", "weakness", "mixed", "neutral")},
            }
        )
    return profiles


def consistency_warnings(profiles: list[dict]) -> list[str]:
    rules = data_toml("pipeline.records", "consistency.toml")
    warnings = []
    for profile in profiles:
        if profile["paragraphs"] < rules["min_paragraphs"]:
            continue
        if profile["grade"] in rules["praised_grades"] and profile["weakness_share"] > rules["mostly"]:
            warnings.append(
                f"section '{profile['section']}' is graded {profile['grade']} but {profile['weakness_share']:.0%} "
                f"of its {profile['paragraphs']} paragraphs read as weaknesses"
            )
        if profile["grade"] in rules["criticised_grades"] and profile["strength_share"] > rules["mostly"]:
            warnings.append(
                f"section '{profile['section']}' is graded {profile['grade']} but {profile['strength_share']:.0%} "
                f"of its {profile['paragraphs']} paragraphs read as strengths"
            )
    return warnings
