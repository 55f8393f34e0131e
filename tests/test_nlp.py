"""The spaCy Language: built in code, nothing downloaded; the entity ruler knows the domain."""

from __future__ import annotations

from pipeline.nlp import build_language, find_entities
from pipeline.types import Tags


def entities(text: str) -> set[tuple[str, str]]:
    return {(e.label, e.text) for e in find_entities(build_language()(text))}


def test_one_language_does_everything_spacy_does_in_order():
    nlp = build_language()
    assert nlp.lang == "en" and nlp.pipe_names == ["sentencizer", "entity_ruler", "statistics", "themes_stance"]


def test_the_components_set_statistics_and_tags_on_each_doc():
    doc = build_language()("Social workers visit 35 children. The MASH works well.")
    assert [(s.value, s.unit, s.text) for s in doc._.statistics] == [(35.0, "count", "35 children")]
    assert isinstance(doc._.tags, Tags) and ("SERVICE", "MASH") in {(e.label_, e.text) for e in doc.ents}


def test_agencies_and_services():
    found = entities(
        "Referrals from Northshire Constabulary reach the MASH quickly. Child and adolescent mental health "
        "services (CAMHS) are provided by Riverside Healthcare NHS Foundation Trust, and the local safeguarding "
        "children board (LSCB) reviews MARAC cases."
    )
    assert ("AGENCY", "Northshire Constabulary") in found
    assert ("SERVICE", "MASH") in found
    assert ("SERVICE", "CAMHS") in found
    assert ("AGENCY", "Riverside Healthcare NHS Foundation Trust") in found
    assert ("AGENCY", "local safeguarding children board") in found
    assert ("SERVICE", "MARAC") in found


def test_grades_and_timescales():
    found = entities("Leadership requires improvement to be good; help is inadequate. Act within three months.")
    assert ("GRADE", "requires improvement to be good") in found
    assert ("GRADE", "inadequate") in found
    assert ("TIMESCALE", "within three months") in found


def test_sentences():
    doc = build_language()("Plans are clear. However, reviews are late.")
    assert [s.text for s in doc.sents] == ["Plans are clear.", "However, reviews are late."]
