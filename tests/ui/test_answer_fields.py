"""Answer widgets: a blank stays blank, 0 stays 0, and a passing wheel changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from fibrodesk.ui.answer_fields import (
    ChoiceCombo,
    NumberAnswer,
    OptionalDoubleSpinBox,
    OptionalSpinBox,
    ScaleAnswer,
)
from fibrodesk.ui.plan_fields import DoseSpin
from fibrodesk.ui.session_dialog import PainSpinBox


def _wheel_up(widget) -> None:  # type: ignore[no-untyped-def]
    """One wheel notch: up on a spin box (higher value), down on a list (next choice)."""
    notch = -120 if isinstance(widget, ChoiceCombo) else 120
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, notch),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_blank_and_zero_are_different_answers(qtbot):
    box = OptionalSpinBox(0, 10, "Fatigue")
    qtbot.addWidget(box)
    assert box.answer() is None and box.text() == "not answered"
    box.set_answer(0)
    assert box.answer() == 0
    hours = OptionalDoubleSpinBox(0, 24, 0.5, "Sleep")
    qtbot.addWidget(hours)
    assert hours.answer() is None
    hours.set_answer(6.5)
    assert hours.answer() == 6.5


def test_the_wheel_changes_a_value_only_with_focus(qtbot):
    widgets = [
        OptionalSpinBox(0, 10, "Fatigue"),
        PainSpinBox("Leg pain before"),
        DoseSpin(1, 60, "Dose"),
        ChoiceCombo([("mild", 1), ("moderate", 2)], "Fatigue over the week"),
    ]
    for widget in widgets:
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        before = widget.value() if hasattr(widget, "value") else widget.currentIndex()
        _wheel_up(widget)  # passing over it while scrolling the page
        after = widget.value() if hasattr(widget, "value") else widget.currentIndex()
        assert after == before, type(widget).__name__
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        _wheel_up(widget)
        changed = widget.value() if hasattr(widget, "value") else widget.currentIndex()
        assert changed != before, type(widget).__name__


# ------------------------------------------------------------------ a 0-10 row of targets


@pytest.fixture
def scale(qtbot):
    row = ScaleAnswer("Fatigue, 0 none, 10 worst")
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    return row


def test_a_tap_answers_and_a_second_tap_takes_it_back(qtbot, scale):
    assert scale.answer() is None and scale.text() == "not answered"
    assert scale.state_label.isVisible() and scale.state_label.text() == "not answered"
    with qtbot.waitSignal(scale.editingFinished):
        qtbot.mouseClick(scale.buttons[6], Qt.MouseButton.LeftButton)
    assert scale.answer() == 6 and scale.buttons[6].isChecked()
    assert [b.isChecked() for b in scale.buttons].count(True) == 1
    assert scale.state_label.text() == ""
    with qtbot.waitSignal(scale.editingFinished):
        qtbot.mouseClick(scale.buttons[0], Qt.MouseButton.LeftButton)
    assert scale.answer() == 0  # 0 is a real answer, not a blank
    with qtbot.waitSignal(scale.editingFinished):
        qtbot.mouseClick(scale.buttons[0], Qt.MouseButton.LeftButton)
    assert scale.answer() is None and scale.state_label.text() == "not answered"


def test_the_row_is_one_tab_stop_worked_by_keys(qtbot, scale):
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in scale.buttons)
    scale.setFocus()
    qtbot.waitUntil(scale.hasFocus)
    qtbot.keyClick(scale, Qt.Key.Key_7)
    assert scale.answer() == 7
    qtbot.keyClick(scale, Qt.Key.Key_Right)
    assert scale.answer() == 8
    qtbot.keyClick(scale, Qt.Key.Key_Left)
    qtbot.keyClick(scale, Qt.Key.Key_Left)
    assert scale.answer() == 6
    qtbot.keyClicks(scale, "10")
    assert scale.answer() == 10
    qtbot.keyClick(scale, Qt.Key.Key_Home)
    assert scale.answer() == 0
    qtbot.keyClick(scale, Qt.Key.Key_End)
    assert scale.answer() == 10
    with qtbot.waitSignal(scale.editingFinished):
        qtbot.keyClick(scale, Qt.Key.Key_Return)
    qtbot.keyClick(scale, Qt.Key.Key_Delete)
    assert scale.answer() is None and scale.text() == "not answered"


def test_the_row_is_accessible_and_large_enough_to_tap(scale):
    assert scale.accessibleName() == "Fatigue, 0 none, 10 worst"
    assert scale.accessibleDescription() == "not answered"
    scale.set_answer(4)
    assert scale.accessibleDescription() == "4"
    assert [b.accessibleName() for b in scale.buttons][4] == "4: Fatigue, 0 none, 10 worst"
    for button in scale.buttons:
        assert button.width() >= 24 and button.height() >= 24


def test_set_answer_is_not_an_edit_and_the_wheel_does_nothing(qtbot, scale):
    with qtbot.assertNotEmitted(scale.editingFinished):
        scale.set_answer(3)
    assert scale.answer() == 3
    scale.setFocus()
    qtbot.waitUntil(scale.hasFocus)
    _wheel_up(scale)
    assert scale.answer() == 3


def test_a_number_field_is_empty_when_not_answered(qtbot):
    hours = NumberAnswer(0, 24, "Sleep last night", "hours", decimals=1)
    qtbot.addWidget(hours)
    assert hours.answer() is None and hours.placeholderText() == "not answered"
    hours.setFocus()
    qtbot.keyClicks(hours, "6.5")
    assert hours.answer() == 6.5
    qtbot.keyClicks(hours, "9")  # 6.59 is not a valid answer: refused as typed
    assert hours.answer() == 6.5
    hours.set_answer(None)
    assert hours.text() == "" and hours.answer() is None
    falls = NumberAnswer(0, 100, "Falls", "")
    qtbot.addWidget(falls)
    falls.set_answer(0)
    assert falls.answer() == 0 and falls.text() == "0"


def test_the_check_in_is_answered_with_taps(qtbot, window):
    """On the Today page's check-in: a tap saves 6, a second tap leaves it not answered;
    no question says "step below 0" any more."""
    from PySide6.QtWidgets import QLabel

    from fibrodesk.core.clock import now
    from fibrodesk.db import checkins as journal

    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("today")
    page.tabs.setCurrentIndex(1)
    panel = page.checkin_panel
    pain = panel.fields["overall_pain"]
    assert isinstance(pain, ScaleAnswer)
    qtbot.mouseClick(pain.buttons[6], Qt.MouseButton.LeftButton)
    assert journal.get_checkin(now().date()).fields["overall_pain"] == 6
    qtbot.mouseClick(pain.buttons[6], Qt.MouseButton.LeftButton)
    assert journal.get_checkin(now().date()).fields["overall_pain"] is None
    texts = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "step below" not in texts.lower()
    assert isinstance(panel.fields["sleep_hours"], NumberAnswer)
