"""Theme files: the bundled ones are valid and readable, broken ones are reported, not raised."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from gelar_tui.ui import themes as themes_module
from gelar_tui.ui.themes import DEFAULT_THEME, ThemeProblem, load_themes, theme_dirs

BUNDLED = Path(__file__).parents[2] / "themes"
BUNDLED_NAMES = {"projector", "dark", "light", "colorblind"}

VALID = """\
name = "{name}"
dark = true
[colors]
primary = "#00c8ff"
background = "#000000"
foreground = "#f5f5f5"
success = "#00ff3c"
warning = "#ffb000"
error = "#ff1f1f"
"""


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    parsed = Color.parse(colour)

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(parsed.r) + 0.7152 * linear(parsed.g) + 0.0722 * linear(parsed.b)


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(autouse=True)
def no_user_themes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the real user's config folder and environment out of every test."""
    monkeypatch.delenv("GELAR_THEMES_DIR", raising=False)
    monkeypatch.setattr(
        themes_module.platformdirs, "user_config_path", lambda app: tmp_path / "no-config" / app
    )


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def bundled_themes():
    themes, problems = load_themes([BUNDLED])
    assert problems == []
    return themes


def test_bundled_themes_load_without_problems() -> None:
    themes, problems = load_themes()
    assert problems == []
    assert set(themes) == BUNDLED_NAMES
    assert DEFAULT_THEME in themes
    assert themes["light"].dark is False
    assert all(themes[name].dark for name in BUNDLED_NAMES - {"light"})


def test_theme_dirs_finds_the_bundled_folder() -> None:
    assert theme_dirs() == [BUNDLED]


@pytest.mark.parametrize("name", sorted(BUNDLED_NAMES))
def test_text_and_countdown_stages_are_readable(name: str) -> None:
    theme = bundled_themes()[name]
    minimum_text = 12 if name == "projector" else 7
    assert contrast(theme.foreground, theme.background) >= minimum_text
    for stage in (theme.success, theme.warning, theme.error):
        assert contrast(stage, theme.background) >= 3, stage


def test_colorblind_stages_differ_in_lightness_not_only_hue() -> None:
    theme = bundled_themes()["colorblind"]
    stages = {"success": theme.success, "warning": theme.warning, "error": theme.error}
    names = list(stages)
    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            ratio = contrast(stages[first], stages[second])
            assert ratio >= 1.5, f"{first}/{second}: {ratio:.2f}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "bad"\ndark = true\n[colors\n', "bad.toml: line 3: invalid TOML"),
        (VALID.format(name="bad").replace("primary", "primry"), "bad.toml: colors.primry: unknown key, did you mean 'primary'?"),
        (VALID.format(name="bad") + 'darkk = true\n', "bad.toml: colors.darkk: unknown key"),
        (VALID.format(name="bad").replace("dark = true", "dakr = true"), "bad.toml: dakr: unknown key, did you mean 'dark'?"),
        (VALID.format(name="bad").replace('warning = "#ffb000"\n', ""), "bad.toml: colors.warning: field required"),
        (VALID.format(name="bad").replace('"#00c8ff"', '"blu"'), "bad.toml: colors.primary: not a colour: 'blu'"),
        (VALID.format(name="bad").replace('"#00c8ff"', "3"), "bad.toml: colors.primary: input should be"),
        (VALID.format(name="other"), "bad.toml: name: is 'other' but the file is bad.toml"),
        (VALID.format(name="bad").replace("dark = true", 'dark = "yes"'), "bad.toml: dark: input should be"),
        (VALID.format(name="bad").split("[colors]")[0], "bad.toml: colors: field required"),
    ],
    ids=[
        "toml-syntax", "colour-typo", "key-in-wrong-table", "top-level-typo", "missing-colour",
        "bad-colour", "colour-not-text", "name-mismatch", "dark-not-bool", "no-colors-table",
    ],
)
def test_broken_file_is_reported_and_others_still_load(
    tmp_path: Path, text: str, expected: str
) -> None:
    write(tmp_path, "good", VALID.format(name="good"))
    bad = write(tmp_path, "bad", text)
    themes, problems = load_themes([tmp_path])
    assert set(themes) == {"good"}
    assert len(problems) == 1
    assert problems[0].path == bad
    assert str(problems[0]).startswith(expected), str(problems[0])


def test_unknown_key_without_a_close_match_lists_the_keys_that_exist(tmp_path: Path) -> None:
    write(tmp_path, "bad", VALID.format(name="bad") + 'title = "#ffffff"\n')
    _, [problem] = load_themes([tmp_path])
    assert problem.message.startswith("colors.title: unknown key (expected one of: primary,")


def test_misspelt_optional_colour_is_one_problem(tmp_path: Path) -> None:
    write(tmp_path, "bad", VALID.format(name="bad") + 'acent = "#ffffff"\n')
    _, problems = load_themes([tmp_path])
    assert [problem.message for problem in problems] == [
        "colors.acent: unknown key, did you mean 'accent'?"
    ]


def test_every_mistake_in_a_file_is_reported(tmp_path: Path) -> None:
    text = VALID.format(name="bad").replace('"#ff1f1f"', '"redd"').replace("success", "sucess")
    write(tmp_path, "bad", text)
    _, problems = load_themes([tmp_path])
    assert sorted(problem.message for problem in problems) == [
        "colors.error: not a colour: 'redd'",
        "colors.sucess: unknown key, did you mean 'success'?",
    ]


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "latin1.toml").write_bytes(b'name = "caf\xe9"\n')
    (tmp_path / "folder.toml").mkdir()
    write(tmp_path, "good", VALID.format(name="good"))
    themes, problems = load_themes([tmp_path])
    assert set(themes) == {"good"}
    messages = sorted(str(problem) for problem in problems)
    assert messages[0].startswith("folder.toml: cannot read the file")
    assert messages[1].startswith("latin1.toml: not UTF-8 text")


def test_other_colour_notations_are_accepted(tmp_path: Path) -> None:
    text = VALID.format(name="named").replace('"#00c8ff"', '"gold"').replace('"#000000"', '"rgb(0,0,0)"')
    write(tmp_path, "named", text)
    themes, problems = load_themes([tmp_path])
    assert problems == []
    assert themes["named"].primary == "gold"


def test_environment_folder_overrides_a_bundled_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    override = tmp_path / "mine"
    write(override, "projector", VALID.format(name="projector").replace("#ffb000", "#ffff00"))
    monkeypatch.setenv("GELAR_THEMES_DIR", str(override))
    assert theme_dirs() == [BUNDLED, override]
    themes, problems = load_themes()
    assert problems == []
    assert themes["projector"].warning == "#ffff00"
    assert set(themes) == BUNDLED_NAMES


def test_user_config_folder_is_searched_before_the_environment_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "config" / "gelar" / "themes"
    write(user, "mine", VALID.format(name="mine"))
    monkeypatch.setattr(themes_module.platformdirs, "user_config_path", lambda app: tmp_path / "config" / app)
    env = tmp_path / "env"
    write(env, "mine", VALID.format(name="mine").replace("#00c8ff", "#123456"))
    monkeypatch.setenv("GELAR_THEMES_DIR", str(env))
    assert theme_dirs() == [BUNDLED, user, env]
    themes, _ = load_themes()
    assert themes["mine"].primary == "#123456"


def test_missing_environment_folder_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GELAR_THEMES_DIR", str(tmp_path / "typo"))
    themes, problems = load_themes()
    assert set(themes) == BUNDLED_NAMES
    assert [problem.message for problem in problems] == [
        f"theme folder not found: {tmp_path / 'typo'}"
    ]


def test_problem_names_the_file() -> None:
    assert str(ThemeProblem(Path("/x/projector.toml"), "colors.warning: field required")) == (
        "projector.toml: colors.warning: field required"
    )
