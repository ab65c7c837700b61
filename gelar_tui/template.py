"""`gelar new`: a commented event file, in the chosen language, that passes `gelar check`."""

from importlib import resources


def template(language: str) -> str:
    name = "template.id.toml" if language == "id" else "template.en.toml"
    return resources.files("gelar_tui.data").joinpath(name).read_text("utf-8")
