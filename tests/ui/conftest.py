"""Fixtures shared by the window's tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-year demo diary ending today, made once per test module; tests copy it."""
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo

    folder = tmp_path_factory.mktemp("demo") / "diary"
    open_diary(folder)
    generate_demo(years=1, seed=3)
    close_diary()
    return folder
