"""Large fonts and small screens (issue 13 point 1): the window fits the screen, a
restored window lands on a screen that exists, pages scroll instead of growing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

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


# ------------------------------------------------------------------ every page, both sizes


#: Scroll areas that may scroll sideways: the report's preview shows a sheet of paper at
#: its size, as a print preview does.
SIDEWAYS_OK = {"reportPreviewScroll"}


def layout_problems(root: QWidget) -> list[str]:
    """What a person would see as broken: a widget outside its visible parent (inside a
    scroll area's content is fine: it scrolls, but only down), a label or button narrower
    than its text, a wrapped label shorter than its lines, a placeholder cut off."""
    out = []
    for child in root.findChildren(QWidget):
        if child.isWindow() or not child.isVisibleTo(root):
            continue
        parent = child.parentWidget()
        if parent is None:
            continue
        holder = parent.parentWidget()
        if isinstance(holder, QAbstractScrollArea) and parent is holder.viewport():
            continue
        name = f"{type(child).__name__} {child.objectName()!r}"
        if (
            isinstance(child, QScrollArea)
            and child.widgetResizable()
            and child.objectName() not in SIDEWAYS_OK
        ):
            sideways = child.horizontalScrollBar().maximum()
            if sideways > 0:  # a column of widgets scrolls down, never sideways
                out.append(f"{name} scrolls sideways by {sideways} px")
        r = child.geometry()
        if r.left() < -1 or r.top() < -1 or r.right() > parent.width() + 1:
            out.append(f"{name} outside its parent: {r} in {parent.size()}")
        elif r.bottom() > parent.height() + 1:
            out.append(f"{name} outside its parent: {r} in {parent.size()}")
        if isinstance(child, QLabel) and child.text():
            if not child.wordWrap() and child.width() + 1 < child.minimumSizeHint().width():
                out.append(f"label cut: {child.text()[:40]!r}")
            if child.wordWrap() and child.height() + 1 < child.heightForWidth(child.width()):
                out.append(f"wrapped label cut: {child.text()[:40]!r}")
        if isinstance(child, QAbstractButton) and child.text():
            if child.width() + 1 < child.minimumSizeHint().width():
                out.append(f"button cut: {child.text()!r}")
        if isinstance(child, QLineEdit) and not child.text() and child.placeholderText():
            need = child.fontMetrics().horizontalAdvance(child.placeholderText()) + 8
            if child.width() < need:
                out.append(f"placeholder cut: {child.placeholderText()!r}")
    return out


#: Set in the child process of :func:`test_pages_and_dialogs_fit_with_the_system_font_at_1_5x`:
#: the window takes the first-start size of the (scaled) screen Qt was started with.
REAL_SCREEN = os.environ.get("FIBRODESK_FIT_REAL_SCREEN") == "1"
SIZES = [(None, 0, 0)] if REAL_SCREEN else [(1.5, 1366, 768), (1.0, 1280, 720)]
SIZE_IDS = ["system-font-1.5x"] if REAL_SCREEN else ["app-font-1.5x-1366", "1x-1280"]
#: A taskbar or panel (px) taken off the screen's height.
PANEL = 40


@pytest.fixture(params=SIZES, ids=SIZE_IDS)
def sized_window(request, qtbot, data_dir):  # type: ignore[no-untyped-def]
    """A one-year demo diary in a window on a laptop screen, panel and title bar taken off.

    In this process the screen is emulated: the application font 1.5x on 1366 x 768 (what
    fonts alone do), and 1x on 1280 x 720. In the child process (``REAL_SCREEN``) Qt itself
    scaled a 1366 x 768 screen for ``QT_FONT_DPI=144``, as on a person's computer: every
    widget, font and margin 1.5x, the window at its first-start size."""
    from fibrodesk.db.database import open_diary
    from fibrodesk.db.demo import generate_demo
    from fibrodesk.ui.main_window import first_start_size

    scale, width, height = request.param
    app = QApplication.instance()
    font = app.font()
    if scale is not None:
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * scale)
        app.setFont(big)
    open_diary(data_dir)
    generate_demo(years=1, seed=3)
    close_diary()
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    if scale is None:
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry().size()
        area.setHeight(area.height() - round(PANEL / screen.devicePixelRatio()))
        size = first_start_size(area)
    else:
        size = QSize(width, height - PANEL - 20)  # and a title bar
    win.resize(size)
    win.show()
    qtbot.waitExposed(win)
    yield win, (size.width(), size.height())
    win.close()
    close_diary()
    app.setFont(font)


def test_the_window_minimum_fits_both_screens(sized_window):
    win, (width, height) = sized_window
    minimum = win.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height


def settle() -> None:
    """Let what a page posts to itself run (History writes its patterns just after it is
    shown), and the layouts follow, as they do before a person sees the page."""
    for _pass in range(10):
        QApplication.processEvents()


@pytest.mark.parametrize(
    "key",
    [
        "today",
        "planner",
        "history",
        "reports",
    ],
)
def test_every_page_fits_or_scrolls_at_both_sizes(sized_window, key):
    win, _size = sized_window
    content = win.show_page(key)
    settle()
    page = win.pages[key]
    # Never sideways: the page's content is no wider than the window gives it.
    assert page.scroll.horizontalScrollBar().maximum() == 0
    problems = {key: layout_problems(page)}
    if key == "today":
        for tab in range(content.tabs.count()):
            content.tabs.setCurrentIndex(tab)
            settle()
            problems[f"today tab {tab}"] = layout_problems(page)
    assert {k: v for k, v in problems.items() if v} == {}


def test_every_dialog_fits_the_screen_at_both_sizes(sized_window, qtbot):
    from fibrodesk.ui.help import AboutDialog, ShortcutsDialog
    from fibrodesk.ui.plan_dialog import PlanDialog
    from fibrodesk.ui.reminders_dialog import RemindersDialog

    win, (width, height) = sized_window
    dialogs = (AboutDialog(win), ShortcutsDialog(win), PlanDialog(win.ctx, win))
    for dialog in (*dialogs, RemindersDialog(win.ctx, win)):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        minimum = dialog.minimumSizeHint()
        assert minimum.width() <= width and minimum.height() <= height, dialog
        dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
        QApplication.processEvents()
        assert layout_problems(dialog) == [], type(dialog).__name__
        dialog.close()


def test_pages_and_dialogs_fit_with_the_system_font_at_1_5x(tmp_path):
    """The checks above, in a child process where Qt runs as on a 1366 x 768 laptop with the
    system font at 1.5x (``QT_FONT_DPI=144``): Qt then scales everything by 1.5 and lays the
    window out in 911 x 512 px, as a person sees it under X11 (offscreen here, with a
    screen of that size)."""
    if REAL_SCREEN:
        pytest.skip("this is the child process")
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_FONT_DPI="144",
        FIBRODESK_FIT_REAL_SCREEN="1",
    )
    root = Path(__file__).resolve().parents[2]
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    args += [f"--basetemp={tmp_path / 'child'}"]
    args += [str(Path(__file__).relative_to(root)), "-k", "sized or both_sizes or minimum"]
    done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
