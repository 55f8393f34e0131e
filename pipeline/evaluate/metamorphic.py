"""Re-typeset robustness (``make eval``): each report read from its own PDF and from the same
report re-typeset in other layouts (``retypeset.py``) and as plain text; the readings must
agree. A difference is a layout the pipeline depends on, found without a new report.

What is compared: the facts (authority, framework, inspection type and dates, publication date,
lead inspectors, every judgement's grade), the numbered paragraphs (number, section, section
grade, in order) and the recommendations (whom each addresses, its number, list, text,
timescale and sub-points).
"""

from __future__ import annotations

import multiprocessing
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.api import ingest
from pipeline.evaluate.retypeset import LAYOUTS, retypeset_pdf, retypeset_text
from pipeline.extract import extract
from pipeline.segment import segment

TEXT_FORM = "plain-text"
FACT_FIELDS = ("local_authority", "framework", "inspection_type", "inspection_dates", "published", "lead_inspectors")


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def reading(record: dict) -> dict[str, object]:
    """What a re-typeset report must give again, in three parts."""
    return {
        "facts": {f: record.get(f) for f in FACT_FIELDS} | {"judgements": {j["judgement"]: j["grade"] for j in record["judgements"]}},
        "paragraphs": [(p["number"], p["section"], p["section_grade"]) for p in record["paragraphs"] if p["number"]],
        "recommendations": [
            (r["addressed_to"], r["number"], r["list"], words(r["text"]), r["timescale"], len(r["points"]))
            for r in record["recommendations"]
        ],
    }


def differences(original: dict, retyped: dict) -> dict[str, str]:
    """Per part, the first difference (empty when the readings agree)."""
    found = {}
    for part in ("facts", "paragraphs", "recommendations"):
        a, b = original[part], retyped[part]
        if a == b:
            continue
        if part == "facts":
            keys = [k for k in a if a[k] != b.get(k)]
            found[part] = "; ".join(f"{k}: {a[k]!r} -> {b.get(k)!r}" for k in keys)
        else:
            index = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            first = a[index] if index < len(a) else None
            second = b[index] if index < len(b) else None
            found[part] = f"{len(a)} -> {len(b)}; first at {index}: {first!r} -> {second!r}"
    return found


def check_report(task: tuple[str, tuple[str, ...]]) -> tuple[str, dict[str, dict[str, str]] | None]:
    """(path, per layout the differences), or None when the report itself is unreadable."""
    path, layout_names = task
    original = ingest(path)
    if "error" in original or not original.get("framework"):
        return path, None
    segmented = segment(extract(path))
    base = reading(original)
    result = {}
    name = Path(path).stem  # the file keeps its name: a date in it is not part of the typesetting
    with tempfile.TemporaryDirectory() as folder:
        for layout in LAYOUTS:
            if layout.name not in layout_names:
                continue
            out = Path(folder) / layout.name / f"{name}.pdf"
            out.parent.mkdir()
            out.write_bytes(retypeset_pdf(segmented, layout))
            result[layout.name] = differences(base, reading(ingest(out)))
        if TEXT_FORM in layout_names:
            out = Path(folder) / f"{name}.txt"
            out.write_text(retypeset_text(segmented), encoding="utf-8")
            result[TEXT_FORM] = differences(base, reading(ingest(out)))
    return path, result


@dataclass
class Results:
    reports: int = 0
    unreadable: int = 0
    agree: Counter = field(default_factory=Counter)  # (layout, part) -> reports agreeing
    listed: list[str] = field(default_factory=list)


def run(paths: list[Path], jobs: int = 2, layouts: tuple[str, ...] | None = None) -> Results:
    names = layouts or (*(layout.name for layout in LAYOUTS), TEXT_FORM)
    results = Results()
    tasks = [(str(p), tuple(names)) for p in paths]
    with multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=20) as pool:
        for path, found in pool.imap(check_report, tasks, chunksize=1):
            if found is None:
                results.unreadable += 1
                continue
            results.reports += 1
            for layout, parts in found.items():
                for part in ("facts", "paragraphs", "recommendations"):
                    if part in parts:
                        results.listed.append(f"{layout} {part}: {path}: {parts[part]}")
                    else:
                        results.agree[(layout, part)] += 1
    return results


def format_results(results: Results, layouts: tuple[str, ...] | None = None) -> str:
    names = layouts or (*(layout.name for layout in LAYOUTS), TEXT_FORM)
    lines = [f"{results.reports} readable reports x {len(names)} layouts ({results.unreadable} unreadable left out); share identical:"]
    lines.append("layout".ljust(28) + "facts".rjust(10) + "paragraphs".rjust(12) + "recommendations".rjust(17))
    for name in names:
        cells = [f"{results.agree[(name, part)] / results.reports:.1%}" if results.reports else "-" for part in ("facts", "paragraphs", "recommendations")]
        lines.append(name.ljust(28) + cells[0].rjust(10) + cells[1].rjust(12) + cells[2].rjust(17))
    lines.append(f"differences ({len(results.listed)}):")
    lines += [f"  {line}" for line in sorted(results.listed)]
    return "\n".join(lines)
