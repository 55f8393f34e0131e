"""Lines -> blocks: headings, numbered paragraphs, bullets, table rows and prose.

PDF lines carry positions and sizes, so a block ends at a paragraph gap, a change of font,
a new number or bullet, or a page end. Plain text has none of that: a block ends at a blank
line, a new number or bullet, or after a line that ends a sentence or looks like a heading.
Blocks that a page break cut in two are joined again by :func:`join_page_breaks`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipeline.frameworks.loader import GRADE_PATTERN
from pipeline.text import BULLET, SENTENCE_BREAK, is_terminal, starts_lowercase
from pipeline.types import Block, Document, Line

NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+(?=\S)|(?=[A-Z\u2018\u201c'\"(]))")  # "12. Text", also "12.Text"
BULLET_START = re.compile(rf"^(?:{BULLET}|[-–—−*])\s+")  # also a dash, an em dash or a minus sign
HEADING_MAX_WORDS = 25
PARAGRAPH_GAP = 1.6  # a gap between lines larger than this many font sizes ends a block
TABLE_MAX_ROWS = 7  # ... when its run of numbers is this short (a judgement table, not a body)
INDENT = 4.0  # points right of the body margin that count as indented
ROW_STEP = 0.3  # points above a block's line pitch that set a table row apart from the line before
HEADING_SCALE = 1.08  # a line this much larger than body text is a heading (italic and scaled text drawn a few per cent larger is not)
# A footnote printed in the text flow: a bare number, then the note ("1 Ofsted produces this report...").
FOOTNOTE = re.compile(r"^(\d{1,2})\s+[A-Z]")
# A front-page field ("Inspection dates: ...", "Lead inspector: ...", "Report published: ...")
# starts a block of its own, even set in the same type as the title above it.
FIELD_LABEL = re.compile(r"^[A-Z][A-Za-z’' ]{2,30}:\s+\S")


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines; a line-end hyphen between letters is kept and no space added
    ("multi-" + "agency" -> "multi-agency"): in these reports it is nearly always a compound."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
        elif len(text) > 1 and text[-1] in "-\u2010" and text[-2].isalpha() and part[0].isalpha():
            text += part
        else:
            text += " " + part
    return text


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and any(ch.isalpha() for ch in text)
        and not text.rstrip().endswith((".", ";", ","))
        and not starts_lowercase(text)
    )


def start_kind(text: str) -> str | None:
    """The kind a line starts, if it starts one on its own: numbered, bullet or row."""
    if NUMBERED.match(text):
        return "numbered"
    if BULLET_START.match(text):
        return "bullet"
    if "\t" in text:
        return "row"
    return None


def make_block(
    kind: str, parts: list[str], page: int | None, indented: bool = False, first_on_page: bool = False, size: float | None = None
) -> Block:
    text = join_lines(parts)
    number = None
    if kind == "numbered":
        match = NUMBERED.match(text)
        number, text = match.group(1), text[match.end():]
    elif kind == "bullet":
        text = BULLET_START.sub("", text, count=1)
    return Block(kind=kind, text=text, page=page, number=number, indented=indented, first_on_page=first_on_page, size=size)


def body_margin(lines: list[Line], size: float | None) -> float | None:
    """The left edge of body text: the smallest x that several body-size lines start at."""
    counts = Counter(round(l.x0) for l in lines if l.x0 is not None and (size is None or l.size == size))
    frequent = [x for x, n in counts.items() if n >= 3] or list(counts)
    return min(frequent) if frequent else None


def ends_mid_clause(text: str) -> bool:
    """A line that stops inside a clause, on a lower-case word or a comma ("... at key stages
    1, 2 and" / "4. The virtual school ..."): what follows it without a gap carries it on."""
    words = text.rstrip().split()
    return bool(words) and (words[-1].endswith(",") or (words[-1][:1].islower() and words[-1][-1:].isalpha()))


def wrapped_line(line: Line, previous: Line, margin: float | None) -> bool:
    """Is ``line`` a continuation line: indented from the margin and aligned with the line
    above, as wrapped lines of a hanging-indent paragraph are?"""
    return margin is not None and line.x0 > margin + INDENT and abs(line.x0 - previous.x0) <= 2


def starts_row(line: Line, block: list[Line], kind: str, following: Line | None) -> bool:
    """Does ``line`` start a new table row set without a paragraph gap? Rows of a boxed table
    ("Leaders should ... impact of the partnership as a whole." / "Leaders across the
    partnership should ...") stand a little further apart than the lines of one row: a line
    that starts a sentence after a line that ends one, at the block's left edge (or, after a
    bullet, left of the bullet: the next row of the table), starts a row when its step from
    the line above is more than ROW_STEP above the block's own line pitch (its lower median
    step; for a block of one line, the step from this line to the next). Measured on the block,
    not the document: some sections are set with more leading throughout."""
    first, previous = block[0], block[-1]
    steps = sorted(b.top - a.bottom_top for a, b in zip(block, block[1:]) if b.top > a.bottom_top)
    if not steps and following is not None and following.size == line.size and following.top > line.bottom_top:
        steps = [following.top - line.bottom_top]
    aligned = abs(line.x0 - first.x0) <= 2 or (kind == "bullet" and line.x0 < first.x0 - INDENT)
    return (
        bool(steps)
        and line.top - previous.bottom_top > steps[(len(steps) - 1) // 2] + ROW_STEP
        and is_terminal(previous.text)
        and line.text[:1].isupper()
        and aligned
    )


def starts_row_after_bullet(line: Line, previous: Block, bullet_x0: float | None) -> bool:
    """At the top of a page, does ``line`` start a row of its own rather than carry on the
    bullet that ended the page before? It does when the bullet ended a sentence and the line
    starts one left of the bullet (Barking and Dagenham: an area for improvement's sub-points
    end a page, the next row starts the next): the rule of :func:`starts_row` across a page
    break, where there is no line step to measure."""
    return (
        previous.kind == "bullet"
        and bullet_x0 is not None
        and line.x0 < bullet_x0 - INDENT
        and is_terminal(previous.text)
        and line.text[:1].isupper()
    )


def pdf_blocks(document: Document) -> list[Block]:
    lines = document.lines()
    size = body_size(document)
    margin = body_margin(lines, size)
    blocks: list[Block] = []
    starts: list[float | None] = []  # the left edge of each block's first line
    for page in document.pages:
        current: list[Line] = []
        kind = None

        def flush():
            if current:
                indented = margin is not None and current[0].x0 > margin + INDENT
                first = not blocks or blocks[-1].page != page.number
                if first and blocks and kind == "text" and starts_row_after_bullet(current[0], blocks[-1], starts[-1]):
                    first = False  # a new row, not the bullet carried over the page break
                blocks.append(make_block(kind, [l.text for l in current], page.number, indented, first, current[0].size))
                starts.append(current[0].x0)

        previous = None
        for index, line in enumerate(page.lines):
            following = page.lines[index + 1] if index + 1 < len(page.lines) else None
            heading = size is not None and line.size is not None and (line.size >= size * HEADING_SCALE or line.bold)
            line_kind = start_kind(line.text) or ("heading" if heading and looks_like_heading(line.text) else "text")
            # measured from the previous line's last visual line: PDFium runs lines that end with a
            # soft hyphen into one, and their first top would make a paragraph gap of it
            gap = previous is not None and line.top - previous.bottom_top > PARAGRAPH_GAP * max(line.size or 0, previous.size or 0)
            same_font = previous is not None and previous.size == line.size and previous.bold == line.bold
            if line_kind == "numbered" and current and not gap and same_font and (
                wrapped_line(line, previous, margin) or ends_mid_clause(previous.text)
            ):
                line_kind = "text"  # a number that a wrapped line starts with ("... aged" / "16. and 17")
            continues = (
                current
                and not gap
                and same_font
                and (line_kind == "text" or (line_kind == "heading" and kind == "heading"))
                and not (kind == "heading" and FIELD_LABEL.match(line.text))
                and not starts_row(line, current, kind, following)
            )
            if continues:
                current.append(line)
            else:
                flush()
                current = [line]
                kind = line_kind
            previous = line
        flush()
    return blocks


def continues_text_block(current: list[str], kind: str, text: str) -> bool:
    """In plain text, does ``text`` carry on the block so far (hard-wrapped prose)?"""
    if kind not in ("text", "numbered", "bullet") or is_terminal(current[-1]):
        return False
    one_line_heading = kind == "text" and len(current) == 1 and looks_like_heading(current[0])
    return not one_line_heading or starts_lowercase(text)


def text_blocks(document: Document) -> list[Block]:
    blocks: list[Block] = []
    for page in document.pages:
        current: list[str] = []
        kind = None
        after_blank = True

        def flush():
            if current:
                block_kind = kind
                if kind == "text" and len(current) == 1 and looks_like_heading(current[0]):
                    block_kind = "heading"
                blocks.append(make_block(block_kind, current, page.number, False, first_on_page=starts_after_blank))

        starts_after_blank = True
        for line in page.lines:
            text = line.text
            if not text.strip():
                flush()
                current, kind, after_blank = [], None, True
                continue
            line_kind = start_kind(text)
            if current and line_kind is None and continues_text_block(current, kind, text):
                current.append(text)
            else:
                flush()
                starts_after_blank = after_blank
                current, kind = [text], line_kind or "text"
            after_blank = False
        flush()
    return blocks


def continues(previous: Block, block: Block) -> bool:
    """Does ``block`` carry on ``previous``, cut from it by a page break or a layout quirk?

    A continuation is prose that carries on an unfinished sentence (starting in lower case),
    or that starts a page at the hanging indent of the paragraph it continues. A "number"
    that breaks the paragraph sequence in mid-sentence ("... children aged" / "16. and 17")
    is a wrapped line too. So is the rest of a heading that wrapped onto a line of its own in
    lower case at the heading's size ("The experiences and progress of care leavers:" /
    "good"), here or at the top of the next page.
    """
    if previous.kind == "heading":
        return block.kind in ("text", "heading") and block.size == previous.size and starts_lowercase(block.text)
    if previous.kind not in ("numbered", "bullet", "text"):
        return False
    if block.kind == "text":
        if not is_terminal(previous.text) and starts_lowercase(block.text):
            return True
        if block.first_on_page and not is_terminal(previous.text) and block.indented:
            return True
        return block.first_on_page and block.indented and previous.kind in ("numbered", "bullet")
    if block.kind == "numbered" and previous.kind == "numbered" and not is_terminal(previous.text):
        return int(block.number) != int(previous.number) + 1
    return False


def is_foot_note(block: Block, body_size: float | None) -> bool:
    """Small print: a text block set smaller than the body, or opening with a bare note number
    ("1 Ofsted produces this report ...")."""
    if block.kind != "text":
        return False
    smaller = body_size is not None and block.size is not None and block.size < body_size * 0.95
    return smaller or bool(FOOTNOTE.match(block.text))


def join_page_breaks(blocks: list[Block], body_size: float | None = None) -> list[Block]:
    """Join blocks that a page break (or, in text, a blank line) cut from the block before.

    A block that starts a page may carry on the block before the footnotes at the foot of the
    previous page: it is joined to that one, and the footnotes stay after it."""
    joined: list[Block] = []
    for block in blocks:
        target = len(joined) - 1
        if block.first_on_page:
            while (
                target > 0
                and joined[target].page != block.page
                and joined[target - 1].page == joined[target].page
                and is_foot_note(joined[target], body_size)
            ):
                target -= 1
            if target >= 0 and not continues(joined[target], block):
                target = len(joined) - 1
        previous = joined[target] if target >= 0 else None
        if previous is not None and continues(previous, block):
            text = block.text if block.kind != "numbered" else f"{block.number}. {block.text}"
            joined[target] = Block(
                kind=previous.kind,
                text=join_lines([previous.text, text]),
                page=previous.page,
                number=previous.number,
                indented=previous.indented,
                first_on_page=previous.first_on_page,
                size=previous.size,
            )
        else:
            joined.append(block)
    return joined


def demote_numbered_rows(blocks: list[Block]) -> list[Block]:
    """Numbered lines that are not body paragraphs become text with their numbers kept:
    a short run numbered from 1 before a longer run numbered from 1 (SIF front pages number
    their judgement rows 1, 2, 3), and, in a run too short to be a body, numbered lines that
    end no sentence (a table row such as "3. Leadership, management and governance  Good", or
    several such rows run together into one line)."""
    runs: list[list[int]] = []
    for index, block in enumerate(blocks):
        if block.kind == "numbered":
            if block.number == "1" or not runs:
                runs.append([])
            runs[-1].append(index)
    demote = {
        i
        for run in runs
        if len(run) <= TABLE_MAX_ROWS
        for i in run
        if not is_terminal(blocks[i].text)
    }
    for position, run in enumerate(runs):
        if any(len(later) > len(run) for later in runs[position + 1:]):
            demote.update(run)
    return [
        Block("text", f"{b.number}. {b.text}", b.page, None, b.indented, b.first_on_page, b.size) if i in demote else b
        for i, b in enumerate(blocks)
    ]


def heading_sentences(blocks: list[Block]) -> list[Block]:
    """Plain text has no type sizes: a one-sentence line that states a grade, standing alone
    between blank lines right above a numbered paragraph, is a heading even though it ends with
    a full stop ("The experiences and progress of children who need help and protection are
    inadequate.")."""
    promoted = list(blocks)
    for index, block in enumerate(blocks[:-1]):
        text = block.text.strip()
        if (
            block.kind == "text"
            and block.first_on_page
            and blocks[index + 1].kind == "numbered"
            and len(text.split()) <= HEADING_MAX_WORDS
            and text[:1].isupper()
            and GRADE_PATTERN.search(text)
            and not SENTENCE_BREAK.search(text.rstrip("."))
        ):
            promoted[index] = replace(block, kind="heading")
    return promoted


def body_size(document: Document) -> float | None:
    """The size of body text: the commonest line size (None for plain text)."""
    sizes = Counter(line.size for line in document.lines() if line.size)
    return sizes.most_common(1)[0][0] if sizes else None


def document_blocks(document: Document) -> list[Block]:
    """All blocks of a document in reading order, page breaks joined."""
    if document.source.format == "pdf":
        raw = pdf_blocks(document)
    else:
        raw = heading_sentences(text_blocks(document))
    return demote_numbered_rows(join_page_breaks(raw, body_size(document)))
