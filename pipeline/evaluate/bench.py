"""``python -m pipeline.evaluate.bench``: speed and memory on a fixed sample, in one run.

Prints, on the same seeded sample of PDFs: the pipeline's pages per second per core (one
process) beside raw pypdfium2 text extraction of the same pages, measured in alternating
rounds and compared round by round (the machine may be shared: a ratio taken side by side is
what holds); the share of each stage (a sampling profiler, so pure-Python code is not
inflated as under cProfile); ``--jobs N`` against one job through the ``ingest`` path; the
peak and resident memory of one worker after 10 and after 100 files; and the start-up time
of ``ofsted --help``. CPU seconds are given beside wall seconds: under contention the wall
clock counts time the process waited for a core.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pipeline.api import find_inputs, ingest
from pipeline.batch import ingest_to_file, warm_up
from pipeline.records import read_records

SAMPLE = 30  # files in the timing sample
MEMORY_FILES = 100  # files one worker reads for the memory figures
SEED = 13
SAMPLING_INTERVAL = 0.002  # CPU seconds between the stage profiler's samples


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def seeded_sample(paths: list[Path], size: int, seed: int) -> list[Path]:
    return sorted(random.Random(seed).sample(paths, min(size, len(paths))))


def timed(run) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``run()`` in this process, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def raw_pdfium(paths: list[Path]) -> int:
    """Every page's text through pypdfium2 and nothing else: the floor. Pages read."""
    import pypdfium2 as pdfium

    pages = 0
    for path in paths:
        document = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        document.close()
    return pages


def pipeline_pages(paths: list[Path]) -> int:
    """The whole pipeline in this process, file by file. Pages read."""
    return sum(ingest(path)["source"]["pages"] or 0 for path in paths)


def stage_codes() -> dict:
    """Code object -> stage name; a sample goes to the innermost stage on the stack."""
    from spacy.pipeline import EntityRuler

    from pipeline.extract import pdf_pdfium, pdf_tables, read
    from pipeline.facts import read_facts
    from pipeline.nlp import annotation
    from pipeline.nlp.components import Statistics, ThemesStance
    from pipeline.records import build_record, validation_errors
    from pipeline.segment import segment

    stages = {
        "PDF text (pypdfium2)": [pdf_pdfium.read_pages],
        "judgement tables (PDFium parts, pdfplumber finder)": [pdf_tables.read_tables],
        "extract, the rest (running lines, markers)": [read.extract],
        "segment": [segment],
        "facts": [read_facts],
        "spaCy tokens and sentences (annotate's rest)": [annotation.annotate],
        "entities (entity ruler)": [EntityRuler.__call__],
        "statistics": [Statistics.__call__],
        "themes and stance (classifiers)": [ThemesStance.predict, ThemesStance.themes_of],
        "record and schema": [build_record, validation_errors],
    }
    return {function.__code__: name for name, functions in stages.items() for function in functions}


def stage_shares(paths: list[Path]) -> tuple[Counter, float]:
    """CPU seconds per stage over one pipeline pass, by sampling the stack every few ms of
    CPU (each sample weighs the CPU time since the one before)."""
    codes = stage_codes()
    seconds: Counter = Counter()
    last = [time.process_time()]

    def sample(signum, frame):
        now = time.process_time()
        stage = "other (ingest, validation, Python)"
        while frame is not None:
            if frame.f_code in codes:
                stage = codes[frame.f_code]
                break
            frame = frame.f_back
        seconds[stage] += now - last[0]
        last[0] = now

    previous = signal.signal(signal.SIGPROF, sample)
    signal.setitimer(signal.ITIMER_PROF, SAMPLING_INTERVAL, SAMPLING_INTERVAL)
    try:
        pipeline_pages(paths)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    return seconds, sum(seconds.values())


def ingest_seconds(paths: list[Path], jobs: int) -> tuple[float, float, int]:
    """Wall seconds of ``ingest`` (the command's path) with ``jobs`` workers, the CPU seconds
    its processes got, and the pages."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.jsonl"
        before = os.times()
        started = time.perf_counter()
        ingest_to_file(paths, str(out), jobs=jobs)
        wall = time.perf_counter() - started
        after = os.times()
        pages = sum(r["source"]["pages"] or 0 for r in read_records(out) if "error" not in r)
    cpu = sum(after[:4]) - sum(before[:4])  # this process and its (finished) workers
    return wall, cpu, pages


def memory_kib() -> tuple[int, int]:
    """Peak (VmHWM) and resident (VmRSS) memory of this process, KiB (Linux)."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                fields[name] = int(value.split()[0])
    return fields["VmHWM"], fields["VmRSS"]


def worker_memory(paths: list[Path], marks: tuple[int, ...], reply) -> None:
    """In a worker forked as ``ingest --jobs`` forks them: memory after each mark."""
    readings = []
    for index, path in enumerate(paths, start=1):
        ingest(path)
        if index in marks:
            readings.append((index, *memory_kib()))
    reply.send(readings)
    reply.close()


def memory_growth(paths: list[Path], marks: tuple[int, ...]) -> list[tuple[int, int, int]]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=worker_memory, args=(paths, marks, send))
    worker.start()
    readings = receive.recv()
    worker.join()
    return readings


def startup_seconds(runs: int = 3) -> tuple[float, float]:
    """Best wall and CPU time of ``ofsted --help`` in a fresh process."""
    script = Path(sys.executable).parent / "ofsted"
    command = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "pipeline", "--help"]
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = os.times()
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        best_wall = min(best_wall, time.perf_counter() - started)
        after = os.times()
        best_cpu = min(best_cpu, after.children_user + after.children_system - before.children_user - before.children_system)
    return best_wall, best_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate.bench", description=__doc__)
    parser.add_argument("--reports", default="../shared/reports")
    parser.add_argument("--sample", type=int, default=SAMPLE, help="PDFs in the timing sample")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of raw pypdfium2 and the pipeline")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--memory-files", type=int, default=MEMORY_FILES)
    args = parser.parse_args(argv)
    pdfs = [p for p in find_inputs([args.reports]) if p.suffix.lower() == ".pdf" and p.read_bytes()[:1024].lstrip().startswith(b"%PDF-")]
    sample = seeded_sample(pdfs, args.sample, args.seed)
    print(f"bench: {len(sample)} PDFs of {args.reports} (seed {args.seed}), one process unless said; {load()}\n")

    wall, cpu = startup_seconds()
    print(f"start-up, ofsted --help: {wall:.2f} s wall, {cpu:.2f} s CPU (best of 3; target < 0.5 s)")
    warm_up()
    pipeline_pages(sample[:1])  # the first file pays for lazy loads; the rounds measure steady work
    ratios, raw_rates, rates = [], [], []
    for round_number in range(1, args.rounds + 1):
        raw_wall, raw_cpu, pages = timed(lambda: raw_pdfium(sample))
        wall, cpu, pipeline_pages_read = timed(lambda: pipeline_pages(sample))
        ratios.append((cpu / raw_cpu, wall / raw_wall))
        raw_rates.append(pages / raw_cpu)
        rates.append(pipeline_pages_read / cpu)
        print(
            f"round {round_number}: {pages} pages; raw pypdfium2 text {raw_wall:.2f} s wall / {raw_cpu:.2f} s CPU "
            f"({pages / raw_cpu:.0f} pages/s per core); pipeline {wall:.2f} s wall / {cpu:.2f} s CPU "
            f"({pipeline_pages_read / cpu:.0f} pages/s per core); pipeline / raw {cpu / raw_cpu:.2f}x CPU, {wall / raw_wall:.2f}x wall"
        )
    print(
        f"pipeline: {max(rates):.0f} pages/s per core (best round, CPU time); raw pypdfium2 {max(raw_rates):.0f}; "
        f"ratio {min(r[0] for r in ratios):.2f}x (CPU, best round; target <= 2.5x)\n"
    )

    seconds, total = stage_shares(sample)
    print(f"share per stage (sampled every {SAMPLING_INTERVAL * 1000:g} ms of CPU, {total:.1f} s):")
    for stage, spent in seconds.most_common():
        print(f"  {stage:<46} {spent / total:6.1%}  {spent:6.2f} s")

    one_wall, one_cpu, pages = ingest_seconds(sample, 1)
    many_wall, many_cpu, _ = ingest_seconds(sample, args.jobs)
    print(
        f"\ningest --jobs 1: {one_wall:.1f} s wall ({one_cpu:.1f} s CPU); --jobs {args.jobs}: {many_wall:.1f} s wall "
        f"({many_cpu:.1f} s CPU, {many_cpu / one_cpu:.2f}x the CPU of one job); scaling {one_wall / many_wall:.2f}x "
        f"(target >= {0.9 * args.jobs:.1f}x); the {args.jobs} jobs got {many_cpu / many_wall:.2f} cores on average "
        f"(the wall-clock scaling cannot pass that on a shared machine); {load()}"
    )

    memory_sample = seeded_sample(pdfs, args.memory_files, args.seed + 1)
    marks = tuple(sorted({min(10, len(memory_sample)), len(memory_sample)}))
    print(f"\nmemory of one worker over {len(memory_sample)} files (forked after warm-up, as ingest --jobs forks them):")
    for files, peak, resident in memory_growth(memory_sample, marks):
        print(f"  after {files:3d} files: peak {peak / 1024:.0f} MB, resident {resident / 1024:.0f} MB")
    print(f"\n{load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
