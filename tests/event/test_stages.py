"""`[[stages]]`, juror conflicts and `[scoring] combine` in the event file: read, and refused with clear messages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import bundled_event_path, load_event, parse_event
from gelar_tui.event.stages import conflicts_of, document_of, criteria_of, jurors_of, method_of, stages_of
from gelar_tui.i18n import Messages
from tests.support.stages import source_of, stages_data, stages_event

EN = Messages("en")
ID = Messages("id")


def refusal(data: dict, language: Messages = EN) -> str:
    with pytest.raises(GelarError) as info:
        parse_event(source_of(data), "stages.toml")
    return info.value.render(language)


def test_an_event_without_stages_is_one_presentation_stage_on_its_own_criteria_and_jurors() -> None:
    event = load_event(bundled_event_path(), use_cache=False)
    (only,) = stages_of(event)
    assert (only.id, only.kind, only.advance) == ("presentation", "presentation", None)
    assert criteria_of(event, only) == event.criteria and list(jurors_of(event, only)) == event.juror_ids
    assert method_of(event, only) == (event.scoring.method, event.scoring.trim)


def test_stages_conflicts_and_combine_are_read_into_the_model() -> None:
    data = stages_data(combine={"review": 70, "presentation": 30})
    data["jurors"][0]["conflicts"] = ["g001", "Dinas 2"]
    data["stages"][0]["jurors"] = ["j01", "j02", "j03", "j04"]
    event = parse_event(source_of(data))
    review, final = event.stages
    assert (review.kind, review.normalise, review.per_entry, review.advance) == ("review", "zscore", 2, 4)
    assert [c.id for c in criteria_of(event, review)] == ["substansi"]
    assert [c.id for c in criteria_of(event, final)] == ["isi", "cara"]
    assert jurors_of(event, review) == ("j01", "j02", "j03", "j04") and len(jurors_of(event, final)) == 6
    assert dict(event.scoring.combine) == {"review": Decimal(70), "presentation": Decimal(30)}
    assert conflicts_of(event)["j01"] == {"g001", "g002", "g006", "g010"}
    assert conflicts_of(event)["j02"] == frozenset()


def test_a_recusal_counts_as_a_conflict_for_the_panels() -> None:
    data = stages_data()
    data["recusals"] = [{"juror": "j03", "group": "g005", "reason": "kerabat"}]
    assert conflicts_of(parse_event(source_of(data)))["j03"] == {"g005"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["stages"][0].update(method="rank"), 'stages.toml:42: stages[0].normalise: normalise = "zscore" cannot go with the rank method'),
        (lambda d: d["scoring"].update(method="rank"), 'stages[0].normalise: normalise = "zscore" cannot go with the rank method'),
        (lambda d: d["stages"][0].update(jurors=["j01", "ghost"]), "stages[0].jurors[1]: unknown juror 'ghost' (the jurors are: j01, j02"),
        (lambda d: d["stages"][0].update(jurors=["j01", "j02"], per_entry=3), "stages[0].per_entry: per_entry = 3 is more than the stage's 2 juror(s)"),
        (lambda d: d["scoring"].update(combine={"review": 70, "final": 30}), "scoring.combine.final: combine names 'final', which is no stage (the stages are: review, presentation)"),
        (lambda d: d["scoring"].update(combine={"review": 0, "presentation": 30}), "scoring.combine.review: the weight of 'review' in combine must be greater than zero, not 0"),
        (lambda d: d["scoring"].update(combine={"review": -5, "presentation": 30}), "the weight of 'review' in combine must be greater than zero, not -5"),
        (lambda d: (d["scoring"].update(combine={"review": 70, "presentation": 30}), d["stages"][1].update(method="rank")),
         "scoring.combine.presentation: the stage 'presentation' ranks by the rank method: its mean ranks are not scores"),
        (lambda d: d["stages"][1].update(id="review"), "stages[1].id: duplicate id 'review' (already used by stages[0])"),
        (lambda d: d["stages"][1].update(advance=2), "stages[1].advance: advance on the last stage: there is no next stage to go on to"),
        (lambda d: (d["stages"][0].update(kind="presentation"), d["stages"][0].pop("per_entry")), "stages[1].kind: a second presentation stage (the first is stages[0])"),
        (lambda d: d["stages"][1].update(per_entry=2), "stages[1].per_entry: per_entry is for a review stage"),
        (lambda d: d["jurors"][2].update(conflicts=["Dinas 9"]), "jurors[2].conflicts[0]: 'Dinas 9' is neither a group id nor an agency of any group"),
        (lambda d: d["stages"][0].update(method="trimmed", trim=1), "stages[0].method: the trimmed method with trim = 1 needs 3 jurors on every entry; this stage gives 2"),
        (lambda d: d["stages"][0]["criteria"].append({"id": "substansi", "name": "Lagi", "weight": 1}), "stages[0].criteria[1].id: duplicate id 'substansi' (already used by stages[0].criteria[0])"),
        (lambda d: d["stages"][0].update(jurors=["j01", "j02", "j01"]), "stages[0].jurors[2]: juror 'j01' is listed twice in this stage"),
        (lambda d: d["stages"][1].update(documents="x/{group}.pdf"), "stages[1].documents: documents is for a review stage"),
        (lambda d: d["stages"][0].update(documents="proposals/{grup}.pdf"), 'stages[0].documents: proposals/{grup}.pdf is neither a folder nor a pattern whose only placeholder is {group}, e.g. "proposals/{group}.pdf"'),
        (lambda d: d["stages"][0].update(documents="proposals/{group"), "stages[0].documents: proposals/{group is neither a folder"),
        (lambda d: d["stages"][0].update(kind="panel"), "stages[0].kind:"),
        (lambda d: d["stages"][0].update(advance=0), "stages[0].advance:"),
        (lambda d: d["stages"][0].update(normalise="minmax"), "stages[0].normalise:"),
    ],
)
def test_check_refuses_stages_that_cannot_work(change, expected: str) -> None:
    data = stages_data()
    change(data)
    message = refusal(data)
    assert expected in message, message


def three_stages(data: dict) -> None:
    """A second review between the first and the final, its advance to be set."""
    data["stages"].insert(1, {"id": "wawancara", "name": "Wawancara", "kind": "review", "criteria": [{"id": "w", "name": "W", "weight": 1}]})


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["stages"][0].update(advance=13), "stages[0].advance: advance = 13 but this stage has only 12 entries: make it 12 or fewer"),
        (lambda d: (three_stages(d), d["stages"][1].update(advance=5)), "stages[1].advance: advance = 5 but this stage has only 4 entries"),
        (lambda d: (d.update(categories=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]),
                    [g.update(category="a" if i < 9 else "b") for i, g in enumerate(d["groups"])]),
         "stages[0].advance: advance = 4 but this stage has only 3 entries in the category 'b' (the cut is made in each category)"),
    ],
)
def test_check_refuses_an_advance_above_the_stages_entries(change, expected: str) -> None:
    data = stages_data()
    change(data)
    message = refusal(data)
    assert expected in message, message
    three_stages(data := stages_data())
    data["stages"][1]["advance"] = 4  # as many as come in: every one goes on, allowed
    parse_event(source_of(data))


def test_the_refusals_speak_indonesian_too() -> None:
    data = stages_data()
    data["stages"][0]["method"] = "rank"
    data["scoring"]["combine"] = {"akhir": 1}
    message = refusal(data, ID)
    assert "tidak dapat dipakai dengan metode rank" in message and "combine menyebut 'akhir'" in message


def test_a_stages_event_passes_check_and_keeps_the_day_as_before() -> None:
    event = stages_event(combine={"review": 70, "presentation": 30})
    assert [s.id for s in stages_of(event)] == ["review", "presentation"]
    assert event.criterion_ids == ["isi", "cara"]  # the presentation stage's criteria, as the day uses them


def test_where_an_entrys_proposal_is() -> None:
    event = stages_event(review={"documents": "proposals/{group}.pdf"})
    assert document_of(event.stages[0], "g007") == "proposals/g007.pdf"
    assert document_of(stages_event(review={"documents": "proposals"}).stages[0], "g007") == "proposals"
    assert document_of(event.stages[1], "g007") is None


def test_a_checked_stages_event_comes_back_the_same_from_the_cache(tmp_path) -> None:
    data = stages_data(combine={"review": 70, "presentation": 30})
    data["jurors"][0]["conflicts"] = ["g001", "Dinas 2"]
    path = tmp_path / "stages.toml"
    path.write_text(source_of(data), encoding="utf-8")
    fresh = load_event(path, use_cache=False)
    assert load_event(path) == fresh == load_event(path)
    assert fresh.stages[0].criteria[0].weight == Decimal(1) and fresh.jurors[0].conflicts == ("g001", "Dinas 2")


def test_a_stages_event_survives_the_journals_event_record() -> None:
    """The journal keeps the checked event (day.eventrecord): a reader elsewhere rebuilds the very same stages from it."""
    from gelar_tui.day.eventrecord import event_from_record, event_record

    data = stages_data(combine={"review": 70, "presentation": 30})
    data["jurors"][0]["conflicts"] = ["g001"]
    event = parse_event(source_of(data))
    assert event_from_record(event_record(event)) == event
