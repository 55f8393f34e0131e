"""Figures for the comparisons over a whole archive: every authority resolved to its region,
the grade table against the gold set, and how long each command takes."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pipeline import compare
from pipeline.compare.report import render_report
from pipeline.evaluate.facts import load_gold


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def compare_figures(archive_path: Path, lookup_path: Path, gold_folders: list[Path]) -> list[str]:
    archive, load_time = timed(compare.load_archive, archive_path, lookup_path)
    groups = archive.by_authority()
    with_region = [g for g in groups.values() if g[0].region]
    lines = [f"authorities: {len(groups)}; resolved to a region: {len(with_region)} of {len(groups)}"]
    lines += [f"  not resolved: {p}" for p in archive.problems]
    gold = {g["sha256"]: g for folder in gold_folders for g in load_gold(folder)}
    (history, _), history_time = timed(compare.grade_history, archive)
    by_id = {i.id: i for i in archive.inspections}
    right = total = 0
    for row in history:
        expected = gold.get(by_id[row["report_id"]].record["source"]["sha256"])
        if expected is None:
            continue
        for judgement, grade in expected["judgements"].items():
            total += 1
            right += row.get(judgement) == grade
            if row.get(judgement) != grade:
                lines.append(f"  grade table differs from gold: {row['authority']} {row['date']} {judgement}: {row.get(judgement)} vs {grade}")
    lines.append(f"grade table against the gold set: {right} of {total} judgements ({100 * right / max(total, 1):.1f}%)")
    timings = {"load (with lookup)": load_time, "grade history": history_time}
    _, timings["latest grades"] = timed(compare.latest_grades, archive)
    _, timings["theme profiles by region"] = timed(compare.theme_profiles, archive, by="region")
    _, timings["theme profiles by neighbours"] = timed(compare.theme_profiles, archive, by="neighbours")
    pairs, timings["recurring weaknesses"] = timed(compare.recurring_weaknesses, archive)
    hits, timings["search"] = timed(compare.search, archive, '"domestic abuse"', compare.Filters(stance="weakness"))
    with tempfile.TemporaryDirectory() as folder:
        _, timings["export (CSV, Parquet, DuckDB)"] = timed(compare.export, archive, folder)
    _, timings["HTML report"] = timed(render_report, archive)
    lines.append(f"recurring weakness pairs: {len(pairs)}; search '\"domestic abuse\"' weakness paragraphs: {len(hits)}")
    lines.append("seconds: " + "; ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items()))
    return lines
