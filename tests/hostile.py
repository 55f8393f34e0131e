"""Hostile inputs, made here rather than committed: PDFs written object by object, and text
files in awkward encodings and sizes.

Each maker takes a folder and returns the path it wrote. ``make_all`` writes the whole set;
``tests/test_hostile.py`` ingests it beside a good report.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

SEED_LINES = [
    "Inspection of local authority arrangements for the protection of children",
    "Bedford Borough Council",
    "Inspection dates: 7 - 18 January 2013",
    "Lead inspector: Jo Tomlinson",
    "1. The overall effectiveness of the arrangements to protect children is adequate.",
]


def pdf_bytes(objects: list[bytes], root: int = 1, xref: bool = True, trailer_extra: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (object i+1 is objects[i]) with a correct cross-reference
    table, or none at all when ``xref`` is false (readers must rebuild it)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, start
    )
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_content(lines: list[str], size: float = 11, x: float = 72, top: float = 770) -> bytes:
    """A content stream setting ``lines`` in Helvetica at ``size`` points, one under another."""
    parts = [b"BT /F1 %g Tf %g TL %g %g Td" % (size, size * 1.3, x, top)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        parts.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def simple_pdf(contents: list[bytes], catalog_extra: bytes = b"", resources_extra: bytes = b"",
               extra_objects: list[bytes] = (), xref: bool = True) -> bytes:
    """Pages with the given content streams. Objects: 1 catalog, 2 pages, 3 font, then each
    page and its content, then ``extra_objects`` (numbered from 4 + 2 * pages)."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog_extra,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        FONT,
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> %s >> >>" % (5 + 2 * i, resources_extra)
        )
        objects.append(stream(content))
    return pdf_bytes(objects + list(extra_objects), xref=xref)


def written(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def blank_pages(folder: Path, count: int = 3000) -> Path:
    return written(folder, "blank pages.pdf", simple_pdf([b""] * count))


def decompression_bomb(folder: Path, side: int = 20000) -> Path:
    """A page drawing one grey image of side x side pixels (400 MB decoded) that compresses to
    a few hundred kilobytes, beside a line of text."""
    pixels = zlib.compress(bytes(side * side), 9)
    image_number = 6
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(pixels))
        + pixels + b"\nendstream"
    )
    # "Record of main findings" marks a page whose tables are read (by pdfplumber), so the
    # page with the image goes through both PDF readers.
    content = text_content(SEED_LINES + ["Record of main findings"]) + b"\nq 500 0 0 500 50 50 cm /Im1 Do Q"
    data = simple_pdf([content], resources_extra=b"/XObject << /Im1 %d 0 R >>" % image_number, extra_objects=[image])
    return written(folder, "decompression bomb.pdf", data)


def circular_pages(folder: Path) -> Path:
    """A page tree whose node lists itself among its kids."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
        stream(text_content(SEED_LINES)),
    ]
    return written(folder, "circular page tree.pdf", pdf_bytes(objects))


def circular_objects(folder: Path) -> Path:
    """Objects that refer to each other in a ring (a resources dictionary that is its own parent)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 /Resources 6 0 R >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources 6 0 R >>",
        stream(text_content(SEED_LINES)),
        b"<< /Font << /F1 3 0 R >> /Parent 7 0 R >>",
        b"<< /Parent 6 0 R /Next 7 0 R >>",
    ]
    return written(folder, "circular objects.pdf", pdf_bytes(objects))


def broken_xref(folder: Path) -> Path:
    """A cross-reference table whose offsets all point to the wrong place."""
    data = simple_pdf([text_content(SEED_LINES)])
    head, _, tail = data.partition(b"xref\n")
    lines = tail.split(b"\n")
    lines = [b"%010d 00000 n " % (7 * i + 3) if line.endswith(b" n ") else line for i, line in enumerate(lines)]
    return written(folder, "broken xref.pdf", head + b"xref\n" + b"\n".join(lines))


def no_xref(folder: Path) -> Path:
    return written(folder, "no xref.pdf", simple_pdf([text_content(SEED_LINES)], xref=False))


def javascript_and_attachment(folder: Path) -> Path:
    """A document that runs JavaScript when opened and carries an embedded file."""
    contents = [text_content(SEED_LINES)]
    js_number, file_number, spec_number = 6, 7, 8
    extra = [
        b"<< /S /JavaScript /JS (app.alert\\('pwned'\\); this.exportDataObject\\({cName: 'x.exe', nLaunch: 2}\\);) >>",
        stream(b"MZ this would be a program", b"/Type /EmbeddedFile"),
        b"<< /Type /Filespec /F (x.exe) /EF << /F %d 0 R >> >>" % file_number,
    ]
    catalog = b"/OpenAction %d 0 R /Names << /EmbeddedFiles << /Names [(x.exe) %d 0 R] >> >>" % (js_number, spec_number)
    return written(folder, "javascript and attachment.pdf", simple_pdf(contents, catalog_extra=catalog, extra_objects=extra))


def tiny_text(folder: Path) -> Path:
    """A report whose every line is set at 1 pt: there to a machine, invisible to a reader."""
    return written(folder, "one point text.pdf", simple_pdf([text_content(SEED_LINES * 20, size=1)]))


def off_page_text(folder: Path) -> Path:
    """Text set outside the page's media box (left of and below the page)."""
    return written(folder, "off page text.pdf", simple_pdf([text_content(SEED_LINES * 5, x=-2000, top=-1500)]))


def seed_text(seed: Path) -> str:
    return seed.read_text(encoding="utf-8")


def encoded_texts(folder: Path, seed: Path) -> list[Path]:
    """The seed report in UTF-16 (with its byte-order mark), UTF-8 with a BOM, Latin-1 and
    Windows-1252 (with its curly quotes and dashes)."""
    text = seed_text(seed)
    written = []
    for name, encoding, content in [
        ("utf-16.txt", "utf-16", text),
        ("utf-16-be.txt", "utf-16-be", "\ufeff" + text),
        ("utf-8 bom.txt", "utf-8-sig", text),
        ("latin-1.txt", "latin-1", text.encode("latin-1", "replace").decode("latin-1")),
        ("windows-1252.txt", "cp1252", text.encode("cp1252", "replace").decode("cp1252")),
    ]:
        path = folder / name
        path.write_bytes(content.encode(encoding))
        written.append(path)
    return written


def nul_bytes(folder: Path, seed: Path) -> Path:
    """A text file with NUL bytes strewn through it (a damaged copy)."""
    data = bytearray(seed.read_bytes())
    for i in range(100, len(data), 997):
        data[i] = 0
    return written(folder, "nul bytes.txt", bytes(data))


def huge_text(folder: Path, seed: Path, megabytes: int = 50) -> Path:
    """The seed's body repeated to ``megabytes`` MB, paragraph numbers running on."""
    body = seed_text(seed)
    path = folder / "huge.txt"
    with open(path, "w", encoding="utf-8") as handle:
        written = 0
        while written < megabytes * 1_000_000:
            handle.write(body)
            handle.write("\n")
            written += len(body) + 1
    return path


def awkward_names(folder: Path, seed: Path) -> list[Path]:
    """The seed under names with a newline, quotes, a leading dash and markup."""
    text = seed.read_bytes()
    written = []
    for name in ['new\nline.txt', 'quotes "double" \'single\'.txt', '-starts with a dash.txt', '<script>alert(1)<\\script>.txt']:
        path = folder / name
        path.write_bytes(text)
        written.append(path)
    return written


def symlink_loop(folder: Path) -> Path:
    """A folder that holds a link to itself and a link to its parent."""
    loop = folder / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "self")
    os.symlink(folder, loop / "parent")
    return loop


def make_all(folder: Path, seed: Path, huge_megabytes: int = 50) -> list[Path]:
    """Every hostile file in ``folder`` (the symlink loop is made beside them)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [
        blank_pages(folder), decompression_bomb(folder), circular_pages(folder), circular_objects(folder),
        broken_xref(folder), no_xref(folder), javascript_and_attachment(folder), tiny_text(folder),
        off_page_text(folder), *encoded_texts(folder, seed), nul_bytes(folder, seed),
        huge_text(folder, seed, huge_megabytes), *awkward_names(folder, seed),
    ]
    symlink_loop(folder)
    return files
