"""A lookup table of local authorities keyed by Ofsted URN: names, region and statistical
neighbours. The user names the file (``--la-lookup``); ``../shared/reference/la_lookup.csv``
is one such table.

Columns read (others are ignored):

| column | what |
| --- | --- |
| `urn` | the authority's Ofsted URN (required) |
| `local_authority_ons_name` | the authority's name (required) |
| `la_code` | the DfE three-digit LA code, which `stat_neighbours` lists |
| `la_code_new` | the ONS code (E06..., E08..., E09..., E10...) |
| `also_known_as` | other names, e.g. `[Kingston Upon Hull, Hull]` |
| `region_name` | the region, e.g. `East of England` |
| `stat_neighbours` | the DfE statistical neighbours, as comma-separated `la_code`s |
| `utla23nm`, `ltla23nm` | ONS names, also matched against report names |
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from pipeline import errors
from pipeline.types import Authority

REQUIRED_COLUMNS = ("urn", "local_authority_ons_name")
# Words that reports add to an authority's name and lookups leave out, or the other way round.
NAME_NOISE = re.compile(
    r"\b(?:the|council|borough|city|county|metropolitan|district|london|royal|of|children'?s services)\b"
)


def name_key(name: str) -> str:
    """A name reduced for matching: "Royal Borough of Kingston upon Thames" and "Kingston upon
    Thames" give the same key, as do "Bristol, City of" and "City of Bristol Council"."""
    text = name.lower().replace("&", " and ").replace("’", "'")
    text = NAME_NOISE.sub(" ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


@dataclass(frozen=True)
class Lookup:
    path: str
    authorities: dict[str, Authority]  # by URN

    @cached_property
    def urns_by_name(self) -> dict[str, set[str]]:
        """Name key -> URNs of the authorities that go by it (a name or another name)."""
        index: dict[str, set[str]] = {}
        for authority in self.authorities.values():
            for name in (authority.name, *authority.other_names):
                index.setdefault(name_key(name), set()).add(authority.urn)
        return index

    @cached_property
    def by_code(self) -> dict[str, Authority]:
        return {a.la_code: a for a in self.authorities.values() if a.la_code}

    def by_name(self, name: str | None) -> Authority | None:
        """The one authority whose name (or another name) matches; None when none or several do."""
        found = self.urns_by_name.get(name_key(name), set()) if name else set()
        return self.authorities[next(iter(found))] if len(found) == 1 else None

    def neighbours(self, urn: str) -> list[Authority]:
        """The authority's statistical neighbours that the table holds, in the table's order."""
        authority = self.authorities.get(urn)
        if authority is None:
            return []
        return [self.by_code[code] for code in authority.neighbour_codes if code in self.by_code]


def split_list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").strip("[] ").split(",") if part.strip())


@lru_cache(maxsize=4)
def cached_lookup(path: str) -> Lookup:
    """The table read once per process (each worker of a batch reads it once)."""
    return load_lookup(path)


def load_lookup(path: str | Path) -> Lookup:
    """Read the table; a missing file or a missing required column is a UsageError."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise errors.UnreadableFile(what="LA lookup", path=path, cause=exc.strerror) from exc
    columns = set(rows[0]) if rows else set()
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise errors.MissingColumns(what="LA lookup", path=path, columns=", ".join(missing))
    authorities = {}
    for row in rows:
        urn = (row["urn"] or "").strip()
        if not urn:
            continue
        other = split_list(row.get("also_known_as")) + tuple(
            n for n in (row.get("utla23nm"), row.get("ltla23nm")) if n and n.strip()
        )
        authorities[urn] = Authority(
            urn=urn,
            name=row["local_authority_ons_name"].strip(),
            la_code=(row.get("la_code") or "").strip() or None,
            ons_code=(row.get("la_code_new") or "").strip() or None,
            region=(row.get("region_name") or "").strip() or None,
            neighbour_codes=split_list(row.get("stat_neighbours")),
            other_names=other,
        )
    return Lookup(str(path), authorities)
