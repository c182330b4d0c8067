"""Side effects of the day, per medication: drowsiness, dizziness, nausea or other, 0-10
and a note (issue 15, point 1). Part of the Today page's treatments box.

One "Save side effect" is one :func:`fibrodesk.db.treatments.save_side_effect` through
``ctx.perform``; saving the same medicine and effect again on the same day replaces it.
Dizziness and drowsiness matter because falls are recorded too.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.db import treatments
from fibrodesk.db.treatments import TreatmentItem
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.treatment_words import EFFECT_LABELS


def side_effect_words(name: str, effect: str, severity: int, note: str) -> str:
    """ "Pregabalin: dizziness 4 (stood up too fast)"."""
    words = f"{name}: {EFFECT_LABELS.get(effect, effect).lower()} {severity}"
    return f"{words} ({note})" if note else words


class SideEffects(QWidget):
    """The form for one side effect and the day's side effects as lines of plain text.

    Attributes:
        day: the day the side effects belong to.
        saved: ``(treatment id, effect) -> (severity, note)`` of the day.
    """

    def __init__(self, ctx: AppContext, source: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._source = source
        self.day: date | None = None
        self.saved: dict[tuple[str, str], tuple[int, str]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Side effects")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        layout.addWidget(heading)

        grid = QGridLayout()
        layout.addLayout(grid)
        self.medicine = QComboBox()
        self.medicine.setObjectName("sideEffectTreatment")
        self.medicine.setAccessibleName("Medicine the side effect is from")
        # Sized to about 14 characters, not to the longest name: the side column is narrow
        # at a large font (issue 13 point 1); the list it opens shows every name whole.
        self.medicine.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.medicine.setMinimumContentsLength(14)
        self.effect = QComboBox()
        self.effect.setObjectName("sideEffectKind")
        self.effect.setAccessibleName("Side effect")
        for effect, label in EFFECT_LABELS.items():
            self.effect.addItem(label, effect)
        self.severity = QSpinBox()
        self.severity.setObjectName("sideEffectSeverity")
        self.severity.setRange(0, 10)
        self.severity.setAccessibleName("How strong, 0 to 10")
        self.note = QLineEdit()
        self.note.setObjectName("sideEffectNote")
        self.note.setAccessibleName("Note on the side effect")
        self.note.setMaxLength(500)
        self.note.setPlaceholderText("Note (optional)")
        self.save_button = QPushButton("Save side effect")
        self.save_button.setObjectName("saveSideEffect")
        self.save_button.setAccessibleName("Save side effect")
        self.save_button.clicked.connect(self.save)
        medicine_label = QLabel("Medicine:")
        medicine_label.setBuddy(self.medicine)
        effect_label = QLabel("Effect:")
        effect_label.setBuddy(self.effect)
        strength_label = QLabel("0-10:")
        strength_label.setBuddy(self.severity)
        grid.addWidget(medicine_label, 0, 0)
        grid.addWidget(self.medicine, 0, 1, 1, 3)
        grid.addWidget(effect_label, 1, 0)
        grid.addWidget(self.effect, 1, 1)
        grid.addWidget(strength_label, 1, 2)
        grid.addWidget(self.severity, 1, 3)
        grid.addWidget(self.note, 2, 0, 1, 4)
        grid.addWidget(self.save_button, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        self.medicine.currentIndexChanged.connect(self._fill)
        self.effect.currentIndexChanged.connect(self._fill)

        self.listing = QLabel()
        self.listing.setObjectName("sideEffectsOfDay")
        self.listing.setTextFormat(Qt.TextFormat.PlainText)  # the person's words
        self.listing.setWordWrap(True)
        layout.addWidget(self.listing)

    def set_medicines(self, day: date, medicines: list[TreatmentItem]) -> None:
        """The medicines of ``day`` to choose from, and that day's side effects."""
        self.day = day
        chosen = self.medicine.currentData()
        self.medicine.blockSignals(True)
        try:
            self.medicine.clear()
            for item in medicines:
                self.medicine.addItem(item.name, item.id)
            index = self.medicine.findData(chosen)
            self.medicine.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self.medicine.blockSignals(False)
        rows = treatments.side_effects_between(day, day)
        names = {item.id: item.name for item in medicines}
        self.saved = {(r.treatment_id, r.effect): (r.severity, r.note) for r in rows}
        lines = [
            side_effect_words(
                getattr(r, "name", "") or names.get(r.treatment_id, ""),
                r.effect,
                r.severity,
                r.note,
            )
            for r in rows
        ]
        self.listing.setText("\n".join(lines) if lines else "No side effects noted this day.")
        self.setEnabled(bool(medicines))
        self._fill()

    def _fill(self, *_args: object) -> None:
        """Show what is saved for the chosen medicine and effect (0 and empty if nothing)."""
        severity, note = self.saved.get(
            (self.medicine.currentData(), self.effect.currentData()), (0, "")
        )
        self.severity.setValue(severity)
        self.note.setText(note)

    def save(self) -> None:
        treatment_id, effect, day = self.medicine.currentData(), self.effect.currentData(), self.day
        if treatment_id is None or day is None:
            return
        severity, note = self.severity.value(), self.note.text().strip()
        self.ctx.perform(
            lambda: treatments.save_side_effect(treatment_id, day, effect, severity, note),
            source=self._source,
        )
