"""The shape of deckbuild's own code, read from its source: layers without import
circles, functions short enough to read at once.

Imports are read with `ast`, lazy ones inside functions included: a module that
imports another only inside a function still depends on it. The implicit import
of a package's `__init__` when a submodule is imported is not counted (else every
package whose `__init__` imports its modules would be a circle).
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

import deckbuild

PACKAGE = Path(deckbuild.__file__).parent
MAX_FUNCTION_LINES = 80


def modules() -> Dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: Dict[str, Path]) -> Set[str]:
    """The deckbuild modules `name` imports (a `from pkg import mod` counts as `mod`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = {f"{target}.{a.name}" for a in node.names} & set(known)
            found.update(submodules)
            if len(submodules) < len(node.names):  # names defined in `target` itself
                found.add(target)
    return {m for m in found if m in known and m != name}


def import_graph() -> Dict[str, Set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def circles(graph: Dict[str, Set[str]]) -> List[Set[str]]:
    """Groups of modules that import each other, directly or around (Tarjan's components)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    found: List[Set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_reader_sees_what_it_must():
    graph = import_graph()
    # A relative import of a module, of a name, and a lazy import inside a function:
    assert "deckbuild.read.tree" in graph["deckbuild.read"]  # from .tree import TreeReader
    assert "deckbuild.model" in graph["deckbuild.read.tree"]  # from ..model import (...)
    assert "deckbuild.check.rules" in graph["deckbuild.check"]  # from . import rules (lazy)
    assert "deckbuild.check.rules.bullets" in graph["deckbuild.check.rules"]
    # and the circle finder finds a circle, also one around three modules:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def around(graph: Dict[str, Set[str]], group: Set[str]) -> str:
    """One way around a circle, for the message: a -> b -> c -> a."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if start in graph[node]:
            return " -> ".join(paths[node] + [start])
        for other in sorted(graph[node] & group):
            if other not in paths:
                paths[other] = paths[node] + [other]
                queue.append(other)
    return ", ".join(sorted(group))


def test_no_module_imports_itself_back():
    graph = import_graph()
    assert [around(graph, group) for group in circles(graph)] == []


def test_no_function_is_over_80_lines():
    long = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                                f" {node.name}: {lines} lines")
    assert long == []


def reaches(graph: Dict[str, Set[str]], start: str) -> Set[str]:
    """Every module `start` depends on, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        for other in graph[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return seen


# Each output's renderer reads the model and the shared layers (layout, design, and
# render/slide, render/fonts for the drawings of a slide), never another output's renderer;
# the facilitator guide is a document of the handout's kind and is built on it.
OUTPUTS = ("pptx", "handout", "svg", "guide")
BUILT_ON = {"guide": {"handout"}}


def test_no_output_renderer_depends_on_another():
    graph = import_graph()
    crossing = []
    for output in OUTPUTS:
        package = f"deckbuild.render.{output}"
        needed = set().union(*(reaches(graph, m) for m in graph if m.startswith(package)))
        for other in set(OUTPUTS) - {output} - BUILT_ON.get(output, set()):
            used = sorted(m for m in needed if m.startswith(f"deckbuild.render.{other}"))
            if used:
                crossing.append(f"render/{output} uses {', '.join(used)}")
    assert crossing == []
