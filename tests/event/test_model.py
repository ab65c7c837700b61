"""The event model: its lookups (one place for each name a screen or a document shows), and its
classes, written out (:mod:`gelar_tui.event.frozen`), which must behave as the frozen dataclasses they were."""

import dataclasses
import inspect
import pickle

import pytest

from gelar_tui.event import model
from tests.support.console import demo_event


def test_a_jurors_name_comes_from_one_lookup_and_an_unknown_id_is_shown_as_itself():
    event = demo_event()
    first = event.jurors[0]
    assert event.juror_name(first.id) == first.name
    # A journal written under an earlier event file may name a juror this file no longer has.
    assert event.juror_name("gone") == "gone"


# -- the classes, written out (gelar_tui.event.frozen) --------------------------------------------
CLASSES = [  # the model's names, those of event/sections.py among them
    value for value in vars(model).values()
    if isinstance(value, type) and value.__module__.startswith("gelar_tui.event.") and dataclasses.is_dataclass(value)
]


def test_every_class_of_the_model_is_a_dataclass_with_its_fields():
    assert len(CLASSES) == 18
    assert {cls.__name__ for cls in CLASSES} >= {"Event", "Group", "Juror", "Timing", "Segment", "Stage", "Sound", "SoundFiles"}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_each_init_takes_the_fields_in_order_with_their_defaults_and_stores_each_where_it_belongs(cls):
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, item in zip(parameters, fields):
        if item.default is not dataclasses.MISSING:
            assert parameter.default == item.default, item.name
        elif item.default_factory is not dataclasses.MISSING:
            assert parameter.default == item.default_factory(), item.name
        else:
            assert parameter.default is inspect.Parameter.empty, item.name
    # each value lands in its own field, by keyword and by position
    values = {item.name: object() for item in fields}
    by_name, by_position = cls(**values), cls(*values.values())
    for name, value in values.items():
        assert getattr(by_name, name) is value and getattr(by_position, name) is value


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_each_class_is_frozen_compared_hashed_shown_copied_and_replaced_by_its_fields(cls):
    names = [item.name for item in dataclasses.fields(cls)]
    first, second = cls(*range(len(names))), cls(*range(len(names)))
    other = dataclasses.replace(first, **{names[0]: "other"})
    assert first == second and hash(first) == hash(second) and first != other and getattr(other, names[0]) == "other"
    assert first != tuple(range(len(names)))  # another class is never equal
    assert repr(first) == f"{cls.__name__}(" + ", ".join(f"{n}={i!r}" for i, n in enumerate(names)) + ")"
    assert pickle.loads(pickle.dumps(first)) == first and dataclasses.astuple(first) == tuple(range(len(names)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(first, names[0], "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(first, names[0])
    assert getattr(first, names[0]) == 0
    if cls is not model.Event:  # the event keeps its lookups (cached properties); the others have slots
        with pytest.raises((AttributeError, TypeError)):
            object.__setattr__(first, "unknown", 1)


def test_the_demo_event_is_the_same_event_after_a_round_trip_through_its_record():
    from gelar_tui.day.eventrecord import event_data

    event = demo_event()
    again = model.event_from_data(event_data(event))
    assert again == event and hash(again) == hash(event) and repr(again) == repr(event)


def test_a_record_of_one_field_is_compared_hashed_and_shown_by_it():
    from gelar_tui.event.frozen import Frozen, fill, record

    @record
    class Only(Frozen):
        """One field."""

        name: str

        def __init__(self, name: str) -> None:
            fill(self, name)

    assert Only("a") == Only("a") != Only("b") and hash(Only("a")) == hash(Only("a"))
    assert repr(Only("[bold]")).endswith(".Only(name='[bold]')") and dataclasses.fields(Only)[0].name == "name"
    with pytest.raises(TypeError):
        Only("a", "b")  # more values than fields
