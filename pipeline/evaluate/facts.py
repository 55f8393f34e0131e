"""Score report facts against the hand-checked gold set, and the peer tool's CSV beside them.

The gold set (``corpus/gold/facts-*.jsonl``) names each file by its path under the reports
folder and its SHA-256; the report itself is read from the reports folder the user names.
Scores are per field and per framework; a judgement counts once per judgement of the report.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from pipeline.frameworks import printed_label

FIELDS = (
    "local_authority",
    "framework",
    "inspection_type",
    "inspection_start",
    "inspection_end",
    "published",
    "lead_inspector",
    "recommendations",
    "numbered_paragraphs",
)
# Peer CSV columns for our fields and judgements.
PEER_FIELDS = {
    "inspection_type": "inspection_framework",
    "inspection_start": "inspection_start_date",
    "inspection_end": "inspection_end_date",
    "published": "publication_date",
    "lead_inspector": "inspector_name",
}
PEER_JUDGEMENTS = {
    "overall_effectiveness": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "children_in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
PEER_GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    "inadequate": "inadequate",
    "adequate": "adequate",
    "not_reported_post_reform": None,
}


def load_gold(folder: str | Path) -> list[dict]:
    items = []
    for path in sorted(Path(folder).glob("facts-*.jsonl")):
        items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items


def same_name(a: str | None, b: str | None) -> bool:
    fold = lambda s: re.sub(r"[\s\-]+", " ", (s or "").replace("’", "'").lower()).strip()  # noqa: E731
    return fold(a) == fold(b) and a is not None


def peer_date(value: str) -> str | None:
    for form in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(value.strip(), form).date().isoformat()
        except ValueError:
            pass
    return None


def load_peer(path: str | Path) -> dict[tuple[str, str], dict]:
    """Peer rows by (urn, file name)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return {(row["urn"], row["pdf_filename"]): row for row in csv.DictReader(handle)}


def peer_values(row: dict | None) -> tuple[dict, dict]:
    """The peer's fields and judgement grades in our vocabulary (None where blank or unreadable)."""
    if row is None:
        return {}, {}
    fields = {}
    for ours, theirs in PEER_FIELDS.items():
        value = (row.get(theirs) or "").strip()
        fields[ours] = peer_date(value) if ours in ("inspection_start", "inspection_end", "published") else (value or None)
    judgements = {}
    for ours, theirs in PEER_JUDGEMENTS.items():
        value = (row.get(theirs) or "").strip().lower()
        judgements[ours] = PEER_GRADES.get(value, "unreadable" if value else None)
    return fields, judgements


class Tally:
    """Right / total per (framework, field)."""

    def __init__(self):
        self.right = defaultdict(int)
        self.total = defaultdict(int)

    def add(self, framework: str, field: str, ok: bool) -> None:
        for key in ((framework, field), ("all", field)):
            self.total[key] += 1
            self.right[key] += int(ok)

    def accuracy(self, framework: str, field: str) -> float | None:
        total = self.total.get((framework, field), 0)
        return self.right[(framework, field)] / total if total else None


# Fields only some gold files carry (the fresh held-out set and later ones); scored where present.
OPTIONAL_FIELDS = ("recommendations_la", "recommendations_lscb", "inspection_dates", "lead_inspectors")
# Scored where the record was made with a reference table: the URN the authority matched is the
# one of the folder the gold file names ("80428_bedford/...").
TABLE_FIELDS = ("authority",)
# The words a warning uses when it names a field: a wrong value whose record warns about its
# field is a doubt the user was told of; one with no such warning is the worst defect.
WARNING_NAMES = {
    "local_authority": ("local_authority", "authority"),
    "authority": ("local_authority", "authority"),
    "framework": ("framework", "layout"),
    "inspection_type": ("inspection_type", "inspection type"),
    "inspection_start": ("inspection_start", "inspection date"),
    "inspection_end": ("inspection_end", "inspection date"),
    "inspection_dates": ("inspection_dates", "inspection date"),
    "published": ("published",),
    "lead_inspector": ("lead_inspector", "lead inspector"),
    "lead_inspectors": ("lead_inspector", "lead inspector"),
    "recommendations": ("recommendation",),
    "recommendations_la": ("recommendation",),
    "recommendations_lscb": ("recommendation",),
    "recommendation_items": ("recommendation",),
    "numbered_paragraphs": ("paragraph numbering", "numbered_paragraphs", "paragraph"),
    "sections": ("section",),
}


def derived_field(record: dict, field: str):
    """A record's value for a gold field; counts for the fields the gold set counts."""
    if not record:
        return None
    recommendations = record.get("recommendations", [])
    if field == "recommendations":
        return len(recommendations)
    if field == "recommendations_lscb":
        return sum(1 for r in recommendations if r.get("addressed_to") == "lscb")
    if field == "recommendations_la":
        return sum(1 for r in recommendations if r.get("addressed_to", "local_authority") == "local_authority")
    if field == "numbered_paragraphs":
        numbers = [int(p["number"]) for p in record["paragraphs"] if p["number"]]
        return max(numbers) if numbers else None
    if field == "inspection_dates":
        dates = record.get("inspection_dates")
        if dates is None and record.get("inspection_start"):
            dates = [{"start": record["inspection_start"], "end": record["inspection_end"]}]
        return [(d["start"], d["end"]) for d in dates or []]
    if field == "lead_inspectors":
        names = record.get("lead_inspectors") or ([record["lead_inspector"]] if record.get("lead_inspector") else [])
        return [name_key(n) for n in names]
    if field == "authority":
        return (record.get("authority") or {}).get("urn")
    if field == "published":  # the gold files hold the date as printed; one from the file name is not printed
        return record.get("published") if record.get("published_source", "report") == "report" else None
    return record.get(field)


def gold_value(item: dict, field: str):
    if field == "recommendations_la":
        return item["recommendations"] - item["recommendations_lscb"]
    if field == "inspection_dates":
        return [(d["start"], d["end"]) for d in item["inspection_dates"]]
    if field == "lead_inspectors":
        return [name_key(n) for n in item["lead_inspectors"]]
    if field == "authority":
        return item["file"].split("_", 1)[0]
    return item[field]


def gold_has(item: dict, field: str) -> bool:
    needs = {"recommendations_la": "recommendations_lscb"}.get(field, field)
    return needs in item


def name_key(name: str | None) -> str:
    return re.sub(r"[\s\-]+", " ", (name or "").replace("’", "'").lower()).strip()


def first_words(text: str, count: int = 5) -> str:
    return " ".join(re.findall(r"[\w']+", text.replace("’", "'").lower())[:count])


def item_matches(want: dict, got: dict | None) -> bool:
    """A recommendation as the gold file describes it: whom it addresses, its printed number,
    its page and its first words (its list heading is compared after folding)."""
    if got is None:
        return False
    return (
        want["addressed_to"] == got.get("addressed_to")
        and (want.get("number") or None) == got.get("number")
        and want["page"] == got.get("page")
        and first_words(want["first_words"]) == first_words(got["text"])
        and fold_label(want.get("list")) == fold_label(got.get("list"))
    )


def fold_label(text: str | None) -> str:
    """A heading compared without case, punctuation or a bracketed acronym ("(LSCB)")."""
    text = re.sub(r"\([^)]*\)", " ", (text or "").lower())
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]", " ", text)).strip()


def section_matches(want: dict, record: dict) -> bool:
    """Every numbered paragraph from the section's first to its last is filed under its
    heading (as records show it: a judgement's label with the grade taken out) with its grade."""
    if want.get("first_paragraph") is None:
        return True
    numbers = range(int(want["first_paragraph"]), int(want["last_paragraph"]) + 1)
    by_number = {p["number"]: p for p in record.get("paragraphs", []) if p["number"]}
    label = fold_label(printed_label(want["heading"]))
    return all(
        str(n) in by_number
        and fold_label(by_number[str(n)]["section"]) == label
        and by_number[str(n)]["section_grade"] == want["grade"]
        for n in numbers
    )


def warned(record: dict, field: str) -> bool:
    """Does the record say it is unsure of this field?"""
    names = WARNING_NAMES.get(field, (field,))
    if field.startswith("judgement "):
        names = (field,)
    return any(name in warning.lower() for warning in record.get("warnings", []) for name in names)


def score(gold: Iterable[dict], records: dict[str, dict], peer: dict | None) -> dict:
    """Per-field accuracy for the pipeline's records (by file) and for the peer CSV; the
    mistakes, and those whose record gives no warning about the field."""
    ours, theirs = Tally(), Tally()
    invented, mistakes, unwarned = [], [], []

    def judge(item: dict, record: dict, field: str, ok: bool, got, want, framework: str) -> None:
        ours.add(framework, "judgements" if field.startswith("judgement ") else field, ok)
        if not ok:
            line = f"{item['file']}: {field} got {got!r}, gold {want!r}"
            mistakes.append(line)
            if not warned(record, field):
                unwarned.append(line)

    for item in gold:
        framework = item["framework"] or "none"
        record = records.get(item["file"])
        if record is None or "error" in record:
            record = {}
        tabled = [f for f in TABLE_FIELDS if "authority" in record]
        for field in (*FIELDS, *(f for f in OPTIONAL_FIELDS if gold_has(item, f)), *tabled):
            got, want = derived_field(record, field), gold_value(item, field)
            ok = same_name(got, want) if field in ("local_authority", "lead_inspector") else got == want
            judge(item, record, field, ok, got, want, framework)
        grades = {j["judgement"]: j["grade"] for j in record.get("judgements", [])}
        for slug, want in item["judgements"].items():
            got = grades.get(slug, "missing")
            judge(item, record, f"judgement {slug}", got == want, got, want, framework)
        for slug, got in grades.items():
            if slug not in item["judgements"] and got is not None:
                invented.append(f"{item['file']}: judgement {slug} = {got} not in the report")
        items = record.get("recommendations", [])
        for index, want in enumerate(item.get("recommendation_items", [])):
            got = items[index] if index < len(items) else None
            shown = {k: got.get(k) for k in ("addressed_to", "number", "page", "list")} | {"words": first_words(got["text"])} if got else None
            judge(item, record, "recommendation_items", item_matches(want, got), shown, want, framework)
        for want in item.get("sections", []):
            judge(item, record, "sections", section_matches(want, record), "(paragraphs filed elsewhere)", want, framework)
        if peer is not None:
            urn, name = item["file"].split("_", 1)[0], item["file"].rsplit("/", 1)[-1]
            peer_fields, peer_grades = peer_values(peer.get((urn, name)))
            for field in PEER_FIELDS:
                got, want = peer_fields.get(field), item[field]
                ok = same_name(got, want) if field == "lead_inspector" else got == want
                theirs.add(framework, field, ok)
            for slug, want in item["judgements"].items():
                if slug in PEER_JUDGEMENTS:
                    theirs.add(framework, "judgements", peer_grades.get(slug, "missing") == want)
    return {"ours": ours, "peer": theirs, "invented": invented, "mistakes": mistakes, "unwarned": unwarned}


SHORT_NAMES = {
    "protection_of_children_2012": "poc2012",
    "looked_after_children_2012": "lac2012",
    "sif_2013": "sif2013",
    "ilacs_2018": "ilacs2018",
    "ilacs_2026": "ilacs2026",
}


def format_table(tally: Tally, frameworks: list[str], fields: tuple[str, ...]) -> str:
    """Accuracy per field (rows) and framework (columns); "-" where a field was not scored."""
    columns = ["all", *frameworks]
    names = [SHORT_NAMES.get(c, c) for c in columns]
    lines = ["field".ljust(20) + "".join(n.rjust(10) for n in names)]
    for field in fields:
        cells = []
        for column in columns:
            accuracy = tally.accuracy(column, field)
            cells.append("-" if accuracy is None else f"{accuracy:.1%}")
        lines.append(field.ljust(20) + "".join(c.rjust(10) for c in cells))
    lines.append("files".ljust(20) + "".join(str(tally.total.get((c, "framework"), 0)).rjust(10) for c in columns))
    return "\n".join(lines)


def format_report(result: dict, frameworks: list[str]) -> str:
    scored = [f for f in (*FIELDS, *OPTIONAL_FIELDS, *TABLE_FIELDS, "recommendation_items", "sections") if result["ours"].total.get(("all", f))]
    ours = format_table(result["ours"], frameworks, (*scored, "judgements"))
    peer_fields = (*PEER_FIELDS, "judgements")
    theirs = format_table(result["peer"], frameworks, peer_fields).splitlines()
    theirs = "\n".join(theirs[:-1])  # the file count is the same
    return f"this pipeline:\n{ours}\n\npeer tool (peer_history.csv) on the same files:\n{theirs}"


# Area SEND gold (corpus/gold/send): its own fields, read from the record's partnership,
# previous_inspection, follow_up and outcome judgement.
SEND_FIELDS = (
    "framework", "partnership", "local_authority", "icb", "inspection_start", "inspection_end", "previous_inspection",
    "outcome", "outcome_page", "next_full_inspection", "priority_action_plan", "monitoring_inspection",
    "lead_inspector", "lead_inspectors", "recommendations", "priority_actions", "recommendation_items", "sections",
)
SEND_WARNINGS = {"partnership": ("partnership",), "local_authority": ("partnership",), "icb": ("partnership",),
                 "outcome": ("inspection_outcome", "outcome"), "outcome_page": ("inspection_outcome",),
                 "next_full_inspection": ("follow_up",), "previous_inspection": ("previous_inspection",)}


def outcome_of(record: dict) -> dict:
    """The judgement that holds the outcome: the one whose grade is no grade of the four."""
    for judgement in record.get("judgements", []):
        if judgement["judgement"].endswith("outcome"):
            return judgement
    return {}


def in_list(record: dict, words: str) -> list[dict]:
    return [r for r in record.get("recommendations", []) if words in fold_label(r.get("list"))]


def send_value(record: dict, field: str):
    """A record's value for a SEND gold field, in the gold file's form."""
    partnership = record.get("partnership") or {}
    follow_up = record.get("follow_up") or {}
    outcome = outcome_of(record)
    previous = record.get("previous_inspection")
    spans = lambda items: [(d["start"], d["end"]) for d in items]  # noqa: E731
    return {
        "framework": record.get("framework"),
        "partnership": name_key(partnership.get("name")),
        "local_authority": name_key(partnership.get("local_authority")),
        "icb": sorted(name_key(n) for n in partnership.get("icb", [])),
        "inspection_start": record.get("inspection_start"),
        "inspection_end": record.get("inspection_end"),
        "previous_inspection": (spans(previous["full_inspection"]), spans(previous["revisit"]), previous["none"]) if previous else None,
        "outcome": outcome.get("grade"),
        "outcome_page": (outcome.get("evidence") or {}).get("page"),
        "next_full_inspection": name_key(follow_up.get("next_full_inspection")) or None,
        "priority_action_plan": follow_up.get("priority_action_plan"),
        "monitoring_inspection": follow_up.get("monitoring_inspection"),
        "lead_inspector": name_key(record.get("lead_inspector")),
        "lead_inspectors": [name_key(n) for n in record.get("lead_inspectors", [])],
        "recommendations": len(in_list(record, "improvement")),
        "priority_actions": len(in_list(record, "priority")),
    }.get(field)


def send_gold_value(item: dict, field: str):
    previous = item["previous_inspection"]
    spans = lambda items: [(d["start"], d["end"]) for d in items]  # noqa: E731
    icb = item["icb"] if isinstance(item["icb"], list) else [item["icb"]]
    return {
        "partnership": name_key(item["partnership"]),
        "local_authority": name_key(item["local_authority"]),
        "icb": sorted(name_key(n) for n in icb),
        "previous_inspection": (spans(previous["full_inspection"]), spans(previous["revisit"]), bool(previous.get("none"))),
        "next_full_inspection": name_key(item["next_full_inspection"]) or None,
        "lead_inspector": name_key(item["lead_inspector"]),
        "lead_inspectors": [name_key(n) for n in item["lead_inspectors"]],
    }.get(field, item.get(field))


def send_item_matches(want: dict, got: dict | None) -> bool:
    """An area for improvement or priority action: its first words, page and addressee slug."""
    return (
        got is not None
        and first_words(want["first_words"]) == first_words(got["text"])
        and want["page"] == got.get("page")
        and want["addressed_to_slug"] == got.get("addressed_to")
    )


def send_sections(record: dict) -> list[tuple[str, int]]:
    """The question headings (those that end with a question mark) with their paragraph counts, in order."""
    counts: dict[str, int] = {}
    for paragraph in record.get("paragraphs", []):
        section = paragraph.get("section") or ""
        if section.rstrip().endswith("?"):
            counts[section] = counts.get(section, 0) + 1
    return [(fold_label(s), n) for s, n in counts.items()]


def score_send(gold: Iterable[dict], records: dict[str, dict]) -> dict:
    """Per-field accuracy on the area SEND gold; an outcome given that the report does not
    state is an invented one; a file with no record, or an error record, fails every field."""
    ours = Tally()
    invented, mistakes, unwarned = [], [], []
    for item in gold:
        record = records.get(item["file"])
        record = {} if record is None or "error" in record else record
        framework = item["framework"]

        def judge(field: str, ok: bool, got, want) -> None:
            ours.add(framework, field, ok)
            if not ok:
                line = f"{item['file']}: {field} got {got!r}, gold {want!r}"
                mistakes.append(line)
                names = SEND_WARNINGS.get(field, WARNING_NAMES.get(field, (field,)))
                if not any(n in w.lower() for w in record.get("warnings", []) for n in names):
                    unwarned.append(line)

        for field in SEND_FIELDS:
            if field in ("recommendation_items", "sections"):
                continue
            got, want = send_value(record, field), send_gold_value(item, field)
            judge(field, got == want, got, want)
        if send_value(record, "outcome") not in (None, item["outcome"]):
            invented.append(f"{item['file']}: outcome {send_value(record, 'outcome')} where the report states {item['outcome']}")
        for key, words in (("recommendation_items", "improvement"), ("priority_action_items", "priority")):
            listed = in_list(record, words)
            for index, want in enumerate(item[key]):
                got = listed[index] if index < len(listed) else None
                shown = {"page": got.get("page"), "addressed_to": got.get("addressed_to"), "words": first_words(got["text"])} if got else None
                judge("recommendation_items", send_item_matches(want, got), shown, want)
        sections = send_sections(record)
        for index, want in enumerate(item["sections"]):
            got = sections[index] if index < len(sections) else None
            judge("sections", got == (fold_label(want["heading"]), want["paragraphs"]), got, want)
    return {"ours": ours, "invented": invented, "mistakes": mistakes, "unwarned": unwarned}
