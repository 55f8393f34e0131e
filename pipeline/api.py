"""The public API: a path in, a validated record out.

    >>> from pipeline import ingest
    >>> record = ingest("corpus/bedford-2013-protection-of-children.txt")
    >>> record["judgements"][0]["grade"]
    'adequate'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pipeline import errors
from pipeline.extract import extract, read_bytes
from pipeline.extract.read import DEFAULT_BACKEND
from pipeline.facts import read_facts
from pipeline.lookup import Lookup, cached_lookup
from pipeline import nlp  # its entry points load spaCy when first called, not on import
from pipeline.records import build_record, error_record, validation_errors
from pipeline.segment import segment
from pipeline.types import Source

INPUT_SUFFIXES = (".pdf", ".txt")


def find_inputs(paths: Iterable[str | Path], notes: list[str] | None = None) -> list[Path]:
    """Files named, and the PDF and text files under folders named, in a stable order.

    Symbolic links to folders are followed (a folder of linked folders is a common way to
    gather reports), each folder and file once however many links lead to it; a link that
    leads back into a folder being walked (a loop) is not followed, and ``notes``, if given,
    gets a line naming it.
    """
    found: list[Path] = []
    seen_files: set[tuple[int, int]] = set()
    seen_folders: set[tuple[int, int]] = set()

    def add_file(path: Path) -> None:
        key = identity(path)
        if key not in seen_files:
            seen_files.add(key)
            found.append(path)

    def walk(folder: Path, ancestors: tuple[tuple[int, int], ...]) -> None:
        key = identity(folder)
        if key in ancestors:
            if notes is not None:
                notes.append(f"{folder}: a link back into {folder.resolve()} (a loop), not followed")
            return
        if key in seen_folders:
            return
        seen_folders.add(key)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            if notes is not None:
                notes.append(f"{folder}: cannot be listed ({exc.strerror})")
            return
        for entry in entries:
            if entry.is_dir():
                walk(entry, (*ancestors, key))
            elif entry.is_file() and entry.suffix.lower() in INPUT_SUFFIXES:
                add_file(entry)

    for path in map(Path, paths):
        if path.is_dir():
            walk(path, ())
        elif path.exists():
            add_file(path)
        else:
            raise errors.NoSuchPath(path=path)
    return found


def identity(path: Path) -> tuple[int, int]:
    """What makes two paths the same file or folder: device and inode, links followed."""
    status = path.stat()
    return status.st_dev, status.st_ino


def ingest(path: str | Path, backend: str = DEFAULT_BACKEND, lookup: Lookup | str | Path | None = None) -> dict:
    """Read one report (PDF or text) into a record; an unreadable file gives an error record.

    ``lookup``: a reference table of local authorities (or its path, see ``pipeline.lookup``)
    that the authority is checked against. Every record returned has been validated against
    the published JSON Schema.
    """
    path = Path(path)
    data = b""
    if lookup is not None and not isinstance(lookup, Lookup):
        lookup = cached_lookup(str(lookup))
    try:
        data = read_bytes(path)
        record = ingest_bytes(path, data, backend, lookup)
    except errors.InputError as exc:
        record = error_record(unread_source(path, data), exc.as_record())
    except Exception as exc:  # a defect in the pipeline must not stop a batch
        error = errors.InternalError(path, cause=f"{type(exc).__name__}: {exc}")
        record = error_record(unread_source(path, data), error.as_record())
    problems = validation_errors(record)
    if problems:
        raise AssertionError(f"{path}: the record breaks the schema: " + "; ".join(problems[:5]))
    return record


def unread_source(path: Path, data: bytes) -> Source:
    return Source(path=str(path), sha256=hashlib.sha256(data).hexdigest(), format=None, pages=None)


def ingest_bytes(path: Path, data: bytes, backend: str = DEFAULT_BACKEND, lookup: Lookup | None = None) -> dict:
    document = extract(path, data, backend)
    segmented = segment(document)
    facts = read_facts(segmented, lookup)
    annotated = nlp.annotate(segmented, facts)
    return build_record(segmented, facts, annotated)
