"""The package's layers: every import runs downward, and no module imports itself in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "kyodo"
# Lower numbers are lower layers. A layer imports only layers below it; layers of one rank
# stay independent of each other.
LAYERS = {
    "content": 0,
    "domain": 1,
    "site": 2,
    "postbuild": 3,
    "search": 3,
    "export": 3,
    "accessibility": 3,
    "handouts": 3,
    "contributions": 3,
    "build": 4,
    "devtools": 5,
}
ROOT_MODULES = {"kyodo", "kyodo.cli", "kyodo.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every kyodo module a file imports, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kyodo"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kyodo"))
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports (names that are not modules are dropped)."""
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports_of(path) & files.keys() - {name} for name, path in files.items()}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and module not in ROOT_MODULES else None


def test_every_subpackage_has_a_layer() -> None:
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert subpackages <= LAYERS.keys(), subpackages - LAYERS.keys()
    loose = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py", "cli.py"}
    assert not loose, f"modules outside any layer: {loose}"


def test_imports_only_run_downward() -> None:
    wrong = []
    for module, imported in import_graph().items():
        here = layer(module)
        if here is None:
            continue
        for target in imported:
            there = layer(target)
            if there is None:
                wrong.append(f"{module} imports the package root module {target}")
            elif there != here and LAYERS[there] >= LAYERS[here]:
                wrong.append(f"{module} ({here}) imports {target} ({there})")
    assert not wrong, "\n".join(sorted(wrong))


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """A circle of imports, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return []


def test_no_module_imports_itself_in_a_circle() -> None:
    assert find_cycle(import_graph()) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_cycle_finder_finds_circles(graph: dict[str, set[str]], expected: list[str]) -> None:
    assert find_cycle(graph) == expected


def test_an_upward_import_would_be_caught(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("from kyodo.site.urls import href\nimport kyodo.build\n", encoding="utf-8")
    assert imports_of(source) == {"kyodo.site.urls", "kyodo.site.urls.href", "kyodo.build"}
    assert LAYERS[layer("kyodo.site.urls") or ""] > LAYERS[layer("kyodo.content.schema") or ""]
