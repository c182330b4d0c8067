"""Small fields the plan dialog and its parts share: dose and number spin boxes that a
passing wheel leaves alone, and a show/hide button for an optional section."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QPushButton, QSpinBox, QVBoxLayout, QWidget

from fibrodesk.ui.answer_fields import WheelNeedsFocus


class DoseSpin(WheelNeedsFocus, QSpinBox):
    """A spin box that the wheel changes only once it has the focus."""

    def __init__(self, lo: int, hi: int, name: str, suffix: str = "") -> None:
        super().__init__()
        self.setRange(lo, hi)
        self.setSuffix(suffix)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class NumberSpin(WheelNeedsFocus, QDoubleSpinBox):
    """A number with one decimal that the wheel changes only once it has the focus."""

    def __init__(self, lo: float, hi: float, step: float, name: str, suffix: str = "") -> None:
        super().__init__()
        self.setRange(lo, hi)
        self.setDecimals(1)
        self.setSingleStep(step)
        self.setSuffix(suffix)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def disclosure(open_: bool) -> str:
    """The arrow of a show/hide button: pointing down when its section is open."""
    return (
        "\N{BLACK DOWN-POINTING SMALL TRIANGLE}"
        if open_
        else "\N{BLACK RIGHT-POINTING SMALL TRIANGLE}"
    )


def add_disclosure(
    box: QVBoxLayout, text: str, name: str, body: QWidget, on_toggled: Callable[[bool], None]
) -> QPushButton:
    """A checkable button that shows ``body`` (added hidden, under it) while it is down."""
    button = QPushButton(f"{text} {disclosure(False)}")
    button.setObjectName(name)
    button.setCheckable(True)
    button.toggled.connect(on_toggled)
    box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    body.hide()
    box.addWidget(body)
    return button


def unit_suffix(unit: str) -> str:
    return " minutes" if unit == "minutes" else " repetitions"
