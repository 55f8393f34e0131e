"""Golden pairs for the layout rules: each ``tests/data/layouts/NAME.txt`` is a small report in
one layout (text written for the test, in the reports' own shapes), and ``NAME.json`` beside it
is the record fragment the rule must give: facts, judgements, recommendations (whom each
addresses, its number, list heading, text, timescale and sub-points), and every paragraph with
its number, section, section grade and text.

A rule change that moves any of these shows here as a diff to read. After reading it, and only
then, rewrite the goldens with ``.venv/bin/python tests/test_layout_goldens.py --update``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"
CASES = sorted(LAYOUTS.glob("*.txt"))


def fragment(record: dict) -> dict:
    return {
        "framework": record["framework"],
        "local_authority": record["local_authority"],
        "inspection_start": record["inspection_start"],
        "inspection_end": record["inspection_end"],
        "lead_inspector": record["lead_inspector"],
        "judgements": {j["judgement"]: j["grade"] for j in record["judgements"]},
        "recommendations": [
            [r["addressed_to"], r["number"], r["list"], r["text"], r["timescale"], r["points"]] for r in record["recommendations"]
        ],
        "paragraphs": [[p["number"], p["section"], p["section_grade"], p["text"]] for p in record["paragraphs"]],
    }


def test_every_layout_has_its_golden():
    assert CASES and all(case.with_suffix(".json").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_layout_rule_gives_its_golden_fragment(case):
    from pipeline import ingest

    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert fragment(ingest(case)) == expected


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    from pipeline import ingest

    for case in CASES:
        text = json.dumps(fragment(ingest(case)), indent=1, ensure_ascii=False) + "\n"
        case.with_suffix(".json").write_text(text, encoding="utf-8")
        print(f"wrote {case.with_suffix('.json').name}")
