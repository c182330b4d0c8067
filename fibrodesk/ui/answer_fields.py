"""Input widgets for optional answers: "not answered" is its own state, 0 stays a real 0.

A spin box shows *not answered* at one step below its lowest real value, so a person can
step down to leave a question blank and a 0 is never mistaken for a blank. The wheel only
changes a value when the box has the keyboard focus: scrolling the panel with a tired hand
must not change an answer on the way past.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox, QWidget

NOT_ANSWERED = "not answered"


class WheelNeedsFocus:
    """Mixin for an input widget: the wheel changes its value only once it has the focus.

    Put it first among the bases (``class Box(WheelNeedsFocus, QSpinBox)``).
    """

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class OptionalSpinBox(WheelNeedsFocus, QSpinBox):
    """A whole-number answer from ``lo`` to ``hi``, or not answered (``None``)."""

    def __init__(
        self, lo: int, hi: int, name: str, suffix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lo = lo
        self.setRange(lo - 1, hi)
        self.setSpecialValueText(NOT_ANSWERED)
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setToolTip(f"{name}: {lo} to {hi}. Step below {lo} to leave it not answered.")
        self.setValue(lo - 1)

    def answer(self) -> int | None:
        value = self.value()
        return None if value < self._lo else value

    def set_answer(self, value: int | None) -> None:
        self.setValue(self._lo - 1 if value is None else int(value))


class OptionalDoubleSpinBox(WheelNeedsFocus, QDoubleSpinBox):
    """A decimal answer (sleep hours), or not answered (``None``)."""

    def __init__(
        self,
        lo: float,
        hi: float,
        step: float,
        name: str,
        suffix: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lo = lo
        self.setDecimals(1)
        self.setSingleStep(step)
        self.setRange(lo - step, hi)
        self.setSpecialValueText(NOT_ANSWERED)
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setToolTip(f"{name}: {lo:g} to {hi:g}. Step below {lo:g} to leave it not answered.")
        self.setValue(self.minimum())

    def answer(self) -> float | None:
        value = round(self.value(), 1)
        return None if value < self._lo else value

    def set_answer(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else float(value))


class ChoiceCombo(WheelNeedsFocus, QComboBox):
    """A choice among labelled values, the first entry being *not answered* (``None``)."""

    def __init__(
        self, choices: list[tuple[str, object]], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.addItem(NOT_ANSWERED, None)
        for label, value in choices:
            self.addItem(label, value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)

    def answer(self) -> object:
        return self.currentData()

    def set_answer(self, value: object) -> None:
        for index in range(self.count()):
            data = self.itemData(index)
            if data == value and type(data) is type(value):
                self.setCurrentIndex(index)
                return
        self.setCurrentIndex(0)
