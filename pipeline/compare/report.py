"""One self-contained HTML report of an archive, readable offline: grade distributions by
framework and year, a theme-by-authority heatmap of weakness shares, authority timelines and
recurring weaknesses. Every figure links to the paragraphs or judgements behind it, in the
same file. Charts are inline SVG; the page runs no script and loads nothing."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from pipeline.compare.archive import Archive, Inspection
from pipeline.compare.grades import SCALE, describe_change, overall_change
from pipeline.compare.profiles import share, stance_counts
from pipeline.compare.recurring import recurring_weaknesses
from pipeline.compare.search import paragraph_label, place
from pipeline.nlp.labels import THEMES
from pipeline.records import atomic_writer
from pipeline.resources import data_text

GRADE_COLOURS = {
    "outstanding": "#1a7f37", "good": "#7cc47f", "adequate": "#f2d16b",
    "requires_improvement": "#f0a04b", "inadequate": "#c9302c", None: "#bbbbbb",
}
GRADE_ORDER = sorted(SCALE, key=SCALE.get, reverse=True)


def anchor(*parts: object) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "_", str(p).lower()).strip("_") for p in parts)


def headline_judgements(archive: Archive) -> dict[str | None, str]:
    """Per framework, the judgement a chart shows: overall effectiveness where the framework's
    reports grade it, else its first judgement that they grade (ILACS 2026 gives no overall grade)."""
    graded: dict[str | None, list[str]] = defaultdict(list)
    for inspection in archive.inspections:
        for slug, grade in inspection.grades.items():
            if grade and slug not in graded[inspection.framework]:
                graded[inspection.framework].append(slug)
    return {f: ("overall_effectiveness" if "overall_effectiveness" in slugs else slugs[0]) for f, slugs in graded.items() if slugs}


def words(slug: str | None) -> str:
    return (slug or "not given").replace("_", " ")


def grade_chart(archive: Archive) -> tuple[str, str]:
    """Stacked bars per framework and year of the headline grade; each segment links to the
    list of its reports with the judgement as printed. Returns (charts, evidence)."""
    headline = headline_judgements(archive)
    cells: dict[tuple[str, int, str | None], list[Inspection]] = defaultdict(list)
    for inspection in archive.inspections:
        slug = headline.get(inspection.framework)
        if inspection.framework and inspection.year and slug:
            cells[(inspection.framework, inspection.year, inspection.grades.get(slug))].append(inspection)
    charts, evidence = [], []
    for framework in sorted({f for f, _, _ in cells}):
        years = sorted({y for f, y, _ in cells if f == framework})
        judgement = headline[framework]
        tallest = max(sum(len(v) for (f, y, _), v in cells.items() if f == framework and y == year) for year in years)
        bar, gap, height = 34, 14, 160
        width = len(years) * (bar + gap) + 40
        parts = [f'<svg class="chart" role="img" width="{width}" height="{height + 40}" aria-label="{escape(framework)} grades by year">']
        for index, year in enumerate(years):
            x, y_top = 30 + index * (bar + gap), height
            for grade in [*GRADE_ORDER, None]:
                reports = cells.get((framework, year, grade), [])
                if not reports:
                    continue
                h = len(reports) / tallest * (height - 10)
                y_top -= h
                target = anchor("grades", framework, year, grade or "none")
                parts.append(
                    f'<a href="#{target}"><rect x="{x}" y="{y_top:.1f}" width="{bar}" height="{h:.1f}" fill="{GRADE_COLOURS[grade]}">'
                    f"<title>{year}: {len(reports)} {words(grade)}</title></rect></a>"
                )
                evidence.append(grade_evidence(target, framework, year, grade, judgement, reports))
            parts.append(f'<text x="{x + bar / 2}" y="{height + 14}" text-anchor="middle">{year}</text>')
        parts.append(f'<text x="2" y="12">{tallest}</text><text x="2" y="{height}">0</text></svg>')
        charts.append(f"<h3>{escape(framework)}: {escape(words(judgement))}</h3>" + "".join(parts))
    return "".join(charts), "".join(evidence)


def grade_evidence(target: str, framework: str, year: int, grade: str | None, judgement: str, reports: list[Inspection]) -> str:
    items = []
    for inspection in reports:
        found = next((j for j in inspection.record.get("judgements", []) if j["judgement"] == judgement), {})
        printed = (found.get("evidence") or {}).get("text") or found.get("reason") or ""
        page = (found.get("evidence") or {}).get("page")
        items.append(
            f'<div class="para"><a href="#{anchor("report", inspection.id)}">{escape(inspection.authority)}</a>, {escape(inspection.date or "")}'
            f'<div class="cite">{"page " + str(page) + ": " if page else ""}{escape(printed)}</div></div>'
        )
    return (
        f'<div class="evidence" id="{target}"><h3>{escape(framework)} {year}: {escape(words(judgement))} '
        f"{escape(words(grade))} ({len(reports)})</h3>{''.join(items)}</div>"
    )


def paragraph_html(inspection: Inspection, paragraph: dict) -> str:
    where = place(paragraph_label(paragraph.get("number")), paragraph.get("page"))
    return (
        f'<div class="para"><div class="cite">{escape(inspection.authority)}, {escape(inspection.date or "")}, {escape(where)} '
        f'[{escape(paragraph.get("stance") or "")}; {escape(", ".join(paragraph.get("themes") or []))}]</div>'
        f"{escape(paragraph['text'])}</div>"
    )


def heatmap(archive: Archive) -> tuple[str, str]:
    """Authorities (latest report) by theme, coloured by the share of weakness paragraphs;
    each cell links to those paragraphs."""
    latest = sorted(archive.latest(), key=lambda i: i.authority.lower())
    head = "".join(f'<th class="theme">{escape(words(t))}</th>' for t in THEMES)
    rows, evidence = [], []
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
            title = f"{inspection.authority}, {words(theme)}: {weak} of {total} paragraphs weaknesses"
            if weak:
                target = anchor("weak", inspection.key, theme)
                paragraphs = [p for p in inspection.record.get("paragraphs", []) if theme in (p.get("themes") or []) and p.get("stance") == "weakness"]
                evidence.append(
                    f'<div class="evidence" id="{target}"><h3>{escape(inspection.authority)} ({escape(inspection.date or "")}): '
                    f"weaknesses on {escape(words(theme))}</h3>{''.join(paragraph_html(inspection, p) for p in paragraphs)}</div>"
                )
                cells.append(f'<td style="background:{colour}" title="{escape(title)}"><a href="#{target}">{weak}</a></td>')
            else:
                cells.append(f'<td style="background:{colour}" title="{escape(title)}"></td>')
        rows.append(f'<tr><th class="la"><a href="#{anchor("timeline", inspection.key)}">{escape(inspection.authority)}</a></th>{"".join(cells)}</tr>')
    table = f'<div class="heatmap"><table><tr><th></th>{head}</tr>{"".join(rows)}</table></div>'
    return table, "".join(evidence)


def timelines(archive: Archive) -> str:
    blocks = []
    for inspections in sorted(archive.by_authority().values(), key=lambda v: v[0].authority.lower()):
        rows = []
        for index, inspection in enumerate(inspections):
            grade = inspection.grades.get("overall_effectiveness")
            rows.append(
                f'<tr><td><a href="#{anchor("report", inspection.id)}">{escape(inspection.date or "")}</a></td>'
                f"<td>{escape(inspection.framework or '')}</td><td class=\"g-{grade}\">{escape(words(grade))}</td>"
                f"<td>{escape(describe_change(overall_change(inspections, index)))}</td>"
                f"<td>{len(inspection.record.get('recommendations', []))}</td></tr>"
            )
        region = f" ({escape(inspections[0].region)})" if inspections[0].region else ""
        blocks.append(
            f'<div id="{anchor("timeline", inspections[0].key)}"><h3>{escape(inspections[0].authority)}{region}</h3>'
            f"<table><tr><th>inspection ended</th><th>framework</th><th>overall effectiveness</th><th>change</th>"
            f"<th>recommendations</th></tr>{''.join(rows)}</table></div>"
        )
    return "".join(blocks)


ADDRESSEES = {"local_authority": "the local authority", "lscb": "the LSCB"}


def recommendation_lists(recommendations: list[dict]) -> str:
    """The recommendations of one report, those to the local authority and to the LSCB apart,
    each with its printed number and page."""
    by_addressee: dict[str, list[dict]] = {}
    for r in recommendations:
        by_addressee.setdefault(r.get("addressed_to", "local_authority"), []).append(r)
    parts = []
    for who, items in by_addressee.items():
        rows = "".join(
            f"<li>{escape(r['text'])} <span class=\"cite\">{escape(recommendation_place(r))}</span></li>" for r in items
        )
        parts.append(f"<details><summary>{len(items)} recommendations to {escape(ADDRESSEES.get(who, who))}</summary><ol>{rows}</ol></details>")
    return "".join(parts) or "<p>No recommendations.</p>"


def recommendation_place(r: dict) -> str:
    where = [f"number {r['number']}" if r.get("number") else "", f"page {r['page']}" if r.get("page") else ""]
    return ", ".join(w for w in where if w)


def reports_section(archive: Archive) -> str:
    blocks = []
    for inspection in archive.inspections:
        judgements = "".join(
            f"<tr><td>{escape(j.get('label') or j['judgement'])}</td><td class=\"g-{j.get('grade')}\">{escape(words(j.get('grade')))}</td>"
            f"<td class=\"cite\">{'page ' + str((j.get('evidence') or {}).get('page')) if (j.get('evidence') or {}).get('page') else escape(j.get('reason') or '')}</td></tr>"
            for j in inspection.record.get("judgements", [])
        )
        blocks.append(
            f'<div class="evidence" id="{anchor("report", inspection.id)}"><h3>{escape(inspection.authority)}, '
            f"{escape(inspection.framework or '')}, inspection ending {escape(inspection.date or '')}</h3>"
            f'<div class="cite">{escape(inspection.record["source"]["path"])}</div><table>{judgements}</table>'
            f"{recommendation_lists(inspection.record.get('recommendations', []))}</div>"
        )
    return "".join(blocks)


def recurring_section(archive: Archive) -> str:
    pairs = recurring_weaknesses(archive)
    if not pairs:
        return "<p>No recurring weaknesses at the default similarity.</p>"
    blocks = []
    for pair in pairs:
        sides = []
        for side in ("earlier", "later"):
            where = place(pair[side + "_item"], pair[side + "_page"])
            sides.append(
                f'<div><div class="cite"><a href="#{anchor("report", pair[side + "_report_id"])}">{escape(pair[side + "_date"] or "")}</a>, '
                f"{escape(where)}</div>{escape(pair[side + '_text'])}</div>"
            )
        blocks.append(
            f'<h3>{escape(pair["authority"])}: similarity {pair["similarity"]:.2f} ({escape(pair["shared_themes"] or "no shared theme")})</h3>'
            f'<div class="pair">{"".join(sides)}</div>'
        )
    return f"<p class=\"note\">{len(pairs)} pairs.</p>" + "".join(blocks)


def render_report(archive: Archive) -> str:
    charts, grade_lists = grade_chart(archive)
    table, weakness_lists = heatmap(archive)
    style = data_text("pipeline.compare", "report.css")
    frameworks = Counter(i.framework for i in archive.inspections)
    legend = "".join(f'<span><i style="background:{GRADE_COLOURS[g]}"></i>{escape(words(g))}</span>' for g in [*GRADE_ORDER, None])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ofsted children's services inspections: {len(archive.inspections)} reports</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{style}</style></head>
<body>
<h1>Ofsted children's services inspections</h1>
<p>{len(archive.inspections)} reports of {len(archive.by_authority())} authorities;
{", ".join(f"{escape(f or 'unknown')} {n}" for f, n in sorted(frameworks.items(), key=lambda x: str(x[0])))}.
{len(archive.errors)} unreadable file(s) left out.</p>
<nav><a href="#grades">Grades</a><a href="#heatmap">Weakness heatmap</a><a href="#timelines">Timelines</a>
<a href="#recurring">Recurring weaknesses</a><a href="#reports">Reports</a></nav>
<h2 id="grades">Grade distributions by framework and year</h2>
<p class="note">Each bar is a year's reports; click a segment for the reports and the judgement as printed.</p>
<p class="legend">{legend}</p>{charts}
<h2 id="heatmap">Weakness share by theme, latest inspection of each authority</h2>
<p class="note">Colour: share of the authority's paragraphs on the theme tagged weakness. The number is how many;
click it for the paragraphs. Themes and stance are a trained model's tags, not the inspectors' words.</p>
{table}
<h2 id="timelines">Authority timelines</h2>{timelines(archive)}
<h2 id="recurring">Recurring weaknesses</h2>
<p class="note">A recommendation or weakness of one report and its most similar weakness at the authority's next inspection (TF-IDF cosine, sharing a theme).</p>
{recurring_section(archive)}
<h2 id="evidence">Evidence behind the figures</h2>{grade_lists}{weakness_lists}
<h2 id="reports">Reports</h2>{reports_section(archive)}
</body></html>
"""


def write_report(archive: Archive, path: str | Path) -> None:
    """Write the report atomically (the previous file stays whole if this fails)."""
    with atomic_writer(path) as handle:
        handle.write(render_report(archive))
