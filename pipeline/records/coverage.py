"""Account for every word: what share of a report's body text lands in a paragraph or a
recommendation of its record. Text that lands in neither (a paragraph cut in two and half of
it dropped, a list the rules did not see) is the silent loss this check makes visible.

The body runs from the first numbered paragraph (the first paragraph, in a report that numbers
none) to the last paragraph; in it, every block of running text counts (numbered paragraphs,
bullets, prose and short lines), but not headings, table rows or footnotes. Front matter (title
page, contents, the area's statistics before the numbered body), running headers and footers
and the publisher's back page lie outside it or were removed by extraction; a summary printed
before the body is counted with it.
"""

from __future__ import annotations

import re

from pipeline.resources import data_toml
from pipeline.types import Facts, Segmented

FOOTNOTE = re.compile(r"^\d{1,2}\s+[A-Z]")
WORD = re.compile(r"\w+")


def words(text: str) -> int:
    return len(WORD.findall(text))


def text_coverage(segmented: Segmented, facts: Facts) -> dict:
    """{"body_words", "placed_words", "share"} for the record (share 1.0 when there is no body)."""
    paragraphs = segmented.paragraphs
    if not paragraphs:
        return {"body_words": 0, "placed_words": 0, "share": 1.0}
    numbered = [p.block for p in paragraphs if p.number]
    first = min(numbered) if numbered else min(p.block for p in paragraphs)
    before = [p for p in paragraphs if p.block < first]  # a summary above the numbered body
    body = segmented.blocks[first : max(p.block for p in paragraphs) + 1]
    body_words = sum(words(p.text) for p in before) + sum(
        words(b.text) for b in body if b.kind in ("numbered", "bullet", "text") and not FOOTNOTE.match(b.text)
    )
    paragraph_texts = {p.text for p in paragraphs}
    placed = sum(words(p.text) for p in paragraphs) + sum(
        words(r.text) for r in facts.recommendations if r.text not in paragraph_texts
    )
    placed = min(placed, body_words)
    return {"body_words": body_words, "placed_words": placed, "share": round(placed / body_words, 3) if body_words else 1.0}


def coverage_warnings(coverage: dict) -> list[str]:
    rules = data_toml("pipeline.records", "consistency.toml")["text"]
    if coverage["body_words"] >= rules["min_body_words"] and coverage["share"] < rules["min_share"]:
        left = coverage["body_words"] - coverage["placed_words"]
        return [
            f"text: {coverage['share']:.0%} of the body text is in a paragraph or recommendation "
            f"({left} of {coverage['body_words']} words are in neither): text may be lost or misread"
        ]
    return []
