"""An archive of records (the JSON Lines that ``ofsted ingest`` writes) as inspections of
authorities: each record with its authority resolved (by URN where a lookup is given), its
date and its grades. Every comparison reads this."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import errors
from pipeline.lookup import Lookup, load_lookup, name_key
from pipeline.resources import data_toml
from pipeline.types import Authority
from pipeline.records import read_records


@dataclass(frozen=True)
class Family:
    """Frameworks whose reports answer the same kind of question (``families.toml``)."""

    slug: str
    name: str
    scale: str  # "grades" (the four grades) | "outcome" (the framework's own statements)
    frameworks: tuple[str, ...]
    short: str  # the name inside a sentence: "area SEND"


FAMILIES: tuple[Family, ...] = tuple(
    Family(f["slug"], f["name"], f["scale"], tuple(f["frameworks"]), f["short"]) for f in data_toml("pipeline.compare", "families.toml")["families"]
)


def family_of(framework: str | None) -> Family:
    """The family a framework belongs to; one the file does not list is a family of its own."""
    found = next((f for f in FAMILIES if framework in f.frameworks), None)
    name = framework or "Framework not known"
    return found or Family(framework or "unknown", name, "grades", (framework or "",), name)


@dataclass(frozen=True)
class Inspection:
    """One report of one authority."""

    record: dict
    authority: str  # one name per URN: the reference table's when resolved, else the latest report's
    key: str  # groups an authority's reports: "urn:80428", else "name:<name key>"
    urn: str | None
    urn_source: str | None  # "report" | "folder" | "name"
    region: str | None
    date: str | None  # the last day on site (the first if only that is known)
    la_code: str | None = None  # DfE three-digit LA code, from the reference table
    ons_code: str | None = None  # ONS code (E06..., E08..., E09..., E10...)

    @property
    def printed(self) -> str | None:
        """The authority's name as this report prints it."""
        return self.record.get("local_authority")

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def framework(self) -> str | None:
        return self.record.get("framework")

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def family(self) -> Family:
        return family_of(self.framework)

    @property
    def grades(self) -> dict[str, str | None]:
        return {j["judgement"]: j["grade"] for j in self.record.get("judgements", [])}


@dataclass
class Archive:
    inspections: list[Inspection]  # by authority, then date
    errors: list[dict] = field(default_factory=list)  # error records (unreadable files)
    lookup: Lookup | None = None
    problems: list[str] = field(default_factory=list)  # authorities the lookup does not resolve

    def by_authority(self) -> dict[str, list[Inspection]]:
        """Each authority's inspections, oldest first."""
        groups: dict[str, list[Inspection]] = {}
        for inspection in self.inspections:
            groups.setdefault(inspection.key, []).append(inspection)
        return groups

    def latest(self, family: str | None = None) -> list[Inspection]:
        """Each authority's most recent report (of one family of inspection, if named)."""
        chosen = ([i for i in v if i.family.slug == family] if family else v for v in self.by_authority().values())
        return [inspections[-1] for inspections in chosen if inspections]

    def find_authority(self, name: str) -> list[Inspection]:
        """An authority's inspections by a name (any form a lookup or report gives) or URN. A
        name that matches no authority, or several, is an error that names the candidates."""
        wanted, groups = name_key(name), self.by_authority()
        urns = self.lookup.urns_by_name.get(wanted, set()) if self.lookup else set()
        found = []
        for key, inspections in groups.items():
            names = {name_key(i.authority) for i in inspections} | {name_key(i.printed or "") for i in inspections}
            if wanted in names or name.strip() == inspections[0].urn or inspections[0].urn in urns:
                found.append(inspections)
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"{v[0].authority} (URN {v[0].urn})" if v[0].urn else v[0].authority for v in found)
            raise errors.AmbiguousAuthority(name=name, count=len(found), names=names)
        raise errors.UnknownAuthority(name=name, suggestions=suggest(wanted, sorted({v[0].authority for v in groups.values()})))


def suggest(wanted: str, names: list[str]) -> str:
    """"; did you mean ...?" with the names that hold the words asked for, else those spelt close
    to them (at most five), else where to see every name."""
    keys = {name: name_key(name) for name in names}
    close = difflib.get_close_matches(wanted, list(keys.values()), n=5, cutoff=0.6)
    chosen = [n for n, k in keys.items() if wanted and f" {wanted} " in f" {k} "] or [n for n, k in keys.items() if k in close]
    if chosen:
        return "; did you mean " + ", ".join(chosen[:5]) + "?"
    return "; `ofsted compare ARCHIVE` lists the authorities it holds"


def resolve(record: dict, lookup: Lookup | None) -> tuple[Authority | None, str | None, str | None, str | None]:
    """(authority in the lookup, urn, urn source, problem). A URN from the report or its folder
    is checked against the lookup; without one, the authority's name is matched."""
    urn, source = record.get("urn"), record.get("urn_source")
    if lookup is None:
        return recorded_authority(record), urn, source, None
    name = record.get("local_authority")
    if urn and urn in lookup.authorities:
        return lookup.authorities[urn], urn, source, None
    matched = lookup.by_name(name)
    if matched:
        note = f"; its {source} URN {urn} is not in the lookup" if urn else ""
        return matched, matched.urn, "name", (f"{record['source']['path']}: matched by name{note}" if urn else None)
    where = f"URN {urn} ({source}) and " if urn else ""
    return None, urn, source, f"{name or 'an unnamed authority'} ({record['source']['path']}): {where}name not found in {lookup.path}"


def recorded_authority(record: dict) -> Authority | None:
    """The reference table's entry that ingest (``--la-lookup``) wrote into the record."""
    found = record.get("authority")
    if not found or not found.get("name"):
        return None
    return Authority(
        urn=found.get("urn"), name=found["name"], la_code=found.get("la_code"), ons_code=found.get("ons_code"),
        region=found.get("region"), neighbour_codes=(), other_names=(),
    )


def display_names(resolved: list[tuple[dict, Authority | None, str | None, str | None, str]]) -> dict[str, str]:
    """One name per authority: the lookup's, else the name its latest report prints."""
    names: dict[str, str] = {}
    for record, authority, _, _, key in sorted(resolved, key=lambda r: inspection_date(r[0]) or ""):
        printed = record.get("local_authority") or Path(record["source"]["path"]).stem
        names[key] = authority.name if authority else printed
    return names


def joined_by_name(row: tuple, resolved: list[tuple]) -> tuple:
    """A report with no URN (none printed, no <urn>_ folder, no lookup to match) joins the one
    URN whose reports print the same name, as a lookup would match it (``urn_source`` "name")."""
    record, authority, urn, source, key = row
    if urn:
        return row
    wanted = name_key(record.get("local_authority") or "")
    urns = {u for r, _, u, _, _ in resolved if u and wanted and name_key(r.get("local_authority") or "") == wanted}
    if len(urns) != 1:
        return row
    urn = next(iter(urns))
    return record, authority, urn, "name", f"urn:{urn}"


def inspection_date(record: dict) -> str | None:
    return record.get("inspection_end") or record.get("inspection_start")


def read_archive(path: str | Path) -> list[dict]:
    """Every record of an archive; a file that is not JSON Lines of records is one error that
    names it and the line (``compare README.md``), not a traceback (``read_records``)."""
    return list(read_records(path))


def load_archive(path: str | Path, lookup: Lookup | str | Path | None = None) -> Archive:
    """Read an archive; with a lookup (a table or its path), resolve every authority in it and
    list those it does not find."""
    if lookup is not None and not isinstance(lookup, Lookup):
        lookup = load_lookup(lookup)
    failed, problems, resolved = [], [], []
    records = read_archive(path)
    for record in records:
        if "error" in record:
            failed.append(record)
            continue
        authority, urn, source, problem = resolve(record, lookup)
        key = f"urn:{urn}" if urn else f"name:{name_key(record.get('local_authority') or record['source']['path'])}"
        resolved.append((record, authority, urn, source, key))
        if problem:
            problems.append(problem)
    resolved = [joined_by_name(row, resolved) for row in resolved]
    names = display_names(resolved)
    codes = {key: authority for _, authority, _, _, key in resolved if authority}
    inspections = []
    for record, authority, urn, source, key in resolved:
        known = authority or codes.get(key)
        inspections.append(
            Inspection(
                record, names[key], key, urn, source, known.region if known else None, inspection_date(record),
                known.la_code if known else None, known.ons_code if known else None,
            )
        )
    inspections.sort(key=lambda i: (i.authority.lower(), i.key, i.date or "", i.id))
    return Archive(inspections, failed, lookup, problems)
