"""Every page has a title: one visible heading at its top, empty diary or full (issue 13
point 7)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel

from fibrodesk.db import checkins, marks, planner
from fibrodesk.ui.main_window import PAGES
from fibrodesk.ui.page_title import TITLE_SCALE
from tests.conftest import activate

TITLE_NAMES = ("pageTitle", "dayTitle")


def _titles(content) -> list[QLabel]:  # type: ignore[no-untyped-def]
    return [
        label
        for label in content.findChildren(QLabel)
        if label.objectName() in TITLE_NAMES and label.isVisible()
    ]


def _check_every_page(window, qtbot) -> dict[str, str]:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    shown = {}
    base = QApplication.font().pointSizeF()
    for key, *_rest in PAGES:
        content = window.show_page(key)
        QApplication.processEvents()
        (title,) = _titles(content)  # exactly one heading per page
        assert title.text().strip(), key
        assert title.font().bold() and title.font().pointSizeF() >= base * TITLE_SCALE - 0.01
        top = title.mapTo(window.pages[key], QPoint(0, 0)).y()
        assert top < 3 * title.fontMetrics().lineSpacing(), (key, top)  # at the top
        shown[key] = title.text()
    return shown


def test_every_page_has_a_title_on_an_empty_diary(window, qtbot) -> None:
    assert _check_every_page(window, qtbot) == {
        "today": "Today",
        "planner": "Exercise plans",
        "history": "History",
        "reports": "Report for your doctor",
    }


def test_every_page_has_a_title_with_a_diary_full_of_days(window, qtbot) -> None:
    today = date.today()
    planner.create_plan("flat_walking", 127, "10:00", today, 10, 30)
    for back in range(10):
        day = date.fromordinal(today.toordinal() - back)
        entry = marks.create_entry(day)
        marks.set_mark(entry.id, "calf_left", 4)
        checkins.save_checkin(day, {"overall_pain": 4})
    window.ctx.broadcast("marks", "checkin", "plans")
    assert set(_check_every_page(window, qtbot)) == {k for k, *_ in PAGES}
