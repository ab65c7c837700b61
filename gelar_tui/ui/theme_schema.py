"""The theme file's schema, checked by pydantic (see themes/projector.toml for an example)."""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from textual.color import Color, ColorParseError


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

    def to_data(self) -> dict:
        """What a Textual theme is made from; colours left out are derived by Textual."""
        return {"name": self.name, "dark": self.dark, "colors": self.colors.model_dump(exclude_none=True)}


_KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): list(ThemeFile.model_fields),
    ("colors",): list(ThemeColors.model_fields),
}


def validation_messages(error: ValidationError) -> list[str]:
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
