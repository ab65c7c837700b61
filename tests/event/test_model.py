"""The event model's lookups: one place for each name a screen or a document shows."""

from tests.support.console import demo_event


def test_a_jurors_name_comes_from_one_lookup_and_an_unknown_id_is_shown_as_itself():
    event = demo_event()
    first = event.jurors[0]
    assert event.juror_name(first.id) == first.name
    # A journal written under an earlier event file may name a juror this file no longer has.
    assert event.juror_name("gone") == "gone"
