"""The HTML report in headless Chromium (Debian's chromium and chromium-driver): it loads
offline without console errors, its charts render, a screenshot is taken, and a figure's link
reaches the paragraphs behind it.

Skips when Chromium, its driver or selenium is missing; fails instead under
REQUIRE_BROWSER=1, which ``.ci/run`` sets after installing them."""

from __future__ import annotations

import os
import shutil

import pytest

from pipeline.compare.report import write_report

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
def report_page(browser, archive, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(archive, path)
    browser.get(path.as_uri())
    return browser, path


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
    shot = tmp_path / "report.png"
    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


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
    assert all("weakness" in p.find_element(By.CSS_SELECTOR, ".cite").text for p in paragraphs)


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
