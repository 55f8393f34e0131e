"""Batch ingest: stable order whatever the jobs, incremental by SHA-256, --force, summary."""

from __future__ import annotations

import json
import shutil

from pipeline.batch import ingest_to_file
from pipeline.cli import main


def make_folder(tmp_path, seed_text_path, count=4):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = seed_text_path.read_text(encoding="utf-8")
    for index in range(count):
        # each file differs by a trailing line, so each has its own SHA-256
        (folder / f"report-{index}.txt").write_text(text + f"\nCopy {index}.\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


def paths_in(out):
    return [json.loads(line)["source"]["path"] for line in out.read_text(encoding="utf-8").splitlines()]


def test_output_order_is_stable_whatever_the_jobs(tmp_path, seed_text_path):
    folder = make_folder(tmp_path, seed_text_path)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["ingest", str(folder), "-o", str(one), "--jobs", "1"]) == 0
    assert main(["ingest", str(folder), "-o", str(two), "--jobs", "2"]) == 0
    assert paths_in(one) == paths_in(two) == sorted(paths_in(one))
    assert one.read_text() == two.read_text()


def test_unchanged_files_are_skipped_and_force_redoes_them(tmp_path, seed_text_path):
    folder = make_folder(tmp_path, seed_text_path, count=2)
    out = tmp_path / "out.jsonl"
    first = ingest_to_file(sorted(folder.iterdir()), str(out), jobs=1)
    assert (first.records, first.skipped) == (3, 0)
    shutil.copy(folder / "report-0.txt", folder / "report-9.txt")  # same bytes as report-0
    (folder / "report-1.txt").write_text("changed text\n", encoding="utf-8")
    second = ingest_to_file(sorted(folder.iterdir()), str(out), jobs=1)
    # report-0 and its copy are skipped; report-1 changed; broken.pdf (an error) is retried
    assert (second.records, second.skipped) == (2, 2)
    assert len(paths_in(out)) == 4
    forced = ingest_to_file(sorted(folder.iterdir()), str(out), jobs=1, force=True)
    assert (forced.records, forced.skipped) == (4, 0)


def test_summary_counts_errors_by_type_and_pages(tmp_path, seed_text_path, seed_pdf_path):
    folder = make_folder(tmp_path, seed_text_path, count=1)
    shutil.copy(seed_pdf_path, folder / "seed.pdf")
    summary = ingest_to_file(sorted(folder.iterdir()), str(tmp_path / "out.jsonl"), jobs=2)
    assert summary.errors == {"truncated_pdf": 1}
    assert summary.pages == 13 and summary.records == 3
    assert "errors: 1 truncated_pdf" in summary.text()


def test_a_file_that_takes_too_long_gets_a_timeout_record(tmp_path, seed_text_path, monkeypatch):
    import time

    import pipeline.batch

    def slow_ingest(path, backend="pdfium", lookup=None):
        time.sleep(5)

    monkeypatch.setattr(pipeline.batch, "ingest", slow_ingest)
    out = tmp_path / "out.jsonl"
    started = time.perf_counter()
    ingest_to_file([seed_text_path], str(out), jobs=1, timeout=0.5)
    assert time.perf_counter() - started < 4
    record = json.loads(out.read_text())
    assert record["error"]["type"] == "timeout" and "0.5 s" in record["error"]["message"]


def test_the_same_folder_named_another_way_replaces_its_records(tmp_path, seed_text_path, monkeypatch):
    """Ingesting "reports" and then the same files as an absolute path (or after a move) gives
    one record per report, not one per spelling of its path; files not read again are kept."""
    folder = make_folder(tmp_path, seed_text_path, count=2)
    out = tmp_path / "out.jsonl"
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "reports", "-o", str(out), "--jobs", "1"]) == 0
    (folder / "report-1.txt").unlink()
    for force in ([], ["--force"]):
        assert main(["ingest", str(folder), "-o", str(out), "--jobs", "1", *force]) == 0
        paths = paths_in(out)
        assert sorted(paths) == sorted([str(folder / "broken.pdf"), str(folder / "report-0.txt"), "reports/report-1.txt"])
