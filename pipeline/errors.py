"""Every error the pipeline reports about an input file, in one place.

An input that cannot be read becomes an error record ``{"type": ..., "message": ...}``;
the type is a stable slug users can filter on, the message names the file and the reason.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class: an input the pipeline cannot turn into a record."""

    type = "error"

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def as_record(self) -> dict:
        return {"type": self.type, "message": str(self)}


class EmptyFile(PipelineError):
    type = "empty_file"


class NotAPdf(PipelineError):
    type = "not_a_pdf"


class TruncatedPdf(PipelineError):
    type = "truncated_pdf"


class EncryptedPdf(PipelineError):
    type = "encrypted_pdf"


class UnreadablePdf(PipelineError):
    type = "unreadable_pdf"


class NotText(PipelineError):
    type = "not_text"


class UnsupportedFile(PipelineError):
    type = "unsupported_file"


class NoText(PipelineError):
    type = "no_text"


class FileTimedOut(PipelineError):
    type = "timeout"


class InternalError(PipelineError):
    """A defect in the pipeline itself; reported per file so the batch goes on."""

    type = "internal_error"


class UsageError(Exception):
    """A bad argument to the library or the CLI (printed as ``Error: ...``)."""
