"""Frozen records written out: dataclasses that compile nothing when their module is imported.

``@dataclass(frozen=True)`` compiles an ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` for its class each time the program starts: for the
event model's eighteen classes, a tenth of what the console imports before its first
frame. A class made with :func:`record` writes its ``__init__`` out (one line: its values
in field order, handed to :func:`fill`) and takes the other methods from :class:`Frozen`,
which reads the fields with one ``attrgetter``. It is still a dataclass:
``dataclasses.fields``, ``replace``, ``astuple`` and ``is_dataclass`` see its fields and defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass
from operator import attrgetter
from typing import Any, TypeVar

_set = object.__setattr__
_C = TypeVar("_C", bound=type)


class Frozen:
    """A value that never changes: equal to another of its class with equal fields, hashed and shown by them."""

    __slots__ = ()
    __match_args__: tuple[str, ...]
    _values: Callable[[Any], tuple[Any, ...]]
    """The fields' values, in order (an ``attrgetter``, set by :func:`record`)."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self.__match_args__, self._values(self)))
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), self._values(self)


def fill(record: Frozen, *values: Any) -> None:
    """Set *record*'s fields to *values*, given in field order (what its ``__init__`` does)."""
    for name, value in zip(record.__match_args__, values, strict=True):
        _set(record, name, value)


def record(cls: _C | None = None, *, slots: bool = True) -> Any:
    """*cls* (a :class:`Frozen` with its ``__init__`` written out) as a dataclass; ``slots=False`` for a
    class that keeps ``cached_property`` values."""

    def make(cls: _C) -> _C:
        made = dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
        names = made.__match_args__
        # attrgetter is no descriptor, so an instance hands itself over as the argument; a function would bind
        made._values = attrgetter(*names) if len(names) > 1 else staticmethod(lambda item: (getattr(item, names[0]),))
        return made

    return make if cls is None else make(cls)
