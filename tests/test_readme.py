"""The README stays true to the code: its event-file reference and its quick start."""

from __future__ import annotations

from pathlib import Path

from gelar_tui.event.reference import event_reference

README = Path(__file__).parents[1] / "README.md"


def test_the_readme_carries_the_current_event_file_reference() -> None:
    text = README.read_text(encoding="utf-8")
    assert event_reference() in text, "regenerate it with: python -m gelar_tui.event.reference"


def test_the_ci_script_runs_the_readmes_test_command() -> None:
    text = README.read_text(encoding="utf-8")
    command = 'pip install ".[test,pdf]" && python -m pytest -q -n auto'
    assert command in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci


def test_the_quick_start_works_in_a_venv_from_a_fresh_clone():
    readme = README.read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install . && gelar" in quick
    assert 'python3 -m venv .venv && . .venv/bin/activate && pip install ".[test,pdf]" && python -m pytest -q -n auto' in quick
    assert "\npip install" not in quick  # no bare system-wide install left
