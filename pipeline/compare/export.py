"""Exports that other tools read: CSV tables, Parquet files and a DuckDB database with the
same tables and a few ready views, plus the record's JSON Schema.

Tables (one row per ...): reports (report), judgements (judgement of a report),
recommendations (recommendation), recommendation_themes, paragraphs (paragraph),
paragraph_themes (theme of a paragraph), statistics (quantity stated). Every table carries
``report_id``, which joins it to ``reports``, and the authority's one name (the reference
table's), its DfE LA code and its ONS code, which join it to other tables (DfE, ONS, ADCS).
Column types are declared once, in TABLES.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.compare.archive import Archive, Inspection
from pipeline.compare.grades import SCALE, question_of
from pipeline.compare.tables import spreadsheet_safe
from pipeline.compare.workbook import write_workbook
from pipeline.records import record_schema

AUTHORITY_COLUMNS = [("authority", "VARCHAR"), ("la_code", "VARCHAR"), ("ons_code", "VARCHAR")]

TABLES: dict[str, list[tuple[str, str]]] = {
    "reports": [
        ("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("local_authority_as_printed", "VARCHAR"),
        ("urn", "VARCHAR"), ("urn_source", "VARCHAR"), ("region", "VARCHAR"), ("framework", "VARCHAR"),
        ("inspection_type", "VARCHAR"), ("inspection_start", "DATE"), ("inspection_end", "DATE"),
        ("published", "DATE"), ("published_source", "VARCHAR"), ("lead_inspector", "VARCHAR"), ("overall_effectiveness", "VARCHAR"),
        ("is_latest", "BOOLEAN"), ("paragraphs", "INTEGER"), ("recommendations", "INTEGER"),
        ("warnings", "INTEGER"), ("source_path", "VARCHAR"), ("sha256", "VARCHAR"),
    ],
    "judgements": [
        ("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("question", "VARCHAR"), ("judgement", "VARCHAR"), ("label", "VARCHAR"), ("grade", "VARCHAR"),
        ("grade_scale", "DOUBLE"), ("reason", "VARCHAR"), ("evidence_page", "INTEGER"), ("evidence_text", "VARCHAR"),
    ],
    "recommendations": [
        ("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("position", "INTEGER"), ("addressed_to", "VARCHAR"), ("number", "VARCHAR"),
        ("list", "VARCHAR"), ("page", "INTEGER"), ("timescale", "VARCHAR"), ("points", "INTEGER"), ("themes", "VARCHAR"),
        ("text", "VARCHAR"),
    ],
    "recommendation_themes": [("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("position", "INTEGER"), ("theme", "VARCHAR")],
    "paragraphs": [
        ("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("position", "INTEGER"), ("number", "VARCHAR"), ("page", "INTEGER"),
        ("section", "VARCHAR"), ("section_grade", "VARCHAR"), ("stance", "VARCHAR"), ("themes", "VARCHAR"),
        ("text", "VARCHAR"),
    ],
    "paragraph_themes": [
        ("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("position", "INTEGER"), ("theme", "VARCHAR"), ("score", "DOUBLE"), ("stance", "VARCHAR"),
    ],
    "statistics": [
        ("report_id", "VARCHAR"), *AUTHORITY_COLUMNS, ("name", "VARCHAR"), ("value", "DOUBLE"), ("unit", "VARCHAR"),
        ("paragraph", "VARCHAR"), ("text", "VARCHAR"),
    ],
}

VIEWS = {
    "latest_reports": "SELECT * FROM reports WHERE is_latest",
    "latest_judgements": "SELECT r.authority, r.la_code, r.ons_code, r.region, r.inspection_end, r.framework, "
    "j.* EXCLUDE (report_id, authority, la_code, ons_code), j.report_id "
    "FROM judgements j JOIN reports r USING (report_id) WHERE r.is_latest",
    "theme_stance_by_report": "SELECT r.authority, r.region, r.inspection_end, r.is_latest, t.report_id, t.theme, "
    "count(*) AS paragraphs, count(*) FILTER (WHERE t.stance = 'weakness') AS weakness, "
    "count(*) FILTER (WHERE t.stance = 'strength') AS strength, "
    "round(count(*) FILTER (WHERE t.stance = 'weakness') / count(*), 3) AS weakness_share "
    "FROM paragraph_themes t JOIN reports r USING (report_id) "
    "GROUP BY ALL",
    # Weakness paragraphs by theme, one row per (paragraph, theme), with the report's authority,
    # date and overall grade; recommendations are apart, in recommendations_by_theme.
    "weaknesses": "SELECT r.authority, r.la_code, r.ons_code, r.region, r.inspection_end, r.framework, "
    "r.overall_effectiveness, r.is_latest, t.theme, p.number AS paragraph, p.page, p.section, p.text, p.report_id, p.position "
    "FROM paragraph_themes t JOIN paragraphs p USING (report_id, position) JOIN reports r USING (report_id) "
    "WHERE t.stance = 'weakness'",
    # Recommendations by theme, one row per (recommendation, theme), with whom each addresses.
    "recommendations_by_theme": "SELECT r.authority, r.la_code, r.ons_code, r.region, r.inspection_end, r.published, "
    "r.framework, r.overall_effectiveness, r.is_latest, t.theme, c.addressed_to, c.number, c.page, c.text, c.report_id, c.position "
    "FROM recommendation_themes t JOIN recommendations c USING (report_id, position) JOIN reports r USING (report_id)",
}


def table_rows(archive: Archive) -> dict[str, list[dict]]:
    latest = {i.id for i in archive.latest()}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for inspection in archive.inspections:
        add_report(rows, inspection, inspection.id in latest)
    return rows


def add_report(rows: dict[str, list[dict]], inspection: Inspection, is_latest: bool) -> None:
    record = inspection.record
    ids = {"report_id": inspection.id, "authority": inspection.authority, "la_code": inspection.la_code, "ons_code": inspection.ons_code}
    rows["reports"].append(
        ids | {
            "local_authority_as_printed": record.get("local_authority"),
            "urn": inspection.urn, "urn_source": inspection.urn_source, "region": inspection.region,
            "framework": record.get("framework"), "inspection_type": record.get("inspection_type"),
            "inspection_start": record.get("inspection_start"), "inspection_end": record.get("inspection_end"),
            "published": record.get("published"), "published_source": record.get("published_source"), "lead_inspector": record.get("lead_inspector"),
            "overall_effectiveness": inspection.grades.get("overall_effectiveness"), "is_latest": is_latest,
            "paragraphs": len(record.get("paragraphs", [])), "recommendations": len(record.get("recommendations", [])),
            "warnings": len(record.get("warnings", [])), "source_path": record["source"]["path"], "sha256": record["source"]["sha256"],
        }
    )
    for j in record.get("judgements", []):
        evidence = j.get("evidence") or {}
        rows["judgements"].append(
            ids | {
                "question": question_of(record.get("framework"), j["judgement"]), "judgement": j["judgement"], "label": j.get("label"), "grade": j.get("grade"),
                "grade_scale": SCALE.get(j.get("grade")), "reason": j.get("reason"),
                "evidence_page": evidence.get("page"), "evidence_text": evidence.get("text"),
            }
        )
    for position, r in enumerate(record.get("recommendations", []), start=1):
        themes = r.get("themes") or []
        rows["recommendations"].append(
            ids | {
                "position": position, "addressed_to": r.get("addressed_to", "local_authority"),
                "number": r.get("number"), "list": r.get("list"), "page": r.get("page"), "timescale": r.get("timescale"),
                "points": len(r.get("points") or []), "themes": ";".join(themes), "text": r["text"],
            }
        )
        rows["recommendation_themes"] += [ids | {"position": position, "theme": t} for t in themes]
    for position, p in enumerate(record.get("paragraphs", []), start=1):
        themes = p.get("themes") or []
        rows["paragraphs"].append(
            ids | {
                "position": position, "number": p.get("number"), "page": p.get("page"),
                "section": p.get("section"), "section_grade": p.get("section_grade"), "stance": p.get("stance"),
                "themes": ";".join(themes), "text": p["text"],
            }
        )
        scores = p.get("theme_scores") or {}
        rows["paragraph_themes"] += [
            ids | {"position": position, "theme": t, "score": scores.get(t), "stance": p.get("stance")} for t in themes
        ]
    for s in record.get("statistics", []):
        rows["statistics"].append(
            ids | {"name": s.get("name"), "value": s.get("value"), "unit": s.get("unit"), "paragraph": s.get("paragraph"), "text": s.get("text")}
        )


def write_csv(path: Path, table: str, rows: list[dict], safe: bool = True) -> None:
    """A table as CSV; ``safe`` (the files people open) neutralises text a spreadsheet would
    run as a formula, the copy DuckDB loads keeps the text as printed."""
    columns = [c for c, _ in TABLES[table]]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: ("true" if v is True else "false" if v is False else spreadsheet_safe(v) if safe else v) for c, v in row.items()})


def export(archive: Archive, folder: str | Path, parquet: bool = True, database: bool = True, workbook: bool = True) -> dict[str, int]:
    """Write ``<table>.csv`` for every table, ``parquet/<table>.parquet``, ``archive.duckdb``,
    ``archive.xlsx`` (``compare.workbook``) and ``record.schema.json`` into ``folder``; return
    the row count of each table.

    Everything is written into a temporary folder beside ``folder`` and moved into place file
    by file at the end, so an interrupted export leaves the earlier files whole.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    rows = table_rows(archive)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=target))
    try:
        raw = staging / ".raw"
        raw.mkdir()
        for table, table_rows_ in rows.items():
            write_csv(staging / f"{table}.csv", table, table_rows_)
            write_csv(raw / f"{table}.csv", table, table_rows_, safe=False)
        (staging / "record.schema.json").write_text(json.dumps(record_schema(), indent=2), encoding="utf-8")
        if parquet or database:
            build_duckdb(staging, raw, parquet, database)
        shutil.rmtree(raw)
        if workbook:
            write_workbook(archive, staging / "archive.xlsx", rows)
        for item in staging.iterdir():
            destination = target / item.name
            if item.is_dir():
                shutil.rmtree(destination, ignore_errors=True)
            os.replace(item, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {table: len(r) for table, r in rows.items()}


def build_duckdb(folder: Path, raw: Path, parquet: bool, database: bool) -> None:
    """Load the CSVs into DuckDB with the declared types; write Parquet from it."""
    import duckdb  # imported here: only exports need it

    path = folder / "archive.duckdb"
    connection = duckdb.connect(str(path))
    try:
        for table, columns in TABLES.items():
            types = ", ".join(f"'{c}': '{t}'" for c, t in columns)
            csv_path = str(raw / f"{table}.csv").replace("'", "''")
            connection.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{csv_path}', header = true, columns = {{{types}}})")
        for name, sql in VIEWS.items():
            connection.execute(f"CREATE VIEW {name} AS {sql}")
        if parquet:
            (folder / "parquet").mkdir()
            for table in TABLES:
                out = str(folder / "parquet" / f"{table}.parquet").replace("'", "''")
                connection.execute(f"COPY {table} TO '{out}' (FORMAT parquet)")
    finally:
        connection.close()
    if not database:
        path.unlink()
