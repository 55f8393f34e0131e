"""Coverage over a whole archive: does every readable file give every judgement its
framework has (a grade, or a reason the report states)?"""

from __future__ import annotations

from collections import Counter

# Reasons that come from the report or the framework, not from a failure to read.
STATED_REASONS = ("not given", "the report has no", "the report states that", "the report is a review")


def judgements_complete(record: dict) -> bool:
    return bool(record["judgements"]) and all(
        j["grade"] is not None or (j.get("reason") or "").startswith(STATED_REASONS) for j in record["judgements"]
    )


def coverage(records: list[dict]) -> dict:
    """Counts over the archive: records, errors by type, complete per framework, gaps."""
    errors = Counter(r["error"]["type"] for r in records if "error" in r)
    readable = [r for r in records if "error" not in r]
    per_framework = Counter(r["framework"] or "unknown" for r in readable)
    complete = Counter(r["framework"] or "unknown" for r in readable if judgements_complete(r))
    gaps = [
        (r["source"]["path"], [j["judgement"] for j in r["judgements"] if j["grade"] is None and not
                               (j.get("reason") or "").startswith(STATED_REASONS)] or ["no framework"])
        for r in readable
        if not judgements_complete(r)
    ]
    return {"files": len(records), "errors": errors, "per_framework": per_framework, "complete": complete, "gaps": gaps}


def format_coverage(result: dict) -> str:
    readable = sum(result["per_framework"].values())
    complete = sum(result["complete"].values())
    errors = ", ".join(f"{n} {kind}" for kind, n in sorted(result["errors"].items())) or "none"
    lines = [
        f"files: {result['files']}; error records: {errors}",
        f"readable files giving every judgement of their framework (grade or stated reason): {complete} of {readable}",
    ]
    for framework, count in sorted(result["per_framework"].items()):
        lines.append(f"  {framework:<30} {result['complete'][framework]:>4} of {count}")
    for path, missing in result["gaps"]:
        lines.append(f"  missing in {path}: {', '.join(missing)}")
    return "\n".join(lines)
