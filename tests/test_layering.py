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


# ui/ and io/ never write: every change is an operation in fibrodesk/db/ (one transaction,
# a typed Change back). The ruff rule (fibrodesk/ui/ruff.toml, fibrodesk/io/ruff.toml)
# says the same at lint time; this test also sees imports inside functions.
STORAGE = ("peewee", "playhouse", "fibrodesk.db.models")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            if node.module == "fibrodesk.db":
                names += [f"fibrodesk.db.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            names += [f".{a.name}" for a in node.names]
    return names


@pytest.mark.parametrize("layer", ["ui", "io"])
def test_ui_and_io_never_touch_the_database_directly(layer):
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in _imports(path)
        if any(name == banned or name.startswith(banned + ".") for banned in STORAGE)
        or name in (".models", ".peewee")
    ]
    assert offenders == []


def test_the_lint_rule_bans_the_same_modules():
    import tomllib

    for layer in ("ui", "io"):
        config = tomllib.loads((PACKAGE / layer / "ruff.toml").read_text("utf-8"))
        banned = config["lint"]["flake8-tidy-imports"]["banned-api"]
        assert set(banned) == set(STORAGE), layer
