"""pdfplumber reader: every line with its page, position, font size and weight.

pdfplumber is slow (~13 pages/s) but reads layout well; a faster back end can sit beside
this module as long as it returns the same ``list[Page]``. pdfplumber (with pdfminer) is
imported where it is used: most files never need it, and ``ofsted --help`` should not load it.
"""

from __future__ import annotations

import io
from collections import Counter

from pipeline import errors
from pipeline.extract.clean import normalise_line
from pipeline.types import Line, Page

# A PDF ends with %%EOF; allow trailing junk that some writers append.
EOF_WINDOW = 2048


def check_complete(path: str, data: bytes) -> None:
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise errors.TruncatedPdf(path)


def line_from_chars(text: str, chars: list[dict], page_number: int, x0: float, top: float) -> Line:
    sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
    bold = sum(1 for c in chars if "bold" in c["fontname"].lower() and c["text"].strip())
    visible = sum(sizes.values()) or 1
    return Line(
        text=normalise_line(text),
        page=page_number,
        x0=round(x0, 1),
        top=round(top, 1),
        size=sizes.most_common(1)[0][0] if sizes else None,
        bold=bold > visible / 2,
    )


def read_pages(path: str, data: bytes) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    check_complete(path, data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [read_page(page) for page in pdf.pages]
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise errors.EncryptedPdf(path) from None
        raise errors.UnreadablePdf(path, cause=cause) from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise errors.EncryptedPdf(path) from None
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise errors.UnreadablePdf(path, cause=f"{type(exc).__name__}: {exc}") from None


def read_page(page) -> Page:
    lines = [
        line_from_chars(item["text"], item["chars"], page.page_number, item["x0"], item["top"])
        for item in page.extract_text_lines(return_chars=True)
    ]
    lines = [line for line in lines if line.text.strip()]
    return Page(number=page.page_number, lines=tuple(lines), width=float(page.width), height=float(page.height))
