"""`gelar new`: a commented event file, in the chosen language, that passes `gelar check`."""

from .eventfile import DATA


def template(language: str) -> str:
    name = "template.id.toml" if language == "id" else "template.en.toml"
    return (DATA / name).read_text("utf-8")
