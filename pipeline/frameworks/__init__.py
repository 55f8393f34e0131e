"""Inspection frameworks as data: one TOML file per framework, read by :func:`load_frameworks`.

Adding a framework means adding one file; nothing in ``facts/`` or ``segment/`` branches on
a framework's name. A file gives: the phrases that identify the framework on the front
pages (and the inspection dates it covers), its titles (where the authority's name sits),
the grades it uses (of the one vocabulary, ``grades.toml``), its judgements with their labels
as printed and the sentences that state them, the phrases that mark a page holding the
judgement table, and where its recommendations sit and their timescales.
"""

from pipeline.frameworks.loader import (
    GRADE_PHRASES,
    NOT_JUDGED,
    Framework,
    Grade,
    FrameworkJudgement,
    all_table_markers,
    detect_framework,
    grade_slug,
    grade_vocabulary,
    grades_in,
    is_grade_line,
    load_frameworks,
    printed_label,
    states_grade,
    without_grades,
)

__all__ = [
    "GRADE_PHRASES",
    "NOT_JUDGED",
    "Framework",
    "Grade",
    "FrameworkJudgement",
    "all_table_markers",
    "detect_framework",
    "grade_slug",
    "grade_vocabulary",
    "grades_in",
    "is_grade_line",
    "load_frameworks",
    "printed_label",
    "states_grade",
    "without_grades",
]
