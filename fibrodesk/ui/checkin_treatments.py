"""The check-in's "Treatments used today" box: the remembered treatments to tick, in one
fixed order whatever is ticked (the order of
:func:`fibrodesk.db.checkins.remembered_treatments`), and the row that adds one's own.

The box only shows and reads the ticks; :class:`fibrodesk.ui.checkin_panel.CheckInPanel`
saves them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.db import checkins as journal
from fibrodesk.db.checkins import TreatmentUse

KIND_LABELS = {
    "own": "My own",
    "heat": "Heat",
    "massage": "Massage",
    "stretching": "Stretching",
    "tens": "TENS",
    "medication": "Medication",
}


class TreatmentsBox(QGroupBox):
    """The treatments of one check-in.

    Attributes:
        treatments: the list to tick.
        new_name, new_kind, new_dose, add_button: the row that adds one's own.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Treatments used today", parent)
        box_layout = QVBoxLayout(self)
        self.treatments = QListWidget()
        self.treatments.setObjectName("checkinTreatments")
        self.treatments.setAccessibleName("Treatments used today: tick the ones you used")
        box_layout.addWidget(self.treatments)
        add_row = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setObjectName("treatmentName")
        self.new_name.setPlaceholderText("Name, e.g. Pregabalin")
        self.new_name.setAccessibleName("New treatment name")
        self.new_kind = QComboBox()
        self.new_kind.setObjectName("treatmentKind")
        self.new_kind.setAccessibleName("New treatment kind")
        for kind, label in KIND_LABELS.items():
            self.new_kind.addItem(label, kind)
        self.new_dose = QLineEdit()
        self.new_dose.setObjectName("treatmentDose")
        self.new_dose.setPlaceholderText("Dose, e.g. 75 mg")
        self.new_dose.setAccessibleName("New treatment dose")
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("addTreatment")
        self.add_button.setAccessibleName("Add this treatment and tick it for today")
        # The name on a line of its own, so its example is never cut off ("Name, e.g. Pre…").
        add_row.addWidget(self.new_kind, 1)
        add_row.addWidget(self.new_dose, 1)
        add_row.addWidget(self.add_button)
        for edit in (self.new_name, self.new_dose):
            hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            edit.setMinimumWidth(hint + 3 * edit.fontMetrics().averageCharWidth())
        add_label = QLabel("Add your own (it is remembered for next time):")
        add_label.setWordWrap(True)
        box_layout.addWidget(add_label)
        box_layout.addWidget(self.new_name)
        box_layout.addLayout(add_row)

    def fill(self, uses: tuple[TreatmentUse, ...]) -> None:
        """The remembered treatments in their fixed order, ``uses`` ticked."""
        used = {u.name: u for u in uses}
        self.treatments.clear()
        listed: set[str] = set()
        for info in journal.remembered_treatments():
            listed.add(info.name)
            use = used.get(info.name)
            dose = use.dose if use is not None else info.dose
            self.add_item(info.name, dose, use is not None)
        for name, use in used.items():
            if name not in listed:  # used that day, since hidden from the pick list
                self.add_item(name, use.dose, True)
        self._fit_treatment_list()

    def _fit_treatment_list(self) -> None:
        """As tall as its rows (up to ten), so the note below stays in sight."""
        rows = max(3, min(10, self.treatments.count()))
        row_height = self.treatments.sizeHintForRow(0) if self.treatments.count() else 0
        row_height = max(row_height, self.treatments.fontMetrics().lineSpacing() + 4)
        frame = self.treatments.frameWidth() * 2 + 4
        self.treatments.setFixedHeight(rows * row_height + frame)

    def add_item(self, name: str, dose: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(f"{name} ({dose})" if dose else name)
        item.setData(Qt.ItemDataRole.UserRole, (name, dose))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} {dose}".strip())
        self.treatments.addItem(item)
        return item

    def show_ticked(self, uses: tuple[TreatmentUse, ...]) -> None:
        """Tick exactly ``uses`` (adding any the list lacks)."""
        ticked = {u.name: u for u in uses}
        for row in range(self.treatments.count()):
            item = self.treatments.item(row)
            name = item.data(Qt.ItemDataRole.UserRole)[0]
            item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)
        listed = {
            self.treatments.item(r).data(Qt.ItemDataRole.UserRole)[0]
            for r in range(self.treatments.count())
        }
        for name, use in ticked.items():
            if name not in listed:
                self.add_item(name, use.dose, True)

    def ticked(self) -> tuple[TreatmentUse, ...]:
        """The treatments ticked now, in the list's order."""
        uses = []
        for row in range(self.treatments.count()):
            item = self.treatments.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                name, dose = item.data(Qt.ItemDataRole.UserRole)
                uses.append(TreatmentUse(name, dose))
        return tuple(uses)
