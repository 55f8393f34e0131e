"""Shared fixtures: the seed report (text and a PDF rendered from it) and the shared archive.

Tests that need ``../shared/reports`` skip with a reason when it is absent, and fail
instead when ``REQUIRE_SHARED=1`` (as ``.ci/run`` sets).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seed_pdf import render_report_pdf

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "corpus" / "bedford-2013-protection-of-children.txt"
SEED_HEADER = "Bedford Borough: inspection of arrangements for the protection of children"
SHARED_REPORTS = Path(os.environ.get("OFSTED_REPORTS", ROOT.parent / "shared" / "reports"))


def shared_report(relative: str) -> Path:
    """A report from the shared archive, or skip (fail under REQUIRE_SHARED=1) if absent."""
    return shared_path(SHARED_REPORTS / relative)


def shared_reference(name: str) -> Path:
    """A reference table from ../shared/reference, or skip (fail under REQUIRE_SHARED=1)."""
    return shared_path(SHARED_REPORTS.parent / "reference" / name)


def shared_path(path: Path) -> Path:
    if not path.exists():
        message = f"shared file {path} is not here (the archive lives in ../shared)"
        if os.environ.get("REQUIRE_SHARED") == "1":
            pytest.fail(message + " and REQUIRE_SHARED=1")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_text_path() -> Path:
    return SEED_TEXT


@pytest.fixture(scope="session")
def seed_pdf_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "bedford-2013.pdf"
    return render_report_pdf(SEED_TEXT.read_text(encoding="utf-8"), out, running_header=SEED_HEADER)


@pytest.fixture(scope="session")
def seed_text_record(seed_text_path):
    from pipeline import ingest

    return ingest(seed_text_path)


@pytest.fixture(scope="session")
def seed_pdf_record(seed_pdf_path):
    from pipeline import ingest

    return ingest(seed_pdf_path)


# A small real archive for compare, search, export and report: Bedford (the seed report and
# its three later inspections), Kent and Redbridge.
ARCHIVE_FOLDERS = ["80428_bedford", "80476_kent", "80512_redbridge"]


@pytest.fixture(scope="session")
def archive_path(tmp_path_factory):
    from pipeline.batch import ingest_to_file

    paths = [SEED_TEXT] + sorted(p for f in ARCHIVE_FOLDERS for p in shared_report(f).glob("*.pdf"))
    out = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    ingest_to_file(paths, out, jobs=2)
    return out


@pytest.fixture(scope="session")
def lookup_path():
    return shared_reference("la_lookup.csv")


@pytest.fixture(scope="session")
def archive(archive_path, lookup_path):
    from pipeline import compare

    return compare.load_archive(archive_path, lookup_path)
