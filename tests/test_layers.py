"""The house's rule, checked on the source: data flows one way, and no import runs back up.

Each module may import modules of its own package and of the layers below it, never a
later stage (facts never reads nlp, nlp never builds the training corpus, api is not
imported by any stage)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
# Bottom to top; a module may import its own unit and anything in an earlier layer.
LAYERS = [
    {"types", "errors", "text", "resources", "version"},
    {"lookup"},
    {"frameworks"},
    {"extract"},
    {"segment"},
    {"facts"},
    {"nlp"},
    {"records"},
    {"api"},
    {"batch"},
    {"compare", "show"},
    {"training"},
    {"evaluate"},
    {"cli"},
    {"__main__", "__init__"},
]
LAYER = {unit: index for index, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    """The top-level unit of ``pipeline.x.y`` ("x"); the package's own ``__init__`` is "__init__"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("pipeline")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            if node.module == "pipeline":  # from pipeline import errors -> pipeline.errors
                found += [(node.lineno, f"pipeline.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def test_every_unit_has_a_layer():
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir() if (p.suffix == ".py" or (p / "__init__.py").exists())}
    assert units - set(LAYER) == set()


def test_no_import_runs_back_up():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        own = unit_of(".".join(relative.parts))
        for line, target in imports(path):
            other = unit_of(target)
            if other != own and LAYER[other] >= LAYER[own]:
                wrong.append(f"{relative}.py:{line} ({own}) imports {target} ({other})")
    assert wrong == []


def test_facts_imports_nothing_of_segment():
    offending = [
        f"{path.name}:{line} {target}"
        for path in (PACKAGE / "facts").glob("*.py")
        for line, target in imports(path)
        if unit_of(target) == "segment"
    ]
    assert offending == []
