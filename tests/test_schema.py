"""Records are validated by a compiled validator (fast) and described by jsonschema (clear
messages): the two must agree on what is valid."""

from __future__ import annotations

import copy

import fastjsonschema
import pytest

from pipeline.records.schema import fast_validator, validation_errors, validator


def breakages(record: dict):
    """Ways a user's tool would notice a broken record."""
    yield "stance not a slug", lambda r: r["paragraphs"][0].__setitem__("stance", "angry")
    yield "date not a date", lambda r: r.__setitem__("inspection_start", "2013-13-45x")
    yield "grade not a slug", lambda r: r["judgements"][0].__setitem__("grade", "excellent")
    yield "framework unknown", lambda r: r.__setitem__("framework", "ilacs_2030")
    yield "required key missing", lambda r: r.pop("lead_inspector")
    yield "sentence without text", lambda r: r["paragraphs"][0]["sentences"][0].pop("text")
    yield "urn not digits", lambda r: r.__setitem__("urn", "BED1")
    yield "timescale unknown", lambda r: r["recommendations"][0].__setitem__("timescale", "soon")


def test_both_validators_accept_the_seed_record(seed_text_record):
    fast_validator()(seed_text_record)
    assert list(validator().iter_errors(seed_text_record)) == []
    assert validation_errors(seed_text_record) == []


@pytest.mark.parametrize("name", [name for name, _ in breakages({})])
def test_both_validators_reject_a_broken_record(seed_text_record, name):
    record = copy.deepcopy(seed_text_record)
    dict(breakages(record))[name](record)
    with pytest.raises(fastjsonschema.JsonSchemaException):
        fast_validator()(record)
    errors = validation_errors(record)
    assert errors and "please report" not in errors[0]
