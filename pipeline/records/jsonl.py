"""JSON Lines in and out. Output is written to a temporary file beside the target and moved
into place at the end, so an interrupted run leaves the previous output whole and never a
half-written line."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonlines


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


def read_records(path: str | Path) -> Iterator[dict]:
    """Records from a JSON Lines file ("-" for standard input)."""
    if str(path) == "-":
        yield from jsonlines.Reader(sys.stdin)
        return
    with jsonlines.open(path) as reader:
        yield from reader
