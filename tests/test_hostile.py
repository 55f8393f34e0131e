"""Long runs that survive faults: hostile files beside a good report, a run killed with
SIGKILL and resumed, two runs on one output, honest error types and exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile
from pipeline import ingest
from pipeline.batch import OutputLock, ingest_to_file
from pipeline.cli import EXIT_ERROR, EXIT_FILES_FAILED, main

OFSTED = [sys.executable, "-m", "pipeline"]


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def without_run_details(record: dict) -> dict:
    """A record with what depends on where the file lies taken out (its path and id)."""
    return {k: v for k, v in record.items() if k not in ("source", "id")}


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory, seed_text_path):
    """Every hostile file and the seed report in one folder, ingested in one run with two
    workers; returns the files, the records by path, and the peak memory of the run's largest
    process."""
    folder = tmp_path_factory.mktemp("hostile")
    files = hostile.make_all(folder, seed_text_path)
    good = folder / "zz good report.txt"
    good.write_bytes(seed_text_path.read_bytes())
    out = folder.parent / "hostile.jsonl"
    probe = (
        "import resource, subprocess, sys\n"
        "code = subprocess.call(sys.argv[1:])\n"
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, *OFSTED, "ingest", str(folder), "-o", str(out), "--jobs", "2", "--timeout", "60"],
        capture_output=True, text=True, timeout=600,
    )
    code, peak_mb = map(int, run.stdout.split())
    assert code == 0, run.stderr
    records = {r["source"]["path"]: r for r in lines_of(out)}
    return files + [good], records, peak_mb, run.stderr


def test_every_hostile_file_gets_one_record_and_the_good_report_is_intact(hostile_batch, seed_text_path):
    files, records, _, _ = hostile_batch
    assert sorted(records) == sorted(map(str, files)), "one record per file, names with newlines and quotes included"
    good = records[str(files[-1])]
    assert without_run_details(good) == without_run_details(ingest(seed_text_path))


def test_each_hostile_file_gets_a_clear_error_or_a_warning(hostile_batch):
    files, records, _, stderr = hostile_batch
    by_name = {Path(p).name: r for p, r in records.items()}

    def error(name):
        return by_name[name].get("error", {}).get("type")

    def warned(name, words):
        return any(words in w for w in by_name[name].get("warnings", []))

    assert error("blank pages.pdf") == "no_text"
    assert error("huge.txt") == "too_large" and "50.0 MB" in by_name["huge.txt"]["error"]["message"]
    assert error("circular page tree.pdf") == "unreadable_pdf"
    for readable in ("decompression bomb.pdf", "circular objects.pdf", "broken xref.pdf", "no xref.pdf",
                     "javascript and attachment.pdf"):
        assert error(readable) is None and by_name[readable]["local_authority"].startswith("Bedford Borough"), readable
    assert warned("one point text.pdf", "too small to read")
    assert warned("off page text.pdf", "outside the page")
    assert warned("nul bytes.txt", "NUL byte")
    for encoded in ("utf-16.txt", "utf-16-be.txt", "utf-8 bom.txt", "latin-1.txt", "windows-1252.txt"):
        assert error(encoded) is None, encoded
        assert by_name[encoded]["local_authority"] == "Bedford Borough", encoded
        assert len(by_name[encoded]["paragraphs"]) == len(by_name["zz good report.txt"]["paragraphs"]), encoded
    assert "a loop" in stderr, "the symlink loop is named, not followed"


def test_memory_stays_bounded_over_the_hostile_batch(hostile_batch):
    """A 400 MB decompression bomb, 3,000 blank pages and a 50 MB text file: no process of the
    run grows past what the pipeline needs for an ordinary report several times over."""
    _, _, peak_mb, _ = hostile_batch
    assert peak_mb < 800, f"a process of the run peaked at {peak_mb} MB"


def numbered_copies(folder: Path, seed: Path, count: int) -> list[Path]:
    """``count`` distinct reports: the seed with a line that tells each copy from the others."""
    folder.mkdir()
    text = seed.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"report {i:02d}.txt"
        path.write_text(text + f"\nCopy {i} of the report.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_run_killed_mid_way_keeps_its_records_and_the_rerun_finishes_each_file_once(tmp_path, seed_text_path):
    paths = numbered_copies(tmp_path / "reports", seed_text_path, 14)
    out = tmp_path / "archive.jsonl"
    command = [*OFSTED, "ingest", str(tmp_path / "reports"), "-o", str(out), "--jobs", "2"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 4):
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)  # the workers too, as when a machine goes down
    run.wait()
    written = out.read_text(encoding="utf-8").splitlines()
    assert 4 <= len(written) < len(paths), "records reach the output as files finish"
    done_before = {r["source"]["path"]: r for r in map(json.loads, written)}
    with open(out, "a", encoding="utf-8") as handle:  # what a kill in the middle of a write leaves
        handle.write('{"schema_version":"1","id":"0123')

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(done_before)} unchanged files skipped" in rerun.stderr
    assert "torn last line" in rerun.stderr
    records = lines_of(out)
    assert [r["source"]["path"] for r in records] == list(map(str, paths)), "every file once, in input order"
    for record in records:
        assert "error" not in record and record["local_authority"] == "Bedford Borough"
        if record["source"]["path"] in done_before:
            assert record == done_before[record["source"]["path"]], "a finished record is kept as it was"
    assert not Path(str(out) + ".lock").exists()


def test_a_second_run_on_the_same_output_is_refused(tmp_path, seed_text_path, capsys):
    out = tmp_path / "archive.jsonl"
    with OutputLock(str(out)):
        assert main(["ingest", str(seed_text_path), "-o", str(out)]) == EXIT_ERROR
    message = capsys.readouterr().err
    assert "being written by another run" in message and f"pid {os.getpid()}" in message
    assert not out.exists() or out.read_text() == "", "nothing of the refused run is written"
    assert main(["ingest", str(seed_text_path), "-o", str(out)]) == 0, "once the lock is released the run goes ahead"


def test_a_slow_file_is_a_timeout_with_its_limit_not_an_internal_error(tmp_path, seed_text_path, monkeypatch):
    """The alarm fires inside the API, whose guard against defects catches every Exception."""
    import pipeline.api

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(pipeline.api, "ingest_bytes", slow)
    out = tmp_path / "out.jsonl"
    ingest_to_file([seed_text_path], str(out), jobs=1, timeout=0.5)
    (record,) = lines_of(out)
    assert record["error"]["type"] == "timeout"
    assert "0.5 s" in record["error"]["message"] and str(seed_text_path) in record["error"]["message"]


def test_fail_on_error_gives_a_non_zero_exit(tmp_path, seed_text_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert main(["ingest", str(seed_text_path), str(bad), "-o", str(out)]) == 0
    assert main(["ingest", str(seed_text_path), str(bad), "-o", str(out), "--fail-on-error"]) == EXIT_FILES_FAILED
    assert main(["ingest", str(seed_text_path), "-o", str(tmp_path / "good.jsonl"), "--fail-on-error"]) == 0


@pytest.mark.parametrize("command", ["show", "compare", "search", "export", "report"])
@pytest.mark.parametrize("content", ["# a README\n\nSome text.\n", '{"schema_version": "1"}\n[1, 2]\n', "\xff\xfe"])
def test_a_file_that_is_not_a_record_archive_is_a_one_line_error(tmp_path, command, content):
    archive = tmp_path / "README.md"
    archive.write_bytes(content.encode("latin-1"))
    extra = {"search": ["children"], "export": [], "report": []}.get(command, [])
    argv = [*OFSTED, command, *extra, str(archive)]
    if command == "export":
        argv += ["--to", str(tmp_path / "out")]
    if command == "report":
        argv += ["-o", str(tmp_path / "r.html")]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert run.returncode == EXIT_ERROR
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1, run.stderr
    assert str(archive) in run.stderr and "line" in run.stderr


def test_a_named_model_folder_that_holds_no_model_is_a_one_line_error(tmp_path, seed_text_path):
    env = {**os.environ, "OFSTED_MODEL": str(tmp_path / "no model here")}
    run = subprocess.run([*OFSTED, "ingest", str(seed_text_path), "-o", str(tmp_path / "out.jsonl")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == EXIT_ERROR
    assert run.stderr.startswith("Error: ") and "no model here" in run.stderr and "Traceback" not in run.stderr


def test_linked_folders_are_followed_once_and_loops_refused(tmp_path, seed_text_path):
    from pipeline import find_inputs

    reports = tmp_path / "reports"
    (reports / "bedford").mkdir(parents=True)
    (reports / "bedford" / "2013.txt").write_bytes(seed_text_path.read_bytes())
    gathered = tmp_path / "gathered"
    gathered.mkdir()
    os.symlink(reports / "bedford", gathered / "bedford")
    os.symlink(reports / "bedford", gathered / "bedford again")
    os.symlink(gathered, gathered / "bedford" / "back up")  # a loop through the linked folder
    notes: list[str] = []
    found = find_inputs([gathered], notes)
    assert found == [gathered / "bedford" / "2013.txt"], "the file behind two links is found once"
    assert len(notes) == 1 and "a loop" in notes[0]


def test_every_error_code_is_documented_in_the_readme():
    from pipeline import errors

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    codes = [cls.code for cls in errors.all_errors() if not cls.code.endswith("00")]
    assert len(codes) == len(set(codes)), "codes are unique"
    assert [code for code in codes if f"| {code} |" not in readme] == []
