"""Theme profiles: per authority, region or statistical-neighbour group, the share of
strength and of weakness paragraphs on each theme, set against the whole archive."""

from __future__ import annotations

from collections import Counter

from pipeline import errors
from pipeline.compare.archive import Archive, Inspection
from pipeline.nlp.labels import THEMES

GROUPINGS = ("authority", "region", "neighbours")


def stance_counts(inspections: list[Inspection]) -> dict[str, Counter]:
    """Per theme: how many tagged paragraphs, and how many of each stance."""
    counts: dict[str, Counter] = {theme: Counter() for theme in THEMES}
    for inspection in inspections:
        for paragraph in inspection.record.get("paragraphs", []):
            for theme in paragraph.get("themes") or []:
                counts[theme]["paragraphs"] += 1
                counts[theme][paragraph.get("stance")] += 1
    return counts


def share(counter: Counter, stance: str) -> float | None:
    return round(counter[stance] / counter["paragraphs"], 3) if counter["paragraphs"] else None


def of_family(archive: Archive, family: str | None) -> dict[str, list[Inspection]]:
    """Each authority's inspections, oldest first (only one family's, if named)."""
    chosen = {k: [i for i in v if family is None or i.family.slug == family] for k, v in archive.by_authority().items()}
    return {k: v for k, v in chosen.items() if v}


def groups(archive: Archive, by: str, latest_only: bool, family: str | None = None) -> dict[str, list[Inspection]]:
    """Named groups of inspections: an authority, a region, or an authority with its
    statistical neighbours (those the archive holds)."""
    per_authority = of_family(archive, family)
    chosen = {k: ([v[-1]] if latest_only else v) for k, v in per_authority.items()}
    if by == "authority":
        return {v[0].authority: v for v in chosen.values()}
    if archive.lookup is None:
        raise errors.MissingOption(what=f"grouping by {by}", option="a lookup table: give --la-lookup PATH")
    if by == "region":
        result: dict[str, list[Inspection]] = {}
        for inspections in chosen.values():
            result.setdefault(inspections[0].region or "(region unknown)", []).extend(inspections)
        return result
    if by == "neighbours":
        result = {}
        for key, inspections in chosen.items():
            urn = inspections[0].urn
            members = [inspections]
            for neighbour in archive.lookup.neighbours(urn) if urn else []:
                members.append(chosen.get(f"urn:{neighbour.urn}", []))
            result[f"{inspections[0].authority} and its statistical neighbours"] = [i for m in members for i in m]
        return result
    raise errors.BadOption(option="--by", allowed="one of " + ", ".join(GROUPINGS), got=repr(by))


def theme_profiles(archive: Archive, by: str = "authority", latest_only: bool = True, family: str | None = None) -> list[dict]:
    """Rows of (group, theme): paragraphs, strength and weakness shares, the archive's shares
    for the same theme, and the difference in weakness share from the archive's. With
    ``family`` (a slug of ``families.toml``), only that family's inspections count."""
    pool = [i for v in of_family(archive, family).values() for i in (v[-1:] if latest_only else v)]
    overall = stance_counts(pool)
    rows = []
    for name, inspections in groups(archive, by, latest_only, family).items():
        counts = stance_counts(inspections)
        for theme in THEMES:
            here = counts[theme]
            if not here["paragraphs"]:
                continue
            weakness, archive_weakness = share(here, "weakness"), share(overall[theme], "weakness")
            rows.append(
                {
                    "group": name,
                    "reports": len(inspections),
                    "theme": theme,
                    "paragraphs": here["paragraphs"],
                    "strength_share": share(here, "strength"),
                    "weakness_share": weakness,
                    "archive_strength_share": share(overall[theme], "strength"),
                    "archive_weakness_share": archive_weakness,
                    "weakness_vs_archive": round(weakness - archive_weakness, 3),
                }
            )
    return rows


def standing(archive: Archive, key: str, family: str) -> dict:
    """One authority's latest inspection of a family beside the latest of the same family of
    the other authorities of its region, of its statistical neighbours (those the archive
    holds; both need a lookup) and of every authority: per theme, paragraphs and stance counts
    of each (``share`` turns them into shares). The authority itself is in none of the three
    groups it is set against, so a difference is not damped by its own reports."""
    latest = {k: v[-1] for k, v in of_family(archive, family).items()}
    own = latest.get(key)
    if own is None:
        return {}
    others = [i for k, i in latest.items() if k != key]
    region = [i for i in others if own.region and i.region == own.region]
    neighbour_keys = {f"urn:{a.urn}" for a in archive.lookup.neighbours(own.urn)} if archive.lookup and own.urn else set()
    neighbours = [i for i in others if i.key in neighbour_keys]
    return {
        "inspection": own,
        "groups": {"authority": [own], "region": region, "neighbours": neighbours, "others": others},
        "counts": {name: stance_counts(members) for name, members in
                   (("authority", [own]), ("region", region), ("neighbours", neighbours), ("others", others))},
        "lookup": archive.lookup is not None,
    }
