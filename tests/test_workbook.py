"""archive.xlsx, opened with openpyxl as a spreadsheet would: a known authority's row,
frozen header, filters, grade colours, real dates, and no formula cell."""

from __future__ import annotations

from datetime import datetime

from pipeline import compare
from test_compare import send_archive, send_archive_path  # noqa: F401 (fixtures: the small archive with an area SEND report)


def test_the_workbook_holds_kents_latest_row_as_an_analyst_reads_it(archive, tmp_path):
    from openpyxl import load_workbook

    compare.export(archive, tmp_path, parquet=False, database=False)
    book = load_workbook(tmp_path / "archive.xlsx")
    assert book.sheetnames == ["latest", "history", "judgements", "recommendations", "weaknesses", "themes"]
    latest = book["latest"]
    header = [c.value for c in latest[1]]
    rows = [dict(zip(header, (c for c in row))) for row in latest.iter_rows(min_row=2)]
    kent = next(r for r in rows if r["Authority"].value == "Kent")
    assert (kent["LA code"].value, kent["ONS code"].value, kent["Region"].value) == ("886", "E10000016", "South East")
    assert isinstance(kent["Inspection end"].value, datetime) and kent["Inspection end"].is_date
    assert kent["Framework"].value.startswith("Inspection of local authority children's services")
    grade = kent["Overall effectiveness"]
    assert grade.value in {"Outstanding", "Good", "Requires improvement to be good", "Inadequate"}
    assert grade.fill.fgColor.rgb.endswith(compare.words.GRADE_FILLS[{v: k for k, v in compare.words.GRADE_WORDS.items()}[grade.value]])
    assert latest.freeze_panes == "B2" and latest.auto_filter.ref.startswith("A1:")
    for sheet in book.worksheets:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), sheet.title


def test_text_a_spreadsheet_would_run_is_neutralised():
    from pipeline.compare.tables import render, spreadsheet_safe

    assert spreadsheet_safe('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)" and spreadsheet_safe("Good") == "Good" and spreadsheet_safe(-1.5) == -1.5
    assert render([{"a": "+1+2", "b": -1.5}], fmt="csv").splitlines()[1] == "'+1+2,-1.5"


def test_an_area_send_outcome_reads_in_words_not_as_a_grade(send_archive, tmp_path):
    from openpyxl import load_workbook

    compare.export(send_archive, tmp_path, parquet=False, database=False)
    sheet = load_workbook(tmp_path / "archive.xlsx")["judgements"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    (send,) = [r for r in rows if r["Judgement slug"] == "inspection_outcome"]
    assert send["Authority"] == "Bedford Borough" and send["Framework"] == "Area SEND inspection of a local area partnership, from 2023"
    assert send["Grade"] == "Positive experiences and outcomes"
