"""Inspection frameworks as data: one TOML file per framework, read by :func:`load_frameworks`.

Adding a framework means adding one file; nothing in ``facts/`` or ``segment/`` branches on
a framework's name.
"""

from pipeline.frameworks.loader import (
    GRADE_PHRASES,
    Framework,
    Judgement,
    detect_framework,
    fold,
    grade_slug,
    load_frameworks,
)

__all__ = ["Framework", "Judgement", "GRADE_PHRASES", "detect_framework", "fold", "grade_slug", "load_frameworks"]
