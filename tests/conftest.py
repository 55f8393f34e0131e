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
    path = SHARED_REPORTS / relative
    if not path.exists():
        message = f"shared report {path} is not here (the archive lives in ../shared/reports)"
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
