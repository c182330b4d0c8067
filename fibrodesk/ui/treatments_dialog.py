"""Treatments…: the person's list of treatments, as they take them.

Medication with its dose (amount and unit), regular at times of day or as needed, start
and stop dates and what it is for; heat, massage, TENS, stretching and their own. A
treatment is added, edited or stopped here; each button is one operation of
:mod:`fibrodesk.db.treatments` run through ``ctx.perform``. A value that cannot be saved
gets one plain sentence under the form, and what was typed stays. The switch for the
follow-up reminder after an as-needed dose lives here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.clock import day_name
from fibrodesk.db import treatments
from fibrodesk.db.treatment_values import TreatmentItem, dose_text
from fibrodesk.ui.context import AppContext, Change, Done
from fibrodesk.ui.treatment_words import (
    KIND_LABELS,
    UNITS,
    parse_amount,
    parse_times,
    times_text,
)

NEW_ITEM = "New treatment"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def item_words(item: TreatmentItem, today: date) -> str:
    """One line of the list: "Ibuprofen 400 mg, as needed" (", stopped 3 Mar")."""
    words = [item.name]
    dose = dose_text(item.amount, item.unit) or item.dose
    if dose:
        words.append(" " + dose)
    if item.kind == "medication" or item.schedule == "regular":
        if item.schedule == "regular":
            words.append(f", at {times_text(item.times)}" if item.times else ", regular")
        else:
            words.append(", as needed")
    elif item.kind != "own":
        words.append(f" ({KIND_LABELS.get(item.kind, item.kind).lower()})")
    if item.stop_date is not None and item.stop_date <= today:
        words.append(f", stopped {day_name(item.stop_date)}")
    return "".join(words)


class DateField(QWidget):
    """An optional date: a check box ("Started on") and the date it enables."""

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(text)
        self.check.setObjectName(f"{name}Set")
        self.edit = QDateEdit()
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setAccessibleName(text.replace("&", ""))
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return _pydate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        self.edit.setDate(_qdate(day or clock.today()))


class TreatmentsDialog(QDialog):
    """The list of treatments on the left, the chosen one's form on the right.

    Attributes:
        items: the treatments listed, in list order.
        current_id: the treatment in the form (None: a new one).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("treatmentsDialog")
        self.setWindowTitle("Treatments")
        self.items: list[TreatmentItem] = []
        self.current_id: str | None = None
        self._loading = False

        outer = QVBoxLayout(self)
        # Grows when a line appears (a sentence to correct, a dose written in words).
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(
            "Your medicines and what else you use for your legs. Log doses and sessions "
            "from the Today page."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        list_label = QLabel("&Your treatments")
        self.list = QListWidget()
        self.list.setObjectName("treatmentList")
        self.list.setAccessibleName("Your treatments")
        list_label.setBuddy(self.list)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(self.list.fontMetrics().averageCharWidth() * 32)
        self.list.currentItemChanged.connect(self._picked)
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        self.new_button = QPushButton("&New treatment")
        self.new_button.setObjectName("newTreatment")
        self.new_button.setAccessibleName("New treatment")
        self.new_button.clicked.connect(self.start_new)
        left.addWidget(self.new_button)
        body.addLayout(left, 1)

        body.addWidget(self._build_form(), 2)

        self.followup = QCheckBox(
            "&Remind me about 2 hours after an as-needed dose to note how my legs are"
        )
        self.followup.setObjectName("followupSwitch")
        self.followup.setAccessibleName("Follow-up reminder after an as-needed dose")
        self.followup.setChecked(treatments.dose_followup_enabled())
        self.followup.toggled.connect(self._followup_switched)
        outer.addWidget(self.followup)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        ctx.changed.connect(self._on_changed)
        self.reload()
        self.start_new()

    # ------------------------------------------------------------------ building

    def _build_form(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form_title = QLabel(NEW_ITEM)
        self.form_title.setObjectName("treatmentFormTitle")
        self.form_title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.form_title.font()
        bold.setBold(True)
        self.form_title.setFont(bold)
        layout.addWidget(self.form_title)
        form = QFormLayout()
        layout.addLayout(form)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("treatmentName")
        self.name_edit.setAccessibleName("Name of the treatment")
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText("e.g. Ibuprofen, heat pad, TENS")
        form.addRow("Na&me:", self.name_edit)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("treatmentKind")
        self.kind_combo.setAccessibleName("Kind of treatment")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)
        form.addRow("&Kind:", self.kind_combo)

        dose_row = QHBoxLayout()
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("treatmentAmount")
        self.amount_edit.setAccessibleName("Dose amount")
        self.amount_edit.setPlaceholderText("e.g. 400")
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("treatmentUnit")
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(["", *UNITS])
        self.unit_combo.setAccessibleName("Dose unit")
        dose_row.addWidget(self.amount_edit, 1)
        dose_row.addWidget(self.unit_combo, 1)
        dose_label = QLabel("&Dose:")
        dose_label.setBuddy(self.amount_edit)
        form.addRow(dose_label, dose_row)
        # A dose written in words before (a v2 diary: "10 mg at night"), kept until an
        # amount is typed.
        self.dose_words = QLabel()
        self.dose_words.setObjectName("treatmentDoseWords")
        self.dose_words.setTextFormat(Qt.TextFormat.PlainText)
        self.dose_words.setToolTip("Type an amount and unit above to replace these words.")
        self.dose_words.hide()
        form.addRow("", self.dose_words)

        how = QHBoxLayout()
        self.as_needed = QRadioButton("&As needed")
        self.as_needed.setObjectName("scheduleAsNeeded")
        self.regular = QRadioButton("Re&gular, at set times")
        self.regular.setObjectName("scheduleRegular")
        group = QButtonGroup(self)
        group.addButton(self.as_needed)
        group.addButton(self.regular)
        self.as_needed.setChecked(True)
        how.addWidget(self.as_needed)
        how.addWidget(self.regular)
        how.addStretch(1)
        form.addRow("How taken:", how)

        self.times_edit = QLineEdit()
        self.times_edit.setObjectName("treatmentTimes")
        self.times_edit.setAccessibleName("Times of day for a regular treatment")
        self.times_edit.setPlaceholderText("e.g. 08:00; 20:00")
        self.times_label = QLabel("&Times of day:")
        self.times_label.setBuddy(self.times_edit)
        form.addRow(self.times_label, self.times_edit)
        self.regular.toggled.connect(self._schedule_changed)

        self.start_field = DateField("&Started on", "treatmentStart")
        form.addRow("Start:", self.start_field)
        self.stop_field = DateField("Stopped &on", "treatmentStop")
        form.addRow("Stop:", self.stop_field)

        self.purpose_edit = QLineEdit()
        self.purpose_edit.setObjectName("treatmentPurpose")
        self.purpose_edit.setAccessibleName("What it is for")
        self.purpose_edit.setMaxLength(200)
        self.purpose_edit.setPlaceholderText("e.g. leg pain at night")
        form.addRow("What it is &for:", self.purpose_edit)

        self.error = QLabel()
        self.error.setObjectName("treatmentError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        actions = QHBoxLayout()
        self.save_button = QPushButton("&Save")
        self.save_button.setObjectName("saveTreatment")
        self.save_button.setAccessibleName("Save the treatment")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.stop_button = QPushButton("Sto&p taking it today")
        self.stop_button.setObjectName("stopTreatment")
        self.stop_button.setAccessibleName("Stop taking this treatment from today")
        self.stop_button.clicked.connect(self.stop)
        actions.addWidget(self.save_button)
        actions.addWidget(self.stop_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addStretch(1)
        self._schedule_changed(False)
        return box

    def _schedule_changed(self, regular: bool) -> None:
        self.times_edit.setEnabled(regular)
        self.times_label.setEnabled(regular)

    # ------------------------------------------------------------------ list

    def reload(self) -> None:
        """Fill the list again, keeping the treatment in the form selected."""
        today = clock.today()
        self.items = treatments.list_treatments(include_stopped=True)
        self._loading = True
        try:
            self.list.clear()
            for item in self.items:
                row = QListWidgetItem(item_words(item, today))
                row.setData(Qt.ItemDataRole.UserRole, item.id)
                self.list.addItem(row)
                if item.id == self.current_id:
                    self.list.setCurrentItem(row)
        finally:
            self._loading = False

    def _on_changed(self, change: Change, source: object = None) -> None:
        """Another window's change (an import): its own are shown by the step that made them."""
        if source is not self and change & Change.TREATMENTS:
            self.reload()

    def _picked(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if self._loading or current is None:
            return
        item = self.item(current.data(Qt.ItemDataRole.UserRole))
        if item is not None:
            self.show_item(item)

    def item(self, treatment_id: str | None) -> TreatmentItem | None:
        return next((i for i in self.items if i.id == treatment_id), None)

    def start_new(self) -> None:
        """An empty form for a new treatment."""
        self.current_id = None
        self.list.setCurrentItem(None)
        self.form_title.setText(NEW_ITEM)
        self.name_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self.amount_edit.clear()
        self.dose_words.hide()
        self.unit_combo.setCurrentText("")
        self.as_needed.setChecked(True)
        self.times_edit.clear()
        self.start_field.set_value(None)
        self.stop_field.set_value(None)
        self.purpose_edit.clear()
        self.stop_button.setEnabled(False)
        self._say("")
        self.name_edit.setFocus()

    def show_item(self, item: TreatmentItem) -> None:
        """Put a treatment into the form to edit it."""
        self.current_id = item.id
        self.form_title.setText(item.name)
        self.name_edit.setText(item.name)
        index = self.kind_combo.findData(item.kind)
        self.kind_combo.setCurrentIndex(max(index, 0))
        self.amount_edit.setText("" if item.amount is None else f"{item.amount:g}")
        # A dose written as words before (v2: "1-2 tablets") stays until an amount is typed.
        free = item.dose if item.amount is None else ""
        self.dose_words.setText(f"Written as: {free}" if free else "")
        self.dose_words.setVisible(bool(free))
        self.unit_combo.setCurrentText(item.unit)
        (self.regular if item.schedule == "regular" else self.as_needed).setChecked(True)
        self.times_edit.setText(times_text(item.times))
        self.start_field.set_value(item.start_date)
        self.stop_field.set_value(item.stop_date)
        self.purpose_edit.setText(item.purpose)
        self.stop_button.setEnabled(item.stop_date is None)
        self._say("")

    # ------------------------------------------------------------------ saving

    def _say(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.setVisible(bool(sentence))
        self.error.setAccessibleDescription(sentence)

    def read_form(self) -> TreatmentItem | str:
        """The treatment the form describes, or the one sentence saying what to correct."""
        name = " ".join(self.name_edit.text().split())
        if not name:
            return "Give the treatment a name, for example Ibuprofen or Heat pad."
        clash = next(
            (
                i
                for i in self.items
                if i.name.casefold() == name.casefold() and i.id != self.current_id
            ),
            None,
        )
        if clash is not None:
            return f"You already have a treatment called {clash.name}: choose it in the list to change it."
        try:
            amount = parse_amount(self.amount_edit.text())
        except ValueError:
            return "The dose amount must be a number above 0, like 400 or 2.5."
        unit = self.unit_combo.currentText().strip()[:40]
        regular = self.regular.isChecked()
        try:
            times = parse_times(self.times_edit.text()) if regular else ()
        except ValueError:
            return "Write the times of day as HH:MM, separated by semicolons, like 08:00; 20:00."
        if regular and not times:
            return "A regular treatment needs at least one time of day, like 08:00; 20:00."
        start, stop = self.start_field.value(), self.stop_field.value()
        if start is not None and stop is not None and stop < start:
            return "The stop date is before the start date: correct one of them."
        values = {
            "name": name,
            "kind": self.kind_combo.currentData(),
            "amount": amount,
            "unit": unit,
            "schedule": "regular" if regular else "as_needed",
            "times": times,
            "start_date": start,
            "stop_date": stop,
            "purpose": " ".join(self.purpose_edit.text().split()),
        }
        existing = self.item(self.current_id)
        if existing is None:
            return TreatmentItem(**values)
        # The dose as words follows a typed amount; without one, what was written stays.
        words = existing.dose if existing.amount is None and amount is None else ""
        return replace(existing, dose=words, **values)

    def save(self) -> bool:
        """Save the form (a new treatment or the one being edited): one operation."""
        item = self.read_form()
        if isinstance(item, str):
            self._say(item)
            return False
        done = self._perform(lambda: treatments.save_treatment(item))
        if done is None:
            return False
        self.current_id = done.value
        self._say("")
        self.reload()
        self.form_title.setText(item.name)
        self.stop_button.setEnabled(item.stop_date is None)
        return True

    def _perform(self, op: Callable[[], Any]) -> Done[Any] | None:
        """Run one operation; a refusal's sentence shows under the form (the window's
        banner may be hidden behind this dialog) and the form keeps what was typed."""
        refused: list[str] = []
        keep = refused.append
        self.ctx.saveFailed.connect(keep)
        try:
            done = self.ctx.perform(op, source=self)
        finally:
            self.ctx.saveFailed.disconnect(keep)
        if done is None:
            self._say(refused[0] if refused else "It could not be saved; try again.")
        return done

    def _followup_switched(self, on: bool) -> None:
        if self._perform(lambda: treatments.set_dose_followup(on)) is None:
            self.followup.blockSignals(True)
            self.followup.setChecked(not on)  # the switch shows what the diary holds
            self.followup.blockSignals(False)

    def stop(self) -> None:
        """Stop the treatment in the form from today: one operation."""
        treatment_id = self.current_id
        if treatment_id is None:
            return
        today = clock.today()
        done = self._perform(lambda: treatments.stop_treatment(treatment_id, today))
        if done is None:
            return
        self.reload()
        item = self.item(treatment_id)
        if item is not None:
            self.show_item(item)


def open_treatments(ctx: AppContext, parent: QWidget | None = None) -> TreatmentsDialog:
    """Show the Treatments dialog (modeless: the Today page stays usable beside it)."""
    dialog = parent.findChild(TreatmentsDialog) if parent is not None else None
    if dialog is None or not dialog.isVisible():  # one at a time: an open one comes forward
        dialog = TreatmentsDialog(ctx, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    dialog.activateWindow()
    dialog.name_edit.setFocus()  # ready to type a new one; the list is one Shift+Tab away
    return dialog
