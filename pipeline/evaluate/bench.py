"""``python -m pipeline.evaluate.bench``: speed and memory over a reports folder.

Prints, in one run over the same files: the pipeline end to end on one core and on
``--jobs`` cores (pages and reports per second, peak memory of the workers), raw
``pdfplumber`` ``extract_text`` over the same PDFs and the ratio of the two, and each PDF
back end's pages per second and judgement accuracy on the gold set's files.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from pipeline.api import find_inputs
from pipeline.batch import ingest_many, ingest_to_file
from pipeline.evaluate.facts import load_gold, score
from pipeline.extract.read import PDF_BACKENDS
from pipeline.records import read_records


def peak_worker_mb() -> float:
    """Peak resident memory of any finished worker process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_pipeline(paths: list[Path], jobs: int) -> tuple[float, int, int]:
    """Seconds, pages and records for the whole pipeline over ``paths`` with ``jobs`` workers."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.jsonl"
        started = time.perf_counter()
        ingest_to_file(paths, str(out), jobs=jobs)
        seconds = time.perf_counter() - started
        records = list(read_records(out))
    pages = sum(r["source"]["pages"] or 0 for r in records if "error" not in r)
    return seconds, pages, len(records)


def plumber_text(path: str) -> int:
    """Pages read by raw pdfplumber extract_text (0 for files pdfplumber cannot open)."""
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
            return len(pdf.pages)
    except Exception:
        return 0


def run_plumber(paths: list[Path], jobs: int) -> tuple[float, int]:
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pages = sum(pool.imap(plumber_text, [str(p) for p in paths], chunksize=1))
    return time.perf_counter() - started, pages


def classifier_overhead(paths: list[Path], jobs: int) -> tuple[float, float, int]:
    """Seconds for the pipeline with and without the theme/stance model, and paragraphs."""
    from pipeline.nlp.model import default_model

    with_model, _, _ = run_pipeline(paths, jobs)
    saved = os.environ.get("OFSTED_MODEL")
    os.environ["OFSTED_MODEL"] = "none"  # rules only; worker processes fork after this
    default_model.cache_clear()
    try:
        without_model, _, _ = run_pipeline(paths, jobs)
    finally:
        if saved is None:
            del os.environ["OFSTED_MODEL"]
        else:
            os.environ["OFSTED_MODEL"] = saved
        default_model.cache_clear()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "paragraphs.jsonl"
        ingest_to_file(paths, str(out), jobs=jobs)
        paragraphs = sum(len(r.get("paragraphs", [])) for r in read_records(out))
    return with_model, without_model, paragraphs


def gold_by_backend(gold_folder: Path, reports: Path, jobs: int) -> list[str]:
    gold = load_gold(gold_folder)
    lines = []
    for backend in PDF_BACKENDS:
        started = time.perf_counter()
        records = dict(zip((i["file"] for i in gold), ingest_many([reports / i["file"] for i in gold], jobs=jobs, backend=backend)))
        seconds = time.perf_counter() - started
        pages = sum(r["source"]["pages"] or 0 for r in records.values() if "error" not in r)
        result = score(gold, records, None)
        accuracy = result["ours"].accuracy("all", "judgements")
        fields = [result["ours"].accuracy("all", f) for f in ("local_authority", "inspection_start", "lead_inspector", "recommendations")]
        lines.append(
            f"  {backend:<11} {pages / seconds:7.1f} pages/s ({jobs} jobs)   judgements {accuracy:.1%}   "
            f"other fields {min(fields):.1%} at worst   ({len(gold)} gold files, {pages} pages)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate.bench", description=__doc__)
    parser.add_argument("--reports", default="../shared/reports")
    parser.add_argument("--gold", default="corpus/gold")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=0, help="every Nth file only (0: all)")
    args = parser.parse_args(argv)
    paths = find_inputs([args.reports])
    if args.sample:
        paths = paths[:: args.sample]
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    print(f"bench over {len(paths)} files in {args.reports}\n")

    seconds, pages, records = run_pipeline(paths[: max(1, len(paths) // 4)], args.jobs)
    quarter_mb = peak_worker_mb()
    seconds, pages, records = run_pipeline(paths, 1)
    print(f"pipeline, 1 core:    {seconds:6.1f} s  {pages / seconds:6.1f} pages/s  {records / seconds:5.2f} reports/s")
    one_core = pages / seconds
    seconds, pages, records = run_pipeline(paths, args.jobs)
    print(
        f"pipeline, {args.jobs} jobs:    {seconds:6.1f} s  {pages / seconds:6.1f} pages/s  {records / seconds:5.2f} reports/s"
        f"  ({pages / seconds / args.jobs:.1f} pages/s per core)"
    )
    print(f"peak worker memory:  {quarter_mb:.0f} MB after a quarter of the files, {peak_worker_mb():.0f} MB after all")
    with_model, without_model, paragraphs = classifier_overhead(paths, args.jobs)
    print(
        f"theme/stance classifiers: {paragraphs / with_model:.0f} paragraphs/s end to end with them; ingest takes "
        f"{with_model:.1f} s with, {without_model:.1f} s without (+{(with_model / without_model - 1):.0%}); "
        f"without them {pages / without_model / args.jobs:.1f} pages/s per core ({args.jobs} jobs)"
    )

    plumber_seconds, plumber_pages = run_plumber(pdfs, args.jobs)
    plumber_rate = plumber_pages / plumber_seconds / args.jobs
    print(
        f"raw pdfplumber extract_text, {args.jobs} jobs: {plumber_seconds:6.1f} s  {plumber_pages / plumber_seconds:6.1f} pages/s"
        f"  ({plumber_rate:.1f} pages/s per core)"
    )
    print(f"ratio, pipeline end to end / raw pdfplumber text, per core: {one_core / plumber_rate:.1f}x\n")

    print("PDF back ends on the gold set's files:")
    for line in gold_by_backend(Path(args.gold), Path(args.reports), args.jobs):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
