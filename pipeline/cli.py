"""The ``ofsted`` command: a thin layer over the library that parses arguments and prints.

    ofsted ingest PATH... -o OUT.jsonl     reports (PDF or .txt, files or folders) -> records
    ofsted show OUT.jsonl                  a readable summary of each record
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from pipeline import errors
from pipeline.api import find_inputs, ingest
from pipeline.records import read_records, write_records
from pipeline.show import describe_record


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read reports into validated records written as JSON Lines."""
    paths = find_inputs(args.paths)
    if not paths:
        raise errors.UsageError("no PDF or .txt files found in " + ", ".join(args.paths))
    tally = Counter()

    def records():
        for path in paths:
            record = ingest(path)
            tally["error: " + record["error"]["type"] if "error" in record else "records"] += 1
            tally["warnings"] += len(record.get("warnings", []))
            yield record

    count = write_records(records(), args.output)
    summary = ", ".join(f"{n} {key}" for key, n in sorted(tally.items()))
    print(f"{count} files read: {summary}" + ("" if args.output == "-" else f"; written to {args.output}"), file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a readable summary of each record in a JSON Lines file."""
    first = True
    for record in read_records(args.records):
        if not first:
            print()
        print(describe_record(record))
        first = False
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ofsted", description="Turn Ofsted inspection reports into data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest_parser = commands.add_parser("ingest", help=cmd_ingest.__doc__, description=cmd_ingest.__doc__)
    ingest_parser.add_argument("paths", nargs="+", metavar="PATH", help="report files (PDF or .txt) or folders of them")
    ingest_parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="output file; - for standard output")
    ingest_parser.set_defaults(run=cmd_ingest)

    show_parser = commands.add_parser("show", help=cmd_show.__doc__, description=cmd_show.__doc__)
    show_parser.add_argument("records", metavar="OUT.jsonl", help="records written by ingest; - for standard input")
    show_parser.set_defaults(run=cmd_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (errors.UsageError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
