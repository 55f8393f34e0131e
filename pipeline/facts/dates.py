"""Dates as printed in reports ("07 January to 16 January 2013", "15-19 July 2013",
"30 September – 11 October 2013") -> ISO strings."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
MONTH = r"[A-Za-z]{3,9}"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = re.compile(rf"(?P<day>{DAY})\s+(?P<month>{MONTH})\s+(?P<year>\d{{4}})")
RANGE = re.compile(
    rf"(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:\s+(?P<y1>\d{{4}}))?"
    rf"\s*(?:-|–|—|to|until|and)\s*"
    rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH})\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def make_date(day: str, month: str, year: int) -> date | None:
    month_number = MONTHS.get(month.lower())
    if month_number is None:
        return None
    try:
        return date(year, month_number, day_number(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    match = DATE.search(text)
    if match:
        return make_date(match["day"], match["month"], int(match["year"]))
    numeric = re.search(NUMERIC_DATE, text)
    if numeric:
        day, month, year = map(int, numeric.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


NUMERIC_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
NUMERIC_RANGE = re.compile(rf"{NUMERIC_DATE}\s*(?:-|–|—|to)\s*{NUMERIC_DATE}")


def numeric_range(text: str) -> tuple[date, date] | None:
    """"12/09/2016 to 06/10/2016" (day first, as British reports write it)."""
    match = NUMERIC_RANGE.search(text)
    if not match:
        return None
    d1, m1, y1, d2, m2, y2 = map(int, match.groups())
    try:
        start, end = date(y1, m1, d1), date(y2, m2, d2)
    except ValueError:
        return None
    return (start, end) if start <= end else None


# Every dash a report prints between two dates ("15–19 July", "15 ─ 19 July", "15—19 July").
DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\u2796\ufe58\ufe63\uff0d"})


def parse_range(text: str) -> tuple[date, date] | None:
    """The first date range in ``text``."""
    ranges = parse_ranges(text)
    return ranges[0] if ranges else None


def parse_ranges(text: str) -> list[tuple[date, date]]:
    """Every date range in ``text``, in order ("19 November-11 December 2013 and 28 - 30
    January 2014" gives two); each start borrows month and year from its end."""
    text = text.translate(DASHES)
    found = [span for span in map(range_of, RANGE.finditer(text)) if span]
    if not found:
        numeric = numeric_range(text)
        return [numeric] if numeric else []
    return found


def range_of(match: re.Match) -> tuple[date, date] | None:
    end = make_date(match["d2"], match["m2"], int(match["y2"]))
    if end is None:
        return None
    month = match["m1"] or match["m2"]
    year = int(match["y1"]) if match["y1"] else end.year
    start = make_date(match["d1"], month, year)
    if start is not None and start > end and not match["y1"]:
        start = make_date(match["d1"], month, year - 1)  # a range across the new year
    if start is None or start > end:
        return None
    return start, end
