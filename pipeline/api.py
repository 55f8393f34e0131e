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
from pipeline.nlp import annotate
from pipeline.records import build_record, error_record, validation_errors
from pipeline.segment import segment
from pipeline.types import Source

INPUT_SUFFIXES = (".pdf", ".txt")


def find_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the PDF and text files under folders named, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        elif path.exists():
            found.append(path)
        else:
            raise errors.NoSuchPath(path=path)
    return found


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
    annotated = annotate(segmented, facts)
    return build_record(segmented, facts, annotated)
