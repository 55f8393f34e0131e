"""A readable summary of records for the terminal (``ofsted show``)."""

from __future__ import annotations

from collections.abc import Iterable

TIMESCALE_TITLES = {
    "immediately": "Immediately",
    "within_3_months": "Within 3 months",
    "within_6_months": "Within 6 months",
    None: "No timescale given",
}


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
    by_timescale: dict = {}
    for item in record["recommendations"]:
        by_timescale.setdefault(item["timescale"], []).append(item["text"])
    lines.append(f"  recommendations: {len(record['recommendations'])}")
    for timescale, texts in by_timescale.items():
        lines.append(f"    {TIMESCALE_TITLES.get(timescale, timescale)}:")
        lines += [f"      - {text}" for text in texts]
    numbered = sum(1 for p in record["paragraphs"] if p["number"])
    lines.append(
        f"  paragraphs: {len(record['paragraphs'])} ({numbered} numbered)   statistics: {len(record['statistics'])}"
    )
    for warning in record["warnings"]:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def describe_records(records: Iterable[dict]) -> str:
    return "\n\n".join(describe_record(r) for r in records)
