"""Shared test set-up: Qt off-screen, a fresh diary folder per test, a window on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read the person's real diary or settings.
os.environ.pop("FIBRODESK_DATA_DIR", None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder (not yet created, as on a first start)."""
    return tmp_path / "diary"


@pytest.fixture
def diary(data_dir: Path) -> Iterator[Path]:
    """An open, empty diary; yields its data folder."""
    from fibrodesk.db.database import close_diary, open_diary

    open_diary(data_dir)
    yield data_dir
    close_diary()


@pytest.fixture
def window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    """The main window on a fresh diary, as a person would first see it (not shown)."""
    from fibrodesk.app import build_main_window
    from fibrodesk.db.database import close_diary

    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    yield win
    win.close()
    close_diary()


def activate(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Show a window and make it the active one, so that its shortcuts work as for a person."""
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: window.isActiveWindow())


@pytest.fixture
def faults(monkeypatch):  # type: ignore[no-untyped-def]
    """Count the diary's write statements and fail the armed one (see tests/faults.py)."""
    from fibrodesk.db.models import db
    from tests.faults import install

    return install(monkeypatch, db)
