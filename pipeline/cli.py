"""The ``ofsted`` command: a thin layer over the library that parses arguments and prints.

    ofsted ingest PATH... -o OUT.jsonl     reports (PDF or .txt, files or folders) -> records
    ofsted show OUT.jsonl                  a readable summary of each record
    ofsted compare ARCHIVE.jsonl           grade tables, theme profiles, recurring weaknesses, timelines
    ofsted search QUERY ARCHIVE.jsonl      paragraphs by words, theme, stance, framework, authority, years, grade
    ofsted export ARCHIVE.jsonl --to DIR   CSV tables, Parquet files, a DuckDB database, the JSON Schema
    ofsted report ARCHIVE.jsonl -o F.html  one self-contained HTML report
    ofsted profile ARCHIVE.jsonl --authority NAME -o F.html   one authority's profile page
    ofsted schema                          the JSON Schema of a record
"""

from __future__ import annotations

import argparse
import sys

import json
import textwrap

from pipeline import compare, errors
from pipeline.api import find_inputs
from pipeline.compare import grades
from pipeline.compare.profiles import GROUPINGS
from pipeline.compare.recurring import DEFAULT_MIN_SIMILARITY
from pipeline.compare.search import place
from pipeline.compare.tables import FORMATS, render
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.batch import DEFAULT_TIMEOUT, ProgressBar, ingest_to_file
from pipeline.records import atomic_writer, read_records, record_schema
from pipeline.lookup import load_lookup, name_key
from pipeline.show import describe_record
from pipeline.version import __version__


# Exit codes of every command (documented in the README).
EXIT_OK = 0  # done; with ingest, every file has a record (an error record counts, unless --fail-on-error)
EXIT_ERROR = 1  # the command could not run: a bad argument, an unreadable archive, a missing model, a locked output
EXIT_USAGE = 2  # the command line itself is malformed (argparse)
EXIT_FILES_FAILED = 3  # ingest --fail-on-error: at least one file gave an error record
EXIT_INTERRUPTED = 130  # stopped with Ctrl-C; what was finished is kept


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read reports (PDF or .txt; files or folders) into validated records in JSON Lines.

    Each record is written as its file finishes, so a run that is stopped or killed keeps
    what it did; rerun the same command to carry on. Files whose SHA-256 is already in the
    output are skipped (--force redoes them); a finished run leaves the output in the order
    of the inputs whatever --jobs is. Exit status: 0 done (an unreadable file gets an error
    record and the run goes on), 1 the run could not start, 3 with --fail-on-error when any
    file gave an error record, 130 interrupted.
    """
    notes: list[str] = []
    paths = find_inputs(args.paths, notes)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if not paths:
        raise errors.NoInputs(paths=", ".join(args.paths))
    if args.jobs is not None and args.jobs < 1:
        raise errors.BadOption(option="--jobs", allowed="at least 1", got=args.jobs)
    if args.la_lookup:
        load_lookup(args.la_lookup)  # a table that cannot be read is one error here, not one per file
    summary = ingest_to_file(
        paths, args.output, jobs=args.jobs, force=args.force, timeout=args.timeout, progress=ProgressBar(),
        lookup=args.la_lookup,
    )
    where = "" if args.output == "-" else f"; written to {args.output}"
    print(summary.text() + where, file=sys.stderr)
    if args.fail_on_error and summary.errors:
        return EXIT_FILES_FAILED
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Print a readable summary of each record in a JSON Lines file."""
    first = True
    for record in read_records(args.records):
        if not first:
            print()
        print(describe_record(record))
        first = False
    return 0


def open_archive(args: argparse.Namespace) -> compare.Archive:
    """The archive with its authorities resolved; names the ones a lookup does not find."""
    archive = compare.load_archive(args.archive, args.la_lookup)
    if archive.errors:
        print(f"note: {len(archive.errors)} error record(s) in {args.archive} left out", file=sys.stderr)
    if archive.problems:
        print(f"warning: {len(archive.problems)} report(s) not resolved in the lookup:", file=sys.stderr)
        for problem in archive.problems:
            print(f"  {problem}", file=sys.stderr)
    return archive


def emit(text: str, output: str | None) -> None:
    if output and output != "-":
        with atomic_writer(output) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


VIEWS = ("grades", "history", "themes", "recurring", "timeline")
GRADE_COLUMNS = ("authority", "region", "date", "framework")
ID_COLUMNS = ("la_code", "ons_code", "urn", "urn_source", "local_authority_as_printed")


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare authorities across reports and over time.

    Views: grades (authority at the latest inspection: the grade per question of the
    harmonised judgement map, compare/questions.toml, and its change since the inspection
    before; --fell QUESTION keeps the authorities whose grade for it went down), history
    (every report), themes (strength and weakness shares per theme, by
    authority, region or statistical-neighbour group, against the archive), recurring
    (weaknesses that come back at the next inspection, with similarity scores), timeline
    (one authority's inspections; needs --authority).
    """
    archive = open_archive(args)
    columns = None
    if args.fell and args.view != "grades":
        raise errors.MissingOption(what="--fell", option="--view grades")
    if args.view in ("grades", "history"):
        rows, judgements = compare.latest_grades(archive, fell=args.fell) if args.view == "grades" else compare.grade_history(archive)
        columns = [*GRADE_COLUMNS, *grades.question_columns(), *judgements, *ID_COLUMNS]
    elif args.view == "themes":
        rows = compare.theme_profiles(archive, by=args.by, latest_only=not args.all_reports)
        if args.authority:
            rows = [r for r in rows if name_key(args.authority) in name_key(r["group"])]
    elif args.view == "recurring":
        rows = compare.recurring_weaknesses(archive, args.min_similarity, args.authority)
        if args.format == "table":
            emit(describe_pairs(rows), args.output)
            return 0
    else:
        if not args.authority:
            raise errors.MissingOption(what="the timeline view", option="--authority NAME")
        rows = compare.timeline(archive.find_authority(args.authority))
    emit(render(rows, columns, args.format), args.output)
    return 0


def describe_pairs(rows: list[dict]) -> str:
    """Recurring weaknesses as readable pairs, each side citable."""
    blocks = []
    for r in rows:
        blocks.append(
            f"{r['authority']}: similarity {r['similarity']:.2f}; themes {r['shared_themes'] or '-'}\n"
            f"  {r['earlier_date']} {place(r['earlier_item'], r['earlier_page'])} [{r['earlier_stance']}]:\n{wrap(r['earlier_text'], 4)}\n"
            f"  {r['later_date']} {place(r['later_item'], r['later_page'])} [{r['later_stance']}]:\n{wrap(r['later_text'], 4)}"
        )
    return "\n\n".join(blocks) + ("\n" if blocks else "no recurring weaknesses at this similarity\n")


def wrap(text: str, indent: int) -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=" " * indent, subsequent_indent=" " * indent)


def cmd_search(args: argparse.Namespace) -> int:
    """Find paragraphs by words ("quoted phrases" too) and filters, each with what you need to cite it."""
    archive = open_archive(args)
    filters = compare.Filters(
        themes=tuple(args.theme or ()), stance=args.stance, framework=args.framework, authority=args.authority,
        since=args.since, until=args.until, grade=args.grade, latest_only=args.latest,
    )
    hits = compare.search(archive, args.query, filters, limit=args.limit)
    if args.format == "text":
        text = "\n\n".join(
            f"{compare.citation(h)} [{h['stance']}; {h['themes'] or 'no theme'}]\n  {h['section'] or ''}\n{wrap(h['text'], 4)}" for h in hits
        )
        emit(text + f"\n\n{len(hits)} paragraph(s)\n" if hits else "no paragraphs match\n", args.output)
    else:
        emit(render(hits, None, args.format), args.output)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write CSV tables, Parquet files, a DuckDB database (tables and views) and the JSON Schema."""
    archive = open_archive(args)
    counts = compare.export(archive, args.to, parquet=not args.no_parquet, database=not args.no_duckdb)
    print(", ".join(f"{table} {count}" for table, count in counts.items()) + f"; written to {args.to}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write one self-contained HTML report: grades, theme heatmap, timelines, recurring weaknesses."""
    from pipeline.compare.report import write_report

    archive = open_archive(args)
    write_report(archive, args.output)
    print(f"report of {len(archive.inspections)} reports written to {args.output}", file=sys.stderr)
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    """Write one authority's profile page: grades over time, latest recommendations by theme,
    weaknesses that came back, themes against its region and statistical neighbours, each
    statement cited. NAME is any name a report or the lookup gives the authority, or its URN;
    a name that matches none or several is an error naming the candidates (exit status 1)."""
    from pipeline.compare.profile import write_profile

    archive = open_archive(args)
    inspections = write_profile(archive, args.authority, args.output)
    print(f"profile of {inspections[0].authority} ({len(inspections)} reports) written to {args.output}", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema that every record is validated against."""
    print(json.dumps(record_schema(), indent=2))
    return 0


def first_line(function) -> str:
    return function.__doc__.strip().splitlines()[0]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ofsted", description="Turn Ofsted inspection reports into data.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest_parser = commands.add_parser("ingest", help=first_line(cmd_ingest), description=cmd_ingest.__doc__)
    ingest_parser.add_argument("paths", nargs="+", metavar="PATH", help="report files (PDF or .txt) or folders of them")
    ingest_parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="output file; - for standard output")
    ingest_parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: all cores)")
    ingest_parser.add_argument("--force", action="store_true", help="redo files already in the output")
    ingest_parser.add_argument("--fail-on-error", action="store_true",
                               help=f"exit with status {EXIT_FILES_FAILED} when any file gives an error record")
    ingest_parser.add_argument(
        "--la-lookup", metavar="PATH", default=None,
        help="a table of local authorities (columns in pipeline/lookup.py) each report's authority is checked against",
    )
    ingest_parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S", help=f"seconds per file before it gives a timeout error record (default {DEFAULT_TIMEOUT:g})"
    )
    ingest_parser.set_defaults(run=cmd_ingest)

    show_parser = commands.add_parser("show", help=first_line(cmd_show), description=cmd_show.__doc__)
    show_parser.add_argument("records", metavar="OUT.jsonl", help="records written by ingest; - for standard input")
    show_parser.set_defaults(run=cmd_show)

    def archive_parser(name, function):
        sub = commands.add_parser(name, help=first_line(function), description=function.__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(run=function)
        return sub

    def add_archive(sub):
        sub.add_argument("archive", metavar="ARCHIVE.jsonl", help="records written by ingest; - for standard input")
        sub.add_argument("--la-lookup", metavar="PATH", help="CSV of authorities by Ofsted URN (region, statistical neighbours); "
                         "columns in pipeline/lookup.py; e.g. ../shared/reference/la_lookup.csv")

    compare_parser = archive_parser("compare", cmd_compare)
    add_archive(compare_parser)
    compare_parser.add_argument("--view", choices=VIEWS, default="grades", help="what to compare (default: grades)")
    compare_parser.add_argument("--authority", metavar="NAME", help="one authority (name or URN): timeline, recurring, themes")
    compare_parser.add_argument("--fell", choices=grades.QUESTION_SLUGS, metavar="QUESTION",
                                help="grades view: only authorities whose grade for this question fell since the inspection before "
                                f"({', '.join(grades.QUESTION_SLUGS)})")
    compare_parser.add_argument("--by", choices=GROUPINGS, default="authority", help="theme profiles per authority, region or neighbour group")
    compare_parser.add_argument("--all-reports", action="store_true", help="theme profiles over every report, not only each authority's latest")
    compare_parser.add_argument("--min-similarity", type=float, default=DEFAULT_MIN_SIMILARITY, metavar="X",
                                help=f"recurring weaknesses: lowest cosine similarity of a pair (default {DEFAULT_MIN_SIMILARITY})")
    compare_parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    compare_parser.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of standard output")

    search_parser = archive_parser("search", cmd_search)
    search_parser.add_argument("query", metavar="QUERY", help='words that must all occur; "quoted phrases"; empty matches all')
    add_archive(search_parser)
    search_parser.add_argument("--theme", action="append", choices=THEMES, metavar="THEME", help="paragraphs with this theme (repeat for any of several)")
    search_parser.add_argument("--stance", choices=STANCES)
    search_parser.add_argument("--framework", metavar="SLUG", help="e.g. ilacs_2018")
    search_parser.add_argument("--authority", metavar="NAME", help="one authority (name or URN)")
    search_parser.add_argument("--since", metavar="DATE", help="inspections ending on or after: 2018, 2018-04 or 2018-04-01")
    search_parser.add_argument("--until", metavar="DATE", help="inspections ending in or before: 2018, 2018-04 or 2018-04-30")
    search_parser.add_argument("--grade", choices=sorted(grades.SCALE), help="grade of the judgement section the paragraph sits in")
    search_parser.add_argument("--latest", action="store_true", help="only each authority's latest report")
    search_parser.add_argument("--limit", type=int, metavar="N", help="at most N paragraphs")
    search_parser.add_argument("--format", choices=("text", *FORMATS), default="text", help="output format (default: text)")
    search_parser.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of standard output")

    export_parser = archive_parser("export", cmd_export)
    add_archive(export_parser)
    export_parser.add_argument("--to", required=True, metavar="DIR", help="folder to write into")
    export_parser.add_argument("--no-parquet", action="store_true", help="skip the Parquet files")
    export_parser.add_argument("--no-duckdb", action="store_true", help="skip the DuckDB database")

    report_parser = archive_parser("report", cmd_report)
    add_archive(report_parser)
    report_parser.add_argument("-o", "--output", required=True, metavar="REPORT.html")

    profile_parser = archive_parser("profile", cmd_profile)
    add_archive(profile_parser)
    profile_parser.add_argument("--authority", required=True, metavar="NAME", help="the authority: a name as a report or the lookup gives it, or its URN")
    profile_parser.add_argument("-o", "--output", required=True, metavar="PROFILE.html")

    schema_parser = commands.add_parser("schema", help=first_line(cmd_schema), description=cmd_schema.__doc__)
    schema_parser.set_defaults(run=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (errors.PipelineError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Interrupted; what was finished is kept (rerun to carry on)", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
