"""The dose helper of the plan dialog: a starting dose from three trials on flare-free
days (their mean minus 20%) or from a good and a bad day (their mean), domain.md s.7.

Signals:
    useDose(int): the person chose to use the suggested starting dose.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from fibrodesk.core.baseline import baseline_from_tolerance, baseline_from_trials
from fibrodesk.core.plan_text import amount_text
from fibrodesk.db.planner import MAX_DOSE
from fibrodesk.ui.plan_fields import DoseSpin


class DoseHelper(QGroupBox):
    """Three trials, or a good and a bad day; :meth:`dose` is the suggestion."""

    useDose = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find a starting dose", parent)
        self.setObjectName("baselineHelper")
        self._unit = "minutes"
        grid = QGridLayout(self)
        self.mode = QButtonGroup(self)
        self.trials_mode = QRadioButton(
            "From three tria&ls on flare-free days (their mean minus 20%)"
        )
        self.trials_mode.setChecked(True)
        self.tolerance_mode = QRadioButton("From a good &day and a bad day (their mean)")
        self.mode.addButton(self.trials_mode)
        self.mode.addButton(self.tolerance_mode)
        grid.addWidget(self.trials_mode, 0, 0, 1, 4)
        self.trials = [DoseSpin(0, MAX_DOSE, f"Trial {i + 1}") for i in range(3)]
        row = QHBoxLayout()
        for index, spin in enumerate(self.trials):
            spin.setObjectName(f"trial_{index}")
            spin.valueChanged.connect(self.refresh)
            label = QLabel(f"Day {index + 1}:")
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
        row.addStretch(1)
        grid.addLayout(row, 1, 0, 1, 4)
        grid.addWidget(self.tolerance_mode, 2, 0, 1, 4)
        tol_row = QHBoxLayout()
        self.good_day = DoseSpin(0, MAX_DOSE, "On a good day")
        self.good_day.setObjectName("goodDay")
        self.bad_day = DoseSpin(0, MAX_DOSE, "On a bad day")
        self.bad_day.setObjectName("badDay")
        for label_text, spin in (("Good day:", self.good_day), ("Bad day:", self.bad_day)):
            label = QLabel(label_text)
            label.setBuddy(spin)
            tol_row.addWidget(label)
            tol_row.addWidget(spin)
            spin.valueChanged.connect(self.refresh)
        tol_row.addStretch(1)
        grid.addLayout(tol_row, 3, 0, 1, 4)
        self.trials_mode.toggled.connect(self.refresh)
        self.result = QLabel()
        self.result.setObjectName("baselineResult")
        self.result.setWordWrap(True)
        grid.addWidget(self.result, 4, 0, 1, 3)
        self.use = QPushButton("Use this d&ose")
        self.use.setObjectName("useBaseline")
        self.use.clicked.connect(self._use)
        grid.addWidget(self.use, 4, 3)
        self.refresh()

    def spins(self) -> list[DoseSpin]:
        return [*self.trials, self.good_day, self.bad_day]

    def set_unit(self, unit: str, suffix: str) -> None:
        self._unit = unit
        for spin in self.spins():
            spin.setSuffix(suffix)
        self.refresh()

    def dose(self) -> int | None:
        """The starting dose suggested, or None until there are numbers."""
        try:
            if self.trials_mode.isChecked():
                values = [s.value() for s in self.trials]
                if not any(values):
                    return None
                return baseline_from_trials(values)
            if not (self.good_day.value() or self.bad_day.value()):
                return None
            return baseline_from_tolerance(self.good_day.value(), self.bad_day.value())
        except ValueError:
            return None

    def refresh(self, *_args: Any) -> None:
        dose = self.dose()
        if dose is None:
            self.result.setText(
                "Do the exercise on three flare-free days and note how much felt comfortable; "
                "or write what you manage on a good day and on a bad day."
            )
        else:
            self.result.setText(f"Suggested starting dose: {amount_text(dose, self._unit)}.")
        self.use.setEnabled(dose is not None)

    def _use(self) -> None:
        dose = self.dose()
        if dose is not None:
            self.useDose.emit(dose)
