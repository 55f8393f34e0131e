"""Every error the pipeline raises, in one place: a stable code and a message template each.

Two families:

- **Input errors** (``InputError``, codes E1xx): a file the pipeline cannot turn into a
  record. It becomes an error record ``{"type": ..., "message": ...}``; the type is a stable
  slug users filter on (several messages may share one), the message names the file and the
  reason. The batch goes on.
- **Caller errors** (codes E2xx usage, E3xx model, E4xx data files): a bad argument, a
  missing or mismatched model, a data file the pipeline cannot read. They stop the call; the
  command line prints them as ``Error: <message>`` and exits non-zero.

A raise site names the error and gives the values its template needs, nothing more:
``raise errors.EncryptedPdf(path)``, ``raise errors.UnreadablePdf(path, cause=exc)``.
"""

from __future__ import annotations

from typing import ClassVar


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""

    code: ClassVar[str] = "E000"
    template: ClassVar[str] = "{message}"

    def __init__(self, **details):
        self.details = details
        self.reason = self.template.format(**details)
        super().__init__(self.reason)


# --- input errors: a file that gives an error record ------------------------------------


class InputError(PipelineError):
    """An input the pipeline cannot turn into a record; ``type`` is the record's error type."""

    type: ClassVar[str] = "error"

    def __init__(self, path, **details):
        self.path = str(path)
        super().__init__(**details)
        self.args = (f"{self.path}: {self.reason}",)

    def as_record(self) -> dict:
        return {"type": self.type, "message": str(self)}


class EmptyFile(InputError):
    code, type, template = "E101", "empty_file", "the file is empty"


class NotAPdf(InputError):
    code, type, template = "E102", "not_a_pdf", "named .pdf but holds {what}, not a PDF"


class TruncatedPdf(InputError):
    code, type, template = "E103", "truncated_pdf", "the PDF is truncated (no end-of-file marker)"


class EncryptedPdf(InputError):
    code, type, template = "E104", "encrypted_pdf", "the PDF is encrypted and needs a password"


class UnreadablePdf(InputError):
    code, type, template = "E105", "unreadable_pdf", "the PDF cannot be parsed ({cause})"


class UnreadablePage(UnreadablePdf):
    code, template = "E106", "a page of the PDF cannot be read ({cause})"


class UnreadableTables(UnreadablePdf):
    """Tables are a second source: extraction turns this one into a warning, not an error record."""

    code, template = "E107", "its tables cannot be read ({cause})"


class NotText(InputError):
    code, type, template = "E108", "not_text", "holds binary data, not text"


class UndecodableText(NotText):
    code, template = "E109", "is neither UTF-8 nor Windows-1252 text ({cause})"


class TextTooLarge(InputError):
    code, type, template = "E111", "too_large", "the text is {megabytes:.1f} MB, over the {limit:g} MB a report's text can be (is it one report?)"


class NoText(InputError):
    code, type, template = "E110", "no_text", "no text could be extracted (a scanned image or an empty document?)"


class FileTimedOut(InputError):
    code, type, template = "E120", "timeout", "gave up after {seconds:g} s (the per-file time limit)"


class InternalError(InputError):
    """A defect in the pipeline itself; reported per file so the batch goes on."""

    code, type, template = "E199", "internal_error", "the pipeline failed on this file ({cause})"


# --- caller errors: a bad argument ------------------------------------------------------


class UsageError(PipelineError):
    """A bad argument to the library or the command line (printed as ``Error: ...``)."""

    code = "E200"


class NoSuchPath(UsageError):
    code, template = "E201", "{path}: no such file or folder"


class NoInputs(UsageError):
    code, template = "E202", "no PDF or .txt files found in {paths}"


class BadOption(UsageError):
    code, template = "E203", "{option} must be {allowed}, got {got}"


class MissingOption(UsageError):
    code, template = "E204", "{what} needs {option}"


class UnknownLabel(UsageError):
    code, template = "E205", "unknown {kind} {got}; {kind}s are: {allowed}"


class UnreadableFile(UsageError):
    code, template = "E207", "cannot read the {what} {path}: {cause}"


class MissingColumns(UsageError):
    code, template = "E208", "the {what} {path} lacks the column(s) {columns}"


class UnknownAuthority(UsageError):
    code, template = "E209", "no authority named {name!r} in the archive{suggestions}"


class AmbiguousAuthority(UsageError):
    code, template = "E213", "{name!r} names {count} authorities in the archive: {names}; give one of these names or its URN"


class BadRecordLine(UsageError):
    code, template = "E210", "{path}, line {line}: {cause}, so not a record archive written by `ofsted ingest`"


class OutputLocked(UsageError):
    code, template = "E211", "{output} is being written by another run ({holder}); wait for it or choose another output"


class BadDate(UsageError):
    code, template = "E212", "{option} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, got {got!r}"


# --- caller errors: the model -----------------------------------------------------------


class ModelError(PipelineError):
    """A model folder that is missing, of another format, or made for other labels."""

    code = "E300"


class NoModel(ModelError):
    code, template = "E301", "{folder}: no model here (no meta.json); `make train` builds it"


class ModelFormat(ModelError):
    code, template = "E302", "{folder}: model format {got!r}, this pipeline reads format {expected}"


class ModelLabels(ModelError):
    code, template = "E303", "{folder}: the model's labels differ from lexicons/labels.toml; retrain with `make train`"


class ModelFeatures(ModelError):
    code, template = "E304", "{folder}: the model's word stems differ from this pipeline's; run make train"


# --- caller errors: data files (frameworks, lexicons, patterns) -------------------------


class DataFileError(PipelineError):
    """A data file the pipeline ships or is given that breaks its format."""

    code = "E400"


class DataFileVersion(DataFileError):
    code, template = "E401", "{file}: {kind} file version {got!r}, this pipeline reads version {expected}"


class UnknownKeys(DataFileError):
    code, template = "E402", "{file}: {where} has unknown key(s) {keys}; allowed: {allowed}"


class UnknownGrades(DataFileError):
    code, template = "E403", "{file}: unknown grades {got}; allowed {allowed}"


class MissingKeys(DataFileError):
    code, template = "E404", "{file}: {where} lacks the key(s) {keys}"


class BadAnnotation(DataFileError):
    code, template = "E405", "{file}:{line}: unknown labels {labels}"


def all_errors() -> list[type[PipelineError]]:
    """Every error class, for the documentation table and the test that codes are unique."""
    found, todo = [], [PipelineError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.code)
