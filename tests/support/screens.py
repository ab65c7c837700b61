"""Helpers shared by the tests of the jury sheet, scoreboard, winner announcement and results document.

- :func:`event_with` builds a variant of the demo event from TOML replacements;
  :func:`big_event` generates an event of any size.
- :func:`make_app` builds the console the way ``gelar run`` does, on a given day.
- :func:`fill` / :func:`score_sheet` put scores (and locks) into a day through its own actions.
- :func:`screen_text`, :func:`widget_text`, :func:`table_rows` read what the terminal shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gelar_tui.day.facade import Day
from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.ui.app import GelarApp
from gelar_tui.ui.widgets.table_view import TableView

from tests.support.console import fixed_timezone, make_app, open_day, record_kinds, screen_text, widget_text  # noqa: F401 (shared with the console tests; re-exported)

JURORS = ("pemprov", "swasta")
CRITERIA = ("analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama")
WIDE = (160, 48)
SIZE = (110, 32)
"""Where the width does not matter: a smaller terminal is quicker to draw."""

# A full day of scores in which every group's final differs (mean of both jurors):
# berlian 90, ceria 85, cp-joss 80, melati 75.
FINALS = {"berlian": 90, "ceria": 85, "cp-joss": 80, "melati": 75}


def demo_source() -> str:
    return bundled_event_path().read_text(encoding="utf-8")


def event_with(*replacements: tuple[str, str], append: str = "") -> Event:
    """The demo event with text replacements (each must apply) and extra TOML appended."""
    source = demo_source()
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    return parse_event(source + append, "demo.toml")


def big_event(groups: int, jurors: int) -> Event:
    """An event with *groups* groups and *jurors* jurors (the demo's criteria)."""
    source = demo_source()
    head = source[: source.index("# The report names the jurors")]
    tail = source[source.index("[awards]") :]
    parts = [head]
    for j in range(1, jurors + 1):
        parts.append(f'[[jurors]]\nid = "j{j:02d}"\nname = "Juri {j:02d}"\naffiliation = "Instansi {j}"\n\n')
    for g in range(1, groups + 1):
        parts.append(f'[[groups]]\nid = "g{g:03d}"\nname = "KBK {g:03d}"\nagency = "Dinas {g:03d}"\n\n')
    parts.append(tail)
    return parse_event("".join(parts), "big.toml")


# -- putting scores in --------------------------------------------------------------


def score_sheet(
    day: Day, group: str, juror: str, values: float | str | Mapping[str, float | str] | Iterable, *, lock: bool = True
) -> None:
    """One juror's sheet for one group: one value for every criterion, a list in criterion order, or a dict."""
    criteria = day.event.criterion_ids
    if isinstance(values, Mapping):
        items = list(values.items())
    elif isinstance(values, (int, float, str)):
        items = [(c, values) for c in criteria]
    else:
        items = list(zip(criteria, values))
    for criterion, value in items:
        day.set_score(group, juror, criterion, str(value))
    if lock:
        day.lock_sheet(group, juror)


def fill(
    day: Day,
    finals: Mapping[str, float] | None = None,
    *,
    jurors: Iterable[str] | None = None,
    lock: bool = True,
) -> None:
    """Give every listed group the same score from every listed juror on every criterion."""
    finals = FINALS if finals is None else finals
    for group, value in finals.items():
        for juror in jurors or day.event.juror_ids:
            score_sheet(day, group, juror, value, lock=lock)


def tie_day(day: Day, *, decided: bool) -> None:
    """Every sheet in: ceria and melati end on an equal final (80); when *decided*,
    ceria's higher "inovasi" (the first tie-break) places it above melati."""
    score_sheet(day, "berlian", "pemprov", 90)
    score_sheet(day, "berlian", "swasta", 90)
    score_sheet(day, "cp-joss", "pemprov", 70)
    score_sheet(day, "cp-joss", "swasta", 70)
    for juror in JURORS:
        score_sheet(day, "melati", juror, 80)
        if decided:  # same weighted total (80): inovasi +10, manfaat -10 (both weight 20)
            score_sheet(day, "ceria", juror, {"analisis": 80, "solusi": 80, "inovasi": 90, "manfaat": 70, "presentasi": 80, "kerjasama": 80})
        else:
            score_sheet(day, "ceria", juror, 80)


def records_of(day: Day, kind: str) -> list[dict]:
    return [record.data for record in day.journal.records() if record.kind == kind]


# -- what the terminal shows ----------------------------------------------------------


def table_rows(app: GelarApp, selector: str) -> list[list[str]]:
    """The cells of a table of the screen on top, as plain text, in display order."""
    table = app.screen.query_one(selector, TableView)
    return [table.cell_texts(index) for index in range(table.row_count)]
