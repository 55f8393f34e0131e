"""Questions asked of many reports at once, and the results fed to other tools.

    archive = load_archive("archive.jsonl", "la_lookup.csv")
    latest_grades(archive)            # authority by judgement, latest inspection
    grade_history(archive)            # every report, with the change between inspections
    theme_profiles(archive, by="region")
    recurring_weaknesses(archive)     # weaknesses that come back at the next inspection
    timeline(archive.find_authority("Bedford Borough"))
    search(archive, '"domestic abuse"', Filters(stance="weakness", since=2018))
    export(archive, "out/")           # CSV, Parquet, DuckDB, JSON Schema
    write_report(archive, "report.html")
    write_profile(archive, "Medway", "medway.html")   # one authority's page (compare.profile)
"""

from pipeline.compare.archive import Archive, Inspection, load_archive
from pipeline.compare.export import export
from pipeline.compare import words
from pipeline.compare.grades import grade_history, latest_grades, timeline
from pipeline.lookup import Lookup, load_lookup
from pipeline.compare.profiles import theme_profiles
from pipeline.compare.recurring import recurring_weaknesses
from pipeline.compare.search import Filters, citation, search

__all__ = [
    "Archive",
    "Filters",
    "Inspection",
    "Lookup",
    "citation",
    "export",
    "grade_history",
    "latest_grades",
    "load_archive",
    "load_lookup",
    "recurring_weaknesses",
    "search",
    "theme_profiles",
    "timeline",
]
