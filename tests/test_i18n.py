"""The message catalogues: Indonesian and English say the same things, and the code says none itself."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import gelar_tui
from gelar_tui.i18n import LANGUAGES, Messages, catalogue, catalogue_files, environment_language

PACKAGE = Path(gelar_tui.__file__).parent
FILE_SUFFIXES = (".py", ".toml", ".tcss", ".css", ".json", ".csv", ".md", ".html", ".txt")


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def source_files() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not {"locales", "data"} & set(p.relative_to(PACKAGE).parts)]


def string_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in *path* except docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # attribute docstrings (a string right after a field) document the event file in English
    for node in ast.walk(tree):
        for body in (getattr(node, "body", None),):
            if isinstance(body, list):
                for previous, current in zip(body, body[1:]):
                    if isinstance(previous, (ast.AnnAssign, ast.Assign)) and isinstance(current, ast.Expr) and isinstance(current.value, ast.Constant):
                        docstrings.add(id(current.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_languages_are_indonesian_and_english():
    assert set(LANGUAGES) == {"id", "en"}


def test_catalogues_have_the_same_keys():
    english, indonesian = set(catalogue("en")), set(catalogue("id"))
    assert sorted(english - indonesian) == [], "missing in id.toml"
    assert sorted(indonesian - english) == [], "missing in en.toml"


# Messages that are offered the same value in several forms, each language using the one it writes:
# a place is "Juara II" in Indonesian (roman number) and "2nd place" in English (ordinal).
ALTERNATIVE_FORMS = {"awards.winner": {"number", "ordinal"}}


def test_each_message_has_the_same_placeholders_in_both_languages():
    english, indonesian = catalogue("en"), catalogue("id")
    differ = {
        key: (placeholders(english[key]), placeholders(indonesian[key]))
        for key in english.keys() & indonesian.keys()
        if key not in ALTERNATIVE_FORMS and placeholders(english[key]) != placeholders(indonesian[key])
    }
    assert differ == {}
    for key, offered in ALTERNATIVE_FORMS.items():
        for language in (english, indonesian):
            assert placeholders(language[key]) and placeholders(language[key]) <= offered, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_empty_message_and_every_message_formats(language):
    for key, template in catalogue(language).items():
        assert template.strip(), f"{language}: {key} is empty"
        values = {name: "X" for name in placeholders(template)}
        assert "{" not in template.format(**values).replace("[...]", ""), f"{language}: {key} has a stray brace"


def test_indonesian_is_not_a_copy_of_english():
    english, indonesian = catalogue("en"), catalogue("id")
    same = [key for key in english if english[key] == indonesian.get(key) and len(english[key]) > 12 and "{" not in english[key]]
    assert len(same) < len(english) // 10, same


def test_messages_fill_placeholders_in_each_language():
    assert Messages("en")("error.sheet_missing", path="nilai.csv") == "No score sheet at nilai.csv."
    assert Messages("id")("error.sheet_missing", path="nilai.csv") == "Lembar nilai nilai.csv tidak ada."


@pytest.mark.parametrize("language", ["fr", "", "EN", "id_ID"])
def test_unknown_language_falls_back_to_english(language):
    messages = Messages(language)
    assert messages.language == "en"
    assert messages("phase.paused") == "paused"


def test_unknown_key_shows_the_key_rather_than_crashing():
    assert Messages("id")("no.such.message") == "no.such.message"


@pytest.mark.parametrize(
    "variables, expected",
    [
        ({"GELAR_LANG": "id"}, "id"),
        ({"GELAR_LANG": "en", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_MESSAGES": "id_ID", "LANG": "en_US.UTF-8"}, "id"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_environment_language(monkeypatch, variables, expected):
    for name in ("GELAR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert environment_language() == expected


@pytest.mark.parametrize(
    "language, value, places, expected",
    [
        ("id", 1234.5, 2, "1.234,50"),
        ("en", 1234.5, 2, "1,234.50"),
        ("id", 84.75, 2, "84,75"),
        ("id", 1234567.125, 3, "1.234.567,125"),
        ("en", 0, 2, "0.00"),
        ("id", None, 2, "-"),
    ],
)
def test_numbers_as_each_language_writes_them(language, value, places, expected):
    assert Messages(language).number(value, places) == expected


def test_every_message_key_named_in_the_code_exists():
    english = catalogue("en")
    tables = {key.split(".")[0] for key in english}
    key_like = re.compile(r"^([a-z_]+)(\.[a-z_]+)+$")
    missing = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in source_files()
        for line, text in string_literals(path)
        if (match := key_like.match(text)) and match.group(1) in tables and not text.endswith(FILE_SUFFIXES) and text not in english
    ]
    assert missing == []


INDONESIAN_WORDS = re.compile(r"\b(kelompok|juri|nilai|waktu|peringkat|sisa|selesai)\b", re.IGNORECASE)


def test_no_indonesian_user_text_hard_coded_in_the_code():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in source_files()
        for line, text in string_literals(path)
        if INDONESIAN_WORDS.search(text)
    ]
    assert found == [], "user-facing text belongs in gelar_tui/locales/*.toml"


def test_the_scan_would_catch_a_hard_coded_word(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docstring about a Juri is fine."""\nLABEL = "Nilai akhir"\n', encoding="utf-8")
    assert [text for _, text in string_literals(sample) if INDONESIAN_WORDS.search(text)] == ["Nilai akhir"]


@pytest.fixture
def fresh_catalogues():
    """Forget the catalogues read in this process, before and after the test."""
    catalogue.cache_clear()
    yield
    catalogue.cache_clear()


def _from_toml(language: str) -> dict[str, str]:
    import tomllib

    flat: dict[str, str] = {}

    def walk(table: dict, prefix: str) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            else:
                flat[f"{prefix}{key}"] = str(value)

    for path in catalogue_files(language):
        walk(tomllib.loads(path.read_text("utf-8")), "")
    return flat


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_defined_in_two_catalogue_files(language):
    import tomllib

    seen: dict[str, str] = {}
    twice = []

    def walk(table: dict, prefix: str, name: str) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.", name)
            elif f"{prefix}{key}" in seen:
                twice.append(f"{prefix}{key} in {seen[prefix + key]} and {name}")
            else:
                seen[f"{prefix}{key}"] = name

    for path in catalogue_files(language):
        walk(tomllib.loads(path.read_text("utf-8")), "", path.name)
    assert twice == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalogue_read_from_the_cache_is_the_one_in_the_toml_file(fresh_catalogues, language):
    first = catalogue(language)  # reads the TOML, keeps a copy
    catalogue.cache_clear()
    second = catalogue(language)  # from the copy
    assert first == second == _from_toml(language)


def test_a_damaged_cached_catalogue_is_read_afresh_from_the_toml_file(fresh_catalogues):
    from gelar_tui.verdict_cache import verdict_file

    files = catalogue_files("id")
    names = "\0".join(path.name for path in files).encode()
    kept = verdict_file("messages", names, *(path.read_bytes() for path in files))
    catalogue("id")
    assert kept.exists()
    for damage in ("{not json", '{"console.ready": 7}', "[]"):
        kept.write_text(damage, encoding="utf-8")
        catalogue.cache_clear()
        assert catalogue("id") == _from_toml("id"), damage
