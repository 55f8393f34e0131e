"""The authority's Ofsted URN (unique reference number), the key into a lookup table of
regions and statistical neighbours.

Ingest knows two places for it: the report's own text ("URN: 80428"), and the folder the
report sits in when that folder is named "<urn>_<authority>" (as Ofsted's downloads and the
shared archive are). ``pipeline.lookup`` adds the third, the authority's name
matched in a lookup table. Each record says where its URN came from.
"""

from __future__ import annotations

import re
from pathlib import Path

URN_IN_TEXT = re.compile(r"\b(?:URN|unique reference number)\s*:?\s*(\d{5,8})\b", re.IGNORECASE)
URN_FOLDER = re.compile(r"^(\d{5,8})_")


def find_urn(front_text: str, path: str) -> tuple[str | None, str | None]:
    """(urn, where it came from: "report" | "folder"), or (None, None)."""
    match = URN_IN_TEXT.search(front_text)
    if match:
        return match.group(1), "report"
    match = URN_FOLDER.match(Path(path).parent.name)
    if match:
        return match.group(1), "folder"
    return None, None
