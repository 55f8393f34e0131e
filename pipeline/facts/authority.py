"""The authority checked against a reference table of local authorities (``pipeline.lookup``):
the name as printed is kept, the table's canonical name and codes are added with how they
matched (by the URN the report or its folder gives, else by the printed name), and a name the
table does not know, or one that is not the name of its URN, is a warning. Without a table
nothing is checked and nothing is said."""

from __future__ import annotations

from pipeline.lookup import Lookup, name_key
from pipeline.types import Authority, AuthorityMatch


def names_agree(printed: str, authority: Authority) -> bool:
    return name_key(printed) in {name_key(n) for n in (authority.name, *authority.other_names)}


def check_authority(printed: str | None, urn: str | None, lookup: Lookup | None) -> tuple[AuthorityMatch | None, list[str]]:
    if lookup is None:
        return None, []
    by_urn = lookup.authorities.get(urn) if urn else None
    if by_urn:
        if printed and not names_agree(printed, by_urn):
            return AuthorityMatch(by_urn, "urn"), [
                f"local_authority: the printed name {printed!r} is not the name of URN {urn} in the reference "
                f"table ({by_urn.name!r})"
            ]
        return AuthorityMatch(by_urn, "urn"), []
    by_name = lookup.by_name(printed)
    if by_name:
        return AuthorityMatch(by_name, "name"), []
    where = f"URN {urn} and " if urn else ""
    return None, [f"local_authority: {where}{printed!r} match no authority in the reference table"]
