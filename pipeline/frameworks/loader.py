"""Load and validate framework files; recognise a report's framework from its text."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

SUPPORTED_VERSION = 1

# Every grade phrase the archive prints, longest first so "requires improvement to be good"
# is not read as "good".
GRADE_PHRASES = {
    "requires improvement to be good": "requires_improvement",
    "requires improvement": "requires_improvement",
    "outstanding": "outstanding",
    "inadequate": "inadequate",
    "adequate": "adequate",
    "good": "good",
}

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Case, quotes, dashes and white space folded, for comparing printed labels."""
    return re.sub(r"\s+", " ", text.translate(QUOTES).lower()).strip(" .:;,")


def grade_slug(phrase: str) -> str | None:
    return GRADE_PHRASES.get(fold(phrase))


@dataclass(frozen=True)
class Judgement:
    slug: str
    labels: tuple[str, ...]
    from_year: int | None = None  # judgement given only in reports inspected from this year

    def matches(self, text: str) -> bool:
        return fold(text) in {fold(label) for label in self.labels}


@dataclass(frozen=True)
class Framework:
    slug: str
    name: str
    version: int
    detect: tuple[str, ...]
    titles: tuple[str, ...]
    grades: tuple[str, ...]
    judgements: tuple[Judgement, ...]
    recommendation_sections: tuple[str, ...]
    timescales: dict[str, tuple[str, ...]]

    def judgement_for_heading(self, heading: str | None) -> Judgement | None:
        if heading is None:
            return None
        return next((j for j in self.judgements if j.matches(heading)), None)

    def timescale_for(self, heading: str) -> str | None:
        folded = fold(heading)
        for slug, labels in self.timescales.items():
            if folded in {fold(label) for label in labels}:
                return slug
        return None


def parse_framework(data: dict, origin: str) -> Framework:
    version = data.get("version")
    if version != SUPPORTED_VERSION:
        raise ValueError(f"{origin}: framework file version {version!r}, this pipeline reads version {SUPPORTED_VERSION}")
    unknown = set(data.get("grades", [])) - set(GRADE_PHRASES.values())
    if unknown:
        raise ValueError(f"{origin}: unknown grades {sorted(unknown)}; allowed {sorted(set(GRADE_PHRASES.values()))}")
    recommendations = data.get("recommendations", {})
    return Framework(
        slug=data["slug"],
        name=data["name"],
        version=version,
        detect=tuple(data["detect"]),
        titles=tuple(data.get("titles", [])),
        grades=tuple(data["grades"]),
        judgements=tuple(
            Judgement(slug=j["slug"], labels=tuple(j["labels"]), from_year=j.get("from_year")) for j in data["judgements"]
        ),
        recommendation_sections=tuple(recommendations.get("sections", [])),
        timescales={slug: tuple(labels) for slug, labels in recommendations.get("timescales", {}).items()},
    )


@lru_cache(maxsize=1)
def load_frameworks() -> tuple[Framework, ...]:
    folder = resources.files("pipeline.frameworks")
    frameworks = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            frameworks.append(parse_framework(tomllib.loads(entry.read_text("utf-8")), entry.name))
    return tuple(frameworks)


def detect_framework(front_text: str) -> Framework | None:
    """The framework whose identifying phrases occur in the report's front pages."""
    folded = fold(front_text)
    hits = [f for f in load_frameworks() if any(fold(p) in folded for p in f.detect)]
    return hits[0] if len(hits) == 1 else None
