"""Theme files: TOML data validated by pydantic, turned into Textual `Theme`s.

See themes/projector.toml for the format. A broken file never stops the app:
`load_themes` returns a `ThemeProblem` naming the file and the key instead.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from textual.color import Color, ColorParseError
from textual.theme import Theme

import gelar_tui

DEFAULT_THEME = "projector"
ENV_THEMES_DIR = "GELAR_THEMES_DIR"


class ThemeColors(BaseModel):
    """The `[colors]` table: any colour Textual understands ("#rrggbb", "rgb(…)", "gold", …)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    primary: str
    """Main accent: titles, focused borders, buttons."""
    background: str
    """Screen background; also the digit colour of the inverted overtime countdown."""
    foreground: str
    """Ordinary text, drawn on the background."""
    success: str
    """Countdown colour while time is plentiful."""
    warning: str
    """Countdown colour after the first alert."""
    error: str
    """Countdown colour at the last alert, and the background in overtime."""
    secondary: str | None = None
    """Second accent; derived from primary when left out."""
    accent: str | None = None
    """Highlights that must stand apart from primary; derived when left out."""
    surface: str | None = None
    """Background of widgets; derived from background when left out."""
    panel: str | None = None
    """Background of panels and headers; derived when left out."""
    boost: str | None = None
    """Translucent colour laid over others to lift them; derived when left out."""

    @field_validator("*")
    @classmethod
    def _parses_as_colour(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                Color.parse(value)
            except ColorParseError:
                raise ValueError(f"not a colour: {value!r}") from None
        return value


class ThemeFile(BaseModel):
    """One theme file, as written on disk."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str
    """Name shown in the theme picker and used in settings; must equal the file name without ".toml"."""
    dark: bool
    """True for a dark background, false for a light one (Textual derives shades from it)."""
    description: str = ""
    """One line telling the moderator when to pick this theme."""
    colors: ThemeColors
    """The colour table."""

    @field_validator("name")
    @classmethod
    def _matches_file_name(cls, value: str, info: ValidationInfo) -> str:
        stem = (info.context or {}).get("stem")
        if stem is not None and value != stem:
            raise ValueError(
                f"is {value!r} but the file is {stem}.toml: rename the file or change the name"
            )
        return value

    def to_theme(self) -> Theme:
        """The Textual theme; colours left out are derived by Textual."""
        colours = self.colors.model_dump(exclude_none=True)
        return Theme(name=self.name, dark=self.dark, **colours)


@dataclass(frozen=True)
class ThemeProblem:
    """Why one theme file (or folder) could not be used."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


def theme_dirs() -> list[Path]:
    """Folders searched, later ones override earlier ones by name.

    The installed data folder `gelar_tui/themes` if it exists, else the
    checkout's `<repo>/themes`; then the user's `<config>/gelar/themes` if it
    exists; then the folder named by GELAR_THEMES_DIR if that is set.
    """
    dirs: list[Path] = []
    installed = Path(gelar_tui.__file__).parent / "themes"
    checkout = Path(__file__).parents[2] / "themes"
    for bundled in (installed, checkout):
        if bundled.is_dir():
            dirs.append(bundled)
            break
    user = platformdirs.user_config_path("gelar") / "themes"
    if user.is_dir():
        dirs.append(user)
    if env := os.environ.get(ENV_THEMES_DIR):
        dirs.append(Path(env).expanduser())
    return dirs


def theme_names() -> set[str]:
    """The names of the theme files found (valid or not), without reading them."""
    return {path.stem for folder in theme_dirs() if folder.is_dir() for path in folder.glob("*.toml")}


def load_themes(
    dirs: Sequence[Path] | None = None,
) -> tuple[dict[str, Theme], list[ThemeProblem]]:
    """Read every *.toml in the folders; broken files are collected as problems (never raised)."""
    themes: dict[str, Theme] = {}
    problems: list[ThemeProblem] = []
    for folder in theme_dirs() if dirs is None else dirs:
        if not folder.is_dir():
            problems.append(ThemeProblem(folder, f"theme folder not found: {folder}"))
            continue
        for path in sorted(folder.glob("*.toml")):
            theme, file_problems = load_theme_file(path)
            problems.extend(file_problems)
            if theme is not None:
                themes[theme.name] = theme
    return themes, problems


def load_theme_file(path: Path) -> tuple[Theme | None, list[ThemeProblem]]:
    """One file: its theme, or None and the reasons it cannot be used."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        return None, [ThemeProblem(path, _toml_message(error))]
    except UnicodeDecodeError:
        return None, [ThemeProblem(path, "not UTF-8 text: save the file as UTF-8")]
    except OSError as error:
        return None, [ThemeProblem(path, f"cannot read the file: {error.strerror or error}")]
    try:
        model = ThemeFile.model_validate(data, context={"stem": path.stem})
    except ValidationError as error:
        return None, [ThemeProblem(path, text) for text in _validation_messages(error)]
    theme = model.to_theme()
    try:
        theme.to_color_system().generate()
    except Exception as error:  # a colour Color.parse accepts but Textual cannot shade
        return None, [ThemeProblem(path, f"colors: Textual cannot use these colours ({error})")]
    return theme, []


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def _toml_message(error: tomllib.TOMLDecodeError) -> str:
    text = str(error)
    match = _TOML_POSITION.search(text)
    reason = text[: match.start()] if match else text
    where = f"line {match.group(1)}" if match and match.group(1) else "end of file"
    return f"{where}: invalid TOML ({reason})"


_KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): list(ThemeFile.model_fields),
    ("colors",): list(ThemeColors.model_fields),
}


def _validation_messages(error: ValidationError) -> list[str]:
    """One message per mistake; a misspelt required key is one mistake, not two."""
    errors = error.errors()
    missing = {tuple(map(str, e["loc"])) for e in errors if e["type"] == "missing"}
    explained: set[tuple[str, ...]] = set()
    messages: list[tuple[tuple[str, ...], str]] = []
    for e in errors:
        location = tuple(map(str, e["loc"]))
        reason = e["msg"][:1].lower() + e["msg"][1:]
        if e["type"] == "missing":
            reason = "field required"
        elif e["type"] == "value_error":
            reason = str(e["ctx"]["error"])
        elif e["type"] == "extra_forbidden":
            known = _KNOWN_KEYS.get(location[:-1], [])
            guess = difflib.get_close_matches(location[-1], known, n=1)
            if guess:
                reason = f"unknown key, did you mean {guess[0]!r}?"
                explained.add(location[:-1] + (guess[0],))
            else:
                reason = f"unknown key (expected one of: {', '.join(known)})"
        messages.append((location, f"{'.'.join(location) or 'file'}: {reason}"))
    return [text for location, text in messages if location not in missing & explained]
