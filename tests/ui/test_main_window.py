"""The window opens on an empty and on a demo diary, switches pages, remembers itself."""

from __future__ import annotations

import sys
from datetime import date

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from fibrodesk.app import build_main_window
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.demo import generate_demo
from fibrodesk.ui.main_window import PAGES
from tests.conftest import activate

PAGE_NAMES = ["todayPage", "plannerPage", "historyPage", "reportsPage"]


def _visible_text(widget: QWidget) -> str:
    return " ".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def test_window_on_an_empty_diary_guides_a_new_user(window, qtbot):
    assert window.objectName() == "mainWindow"
    for name in PAGE_NAMES:
        assert window.findChild(QWidget, name) is not None, name
    window.show()
    qtbot.waitExposed(window)
    for key, *_rest in PAGES:
        page = window.show_page(key)
        assert window.stack.currentWidget().objectName() == f"{key}Page"
        assert _visible_text(page).strip(), f"{key} shows nothing to a new user"
    today = window.show_page("today")
    assert "hurts" in _visible_text(today).lower()  # tells a new user what to do first


def test_keyboard_switches_pages(window, qtbot):
    activate(qtbot, window)
    for index, name in enumerate(PAGE_NAMES):
        qtbot.keyClick(
            QApplication.focusWidget(),
            Qt.Key(Qt.Key.Key_1 + index),
            Qt.KeyboardModifier.ControlModifier,
        )
        assert window.stack.currentWidget().objectName() == name
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert window.stack.currentWidget().objectName() == "todayPage"


def test_pages_other_than_today_are_built_on_first_show(window):
    assert window.pages["today"].content is not None
    for key in ("planner", "history", "reports"):
        assert window.pages[key].content is None
    window.show_page("history")
    assert window.pages["history"].content is not None


def test_window_opens_on_a_demo_diary(qtbot, data_dir):
    open_diary(data_dir)
    generate_demo(years=1, seed=2, end=date(2026, 3, 31))
    close_diary()
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    try:
        for key, *_rest in PAGES:
            win.show_page(key)
        assert win.isWindow()
    finally:
        win.close()
        close_diary()


def test_size_and_position_are_remembered(qtbot, data_dir):
    """The next window opens where and as large as the last one was closed.

    The window's own minimum size and the screen may adjust what was asked for, so the
    test compares the reopened window with the closed one, not with the request.
    """
    first = build_main_window(data_dir)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    default_size = first.size()
    first.setGeometry(QRect(30, 40, first.minimumSizeHint().width() + 20, 520))
    qtbot.waitUntil(lambda: first.size() != default_size)
    closed = (first.pos(), first.size())
    first.close()
    close_diary()
    second = build_main_window(data_dir)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    try:
        assert (second.pos(), second.size()) == closed
    finally:
        second.close()
        close_diary()


def test_dark_theme_is_remembered(qtbot, data_dir):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.findChild(type(win.menuBar().actions()[0]), "theme_dark").trigger()
    qtbot.waitUntil(lambda: win.palette().window().color().lightness() < 128)
    win.close()
    close_diary()
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    try:
        qtbot.waitUntil(lambda: again.palette().window().color().lightness() < 128)
    finally:
        again.findChild(type(again.menuBar().actions()[0]), "theme_light").trigger()
        again.close()
        close_diary()


def test_system_theme_follows_the_platform_palette_after_dark(window, qtbot):
    """ "System" reads the platform's own palette (light here, off screen), even after the
    person had chosen dark: the app's dark palette is not mistaken for the system's."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from fibrodesk.ui.theme import apply_theme, dark_palette

    app = QApplication.instance()
    role = QPalette.ColorRole.Window
    try:
        apply_theme("dark")
        assert app.palette().color(role) == dark_palette().color(role)
        assert apply_theme("system") == "system"
        window_color, text = (
            app.palette().color(role),
            app.palette().color(QPalette.ColorRole.WindowText),
        )
        assert window_color.lightness() > text.lightness()  # light, as the platform gives
        assert app.palette().color(role) == app.style().standardPalette().color(role)
        assert app.style().name().lower() == "fusion"
    finally:
        apply_theme("light")


def test_menu_shortcuts_switch_pages_and_show_in_the_menu(window, qtbot):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    shown = {a.text(): a.shortcut().toString() for a in view.actions() if not a.menu()}
    assert shown == {
        "&Today": "Ctrl+1",
        "&Planner": "Ctrl+2",
        "&History": "Ctrl+3",
        "&Reports": "Ctrl+4",
        "Track menstrual c&ycle": "",  # off by default (ui/trigger_menus.py)
    }
    file_menu = window.file_menu
    assert {a.text(): a.shortcut().toString() for a in file_menu.actions() if a.text()} == {
        "&Export…": "Ctrl+E",
        "&Import…": "Ctrl+I",
        "Import CSV &folder…": "",
        "&Reminders…": "",
        "Import &weather…": "",
        "&Backups…": "Ctrl+B",
        "&Treatments…": "Ctrl+T",
        "&Quit": "Ctrl+Q",
    }


def test_screenshot_renders_every_page(tmp_path, data_dir):
    from fibrodesk.app import main

    out = tmp_path / "shots"
    assert main(["screenshot", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    from PySide6.QtGui import QImage

    for key, *_rest in PAGES:
        image = QImage(str(out / f"{key}.png"))
        assert not image.isNull() and image.width() >= 1000


def test_start_up_does_not_import_the_history_stack(window):
    assert "pyqtgraph" not in sys.modules or "fibrodesk.ui.history_page" in sys.modules


def test_file_menu_reaches_export_import_and_backups(window, monkeypatch):
    """Each File entry opens its dialog (the dialogs' own tests drive them further)."""
    from fibrodesk.ui import transfer

    asked = []
    monkeypatch.setattr(
        transfer.Prompts, "ask_export", classmethod(lambda cls, *a, **k: asked.append("export"))
    )
    monkeypatch.setattr(
        transfer.Prompts,
        "ask_import_path",
        classmethod(lambda cls, *a, **k: asked.append("import")),
    )
    monkeypatch.setattr(
        transfer.Prompts,
        "ask_import_folder",
        classmethod(lambda cls, *a, **k: asked.append("folder")),
    )
    texts = {a.text().replace("&", ""): a for a in window.file_menu.actions()}
    texts["Export…"].trigger()
    texts["Import…"].trigger()
    texts["Import CSV folder…"].trigger()
    assert asked == ["export", "import", "folder"]
    assert texts["Export…"].shortcut().toString() == "Ctrl+E"


def test_reminders_start_after_the_window_and_show_as_notices(window, qtbot):
    qtbot.waitUntil(lambda: window.reminders is not None)
    window.show_notice("Time for your calf stretch (6 minutes).")
    assert window.banner.isVisibleTo(window) and window.banner.property("kind") == "notice"
    window.show_problem("The change could not be saved (disk full).")
    window.show_notice("Time to fill in your diary.")
    assert window.banner_label.text() == "The change could not be saved (disk full)."
    assert window.banner.property("kind") == "problem"


def test_a_notice_shows_an_imported_name_as_typed(window):
    text = 'Time for <img src="x"><b>Walk</b>: 10 minutes at 16:00.'
    window.show_notice(text)
    assert window.banner_label.text() == text
    assert window.banner_label.textFormat() == Qt.TextFormat.PlainText


def test_edit_menu_undoes_a_mark_made_on_the_map(window, qtbot):
    from fibrodesk.db.models import PainMark

    body_map = window.findChild(QWidget, "bodyMap")
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("calf_left"))
    assert PainMark.select().where(PainMark.region == "calf_left").count() == 1
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    undo = next(a for a in edit.actions() if a.text().replace("&", "").startswith("Undo"))
    assert undo.shortcut().toString() == "Ctrl+Z"
    undo.trigger()
    assert PainMark.select().where(PainMark.region == "calf_left").count() == 0


def test_reports_page_shows_the_clinician_report(window, qtbot):
    from PySide6.QtWidgets import QPushButton

    page = window.show_page("reports")
    assert "Report for your doctor" in _visible_text(page)
    assert page.findChild(QPushButton, "reportSavePdf").text() == "&Save as PDF…"
    assert page.findChild(QPushButton, "reportPrint") is not None
