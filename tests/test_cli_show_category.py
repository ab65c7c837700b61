"""`gelar show --category`: the category every scoreboard shows, chosen from the command line as with the console's c key."""

from __future__ import annotations

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from tests.scoring.test_categories import category_source
from tests.support.cli import gelar, refused


def test_show_chooses_the_category_of_every_scoreboard_and_refuses_an_unknown_one(capsys, tmp_path):
    path = tmp_path / "lomba.toml"
    path.write_text(category_source(scoring="overall = true"), encoding="utf-8")
    code, out, err = gelar(capsys, "show", path, "scoreboard", "--category", "kota", "--lang", "en")
    assert code == 0, err
    assert "Every scoreboard shows: Kabupaten/Kota" in out
    err = refused(capsys, "show", path, "winner", "--category", "[bold]nope", "--lang", "en")
    assert "no category '[bold]nope' to show on the scoreboard (the choices are: opd, kota, *" in err
    code, out, err = gelar(capsys, "show", path, "scoreboard", "--category", "*", "--lang", "en")
    assert code == 0 and "the overall ranking" in out
    day = Day.open(load_event(path), path.with_suffix(".gelar-journal"), origin="cli", create=False)
    try:
        shown = [r.data for r in day.journal.records() if r.kind in ("board_category", "display_shown")]
        assert shown == [{"category": "kota"}, {"view": "scoreboard"}, {"category": "*"}]  # the refused one wrote nothing
    finally:
        day.close()
