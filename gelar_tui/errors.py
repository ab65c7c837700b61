"""Mistakes a user can make and fix: each carries a message key, never a traceback.

The command line renders them in the user's language and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .i18n import Messages


@dataclass(frozen=True)
class Msg:
    """A message inside another message's values, rendered in the same language."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def _resolve(params: dict[str, Any], messages: Messages) -> dict[str, Any]:
    return {k: (messages(v.key, **_resolve(v.params, messages)) if isinstance(v, Msg) else v) for k, v in params.items()}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, and a message key with its values."""

    where: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, messages: Messages) -> str:
        text = messages(self.key, **_resolve(self.params, messages))
        return f"{self.where}: {text}" if self.where else text


class GelarError(Exception):
    """A user-fixable error: a headline message and, optionally, a list of problems."""

    def __init__(self, key: str, /, problems: list[Problem] | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.problems = list(problems or [])

    def render(self, messages: Messages) -> str:
        lines = [messages(self.key, **_resolve(self.params, messages))]
        lines.extend(f"  {problem.render(messages)}" for problem in self.problems)
        return "\n".join(lines)

    def __str__(self) -> str:  # English, for logs and test failures
        return self.render(Messages("en"))
