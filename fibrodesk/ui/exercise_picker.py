"""The exercise picker of the plan dialog: the library grouped by kind, the person's own
exercises, and a button to describe a new one (saved together with the plan); and
:class:`ExerciseDetails`, how the chosen exercise is done and what to take care of.

Signals:
    changed(): the chosen exercise changed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.exercises import CATEGORIES, library
from fibrodesk.db import planner

CATEGORY_LABELS = {
    "walking": "Walking",
    "water": "In the water",
    "cycling": "Cycling",
    "tai_chi": "Tai chi",
    "yoga": "Gentle yoga",
    "stretching": "Stretching",
    "strength": "Gentle strength",
    "balance": "Balance (near support)",
    "own": "My own exercises",
}
KIND_LABELS = {
    "aerobic": "Aerobic (walking, cycling, water)",
    "strength": "Gentle strength",
    "stretching": "Stretching",
    "balance": "Balance",
    "mind_body": "Mind and body (tai chi, yoga)",
}
ROLE = Qt.ItemDataRole.UserRole


class CustomExerciseDialog(QDialog):
    """Describe the person's own exercise: name, kind, unit, how to do it, cautions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customExerciseDialog")
        self.setWindowTitle("Add my own exercise")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("customName")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("For example: walk to the post box")
        form.addRow("&Name:", self.name)
        self.kind = QComboBox()
        self.kind.setObjectName("customKind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        form.addRow("&Kind:", self.kind)
        self.unit = QComboBox()
        self.unit.setObjectName("customUnit")
        self.unit.addItem("minutes", "minutes")
        self.unit.addItem("repetitions", "reps")
        form.addRow("&Counted in:", self.unit)
        self.how_to = QPlainTextEdit()
        self.how_to.setObjectName("customHowTo")
        self.how_to.setTabChangesFocus(True)
        self.how_to.setAccessibleName("How to do it")
        form.addRow("&How to do it:", self.how_to)
        self.cautions = QLineEdit()
        self.cautions.setObjectName("customCautions")
        form.addRow("Take &care:", self.cautions)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add")
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "name": " ".join(self.name.text().split()),
            "kind": self.kind.currentData(),
            "unit": self.unit.currentData(),
            "how_to": self.how_to.toPlainText().strip(),
            "cautions": self.cautions.text().strip(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> dict[str, Any] | None:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


class ExercisePicker(QWidget):
    """The exercises to choose from, grouped; a key names the choice:
    ``("library", id)``, ``("custom", id)`` or ``("new", index)`` (described here, not
    saved yet).

    Attributes:
        tree: the grouped list.
        add_own: the button that describes a new own exercise.
        new_choices: the own exercises described in this dialog, by index.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        pick = QLabel("<b>1. Choose an exercise</b>")
        box.addWidget(pick)
        self.tree = QTreeWidget()
        self.tree.setObjectName("exerciseTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Exercises, grouped by kind")
        pick.setBuddy(self.tree)
        box.addWidget(self.tree, 1)
        self.add_own = QPushButton("&Add my own exercise\N{HORIZONTAL ELLIPSIS}")
        self.add_own.setObjectName("addOwnExercise")
        self.add_own.clicked.connect(self._add_own)
        box.addWidget(self.add_own)
        self.new_choices: list[dict[str, Any]] = []
        self._own = {e.id: e for e in planner.custom_exercises()}
        self._fill()
        self.tree.currentItemChanged.connect(lambda *_: self.changed.emit())

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for category in (*CATEGORIES, "own"):
            item = QTreeWidgetItem([CATEGORY_LABELS.get(category, category)])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            groups[category] = item
        for ex in library().values():
            child = QTreeWidgetItem([ex.name])
            child.setData(0, ROLE, ("library", ex.id))
            child.setToolTip(0, ex.how_to)
            groups[ex.category].addChild(child)
        for own in self._own.values():
            child = QTreeWidgetItem([own.name])
            child.setData(0, ROLE, ("custom", own.id))
            groups["own"].addChild(child)
        for item in groups.values():
            if item.childCount():
                self.tree.addTopLevelItem(item)
                item.setExpanded(True)
        self._groups = groups

    def select(self, key: tuple[str, str]) -> None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                if child is not None and tuple(child.data(0, ROLE) or ()) == tuple(key):
                    self.tree.setCurrentItem(child)
                    return

    def key(self) -> tuple[str, Any] | None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        return tuple(data) if data else None  # type: ignore[return-value]

    def info(self) -> dict[str, Any] | None:
        """Name, kind, unit, sets, how-to, cautions and default doses of the choice."""
        key = self.key()
        if key is None:
            return None
        source, ref = key
        if source == "library":
            ex = library()[ref]
            return {
                "name": ex.name,
                "kind": ex.kind,
                "unit": ex.unit,
                "sets": ex.sets,
                "how_to": ex.how_to,
                "cautions": list(ex.cautions),
                "equipment": list(ex.equipment),
                "start": ex.default_start,
                "target": ex.default_target,
            }
        if source == "custom":
            own = self._own.get(ref)
            if own is None:
                return None
            return {
                "name": own.name,
                "kind": own.kind,
                "unit": own.unit,
                "sets": own.sets,
                "how_to": own.how_to,
                "cautions": [c for c in own.cautions.splitlines() if c],
                "equipment": [],
                "start": own.default_start,
                "target": own.default_target,
            }
        new = self.new_choices[int(ref)]
        unit = new["unit"]
        return {
            "name": new["name"],
            "kind": new["kind"],
            "unit": unit,
            "sets": 1,
            "how_to": new["how_to"],
            "cautions": [new["cautions"]] if new["cautions"] else [],
            "equipment": [],
            "start": 5,
            "target": 30 if unit == "minutes" else 15,
        }

    def new_choice(self) -> dict[str, Any] | None:
        """The own exercise described here when it is the choice, else None."""
        key = self.key()
        if key is None or key[0] != "new":
            return None
        return dict(self.new_choices[int(key[1])])

    def _add_own(self) -> None:
        values = CustomExerciseDialog.ask(self)
        if values is not None:
            self.add_custom_choice(values)

    def add_custom_choice(self, values: dict[str, Any]) -> None:
        """Offer the person's new exercise in the picker and choose it (saved with the plan)."""
        self.new_choices.append(values)
        group = self._groups["own"]
        if self.tree.indexOfTopLevelItem(group) < 0:
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        child = QTreeWidgetItem([values["name"]])
        child.setData(0, ROLE, ("new", len(self.new_choices) - 1))
        group.addChild(child)
        self.tree.setCurrentItem(child)


class ExerciseDetails(QWidget):
    """The chosen exercise: its name, how it is done, what it needs and what to take care of.

    Attributes:
        title, how_to, cautions: the three labels (``cautions`` is rich text, its words
            escaped).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("Pick an exercise on the left to see how it is done.")
        self.title.setObjectName("exerciseTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        box.addWidget(self.title)
        self.how_to = QLabel()
        self.how_to.setObjectName("exerciseHowTo")
        self.how_to.setWordWrap(True)
        self.how_to.setTextFormat(Qt.TextFormat.PlainText)
        self.how_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.how_to)
        self.cautions = QLabel()
        self.cautions.setObjectName("exerciseCautions")
        self.cautions.setWordWrap(True)
        self.cautions.setTextFormat(Qt.TextFormat.RichText)  # the words in it are escaped
        box.addWidget(self.cautions)

    def show_exercise(self, info: dict[str, Any]) -> None:
        """Show ``info`` (see :meth:`ExercisePicker.info`)."""
        self.title.setText(info["name"])
        self.how_to.setText(info["how_to"] or "No description given.")
        parts = []
        if info["equipment"]:
            parts.append("<b>You need:</b> " + escape(", ".join(info["equipment"])))
        if info["cautions"]:
            parts.append("<b>Take care:</b> " + escape(" ".join(info["cautions"])))
        self.cautions.setText("<br>".join(parts))
