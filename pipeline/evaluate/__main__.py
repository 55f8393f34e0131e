"""``python -m pipeline.evaluate [--reports DIR] [--gold DIR] [--peer CSV]``: print figures."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipeline.api import ingest
from pipeline.evaluate.facts import format_table, load_gold, load_peer, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__)
    parser.add_argument("--reports", default="../shared/reports", help="folder the gold files are under")
    parser.add_argument("--gold", default="corpus/gold", help="folder of facts-*.jsonl gold files")
    parser.add_argument("--peer", default=None, help="peer CSV to score beside ours (default: REPORTS/peer_history.csv)")
    parser.add_argument("--mistakes", action="store_true", help="list every field the pipeline gets wrong")
    args = parser.parse_args(argv)
    reports = Path(args.reports)
    gold = load_gold(args.gold)
    if not gold:
        print(f"Error: no gold files in {args.gold}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    records = {}
    for item in gold:
        path = reports / item["file"]
        if not path.exists():
            print(f"Error: gold file {path} is not in {reports}", file=sys.stderr)
            return 1
        records[item["file"]] = ingest(path)
    peer_path = Path(args.peer) if args.peer else reports / "peer_history.csv"
    peer = load_peer(peer_path) if peer_path.exists() else None
    result = score(gold, records, peer)
    frameworks = sorted({item["framework"] or "none" for item in gold})
    print(f"Report facts on the gold set: {len(gold)} files, {time.perf_counter() - started:.1f} s")
    print("accuracy per field; the peer tool's on the same files in brackets where it has the field\n")
    print(format_table(result, frameworks))
    print(f"\njudgements invented (a grade where the report gives none): {len(result['invented'])}")
    for line in result["invented"]:
        print("  " + line)
    if args.mistakes:
        print(f"\nmistakes ({len(result['mistakes'])}):")
        for line in result["mistakes"]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
