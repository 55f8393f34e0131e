"""Files -> records in parallel: stable order, incremental by SHA-256, per-file time limit,
crash-safe output.

Each record is appended to the output (flushed and fsynced) as its file finishes, so a run
that is killed keeps every record it wrote; the next run drops a torn last line, skips the
files already done (by SHA-256) and, when it completes, rewrites the output in the order of
the inputs, every file once. A lock file beside the output refuses a second run writing to
it at the same time.
"""

from __future__ import annotations

import fcntl
import hashlib
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import errors
from pipeline.api import find_inputs, ingest, unread_source
from pipeline.extract.read import DEFAULT_BACKEND
from pipeline.records import dumps, error_record, read_output, write_records

DEFAULT_TIMEOUT = 120.0  # seconds one file may take before it gets a timeout error record


@dataclass
class Summary:
    records: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    warnings: int = 0
    pages: int = 0
    seconds: float = 0.0
    dropped: int = 0  # bytes of a torn last line, left by a run that was killed, dropped

    def add(self, record: dict) -> None:
        self.records += 1
        if "error" in record:
            self.errors[record["error"]["type"]] += 1
        else:
            self.warnings += len(record.get("warnings", []))
            self.pages += record["source"].get("pages") or 0

    def text(self) -> str:
        errors_text = ", ".join(f"{n} {kind}" for kind, n in sorted(self.errors.items())) or "none"
        rate = self.pages / self.seconds if self.seconds else 0.0
        torn = f"; a torn last line of a killed run dropped ({self.dropped} bytes)" if self.dropped else ""
        return (
            f"{self.records} records read ({self.skipped} unchanged files skipped); errors: {errors_text}; "
            f"{self.warnings} warnings; {self.pages} pages in {self.seconds:.1f} s ({rate:.0f} pages/s)" + torn
        )


class Deadline(BaseException):
    """Raised by the per-file alarm. A BaseException, so that no ``except Exception`` on the
    way (the API's guard against defects, a PDF library's own) can take a slow file for a
    broken one or swallow the alarm."""


def on_alarm(signum, frame):
    raise Deadline


def ingest_with_limit(task: tuple[str, float, str, str | None]) -> dict:
    """``ingest`` with a time limit (an error record when it runs out); runs in a worker."""
    path, timeout, backend, lookup = task
    if timeout and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return ingest(path, backend, lookup)
    except Deadline:
        data = Path(path).read_bytes() if Path(path).is_file() else b""
        error = errors.FileTimedOut(path, seconds=timeout)
        return error_record(unread_source(Path(path), data), error.as_record())
    finally:
        if timeout and hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def warm_up() -> None:
    """Load the spaCy pipeline and the theme model once, before any worker starts: workers
    forked after this share them (no per-worker start-up), and a missing or mismatched model
    is one error for the run, not an error record per file."""
    from pipeline.nlp import build_language
    from pipeline.nlp.annotation import settle_common_words
    from pipeline.nlp.model import default_model

    default_model()
    build_language()
    settle_common_words()


def worker_pool(jobs: int):
    """``jobs`` worker processes, forked after :func:`warm_up` where the platform allows.
    Workers start once and stay warm for the whole run: their memory does not grow with the
    files they read (spaCy's per-report memory zone), so they are not recycled."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    return context.Pool(processes=jobs)


def run_records(
    paths: list[Path], jobs: int, timeout: float, backend: str = DEFAULT_BACKEND, lookup: str | None = None
) -> Iterator[dict]:
    """Records for ``paths`` in their order, computed by ``jobs`` worker processes."""
    tasks = [(str(p), timeout, backend, lookup) for p in paths]
    if tasks:
        warm_up()
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(ingest_with_limit, tasks)
        return
    with worker_pool(jobs) as pool:
        yield from pool.imap(ingest_with_limit, tasks, chunksize=1)


def ingest_indexed(task: tuple[int, tuple[str, float, str, str | None]]) -> tuple[int, dict]:
    index, inner = task
    return index, ingest_with_limit(inner)


def records_as_done(
    paths: list[Path], jobs: int, timeout: float, backend: str = DEFAULT_BACKEND, lookup: str | None = None
) -> Iterator[tuple[int, dict]]:
    """(index in ``paths``, record) as each file is done. With several workers the largest
    files go first, so a run does not end on one worker reading a long report while the
    others wait (the order of the output is restored when the run completes)."""
    if jobs <= 1 or len(paths) <= 1:
        yield from enumerate(run_records(paths, jobs, timeout, backend, lookup))
        return
    warm_up()
    sizes = [Path(p).stat().st_size if Path(p).is_file() else 0 for p in paths]
    order = sorted(range(len(paths)), key=lambda i: -sizes[i])
    tasks = [(i, (str(paths[i]), timeout, backend, lookup)) for i in order]
    with worker_pool(jobs) as pool:
        yield from pool.imap_unordered(ingest_indexed, tasks, chunksize=1)


def ingest_many(
    paths: Iterable[str | Path], jobs: int = 1, timeout: float = DEFAULT_TIMEOUT, backend: str = DEFAULT_BACKEND,
    lookup: str | None = None,
) -> Iterator[dict]:
    """Records for every input under ``paths`` (files and folders), in a stable order; with
    ``lookup`` (a table's path) each authority is checked against it."""
    yield from run_records(find_inputs(paths), jobs, timeout, backend, lookup)


def ingest_to_file(
    paths: list[Path],
    output: str,
    jobs: int | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[int, int, dict], None] | None = None,
    lookup: str | None = None,
) -> Summary:
    """Ingest ``paths`` into the JSON Lines file ``output`` ("-" for standard output).

    Files whose SHA-256 is already in ``output`` are skipped unless ``force``; their
    earlier records are kept, and so are the records of files not named this time (unless
    this run read the same bytes under another name). Each new
    record is on disk as soon as its file is done; a completed (or interrupted) run leaves
    the output in the order of ``paths``, earlier records of other files after them.
    """
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    summary = Summary()
    if output == "-":
        for index, record in enumerate(run_records(paths, jobs, timeout, lookup=lookup), start=1):
            write_records([record], "-")
            summary.add(record)
            if progress:
                progress(index, len(paths), record)
        summary.seconds = time.perf_counter() - started
        return summary
    with OutputLock(output):
        earlier, summary.dropped = read_output(output)
        by_path = {r["source"]["path"]: r for r in earlier if "source" in r}  # a later line wins
        by_sha = {r["source"]["sha256"]: r for r in by_path.values() if "error" not in r}
        todo, kept = [], {}
        for path in paths:
            sha = file_sha256(path) if by_sha and not force else None
            if sha in by_sha:  # same bytes as a file already read: its record, under this path
                earlier_record = by_sha[sha]
                kept[str(path)] = {**earlier_record, "source": {**earlier_record["source"], "path": str(path)}}
            else:
                todo.append(path)
        summary.skipped = len(kept)
        new: dict[str, dict] = {}
        completed = False
        try:
            with open(output, "a", encoding="utf-8") as handle:
                for done, (index, record) in enumerate(records_as_done(todo, jobs, timeout, lookup=lookup), start=1):
                    handle.write(dumps(record) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
                    new[str(todo[index])] = record
                    summary.add(record)
                    if progress:
                        progress(done, len(todo), record)
            completed = True
        finally:
            summary.seconds = time.perf_counter() - started
            ordered = [new.get(str(p)) or kept.get(str(p)) for p in paths]
            done = {str(p) for p in paths if str(p) in new or str(p) in kept}
            # earlier records are kept unless this run gave their file a record, under its path
            # or under another (the same bytes named another way, "../reports" for "/x/reports":
            # one report, one record); an interrupted run keeps the earlier records of the files
            # it did not reach; a line with no source (not one of ours) is kept as it was
            read_now = {r["source"].get("sha256") for r in [*new.values(), *kept.values()] if "source" in r} - {None}
            leftovers = [r for r in by_path.values() if r["source"]["path"] not in done and r["source"].get("sha256") not in read_now]
            foreign = [r for r in earlier if "source" not in r]
            if completed or new or kept:
                write_records([r for r in ordered if r is not None] + leftovers + foreign, output)
    return summary


class OutputLock:
    """An exclusive lock on ``OUTPUT.lock`` for the length of a run: a second run writing to
    the same output is refused at once rather than interleaving its lines. The lock is the
    kernel's (flock), so a run that is killed releases it."""

    def __init__(self, output: str):
        self.path = Path(str(output) + ".lock")
        self.handle = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise errors.OutputLocked(output=self.path.with_suffix(""), holder=holder) from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"pid {os.getpid()}\n")
        self.handle.flush()
        return self

    def __exit__(self, *exc_info):
        self.path.unlink(missing_ok=True)
        self.handle.close()  # closing releases the lock


class ProgressBar:
    """A one-line progress bar on standard error when it is a terminal."""

    def __init__(self, stream=sys.stderr, width: int = 30):
        self.stream = stream
        self.width = width
        self.started = time.perf_counter()
        self.enabled = stream.isatty()

    def __call__(self, done: int, total: int, record: dict) -> None:
        if not self.enabled or not total:
            return
        filled = int(self.width * done / total)
        elapsed = time.perf_counter() - self.started
        eta = elapsed / done * (total - done)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} files, {eta:4.0f} s left ")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
