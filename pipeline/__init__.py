"""Turn Ofsted inspection reports of local authority children's services into data.

Stages, each a plain function from one record to the next::

    extract(path) -> Document -> segment() -> Segmented -> read_facts() -> Facts
    -> annotate() -> Annotated (one spaCy Language: sentences, entities, statistics, themes, stance)
    -> build_record() -> dict validated against the published JSON Schema

The usual entry points are :func:`ingest` (one file) and :func:`ingest_many` (files and
folders, in parallel) and :func:`ingest_to_file` (incremental JSON Lines output).
"""

from pipeline.api import find_inputs, ingest
from pipeline.batch import ingest_many, ingest_to_file
from pipeline.version import __version__

__all__ = ["find_inputs", "ingest", "ingest_many", "ingest_to_file", "__version__"]
