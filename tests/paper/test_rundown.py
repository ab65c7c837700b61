"""`gelar rundown`: the MC's running order, one page per day, with planned times, members, breaks and the changeover."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gelar_tui.event.eventfile import parse_event
from gelar_tui.i18n import Messages
from gelar_tui.results.rundown import rundowns, to_html, to_markdown
from tests.event.test_days import DAYS, categories

EN = Messages("en")
BREAK = '[[breaks]]\nafter = "melati"\nname = "Ishoma"\nlength = "1h"\n'


def provincial_source() -> str:
    source = categories(DAYS + BREAK).replace("[timing]\n", '[timing]\nchangeover = "2m"\n', 1)
    return source.replace('agency = "Satpol PP"\nmembers = []', 'agency = "Satpol PP"\nmembers = ["Siti Aminah", "[bold]Dewi[/bold]", "Rina, S.Kom."]', 1)


def test_each_day_has_its_groups_breaks_and_planned_times():
    event = parse_event(provincial_source())
    first, second = rundowns(event)
    assert [(i.time, i.name) for i in first.items] == [("08:00", "KBK Melati"), ("08:30", "Ishoma"), ("09:30", "KBK Ceria")]
    assert [(i.time, i.name) for i in second.items] == [("09:00", "KBK Berlian"), ("09:32", "KBK CP JOSS")]  # 2m changeover
    assert (first.end, second.end, second.deadline) == ("10:00", "10:02", "12:00")
    assert first.items[0].members == ("Siti Aminah", "[bold]Dewi[/bold]", "Rina, S.Kom.")
    assert first.items[0].category == "Perangkat Daerah"
    assert [d.day.number for d in rundowns(event, 2)] == [2]


def test_the_markdown_names_what_the_mc_reads_out():
    event = parse_event(provincial_source())
    text = to_markdown(event, rundowns(event), EN)
    assert "### Day 1 of 2" in text and "### Day 2 of 2" in text
    assert "**08:00** — 1. **KBK Melati** · Satpol PP · Perangkat Daerah (30m)" in text
    assert "Members: Siti Aminah · [bold]Dewi[/bold] · Rina, S.Kom." in text
    assert "_Ishoma_ (1h)" in text and "2m" in text


def test_the_html_puts_each_day_on_its_own_page_and_escapes_names():
    event = parse_event(provincial_source())
    page = to_html(event, rundowns(event), EN)
    assert page.count('<section class="day">') == 2 and "page-break-before: always" in page
    assert "[bold]Dewi[/bold]" in page and "size: A4" in page


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gelar_tui", *args], capture_output=True, text=True, cwd=cwd)


def test_a_day_the_event_does_not_have_is_refused_with_status_2(tmp_path):
    (tmp_path / "lomba.toml").write_text(provincial_source(), encoding="utf-8")
    done = run("rundown", "lomba.toml", "--day", "3", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 2 and "there is no day 3: the event has 2 day(s)" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pdf_has_one_page_per_day(tmp_path):
    pytest.importorskip("weasyprint")
    (tmp_path / "lomba.toml").write_text(provincial_source(), encoding="utf-8")
    done = run("rundown", "lomba.toml", "--format", "pdf", "-o", "rundown.pdf", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "rundown.pdf"), "-"], capture_output=True, text=True).stdout.split("\f")
    assert "KBK Melati" in pages[0] and "Ishoma" in pages[0] and "KBK Berlian" not in pages[0]
    assert "KBK Berlian" in pages[1] and "09:32" in pages[1]
    assert "Day 2 of 2" in pages[1].splitlines()[0]  # each page is headed by its day, a continued one too


def test_hostile_names_are_text_in_the_html():
    source = provincial_source().replace('name = "KBK Ceria"', 'name = "KBK <script>alert(1)</script> & [@click=app.quit]"', 1)
    event = parse_event(source)
    page = to_html(event, rundowns(event), EN)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [@click=app.quit]" in page


def test_an_event_without_days_is_one_page_without_a_day_number():
    from gelar_tui.event.eventfile import bundled_event_path

    event = parse_event(bundled_event_path().read_text("utf-8"))
    (day,) = rundowns(event)
    assert [i.name for i in day.items if i.kind == "group"] == [g.name for g in event.groups]
    assert "Day 1 of" not in to_markdown(event, [day], EN)


def test_the_segment_plan_is_said_once_and_a_groups_own_segments_on_its_line():
    source = provincial_source().replace(
        "[timing]\n", '[timing]\nsegments = [{ name = "Paparan", length = "20m" }, { name = "Tanya jawab", length = "10m" }]\n', 1
    ).replace("slot = ", "# slot = ", 1)
    source = source.replace('id = "berlian"\n', 'id = "berlian"\nsegments = [{ name = "Paparan", length = "15m" }]\n', 1)
    event = parse_event(source)
    text = to_markdown(event, rundowns(event), EN)
    assert text.count("Each slot: Paparan 20m, Tanya jawab 10m") == 2  # under each day
    assert "  - Paparan 15m" in text and "  - Paparan 20m" not in text


def test_planned_items_give_each_items_time_of_day():
    import datetime as dt

    from gelar_tui.event.days import event_days
    from gelar_tui.results.rundown import planned_items

    event = parse_event(provincial_source())
    second = planned_items(event, event_days(event)[1])
    assert [(p.item, p.offset, p.start) for p in second] == [
        ("berlian", 0, dt.datetime(2016, 8, 17, 9, 0)),
        ("cp-joss", 32 * 60, dt.datetime(2016, 8, 17, 9, 32)),
    ]
