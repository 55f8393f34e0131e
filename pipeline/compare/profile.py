"""An authority's profile, the page a director reads about one authority: its grades over
time on one chart (every framework; area SEND's outcome on a track of its own, never on the
four grades), each inspection's judgements as printed, the latest recommendations of each
family of inspection grouped by theme, weaknesses that came back at the next inspection, and
its theme profile against its region and its statistical neighbours. Every statement carries
its citation (authority, date, paragraph or recommendation, page), linked to the report
file's page where the file is at hand and to the report's entry in the page otherwise.

``write_profile`` writes one authority as a page of its own; ``profile_section`` is the same
section, which ``report`` puts in the main report once per authority. (``profiles`` is the
theme-profile arithmetic this reads.) Inline SVG, no script, nothing fetched."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import quote

from pipeline.compare import words
from pipeline.compare.archive import FAMILIES, Archive, Family, Inspection
from pipeline.compare.grades import QUESTIONS, SCALE, overall_change, question_of
from pipeline.compare.profiles import share, standing
from pipeline.compare.recurring import recurring_weaknesses
from pipeline.compare.search import paragraph_label, place
from pipeline.lookup import name_key
from pipeline.nlp.labels import THEMES
from pipeline.records import atomic_writer
from pipeline.resources import data_text

GRADE_COLOURS = {
    "outstanding": "#1a7f37", "good": "#7cc47f", "adequate": "#f2d16b",
    "requires_improvement": "#f0a04b", "inadequate": "#c9302c", None: "#bbbbbb",
}
# An outcome scale's statements, best first, take these (the Ofsted grade colours' ends and middle).
OUTCOME_COLOURS = ("#1a7f37", "#f0a04b", "#c9302c")
# One colour and marker per question of the judgement map (Okabe-Ito colours, safe for colour blindness),
# and grey for the judgements no question covers (adoption, the LSCB, capacity to improve ...).
SERIES_STYLE = {
    "overall": ("#000000", "circle"), "help_and_protection": ("#0072b2", "square"), "children_in_care": ("#d55e00", "triangle"),
    "care_leavers": ("#009e73", "diamond"), "leaders": ("#cc79a7", "down"), "other": ("#8c8c8c", "dot"),
}
OTHER = "Other judgements (adoption, the LSCB, capacity to improve, ...)"


def anchor(*parts: object) -> str:
    """An id made of words: letters, digits and underscores, parts joined by hyphens."""
    return "-".join(re.sub(r"[^a-z0-9]+", "_", str(p).lower()).strip("_") for p in parts)


def outcome_colour(family: Family, slug: str | None) -> str:
    levels = outcome_levels(family)
    index = next((n for n, (s, _) in enumerate(levels) if s == slug), None)
    return OUTCOME_COLOURS[min(index, len(OUTCOME_COLOURS) - 1)] if index is not None else GRADE_COLOURS[None]


def outcome_levels(family: Family) -> list[tuple[str, str]]:
    """The outcome statements of a family's frameworks (slug, words), best first."""
    levels: list[tuple[str, str]] = []
    for framework in family.frameworks:
        levels += [level for level in words.outcome_scales().get(framework, ()) if level not in levels]
    return levels


def grade_colour(inspection: Inspection, slug: str | None) -> str:
    return outcome_colour(inspection.family, slug) if inspection.family.scale == "outcome" else GRADE_COLOURS.get(slug, GRADE_COLOURS[None])


DARK = {"#1a7f37", "#c9302c"}  # fills that take white text


def grade_pill(inspection: Inspection, slug: str | None) -> str:
    """A grade or outcome in words on its colour."""
    fill = grade_colour(inspection, slug)
    ink = "#fff" if fill in DARK else "#1d1d1f"
    return f'<span class="grade" style="background:{fill};color:{ink}">{escape(words.grade_words(slug))}</span>'


@dataclass
class Page:
    """Where a section is drawn: ids are prefixed per authority so one page can hold many; report
    files are linked relative to the folder the page is written to; ``sections`` are the
    authorities the page holds a section for (a neighbour's name links to its own)."""

    folder: Path | None = None
    sections: dict[str, str] = field(default_factory=dict)  # authority name key -> section id
    recurring: list[dict] | None = None  # recurring_weaknesses of the archive, worked out once per page

    def file_href(self, inspection: Inspection, page: int | None) -> str | None:
        """The report file (its page, for a PDF) relative to the page's folder, if the file is here."""
        source = Path(inspection.record["source"]["path"])
        if self.folder is None or not source.is_file():
            return None
        relative = os.path.relpath(source.resolve(), self.folder.resolve())
        href = quote(Path(relative).as_posix())
        return f"{href}#page={page}" if page and inspection.record["source"].get("format") == "pdf" else href


def section_id(inspection: Inspection) -> str:
    return anchor("authority", inspection.key)


def inspection_id(inspection: Inspection) -> str:
    return anchor("inspection", inspection.id)


def cite(page: Page, inspection: Inspection, item: str, number_page: int | None, short: bool = False) -> str:
    """The citation of one statement (authority, date, where in the report), linked to the
    report file's page, or to the report's entry in this page when the file is not at hand.
    ``short`` shows only where in the report (inside the inspection's own entry), the whole
    citation still its title."""
    where = place(item, number_page) if item else (f"page {number_page}" if number_page else "")
    text = ", ".join(t for t in (inspection.authority, words.long_date(inspection.date) or "date unknown", where) if t)
    href = page.file_href(inspection, number_page) or "#" + inspection_id(inspection)
    return f'<a class="cite" href="{escape(href)}" title="{escape(text)}">{escape(where if short and where else text)}</a>'


# --- the chart ------------------------------------------------------------------------------

WIDTH, LEFT, RIGHT = 1000, 300, 16
GRADE_STEP, OUTCOME_STEP = 40, 24


def marker(shape: str, x: float, y: float, colour: str) -> str:
    r = 5.5
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
    if shape == "dot":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" fill="{colour}"/>'
    points = {
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "down": [(0, r + 1), (r + 1, -r), (-r - 1, -r)],
        "diamond": [(0, -r - 1.5), (r + 1.5, 0), (0, r + 1.5), (-r - 1.5, 0)],
    }[shape]
    return f'<polygon points="{" ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)}" fill="{colour}"/>'


def swatch(colour: str, shape: str) -> str:
    return f'<svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{marker(shape, 8, 8, colour)}</svg>'


def series_of(inspection: Inspection, judgement: str) -> str:
    return question_of(inspection.framework, judgement) or "other"


def chart(inspections: list[Inspection]) -> tuple[str, str]:
    """The authority's grades over time: one panel on the four grades (a line per question of
    the judgement map, grey dots for the judgements none covers), then a track per family that
    states an outcome on its own scale. Each mark links to its inspection's entry. Returns the
    SVG and its legend (HTML, so it wraps on a narrow screen)."""
    dated = [i for i in inspections if words.iso_date(i.date)]
    days = [words.iso_date(i.date) for i in dated] or [date.today()]
    start, end = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    if end.year - start.year < 4:
        start = date(end.year - 4, 1, 1)
    span = (end - start).days

    def x_of(inspection: Inspection) -> float:
        return LEFT + (words.iso_date(inspection.date) - start).days / span * (WIDTH - LEFT - RIGHT)

    parts, y = [], 22
    graded = [i for i in dated if i.family.scale == "grades"]
    parts.append(f'<text class="panel" x="4" y="{y}">Children\'s services: the grade of each judgement</text>')
    top = y + 22
    levels = sorted(SCALE, key=SCALE.get, reverse=True)
    y_grade = {g: top + (max(SCALE.values()) - SCALE[g]) * GRADE_STEP for g in levels}
    for grade in levels:
        gy = y_grade[grade]
        parts.append(f'<line class="grid" x1="{LEFT - 6}" x2="{WIDTH - RIGHT}" y1="{gy}" y2="{gy}"/>')
        parts.append(f'<rect x="{LEFT - 16}" y="{gy - 5}" width="10" height="10" fill="{GRADE_COLOURS[grade]}"/>')
        parts.append(f'<text class="level" x="{LEFT - 20}" y="{gy + 4}" text-anchor="end">{escape(words.grade_words(grade))}</text>')
    series_names = {q.slug: q.name for q in QUESTIONS} | {"other": OTHER}
    offsets = {slug: (index - (len(series_names) - 1) / 2) * 4 for index, slug in enumerate(series_names)}
    lines: dict[str, list[tuple[float, float]]] = {}
    marks = []
    for inspection in graded:
        for judgement in inspection.record.get("judgements", []):
            grade = judgement.get("grade")
            if grade not in SCALE:
                continue
            series = series_of(inspection, judgement["judgement"])
            colour, shape = SERIES_STYLE[series]
            px, py = x_of(inspection) + offsets[series], y_grade[grade]
            if series != "other":
                lines.setdefault(series, []).append((px, py))
            title = (f"{words.long_date(inspection.date)}, {words.framework_title(inspection.framework)}: "
                     f"{words.judgement_heading(judgement)}: {words.grade_words(grade)}")
            marks.append(f'<a href="#{inspection_id(inspection)}">{marker(shape, px, py, colour)}<title>{escape(title)}</title></a>')
    for series, points in lines.items():
        if len(points) > 1:
            parts.append(f'<polyline class="series" points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" '
                         f'stroke="{SERIES_STYLE[series][0]}"/>')
    parts += marks
    if not graded:
        parts.append(f'<text class="empty" x="{LEFT + 10}" y="{top + GRADE_STEP * 1.5}">No children\'s services inspection in this archive.</text>')
    y = top + (max(SCALE.values()) - min(SCALE.values())) * GRADE_STEP + 34
    for family in (f for f in FAMILIES if f.scale == "outcome"):
        reports = [i for i in dated if i.family.slug == family.slug]
        scale = outcome_levels(family)
        parts.append(f'<text class="panel" x="4" y="{y}">{escape(family.name)}: the inspection outcome (its own scale, not a grade)</text>')
        top = y + 20
        y_level = {slug: top + n * OUTCOME_STEP for n, (slug, _) in enumerate(scale)}
        for slug, text in scale:
            ly = y_level[slug]
            parts.append(f'<line class="grid" x1="{LEFT - 6}" x2="{WIDTH - RIGHT}" y1="{ly}" y2="{ly}"/>')
            parts.append(f'<rect x="{LEFT - 16}" y="{ly - 5}" width="10" height="10" fill="{outcome_colour(family, slug)}"/>')
            parts.append(f'<text class="level" x="{LEFT - 20}" y="{ly + 4}" text-anchor="end">{escape(text)}</text>')
        for inspection in reports:
            for judgement in inspection.record.get("judgements", []):
                if judgement.get("grade") not in y_level:
                    continue
                title = f"{words.long_date(inspection.date)}, {words.framework_title(inspection.framework)}: {words.grade_words(judgement['grade'])}"
                parts.append(f'<a href="#{inspection_id(inspection)}">'
                             f'{marker("diamond", x_of(inspection), y_level[judgement["grade"]], outcome_colour(family, judgement["grade"]))}'
                             f"<title>{escape(title)}</title></a>")
        if not reports:
            parts.append(f'<text class="empty" x="{LEFT + 10}" y="{top + OUTCOME_STEP + 4}">No {escape(family.short)} inspection in this archive.</text>')
        y = top + (len(scale) - 1) * OUTCOME_STEP + 34
    axis = y - 10
    parts.append(f'<line class="axis" x1="{LEFT - 6}" x2="{WIDTH - RIGHT}" y1="{axis}" y2="{axis}"/>')
    step = 1 if end.year - start.year <= 14 else 2
    for year in range(start.year, end.year + 1, step):
        tx = LEFT + (date(year, 1, 1) - start).days / span * (WIDTH - LEFT - RIGHT)
        parts.append(f'<line class="tick" x1="{tx:.1f}" x2="{tx:.1f}" y1="{axis}" y2="{axis + 5}"/>'
                     f'<text class="year" x="{tx:.1f}" y="{axis + 18}" text-anchor="middle">{year}</text>')
    for inspection in dated:
        ix = x_of(inspection)
        parts.insert(0, f'<line class="when" x1="{ix:.1f}" x2="{ix:.1f}" y1="30" y2="{axis}"/>')
    height = axis + 26
    name = escape(dated[0].authority if dated else "")
    svg = (f'<svg class="timeline-chart" role="img" viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMinYMin meet" '
           f'aria-label="{name}: grades and outcomes over time">{"".join(parts)}</svg>')
    shown = {series_of(i, j["judgement"]) for i in graded for j in i.record.get("judgements", []) if j.get("grade") in SCALE}
    items = [f"<li>{swatch(*SERIES_STYLE[s])}{escape(series_names[s])}</li>" for s in series_names if s in shown]
    items += [f'<li>{swatch("#555", "diamond")}{escape(f.short[:1].upper() + f.short[1:])} outcome</li>' for f in FAMILIES if f.scale == "outcome"]
    legend = ('<ul class="legend chart-legend">' + "".join(items) + "</ul>"
              '<p class="note">A mark is one judgement of one inspection, at the date its inspectors left; its colour and shape say which '
              "question it answers (the judgement names differ by framework: the inspections table below gives each as printed). "
              "Adequate (2012 frameworks) sits half a step above requires improvement. Click a mark for its inspection.</p>")
    return svg, legend


# --- the parts of a section -------------------------------------------------------------------


def facts_block(archive: Archive, inspections: list[Inspection], page: Page) -> str:
    last = inspections[-1]
    rows = [("Region", last.region), ("LA code", last.la_code), ("ONS code", last.ons_code), ("Ofsted URN", last.urn)]
    if archive.lookup is not None and last.urn:
        names = []
        for neighbour in archive.lookup.neighbours(last.urn):
            target = page.sections.get(name_key(neighbour.name))
            names.append(f'<a href="#{target}">{escape(neighbour.name)}</a>' if target else escape(neighbour.name))
        rows.append(("Statistical neighbours", ", ".join(names) or None))
    cells = "".join(f"<dt>{escape(k)}</dt><dd>{v if k == 'Statistical neighbours' else escape(str(v))}</dd>" for k, v in rows if v)
    if archive.lookup is None:
        cells += "<dt>Region and neighbours</dt><dd>not known: give a lookup table (--la-lookup) for them</dd>"
    return f'<dl class="facts">{cells}</dl>'


def judgement_items(page: Page, inspection: Inspection) -> str:
    items = []
    for j in inspection.record.get("judgements", []):
        evidence = j.get("evidence") or {}
        where = cite(page, inspection, "", evidence.get("page"), short=True) if evidence.get("page") else ""
        why = f' <span class="note">({escape(j["reason"])})</span>' if not j.get("grade") and j.get("reason") else ""
        items.append(
            f"<li>{escape(words.judgement_heading(j))}: {grade_pill(inspection, j.get('grade'))}{why} {where}</li>"
        )
    return "<ul class=\"judgements\">" + "".join(items) + "</ul>" if items else '<p class="note">No judgement found.</p>'


def inspections_table(page: Page, inspections: list[Inspection]) -> str:
    """Every inspection, oldest first: when, the framework, the file, and each judgement as
    printed with its grade in words and the page it stands on."""
    rows = []
    by_family: dict[str, list[Inspection]] = {}
    for inspection in inspections:
        by_family.setdefault(inspection.family.slug, []).append(inspection)
    for inspection in inspections:
        family = by_family[inspection.family.slug]
        change = words.change_words(overall_change(family, family.index(inspection))) if inspection.family.scale == "grades" else ""
        record = inspection.record
        source = page.file_href(inspection, None)
        file_link = f'<a href="{escape(source)}">the report</a>' if source else escape(Path(record["source"]["path"]).name)
        moved = f'<div class="note">Overall effectiveness since the inspection before: {escape(change)}</div>' if change else ""
        published = f"; published {escape(words.long_date(record.get('published')))}" if record.get("published") else ""
        count = len(record.get("recommendations", []))
        rows.append(
            f'<tr id="{inspection_id(inspection)}"><td><b>{escape(words.long_date(inspection.date))}</b>'
            f"<div>{escape(words.framework_title(inspection.framework))}</div>"
            f'<div class="note">on site from {escape(words.long_date(record.get("inspection_start")) or "?")}{published}; '
            f"{count} recommendation{'' if count == 1 else 's'}; {file_link}</div></td>"
            f"<td>{judgement_items(page, inspection)}{moved}{all_recommendations(page, inspection)}</td></tr>"
        )
    return ('<div class="wide"><table class="inspections"><tr><th>Inspection ended</th><th>Judgements as printed</th></tr>'
            f'{"".join(rows)}</table></div>')


def all_recommendations(page: Page, inspection: Inspection) -> str:
    """Every recommendation of one report, folded away, each with its citation."""
    recommendations = inspection.record.get("recommendations", [])
    if not recommendations:
        return ""
    items = "".join(recommendation_item(page, inspection, n, r, short=True, anchored=False) for n, r in enumerate(recommendations, start=1))
    return f'<details><summary>{len(recommendations)} recommendation{"" if len(recommendations) == 1 else "s"}</summary><ul class="recs">{items}</ul></details>'


def recommendation_item(page: Page, inspection: Inspection, number: int, r: dict, short: bool = False, anchored: bool = True) -> str:
    """One recommendation: its text, whom it addresses, its timescale and themes, its citation
    (``short`` inside its inspection's row); ``anchored`` gives it its id (once per page)."""
    label = f"recommendation {r.get('number') or number}"
    details = [f"to {words.ADDRESSEES.get(r.get('addressed_to'), r.get('addressed_to'))}" if r.get("addressed_to") else "",
               words.TIMESCALES.get(r.get("timescale") or "", "")]
    themes = "".join(f'<span class="tag">{escape(words.theme_words(t))}</span>' for t in r.get("themes") or [])
    where = f' id="{anchor("rec", inspection.id, number)}"' if anchored else ""
    return (f'<li{where}><b>{escape(str(r.get("number") or number))}.</b> {escape(r["text"])} <span class="note">{escape("; ".join(d for d in details if d))}</span> '
            f"{themes} {cite(page, inspection, label, r.get('page'), short=short)}</li>")


def recommendations_by_theme(page: Page, inspections: list[Inspection]) -> str:
    """The latest inspection of each family: a table of the themes its recommendations carry
    (most first), each with links to the recommendations on it, then the recommendations in
    the report's order, each once, with its tags and citation."""
    blocks = []
    for family in families_of(inspections):
        latest = [i for i in inspections if i.family.slug == family.slug][-1]
        recommendations = list(enumerate(latest.record.get("recommendations", []), start=1))
        head = (f"<h4>{escape(family.name)}: the latest inspection, ending {escape(words.long_date(latest.date))} "
                f"({escape(words.framework_title(latest.framework))}), {len(recommendations)} recommendation(s)</h4>")
        if not recommendations:
            blocks.append(head + '<p class="note">This report lists no recommendations.</p>')
            continue
        groups: dict[str, list[str]] = {}
        for number, r in recommendations:
            label = str(r.get("number") or number)
            for theme in r.get("themes") or [""]:
                groups.setdefault(theme, []).append(f'<a href="#{anchor("rec", latest.id, number)}">{escape(label)}</a>')
        order = sorted((t for t in THEMES if t in groups), key=lambda t: -len(groups[t])) + ([""] if "" in groups else [])
        rows = "".join(f"<tr><th>{escape(words.theme_words(t) if t else 'No theme found')}</th><td>{len(groups[t])}</td>"
                       f"<td>{', '.join(groups[t])}</td></tr>" for t in order)
        items = "".join(recommendation_item(page, latest, number, r) for number, r in recommendations)
        blocks.append(head + '<div class="wide"><table class="by-theme"><tr><th>Theme</th><th>How many</th><th>Recommendations</th></tr>'
                      f'{rows}</table></div><ul class="recs numbered">{items}</ul>')
    return "".join(blocks)


def families_of(inspections: list[Inspection]) -> list[Family]:
    """The families of the authority's inspections: those of the families file in its order,
    then any framework it does not list."""
    found: dict[str, Family] = {}
    for family in (*FAMILIES, *(i.family for i in inspections)):
        if family.slug not in found and any(i.family.slug == family.slug for i in inspections):
            found[family.slug] = family
    return list(found.values())


def recurring_block(page: Page, archive: Archive, inspections: list[Inspection]) -> str:
    if page.recurring is None:
        page.recurring = recurring_weaknesses(archive)
    by_id = {i.id: i for i in inspections}
    pairs = [p for p in page.recurring if p["earlier_report_id"] in by_id]
    if not pairs:
        later = any(i.family.slug == j.family.slug and i.date != j.date for i in inspections for j in inspections)
        return ('<p class="note">No weakness of one inspection came back at the next at the default similarity.</p>' if later
                else '<p class="note">Only one inspection of each family: nothing to follow up yet.</p>')
    blocks = []
    for pair in pairs:
        sides = []
        for side, name in (("earlier", "Then"), ("later", "At the next inspection")):
            inspection = by_id[pair[side + "_report_id"]]
            sides.append(f'<div><div class="note">{name} ({escape(pair[side + "_stance"])})</div>{escape(pair[side + "_text"])} '
                         f"{cite(page, inspection, pair[side + '_item'], pair[side + '_page'])}</div>")
        shared = ", ".join(words.theme_words(t) for t in pair["shared_themes"].split(", ") if t) or "no theme tagged on both"
        blocks.append(f'<div class="pair-head">Similarity {pair["similarity"]:.2f}; {escape(shared)}</div><div class="pair">{"".join(sides)}</div>')
    return (f'<p class="note">{len(pairs)} weakness(es) of one inspection with the most similar weakness of the next inspection of the same '
            "family (TF-IDF cosine of the words, at least 0.3, sharing a theme where both are tagged).</p>" + "".join(blocks))


def percent(counter, stance: str) -> str:
    value = share(counter, stance)
    return f"{value:.0%}" if value is not None else "–"


def weak_anchor(inspection: Inspection, theme: str) -> str:
    """The id of the list of an inspection's weakness paragraphs on a theme (the heatmap links here)."""
    return anchor(section_id(inspection), "weak", inspection.family.slug, theme)


def paragraph_html(page: Page, inspection: Inspection, paragraph: dict) -> str:
    stance = paragraph.get("stance") or ""
    return (f'<div class="para"><span class="tag stance">{escape(stance)}</span> {escape(paragraph["text"])} '
            f'{cite(page, inspection, paragraph_label(paragraph.get("number")), paragraph.get("page"))}</div>')


def theme_standing(page: Page, archive: Archive, inspections: list[Inspection]) -> tuple[str, str]:
    """Per family, a table of themes: the authority's weakness share at its latest inspection
    beside its region's other authorities, its statistical neighbours and all other
    authorities; the authority's count links to its weakness paragraphs. Returns (tables, evidence)."""
    tables, evidence = [], []
    key = inspections[0].key
    for family in families_of(inspections):
        found = standing(archive, key, family.slug)
        if not found:
            continue
        own, counts, members = found["inspection"], found["counts"], found["groups"]
        rows = []
        themes = [t for t in THEMES if counts["authority"][t]["paragraphs"]]
        themes.sort(key=lambda t: -(share(counts["authority"][t], "weakness") or 0))
        for theme in themes:
            here = counts["authority"][theme]
            weak = [p for p in own.record.get("paragraphs", []) if theme in (p.get("themes") or []) and p.get("stance") == "weakness"]
            if weak:
                target = weak_anchor(own, theme)
                evidence.append(
                    f'<div class="evidence" id="{target}"><h5>Weakness paragraphs on {escape(words.theme_words(theme).lower())}, '
                    f"{escape(own.authority)}, {escape(words.long_date(own.date))}</h5>"
                    + "".join(paragraph_html(page, own, p) for p in weak)
                    + "</div>"
                )
                count = f'<a href="#{target}">{here["weakness"]} of {here["paragraphs"]}</a>'
            else:
                count = f'0 of {here["paragraphs"]}'
            cells = [percent(counts[g][theme], "weakness") for g in ("region", "neighbours", "others")]
            rows.append(f"<tr><th>{escape(words.theme_words(theme))}</th><td>{percent(here, 'weakness')} <span class=\"note\">({count})</span></td>"
                        + "".join(f"<td>{c}</td>" for c in cells) + f"<td>{percent(here, 'strength')}</td></tr>")
        n = {g: len(members[g]) for g in members}
        region = escape(own.region or "region not known")
        head = (f"<tr><th>Theme</th><th>Weakness share here</th><th>{region}: other authorities ({n['region']})</th>"
                f"<th>Statistical neighbours ({n['neighbours']})</th><th>All other authorities ({n['others']})</th><th>Strength share here</th></tr>")
        tables.append(
            f"<h4>{escape(family.name)}: latest inspection, ending {escape(words.long_date(own.date))}</h4>"
            f'<p class="note">Share of the paragraphs on each theme that the model reads as weaknesses, at each authority\'s latest '
            f"{escape(family.short)} inspection; the groups leave this authority out."
            + ("" if found["lookup"] else " Region and neighbours need a lookup table (--la-lookup).") + "</p>"
            f'<div class="wide"><table class="standing">{head}{"".join(rows)}</table></div>'
        )
    return "".join(tables), "".join(evidence)


def profile_section(archive: Archive, inspections: list[Inspection], page: Page, level: int = 2) -> str:
    """One authority's section: facts, chart with legend, inspections, latest recommendations by
    theme, recurring weaknesses, theme standing, and the paragraphs its figures count."""
    first = inspections[0]
    prefix = section_id(first)
    svg, legend = chart(inspections)
    standing_tables, evidence = theme_standing(page, archive, inspections)
    h, sub = f"h{level}", f"h{level + 1}"
    return (
        f'<section class="profile" id="{prefix}"><{h}>{escape(first.authority)}</{h}>'
        f"{facts_block(archive, inspections, page)}"
        f'<{sub} id="{prefix}-grades">Grades over time</{sub}><p class="note narrow">Swipe the chart sideways for every year.</p>'
        f'<div class="chart-box">{svg}</div>{legend}'
        f'<{sub} id="{prefix}-inspections">Inspections ({len(inspections)})</{sub}>{inspections_table(page, inspections)}'
        f'<{sub} id="{prefix}-recommendations">Latest recommendations by theme</{sub}>{recommendations_by_theme(page, inspections)}'
        f'<{sub} id="{prefix}-recurring">Weaknesses that came back at the next inspection</{sub}>{recurring_block(page, archive, inspections)}'
        f'<{sub} id="{prefix}-themes">Themes against the region and the statistical neighbours</{sub}>{standing_tables}{evidence}'
        "</section>"
    )


def reading_guide() -> str:
    """What a theme tag and a stance are, that both are a model's reading, and how well it reads."""
    return (
        '<div class="guide"><p><span class="tag">Theme</span> A theme tag names what a paragraph or recommendation is about '
        "(one or more of the project's themes: front door, assessment, care leavers, workforce ...). "
        "<b>Stance</b> says whether a paragraph reports a strength, a weakness, both (mixed) or neither (neutral). "
        f"{escape(words.model_reading())}</p><p>Grades and judgement names are as the reports print them. "
        "Area SEND inspections are not graded: each states one of three outcomes, shown on a track of its own. "
        "Dates are the last day inspectors were on site unless said otherwise.</p></div>"
    )


def html_page(title: str, body: str) -> str:
    style = data_text("pipeline.compare", "report.css")
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{style}</style></head>\n<body>\n{body}\n</body></html>\n')


def render_profile(archive: Archive, name: str, folder: str | Path | None = None) -> str:
    """The profile page of the authority ``name`` (any name a report or the lookup gives it, or
    its URN: ``Archive.find_authority``); report files are linked relative to ``folder``."""
    inspections = archive.find_authority(name)
    page = Page(Path(folder) if folder is not None else None)
    first = inspections[0]
    body = (f"<h1>{escape(first.authority)}: Ofsted inspections</h1>"
            f'<p class="note">{len(inspections)} inspection report(s) in the archive, from '
            f"{escape(words.long_date(first.date))} to {escape(words.long_date(inspections[-1].date))}.</p>"
            f"{reading_guide()}{profile_section(archive, inspections, page, level=2)}")
    return html_page(f"{first.authority}: Ofsted inspections", body)


def write_profile(archive: Archive, name: str, path: str | Path) -> list[Inspection]:
    """Write the authority's profile page atomically; returns its inspections."""
    path = Path(path)
    text = render_profile(archive, name, path.parent)
    with atomic_writer(path) as handle:
        handle.write(text)
    return archive.find_authority(name)
