"""Help: the menu, the About box, the shortcuts, the first-run guide (issue 13 point 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import fibrodesk
from fibrodesk.app import build_main_window
from fibrodesk.db.database import close_diary
from fibrodesk.paths import DB_NAME
from fibrodesk.ui import help as help_ui
from tests.conftest import activate


def _help_menu(window):  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Help")
    return {a.objectName(): a for a in menu.actions()}


@pytest.fixture
def opened(monkeypatch):
    """Dialogs opened by the menu, shown without a modal loop so the test can read them."""
    seen: list = []

    def fake_exec(self):  # type: ignore[no-untyped-def]
        seen.append(self)
        self.show()
        return 0

    monkeypatch.setattr(help_ui.AboutDialog, "exec", fake_exec)
    monkeypatch.setattr(help_ui.ShortcutsDialog, "exec", fake_exec)
    return seen


def test_about_says_version_where_the_diary_is_and_not_a_diagnosis(window, qtbot, opened):
    _help_menu(window)["helpAbout"].trigger()
    about = opened[-1]
    qtbot.addWidget(about)
    texts = " ".join(label.text() for label in about.findChildren(QLabel))
    assert fibrodesk.__version__ in texts
    assert about.where.text() == str(window.ctx.data_dir / DB_NAME)
    assert "not a diagnosis" in about.warning.text()


def test_shortcuts_list_the_menus_and_the_map_keys(window, qtbot, opened):
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shortcuts = opened[-1]
    qtbot.addWidget(shortcuts)
    rows = dict((what, keys) for keys, what in shortcuts.rows)
    assert rows["View > Today"] == "Ctrl+1"
    assert rows["File > Export"] == "Ctrl+E"
    assert any("Undo" in what for what in rows)  # the Edit menu, from the Today page
    assert any(what.startswith("Body map:") for what in rows)
    shown = " ".join(label.text() for label in shortcuts.findChildren(QLabel))
    assert "Ctrl+E" in shown and "Body map: mark the spot" in shown


def test_first_steps_show_until_closed_and_come_back_from_help(qtbot, data_dir):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    guide = win.first_steps
    assert guide.isVisible()
    words = " ".join(step.text() for step in guide.steps)
    for step in ("Click where it hurts", "Check in", "Plan gently"):
        assert step in words
    qtbot.mouseClick(guide.close_button, Qt.MouseButton.LeftButton)
    assert not guide.isVisible()
    win.close()
    close_diary()

    again = build_main_window(data_dir)  # the next start: closed is remembered
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert not again.first_steps.isVisible()
    _help_menu(again)["helpFirstSteps"].trigger()
    assert again.first_steps.isVisible()
    again.close()
    close_diary()
