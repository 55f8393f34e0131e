"""Property tests on bad input: every file gives a valid record or a clear error record,
never an exception out of the batch, never a hang."""

from __future__ import annotations

import json
import time

from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import ingest
from pipeline.batch import ingest_to_file
from pipeline.records import validation_errors

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(record: dict, path) -> None:
    assert validation_errors(record) == []
    if "error" in record:
        assert record["error"]["type"] != "internal_error", record["error"]["message"]
        assert str(path) in record["error"]["message"]


@SETTINGS
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".pdf", ".txt"]))
def test_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    check(ingest(path), path)


@SETTINGS
@given(fraction=st.floats(min_value=0.0, max_value=0.999))
def test_truncated_pdfs(tmp_path, seed_pdf_path, fraction):
    data = seed_pdf_path.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    record = ingest(path)
    check(record, path)
    assert "error" in record


def test_a_damaged_page_object_gives_an_unreadable_pdf_record(tmp_path, seed_pdf_path):
    data = bytearray(seed_pdf_path.read_bytes())
    data[int(0.01 * len(data))] = 1  # found by the corrupted-PDF property below
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    record = ingest(path)
    check(record, path)


@SETTINGS
@given(flips=st.lists(st.tuples(st.floats(min_value=0, max_value=0.98), st.integers(0, 255)), min_size=1, max_size=40))
def test_corrupted_pdfs(tmp_path, seed_pdf_path, flips):
    data = bytearray(seed_pdf_path.read_bytes())
    for where, value in flips:
        data[int(where * len(data))] = value
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(bytes(data))
    check(ingest(path), path)


@SETTINGS
@given(text=st.text(max_size=3000))
def test_random_text(tmp_path, text):
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode("utf-8", errors="replace"))  # lone surrogates cannot be UTF-8
    check(ingest(path), path)


def test_a_pdf_of_empty_pages(tmp_path):
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
    path = tmp_path / "blank.pdf"
    pdf.output(str(path))
    record = ingest(path)
    check(record, path)
    assert record["error"]["type"] == "no_text"


def test_very_long_text_is_read_in_time(tmp_path, seed_text_path):
    text = seed_text_path.read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(text * 40, encoding="utf-8")  # ~1.5 MB, 1,500 numbered paragraphs
    out = tmp_path / "out.jsonl"
    started = time.perf_counter()
    ingest_to_file([path], str(out), jobs=1, timeout=120)
    record = json.loads(out.read_text(encoding="utf-8"))
    check(record, path)
    assert time.perf_counter() - started < 120
    assert "error" not in record and len(record["paragraphs"]) >= 38 * 40
