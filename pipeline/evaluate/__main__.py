"""``python -m pipeline.evaluate``: report facts against the gold set (with the peer tool's
accuracy on the same files), the held-out gold set, the theme and stance figures of the
shipped model, and coverage over the whole archive."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from pipeline.api import find_inputs
from pipeline.batch import ingest_many, ingest_to_file
from pipeline.evaluate import metamorphic
from pipeline.evaluate.compare import compare_figures
from pipeline.evaluate.coverage import coverage, format_coverage
from pipeline.evaluate.facts import SEND_FIELDS, format_report, format_table, load_gold, load_peer, score, score_send
from pipeline.training.corpus import send_folder
from pipeline.training.independent import evaluate_model, format_frameworks, format_independent, load_independent
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.training.model_card import headline_table, label_table
from pipeline.records import read_records


def read_gold(name: str, gold_folder: Path, reports: Path, jobs: int, lookup: str | None = None):
    """A gold set and the records of its files, with the seconds taken; ``None`` when the folder
    holds no gold (said so), ``False`` when gold files are missing from ``reports``."""
    gold = load_gold(gold_folder)
    if not gold:
        print(f"{name}: no gold files in {gold_folder}")
        return None
    if not gold_files_present(gold, reports):
        return False
    started = time.perf_counter()
    read = list(ingest_many([reports / i["file"] for i in gold], jobs=jobs, lookup=lookup))
    return gold, dict(zip((i["file"] for i in gold), read)), len(read), time.perf_counter() - started


def evaluate_gold(name: str, gold_folder: Path, reports: Path, peer: dict | None, jobs: int, mistakes: bool, lookup: str | None = None) -> bool:
    found = read_gold(name, gold_folder, reports, jobs, lookup)
    if not found:
        return found is None
    gold, records, _, seconds = found
    result = score(gold, records, peer)
    frameworks = sorted({item["framework"] or "none" for item in gold})
    print(f"== {name}: {len(gold)} files ({gold_folder}), read in {seconds:.1f} s")
    print(format_report(result, frameworks))
    print_wrong_values(result, "judgements invented (a grade where the report gives none)", mistakes)
    return True


def evaluate_send(name: str, gold_folder: Path, reports: Path, jobs: int, mistakes: bool) -> bool:
    """The area SEND gold: its own fields (outcome, partnership, previous inspection, areas for
    improvement and priority action), every file one record."""
    found = read_gold(name, gold_folder, reports, jobs)
    if not found:
        return found is None
    gold, records, count, seconds = found
    result = score_send(gold, records)
    print(f"== {name}: {len(gold)} files ({gold_folder}), {count} records, read in {seconds:.1f} s")
    print(format_table(result["ours"], sorted({i["framework"] for i in gold}), SEND_FIELDS))
    print_wrong_values(result, "outcomes invented (an outcome the report does not state)", mistakes)
    return True


def gold_files_present(gold: list[dict], reports: Path) -> bool:
    missing = [item["file"] for item in gold if not (reports / item["file"]).exists()]
    if missing:
        print(f"Error: {len(missing)} gold files are not under {reports}, e.g. {missing[0]}", file=sys.stderr)
    return not missing


def print_wrong_values(result: dict, invented_what: str, mistakes: bool) -> None:
    """What a user must never meet, listed: values invented, wrong values with no warning (and,
    with ``mistakes``, every wrong value)."""
    print(f"{invented_what}: {len(result['invented'])}")
    for line in result["invented"]:
        print("  " + line)
    print(f"wrong values with no warning about their field: {len(result['unwarned'])} (of {len(result['mistakes'])} wrong)")
    for line in result["unwarned"]:
        print("  " + line)
    if mistakes:
        print(f"mistakes ({len(result['mistakes'])}):")
        for line in result["mistakes"]:
            print("  " + line)
    print()


def print_theme_figures(model_folder: Path) -> None:
    """The shipped model's grouped cross-validation figures and the agreement ceiling, as
    ``make train`` measured them (meta.json)."""
    meta_path = model_folder / "meta.json"
    if not meta_path.exists():
        print(f"== themes and stance: no model in {model_folder} (make train)\n")
        return
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    results, ceiling = meta["evaluation"]["results"], meta.get("agreement")
    data = meta["training_data"]
    print(
        f"== themes and stance ({meta['name']} {meta['version']}, shipped method: {meta['method']}): "
        f"{meta['evaluation']['folds']}-fold cross-validation grouped by {meta['evaluation']['grouped_by']}, "
        f"{data['items']} items from {data['reports']} reports (measured by {meta['command'].split('#')[0].strip()})"
    )
    print("\n".join(headline_table(results, ceiling)))
    print()
    print("\n".join(label_table(results, ceiling, "themes", THEMES)))
    print()
    print("\n".join(label_table(results, ceiling, "stances", STANCES)))
    print()


def print_independent(model_folder: Path, reports: list[Path], folder: Path) -> None:
    """The model on the independent set (labelled from the guide alone, two passes, never
    trained on): the test half as the headline, the development half beside it, and the two
    passes' agreement on the test half as the ceiling."""
    if not (model_folder / "meta.json").exists() or not folder.is_dir():
        print(f"== independent set: no model in {model_folder} or no set in {folder}\n")
        return
    from pipeline.nlp.model import ThemeStanceModel

    data = load_independent(reports, folder)
    print(
        f"== themes and stance on the independent set ({folder}): {len(data.examples)} items, "
        f"{int(data.dev.sum())} in the development half, {int((~data.dev).sum())} in the test half (by report); "
        "each figure the mean against pass a and against pass b"
    )
    for problem in data.problems:
        print(f"  left out: {problem}")
    model = ThemeStanceModel.load(model_folder)
    columns, frameworks = evaluate_model(model, data)
    print("\n".join(format_independent(columns)))
    print()
    print("\n".join(format_frameworks(frameworks)))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__)
    parser.add_argument("--reports", default="../shared/reports", help="the reports folder the gold files are under")
    parser.add_argument("--gold", default="corpus/gold", help="folder of facts-*.jsonl gold files")
    parser.add_argument("--holdout", default="corpus/gold/holdout", help="folder of held-out gold files")
    parser.add_argument("--fresh", default="corpus/gold/fresh", help="folder of the fresh held-out gold files (issue 11)")
    parser.add_argument("--send-reports", default=None, help="the area SEND reports folder (default: REPORTS/../reports-send)")
    parser.add_argument("--send-gold", default="corpus/gold/send", help="folder of the area SEND gold files")
    parser.add_argument("--send-holdout", default="corpus/gold/send/holdout", help="folder of the area SEND held-out gold files")
    parser.add_argument("--only-send", action="store_true", help="score the area SEND gold sets only")
    parser.add_argument("--peer", default=None, help="peer CSV scored beside ours (default: REPORTS/peer_history.csv)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--mistakes", action="store_true", help="list every field the pipeline gets wrong")
    parser.add_argument("--no-coverage", action="store_true", help="skip the run over the whole archive")
    parser.add_argument("--no-retypeset", action="store_true", help="skip the re-typeset robustness run (about 15 minutes on 2 cores)")
    parser.add_argument("--la-lookup", default=None, help="LA lookup the authorities are checked against, and for the comparison figures (default: REPORTS/../reference/la_lookup.csv)")
    parser.add_argument("--model", default="models/themes-stance", help="the theme and stance model whose figures to print")
    parser.add_argument("--independent", default="corpus/annotations/independent", help="the independent theme and stance set (issue 15)")
    args = parser.parse_args(argv)
    reports = Path(args.reports)
    if not reports.is_dir():
        print(f"Error: reports folder {reports} not found", file=sys.stderr)
        return 1
    jobs = args.jobs or None
    peer_path = Path(args.peer) if args.peer else reports / "peer_history.csv"
    peer = load_peer(peer_path) if peer_path.exists() else None
    lookup = Path(args.la_lookup) if args.la_lookup else reports.parent / "reference" / "la_lookup.csv"
    table = str(lookup) if lookup.exists() else None
    gold_sets = [
        ("gold set", Path(args.gold)),
        ("held-out gold set (annotated after the rules were written; see NOTES.md)", Path(args.holdout)),
        ("fresh held-out set (20 reports annotated before issue 11's fixes; first score in its README)", Path(args.fresh)),
    ]
    ok = True
    for name, folder in [] if args.only_send else gold_sets:
        ok = evaluate_gold(name, folder, reports, peer, jobs or 2, args.mistakes, table) and ok
    send_reports = Path(args.send_reports) if args.send_reports else send_folder(reports)
    if send_reports.is_dir():
        for name, folder in (
            ("area SEND gold set (annotated before the framework file)", Path(args.send_gold)),
            ("area SEND held-out set (annotated after the rules; first score in its README)", Path(args.send_holdout)),
        ):
            ok = evaluate_send(name, folder, send_reports, jobs or 2, args.mistakes) and ok
    if args.only_send:
        return 0 if ok else 1
    print_theme_figures(Path(args.model))
    print_independent(Path(args.model), [reports, send_reports], Path(args.independent))
    if ok and not args.no_coverage:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "archive.jsonl"
            summary = ingest_to_file(find_inputs([reports]), str(out), jobs=jobs, lookup=table)
            print(f"== coverage over {reports}: {summary.text()}")
            print(format_coverage(coverage(list(read_records(out)))))
            if not args.no_retypeset:
                started = time.perf_counter()
                results = metamorphic.run(find_inputs([reports]), jobs=jobs or 2)
                print(f"\n== re-typeset robustness over {reports} ({time.perf_counter() - started:.0f} s): each report read from its PDF and re-typeset")
                print(metamorphic.format_results(results))
            if table:
                print(f"\n== compare over {reports} with {lookup}")
                print("\n".join(compare_figures(out, lookup, [folder for _, folder in gold_sets])))
            else:
                print(f"\n== compare: no LA lookup at {lookup} (--la-lookup PATH)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
