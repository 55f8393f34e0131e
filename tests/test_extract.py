"""Extraction: positioned lines, running headers/footers gone, one bullet, hyphens kept."""

from __future__ import annotations

from fpdf import FPDF

from conftest import SEED_HEADER, shared_report
from pipeline.extract import extract
from pipeline.extract.clean import normalise_line, remove_running_lines
from pipeline.text import BULLET
from pipeline.types import Line, Page


def test_running_header_and_page_numbers_are_removed(seed_pdf_path):
    document = extract(seed_pdf_path)
    texts = [line.text for line in document.lines()]
    assert SEED_HEADER not in texts
    footers = [l for p in document.pages for l in p.lines if l.text == str(p.number) and l.top > 0.85 * p.height]
    assert footers == [], "no page-number footer is left"
    assert "Bedford Borough" in texts, "the front page keeps its own lines"


def test_lines_keep_page_position_and_size(seed_pdf_path):
    document = extract(seed_pdf_path)
    line = next(l for l in document.lines() if l.text.startswith("25. "))
    assert line.page >= 2 and line.x0 > 0 and line.top > 0 and line.size == 11
    heading = next(l for l in document.lines() if l.text == "Leadership and governance" and l.page > 3)
    assert heading.bold and heading.size > line.size


def test_headers_found_by_position_and_repetition_not_words():
    """A line repeated at the top of every page goes; the same words in the body stay."""
    def page(number, body):
        return Page(
            number=number,
            lines=(
                Line("Anytown Council - report", number, 50, 20, 8),
                Line(body, number, 50, 300, 11),
                Line("Anytown Council - report", number, 50, 400, 11),
                Line(f"Page {number} of 4", number, 280, 820, 8),
            ),
            width=595,
            height=842,
        )

    pages = remove_running_lines([page(n, f"Body text of page {n}.") for n in range(1, 5)])
    for cleaned in pages:
        assert [l.text for l in cleaned.lines] == [f"Body text of page {cleaned.number}.", "Anytown Council - report"]


def test_a_footer_that_counts_pages_goes_even_on_a_few_pages_of_a_bound_file():
    """A review bound behind a longer report prints its own footer, with its own page numbers on
    alternate sides and the number set large, on a handful of pages only: it still goes, and the
    body text beside it stays."""
    pages = []
    for number in range(1, 21):
        lines = [Line(f"Body text of page {number}.", number, 50, 300, 11)]
        if number > 15:  # the review: its pages 1-5 are the file's pages 16-20
            own = number - 15
            footer = f"Review of the board: Northshire {own}" if own % 2 else f"{own} Review of the board: Northshire"
            lines.append(Line(footer, number, 50, 810, 20 if own % 2 == 0 else 9))
        pages.append(Page(number=number, lines=tuple(lines), width=595, height=842))
    cleaned = remove_running_lines(pages)
    assert [[l.text for l in p.lines] for p in cleaned] == [[f"Body text of page {p.number}."] for p in pages]


def test_bullet_glyphs_map_to_one_bullet():
    for glyph in ("\uf0b7", "◼", "•", "\uf0a7", "▪"):
        assert normalise_line(f"{glyph} ensure plans are reviewed") == f"{BULLET} ensure plans are reviewed"
    assert normalise_line("Plain line  with   spaces ") == "Plain line with spaces"


def test_line_end_hyphens_are_kept_when_lines_join(tmp_path):
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for y, text in ((30, "1. Work across the partnership is multi-"), (36, "agency and well co-"), (42, "ordinated.")):
        pdf.set_xy(20, y)
        pdf.cell(text=text)
    path = tmp_path / "hyphen.pdf"
    pdf.output(str(path))
    from pipeline.segment import segment

    segmented = segment(extract(path))
    assert segmented.paragraphs[0].text == "Work across the partnership is multi-agency and well co-ordinated."


def test_real_2013_report_headers_removed():
    path = shared_report("80522_medway/children's services inspection,  pdf - 23 august 2013.pdf")
    document = extract(path)
    assert document.source.pages == 26
    tops = [page.lines[0].text for page in document.pages[3:] if page.lines]
    assert not any("Inspection of safeguarding and looked after children" in t for t in tops)


def test_both_pdf_back_ends_give_the_same_paragraphs(seed_pdf_path):
    from pipeline.segment import segment

    fast = segment(extract(seed_pdf_path, backend="pdfium")).paragraphs
    plumber = segment(extract(seed_pdf_path, backend="pdfplumber")).paragraphs
    assert [(p.number, p.section, p.text) for p in fast] == [(p.number, p.section, p.text) for p in plumber]


def test_unknown_back_end_is_refused(seed_pdf_path):
    import pytest

    with pytest.raises(ValueError, match="backend must be one of"):
        extract(seed_pdf_path, backend="pymupdf")
