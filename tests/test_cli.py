"""The `ofsted` command: ingest to a file or standard output, show, python -m pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

from pipeline.cli import build_parser, main


def test_ingest_to_stdout_and_show(tmp_path, seed_text_path, capsys):
    assert main(["ingest", str(seed_text_path), "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["local_authority"] == "Bedford Borough"

    out = tmp_path / "seed.jsonl"
    out.write_text(lines[0] + "\n")
    assert main(["show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "Bedford Borough" in shown and "protection_of_children_2012" in shown
    assert "2013-01-07 to 2013-01-16" in shown and "Martin Ayres" in shown
    assert "help_and_protection" in shown and "adequate" in shown
    assert "Within 3 months:" in shown and "review arrangements for screening cases of domestic violence" in shown


def test_missing_input_is_an_error_message(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nothing.pdf"), "-o", "-"]) == 1
    assert capsys.readouterr().err.startswith("Error: ") 


def test_every_command_is_documented():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == {"ingest", "show", "compare", "search", "export", "report", "profile", "schema"}
    for name, command in commands.items():
        assert command.description, name


def test_python_dash_m_runs_the_same_cli(seed_text_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", str(seed_text_path), "-o", "-"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(done.stdout)["framework"] == "protection_of_children_2012"


def test_schema_prints_the_published_json_schema():
    done = subprocess.run([sys.executable, "-m", "pipeline", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(done.stdout)
    assert "urn" in schema["$defs"]["report"]["properties"]


def test_help_show_and_schema_start_without_loading_the_models():
    """The command line parses its arguments before it loads spaCy or scikit-learn, so that
    `ofsted --help`, `show` and `schema` start at once (issue 13)."""
    import subprocess
    import sys

    probe = ("import sys; from pipeline.cli import build_parser; build_parser(); "
             "print(sorted(m for m in ('spacy', 'sklearn') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", f"loaded before any command ran: {result.stdout}"
