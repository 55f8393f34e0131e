"""Assemble records, validate them against the published schema, read and write JSON Lines."""

from pipeline.records.assemble import build_record, error_record, record_id
from pipeline.records.jsonl import atomic_writer, dumps, read_output, read_records, write_records
from pipeline.records.schema import SCHEMA_VERSION, record_schema, validation_errors

__all__ = [
    "SCHEMA_VERSION",
    "atomic_writer",
    "build_record",
    "dumps",
    "error_record",
    "read_output",
    "read_records",
    "record_id",
    "record_schema",
    "validation_errors",
    "write_records",
]
