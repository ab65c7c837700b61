"""Theme files: TOML data validated by pydantic, turned into Textual `Theme`s.

See themes/projector.toml for the format. A broken file never stops the app:
`load_themes` returns a `ThemeProblem` naming the file and the key instead.
What a file's check found is cached under a hash of its bytes, so the console
starts without importing pydantic (the schema is in theme_schema.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from textual.theme import Theme

import gelar_tui

from ..event.frozen import Frozen, fill, record
from ..verdict_cache import remembered

DEFAULT_THEME = "projector"
ENV_THEMES_DIR = "GELAR_THEMES_DIR"


@record
class ThemeProblem(Frozen):
    """Why one theme file (or folder) could not be used."""

    path: Path
    message: str

    def __init__(self, path: Path, message: str) -> None:
        fill(self, path, message)

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
        raw = path.read_bytes()
    except OSError as error:
        return None, [ThemeProblem(path, f"cannot read the file: {error.strerror or error}")]
    # The name is part of the key: a theme's name must match its file's.
    checked = remembered("themes", (path.stem.encode(), raw), lambda: _check(path, raw))
    if checked.get("problems"):
        return None, [ThemeProblem(path, text) for text in checked["problems"]]
    theme = checked["theme"]
    return Theme(name=theme["name"], dark=theme["dark"], **theme["colors"]), []


def _check(path: Path, raw: bytes) -> dict:
    """{"theme": …} for a usable file, {"problems": [...]} for a broken one."""
    import tomllib  # like pydantic, only here: a theme checked before is read from the cache

    from pydantic import ValidationError

    from .theme_schema import ThemeFile, validation_messages

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        return {"problems": [_toml_message(error)]}
    except UnicodeDecodeError:
        return {"problems": ["not UTF-8 text: save the file as UTF-8"]}
    try:
        theme = ThemeFile.model_validate(data, context={"stem": path.stem}).to_data()
    except ValidationError as error:
        return {"problems": validation_messages(error)}
    try:
        Theme(name=theme["name"], dark=theme["dark"], **theme["colors"]).to_color_system().generate()
    except Exception as error:  # a colour Color.parse accepts but Textual cannot shade
        return {"problems": [f"colors: Textual cannot use these colours ({error})"]}
    return {"theme": theme}


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def _toml_message(error: ValueError) -> str:
    text = str(error)
    match = _TOML_POSITION.search(text)
    reason = text[: match.start()] if match else text
    where = f"line {match.group(1)}" if match and match.group(1) else "end of file"
    return f"{where}: invalid TOML ({reason})"
