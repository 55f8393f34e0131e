"""JSON Lines in and out. Whole files are written to a temporary file beside the target and
moved into place at the end, so an interrupted write leaves the previous file whole; a batch
appends record by record and ``read_output`` mends what a killed run can leave (a torn last
line). Reading a line that is not a JSON record is one clear error naming the file and line."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonlines

from pipeline import errors


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: str | Path):
    """A text file handle whose content replaces ``path`` only if the block completes."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o666 & ~current_umask())  # a temporary file is private; the output is not
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_records(records: Iterable[dict], path: str | Path) -> int:
    """Write records as JSON Lines to ``path`` ("-" for standard output); return the count."""
    count = 0
    if str(path) == "-":
        for record in records:
            sys.stdout.write(dumps(record) + "\n")
            sys.stdout.flush()
            count += 1
        return count
    with atomic_writer(path) as handle:
        for record in records:
            handle.write(dumps(record) + "\n")
            count += 1
    return count


def parse_line(line: str, path: str | Path, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise errors.BadRecordLine(path=path, line=number, cause=f"not JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise errors.BadRecordLine(path=path, line=number, cause=f"a JSON {type(record).__name__}, not a record")
    return record


def read_records(path: str | Path) -> Iterator[dict]:
    """Records from a JSON Lines file ("-" for standard input); blank lines are skipped."""
    name = "standard input" if str(path) == "-" else path
    try:
        handle = sys.stdin if str(path) == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise errors.UnreadableFile(what="record archive", path=path, cause=exc.strerror or exc) from None
    try:
        for number, record in enumerate(jsonlines.Reader(handle).iter(type=dict, skip_empty=True), start=1):
            if "source" not in record or "schema_version" not in record:
                raise errors.BadRecordLine(path=name, line=number, cause="a JSON object that is not a record (no source)")
            yield record
    except jsonlines.InvalidLineError as exc:
        cause = "not JSON" if "invalid json" in str(exc).lower() else "a JSON value that is not a record"
        raise errors.BadRecordLine(path=name, line=exc.lineno, cause=cause) from None
    except UnicodeDecodeError as exc:
        raise errors.BadRecordLine(path=name, line="?", cause=f"not UTF-8 text ({exc.reason})") from None
    finally:
        if handle is not sys.stdin:
            handle.close()


def read_output(path: str | Path) -> tuple[list[dict], int]:
    """The records of a batch's output file, mended for appending, and how many bytes of a
    torn last line (a record cut off by a killed run) were cut off the file.

    Only the last line can be torn: a bad line before it is a file that is not this tool's
    output, which is refused rather than overwritten."""
    path = Path(path)
    if not path.exists():
        return [], 0
    data = path.read_bytes()
    lines = data.split(b"\n")
    last = lines.pop()  # the bytes after the last newline: empty unless the last line is unfinished
    records = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            records.append(parse_line(line.decode("utf-8", "replace"), path, number))
    if not last.strip():
        return records, 0
    try:
        records.append(parse_line(last.decode("utf-8"), path, len(lines) + 1))
    except (errors.BadRecordLine, UnicodeDecodeError):
        with open(path, "r+b") as handle:
            handle.truncate(len(data) - len(last))
        return records, len(last)
    with open(path, "ab") as handle:  # a whole record without its newline: end its line
        handle.write(b"\n")
    return records, 0
