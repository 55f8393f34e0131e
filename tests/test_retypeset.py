"""Re-typeset robustness on a few reports (the whole archive is ``make eval``): a report read
from its PDF and from the same report printed in other layouts gives the same facts, numbered
paragraphs with their sections, and recommendations."""

from __future__ import annotations

import pytest

from conftest import SEED_TEXT, shared_report
from pipeline.evaluate.metamorphic import TEXT_FORM, check_report
from pipeline.evaluate.retypeset import LAYOUTS, retypeset_pdf

ONE_PER_FRAMEWORK = [
    "80476_kent/children's services inspection,  pdf - 23 august 2013.pdf",  # looked after children 2012
    "80551_sheffield/children's services inspection - 21 february 2014.pdf",  # SIF, paused inspection, LSCB
    "80562_stockport/children's services inspection - 25 august 2017.pdf",  # SIF 2016-17 layout
    "80441_bristol/children's services inspection - 22 october 2018.pdf",  # ILACS 2018
    "80476_kent/children's services inspection - 02 february 2026.pdf",  # ILACS, care leavers judged apart
]
HARSH = ("a4-narrow-9pt", "letter-10pt-scaled-matrix", TEXT_FORM)


@pytest.mark.parametrize("relative", ONE_PER_FRAMEWORK, ids=[r.split("/")[0] + r[-14:-4] for r in ONE_PER_FRAMEWORK])
def test_a_report_reads_the_same_in_other_layouts(relative):
    path, found = check_report((str(shared_report(relative)), HARSH))
    assert found is not None
    assert {layout: parts for layout, parts in found.items() if parts} == {}


def test_the_seed_reads_the_same_typeset_as_a_pdf(tmp_path):
    """The seed is plain text: its reading must survive being typeset in every layout."""
    from pipeline import ingest
    from pipeline.evaluate.metamorphic import differences, reading
    from pipeline.extract import extract
    from pipeline.segment import segment

    base = reading(ingest(SEED_TEXT))
    segmented = segment(extract(SEED_TEXT))
    for layout in LAYOUTS:
        out = tmp_path / f"{layout.name}.pdf"
        out.write_bytes(retypeset_pdf(segmented, layout))
        assert differences(base, reading(ingest(out))) == {}, layout.name


def test_the_scaled_layout_really_sets_every_font_at_size_1(tmp_path):
    """The harshest layout is what it says: the font size alone would read 1 pt everywhere."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from pipeline.extract import extract
    from pipeline.segment import segment

    layout = next(l for l in LAYOUTS if l.scaled_matrix)
    out = tmp_path / "scaled.pdf"
    out.write_bytes(retypeset_pdf(segment(extract(SEED_TEXT)), layout))
    textpage = pdfium.PdfDocument(str(out))[1].get_textpage()
    sizes = {raw.FPDFText_GetFontSize(textpage.raw, i) for i in range(0, 200, 7)}
    assert sizes == {1.0}
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage.raw, 7, ctypes.byref(matrix))
    assert matrix.d > 5
