"""Issue 17: an analyst's questions in one step, with names, codes, dates and labels they can
cite; over the small real archive of conftest (Bedford with the seed report, Kent, Redbridge)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from pipeline import compare
from pipeline.compare.export import TABLES
from pipeline.compare.grades import QUESTIONS, latest_grades
from pipeline.frameworks.loader import load_frameworks


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True, check=False)


def test_the_judgement_map_names_only_real_frameworks_and_judgements():
    judgements = {f.slug: {j.slug for j in f.judgements} for f in load_frameworks()}
    assert {q.slug for q in QUESTIONS} == {"overall", "help_and_protection", "children_in_care", "care_leavers", "leaders"}
    for q in QUESTIONS:
        for framework, judgement in q.judgements.items():
            assert judgement in judgements[framework], (q.slug, framework, judgement)
    # every graded framework says who its leaders are; the area SEND outcome is on a scale of its
    # own (no grades) and answers none of these questions
    graded = {f.slug for f in load_frameworks() if f.grades}
    assert {f for q in QUESTIONS if q.slug == "leaders" for f in q.judgements} == graded


def test_a_change_per_question_reads_across_frameworks(archive):
    rows, _ = compare.grade_history(archive)
    bedford = [r for r in rows if r["authority"] == "Bedford Borough"]
    assert [r["framework"] for r in bedford] == ["protection_of_children_2012", "sif_2013", "ilacs_2018", "ilacs_2018"]
    # SIF's looked_after_and_permanence and ILACS's children_in_care answer one question; the slugs stay
    assert "looked_after_and_permanence" in bedford[1] and "children_in_care" in bedford[2]
    assert bedford[1]["children_in_care"] == bedford[1]["looked_after_and_permanence"]
    assert bedford[2]["children_in_care_change"] == compare.grades.describe_change(
        compare.grades.change(bedford[1]["looked_after_and_permanence"], bedford[2]["children_in_care"])
    )
    assert bedford[0]["leaders"] == bedford[0]["leadership_and_governance"]
    assert bedford[0]["help_and_protection_change"] == ""  # nothing before the first inspection


def test_whose_help_and_protection_grade_fell(archive, archive_path, lookup_path):
    fell, _ = latest_grades(archive, fell="help_and_protection")
    history, _ = compare.grade_history(archive)
    expected = set()
    for name in {r["authority"] for r in history}:
        graded = [r for r in history if r["authority"] == name and r["help_and_protection"]]
        latest = [r for r in history if r["authority"] == name][-1]
        if latest["help_and_protection"] and len(graded) >= 2:
            if compare.grades.SCALE[graded[-1]["help_and_protection"]] < compare.grades.SCALE[graded[-2]["help_and_protection"]]:
                expected.add(name)
    assert {r["authority"] for r in fell} == expected
    assert all(r["help_and_protection_change"].startswith("down") for r in fell)
    result = run_cli("compare", archive_path, "--la-lookup", lookup_path, "--fell", "help_and_protection", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert {r["authority"] for r in csv.DictReader(result.stdout.splitlines())} == expected


def test_every_exported_table_carries_the_one_name_and_the_la_and_ons_codes(archive, tmp_path):
    import duckdb

    compare.export(archive, tmp_path, parquet=False)
    for table in TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, table
        assert {"authority", "la_code", "ons_code"} <= set(rows[0]), table
        kent = [r for r in rows if r["authority"] == "Kent"]
        assert kent and {(r["la_code"], r["ons_code"]) for r in kent} == {("886", "E10000016")}, table
    db = duckdb.connect(str(tmp_path / "archive.duckdb"), read_only=True)
    printed = {r[0] for r in db.execute("SELECT DISTINCT local_authority_as_printed FROM reports WHERE authority = 'Kent'").fetchall()}
    assert len(printed) >= 1 and all(p for p in printed)
    # the weaknesses view holds weakness paragraphs only; recommendations are their own view
    stances = db.execute("SELECT DISTINCT p.stance FROM weaknesses w JOIN paragraphs p USING (report_id, position)").fetchall()
    assert stances == [("weakness",)]
    recs = db.execute("SELECT count(DISTINCT (report_id, position)) FROM recommendations_by_theme").fetchone()[0]
    assert recs == db.execute("SELECT count(DISTINCT (r.report_id, r.position)) FROM recommendations r JOIN recommendation_themes USING (report_id, position)").fetchone()[0]
    questions = dict(db.execute(
        "SELECT j.judgement, j.question FROM judgements j JOIN reports r USING (report_id) WHERE r.framework = 'sif_2013'"
    ).fetchall())
    assert questions["looked_after_and_permanence"] == "children_in_care" and questions["adoption_performance"] is None


def test_the_name_ingest_resolved_is_used_without_a_lookup(archive_path, tmp_path):
    records = [json.loads(line) for line in archive_path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        if record.get("urn") == "80476":
            record["authority"] = {"name": "Kent", "urn": "80476", "la_code": "886", "ons_code": "E10000016", "region": "South East", "matched_by": "urn"}
    path = tmp_path / "resolved.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    archive = compare.load_archive(path)
    kent = [i for i in archive.inspections if i.urn == "80476"]
    assert kent and {(i.authority, i.la_code, i.ons_code, i.region) for i in kent} == {("Kent", "886", "E10000016", "South East")}
    assert {i.printed for i in kent} != {"Kent"}  # the name as printed is kept beside it


def test_recurring_weaknesses_pair_only_weakness_or_mixed_sentences(archive):
    pairs = compare.recurring_weaknesses(archive, min_similarity=0.2)
    assert pairs
    stances = {p[f"{side}_stance"] for p in pairs for side in ("earlier", "later")}
    assert stances <= {"recommendation", "weakness", "mixed"}
    sentence_stance = {}
    for inspection in archive.inspections:
        for paragraph in inspection.record["paragraphs"]:
            for sentence in paragraph.get("sentences") or []:
                sentence_stance[(inspection.id, sentence["text"])] = sentence["stance"]
    for pair in pairs:
        for side in ("earlier", "later"):
            if pair[f"{side}_stance"] != "recommendation":
                assert sentence_stance[(pair[f"{side}_report_id"], pair[f"{side}_text"])] == pair[f"{side}_stance"]


@pytest.mark.parametrize("since,first_excluded", [("2021-07", "2021-06-30"), ("2021-07-02", "2021-07-01")])
def test_search_takes_iso_dates(archive, since, first_excluded):
    hits = compare.search(archive, "", compare.Filters(since=since, authority="Bedford"))
    assert hits and all(h["date"][: len(since)] >= since for h in hits)
    until = compare.search(archive, "", compare.Filters(until="2013-12", authority="Bedford"))
    assert until and all(h["date"] <= "2013-12-31" for h in until)


def test_bad_dates_files_and_the_version_are_one_line(archive_path, tmp_path):
    bad = run_cli("search", "x", archive_path, "--since", "20188")
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0 and "20188" in bad.stderr and "YYYY-MM" in bad.stderr
    month = run_cli("search", "x", archive_path, "--until", "2018-13")
    assert month.returncode == 1 and "2018-13" in month.stderr
    readme = run_cli("compare", "README.md")
    assert readme.returncode == 1 and readme.stderr.strip().count("\n") == 0 and "not a record archive" in readme.stderr
    other = tmp_path / "other.jsonl"
    other.write_text('{"name": "not a record"}\n', encoding="utf-8")
    for command in (("compare", other), ("search", "x", other), ("export", other, "--to", tmp_path / "out")):
        result = run_cli(*command)
        assert result.returncode == 1 and "Traceback" not in result.stderr and "not a record archive" in result.stderr
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("ofsted ")


def test_judgement_labels_are_headings_as_printed(archive):
    frameworks = {f.slug: f for f in load_frameworks()}
    for inspection in archive.inspections:
        framework = frameworks[inspection.framework]
        for judgement in inspection.record["judgements"]:
            own = next(j for j in framework.judgements if j.slug == judgement["judgement"])
            assert own.matches_label(judgement["label"]) or not own.labels, (inspection.id, judgement["label"])
