"""`gelar takeover`: the standby laptop copies the hub's journal, checks it, carries the running slot
on, and from then on the old laptop is refused (and told which records the hub never got)."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import psycopg

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event
from gelar_tui.hub.naming import event_id
from gelar_tui.hub.takeover import take_over
from gelar_tui.journal.clock import BOOT_ID, Stamp, boot_time
from tests.hub.hubtools import hub_rows, local_rows
from tests.support.cli import gelar, ok, refused
from tests.support.console import demo_event


def old_laptop(folder: Path, url: str, capsys) -> tuple[Path, Day]:
    """The moderator's laptop: an event file naming the hub, a slot running, scores in, all shipped."""
    folder.mkdir()
    event = folder / "lomba.toml"
    event.write_text(bundled_event_path().read_text(encoding="utf-8") + f'\n[hub]\nurl = "{url}"\n', encoding="utf-8")
    ok(capsys, "--lang", "en", "hub", "init", event)
    day = Day.open(load_event(event), folder / "lomba.gelar-journal", origin="console")
    day.records_event = True
    day.record_event()
    day.start()
    for criterion in ("analisis", "solusi"):
        day.set_score(day.state.current, "pemprov", criterion, "70")
    ok(capsys, "--lang", "en", "hub", "push", event)
    return event, day


def test_takeover_copies_checks_and_carries_the_running_slot_on(hub_url, tmp_path, capsys):
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    try:
        standby = tmp_path / "standby"
        standby.mkdir()
        out = ok(capsys, "--lang", "en", "takeover", "--hub", hub_url, "--event", event_id(demo_event()), "-o", standby / "day.gelar-journal")
        remaining_old = old.slot().slot_remaining
    finally:
        old.close()
    assert "Took over" in out and socket.gethostname() in out
    command = out.strip().splitlines()[-1].strip()
    assert command.startswith("gelar run ") and "day.toml" in command  # the journal beside it is its default
    copied = standby / "day.gelar-journal"
    kinds = [r.kind for r in Day.open(load_event(standby / "day.toml"), copied, create=False).journal.records()]
    assert kinds[-1] == "takeover"
    new = Day.open(load_event(standby / "day.toml"), copied, create=False)
    try:
        assert abs(new.slot().slot_remaining - remaining_old) <= 1.5
        assert new.state.slots[new.state.current].running_since is not None
        takeover = new.journal.records()[-1]
        assert takeover.data["by"] == socket.gethostname() and takeover.data["last"] == len(kinds) - 1
    finally:
        new.close()
    assert hub_rows(hub_url) == local_rows(copied)  # the takeover record is on the hub too
    with psycopg.connect(hub_url) as conn:
        assert conn.execute("SELECT taken_at IS NOT NULL FROM gelar_hub.journals").fetchone()[0]


class OtherLaptop:
    """The standby's clocks: the same wall clock, a boot clock of its own (another machine)."""

    speed = 1.0

    def now(self) -> float:
        return time.time()

    def stamp(self) -> Stamp:
        return Stamp(time.time(), boot_time() + 86_400.0, "standby-" + BOOT_ID)


def test_a_slot_running_on_another_machine_goes_on_bridged_across_its_boot(hub_url, tmp_path, capsys):
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    try:
        done = take_over(hub_url, event_id(demo_event()), tmp_path / "standby.gelar-journal", clock=OtherLaptop())
        remaining_old = old.slot().slot_remaining
    finally:
        old.close()
    new = Day.open(done.event, tmp_path / "standby.gelar-journal", OtherLaptop(), create=False)
    try:
        kinds = [r.kind for r in new.journal.records()[-2:]]
        assert kinds == ["clock_bridged", "takeover"]
        assert abs(new.slot().slot_remaining - remaining_old) <= 1.5
    finally:
        new.close()


def test_the_old_laptop_is_refused_and_told_the_records_the_hub_never_got(hub_url, tmp_path, capsys):
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    try:
        take_over(hub_url, event_id(demo_event()), tmp_path / "standby.gelar-journal")
        old.set_score(old.state.current, "swasta", "inovasi", "81")  # written on the old laptop after the takeover
    finally:
        old.close()
    err = refused(capsys, "--lang", "en", "hub", "push", event)
    assert "taken over by " + socket.gethostname() in err
    code, out, err = gelar(capsys, "--lang", "en", "hub", "status", event)
    assert code == 1 and "taken over" in err
    assert "never got (1)" in out and "score_set" in out and "value=81" in out
    code, out, _ = gelar(capsys, "--lang", "en", "hub", "status", event, "--json")
    report = json.loads(out)
    assert code == 1 and "taken over" in report["refused"]
    assert [(r["kind"], r["data"]["juror"], r["data"]["criterion"]) for r in report["lost"]] == [("score_set", "swasta", "inovasi")]


def test_a_record_edited_on_the_hub_refuses_the_takeover_and_writes_nothing(hub_url, pg_cluster, tmp_path, capsys):
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    database = hub_url.rsplit("/", 1)[1]
    pg_cluster.sql("UPDATE gelar_hub.records SET data = replace(data, '70', '99') WHERE kind = 'score_set'", database=database)
    target = tmp_path / "standby.gelar-journal"
    err = refused(capsys, "--lang", "en", "takeover", "--hub", hub_url, "--event", event_id(demo_event()), "-o", target)
    assert "does not check" in err and not target.exists()
    with psycopg.connect(hub_url) as conn:
        assert conn.execute("SELECT taken_at FROM gelar_hub.journals").fetchone()[0] is None


def test_takeover_never_overwrites_a_journal(hub_url, tmp_path, capsys):
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    target = tmp_path / "old" / "lomba.gelar-journal"
    before = target.read_bytes()
    err = refused(capsys, "--lang", "en", "takeover", "--hub", hub_url, "--event", event_id(demo_event()), "-o", target)
    assert "already exists" in err and target.read_bytes() == before


def test_takeover_with_the_hub_down_is_a_clear_error_and_leaves_nothing(own_cluster, tmp_path, capsys):
    url = own_cluster.url()
    own_cluster.stop("immediate")
    target = tmp_path / "standby.gelar-journal"
    err = refused(capsys, "--lang", "en", "takeover", "--hub", url, "--event", event_id(demo_event()), "-o", target)
    assert "Cannot reach the hub" in err and not target.exists() and not list(tmp_path.iterdir())


def test_the_default_file_is_named_after_the_id_made_safe(hub_url, tmp_path, capsys, monkeypatch):
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    standby = tmp_path / "standby"
    standby.mkdir()
    monkeypatch.chdir(standby)
    code, out, err = gelar(capsys, "--lang", "en", "takeover", "--hub", hub_url, "--event", "../" + event_id(demo_event()))
    assert code == 2 and "no journal for the event" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old", "standby"] and not list(standby.iterdir())
    ok(capsys, "--lang", "en", "takeover", "--hub", hub_url, "--event", event_id(demo_event()))
    assert (standby / f"{event_id(demo_event())}.gelar-journal").exists() and (standby / f"{event_id(demo_event())}.toml").exists()


def test_the_old_laptops_count_behind_is_every_record_the_hub_never_got(hub_url, tmp_path, capsys):
    """Found by hand: two records written on the old laptop after a takeover were "1 behind" (its
    count minus the hub's, which holds the takeover record at a number of its own) though both are lost."""
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    try:
        take_over(hub_url, event_id(demo_event()), tmp_path / "standby.gelar-journal")
        old.pause()
        old.resume()
    finally:
        old.close()
    code, out, _ = gelar(capsys, "--lang", "en", "hub", "status", event, "--json")
    report = json.loads(out)
    assert code == 1 and [r["kind"] for r in report["lost"]] == ["slot_paused", "slot_resumed"]
    assert report["behind"] == 2
    code, out, _ = gelar(capsys, "--lang", "en", "hub", "status", event)
    assert "2 behind" in out and "never got (2)" in out


def test_the_old_consoles_top_line_counts_what_it_writes_after_the_refusal(hub_url, tmp_path, capsys):
    """Found by hand: the old console said "hub refused · 0 not shipped" for up to 30 s after its
    moderator paused and resumed (the shipper counted again only when it retried the hub)."""
    from gelar_tui.hub.ship import Shipper
    from gelar_tui.i18n import Messages
    from tests.support.serve import wait_until

    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    shipper = Shipper(hub_url, tmp_path / "old" / "lomba.gelar-journal", load_event(event), refused_retry=120).start()
    try:
        wait_until(lambda: shipper.state.status == "in_step", "in step", timeout=20)
        take_over(hub_url, event_id(demo_event()), tmp_path / "standby.gelar-journal")
        old.pause()
        wait_until(lambda: shipper.state.status == "refused", "the old laptop refused", timeout=20)
        old.resume()
        old.pause()
        wait_until(lambda: shipper.state.behind == 3, f"three records counted as not shipped {shipper.state}", timeout=15)
        host = socket.gethostname()
        shown = host if len(host) <= 16 else host[:15] + "…"
        assert shipper.state.summary(Messages("en"), time.time()) == (f"hub refused: {shown} writes · 3 not shipped", True)
    finally:
        shipper.stop()
        old.close()


def test_an_old_console_opened_after_the_takeover_counts_only_what_the_hub_never_got(hub_url, tmp_path, capsys):
    """Found by hand: the old laptop's console, opened again after the takeover, said "hub refused ·
    535 not shipped" when the hub held all but two of its records."""
    from gelar_tui.hub.ship import Shipper
    from tests.support.serve import wait_until

    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    try:
        take_over(hub_url, event_id(demo_event()), tmp_path / "standby.gelar-journal")
        old.pause()
    finally:
        old.close()
    shipper = Shipper(hub_url, tmp_path / "old" / "lomba.gelar-journal", load_event(event), refused_retry=120).start()
    try:
        wait_until(lambda: shipper.state.status == "refused", "the old laptop refused", timeout=20)
        assert shipper.state.behind == 1
    finally:
        shipper.stop()


def test_the_refused_top_line_shows_the_writers_name_from_the_hub_as_plain_short_text(hub_url, tmp_path, capsys):
    """The name of the laptop that writes comes from the hub's table: whoever may write there could
    put control characters or a long text in it."""
    from gelar_tui.hub.ship import Shipper
    from gelar_tui.i18n import Messages
    from tests.support.serve import wait_until

    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    take_over(hub_url, event_id(demo_event()), tmp_path / "standby.gelar-journal")
    with psycopg.connect(hub_url, autocommit=True) as conn:
        conn.execute("UPDATE gelar_hub.journals SET writer_name = %s", ("\x1b[31mlaptop-cadangan-aula-utama\x07",))
    shipper = Shipper(hub_url, tmp_path / "old" / "lomba.gelar-journal", load_event(event), refused_retry=120).start()
    try:
        wait_until(lambda: shipper.state.status == "refused", "the old laptop refused", timeout=20)
        text, warn = shipper.state.summary(Messages("en"), time.time())
        assert warn and text == "hub refused: [31mlaptop-cada… writes · 0 not shipped"
    finally:
        shipper.stop()


def test_a_second_laptop_without_a_takeover_is_refused_told_which_and_its_event_record_listed_in_one_line(hub_url, tmp_path, capsys):
    """Found by hand: `gelar hub status` on the second laptop listed its event_file record with the
    whole event in it (criteria, groups, jurors…), a screenful for one line."""
    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    second = tmp_path / "second"
    second.mkdir()
    (second / "lomba.toml").write_text(event.read_text(encoding="utf-8"), encoding="utf-8")
    day = Day.open(load_event(second / "lomba.toml"), second / "lomba.gelar-journal", origin="console")
    day.records_event = True
    day.record_event()
    day.close()
    code, out, err = gelar(capsys, "--lang", "en", "hub", "status", second / "lomba.toml")
    assert code == 1 and "already has another journal" in err and socket.gethostname() in err
    lost = [line for line in out.splitlines() if "event_file" in line]
    assert len(lost) == 1 and "digest=" in lost[0] and "criteria" not in lost[0] and "KBK" not in lost[0]


def test_a_takeover_given_a_password_in_the_address_prints_a_command_that_works(hub_url, tmp_path, capsys):
    """Found by hand: with the password typed in --hub, the command printed to open the console
    carried the address masked (`gelar:***@`): copied, it logged in with the password "***"."""
    from tests.support.pg import PASSWORD

    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    with_password = hub_url.replace("postgresql://gelar@", f"postgresql://gelar:{PASSWORD}@")
    standby = tmp_path / "standby"
    standby.mkdir()
    out = ok(capsys, "--lang", "en", "takeover", "--hub", with_password, "--event", event_id(demo_event()), "-o", standby / "day.gelar-journal")
    assert PASSWORD not in out and "***" not in out and "PGPASSWORD" in out
    assert PASSWORD not in (standby / "day.toml").read_text(encoding="utf-8")
    command = [line.strip() for line in out.splitlines() if line.strip().startswith("gelar run ")][0]
    assert command == "gelar run " + str(standby / "day.toml")
    status = ok(capsys, "--lang", "en", "hub", "status", standby / "day.toml")  # the password from PGPASSWORD, the hub from the file
    assert "0 behind" in status


def test_a_lost_writer_id_file_is_named_rather_than_another_laptop(hub_url, tmp_path, capsys):
    """Found by hand: with the writer id file beside the journal deleted, the laptop was refused
    as "written by vm (another laptop)", vm being its own name."""
    from gelar_tui.hub.client import writer_file

    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    writer_file(tmp_path / "old" / "lomba.gelar-journal").unlink()
    err = refused(capsys, "--lang", "en", "hub", "push", event)
    assert "hub-writer" in err and "gelar takeover" in err and "another laptop" not in err


def test_a_takeover_that_cannot_keep_its_writer_id_says_so_and_takes_nothing(hub_url, tmp_path, capsys):
    """Found by hand: a takeover onto a disk that filled up while it wrote the writer id ended in a traceback."""
    from gelar_tui.hub.client import writer_file

    event, old = old_laptop(tmp_path / "old", hub_url, capsys)
    old.close()
    target = tmp_path / "standby.gelar-journal"
    writer_file(target).mkdir()  # in the way of the writer id, as a full disk is
    err = refused(capsys, "--lang", "en", "takeover", "--hub", hub_url, "--event", event_id(demo_event()), "-o", target)
    assert "writer id" in err and str(writer_file(target)) in err and not target.exists()
    with psycopg.connect(hub_url) as conn:
        assert conn.execute("SELECT taken_at FROM gelar_hub.journals").fetchone()[0] is None
