"""One self-contained HTML report of an archive, readable offline: grade distributions by
framework and year, a theme-by-authority heatmap of weakness shares per family of
inspection, and a section per authority (its profile: ``profile.profile_section``). Every
figure links to the judgements or paragraphs behind it, in the same file; every statement
carries its citation. Names, grades and dates are in plain words (``words``). Charts are
inline SVG; the page runs no script and loads nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from pipeline.compare import words
from pipeline.compare.archive import FAMILIES, Archive, Inspection
from pipeline.compare.grades import SCALE, answer, question
from pipeline.frameworks import load_frameworks
from pipeline.compare.profile import (
    Page, anchor, cite, grade_colour, html_page, inspection_id, outcome_levels, profile_section, reading_guide,
    section_id, weak_anchor,
)
from pipeline.compare.profiles import share, stance_counts
from pipeline.compare.recurring import recurring_weaknesses
from pipeline.lookup import name_key
from pipeline.nlp.labels import THEMES
from pipeline.records import atomic_writer

GRADE_ORDER = sorted(SCALE, key=SCALE.get, reverse=True)


def headline_judgements(archive: Archive) -> dict[str | None, str]:
    """Per framework, the judgement a chart shows: overall effectiveness where the framework's
    reports grade it, else its first judgement that they grade (ILACS 2026 gives no overall grade)."""
    graded: dict[str | None, list[str]] = defaultdict(list)
    for inspection in archive.inspections:
        for slug, grade in inspection.grades.items():
            if grade and slug not in graded[inspection.framework]:
                graded[inspection.framework].append(slug)
    return {f: ("overall_effectiveness" if "overall_effectiveness" in slugs else slugs[0]) for f, slugs in graded.items() if slugs}


def levels_of(inspection: Inspection) -> list[str | None]:
    """The grades a framework's chart stacks, best first: the four grades, or its own outcomes."""
    if inspection.family.scale == "outcome":
        return [slug for slug, _ in outcome_levels(inspection.family)] + [None]
    uses = next((f.grades for f in load_frameworks() if f.slug == inspection.framework), ()) or GRADE_ORDER
    return [g for g in GRADE_ORDER if g in uses] + [None]


def printed_heading(inspections: list[Inspection], judgement: str) -> str:
    """The judgement's heading as the framework's reports print it (the first that gives one)."""
    for inspection in inspections:
        found = next((j for j in inspection.record.get("judgements", []) if j["judgement"] == judgement), None)
        if found:
            return words.judgement_heading(found)
    return words.slug_words(judgement)


def framework_order(framework: str | None) -> tuple[int, str]:
    """Frameworks in the order of their families, then of the families file (oldest first)."""
    order = [f for family in FAMILIES for f in family.frameworks]
    return (order.index(framework) if framework in order else len(order), str(framework))


def grade_chart(archive: Archive, page: Page) -> tuple[str, str]:
    """Stacked bars per framework and year of the headline grade; each segment links to the
    list of its reports with the judgement as printed. Returns (charts, evidence)."""
    headline = headline_judgements(archive)
    cells: dict[tuple[str, int, str | None], list[Inspection]] = defaultdict(list)
    for inspection in archive.inspections:
        slug = headline.get(inspection.framework)
        if inspection.framework and inspection.year and slug:
            cells[(inspection.framework, inspection.year, inspection.grades.get(slug))].append(inspection)
    charts, evidence = [], []
    frameworks = sorted({f for f, _, _ in cells}, key=framework_order)
    for framework in frameworks:
        reports_of = [i for (f, _, _), v in cells.items() if f == framework for i in v]
        levels = levels_of(reports_of[0])
        years = sorted({y for f, y, _ in cells if f == framework})
        judgement = headline[framework]
        heading = printed_heading(reports_of, judgement)
        tallest = max(sum(len(v) for (f, y, _), v in cells.items() if f == framework and y == year) for year in years)
        bar, gap, height = 34, 14, 160
        width = len(years) * (bar + gap) + 40
        title = words.framework_title(framework)
        parts = [f'<svg class="chart" role="img" width="{width}" height="{height + 40}" aria-label="{escape(title)}: {escape(heading)} by year">']
        for index, year in enumerate(years):
            x, y_top = 30 + index * (bar + gap), height
            for grade in levels:
                reports = cells.get((framework, year, grade), [])
                if not reports:
                    continue
                h = len(reports) / tallest * (height - 10)
                y_top -= h
                target = anchor("grades", framework, year, grade or "none")
                parts.append(
                    f'<a href="#{target}"><rect x="{x}" y="{y_top:.1f}" width="{bar}" height="{h:.1f}" fill="{grade_colour(reports[0], grade)}">'
                    f"<title>{year}: {len(reports)} {escape(words.grade_words(grade))}</title></rect></a>"
                )
                evidence.append(grade_evidence(page, target, framework, year, grade, judgement, heading, reports))
            parts.append(f'<text x="{x + bar / 2}" y="{height + 14}" text-anchor="middle">{year}</text>')
        parts.append(f'<text x="2" y="12">{tallest}</text><text x="2" y="{height}">0</text></svg>')
        legend = "".join(
            f'<span><i style="background:{grade_colour(reports_of[0], g)}"></i>{escape(words.grade_words(g))}</span>' for g in levels
        )
        charts.append(f'<h3>{escape(title)}: {escape(heading)}</h3><p class="legend">{legend}</p><div class="wide">{"".join(parts)}</div>')
    return "".join(charts), "".join(evidence)


def grade_evidence(page: Page, target: str, framework: str, year: int, grade: str | None, judgement: str, heading: str,
                   reports: list[Inspection]) -> str:
    """The reports behind one bar segment: each authority (linked to its inspection's row) with
    the judgement's words as printed, cited to their page."""
    items = []
    for inspection in reports:
        found = next((j for j in inspection.record.get("judgements", []) if j["judgement"] == judgement), {})
        printed = (found.get("evidence") or {}).get("text") or found.get("reason") or ""
        where = (found.get("evidence") or {}).get("page")
        items.append(
            f'<div class="para"><a href="#{inspection_id(inspection)}">{escape(inspection.authority)}</a>, {escape(words.long_date(inspection.date))}'
            f'<div class="note">{escape(printed)} {cite(page, inspection, "", where) if where else ""}</div></div>'
        )
    return (
        f'<div class="evidence" id="{target}"><h3>{escape(words.framework_title(framework))}, {year}: {escape(heading)}: '
        f"{escape(words.grade_words(grade))} ({len(reports)})</h3>{''.join(items)}</div>"
    )


def heatmap(archive: Archive, family) -> str:
    """Authorities (latest report of the family) by theme, coloured by the share of weakness
    paragraphs; each count links to those paragraphs in the authority's section."""
    latest = sorted(archive.latest(family.slug), key=lambda i: i.authority.lower())
    if not latest:
        return ""
    head = "".join(f'<th class="theme">{escape(words.theme_words(t))}</th>' for t in THEMES)
    rows = []
    for inspection in latest:
        counts = stance_counts([inspection])
        cells = []
        for theme in THEMES:
            total, weak = counts[theme]["paragraphs"], counts[theme]["weakness"]
            if not total:
                cells.append("<td></td>")
                continue
            value = share(counts[theme], "weakness") or 0.0
            colour = f"rgba(201, 48, 44, {0.08 + 0.92 * value:.2f})"
            title = f"{inspection.authority}, {words.theme_words(theme).lower()}: {weak} of {total} paragraphs weaknesses"
            link = f'<a href="#{weak_anchor(inspection, theme)}">{weak}</a>' if weak else ""
            cells.append(f'<td style="background:{colour}" title="{escape(title)}">{link}</td>')
        rows.append(f'<tr><th class="la"><a href="#{section_id(inspection)}">{escape(inspection.authority)}</a></th>{"".join(cells)}</tr>')
    return (f'<h3>{escape(family.name)}: the latest inspection of each authority ({len(latest)})</h3>'
            f'<div class="heatmap"><table><tr><th></th>{head}</tr>{"".join(rows)}</table></div>')


def authority_index(archive: Archive) -> str:
    """Every authority, linked to its section, with its latest inspection of each family."""
    items = []
    for inspections in sorted(archive.by_authority().values(), key=lambda v: v[0].authority.lower()):
        latest = []
        for family in FAMILIES:
            mine = [i for i in inspections if i.family.slug == family.slug]
            if mine:
                last = mine[-1]
                if family.scale == "outcome":
                    grade = next((j.get("grade") for j in last.record.get("judgements", []) if j.get("grade")), None)
                    said = words.grade_words(grade) if grade else "outcome not found"
                else:
                    grade = answer(last, question("overall"))
                    said = f"overall effectiveness {words.grade_words(grade)}" if grade else "no overall effectiveness grade"
                latest.append(f"{family.short} {words.long_date(last.date)}: {said}")
        items.append(f'<li><a href="#{section_id(inspections[0])}">{escape(inspections[0].authority)}</a> '
                     f'<span class="note">{escape("; ".join(latest))}</span></li>')
    return f'<ul class="index">{"".join(items)}</ul>'


def render_report(archive: Archive, folder: str | Path | None = None) -> str:
    """The report as one HTML page; report files are linked relative to ``folder`` (the one the
    page is written to), when they are there."""
    groups = archive.by_authority()
    page = Page(Path(folder) if folder is not None else None)
    charts, grade_lists = grade_chart(archive, page)
    page.sections = {name_key(v[0].authority): section_id(v[0]) for v in groups.values()}
    page.recurring = recurring_weaknesses(archive)
    frameworks = Counter(i.framework for i in archive.inspections)
    counts = "".join(f"<li>{escape(words.framework_title(f))}: {n}</li>" for f, n in sorted(frameworks.items(), key=lambda x: framework_order(x[0])))
    sections = "".join(profile_section(archive, v, page, level=3) for v in sorted(groups.values(), key=lambda v: v[0].authority.lower()))
    heatmaps = "".join(heatmap(archive, family) for family in FAMILIES)
    body = f"""<h1>Ofsted children's services inspections</h1>
<p>{len(archive.inspections)} reports of {len(groups)} authorities ({len(archive.errors)} unreadable file(s) left out):</p>
<ul class="counts">{counts}</ul>
{reading_guide()}
<nav><a href="#grades">Grades</a><a href="#heatmap">Weaknesses by theme</a><a href="#authorities">Authorities</a><a href="#evidence">Evidence</a></nav>
<h2 id="grades">Grades by framework and year</h2>
<p class="note">Each bar is a year's reports (by the last day on site); click a segment for the reports and the judgement as printed.</p>
{charts}
<h2 id="heatmap">Weakness share by theme, latest inspection of each authority</h2>
<p class="note">Colour: the share of the authority's paragraphs on the theme that the model reads as weaknesses. The number is how many;
click it for the paragraphs, in the authority's section.</p>
{heatmaps}
<h2 id="authorities">Authorities</h2>{authority_index(archive)}
{sections}
<h2 id="evidence">Evidence behind the grade charts</h2>{grade_lists}"""
    return html_page(f"Ofsted children's services inspections: {len(archive.inspections)} reports", body)


def write_report(archive: Archive, path: str | Path) -> None:
    """Write the report atomically (the previous file stays whole if this fails)."""
    path = Path(path)
    text = render_report(archive, path.parent)
    with atomic_writer(path) as handle:
        handle.write(text)
