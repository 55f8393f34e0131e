"""The test-support PDF renderer makes a realistic PDF of the seed report."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from seed_pdf import render_report_pdf

SEED = Path(__file__).resolve().parents[1] / "corpus" / "bedford-2013-protection-of-children.txt"
HEADER = "Bedford Borough: inspection of arrangements for the protection of children"


def test_seed_renders_to_realistic_pdf(tmp_path):
    out = render_report_pdf(SEED.read_text(encoding="utf-8"), tmp_path / "seed.pdf", running_header=HEADER)
    assert out == tmp_path / "seed.pdf" and out.exists()

    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text_lines() for page in pdf.pages]

    assert len(pages) > 8
    for number, lines in enumerate(pages[1:], start=2):
        assert lines and lines[0]["text"] == HEADER, f"page {number} lacks the running header"
        assert lines[-1]["text"] == str(number), f"page {number} lacks its page number"
    assert all(line["text"] != HEADER for line in pages[0]), "the front page has a running header"

    joined = " ".join(line["text"] for lines in pages for line in lines)
    paragraph_25 = re.search(r"\b25\. (.*?)\b26\. ", joined)
    assert paragraph_25, "paragraph 25 not found"
    assert "1905 contacts" in paragraph_25.group(1)
