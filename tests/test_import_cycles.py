"""No import cycles anywhere in the package (db, the command line and the window first)
(issue 10 point 8: db/backup <-> db/database <-> db/recovery, app <-> ui/screenshot).
Imports inside functions count too: a cycle hidden in a function is still a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "fibrodesk"


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if parts[-1] == "__init__" else module.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                deps.add(target)
                deps.update(f"{target}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
        graph[module] = deps
    return {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        here = todo.pop()
        if here == goal:
            return True
        if here not in seen:
            seen.add(here)
            todo.extend(graph[here])
    return False


def _cycles_through(prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    graph = _graph()
    return sorted(
        (a, b) for a in graph if a.startswith(prefixes) for b in graph[a] if _reaches(graph, b, a)
    )


def test_db_modules_import_in_one_direction() -> None:
    assert _cycles_through(("fibrodesk.db",)) == []


def test_the_command_line_and_the_window_do_not_import_each_other() -> None:
    assert _cycles_through(("fibrodesk.app", "fibrodesk.ui.screenshot", "fibrodesk.io")) == []


def test_no_module_of_the_package_imports_itself_back() -> None:
    """Issue 10 point 8, the whole package: report.document/evidence, report.figures/pages,
    ui.theme/accessible_style, ui.help/main_window and ui.body_map/body_map_access each
    imported the other back until their shared parts moved out."""
    assert _cycles_through(("fibrodesk",)) == []
