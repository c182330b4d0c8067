"""The wheel carries resources/ and runs from any folder, not only from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("fibrodesk-*.whl")
    return path


def test_wheel_ships_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in ("catalogue.json", "exercises.json"):
        assert f"fibrodesk/_resources/{resource}" in names
    assert "fibrodesk/db/schema/v1.sql" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_runs_demo_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    code = (
        "import fibrodesk, fibrodesk.resources as r, sys\n"
        "print(fibrodesk.__file__); print(r.resource_root())\n"
        "from fibrodesk.app import main\n"
        "sys.exit(main(['demo', '--years', '1', '--data-dir', 'diary']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    module_file, root, summary = result.stdout.splitlines()[:3]
    assert module_file.startswith(str(target)) and root.startswith(str(target))
    assert "sample diary" in summary
    assert (elsewhere / "diary" / "fibrodesk.sqlite3").exists()
