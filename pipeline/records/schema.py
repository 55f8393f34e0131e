"""The published JSON Schema of a record, and validation against it.

Every record is checked by a validator that fastjsonschema compiles from the schema (about
ten times faster than walking the schema: validation was a tenth of ingest time); a record it
rejects is described by jsonschema, whose messages name every problem and where it is.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pipeline.resources import data_text

# The validators are imported where used: reading or writing records (``ofsted show``,
# ``compare``, ``--help``) needs neither.

SCHEMA_VERSION = "1"
SCHEMA_FILE = "record.schema.json"


@lru_cache(maxsize=1)
def record_schema() -> dict:
    return json.loads(data_text("pipeline.records", SCHEMA_FILE))


@lru_cache(maxsize=1)
def validator() -> "jsonschema.protocols.Validator":
    import jsonschema

    schema = record_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@lru_cache(maxsize=1)
def fast_validator():
    import fastjsonschema

    return fastjsonschema.compile(record_schema())


def validation_errors(record: dict) -> list[str]:
    """Every way ``record`` breaks the schema, as readable lines (empty when valid)."""
    from fastjsonschema import JsonSchemaException

    try:
        fast_validator()(record)
        return []
    except JsonSchemaException:
        pass
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
        for e in sorted(validator().iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
    ] or ["(record): rejected by the compiled validator but not by jsonschema; please report this"]
