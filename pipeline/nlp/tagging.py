"""Themes and stance for a report's paragraphs (and each of their sentences) and its
recommendations, with the shipped model; nothing when no model is installed."""

from __future__ import annotations

from pipeline.nlp.language import sentences_of
from pipeline.nlp.model import ThemeStanceModel

EMPTY = {"themes": [], "theme_scores": {}, "stance": None, "stance_scores": {}}


def tag_report(
    model: ThemeStanceModel | None, texts: list[str], docs: list, sections: list[str | None], recommendations: list[str]
) -> tuple[list[dict], list[dict]]:
    """Per paragraph (its text and spaCy doc, for its sentences): themes, theme_scores, stance,
    stance_scores and sentences [{text, stance, polarity}]; per recommendation: its themes.
    The texts are passed beside the docs because ``doc.text`` rebuilds each from its tokens."""
    if model is None:
        return [dict(EMPTY, sentences=[]) for _ in docs], [{"themes": []} for _ in recommendations]
    split = [sentences_of(doc, text) for doc, text in zip(docs, texts)]
    sentences = [[sentence for sentence, _ in group] for group in split]
    spans = [[span for _, span in group] for group in split]
    paragraph_tags = model.tag(texts, [section or "" for section in sections], sentences, docs, spans)
    for tags, group in zip(paragraph_tags, sentences):
        tags.setdefault("sentences", [{"text": text, "stance": None} for text in group])
    recommendation_tags = [{"themes": themes} for themes in model.themes_of(recommendations, "recommendation")]
    return paragraph_tags, recommendation_tags
