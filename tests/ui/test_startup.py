"""The command's start: the window is on screen first, the diary opened into it next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from fibrodesk.app import build_main_window
from fibrodesk.db import marks
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.models import Entry, db
from fibrodesk.paths import DB_NAME
from fibrodesk.ui.startup import WindowStart
from tests.conftest import activate


def _labels(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def _diary_with_an_entry(data_dir):  # type: ignore[no-untyped-def]
    open_diary(data_dir)
    entry = marks.create_entry(date.today())
    marks.set_mark(entry.id, "knee_inner_left", 6)
    close_diary()


def _shell(qtbot, data_dir):  # type: ignore[no-untyped-def]
    window = build_main_window(data_dir, diary_open=False)
    qtbot.addWidget(window)
    return window


def test_the_window_shows_before_the_diary_is_read_then_the_today_page(qtbot, data_dir):
    from PySide6.QtWidgets import QApplication

    from fibrodesk.ui.accessible_style import AccessibleStyle
    from fibrodesk.ui.theme import ACCESSIBLE_SET

    app = QApplication.instance()
    app.setStyle("Fusion")  # as a fresh process has it (other tests installed the style)
    app.setProperty(ACCESSIBLE_SET, None)
    _diary_with_an_entry(data_dir)
    window = _shell(qtbot, data_dir)
    window.show()
    # The readable control edges come after the first frame, not before it.
    assert not isinstance(app.style(), AccessibleStyle)
    # On screen, and the diary not yet opened: the Today page's place says so.
    today = window.pages["today"]
    assert db.is_closed() and today.content is None
    assert "Opening your diary…" in _labels(today)
    assert not window.diary_ready
    start = WindowStart(window, data_dir)
    try:
        qtbot.waitUntil(lambda: start.finished, timeout=10_000)
        assert start.opened and start.error is None and window.diary_ready
        assert isinstance(app.style(), AccessibleStyle)
        # The Today page, built on the diary, took the note's place.
        assert today.content is not None and today.placeholder is None
        assert window.stack.currentWidget() is today
        assert "Opening your diary…" not in _labels(today)
        assert today.content.marks["knee_inner_left"].intensity == 6
        # The Edit menu holds the map's undo and redo, as when built at once.
        edit = next(
            a.menu() for a in window.menuBar().actions() if a.text() == "&Edit" and a.menu()
        )
        assert isinstance(edit, QMenu)
        assert [a.text() for a in edit.actions()][:2] == ["&Undo", "&Redo"]
        assert Entry.select().count() == 1
    finally:
        window.backups.wait()
        window.close()
        close_diary()


def test_a_page_asked_for_while_opening_is_shown_once_open(qtbot, data_dir):
    window = _shell(qtbot, data_dir)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # History
    assert window._buttons["history"].isChecked() and not window.diary_ready
    assert window.pages["history"].content is None  # nothing that needs the diary yet
    start = WindowStart(window, data_dir)
    try:
        qtbot.waitUntil(lambda: start.finished, timeout=10_000)
        assert start.opened
        assert window.current_page() == "history"
        assert window.pages["history"].content is not None
        assert window.pages["today"].content is not None  # built too: it owns undo
    finally:
        window.backups.wait()
        window.close()
        close_diary()


def test_the_shell_writes_nothing_until_the_diary_is_open(qtbot, data_dir):
    data_dir.mkdir(mode=0o700)
    window = _shell(qtbot, data_dir)
    window.show()
    window._export()  # a shortcut pressed in that moment opens no dialog
    window.close()  # closed before the diary was opened: no settings written
    assert sorted(p.name for p in data_dir.iterdir()) == []
    assert not (data_dir / DB_NAME).exists()


def test_closing_the_window_before_the_diary_opens_ends_quietly(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from fibrodesk.app import main

    def exec_(self: object) -> int:  # the person closes the window at once
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        ]
        assert not window.diary_ready
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert not (data_dir / DB_NAME).exists() and not (data_dir / "ui.ini").exists()


def test_the_first_frame_imports_no_page_modules() -> None:
    """What ``fibrodesk`` imports before the window's first frame (the command, the
    window, its menus and Help) leaves out the pages' modules: each one imported there
    showed in the start-up figure (ui.reflow, imported by Help for one dialog's size,
    took the first frame from 1.36x to 1.53x a bare window in make bench)."""
    import subprocess
    import sys

    code = (
        "import sys, fibrodesk.app, fibrodesk.ui.startup, fibrodesk.ui.main_window, "
        "fibrodesk.ui.help; print('\\n'.join(sys.modules))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for late in (
        "peewee",
        "sqlite3",
        "numpy",
        "pyqtgraph",
        "fibrodesk.db.models",
        "fibrodesk.ui.reflow",
        "fibrodesk.ui.today_page",
    ):
        assert late not in loaded, f"{late} is imported before the first frame"
