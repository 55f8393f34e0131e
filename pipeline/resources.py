"""Every data file the package ships (framework files, lexicons, patterns, the schema, the
model) is read through here, by ``importlib.resources``: an installed wheel reads the same
files as a source checkout, and no module works out paths from ``__file__``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable


def data_file(package: str, name: str) -> Traversable:
    """A data file (or folder) shipped inside ``package``, e.g. ``("pipeline.segment", "summary.toml")``."""
    return resources.files(package).joinpath(name)


def data_text(package: str, name: str) -> str:
    return data_file(package, name).read_text("utf-8")


@lru_cache(maxsize=None)
def data_toml(package: str, name: str) -> dict:
    """A TOML data file, parsed once per process (callers read it, never change it)."""
    return tomllib.loads(data_text(package, name))
