"""A participant list as event-file TOML: `gelar new --from` and `gelar groups import`.

``new --from`` keeps the commented template of `gelar new` and puts the list's jurors,
categories, groups and days in place of the template's examples. ``groups import`` edits
the organiser's own file as text (there is no TOML library here that keeps comments):
the ``[[groups]]``, ``[[categories]]`` and ``[[days]]`` tables are taken out and the new
ones put where the first of them was; every other line, comment and table stays
as it was, in its order.

Ids are made from the names (``KBK Ceria`` -> ``ceria``), unique, and a group already in
the file keeps its id when its name is unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

from ..errors import GelarError, Problem
from .participants import ID_DROP, GroupRow, JurorRow, ParticipantList

DAY_START = "08:00"
"""The planned start written for each day (the organiser edits it)."""
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"-]+)\s*\]\]?\s*(?:#.*)?$")
_REPLACED = ("groups", "categories", "days")


def quote(text: str) -> str:
    """A TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def slug(name: str, *, drop: Sequence[str] = ID_DROP) -> str:
    """An id from a name: lower-case ASCII letters and digits joined by '-', without a leading "KBK"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_name)
    while len(words) > 1 and words[0] in drop:
        words = words[1:]
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > 30:
            break
        text = f"{text}-{word}" if text else word
    return text or (words[0][:30] if words else "")


def unique_ids(names: Iterable[str], fallback: str, taken: Iterable[str] = (), given: Sequence[str] | None = None) -> list[str]:
    """An id for each name, unique among themselves and *taken*; *given* ids (where not "") are kept as they are."""
    used = set(taken)
    ids = []
    for index, name in enumerate(names):
        if given and given[index]:
            ids.append(given[index])
            used.add(given[index])
            continue
        base = slug(name) or f"{fallback}{index + 1}"
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        ids.append(candidate)
    return ids


def _day_plan(groups: list[GroupRow], first: dt.date, problems: list[Problem]) -> list[tuple[dt.date, list[int]]]:
    """The days (date, indexes of their groups in list order); [] when no group has a day."""
    if all(group.day is None for group in groups):
        return []
    numbers = {type(group.day) for group in groups if group.day is not None}
    for group in groups:
        if group.day is None:
            problems.append(Problem(group.where, "provincial.participants.no_day", {"name": group.name}))
    if len(numbers) > 1:  # named at the first day written the other way
        written = [group for group in groups if group.day is not None]
        odd = next(group for group in written if type(group.day) is not type(written[0].day))
        problems.append(Problem(odd.day_where or odd.where, "provincial.participants.days_mixed", {}))
        return []
    keys = sorted({group.day for group in groups if group.day is not None})
    if numbers == {int}:
        missing = [n for n in range(1, max(keys) + 1) if n not in keys]
        if missing:
            problems.append(Problem(groups[0].where, "provincial.participants.day_gap", {"missing": ", ".join(map(str, missing))}))
        dates = {n: first + dt.timedelta(days=n - 1) for n in keys}
    else:
        dates = {day: day for day in keys}
    return [(dates[key], [i for i, g in enumerate(groups) if g.day == key]) for key in keys]


def _category_key(name: str) -> str:
    """What makes two spellings one category: "Kabupaten / Kota", "kabupaten/kota " and "Kabupaten/Kota" are one."""
    return re.sub(r"\s*/\s*", "/", " ".join(name.split())).casefold()


def _categories(groups: list[GroupRow], problems: list[Problem]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each category as written -> its id, and the (name, id) of each category in order of first appearance.

    Spellings that differ only in case or spaces are one category, named as first written; ({}, []) when no group has one.
    """
    first: dict[str, str] = {}
    for group in groups:
        if group.category:
            first.setdefault(_category_key(group.category), group.category)
    if not first:
        return {}, []
    for group in groups:
        if not group.category:
            problems.append(Problem(group.where, "provincial.participants.no_category", {"name": group.name}))
    ids = dict(zip(first, unique_ids(list(first.values()), "category")))
    written = {group.category: ids[_category_key(group.category)] for group in groups if group.category}
    return written, [(name, ids[key]) for key, name in first.items()]


def group_tables(plist: ParticipantList, first: dt.date, keep: dict[str, str] | None = None) -> tuple[str, dt.date | None, int]:
    """The TOML of the list's categories, groups and days; the first day's date (None: no days); the most members.

    *keep* maps a group's name to the id it has in the file already.
    """
    problems: list[Problem] = []
    groups = plist.groups
    keep = keep or {}
    given = [keep.get(group.name, "") for group in groups]
    ids = unique_ids([g.name for g in groups], "group", taken=[i for i in given if i], given=given)
    categories, category_tables = _categories(groups, problems)
    days = _day_plan(groups, first, problems)
    if problems:
        raise GelarError("provincial.participants.invalid", problems, path=plist.source or groups[0].where.split("!")[0].split(":")[0])
    out: list[str] = []
    for name, category in category_tables:
        out += ["[[categories]]", f"id = {quote(category)}", f"name = {quote(name)}", ""]
    for group, group_id in zip(groups, ids):
        out += ["[[groups]]", f"id = {quote(group_id)}", f"name = {quote(group.name)}", f"agency = {quote(group.agency)}"]
        if group.category:
            out.append(f"category = {quote(categories[group.category])}")
        if group.topic:
            out.append(f"topic = {quote(group.topic)}")
        out += [f"members = [{', '.join(quote(m) for m in group.members)}]", ""]
    for date, indexes in days:
        out += ["[[days]]", f"date = {date.isoformat()}", f'start = "{DAY_START}"', f"groups = [{', '.join(quote(ids[i]) for i in indexes)}]", ""]
    most = max((len(group.members) for group in groups), default=0)
    return "\n".join(out), (days[0][0] if days else None), most


def juror_tables(jurors: list[JurorRow], source: str = "") -> str:
    """The TOML of the list's jurors (ids from the Kode column, else from the names)."""
    problems = []
    ids = unique_ids([_juror_name_for_id(j.name) for j in jurors], "juror", given=[j.id for j in jurors])
    seen: dict[str, str] = {}
    for juror, juror_id in zip(jurors, ids):
        if juror_id in seen:
            problems.append(Problem(juror.where, "provincial.participants.juror_twice", {"id": juror_id, "other": seen[juror_id]}))
        seen.setdefault(juror_id, juror.where)
    if problems:
        raise GelarError("provincial.participants.invalid", problems, path=source or jurors[0].where.split("!")[0].split(":")[0])
    out = []
    for juror, juror_id in zip(jurors, ids):
        out += ["[[jurors]]", f"id = {quote(juror_id)}", f"name = {quote(juror.name)}", f"affiliation = {quote(juror.affiliation)}", ""]
    return "\n".join(out)


def _juror_name_for_id(name: str) -> str:
    """A juror's name without academic titles ("Dr. Ir. Siti Aminah, M.Si." -> "Siti Aminah")."""
    name = name.split(",")[0]
    return " ".join(word for word in name.split() if "." not in word) or name


def new_event_source(template: str, plist: ParticipantList) -> str:
    """The template of `gelar new` with the list's jurors, categories, groups and days in place of its examples."""
    lines = template.splitlines()
    first_date = _event_date(template)
    tables, first_day, most = group_tables(plist, first_date)
    start = next(i for i, line in enumerate(lines) if line.strip() == "[[jurors]]")
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    end = next(i for i, line in enumerate(lines) if line.strip() == "[awards]")
    juror_comment = next(line for line in lines[start:end] if line.startswith("#"))
    group_comments = [line for line in lines[start:end] if line.startswith("#") and line != juror_comment]
    middle = []
    if plist.jurors:
        middle += [juror_comment, juror_tables(plist.jurors, plist.jurors_source)]
    else:  # the template's example jurors stay, to be edited
        jurors_end = next(i for i in range(start, end) if lines[i].strip() == "[[groups]]")
        while lines[jurors_end - 1].startswith("#"):
            jurors_end -= 1
        middle += lines[start:jurors_end]
    middle += [*group_comments, tables]
    head = lines[:start]
    if first_day is not None:
        head = [re.sub(r"^date = \S+", f"date = {first_day.isoformat()}", line) if line.startswith("date = ") else line for line in head]
    if most > 10:
        head = [re.sub(r"^max_members = \d+", f"max_members = {most}", line) for line in head]
    # the template's note speaks of a city's round: a list's event writes its own, or none
    tail = ["# " + line if line.startswith("note = ") else line for line in lines[end:]]
    return "\n".join([*head, *middle, *tail]) + "\n"


def _event_date(source: str) -> dt.date:
    found = re.search(r"^date = (\d{4}-\d{2}-\d{2})", source, re.MULTILINE)
    return dt.date.fromisoformat(found.group(1)) if found else dt.date.today()


def replace_group_tables(source: str, tables: str) -> str:
    """*source* with its [[groups]], [[categories]] and [[days]] tables replaced by *tables*, where the first [[groups]] was."""
    lines = source.splitlines()
    kept: list[str] = []
    pending: list[str] = []  # comments and blank lines at the end of a replaced table: they may head the next
    at: int | None = None
    skipping = False
    for line in lines:
        header = _HEADER.match(line)
        if header:
            replaced = header.group(1).strip('"') in _REPLACED and line.lstrip().startswith("[[")
            if skipping and not replaced:
                kept.extend(pending)
            pending, skipping = [], replaced
            if skipping and at is None:
                at = len(kept)  # the comment above the first table stays, above the new ones
        if not skipping:
            kept.append(line)
        elif not line.strip() or line.lstrip().startswith("#"):
            pending.append(line)
        else:
            pending = []
    if at is None:
        at = len(kept)
    gap = [] if at < len(kept) and not kept[at].strip() else [""]
    return "\n".join([*kept[:at], tables.rstrip("\n"), *gap, *kept[at:]]).rstrip("\n") + "\n"
