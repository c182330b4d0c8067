"""Large fonts and small screens (issue 13 point 1): the window fits the screen, a
restored window lands on a screen that exists, pages scroll instead of growing."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea

from fibrodesk.app import build_main_window
from fibrodesk.db.database import close_diary
from fibrodesk.ui.main_window import PAGES


def test_a_restored_window_is_placed_fully_on_a_screen(qtbot, data_dir):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    area = QGuiApplication.primaryScreen().availableGeometry()
    # Saved on a larger screen, or on a second screen since unplugged.
    win.resize(area.width() + 600, area.height() + 400)
    win.move(area.right() + 900, area.bottom() + 700)
    win.save_geometry()
    win.close()
    close_diary()

    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    try:
        assert area.contains(again.frameGeometry()), (again.frameGeometry(), area)
    finally:
        again.close()
        close_diary()


def test_every_page_scrolls_rather_than_grow_the_window(qtbot, window):
    """Each page sits in a scroll area, so its size never sets the window's minimum."""
    area = QGuiApplication.primaryScreen().availableGeometry()
    window.show()
    qtbot.waitExposed(window)
    for key, *_rest in PAGES:
        window.show_page(key)
        page = window.pages[key]
        assert isinstance(page.scroll, QScrollArea)
        assert page.content is not None and page.scroll.isAncestorOf(page.content)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= min(area.width(), 1280)
    assert minimum.height() <= min(area.height(), 720)
