"""core/ and db/ stay free of Qt: they must run without a GUI (house style)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fibrodesk"


@pytest.mark.parametrize("layer", ["core", "db"])
def test_pure_layers_import_no_qt(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")
            ]
    assert offenders == []


def test_core_has_no_peewee():
    for path in (PACKAGE / "core").rglob("*.py"):
        assert "peewee" not in path.read_text("utf-8"), path


def test_importing_core_and_db_loads_no_qt_module():
    code = (
        "import sys, fibrodesk.core.scoring, fibrodesk.core.pacing, fibrodesk.db.database, "
        "fibrodesk.db.demo; print(sorted(m for m in sys.modules if m.startswith(('PySide6','pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_does_not_load_qt():
    code = (
        "import sys\nfrom fibrodesk.app import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "[]"
