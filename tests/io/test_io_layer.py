"""io/ reads and writes files only: it never touches peewee or the models (issue 10 point
1); the diary is read and written through fibrodesk.db (tables, importing)."""

from __future__ import annotations

import ast
from pathlib import Path

IO = Path(__file__).resolve().parents[2] / "fibrodesk" / "io"


def test_io_imports_no_peewee_and_no_models() -> None:
    offenders = []
    for path in sorted(IO.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] == "peewee" or n.startswith("fibrodesk.db.models")
            ]
    assert offenders == []
