"""Rows (lists of dicts) written as an aligned text table, CSV or JSON Lines: the one way
every compare and search result is printed or saved."""

from __future__ import annotations

import csv
import io
import json

FORMATS = ("table", "csv", "jsonl")
# A cell a spreadsheet would run as a formula starts with one of these (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would read as a formula ("=HYPERLINK(...)", "-2+3") with a
    leading apostrophe, which spreadsheets show as text; numbers and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:g}"
    return str(value)


def render(rows: list[dict], columns: list[str] | None = None, fmt: str = "table", width: int = 48) -> str:
    """``rows`` as text; ``width`` caps a column in the aligned table (CSV and JSON keep all)."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "jsonl":
        return "".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[spreadsheet_safe(cell(r.get(c))) if not isinstance(r.get(c), (int, float)) else cell(r.get(c)) for c in columns] for r in rows])
        return out.getvalue()
    texts = [[clip(cell(r.get(c)), width) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(t[i]) for t in texts]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(t.ljust(w) for t, w in zip(row, widths)).rstrip() for row in texts]
    return "\n".join(lines) + "\n"


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
