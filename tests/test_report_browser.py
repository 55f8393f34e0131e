"""The HTML report and an authority profile in headless Chromium (Debian's chromium and
chromium-driver), checked as a person would: they load offline without console errors, the
charts and legends render, screenshots at a desktop and a phone width (saved to
$OFSTED_SCREENSHOTS, else a pytest temporary folder), no sideways scroll on the phone, every
in-page link reaches an element, a figure's link reaches the paragraphs behind it, and text
from a report never runs.

Skips when Chromium, its driver or selenium is missing; fails instead under
REQUIRE_BROWSER=1, which ``.ci/run`` sets after installing them."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.compare.profile import write_profile
from pipeline.compare.report import write_report
from test_compare import send_archive, send_archive_path  # noqa: F401 (fixtures: the small archive with Bedford's area SEND report)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def need_browser():
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not found]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver; pip install '.[test]')"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1")
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1300,1000"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_page(browser, send_archive, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(send_archive, path)
    browser.get(path.as_uri())
    return browser, path


@pytest.fixture(scope="module")
def profile_path(send_archive, tmp_path_factory):
    path = tmp_path_factory.mktemp("profile") / "bedford.html"
    write_profile(send_archive, "Bedford Borough", path)
    return path


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("OFSTED_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


DESKTOP, PHONE = 1400, 390


def in_view(driver, element) -> bool:
    return driver.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;", element)


def test_the_report_loads_without_console_errors_and_draws_its_charts(report_page, tmp_path):
    from selenium.webdriver.common.by import By

    driver, _ = report_page
    severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) >= 3  # one per framework in the archive
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    assert bars and all(bar.size["height"] > 0 and bar.size["width"] > 0 for bar in bars)
    cells = driver.find_elements(By.CSS_SELECTOR, ".heatmap td a")
    assert cells
    legends = driver.find_elements(By.CSS_SELECTOR, "p.legend")
    assert len(legends) == len(charts) and all(legend.is_displayed() and legend.text for legend in legends)
    text = driver.find_element(By.TAG_NAME, "body").text
    assert "Inspection of services for children in need of help and protection, children looked after and care leavers, 2013 to 2018" in text
    assert "Positive experiences and outcomes" in text and "trained model's reading" in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text) and not re.search(r"\b[a-z]+_[a-z_]+\b", text), "no ISO date or slug where a person reads"
    sections = driver.find_elements(By.CSS_SELECTOR, "section.profile")
    assert [s.find_element(By.CSS_SELECTOR, "h3").text for s in sections] == ["Bedford Borough", "Kent", "Redbridge"]
    assert all(s.find_elements(By.CSS_SELECTOR, "svg.timeline-chart a") for s in sections), "every authority's section has its chart"


def test_a_heatmap_cell_leads_to_its_weakness_paragraphs(report_page):
    from selenium.webdriver.common.by import By

    driver, path = report_page
    driver.get(path.as_uri())
    cell = driver.find_element(By.CSS_SELECTOR, ".heatmap td a")
    count = int(cell.text)
    target_id = cell.get_attribute("href").split("#", 1)[1]
    cell.click()
    assert driver.current_url.endswith("#" + target_id)
    target = driver.find_element(By.ID, target_id)
    assert target.is_displayed() and in_view(driver, target)
    paragraphs = target.find_elements(By.CSS_SELECTOR, ".para")
    assert len(paragraphs) == count
    assert all(p.find_element(By.CSS_SELECTOR, ".stance").text == "weakness" for p in paragraphs)
    assert all(CITATION.match(p.find_element(By.CSS_SELECTOR, "a.cite").text) for p in paragraphs)


def test_a_grade_bar_leads_to_its_reports(report_page):
    from selenium.webdriver.common.by import By

    driver, path = report_page
    driver.get(path.as_uri())
    link = driver.find_element(By.CSS_SELECTOR, "svg.chart a")
    target_id = link.get_dom_attribute("href").split("#", 1)[1]
    link.find_element(By.CSS_SELECTOR, "rect").click()
    target = driver.find_element(By.ID, target_id)
    assert driver.current_url.endswith("#" + target_id) and in_view(driver, target)
    assert target.find_elements(By.CSS_SELECTOR, ".para a")  # each report listed links to its judgements


# "Bedford Borough, 16 January 2013, paragraph 12, page 4": authority, date in words, where, page.
CITATION = re.compile(r"^[A-Z][\w ,'&-]+, \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) "
                      r"\d{4}, (paragraph \d+|unnumbered paragraph|recommendation \d+)(, page \d+)?$")


def show(driver, path: Path, width: int, shot: Path) -> dict:
    """Open the page at a width, save a screenshot of its top (up to 3,000 px), and measure it."""
    driver.set_window_size(width, 1000)
    driver.get(path.as_uri())
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height, 3000))
    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    return driver.execute_script(
        "const d = document.documentElement; return {scroll: d.scrollWidth, client: d.clientWidth,"
        " missing: [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
        "   .filter(id => !document.getElementById(decodeURIComponent(id))),"
        " ids: document.querySelectorAll('[id]').length, unique: new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size,"
        " links: document.querySelectorAll('a[href^=\"#\"]').length}"
    )


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_both_pages_fit_the_screen_and_every_link_in_them_lands(browser, report_page, profile_path, screenshots, width):
    _, report = report_page
    for name, path in (("report", report), ("profile", profile_path)):
        measured = show(browser, path, width, screenshots / f"{name}-{width}.png")
        assert measured["scroll"] <= measured["client"], f"{name} scrolls sideways at {width} px: {measured}"
        assert measured["links"] > 20 and measured["missing"] == [], f"{name}: links to no element: {measured['missing'][:5]}"
        assert measured["ids"] == measured["unique"], f"{name}: an id is used twice"
    browser.set_window_size(1300, 1000)


def test_the_profile_draws_grades_and_the_send_outcome_on_their_own_scales(browser, profile_path, send_archive):
    from selenium.webdriver.common.by import By

    browser.set_window_size(DESKTOP, 1000)
    browser.get(profile_path.as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    chart = browser.find_element(By.CSS_SELECTOR, "svg.timeline-chart")
    assert chart.size["width"] > 600 and chart.size["height"] > 200
    legend = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ul.chart-legend li")]
    assert "Overall effectiveness" in legend and "Area SEND outcome" in legend
    bedford = send_archive.find_authority("Bedford Borough")
    marks = chart.find_elements(By.CSS_SELECTOR, "a")
    graded = sum(1 for i in bedford for j in i.record["judgements"] if j["grade"] in ("outstanding", "good", "adequate", "requires_improvement", "inadequate"))
    assert len(marks) == graded + 1  # every grade of every inspection, and the one SEND outcome
    levels = {t.text: t.rect["y"] for t in chart.find_elements(By.CSS_SELECTOR, "text.level")}
    send = next(i for i in bedford if i.framework == "area_send_2023")
    (send_mark,) = [m for m in marks if m.get_dom_attribute("href") == f"#inspection-{send.id}"]
    y = send_mark.find_element(By.CSS_SELECTOR, "polygon").rect["y"]
    assert y > levels["Inadequate"] + 10, "the SEND outcome sits on its own track, below the four grades"
    assert abs(y - levels["Positive experiences and outcomes"]) < 12
    send_mark.click()
    assert browser.find_element(By.ID, f"inspection-{send.id}").is_displayed()


def test_the_profile_speaks_plain_words_and_cites_every_statement(browser, profile_path, send_archive):
    from selenium.webdriver.common.by import By

    from pipeline.compare.words import theme_words

    bedford = send_archive.find_authority("Bedford Borough")

    browser.get(profile_path.as_uri())
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "Inspection of local authority arrangements for the protection of children, 2012 to 2014" in text
    assert "Requires improvement to be good" in text and "16 January 2013" in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "no ISO date where a person reads"
    assert not re.search(r"\b(ilacs_2018|sif_2013|requires_improvement|area_send_2023)\b", text), "no slug where a person reads"
    assert "trained model's reading" in text and "cross-validation" in text
    latest = [i for i in bedford if i.family.slug == "childrens_services"][-1]
    themes = {t for r in latest.record["recommendations"] for t in r["themes"]}
    (table, _) = browser.find_elements(By.CSS_SELECTOR, "table.by-theme")  # children's services, then area SEND
    rows = {row.find_element(By.TAG_NAME, "th").text: row for row in table.find_elements(By.CSS_SELECTOR, "tr")[1:]}
    assert {theme_words(t) for t in themes} <= set(rows), "every theme of the latest recommendations has its row"
    for theme in themes:
        wanted = sorted(n for n, r in enumerate(latest.record["recommendations"], start=1) if theme in r["themes"])
        links = rows[theme_words(theme)].find_elements(By.TAG_NAME, "a")
        assert sorted(int(a.text) for a in links) == wanted
        assert all(browser.find_element(By.ID, a.get_dom_attribute("href")[1:]).tag_name == "li" for a in links)
    cites = browser.find_elements(By.CSS_SELECTOR, "a.cite")
    assert len(cites) > 20
    for link in cites:
        full = link.get_dom_attribute("title")
        assert CITATION.match(full) or re.match(r"^Bedford Borough, \d{1,2} \w+ \d{4}, page \d+$", full), full
        href = link.get_dom_attribute("href")
        if href.startswith("#"):
            assert browser.find_elements(By.ID, href[1:]), href
            continue
        target, _, fragment = href.partition("#")
        assert (profile_path.parent / unquote(target)).resolve().is_file(), href
        page = re.search(r"page (\d+)$", full)
        assert fragment == (f"page={page.group(1)}" if page else ""), (href, full)


HOSTILE_NAME = 'Evil "><img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> Borough'
HOSTILE_TEXT = "Text </p><script>window.pwned=3</script><a href=\"javascript:window.pwned=4\" id=\"trap\">x</a> ' \" & end"


def test_text_from_a_report_never_runs_in_the_report(browser, tmp_path, seed_text_path):
    """An authority name and a paragraph that carry markup and script are shown as text."""
    import json

    from pipeline import compare, ingest

    record = ingest(seed_text_path)
    record["local_authority"] = HOSTILE_NAME
    record["urn"] = None
    record["paragraphs"][0]["text"] = HOSTILE_TEXT
    record["paragraphs"][0]["stance"] = "weakness"
    archive_path = tmp_path / "hostile.jsonl"
    archive_path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = tmp_path / "report.html"
    write_report(compare.load_archive(archive_path), report)
    browser.get(report.as_uri())
    assert browser.execute_script("return typeof window.pwned") == "undefined", "no script from the text ran"
    assert browser.find_elements("css selector", "img[src=x], #trap") == [], "no element was made from the text"
    assert "<script>window.pwned=2</script>" in browser.find_element("tag name", "body").text, "the name is shown as printed"
