"""Themes and stance for a report's paragraphs (and each of their sentences) and its
recommendations, with the shipped model; nothing when no model is installed."""

from __future__ import annotations

from pipeline.nlp.model import ThemeStanceModel

EMPTY = {"themes": [], "theme_scores": {}, "stance": None, "stance_scores": {}}


def tag_report(
    model: ThemeStanceModel | None, docs: list, sections: list[str | None], recommendations: list[str]
) -> tuple[list[dict], list[dict]]:
    """Per paragraph (spaCy docs, for their sentences): themes, theme_scores, stance,
    stance_scores and sentences [{text, stance}]; per recommendation: its themes."""
    if model is None:
        return [dict(EMPTY, sentences=[]) for _ in docs], [{"themes": []} for _ in recommendations]
    sentences = [[s.text.strip() for s in doc.sents if s.text.strip()] for doc in docs]
    flat = [s for group in sentences for s in group]
    flat_sections = [section or "" for group, section in zip(sentences, sections) for _ in group]
    paragraph_tags = model.tag([doc.text for doc in docs], [section or "" for section in sections])
    sentence_tags = iter(model.tag(flat, flat_sections))
    for tags, group in zip(paragraph_tags, sentences):
        tags["sentences"] = [{"text": text, "stance": next(sentence_tags)["stance"]} for text in group]
    recommendation_tags = [{"themes": t["themes"]} for t in model.tag(recommendations, ["recommendation"] * len(recommendations))]
    return paragraph_tags, recommendation_tags
