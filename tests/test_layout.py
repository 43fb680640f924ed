"""The package layout (STYLE.md: folders that show the flow, no import circles): lod's packages import each other
without a cycle, and only a few modules stay at the top of ``src/lod/``.

Imports are read with ``ast`` from every module, at the top and inside functions; those under
``if TYPE_CHECKING:`` are left out, as they never run (``lod.errors`` names ``ValidationReport`` for its
annotations only)."""

from __future__ import annotations

import ast
from pathlib import Path

import lod

SRC = Path(lod.__file__).parent

# The modules that stay at the top: the command line, what every package shares (settings, errors, formats and
# their negotiation), and the process-wide helpers of the command line (allocator, derived data, regex cache).
TOP_LEVEL = {"__init__", "allocator", "cli", "derived", "errors", "formats", "negotiation", "regexcache", "settings"}

# Packages made to show the flow: their __init__.py is a docstring only, so importing one costs nothing.
DOCSTRING_ONLY = {"model", "pipeline", "places", "publish", "rdf", "sparql"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = SRC.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path) -> set[str]:
    """The lod modules a module imports (``from lod import x`` counts as ``lod.x``)."""
    found: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # a submodule (from lod import errors), or a name the module defines
                found.add(f"{module}.{alias.name}" if _is_module(f"{module}.{alias.name}") else module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name == "lod" or name.startswith("lod.")}


def _unit(name: str) -> str:
    """The package a module belongs to (``lod.publish.dumps`` -> ``lod.publish``); a top-level module is its own."""
    parts = name.split(".")
    if len(parts) == 1:
        return "lod"
    if (SRC / parts[1]).is_dir():
        return f"lod.{parts[1]}"
    return f"lod.{parts[1]}" if (SRC / f"{parts[1]}.py").is_file() else "lod"


def _graph() -> dict[str, dict[str, str]]:
    """unit -> {unit it imports: one module that does it}."""
    edges: dict[str, dict[str, str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = _module_name(path)
        here = _unit(name)
        for target in _imports(path):
            there = _unit(target)
            if there != here:
                edges.setdefault(here, {}).setdefault(there, f"{name} imports {target}")
    return edges


def _cycles(edges: dict[str, dict[str, str]]) -> list[list[str]]:
    """The strongly connected components of more than one unit (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def test_packages_import_each_other_without_a_cycle() -> None:
    edges = _graph()
    cycles = _cycles(edges)
    why = [edges[a][b] for cycle in cycles for a in cycle for b in cycle if b in edges.get(a, {})]
    assert not cycles, f"import cycles between packages: {cycles}\n" + "\n".join(why)


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b": ""}, "b": {"c": ""}, "c": {"a": ""}, "d": {"a": ""}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b": ""}, "b": {"c": ""}}) == []


def test_the_graph_sees_function_level_imports() -> None:
    # lod.cli imports the web app inside a function only: the edge is there all the same
    assert "lod.web" in _graph()["lod.cli"]


def test_only_the_allowed_modules_stay_at_the_top() -> None:
    assert {path.stem for path in SRC.glob("*.py")} <= TOP_LEVEL


def test_new_packages_hold_only_a_docstring() -> None:
    for package in sorted(DOCSTRING_ONLY):
        tree = ast.parse((SRC / package / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), package
        assert len(tree.body) == 1, f"lod.{package}/__init__.py holds more than its docstring"
