"""Turn Ofsted inspection reports of local authority children's services into data.

Stages, each a plain function from one record to the next::

    extract(path) -> Document -> segment() -> Segmented -> read_facts() -> Facts
    -> annotate() -> Annotated (one spaCy Language: sentences, entities, statistics, themes, stance)
    -> build_record() -> dict validated against the published JSON Schema

The usual entry points are :func:`ingest` (one file) and :func:`ingest_many` (files and
folders, in parallel) and :func:`ingest_to_file` (incremental JSON Lines output).
"""

from importlib import import_module

from pipeline.version import __version__

# The entry points load spaCy and scikit-learn; they are imported when first used, so that a
# command that needs neither (``ofsted --help``, ``show``, ``schema``) starts at once.
ENTRY_POINTS = {"find_inputs": "pipeline.api", "ingest": "pipeline.api", "ingest_many": "pipeline.batch",
                "ingest_to_file": "pipeline.batch"}

__all__ = [*ENTRY_POINTS, "__version__"]


def __getattr__(name: str):
    if name in ENTRY_POINTS:
        return getattr(import_module(ENTRY_POINTS[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
