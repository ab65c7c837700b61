"""`gelar serve` in a real browser (Debian's chromium, driven by Selenium; nothing downloads one).

The test serves an event on loopback, opens the page, chooses a juror, types a wrong
PIN, then the right one and a score. The browser terminal draws on a canvas, so what
happened is read from the journal. Skipped only where chromium or its driver is
missing (`.ci/run` installs both).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event
from tests.support.serve import serving, wait_until

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)), reason="chromium and chromium-driver are not installed"
)


@pytest.fixture
def served(tmp_path: Path, isolated_home: Path):
    """An event with PINs, served on a free loopback port: (url, journal, pins, server output)."""
    event_path = tmp_path / "event.toml"
    shutil.copy(bundled_event_path(), event_path)
    journal = tmp_path / "day.gelar-journal"
    event = load_event(event_path)
    day = Day.open(event, journal, origin="cli")
    pins = day.issue_pins()
    day.close()
    with serving(event_path, journal, tmp_path / "serve.out") as url:
        yield url, event, journal, pins, tmp_path / "serve.out"


@pytest.fixture
def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1100,800",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def records(event, journal: Path, kind: str) -> list:
    day = Day.open(event, journal, origin="cli", create=False)
    try:
        return [r for r in day.journal.records() if r.kind == kind]
    finally:
        day.close()


def type_keys(browser, keys: str) -> None:
    """Keys to the browser terminal (its hidden text area), one at a time as a person types."""
    from selenium.webdriver.common.by import By

    area = browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
    for key in keys:
        area.send_keys(key)
        time.sleep(0.15)


def test_a_juror_opens_their_station_in_a_browser_and_scores(served, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, event, journal, pins, server_out = served
    browser.get(url + "/")
    assert browser.title == "Gelar Budaya Kerja 2016"
    page = browser.page_source
    for secret in ("gelar_tui", "--journal", str(journal), journal.name, "python"):
        assert secret not in page
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".choices a")]
    assert names == ["Audience display", "Presenter monitor", "Juri Pemprov Jawa Timur", "Juri Swasta"]

    browser.find_element(By.ID, "open-jury-pemprov").click()
    wait_until(lambda: "-first-byte" in (browser.find_element(By.TAG_NAME, "body").get_attribute("class") or ""), "the station draws")
    assert str(journal) not in browser.page_source and "--juror" not in browser.page_source
    time.sleep(1.0)  # the PIN field takes the focus once the screen is up

    wrong = "314159" if "314159" not in pins.values() else "271828"
    type_keys(browser, wrong + Keys.ENTER)
    wait_until(lambda: records(event, journal, "pin_failed"), "the wrong PIN is journaled")
    assert not records(event, journal, "station_opened") and not records(event, journal, "score_set")

    type_keys(browser, pins["pemprov"] + Keys.ENTER)
    opened = wait_until(lambda: records(event, journal, "station_opened"), "the station opens")
    assert opened[0].origin == "jury:pemprov"
    time.sleep(1.0)  # the sheet takes the focus on its first cell
    type_keys(browser, "85" + Keys.TAB)
    stored = wait_until(lambda: records(event, journal, "score_set"), "the score is journaled")
    assert [(r.data["juror"], r.data["criterion"], r.data["value"], r.origin) for r in stored] == [
        ("pemprov", "analisis", "85", "jury:pemprov")
    ]

    # Nothing the page loaded came from anywhere but this server (no web fonts, no scripts).
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded and all(name.startswith(url + "/") or name.startswith(url.replace("http", "ws") + "/") for name in loaded), loaded
    assert any("RobotoMono" in name for name in loaded)  # the terminal's font, from here
