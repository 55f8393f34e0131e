"""The ``ofsted`` command: a thin layer over the library that parses arguments and prints.

    ofsted ingest PATH... -o OUT.jsonl     reports (PDF or .txt, files or folders) -> records
    ofsted show OUT.jsonl                  a readable summary of each record
"""

from __future__ import annotations

import argparse
import sys

from pipeline import errors
from pipeline.api import find_inputs
from pipeline.batch import DEFAULT_TIMEOUT, ProgressBar, ingest_to_file
from pipeline.records import read_records
from pipeline.show import describe_record


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read reports (PDF or .txt; files or folders) into validated records in JSON Lines.

    With an existing output, files whose SHA-256 is already there are skipped (--force
    redoes them); the output keeps the order of the inputs whatever --jobs is.
    """
    paths = find_inputs(args.paths)
    if not paths:
        raise errors.UsageError("no PDF or .txt files found in " + ", ".join(args.paths))
    if args.jobs is not None and args.jobs < 1:
        raise errors.UsageError(f"--jobs must be at least 1, got {args.jobs}")
    summary = ingest_to_file(
        paths, args.output, jobs=args.jobs, force=args.force, timeout=args.timeout, progress=ProgressBar()
    )
    where = "" if args.output == "-" else f"; written to {args.output}"
    print(summary.text() + where, file=sys.stderr)
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


def first_line(function) -> str:
    return function.__doc__.strip().splitlines()[0]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ofsted", description="Turn Ofsted inspection reports into data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest_parser = commands.add_parser("ingest", help=first_line(cmd_ingest), description=cmd_ingest.__doc__)
    ingest_parser.add_argument("paths", nargs="+", metavar="PATH", help="report files (PDF or .txt) or folders of them")
    ingest_parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="output file; - for standard output")
    ingest_parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: all cores)")
    ingest_parser.add_argument("--force", action="store_true", help="redo files already in the output")
    ingest_parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S", help=f"seconds per file before it gives a timeout error record (default {DEFAULT_TIMEOUT:g})"
    )
    ingest_parser.set_defaults(run=cmd_ingest)

    show_parser = commands.add_parser("show", help=first_line(cmd_show), description=cmd_show.__doc__)
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
