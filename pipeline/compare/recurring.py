"""Recurring weaknesses: recommendations and weakness paragraphs of one authority that come
back at its next inspection, found by text similarity (TF-IDF cosine) between the two
reports' weakness items, with the pairs and their scores shown.

A paragraph takes part only through its weakness and mixed sentences (the sentence stance of
the record): a criticism stated in one sentence of a long paragraph is compared as that
sentence, so it is not diluted by the rest of the paragraph, and a sentence that praises
("Very few care leavers are not in education ...") never takes part. Each side shows its
stance (``recommendation``, ``weakness`` or ``mixed``)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.compare.archive import Archive, Inspection
from pipeline.compare.search import paragraph_label

DEFAULT_MIN_SIMILARITY = 0.3
WEAK_STANCES = ("weakness", "mixed")
BOILERPLATE_AUTHORITIES = 3  # a text printed word for word for this many authorities is Ofsted's wording, not a finding


@dataclass(frozen=True)
class Item:
    """A weakness of one report: a recommendation, or a weakness or mixed paragraph."""

    inspection: Inspection
    kind: str  # "recommendation" | "paragraph"
    label: str  # "recommendation 3" or "paragraph 12"
    page: int | None
    text: str
    themes: frozenset[str]
    stance: str  # "recommendation", or the sentence's stance: "weakness" | "mixed"


def weakness_items(inspection: Inspection) -> list[Item]:
    record = inspection.record
    items = [
        Item(inspection, "recommendation", f"recommendation {r.get('number') or n}", r.get("page"), r["text"],
             frozenset(r.get("themes") or ()), "recommendation")
        for n, r in enumerate(record.get("recommendations", []), start=1)
    ]
    for p in record.get("paragraphs", []):
        if p.get("stance") not in WEAK_STANCES:
            continue
        label = paragraph_label(p["number"])
        themes = frozenset(p.get("themes") or ())
        sentences = p.get("sentences") or []
        if sentences:
            items += [Item(inspection, "paragraph", label, p.get("page"), s["text"], themes, s["stance"])
                      for s in sentences if s.get("stance") in WEAK_STANCES]
        elif p.get("stance") == "weakness":  # a record without sentence stance: the paragraph as a whole
            items.append(Item(inspection, "paragraph", label, p.get("page"), p["text"], themes, "weakness"))
    return items


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def boilerplate_texts(items: list[Item]) -> set[str]:
    """Texts that reports of several authorities print word for word (method notes)."""
    authorities: dict[str, set[str]] = {}
    for item in items:
        authorities.setdefault(norm(item.text), set()).add(item.inspection.key)
    return {text for text, keys in authorities.items() if len(keys) >= BOILERPLATE_AUTHORITIES}


def unique(items) -> list[Item]:
    """Items with a text not seen before in the same report (a recommendation the report also
    prints as a paragraph counts once, as the recommendation)."""
    seen, kept = set(), []
    for item in items:
        if norm(item.text) not in seen:
            seen.add(norm(item.text))
            kept.append(item)
    return kept


def next_inspections(inspections: list[Inspection]) -> list[tuple[Inspection, Inspection]]:
    """Pairs of an authority's report and its next inspection's report: a later date, of the
    same family (an area SEND inspection does not follow up a children's services one)."""
    pairs = []
    for index, earlier in enumerate(inspections):
        later = next((i for i in inspections[index + 1 :]
                      if i.date and earlier.date and i.date > earlier.date and i.family.slug == earlier.family.slug), None)
        if later is not None:
            pairs.append((earlier, later))
    return pairs


def recurring_weaknesses(archive: Archive, min_similarity: float = DEFAULT_MIN_SIMILARITY, authority: str | None = None) -> list[dict]:
    """For each weakness of a report, its most similar weakness at the authority's next
    inspection, where the two share a theme (when both are tagged) and the cosine similarity
    reaches ``min_similarity``; best pairs first within each authority."""
    selected = archive.find_authority(authority)[0].key if authority else None
    raw = {inspection.id: weakness_items(inspection) for inspection in archive.inspections}
    boilerplate = boilerplate_texts([item for items in raw.values() for item in items])
    items_of = {rid: unique(i for i in items if norm(i.text) not in boilerplate) for rid, items in raw.items()}
    if not any(items_of.values()):
        return []
    import numpy as np  # here, as scikit-learn: ofsted --help reads this module's default
    from sklearn.feature_extraction.text import TfidfVectorizer  # here: it costs a second to import

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english", min_df=2)
    vectoriser.fit([item.text for items in raw.values() for item in items if norm(item.text) not in boilerplate])
    rows = []
    for key, inspections in archive.by_authority().items():
        if selected is not None and key != selected:
            continue
        for earlier, later in next_inspections(inspections):
            before, after = items_of[earlier.id], items_of[later.id]
            if not before or not after:
                continue
            similarity = (vectoriser.transform([i.text for i in before]) @ vectoriser.transform([i.text for i in after]).T).toarray()
            for row_index, item in enumerate(before):
                scores = similarity[row_index]
                for column in np.argsort(-scores):
                    match = after[column]
                    if scores[column] < min_similarity:
                        break
                    shared = item.themes & match.themes
                    if item.themes and match.themes and not shared:
                        continue
                    rows.append(pair_row(item, match, float(scores[column]), shared))
                    break
    rows.sort(key=lambda r: (r["authority"].lower(), r["earlier_date"] or "", -r["similarity"]))
    return rows


def pair_row(item: Item, match: Item, score: float, shared: frozenset[str]) -> dict:
    return {
        "authority": item.inspection.authority,
        "la_code": item.inspection.la_code,
        "ons_code": item.inspection.ons_code,
        "similarity": round(score, 3),
        "shared_themes": ", ".join(sorted(shared)),
        "earlier_date": item.inspection.date,
        "earlier_report_id": item.inspection.id,
        "earlier_item": item.label,
        "earlier_page": item.page,
        "earlier_stance": item.stance,
        "earlier_text": item.text,
        "later_date": match.inspection.date,
        "later_report_id": match.inspection.id,
        "later_item": match.label,
        "later_page": match.page,
        "later_stance": match.stance,
        "later_text": match.text,
    }
