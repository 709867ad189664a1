"""The layout holds: imports point down the layers, no cycles, small modules, light imports.

Every ``import`` under ``src/hsconform`` is read from the source (an AST walk, so imports
under ``TYPE_CHECKING`` and inside functions count too). See docs/architecture.md.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "hsconform"

#: Bottom to top. A module may import modules of its own layer or of a layer below.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "_moved",
            "_version",
            "atomic",
            "errors",
            "vocabulary",
            "formats",
            "findings",
            "codes",
            "jsontext",
            "limits",
            "jsonvalue",
            "messages",
            "config",
            "outcomes",
            "summary",
            "spool",
        }
    ),
    frozenset({"json_schema", "json_structure", "rules", "recordings"}),
    frozenset({"pack"}),
    frozenset({"check", "drift", "evolution", "lint"}),
    frozenset({"report"}),
    frozenset({"testing", "cli", "dask"}),
    frozenset({"", "__main__"}),  # the package's own facade
)

#: The only imports that point up: ``Pack`` methods kept as one-line delegations to the
#: functions over a pack that replaced them. Each must sit inside a function body.
DELEGATIONS = frozenset(
    {
        ("hsconform.pack._core", "hsconform.drift"),
        ("hsconform.pack._core", "hsconform.lint"),
    }
)

MAX_LINES = 600


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    unit = module.split(".")[1] if "." in module else ""
    for index, members in enumerate(LAYERS):
        if unit in members:
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def _target(module: str, name: str | None) -> str:
    """The module an import names: a submodule if ``from X import sub`` names one."""
    if name is not None and f"{module}.{name}" in MODULES:
        return f"{module}.{name}"
    return module


def edges_of(source: str) -> Iterator[Edge]:
    tree = ast.parse(MODULES[source].read_text("utf-8"))
    functions: list[ast.AST] = [
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    inside = {id(child) for function in functions for child in ast.walk(function)}
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [_target(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{source}:{node.lineno}: relative import; name the module")
        for target in targets:
            if target == "hsconform" or target.startswith("hsconform."):
                yield Edge(source, target, node.lineno, id(node) in inside)


EDGES = [edge for module in MODULES for edge in edges_of(module)]


def test_every_module_belongs_to_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_imports_point_down_the_layers() -> None:
    upward = [
        f"{edge.source}:{edge.line} imports {edge.target} (layer {layer_of(edge.target)})"
        for edge in EDGES
        if layer_of(edge.target) > layer_of(edge.source)
        and not (edge.in_function and (edge.source, edge.target) in DELEGATIONS)
    ]
    assert upward == []


def test_the_allowed_delegations_are_still_needed() -> None:
    used = {(edge.source, edge.target) for edge in EDGES}
    assert used >= DELEGATIONS, "a delegation is gone: remove it from DELEGATIONS"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, if it has one (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following) :], following]
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(graph.get(following, ()))))
    return None


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for edge in EDGES:
        if (edge.source, edge.target) in DELEGATIONS and edge.in_function:
            continue
        if edge.target != edge.source and edge.target in MODULES:
            graph[edge.source].add(edge.target)
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_600_lines(module: str) -> None:
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


def _loaded_after(code: str) -> list[str]:
    heavy = "{'jsonschema', 'referencing', 'yaml', 're2', 'hypothesis'}"
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}"
        " or m.startswith('hsconform.'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(done.stdout)
    return loaded


def test_loading_the_pytest_plugin_imports_no_validator() -> None:
    loaded = _loaded_after(
        "import importlib.metadata as m\n"
        "[e.load() for e in m.entry_points(group='pytest11') if e.name == 'hsconform']"
    )
    assert "hsconform.testing.pytest_plugin" in loaded
    assert [m for m in loaded if not m.startswith("hsconform.")] == []
    assert not [m for m in loaded if m.startswith(("hsconform.pack", "hsconform.json_"))]


def test_import_hsconform_loads_its_names_on_first_use() -> None:
    assert _loaded_after("import hsconform") == ["hsconform._moved", "hsconform._version"]
    loaded = _loaded_after("import hsconform\nhsconform.Finding")
    assert "hsconform.findings" in loaded and "jsonschema" not in loaded
