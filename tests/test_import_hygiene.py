"""The architecture holds: the core imports no UI library, the layers of pyproject.toml
hold (import-linter), and the package has no import circle beyond the known ones."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gelar_tui"
NOT_CORE = ("gelar_tui.ui", "gelar_tui.web", "gelar_tui.commands", "gelar_tui.cli", "gelar_tui.start", "gelar_tui.__main__")


def module_names() -> list[str]:
    """Every module of the package, dotted (packages by their own name)."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def core_modules() -> list[str]:
    return [name for name in module_names() if not any(name == top or name.startswith(top + ".") for top in NOT_CORE)]


def test_the_core_imports_without_textual() -> None:
    """Every core module, imported in a fresh interpreter, brings neither Textual nor the UI along."""
    core = core_modules()
    assert "gelar_tui.day.facade" in core and "gelar_tui.hall.sound" in core
    script = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m if m.startswith('gelar_tui') else m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve') or m.startswith(('gelar_tui.ui', 'gelar_tui.web', 'gelar_tui.commands'))}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", f"the core brought these along: {run.stdout.strip()}"


def test_the_layers_of_pyproject_hold() -> None:
    """`lint-imports` keeps the contracts of pyproject.toml: no UI in the core, each package above the ones it uses."""
    program = shutil.which("lint-imports") or shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if program is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    run = subprocess.run([program, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _under_type_checking(tree: ast.Module) -> set[int]:
    """The import statements that only a type checker runs."""
    hidden = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return hidden


def import_graph() -> dict[str, set[str]]:
    """Which module of the package imports which (at load time or inside a function), leaving out
    imports under ``TYPE_CHECKING``: they never run, so they make no circle at run time."""
    names = set(module_names())
    graph: dict[str, set[str]] = {}
    for name in names:
        path = PACKAGE.parent / Path(*name.split("."))
        is_package = path.is_dir()
        path = path / "__init__.py" if is_package else path.with_suffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = _under_type_checking(tree)
        package = name if is_package else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        graph[name] = {target for target in found if target in names and target != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


# The walk leaves out imports under TYPE_CHECKING: a function that takes a `Day` names it only
# there (`eventrecord.event_drift`), and makes no circle at run time. Lazy imports inside
# functions count: the package has no circle at all.
KNOWN_CIRCLES: list[list[str]] = []


def test_no_new_import_circle() -> None:
    graph = import_graph()
    assert "gelar_tui.day.state" in graph["gelar_tui.day.facade"]  # the walk sees imports at all
    assert circles(graph) == KNOWN_CIRCLES
