"""Answer widgets: a blank stays blank, 0 stays 0, and a passing wheel changes nothing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from fibrodesk.ui.answer_fields import ChoiceCombo, OptionalDoubleSpinBox, OptionalSpinBox
from fibrodesk.ui.plan_dialog import _Spin
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
        _Spin(1, 60, "Dose"),
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
