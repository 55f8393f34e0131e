"""The package as a user installs it: a wheel built from this tree, installed into a fresh
virtual environment, ingests the seed with its shipped model, exactly as the source tree does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "bedford-2013-protection-of-children.txt"


def test_the_listed_packages_are_the_source_tree():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pipeline").rglob("__init__.py")}
    assert listed == on_disk | {"pipeline.models"}


def site_packages(python: Path) -> str:
    return subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True,
                          capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the wheel; the dependencies are seen from this environment's site-packages
    (added as a plain path, so the editable install's finder is not among them)."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", folder / "dist", ROOT],
                   check=True, cwd=folder)
    wheel = next((folder / "dist").glob("ofsted_pipeline-*.whl"))
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel], check=True)
    Path(site_packages(python), "dependencies.pth").write_text(site_packages(Path(sys.executable)) + "\n", encoding="utf-8")
    return venv


def test_an_installed_wheel_ingests_the_seed_with_its_model(installed, tmp_path):
    out = tmp_path / "seed.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "OFSTED_MODEL"}
    where = subprocess.run([installed / "bin" / "python", "-c", "import pipeline; print(pipeline.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path, env=env).stdout
    assert where.startswith(str(installed))  # the wheel's copy, not the source tree
    subprocess.run([installed / "bin" / "ofsted", "ingest", SEED, "-o", out], check=True, cwd=tmp_path, env=env)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert not any("not tagged" in w for w in record["warnings"])
    assert all(p["stance"] in ("strength", "weakness", "mixed", "neutral") for p in record["paragraphs"])

    from pipeline import ingest  # the source tree, as the other tests run it

    assert record == ingest(SEED)
