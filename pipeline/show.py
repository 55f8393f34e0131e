"""A readable summary of records for the terminal (``ofsted show``)."""

from __future__ import annotations

from collections.abc import Iterable

TIMESCALE_TITLES = {
    "immediately": "Immediately",
    "within_3_months": "Within 3 months",
    "within_6_months": "Within 6 months",
    None: "No timescale given",
}
ADDRESSEES = {"local_authority": "local authority", "lscb": "LSCB"}


def describe_record(record: dict) -> str:
    """Several lines: authority, framework, dates, judgements, recommendations by timescale."""
    path = record["source"]["path"]
    if "error" in record:
        return f"{path}\n  ERROR {record['error']['type']}: {record['error']['message']}"
    lines = [
        f"{record['local_authority'] or '(authority not found)'}  [{record['framework'] or 'unknown framework'}]",
        f"  file: {path}",
        *([f"  URN: {record['urn']} (from the {record['urn_source']})"] if record.get("urn") else []),
        f"  inspected: {record['inspection_start'] or '?'} to {record['inspection_end'] or '?'}"
        f"   published: {record['published'] or 'not stated'}   lead inspector: {record['lead_inspector'] or '?'}",
        "  judgements:",
    ]
    for judgement in record["judgements"]:
        grade = (judgement["grade"] or "not given").replace("_", " ")
        page = (judgement.get("evidence") or {}).get("page")
        where = f" (page {page})" if page else ""
        lines.append(f"    {judgement['judgement']:<38} {grade}{where}")
    lines += recommendation_lines(record["recommendations"])
    numbered = sum(1 for p in record["paragraphs"] if p["number"])
    lines.append(
        f"  paragraphs: {len(record['paragraphs'])} ({numbered} numbered)   statistics: {len(record['statistics'])}"
    )
    for warning in record["warnings"]:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def recommendation_lines(recommendations: list[dict]) -> list[str]:
    """Recommendations by whom they address (the local authority's and the LSCB's apart),
    then by timescale, each with its printed number and page."""
    by_addressee: dict = {}
    for item in recommendations:
        by_addressee.setdefault(item.get("addressed_to", "local_authority"), []).append(item)
    counts = ", ".join(f"{len(items)} to the {ADDRESSEES.get(who, who)}" for who, items in by_addressee.items())
    lines = [f"  recommendations: {len(recommendations)}" + (f" ({counts})" if counts else "")]
    for who, items in by_addressee.items():
        lines.append(f"    to the {ADDRESSEES.get(who, who)}:")
        by_timescale: dict = {}
        for item in items:
            by_timescale.setdefault(item["timescale"], []).append(item)
        for timescale, group in by_timescale.items():
            if len(by_timescale) > 1 or timescale is not None:
                lines.append(f"      {TIMESCALE_TITLES.get(timescale, timescale)}:")
            for item in group:
                number = f"{item['number']}. " if item.get("number") else ""
                page = f"  (page {item['page']})" if item.get("page") else ""
                lines.append(f"        - {number}{item['text']}{page}")
    return lines


def describe_records(records: Iterable[dict]) -> str:
    return "\n\n".join(describe_record(r) for r in records)
