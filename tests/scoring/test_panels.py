"""Panels for a review stage: conflicts respected, loads balanced, pairs spread, deterministic; an organiser's CSV checked."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gelar_tui.errors import GelarError
from gelar_tui.event.stages import conflicts_of
from gelar_tui.i18n import Messages
from gelar_tui.scoring.panels import assign, check_assignment, read_panels, spread_of, spread_wanted, stage_panels, warnings_of
from tests.support.stages import source_of, stages_data
from gelar_tui.event.eventfile import parse_event

EN = Messages("en")
LONG_RUN = bool(os.environ.get("GELAR_LONG_PROPERTY"))


@st.composite
def shapes(draw):
    jurors = [f"j{n:02d}" for n in range(draw(st.integers(1, 12)))]
    per_entry = draw(st.integers(1, min(4, len(jurors))))
    entries = [f"g{n:03d}" for n in range(draw(st.integers(1, 60)))]
    conflicts = {}
    if draw(st.booleans()):
        for juror in jurors:
            conflicts[juror] = set(draw(st.lists(st.sampled_from(entries), max_size=max(1, len(entries) // 4))))
        if draw(st.booleans()):  # one juror barred from most entries: the loads need rebalancing
            heavy = draw(st.sampled_from(jurors))
            conflicts[heavy] = set(draw(st.lists(st.sampled_from(entries), min_size=len(entries) // 2, max_size=len(entries))))
    return entries, jurors, per_entry, conflicts, draw(st.integers(0, 2**32))


def check_rules(entries, jurors, per_entry, conflicts, panels) -> None:
    """Every rule of the assignment (see gelar_tui.scoring.panels)."""
    assert list(panels) == entries
    for entry, panel in panels.items():
        assert len(panel) == per_entry == len(set(panel)), (entry, panel)
        assert set(panel) <= set(jurors)
        assert not [j for j in panel if entry in conflicts.get(j, ())], (entry, panel)
    spread = spread_of(panels, jurors)
    assert max(spread.load.values()) - min(spread.load.values()) <= 1, spread.load
    free = [j for j in jurors if not conflicts.get(j)]
    for juror in free:
        assert spread.partners[juror] >= spread_wanted(len(jurors), spread.load[juror], per_entry), (juror, spread)


@settings(max_examples=400 if LONG_RUN else 120, deadline=None, derandomize=not LONG_RUN, suppress_health_check=[HealthCheck.too_slow])
@given(shapes())
def test_every_assignment_meets_the_rules_or_names_what_stops_it(shape) -> None:
    entries, jurors, per_entry, conflicts, seed = shape
    try:
        panels = assign(entries, jurors, per_entry, conflicts, seed)
    except GelarError as error:
        text = error.render(EN)
        if error.key == "stages.panels_impossible":
            short = [e for e in entries if sum(e not in conflicts.get(j, ()) for j in jurors) < per_entry]
            assert short and all(f"Entry {e}:" in text for e in short), text
        else:
            assert error.key == "stages.unbalanced", text
        return
    check_rules(entries, jurors, per_entry, conflicts, panels)
    assert assign(entries, jurors, per_entry, conflicts, seed) == panels  # deterministic for a seed


def test_three_hundred_entries_among_twelve_jurors_three_each() -> None:
    entries, jurors = [f"g{n:03d}" for n in range(300)], [f"j{n:02d}" for n in range(12)]
    panels = assign(entries, jurors, 3, {}, seed=7)
    check_rules(entries, jurors, 3, {}, panels)
    spread = spread_of(panels, jurors)
    assert set(spread.load.values()) == {75}
    assert min(spread.partners.values()) == 11  # everybody shares entries with everybody
    assert set(spread.shared.values()) == {13, 14}  # 900 pairs over 66 pairs of jurors: as even as can be
    assert assign(entries, jurors, 3, {}, seed=8) != panels


@pytest.mark.parametrize(("entries", "jurors", "per_entry"), [(40, 10, 2), (60, 8, 3), (25, 12, 2)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pairs_of_jurors_are_spread_evenly(entries: int, jurors: int, per_entry: int, seed: int) -> None:
    names = [f"j{n:02d}" for n in range(jurors)]
    spread = spread_of(assign([f"g{n:03d}" for n in range(entries)], names, per_entry, {}, seed), names)
    assert max(spread.shared.values()) - min(spread.shared.values()) <= 1, spread.shared


def test_no_entry_no_panel() -> None:
    assert assign([], ["j1"], 1) == {}


def test_an_entry_nobody_may_score_is_named() -> None:
    with pytest.raises(GelarError) as info:
        assign(["a", "b", "c"], ["x", "y"], 2, {"x": {"b"}})
    assert info.value.render(EN) == (
        "The panels cannot be formed:\n  Entry b: only 1 of the stage's jurors may score it (the others have a conflict), "
        "but each entry needs 2. Take a conflict off, add jurors to the stage, or lower per_entry."
    )


def test_conflicts_that_leave_no_balance_name_the_juror() -> None:
    entries = [f"g{n}" for n in range(6)]
    with pytest.raises(GelarError) as info:
        assign(entries, ["j0", "j1", "j2"], 1, {"j0": set(entries[1:])})
    assert "j0 can be given only 1 of the entries while j1 would score 3" in info.value.render(EN)
    # with one more entry open to j0 a balance exists, and is found
    check_rules(entries, ["j0", "j1", "j2"], 1, {"j0": set(entries[2:])}, assign(entries, ["j0", "j1", "j2"], 1, {"j0": set(entries[2:])}))


def test_a_stage_of_an_event_uses_its_jurors_and_their_agency_conflicts() -> None:
    data = stages_data(groups=16, jurors=6, review={"jurors": ["j01", "j02", "j03", "j04"]})
    data["jurors"][0]["conflicts"] = ["Dinas 1"]
    data["recusals"] = [{"juror": "j02", "group": "g004", "reason": "kerabat"}]
    event = parse_event(source_of(data))
    panels = stage_panels(event, event.stages[0], seed=3)
    assert all(set(p) <= {"j01", "j02", "j03", "j04"} and len(p) == 2 for p in panels.values())
    assert not any("j01" in panels[g.id] for g in event.groups if g.agency == "Dinas 1")
    assert "j02" not in panels["g004"]
    check_rules(event.group_ids, ["j01", "j02", "j03", "j04"], 2, conflicts_of(event, ["j01", "j02", "j03", "j04"]), panels)


# --- an assignment made by hand: --from panels.csv ---

JURORS = ["j1", "j2", "j3"]
ENTRIES = ["a", "b", "c"]


def test_an_organisers_csv_is_read_in_the_stage_order() -> None:
    text = "\ufeffgroup,juror\na,j2\na,j1\nb,j2\nb,j3\n\nc,j3\nc,j1\n"
    panels = read_panels(text, "panels.csv", ENTRIES, JURORS, {}, "review")
    assert panels == {"a": ("j1", "j2"), "b": ("j2", "j3"), "c": ("j1", "j3")}
    assert warnings_of(panels, JURORS, 2) == []


def test_a_conflict_in_the_csv_is_refused_with_its_line_and_nothing_else_is_taken() -> None:
    text = "group,juror\na,j1\nb,j1\nzz,j2\nc,ghost\nc,j2\nc,j2\nc\n"
    with pytest.raises(GelarError) as info:
        read_panels(text, "panels.csv", ENTRIES, JURORS, {"j1": {"b"}}, "review")
    assert info.value.render(EN).splitlines() == [
        "panels.csv: the assignment is refused:",
        "  panels.csv:3: j1 may not score b: a conflict of interest (a group or agency in their conflicts, or a recusal)",
        "  panels.csv:4: unknown group 'zz'",
        "  panels.csv:5: 'ghost' is not a juror of the stage review (its jurors are: j1, j2, j3)",
        "  panels.csv:7: j2 is given c twice",
        "  panels.csv:8: expected two columns group,juror",
    ]


def test_a_csv_from_an_indonesian_spreadsheet_with_semicolons_and_the_columns_swapped() -> None:
    text = "Juror;Group\r\nj2;a\r\nj1;\"a\"\r\n;\r\nj3;b\r\nj3;zz\r\n"
    with pytest.raises(GelarError) as info:
        read_panels(text, "panels.csv", ENTRIES, JURORS, {}, "review")
    assert info.value.render(EN).splitlines()[1:] == ["  panels.csv:6: unknown group 'zz'"]
    assert read_panels(text.replace("j3;zz\r\n", ""), "p.csv", ENTRIES, JURORS, {}, "review") == {"a": ("j1", "j2"), "b": ("j3",), "c": ()}


def test_a_csv_without_its_header_is_refused() -> None:
    with pytest.raises(GelarError) as info:
        read_panels("a,j1\n", "panels.csv", ENTRIES, JURORS, {}, "review")
    assert str(info.value) == "panels.csv: the first line must name the columns group and juror (found: a,j1)"


def test_load_and_spread_are_only_warned() -> None:
    jurors = ["j1", "j2", "j3", "j4", "j5"]
    entries = [f"g{n}" for n in range(6)]
    text = "group,juror\n" + "".join(f"{e},j1\n{e},j2\n" for e in entries[:5]) + "g5,j3\n"
    panels = read_panels(text, "panels.csv", entries, jurors, {}, "review")
    said = [EN(key, **values) for key, values in warnings_of(panels, jurors, 2)]
    assert said == [
        "g5 has 1 juror(s), the stage asks for 2",
        "j1 scores 5 entries, j4 scores 0: the load differs by more than one",
        "j1 shares entries with only 1 other juror(s) of 4: their scale is hard to compare",
        "j2 shares entries with only 1 other juror(s) of 4: their scale is hard to compare",
        "j3 shares entries with only 0 other juror(s) of 4: their scale is hard to compare",
    ]


def test_hostile_cells_are_shown_escaped_and_short() -> None:
    text = "group,juror\n\x1b[2J=HYPERLINK(\"x\"),j1\na,\u202e" + "j" * 300 + "\n"
    with pytest.raises(GelarError) as info:
        read_panels(text, "panels.csv", ENTRIES, JURORS, {}, "review")
    message = info.value.render(EN)
    assert "\x1b" not in message and "\u202e" not in message
    assert "unknown group '\\x1b[2J=HYPERLINK(\"x\")'" in message
    assert max(len(line) for line in message.splitlines()) < 200


def test_checking_a_csv_returns_what_refuses_it_and_what_is_only_warned() -> None:
    refused = check_assignment("group,juror\na,j1\n", "p.csv", ENTRIES, JURORS, 2, {"j1": {"a"}}, "review")
    assert refused[0] is None and [p.key for p in refused[1]] == ["stages.csv_conflict"] and refused[2] == []
    header = check_assignment("", "p.csv", ENTRIES, JURORS, 2, {}, "review")
    assert header[0] is None and [p.key for p in header[1]] == ["stages.csv_header"]
    panels, problems, warnings = check_assignment("group,juror\na,j1\nb,j2\nc,j3\n", "p.csv", ENTRIES, JURORS, 2, {}, "review")
    assert panels == {"a": ("j1",), "b": ("j2",), "c": ("j3",)} and problems == []
    assert [key for key, _ in warnings] == ["stages.missing_entry"] * 3 + ["stages.few_partners"] * 3


def test_the_same_seed_gives_the_same_panels_in_another_process() -> None:
    """Panels are journaled by their seed: another run (another hash seed for its sets and dicts) must give them again."""
    import subprocess
    import sys

    program = (
        "import random\nfrom gelar_tui.scoring.panels import assign\n"
        "E = [f'g{i}' for i in range(80)]; J = [f'j{i}' for i in range(9)]\n"
        "rng = random.Random(5); conflicts = {j: set(rng.sample(E, 10)) for j in J}\n"
        "print(sorted(assign(E, J, 3, conflicts, seed=11).items()))\n"
    )
    runs = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1 and "g0" in runs.pop()
