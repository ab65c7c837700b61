"""Reading an event file: TOML syntax, then the schema, then the rules that tie fields together.

Every mistake becomes a Problem naming the key path (``groups[2].members``) and,
where it can be found, the line; nothing here raises anything but GelarError.

A file that passed every check is remembered in the user's cache folder under a
hash of its bytes (and of this version of gelar), so the console starts on it
again without importing pydantic. Any change to the file is a new hash, hence
a full check.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..verdict_cache import remembered
from .durations import format_duration
from ..errors import GelarError, Msg, Problem
from .model import Event, event_from_data
from .recusal_rules import recusal_refusal
from .rundown_rules import rundown_rules
from .days import days_rules, logo_problems
from .stages import criteria_of, presentation_criteria_first, stage_rules, stages_of

_HUNDREDTH = Decimal("0.01")
_LINE_IN_MESSAGE = re.compile(r"\(at line (\d+), column (\d+)\)")

# pydantic error types -> catalogue keys
_ERROR_KEYS = {
    "missing": "check.missing",
    "extra_forbidden": "check.unknown_key",
    "string_type": "check.expected_text",
    "int_type": "check.expected_integer",
    "int_parsing": "check.expected_integer",
    "int_from_float": "check.expected_integer",
    "bool_type": "check.expected_bool",
    "bool_parsing": "check.expected_bool",
    "list_type": "check.expected_list",
    "model_type": "check.expected_table",
    "model_attributes_type": "check.expected_table",
    "dict_type": "check.expected_table",
    "date_type": "check.expected_date",
    "date_parsing": "check.expected_date",
    "date_from_datetime_parsing": "check.expected_date",
    "date_from_datetime_inexact": "check.expected_date",
    "literal_error": "check.expected_choice",
    "greater_than": "check.greater_than",
    "greater_than_equal": "check.at_least",
    "less_than_equal": "check.at_most",
    "too_short": "check.too_short",
    "string_pattern_mismatch": "check.bad_id",
    "string_too_long": "check.too_long",
    "gelar_duration": "check.bad_duration",
    "gelar_duration_zero": "check.zero_duration",
    "gelar_number": "check.expected_number",
    "gelar_wav": "sound.check_not_wav",
    "gelar_command": "sound.check_bad_command",
    "gelar_time": "check.bad_time",
    "gelar_day_groups": "provincial.check.bad_day_groups",
    "gelar_day_group": "provincial.check.bad_day_group",
    "gelar_hub_url": "hubcore.check_not_url",
    "gelar_hub_password": "hubcore.check_password",
}


DATA = Path(__file__).parents[1] / "data"
"""The files shipped with the package: the demo event and the templates of `gelar new`."""


def bundled_event_path() -> Path:
    """The demo event shipped with the package (Gelar Budaya Kerja 2016, Kota Kediri)."""
    return DATA / "demo.toml"


def format_path(loc: Sequence[str | int]) -> str:
    """("groups", 2, "members") -> "groups[2].members"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


FileCheck = Callable[[Event, Path], Iterable[tuple[tuple[str | int, ...], str, dict[str, Any]]]]
"""A check of what an event file names beside it, given the event and the file's path: as (key path, message key, values)."""


def load_event(path: Path, *, use_cache: bool = True, checks: Sequence[FileCheck] = ()) -> Event:
    """Read, parse and check an event file; raise GelarError listing every problem.

    With *use_cache*, a file that passed every check before is not checked again. The
    *checks* look at what the file names beside it (the organiser's sound files, given by
    the layer that plays them): they run on every load, since a file may go missing after
    the check, and their problems are named with the key's line like every other.
    """
    try:
        raw = path.read_bytes()
        source = raw.decode("utf-8-sig")  # Notepad saves a byte-order mark
    except UnicodeDecodeError as exc:
        raise GelarError("error.event_not_utf8", path=str(path), position=exc.start) from None
    except FileNotFoundError:
        from ..terminal import command_line

        raise GelarError("commands.event_missing", path=str(path), command=command_line("new", path)) from None
    except IsADirectoryError:
        raise GelarError("error.event_is_folder", path=str(path)) from None
    except OSError as exc:
        raise GelarError("error.event_unreadable", path=str(path), reason=_reason(exc)) from None
    def check() -> dict[str, Any]:
        return checked_data(source, path.name)

    try:
        event = event_from_data(presentation_criteria_first(remembered("checked", (raw,), check, reuse=use_cache)))
    except (TypeError, KeyError, ValueError, AttributeError):
        # A kept verdict that does not fit this model (edited by hand, or left by another build): check afresh.
        event = event_from_data(presentation_criteria_first(remembered("checked", (raw,), check, reuse=False)))
    problems = [Problem(_where(path.name, source, loc), key, params) for check in checks for loc, key, params in check(event, path)]
    if event.document.logo is not None:  # the letterhead's logo, likewise: it may go missing after the check
        problems += [Problem(_where(path.name, source, loc), key, params) for loc, key, params in logo_problems(event, path.parent)]
    if problems:
        raise GelarError("error.event_invalid", problems, path=path.name)
    return event


def parse_event(source: str, name: str = "event.toml") -> Event:
    """Parse and check event TOML text; *name* is used in messages."""
    return event_from_data(checked_data(source, name))


def checked_data(source: str, name: str = "event.toml") -> dict[str, Any]:
    """The event's data in JSON form once every check has passed; GelarError listing every problem."""
    import tomllib  # like pydantic, only here: starting on a checked file does without them

    from pydantic import ValidationError

    from .schema import EventFile

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _LINE_IN_MESSAGE.search(message)
        where = f"{name}:{match.group(1)}" if match else name
        detail = _LINE_IN_MESSAGE.sub("", message).strip()
        raise GelarError("error.event_invalid", [Problem(where, "check.toml_syntax", {"detail": detail})], path=name) from None
    unsafe = [Problem(_where(name, source, loc), key, params) for loc, key, params in unsafe_texts(data)]
    try:
        checked = EventFile.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        problems = [_problem_from_pydantic(error, data, source, name) for error in exc.errors()]
        raise GelarError("error.event_invalid", unsafe + problems, path=name) from None
    rules = [*check_rules(event_from_data(checked)), *_slot_beside_segments(data, checked)]
    problems = unsafe + [Problem(_where(name, source, loc), key, params) for loc, key, params in rules]
    if problems:
        raise GelarError("error.event_invalid", problems, path=name)
    return presentation_criteria_first(checked)


def unsafe_texts(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, dict[str, Any]]]:
    """Every name and text holding a control character (C0, DEL, C1) or a bidi override: they would drive a terminal."""
    from ..terminal import escape_char, unsafe_characters

    if isinstance(data, dict):
        for key, value in data.items():
            yield from unsafe_texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from unsafe_texts(value, (*loc, index))
    elif isinstance(data, str):
        found = unsafe_characters(data)
        if found:
            yield loc, "check.unsafe_characters", {"found": " ".join(escape_char(c) for c in found)}


def _slot_beside_segments(data: dict[str, Any], checked: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str, dict[str, Any]]]:
    """``[timing] slot`` written beside segments must be their sum: otherwise one of the two is silently wrong."""
    timing = data.get("timing")
    segments = checked["timing"]["segments"]
    if isinstance(timing, dict) and "slot" in timing and segments:
        total = sum(segment["length"] for segment in segments)
        if checked["timing"]["slot"] != total:
            yield ("timing", "slot"), "check.slot_not_segments", {"slot": format_duration(checked["timing"]["slot"]), "segments": format_duration(total)}


def check_rules(event: Event) -> Iterator[tuple[tuple[str | int, ...], str, dict[str, Any]]]:
    """The rules that tie fields together, as (key path, message key, values)."""
    for table in ("criteria", "jurors", "groups"):
        seen: dict[str, int] = {}
        for index, entry in enumerate(getattr(event, table)):
            if entry.id in seen:
                yield (table, index, "id"), "check.duplicate_id", {"id": entry.id, "other": format_path((table, seen[entry.id]))}
            else:
                seen[entry.id] = index
    for index, group in enumerate(event.groups):
        if len(group.members) > event.event.max_members:
            yield ("groups", index, "members"), "check.too_many_members", {"count": len(group.members), "max": event.event.max_members}
    if event.scoring.min >= event.scoring.max:
        yield ("scoring", "max"), "check.max_not_above_min", {"min": event.scoring.min, "max": event.scoring.max}
    for name in ("min", "max"):
        value = getattr(event.scoring, name)
        if value != value.quantize(_HUNDREDTH):
            yield ("scoring", name), "check.too_many_decimals", {"value": value}
    if event.timing.penalty_per_minute != event.timing.penalty_per_minute.quantize(_HUNDREDTH):
        yield ("timing", "penalty_per_minute"), "check.too_many_decimals", {"value": event.timing.penalty_per_minute}
    for index, alert in enumerate(event.timing.alerts):
        if alert >= event.timing.slot:
            yield ("timing", "alerts", index), "check.alert_not_shorter", {"alert": format_duration(alert), "slot": format_duration(event.timing.slot)}
        if alert in event.timing.alerts[:index]:
            yield ("timing", "alerts", index), "check.alert_twice", {"alert": format_duration(alert)}
    longest_alert = max(event.timing.alerts, default=0)
    for index, group in enumerate(event.groups):
        if group.slot is not None and group.slot <= longest_alert:
            yield ("groups", index, "slot"), "check.slot_not_longer", {"slot": format_duration(group.slot), "alert": format_duration(longest_alert)}
    yield from rundown_rules(event)
    presented = next((s for s in stages_of(event) if s.kind == "presentation"), None)  # the day ranks on its criteria
    criteria = event.criterion_ids if presented is None else [c.id for c in criteria_of(event, presented)]
    for index, key in enumerate(event.scoring.tie_break):
        if key != "overtime" and key not in criteria:
            yield ("scoring", "tie_break", index), "check.bad_tie_break", {"key": key, "criteria": ", ".join(criteria)}
        elif key in event.scoring.tie_break[:index]:
            yield ("scoring", "tie_break", index), "check.tie_break_twice", {"key": key}
    if event.scoring.method == "trimmed":
        needed = 2 * event.scoring.trim + 1
        if len(event.jurors) < needed:
            yield ("scoring", "trim"), "check.too_few_jurors", {"trim": event.scoring.trim, "needed": needed, "jurors": len(event.jurors)}
    yield from _recusal_rules(event)
    yield from days_rules(event)
    yield from stage_rules(event)


def _recusal_rules(event: Event) -> Iterator[tuple[tuple[str | int, ...], str, dict[str, Any]]]:
    """Each recusal names a juror and a group, once, with a reason, and leaves the method able to apply."""
    jurors, groups = set(event.juror_ids), set(event.group_ids)
    seen: dict[tuple[str, str], int] = {}
    refused: set[str] = set()
    for index, recusal in enumerate(event.recusals):
        if recusal.juror not in jurors:
            yield ("recusals", index, "juror"), "action.unknown_juror", {"juror": recusal.juror, "known": ", ".join(event.juror_ids)}
        if recusal.group not in groups:
            yield ("recusals", index, "group"), "action.unknown_group", {"group": recusal.group, "known": ", ".join(event.group_ids)}
        if not recusal.reason.strip():
            yield ("recusals", index, "reason"), "check.recusal.no_reason", {}
        key = (recusal.group, recusal.juror)
        if key in seen:
            yield ("recusals", index), "check.recusal.twice", {"other": format_path(("recusals", seen[key]))}
            continue
        seen[key] = index
        if recusal.group in groups and recusal.group not in refused:
            refusal = recusal_refusal(event, seen, recusal.group)
            if refusal is not None:
                refused.add(recusal.group)
                yield ("recusals", index), refusal[0], refusal[1]


def _problem_from_pydantic(error: Any, data: dict, source: str, name: str) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    key = _ERROR_KEYS.get(kind, "check.invalid")
    ctx = dict(error.get("ctx") or {})
    params: dict[str, Any] = {"detail": error.get("msg", ""), **{k: str(v) for k, v in ctx.items()}}
    if kind == "extra_forbidden":
        close = _suggestion(loc)
        params["hint"] = Msg("check.did_you_mean", {"name": close}) if close else ""
    if kind == "literal_error":
        params["expected"] = ctx.get("expected", "")
    if "input" in error and kind not in ("missing", "extra_forbidden"):
        params.setdefault("value", _show(_as_written(data, loc, error["input"])))
    return Problem(_where(name, source, loc), key, params)


def _suggestion(loc: tuple) -> str:
    """The field names allowed at loc's parent that look like the unknown key."""
    from .schema import EventFile

    model: Any = EventFile
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        model = _model_in(annotation)
    if model is None:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return close[0] if close else ""


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def _as_written(data: Any, loc: Sequence[str | int], fallback: Any) -> Any:
    """The value at *loc* as the file has it (before any conversion), else *fallback*."""
    value = data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return fallback
    return value


def _show(value: Any) -> str:
    """A value as TOML writes it: '30x' with quotes, true, 2016-08-16, 0."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = repr(value)  # 'ten': a TOML literal string, as pydantic quotes the choices
    elif isinstance(value, (int, float, Decimal)):
        text = str(value)
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    elif isinstance(value, dict):
        text = "{...}"
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(v) for v in value[:5]) + (", ..." if len(value) > 5 else "") + "]"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or exc.__class__.__name__


def _where(name: str, source: str, loc: Sequence[str | int]) -> str:
    line = locate(source, loc)
    path = format_path(loc)
    return f"{name}:{line}: {path}" if line else f"{name}: {path}"


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"-]+)\s*=")


def locate(source: str, loc: Sequence[str | int]) -> int | None:
    """Best-effort line number (1-based) of a key path in TOML source, or None."""
    if not loc:
        return None
    lines = source.splitlines()
    for depth in range(len(loc) - 1, 1, -1):  # a sub-table written as its own header: [sound.files]
        if all(isinstance(part, str) for part in loc[:depth]):
            found = _in_dotted_table(lines, ".".join(map(str, loc[:depth])), str(loc[depth]))
            if found is not None:
                return found
    table, index, rest = str(loc[0]), None, list(loc[1:])
    if rest and isinstance(rest[0], int):
        index, rest = rest[0], rest[1:]
    start, end = None, len(lines)
    count = -1
    for number, line in enumerate(lines):
        header = _HEADER.match(line)
        if not header:
            continue
        if start is not None:
            end = number
            break
        if header.group(2).strip('"') == table:
            if header.group(1) == "[[":
                count += 1
                if count == (index or 0):
                    start = number
            else:
                start = number
    if start is None:
        # a top-level key, or a table written inline
        for number, line in enumerate(lines):
            key = _KEY.match(line)
            if key and key.group(1).strip('"') == table:
                return number + 1
        return None
    field = next((part for part in rest if isinstance(part, str)), None)
    if field is None:
        return start + 1
    for number in range(start + 1, end):
        key = _KEY.match(lines[number])
        if key and key.group(1).strip('"') == field:
            return number + 1
    return start + 1


def _in_dotted_table(lines: list[str], table: str, field: str) -> int | None:
    """The line of *field* in the table headed ``[table]`` (or of the header), or None without such a header."""
    for number, line in enumerate(lines):
        header = _HEADER.match(line)
        if header and header.group(1) == "[" and header.group(2) == table:
            for below in range(number + 1, len(lines)):
                if _HEADER.match(lines[below]):
                    break
                key = _KEY.match(lines[below])
                if key and key.group(1).strip('"') == field:
                    return below + 1
            return number + 1
    return None
