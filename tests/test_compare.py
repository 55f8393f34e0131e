"""compare, search and export over the small real archive of conftest (Bedford with the seed
report, Kent, Redbridge), with the shared LA lookup."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from html import escape

import pytest

from pipeline import compare
from pipeline.evaluate.facts import load_gold


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True, check=False)


def test_every_authority_resolves_to_its_region_and_says_how(archive):
    assert archive.problems == []
    regions = {i.authority: i.region for i in archive.inspections}
    assert regions == {"Bedford Borough": "East of England", "Kent": "South East", "Redbridge": "London"}
    seed = next(i for i in archive.inspections if i.record["source"]["format"] == "text")
    assert (seed.urn, seed.urn_source) == ("80428", "name")  # the text file sits in no <urn>_ folder
    assert {i.urn_source for i in archive.inspections if i is not seed} == {"folder"}


def test_an_authority_missing_from_the_lookup_is_named(archive_path, lookup_path, tmp_path):
    rows = list(csv.DictReader(lookup_path.open(encoding="utf-8-sig")))
    partial = tmp_path / "lookup.csv"
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["urn"] != "80476")  # Kent
    result = run_cli("compare", archive_path, "--la-lookup", partial)
    assert result.returncode == 0
    assert "not resolved in the lookup" in result.stderr
    assert "Kent County Council" in result.stderr and "Redbridge" not in result.stderr


def test_the_timeline_joins_an_authoritys_reports_whatever_they_call_it(archive):
    rows = compare.timeline(archive.find_authority("Bedford Borough"))
    assert [r["date"][:4] for r in rows] == ["2013", "2017", "2021", "2025"]
    assert [r["overall_effectiveness"] for r in rows] == ["adequate", "requires_improvement", "good", "requires_improvement"]
    # adequate (2012 framework) and requires improvement are distinct on the one scale
    assert [r["change"] for r in rows] == ["", "down 0.5", "up 1", "down 1"]


def test_grade_history_matches_the_gold_set(archive):
    gold = {g["sha256"]: g for g in load_gold("corpus/gold") + load_gold("corpus/gold/holdout")}
    rows, _ = compare.grade_history(archive)
    checked = 0
    for row, inspection in zip(rows, [i for group in archive.by_authority().values() for i in group]):
        expected = gold.get(inspection.record["source"]["sha256"])
        if expected is None:
            continue
        checked += 1
        assert {k: row[k] for k in expected["judgements"]} == expected["judgements"], row["report_id"]
    assert checked >= 4


def test_theme_profiles_by_region_and_by_statistical_neighbours(archive):
    by_region = compare.theme_profiles(archive, by="region")
    assert {r["group"] for r in by_region} == {"East of England", "South East", "London"}
    for row in by_region:
        assert 0 <= row["strength_share"] <= 1 and 0 <= row["weakness_share"] <= 1
        assert row["weakness_vs_archive"] == pytest.approx(row["weakness_share"] - row["archive_weakness_share"], abs=1e-3)
    neighbours = compare.theme_profiles(archive, by="neighbours")
    bedford = {r["reports"] for r in neighbours if r["group"].startswith("Bedford Borough")}
    assert bedford == {2}  # Kent is one of Bedford's statistical neighbours; Redbridge is not


def test_recurring_weaknesses_pair_an_inspection_with_the_next(archive):
    pairs = compare.recurring_weaknesses(archive, authority="Bedford")
    assert pairs
    for pair in pairs:
        assert pair["earlier_date"] < pair["later_date"]
        assert pair["similarity"] >= compare.recurring.DEFAULT_MIN_SIMILARITY
    assert any("private fostering" in p["earlier_text"] and "private fostering" in p["later_text"] for p in pairs)


def test_search_finds_citable_paragraphs_with_filters(archive):
    hits = compare.search(archive, '"domestic abuse"', compare.Filters(since=2018))
    assert hits
    for hit in hits:
        assert "domestic abuse" in hit["text"].lower()
        assert hit["authority"] and hit["date"] >= "2018" and hit["page"]
    weak = compare.search(archive, "", compare.Filters(stance="weakness", themes=("care_leavers",), authority="Kent"))
    assert weak and all(h["stance"] == "weakness" and "care_leavers" in h["themes"] and h["authority"] == "Kent" for h in weak)
    cited = compare.citation(hits[0])
    assert hits[0]["authority"] in cited and f"page {hits[0]['page']}" in cited


def test_search_from_the_command_line(archive_path):
    result = run_cli("search", "return home interviews", archive_path, "--authority", "Bedford", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits and all("return home interview" in h["text"].lower() for h in hits)
    bad = run_cli("search", "x", archive_path, "--stance", "angry")
    assert bad.returncode != 0 and "angry" in bad.stderr


def test_export_writes_tables_parquet_and_a_duckdb_that_answers_questions(archive, tmp_path):
    import duckdb

    counts = compare.export(archive, tmp_path)
    assert counts["reports"] == len(archive.inspections)
    assert counts["paragraphs"] == sum(len(i.record["paragraphs"]) for i in archive.inspections)
    with (tmp_path / "judgements.csv").open(encoding="utf-8") as handle:
        judgements = list(csv.DictReader(handle))
    assert len(judgements) == counts["judgements"] and {"report_id", "judgement", "grade"} <= set(judgements[0])
    assert json.loads((tmp_path / "record.schema.json").read_text())["$schema"]
    db = duckdb.connect(str(tmp_path / "archive.duckdb"), read_only=True)
    latest = db.execute("SELECT count(*) FROM latest_reports").fetchone()[0]
    assert latest == 3
    weak = db.execute(
        "SELECT authority, count(*) FROM weaknesses WHERE is_latest AND theme = 'care_leavers' GROUP BY authority"
    ).fetchall()
    assert weak and {a for a, _ in weak} <= {"Bedford Borough", "Kent", "Redbridge"}
    parquet = str(tmp_path / "parquet" / "paragraphs.parquet")
    assert db.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchone()[0] == counts["paragraphs"]


def test_compare_prints_csv_that_spreadsheets_read(archive_path, lookup_path):
    result = run_cli("compare", archive_path, "--la-lookup", lookup_path, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [r["authority"] for r in rows] == ["Bedford Borough", "Kent", "Redbridge"]
    assert all(r["region"] for r in rows)


def test_theme_profiles_of_one_authority_from_the_command_line(archive_path, lookup_path):
    result = run_cli("compare", archive_path, "--la-lookup", lookup_path, "--view", "themes", "--authority", "kent", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert rows and {r["group"] for r in rows} == {"Kent"}


def test_a_urn_comes_from_the_report_then_its_folder():
    from pipeline.facts.urn import find_urn

    assert find_urn("Local authority URN: 80428", "reports/80476_kent/report.pdf") == ("80428", "report")
    assert find_urn("Inspection of Kent", "reports/80476_kent/report.pdf") == ("80476", "folder")
    assert find_urn("Inspection of Kent", "reports/kent/report.pdf") == (None, None)


# Bedford's area SEND inspection with the small archive: an authority with both families.
BEDFORD_SEND = "80428_bedford/area send full inspection - 04 february 2025.pdf"


@pytest.fixture(scope="session")
def send_archive_path(archive_path, tmp_path_factory):
    from conftest import shared_path, SHARED_REPORTS
    from pipeline import ingest

    pdf = shared_path(SHARED_REPORTS.parent / "reports-send" / BEDFORD_SEND)
    out = tmp_path_factory.mktemp("send-archive") / "archive.jsonl"
    out.write_text(archive_path.read_text(encoding="utf-8") + json.dumps(ingest(pdf)) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def send_archive(send_archive_path, lookup_path):
    return compare.load_archive(send_archive_path, lookup_path)


def test_every_framework_belongs_to_one_family():
    from pipeline.compare.archive import FAMILIES
    from pipeline.frameworks import load_frameworks

    for framework in load_frameworks():
        homes = [f.slug for f in FAMILIES if framework.slug in f.frameworks]
        assert len(homes) == 1, (framework.slug, homes)
        family = next(f for f in FAMILIES if f.slug == homes[0])
        # a family on the four grades holds graded frameworks; one on an outcome scale, frameworks that state an outcome
        assert (family.scale == "outcome") == (framework.outcome is not None), framework.slug


def test_a_weakness_comes_back_only_at_the_next_inspection_of_the_same_family(send_archive):
    send = next(i for i in send_archive.inspections if i.framework == "area_send_2023")
    assert send.family.slug == "area_send" and send.authority == "Bedford Borough"
    pairs = compare.recurring_weaknesses(send_archive, authority="Bedford")
    assert pairs and send.id not in {p["later_report_id"] for p in pairs} | {p["earlier_report_id"] for p in pairs}
    latest = {i.family.slug: i.date for i in send_archive.latest()}
    assert set(latest) == {"area_send"} or "childrens_services" in latest
    assert [i.framework for i in send_archive.latest("childrens_services") if i.authority == "Bedford Borough"] == ["ilacs_2018"]


def test_a_name_that_matches_no_authority_or_several_says_which_it_could_be(archive, archive_path, tmp_path):
    from pipeline import errors

    with pytest.raises(errors.UnknownAuthority) as unknown:
        archive.find_authority("Bedfrod")
    assert "did you mean Bedford Borough?" in str(unknown.value)
    with pytest.raises(errors.UnknownAuthority) as nothing:
        archive.find_authority("Atlantis")
    assert "ofsted compare" in str(nothing.value)
    assert archive.find_authority("80476")[0].authority == "Kent"  # a URN
    assert archive.find_authority("Kent County Council")[0].authority == "Kent"  # the name a report prints
    # A report filed in another URN's folder, read without a lookup, makes a second "Kent".
    lines = archive_path.read_text(encoding="utf-8").splitlines()
    stray = next(r for r in map(json.loads, lines) if r.get("urn") == "80476") | {"urn": "99999", "id": "0" * 16}
    split = tmp_path / "split.jsonl"
    split.write_text("\n".join(lines + [json.dumps(stray)]) + "\n", encoding="utf-8")
    with pytest.raises(errors.AmbiguousAuthority) as several:
        compare.load_archive(split).find_authority("Kent")
    assert "names 2 authorities" in str(several.value) and "URN 80476" in str(several.value) and "URN 99999" in str(several.value)
    # A report with no URN at all joins the one URN whose reports print its name, as a lookup would.
    seed = next(i for i in compare.load_archive(archive_path).inspections if i.record["source"]["format"] == "text")
    assert (seed.urn, seed.urn_source, seed.key) == ("80428", "name", "urn:80428")


def test_the_profile_command_writes_a_page_and_refuses_a_name_it_cannot_place(send_archive_path, lookup_path, tmp_path):
    out = tmp_path / "bedford.html"
    done = run_cli("profile", send_archive_path, "--authority", "Bedford", "--la-lookup", lookup_path, "-o", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "<h1>Bedford Borough: Ofsted inspections</h1>" in page and "<script" not in page
    assert "Positive experiences and outcomes" in page and escape("Inspection of local authority children's services (ILACS), 2018 to 2026") in page
    assert escape(compare.words.model_reading()) in page
    wrong = run_cli("profile", send_archive_path, "--authority", "Bedfrod", "-o", tmp_path / "x.html")
    assert wrong.returncode == 1 and wrong.stderr.startswith("Error: no authority named 'Bedfrod'") and "did you mean Bedford" in wrong.stderr
    assert not (tmp_path / "x.html").exists()
