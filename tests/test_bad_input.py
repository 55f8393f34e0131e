"""Bad input gives an error record naming the file and the reason; the run goes on."""

from __future__ import annotations

import json

import pytest
from fpdf import FPDF

from conftest import shared_report
from pipeline import ingest
from pipeline.cli import main
from pipeline.records import validation_errors


def error_of(path):
    record = ingest(path)
    assert validation_errors(record) == []
    assert set(record) == {"schema_version", "id", "source", "error"}, "an error record holds nothing else"
    assert str(path) in record["error"]["message"]
    return record["error"]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert error_of(path)["type"] == "empty_file"


def test_html_page_named_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("<!DOCTYPE html><html><head><title>Ofsted</title></head><body>Not found</body></html>")
    error = error_of(path)
    assert error["type"] == "not_a_pdf" and "HTML page" in error["message"]


def test_real_html_pages_in_the_archive():
    path = shared_report("80429_birmingham/children's services inspection - 19 october 2012.pdf")
    error = error_of(path)
    assert error["type"] == "not_a_pdf" and "HTML page" in error["message"]


def test_truncated_pdf(tmp_path, seed_pdf_path):
    data = seed_pdf_path.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert error_of(path)["type"] == "truncated_pdf"


def test_encrypted_pdf(tmp_path):
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Inspection of local authority arrangements for the protection of children")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    error = error_of(path)
    assert error["type"] == "encrypted_pdf" and "password" in error["message"]


def test_binary_junk_named_txt(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert error_of(path)["type"] == "not_text"


def test_text_in_an_unknown_layout_says_what_it_could_not_find(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Minutes of the corporate parenting panel\n\n"
        "1. The panel met in March and reviewed placement sufficiency for children in care.\n"
        "2. Members asked for a report on care leavers' housing at the next meeting.\n"
    )
    record = ingest(path)
    assert validation_errors(record) == []
    assert "error" not in record
    assert record["framework"] is None and record["judgements"] == [] and record["local_authority"] is None
    assert any("layout not recognised" in w for w in record["warnings"])
    assert [p["number"] for p in record["paragraphs"]] == ["1", "2"], "what can be found is still given"


def test_a_bad_file_does_not_stop_the_batch(tmp_path, seed_text_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a-empty.pdf").write_bytes(b"")
    (folder / "b-page.pdf").write_text("<html><body>moved</body></html>")
    (folder / "c-seed.txt").write_text(seed_text_path.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["ingest", str(folder), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("error", {}).get("type") for r in records] == ["empty_file", "not_a_pdf", None]
    assert records[2]["local_authority"] == "Bedford Borough"
    assert "3 records read" in capsys.readouterr().err


def test_an_interrupted_run_keeps_what_was_written_and_what_it_finished(tmp_path, seed_text_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text('{"previous": true}\n')
    second = tmp_path / "second.txt"
    second.write_text(seed_text_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    import pipeline.batch

    calls = 0

    def interrupted_ingest(path, backend="pdfium", lookup=None):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return pipeline.api.ingest(path, backend, lookup)

    monkeypatch.setattr(pipeline.batch, "ingest", interrupted_ingest)
    assert main(["ingest", str(seed_text_path), str(second), "-o", str(out), "--jobs", "1"]) == 130
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line.get("local_authority") for line in lines] == ["Bedford Borough", None]
    assert lines[1] == {"previous": True}, "the earlier output is kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "second.txt"], "no temporary file is left"
