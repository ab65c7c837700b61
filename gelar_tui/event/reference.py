"""The event file's reference, written from the model's own docstrings (the README shows it)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .durations import format_duration
from .schema import Category, Day, Document
from .schema import Awards, Break, Criterion, EventInfo, Group, Hub, Juror, Recusal, Scoring, Segment, Sound, SoundFiles, Stage, Timing

SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("[event]", EventInfo),
    ("[timing]", Timing),
    ("segments = [...]", Segment),
    ("[scoring]", Scoring),
    ("[[criteria]]", Criterion),
    ("[[jurors]]", Juror),
    ("[[groups]]", Group),
    ("[[breaks]]", Break),
    ("[awards]", Awards),
    ("[[recusals]]", Recusal),
    ("[sound]", Sound),
    ("[sound.files]", SoundFiles),
    # -- issue 21: days, categories, the letterhead --
    ("[[days]]", Day),
    ("[[categories]]", Category),
    ("[document]", Document),
    ("[[stages]]", Stage),
    ("[hub]", Hub),
]


DURATIONS = {"slot", "alerts", "length", "changeover"}
"""Keys written as durations ("30m"), kept as seconds in the model."""


def _default(name: str, field: Any) -> str:
    if field.default is PydanticUndefined and field.default_factory is None:
        return "required"
    value = field.default_factory() if field.default_factory is not None else field.default
    show = (lambda v: f'"{format_duration(v)}"') if name in DURATIONS else (lambda v: f'"{v}"' if isinstance(v, str) else str(v))
    if value is None:
        return "optional"
    if isinstance(value, BaseModel):
        return "a table"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list):
        return "`[" + ", ".join(show(v) for v in value) + "]`"
    return f"`{show(value)}`"


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of a model class, read from its source.

    (Pydantic could keep them as descriptions, but reading every model's source
    at import slows the console's start; only this reference needs them.)
    """
    tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs = {}
    for statement, following in zip(body, body[1:]):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def event_reference() -> str:
    """Markdown tables: every key of every section, its default and its meaning."""
    lines = []
    for title, model in SECTIONS:
        docs = field_docs(model)
        lines += [f"`{title}`: {model.__doc__.strip().splitlines()[0]}", "", "| key | default | meaning |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            lines.append(f"| `{name}` | {_default(name, field)} | {docs.get(name, '')} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(event_reference(), end="")
