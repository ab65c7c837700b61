"""The desk review at a juror's station in a real browser, against `gelar serve` (headless chromium).

The juror opens their station, scores and locks an entry of the review stage, then pages
through every entry the station offers, typing a score in each: every score lands in the
review stage, on an entry of that juror's panels, and nowhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from tests.e2e.test_serve_browser import CHROMIUM, DRIVER, browser, records, type_keys  # noqa: F401 - a fixture
from tests.support.serve import serving, wait_until
from tests.support.stages import source_of
from tests.ui.test_review_station import panels_of, review_data

pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)), reason="chromium and chromium-driver are not installed"
)


@pytest.fixture
def served(tmp_path: Path, isolated_home: Path):
    """A two-stage event with panels set and PINs, served on a free loopback port."""
    event_path = tmp_path / "review.toml"
    event_path.write_text(source_of(review_data()), encoding="utf-8")
    journal = tmp_path / "review.gelar-journal"
    event = load_event(event_path)
    day = Day.open(event, journal, origin="cli")
    day.set_panels("review", panels_of(event), "test")
    pins = day.issue_pins()
    day.close()
    with serving(event_path, journal, tmp_path / "serve.out") as url:
        yield url, event, journal, pins


def test_a_juror_scores_the_desk_review_in_a_browser_and_reaches_only_their_entries(served, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, event, journal, pins = served
    browser.get(url + "/")
    browser.find_element(By.ID, "open-jury-j01").click()
    wait_until(lambda: "-first-byte" in (browser.find_element(By.TAG_NAME, "body").get_attribute("class") or ""), "the station draws")

    def opened() -> bool:  # the PIN field takes the focus once the screen is up: keys typed before are lost
        tries = len(records(event, journal, "pin_failed"))
        type_keys(browser, pins["j01"] + Keys.ENTER)
        try:
            return bool(wait_until(
                lambda: records(event, journal, "station_opened") or len(records(event, journal, "pin_failed")) > tries, "a try", timeout=10
            )) and bool(records(event, journal, "station_opened"))
        except AssertionError:
            type_keys(browser, Keys.BACKSPACE * 6)
            return False

    wait_until(opened, "the station opens", timeout=60)
    type_keys(browser, "85" + Keys.TAB + "70" + Keys.TAB)
    wait_until(lambda: len(records(event, journal, "score_set")) == 2, "the two review scores are journaled")
    browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea").send_keys(Keys.CONTROL, "s")
    locked = wait_until(lambda: records(event, journal, "sheet_locked"), "the sheet is locked")
    assert [(r.data, r.origin) for r in locked] == [({"group": "g001", "juror": "j01", "stage": "review"}, "jury:j01")]
    for _ in range(4):  # PageDown through every entry the station offers (saving the cell left), round to the first again
        type_keys(browser, Keys.PAGE_DOWN + "6")
    wait_until(lambda: len(records(event, journal, "score_set")) == 5, "a score for each other entry is journaled")
    scores = records(event, journal, "score_set")
    assert {(r.data["group"], r.data["juror"], r.data.get("stage"), r.origin) for r in scores} == {
        (g, "j01", "review", "jury:j01") for g in ("g001", "g003", "g004", "g006")
    }
    assert [(r.data["group"], r.data["criterion"]) for r in scores[2:]] == [("g003", "substansi"), ("g004", "substansi"), ("g006", "substansi")]
    # g001 is locked: the last 6 reached no cell
