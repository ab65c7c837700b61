"""Message catalogues: every sentence a user reads, in Indonesian (id) and English (en).

The catalogues are TOML files in ``locales/``: ``en.toml`` and ``id.toml`` hold the
console's and the common messages, and ``en/*.toml`` and ``id/*.toml`` one file per
feature (each file's tables are its own). Nested tables become dotted keys
("console.start"). Code names a message by its key and fills its ``{placeholders}``.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

LOCALES = Path(__file__).parent / "locales"

LANGUAGES = ("id", "en")
FALLBACK = "en"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalogue(language: str) -> dict[str, str]:
    """All messages of one language, keyed by their dotted names.

    Reading the TOML is a noticeable part of the console's start, so the
    flattened catalogue is kept in the user's cache folder under a hash of the
    file's bytes (see :mod:`gelar_tui.verdict_cache`); an edited catalogue is read afresh.
    """
    from .verdict_cache import remembered

    files = catalogue_files(language)
    contents = tuple(path.read_bytes() for path in files)

    def read() -> dict[str, str]:
        import tomllib  # only when the cache has no copy: it is slow to import

        flat: dict[str, str] = {}
        for data in contents:
            flat.update(_flatten(tomllib.loads(data.decode("utf-8"))))
        return flat

    names = "\0".join(path.name for path in files).encode()
    return remembered(
        "messages", (names, *contents), read, usable=lambda found: all(isinstance(value, str) for value in found.values())
    )


def catalogue_files(language: str) -> list[Path]:
    """The files of one language's catalogue: the main one, then one per feature, by name."""
    folder = LOCALES / language
    extra = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    return [LOCALES / f"{language}.toml", *extra]


class Messages:
    """The messages of one language; call it with a key and the placeholders' values."""

    def __init__(self, language: str = FALLBACK) -> None:
        self.language = language if language in LANGUAGES else FALLBACK

    @property
    def _messages(self) -> dict[str, str]:
        return catalogue(self.language)  # read on first use, then cached

    def __call__(self, key: str, /, **params: Any) -> str:
        template = self._messages.get(key)
        if template is None:
            template = catalogue(FALLBACK).get(key, key)
        return template.format(**params) if params else template

    def number(self, value: Fraction | Decimal | float | None, places: int = 2) -> str:
        """A number as this language writes it: 84.75 in English, 84,75 in Indonesian; "-" for None.

        Rounded by :func:`rounded` (half away from zero, as spreadsheets round): pass
        the exact value (a Fraction), not a figure rounded before.
        """
        if value is None:
            return "-"
        text = f"{rounded(value, places):,.{places}f}"
        if self.language == "id":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def has(self, key: str) -> bool:
        """Whether *key* names a message."""
        return key in self._messages


def long_date(date: dt.date, t: Messages) -> str:
    """"Selasa, 18 Agustus 2026" / "Tuesday, 18 August 2026": the one way a date is written for readers."""
    days = t("date.days").split(",")
    months = t("date.months").split(",")
    return f"{days[date.weekday()]}, {date.day} {months[date.month - 1]} {date.year}"


def rounded(value: Fraction | Decimal | float | int, places: int) -> Decimal:
    """*value* rounded to *places* decimals, half away from zero: the one rounding of every output.

    It is the rounding a spreadsheet shows (86.125 → 86.13 in Excel and LibreOffice), done
    on the exact value: a Fraction or Decimal as it is; a float as the decimal it was
    written as (its shortest repr: 86.005 is 86.005, not the binary 86.00499…). Ranks
    are decided on exact values, never on this.
    """
    if isinstance(value, Fraction):
        numerator, denominator = value.numerator, value.denominator
        whole = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
        return Decimal(-whole if numerator < 0 and whole else whole).scaleb(-places)
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    room = Context(prec=max(28, exact.adjusted() + places + 2))  # a huge figure keeps every digit
    result = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=room)
    return result if result else result.copy_abs()  # never "-0.00"


def environment_language() -> str:
    """The language the environment asks for: GELAR_LANG, then LC_ALL/LC_MESSAGES/LANG (id_ID → id)."""
    for variable in ("GELAR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else FALLBACK
    return FALLBACK
