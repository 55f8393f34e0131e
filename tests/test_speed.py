"""Speed (issue 13): each shortcut gives what the long way gives, and a worker's memory does
not grow with the files it reads."""

from __future__ import annotations

import dataclasses
import io
import re
import pdfplumber
import pytest
from conftest import shared_report

from pipeline.extract.pdf_tables import clean_cell, read_tables
from pipeline.extract.read import extract, table_pages
from pipeline.nlp import build_language
from pipeline.nlp.statistics import Quantity, find_quantities, find_statistics, load_rules, number_precheck, required_text
from pipeline.types import Paragraph


@pytest.mark.parametrize("name, pages", [
    ("80445_cambridgeshire/children's services inspection - 08 august 2014.pdf", None),  # SIF: its marked front page
    ("80485_liverpool/children's services inspection - 18 july 2014.pdf", None),  # "1. Children ...": a space from a gap
    ("80491_camden/children's services inspection - 24 november 2017.pdf", [33]),  # a hyphen PDFium marks at a line end
])
def test_tables_from_pdfium_parts_are_pdfplumbers_own(name, pages):
    """The judgement tables from PDFium's drawing and characters are the tables pdfplumber
    reads from the whole file itself, cell by cell."""
    path = shared_report(name)
    data = path.read_bytes()
    pages = pages or table_pages(list(extract(path).pages))
    assert pages, "a SIF report marks its front page's judgement table"
    fast = read_tables(str(path), data, pages)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        whole = [
            (number, tuple(tuple(clean_cell(c) for c in row) for row in rows))
            for number in pages
            for rows in pdf.pages[number - 1].extract_tables()
        ]
    assert whole and [(t.page, t.rows) for t in fast] == whole


def test_the_statistics_pre_check_comes_from_the_patterns_and_turns_off_for_one_it_cannot_vouch_for():
    rules = load_rules()
    assert rules.may_hold is not None  # every shipped pattern that makes statistics needs a number
    words = tuple(rules.words)
    prose = "Leaders know their services well and someone often attends."  # "one", "ten" inside words
    assert not rules.may_hold.search(prose)
    assert rules.may_hold.search("Eleven children") and rules.may_hold.search("(52)")
    dozen = Quantity("count", re.compile(r"\bdozens?\b", re.IGNORECASE))
    assert number_precheck(rules.quantities + (dozen,), words) is None
    claim_only = Quantity("", re.compile(r"\bdozens?\b", re.IGNORECASE))  # claims text, makes no statistic
    assert number_precheck(rules.quantities + (claim_only,), words) is not None
    paragraph = [Paragraph(number="3", text="Two social workers left; 23% of plans were late.", page=None, section=None)]
    assert [(x.value, x.unit) for x in find_statistics(paragraph)] == [(2.0, "count"), (23.0, "percent")]


def test_a_pattern_is_skipped_only_where_it_cannot_match(seed_text_record):
    rules = load_rules()
    assert next(q.needs for q in rules.quantities if q.unit == "GBP") == ("£",)
    assert required_text(re.compile(r"(?:\d+|ten)\s+days?", re.IGNORECASE)) == ("day",)
    assert required_text(re.compile(r"\d+")) is None  # nothing to look for: every paragraph is scanned
    # "s" also matches the long s under IGNORECASE: a literal run stops there, so "six" needs only "ix"
    six = re.compile(r"\bsix\s+per\s?cent\b", re.IGNORECASE)
    assert six.search("ſIX PER CENT") and required_text(six) == ("cent",) and "cent" in "ſIX PER CENT".lower()
    texts = [p["text"] for p in seed_text_record["paragraphs"]] + [
        "£1.2 million", "Twenty per cent of 52 per 10,000", "aged 16 to 25, 18-year-olds", "in 2014-15 (section 47)",
    ]
    for quantity in rules.quantities:
        for text in texts:
            if not quantity.may_match(text.lower()):
                assert not quantity.regex.search(text), (quantity.regex.pattern, text)
    whole = dataclasses.replace(rules, quantities=tuple(Quantity(q.unit, q.regex) for q in rules.quantities))  # no skipping
    assert [find_quantities(t, rules) for t in texts] == [find_quantities(t, whole) for t in texts]


def test_the_entity_ruler_finds_what_its_matcher_alone_finds():
    nlp = build_language()
    ruler = nlp.get_pipe("entity_ruler")
    texts = [
        "Sussex Police and Kent and Medway NHS Partnership Trust attend the meetings.",
        "Plans are reviewed within 20 working days and visits happen within 4 weeks.",
        "The West Essex Clinical Commissioning Group funds the service.",
        "Leaders know their services well.",
    ]
    for text in texts:
        doc = nlp.make_doc(text)
        assert ruler.matcher(doc) == ruler.matcher.matcher(doc)
    assert not ruler.matcher(nlp.make_doc(texts[-1]))


def test_one_pass_features_are_the_vectorizers_own(seed_text_record):
    from pipeline.nlp.linear import WORD_PATTERN
    from pipeline.nlp.model import default_model

    model = default_model()
    if model is None or model.linear is None:
        pytest.skip("no linear model shipped")
    linear = model.linear
    texts = [p["text"] for p in seed_text_record["paragraphs"]][:40]
    sentences = [s["text"] for p in seed_text_record["paragraphs"][:40] for s in p["sentences"]]
    X, S, stems, sentence_stems = linear.report_features(texts, sentences)
    assert (X != linear.features(texts)).nnz == 0
    assert (S != linear.sentence_features(sentences)).nnz == 0
    assert (stems != linear.stem.transform(texts)).nnz == 0 and (sentence_stems != linear.stem.transform(sentences)).nnz == 0
    word_lists = linear.word_lists()
    assert linear.word_lists() is word_lists  # built once per model, not once per report
    assert word_lists is not None
    split = [WORD_PATTERN.findall(t.lower()) for t in texts]
    assert (word_lists[0].transform(split) != linear.word.transform(texts)).data.size == 0


def test_a_report_leaves_no_new_words_behind(seed_text_path, tmp_path):
    from pipeline import ingest

    nlp = build_language()
    ingest(seed_text_path)
    strings = len(nlp.vocab.strings)
    invented = tmp_path / "invented.txt"
    text = seed_text_path.read_text(encoding="utf-8")
    invented.write_text(text.replace("children", "zorblings").replace("social", "quexical"), encoding="utf-8")
    record = ingest(invented)
    assert "error" not in record and any("zorblings" in p["text"] for p in record["paragraphs"])
    assert len(nlp.vocab.strings) == strings
