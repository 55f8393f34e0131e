"""Segmented -> Facts: what the report states about itself, read by the rules its framework
file names. Nothing is guessed: what is not found is None with a warning."""

from __future__ import annotations

from datetime import date

from pipeline.facts.area import partnership_name, read_outcome, read_partnership, read_previous, unread_sections
from pipeline.facts.authority import check_authority
from pipeline.facts.checks import date_warnings
from pipeline.facts.front import (
    file_name_date,
    first_page_lines,
    front_lines,
    inspection_dates,
    lead_inspectors,
    local_authority,
    published,
)
from pipeline.facts.judgements import block_statements, read_judgements
from pipeline.facts.recommendations import read_recommendations
from pipeline.facts.sections import paragraph_sections, unread_grade_headings
from pipeline.facts.urn import find_urn
from pipeline.frameworks import Framework, detect_framework
from pipeline.lookup import Lookup
from pipeline.types import Facts, Segmented


def inspection_type(framework: Framework, ranges: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """Short or standard from the days on site (over every printed range: an inspection paused
    and resumed counts the days of both parts), for frameworks that have both; and how."""
    if framework.short_max_days is None:
        return None, None
    if not ranges:
        return None, "inspection type not derived: the inspection dates were not found"
    days = sum((date.fromisoformat(end) - date.fromisoformat(start)).days + 1 for start, end in ranges)
    if days <= framework.short_max_days:
        kind = "short"
    elif days <= framework.standard_max_days:
        kind = "standard"
    else:
        return None, f"inspection type not derived: {days} days on site fits neither a short nor a standard inspection"
    parts = f" in {len(ranges)} parts" if len(ranges) > 1 else ""
    return kind, f"derived from the inspection dates: {days} days from first to last day on site{parts} ({kind})"


def read_facts(segmented: Segmented, lookup: Lookup | None = None) -> Facts:
    """Everything the report states about itself, read by its framework file's rules; with a
    reference table of authorities, the authority checked against it."""
    document = segmented.document
    lines = front_lines(document)
    front_text = "\n".join(line.text for line in lines)
    ranges, note = inspection_dates(lines)
    start = min((s for s, _ in ranges), default=None)
    end = max((e for _, e in ranges), default=None)
    title_text = "\n".join(line.text for line in first_page_lines(document))
    framework, problem = detect_framework(title_text, start)
    warnings = [problem] if problem else []
    evidence: dict[str, str] = {}
    authority = local_authority(lines, framework)
    urn, urn_source = find_urn(front_text, document.source.path)
    matched, doubts = check_authority(authority, urn, lookup)
    warnings += doubts
    warnings += [note] if note else []
    patterns, order = (framework.lead_inspector_patterns, framework.lead_inspector_order) if framework else ((), ())
    inspectors = lead_inspectors(lines, patterns, order) or lead_inspectors(document.lines(), patterns, order)
    printed = published(lines)
    named = None if printed else file_name_date(document.source.path)
    published_on = printed or named
    published_source = "report" if printed else "file_name" if named else None
    expected = [("local_authority", authority), ("inspection dates", ranges or None), ("lead_inspector", inspectors or None)]
    if framework is None or framework.prints_published:
        expected.append(("published", printed))
    else:
        evidence["published"] = f"not printed in {framework.slug} reports"
    warnings += [f"{field} not found in the report" for field, value in expected if value is None]
    if named:
        evidence["published"] = (evidence.get("published", "not printed in the report") + f"; taken from the file name ({named})")
    if len(ranges) > 1:
        evidence["inspection_dates"] = f"the report prints {len(ranges)} date ranges; inspection_start and inspection_end span them"
    warnings += date_warnings(framework, ranges, published_on)
    kind, judgements, recommendations, statements = None, (), (), []
    partnership = previous = follow_up = None
    if framework is not None:
        blocks = list(segmented.blocks)
        kind, how = inspection_type(framework, ranges)
        if how and kind:
            evidence["inspection_type"] = how
        elif how:
            warnings.append(how)
        statements = block_statements(blocks, framework)
        judgements, found = read_judgements(statements, document.tables, framework, front_text, start)
        recommendations, listed = read_recommendations(blocks, framework, front_text, document.source.format == "pdf")
        warnings += found + listed
        outcome, follow_up, doubted = read_outcome(blocks, framework)
        judgements = (*judgements, outcome) if outcome else judgements
        partnership, named_members = read_partnership(blocks, framework, partnership_name(lines, framework), authority)
        previous, printed_previous = read_previous(lines, framework)
        warnings += doubted + named_members + printed_previous + unread_sections(segmented, framework)
    grades = {j.judgement: j.grade for j in judgements}
    sections = paragraph_sections(segmented, framework, grades, statements)
    warnings += unread_grade_headings(segmented, framework, sections)
    return Facts(
        local_authority=authority,
        authority=matched,
        urn=urn,
        urn_source=urn_source,
        framework=framework.slug if framework else None,
        inspection_type=kind,
        inspection_start=start,
        inspection_end=end,
        inspection_dates=tuple(ranges),
        published=published_on,
        published_source=published_source,
        lead_inspector=inspectors[0] if inspectors else None,
        lead_inspectors=tuple(inspectors),
        judgements=judgements,
        recommendations=recommendations,
        paragraph_sections=sections,
        evidence=tuple(evidence.items()),
        warnings=tuple(warnings),
        partnership=partnership,
        previous_inspection=previous,
        follow_up=follow_up,
    )


__all__ = ["read_facts"]
