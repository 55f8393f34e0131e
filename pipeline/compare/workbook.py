"""``archive.xlsx``: the archive as the workbook an analyst opens (the ADCS publishes the ILACS
outcomes this way): ``latest`` (one row per authority: region, statistical neighbours, latest
inspection, dates, every question's grade in words with the previous grade and the change),
``history`` (every inspection), ``judgements``, ``recommendations`` (whom each addresses, its
themes), ``weaknesses`` (weakness paragraphs with their citation) and ``themes`` (the theme
profile per authority). Every sheet has a frozen header row, filters, widths set from its
content, grade cells in Ofsted's colours, dates as Excel dates, and no cell a spreadsheet
would run as a formula.

openpyxl rather than XlsxWriter: it writes the styles, filters and frozen panes this needs
and also reads workbooks back, so the tests check the file with the library that wrote it
and the project carries one spreadsheet dependency, not two."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.compare.archive import Archive
from pipeline.compare.grades import QUESTIONS, describe_change, previous_answer, question_change, answer
from pipeline.compare.profiles import theme_profiles
from pipeline.compare.search import paragraph_label, place
from pipeline.compare.tables import FORMULA_STARTS
from pipeline.compare.words import ADDRESSEES, GRADE_FILLS, GRADE_WORDS, framework_title, grade_words, iso_date

DATE_FORMAT = "d mmmm yyyy"
MAX_WIDTH = 60
WORD_GRADES = {words: slug for slug, words in GRADE_WORDS.items()}


def inspection_columns(inspection) -> dict:
    record = inspection.record
    return {
        "Authority": inspection.authority, "LA code": inspection.la_code, "ONS code": inspection.ons_code,
        "Region": inspection.region, "Framework": framework_title(inspection.framework),
        "Inspection type": record.get("inspection_type"), "Inspection start": iso_date(record.get("inspection_start")),
        "Inspection end": iso_date(record.get("inspection_end")), "Published": iso_date(record.get("published")),
        "Published date from": record.get("published_source"),
    }


def grade_columns(inspections, index: int, previous: bool) -> dict:
    row = {}
    for q in QUESTIONS:
        now = answer(inspections[index], q)
        row[q.name] = grade_words(now) if now else None
        if previous:
            before = previous_answer(inspections, index, q)
            row[f"{q.name}: previous"] = grade_words(before) if before else None
        row[f"{q.name}: change"] = describe_change(question_change(inspections, index, q)) or None
    return row


def neighbour_names(archive: Archive, urn: str | None) -> str | None:
    if archive.lookup is None or not urn:
        return None
    return ", ".join(a.name for a in archive.lookup.neighbours(urn)) or None


def sheets(archive: Archive, tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Sheet name -> rows (column name -> value), in the order the sheets are written."""
    latest, history = [], []
    for inspections in archive.by_authority().values():
        for index, inspection in enumerate(inspections):
            base = inspection_columns(inspection)
            history.append(base | grade_columns(inspections, index, previous=False) | {"Report file": inspection.record["source"]["path"]})
        last = len(inspections) - 1
        base = inspection_columns(inspections[last])
        latest.append(
            {k: base[k] for k in ("Authority", "LA code", "ONS code", "Region")}
            | {"Statistical neighbours": neighbour_names(archive, inspections[last].urn), "Inspections in the archive": len(inspections)}
            | {k: v for k, v in base.items() if k not in ("Authority", "LA code", "ONS code", "Region")}
            | grade_columns(inspections, last, previous=True)
        )
    reports = {r["report_id"]: r for r in tables["reports"]}

    def cited(row: dict) -> dict:
        report = reports[row["report_id"]]
        return {"Authority": row["authority"], "LA code": row["la_code"], "ONS code": row["ons_code"], "Region": report["region"],
                "Inspection end": iso_date(report["inspection_end"]), "Framework": framework_title(report["framework"])}

    judgements = [
        cited(j) | {"Question": next((q.name for q in QUESTIONS if q.slug == j["question"]), None), "Judgement": j["label"],
                    "Judgement slug": j["judgement"], "Grade": grade_words(j["grade"]) if j["grade"] else None,
                    "Why no grade": j["reason"], "Page": j["evidence_page"]}
        for j in tables["judgements"]
    ]
    recommendations = [
        cited(r) | {"Addressed to": ADDRESSEES.get(r["addressed_to"], r["addressed_to"]), "Number": r["number"], "Page": r["page"],
                    "Timescale": r["timescale"], "Themes": r["themes"].replace(";", ", ") or None, "Recommendation": r["text"]}
        for r in tables["recommendations"]
    ]
    weaknesses = []
    for p in tables["paragraphs"]:
        if p["stance"] != "weakness":
            continue
        row = cited(p)
        where = place(paragraph_label(p["number"]), p["page"])
        weaknesses.append(
            row | {"Paragraph": p["number"], "Page": p["page"], "Section": p["section"], "Themes": p["themes"].replace(";", ", ") or None,
                   "Paragraph text": p["text"],
                   "Citation": f"{row['Authority']}, inspection ending {row['Inspection end'] or 'date unknown'}, {where}"}
        )
    themes = [
        {"Authority": r["group"], "Theme": r["theme"].replace("_", " "), "Paragraphs": r["paragraphs"],
         "Strength share": r["strength_share"], "Weakness share": r["weakness_share"],
         "Archive strength share": r["archive_strength_share"], "Archive weakness share": r["archive_weakness_share"],
         "Weakness share against the archive": r["weakness_vs_archive"]}
        for r in theme_profiles(archive, by="authority")
    ]
    return {"latest": latest, "history": history, "judgements": judgements, "recommendations": recommendations,
            "weaknesses": weaknesses, "themes": themes}


def write_workbook(archive: Archive, path: str | Path, tables: dict[str, list[dict]]) -> None:
    """Write the workbook; ``tables`` are the export's rows (``export.table_rows``)."""
    from openpyxl import Workbook  # imported here: only exports need it
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    fills = {words: PatternFill("solid", fgColor=GRADE_FILLS[slug]) for words, slug in WORD_GRADES.items() if slug in GRADE_FILLS}
    light = {"inadequate", "outstanding"}  # dark fills take white text
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for name, rows in sheets(archive, tables).items():
        sheet = book.create_sheet(name)
        columns = list(rows[0]) if rows else ["(no rows)"]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = bold
        widths = [len(c) for c in columns]
        for row in rows:
            sheet.append([row.get(c) for c in columns])
            for index, cell in enumerate(sheet[sheet.max_row]):
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type, cell.quotePrefix = "s", True  # shown as text, never run
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                    widths[index] = max(widths[index], 17)
                elif value in fills:
                    cell.fill = fills[value]
                    if WORD_GRADES[value] in light:
                        cell.font = Font(color="FFFFFF")
                elif isinstance(value, str) and len(value) > MAX_WIDTH:
                    cell.alignment = wrap
                widths[index] = max(widths[index], min(len(str(value)) if value is not None else 0, MAX_WIDTH))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width + 2
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
