"""The Today page's treatments box: log a dose or session in one click, see what it did.

- **Due today**: each regular dose of the day with its time; one click on "Taken"
  confirms it (:func:`~fibrodesk.db.treatments.confirm_regular_dose`).
- **Taken now**: one button per as-needed medicine and per heat, TENS, massage or
  stretching treatment logs a dose or session at the present time
  (:func:`~fibrodesk.db.treatments.log_dose`); on an earlier day, at this time of that day.
- **Logged**: the day's doses with their time, editable
  (:func:`~fibrodesk.db.treatments.move_dose`), and Delete, which the page's Undo brings
  back; under each, its effect where it hurts, paired by
  :mod:`fibrodesk.core.treatment_effect` ("left calf 7 -> 4 by 16:10").
- **Side effects** per medication (:mod:`fibrodesk.ui.today_side_effects`).

Every click is one operation through ``ctx.perform``; the box refreshes once from
``ctx.changed`` when treatments, doses or marks changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.clock import day_name
from fibrodesk.db import treatments
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.treatment_day import leg_entries_around
from fibrodesk.db.treatments import DoseRow, RegularDose, TreatmentItem, dose_text
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.dose_effect import effect_words
from fibrodesk.ui.today_side_effects import SideEffects
from fibrodesk.ui.treatment_words import SESSION_KINDS
from fibrodesk.ui.undo import JournalCommand


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _plain(text: str, name: str = "") -> QLabel:
    """A label for the person's words: always plain text, wrapping."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _at(day: date, at: dtime) -> datetime:
    """``at`` o'clock on ``day``, local time with its offset."""
    return clock.local(datetime.combine(day, at.replace(second=0, microsecond=0)))


def dose_line(dose: DoseRow) -> str:
    """ "Ibuprofen 400 mg" or "Heat session"."""
    amount = dose_text(dose.amount, dose.unit)
    if amount:
        return f"{dose.name} {amount}"
    return f"{dose.name} session" if dose.kind in SESSION_KINDS else dose.name


class DeleteDoseCommand(JournalCommand):
    """Delete a logged dose; undo puts it back as it was (same id, time, amount, note)."""

    def __init__(self, ctx: AppContext, dose: DoseRow, source: Any = None) -> None:
        super().__init__(ctx, f"Delete {dose_line(dose)} at {dose.clock_time}", None, source)
        self.dose = dose

    def forward(self) -> Done[DoseRow | None]:
        dose_id = self.dose.id
        return treatments.delete_dose(dose_id)

    def applied(self, done: Done[Any], undoing: bool) -> None:
        if not undoing and done.value is not None:
            self.dose = done.value  # as it was in the diary, for the way back

    def backward(self) -> Change:
        dose = self.dose
        return treatments.put_back_dose(dose)


class TodayTreatments(QWidget):
    """The treatments box of one day (see the module's docstring).

    Attributes:
        day: the day shown (the Today page's).
        items: the person's treatments.
        doses: the day's logged doses, earliest first.
        undo_stack: where a deletion goes (the page's, so Ctrl+Z brings it back).
    """

    def __init__(
        self,
        ctx: AppContext,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
        open_dialog: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayTreatments")
        self.setAccessibleName("Treatments of the day")
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._open_dialog = open_dialog
        self.day = clock.today()
        self.items: list[TreatmentItem] = []
        self.doses: list[DoseRow] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = _bold("Treatments today")
        self.title.setObjectName("treatmentsTitle")
        self.title.setWordWrap(True)  # beside its button in a narrow column
        top.addWidget(self.title, 1)
        self.dialog_button = QPushButton("Treat&ments…")
        self.dialog_button.setObjectName("openTreatments")
        self.dialog_button.setAccessibleName("Treatments: add, change or stop")
        self.dialog_button.setToolTip("Your list of medicines, heat, TENS and the rest")
        self.dialog_button.clicked.connect(self.open_dialog)
        top.addWidget(self.dialog_button)
        layout.addLayout(top)

        self.rows = QVBoxLayout()  # rebuilt by refresh
        layout.addLayout(self.rows)
        self.side_effects = SideEffects(ctx, source=self)
        layout.addWidget(self.side_effects)
        layout.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        self.time_edits: dict[str, QTimeEdit] = {}
        self.effects: dict[str, QLabel] = {}
        ctx.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ the day

    def set_day(self, day: date) -> None:
        if day != self.day:
            self.day = day
            self.refresh()

    def _on_changed(self, change: Change, source: object = None) -> None:
        if change & (Change.TREATMENTS | Change.DOSES):
            self.refresh()
        elif change & Change.MARKS:
            self.show_effects()  # a mark changed: only the doses' effects can differ

    def show_effects(self) -> None:
        """Word each logged dose's effect from the entries around it, as they are now."""
        if not self.effects:
            return
        day = self.day
        entries = leg_entries_around(day)
        near = treatments.doses_between(day - timedelta(days=1), day + timedelta(days=1))
        now = clock.now()
        for dose in self.doses:
            label = self.effects.get(dose.id)
            if label is not None:
                label.setText(effect_words(dose, entries, near, now))

    def open_dialog(self) -> None:
        if self._open_dialog is not None:
            self._open_dialog()
            return
        from fibrodesk.ui.treatments_dialog import open_treatments

        open_treatments(self.ctx, self.window())

    # ------------------------------------------------------------------ building

    def _clear(self) -> None:
        retired = []
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Gone from the screen and from the box now (a time edit may still be in
                # its own signal: kept alive until the loop comes back, then deleted).
                widget.hide()
                widget.setParent(None)  # type: ignore[call-overload]
                widget.deleteLater()
                retired.append(widget)
        self._retired = retired
        self.buttons, self.time_edits, self.effects = {}, {}, {}

    def _add(self, widget: QWidget) -> None:
        self.rows.addWidget(widget)
        if self.isVisible():
            widget.show()  # at once, not on the loop's next turn: keys and focus reach it

    def refresh(self) -> None:
        """Rebuild the box for :attr:`day` from the diary, keeping the keyboard focus."""
        focus = self.focusWidget()
        focus_name = focus.objectName() if focus is not None and self.isAncestorOf(focus) else ""
        self._clear()
        day, today = self.day, clock.today()
        self.title.setText("Treatments today" if day == today else f"Treatments on {day_name(day)}")
        self.items = treatments.list_treatments(include_stopped=True)
        active = [t for t in self.items if t.active_on(day)]
        self.doses = treatments.doses_between(day, day)
        if not self.items:
            self._add(
                _plain(
                    "No treatments yet. Add your medicines, heat, TENS or massage with "
                    "Treatments…, then log each dose here in one click.",
                    "noTreatments",
                )
            )
        due = treatments.regular_doses(day)
        if due:
            self._add(self._due_box(due))
        quick = [t for t in active if not t.regular or t.kind in SESSION_KINDS]
        if quick:
            self._add(self._quick_box(quick, day == today))
        if self.doses:
            self._add(self._logged_box(day))
            self.show_effects()
        elif self.items:
            self._add(_plain("Nothing logged yet this day.", "noDoses"))
        taken_ids = {d.treatment_id for d in self.doses}
        medicines = [t for t in self.items if t.medication and (t in active or t.id in taken_ids)]
        self.side_effects.set_medicines(day, medicines)
        self.side_effects.setVisible(bool(medicines))
        if focus_name:
            # The same control again (a time just edited), else the box's first button:
            # the keyboard stays in the box and Ctrl+Z still reaches the page.
            again = self.findChild(QWidget, focus_name)
            (again if again is not None else self.dialog_button).setFocus()

    def _due_box(self, due: list[RegularDose]) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.addWidget(_bold("Due"), 0, 0, 1, 2)
        by_id = {d.id: d for d in self.doses}
        for row, slot in enumerate(due, start=1):
            what = f"{slot.time} {slot.name} {dose_text(slot.amount, slot.unit)}".strip()
            taken = by_id.get(slot.dose_id or "")
            if taken is not None:
                label = _plain(f"✓ {what}, taken at {taken.clock_time}")
                label.setObjectName(f"due_{slot.treatment_id}_{slot.time}")
                grid.addWidget(label, row, 0, 1, 2)
                continue
            grid.addWidget(_plain(what), row, 0)
            button = QPushButton("Taken")
            button.setObjectName(f"confirm_{slot.treatment_id}_{slot.time}")
            button.setAccessibleName(f"Taken: {what}")
            button.setToolTip(f"Mark the {slot.time} dose of {slot.name} as taken")
            button.clicked.connect(
                lambda _=False, tid=slot.treatment_id, t=slot.time: self.confirm(tid, t)  # type: ignore[misc]
            )
            grid.addWidget(button, row, 1)
            self.buttons[button.objectName()] = button
        grid.setColumnStretch(0, 1)
        return box

    def _quick_box(self, quick: list[TreatmentItem], is_today: bool) -> QWidget:
        # Each row is the treatment's name (wrapping) and a short button, as in the "Due"
        # rows: a long name in the button itself would make the side column scroll
        # sideways at a large font (issue 13 point 1).
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.addWidget(_bold("Taken now" if is_today else "Log at this time"), 0, 0, 1, 2)
        for row, item in enumerate(quick, start=1):
            session = item.kind in SESSION_KINDS
            what = f"{item.name} {dose_text(item.amount, item.unit)}".strip()
            if item.medication:
                verb = "taken now" if is_today else "add a dose"
            elif session:
                verb = "session now" if is_today else "add a session"
            else:  # their own (a warm bath): done, not taken
                verb = "done now" if is_today else "add it"
            grid.addWidget(_plain(what, f"takenNowName_{item.id}"), row, 0)
            button = QPushButton(verb[:1].upper() + verb[1:])
            button.setObjectName(f"takenNow_{item.id}")
            button.setAccessibleName(f"{what}: {verb}")
            button.setToolTip("Logs it at the present time; you can change the time below.")
            button.clicked.connect(lambda _=False, tid=item.id: self.taken_now(tid))  # type: ignore[misc]
            grid.addWidget(button, row, 1)
            self.buttons[button.objectName()] = button
        grid.setColumnStretch(0, 1)
        return box

    def _logged_box(self, day: date) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.addWidget(_bold("Logged"), 0, 0, 1, 3)
        row = 1
        for dose in self.doses:
            line = dose_line(dose)
            time_edit = QTimeEdit(QTime(dose.taken_at.hour, dose.taken_at.minute))
            time_edit.setObjectName(f"doseTime_{dose.id}")
            time_edit.setDisplayFormat("HH:mm")
            time_edit.setKeyboardTracking(False)
            time_edit.setAccessibleName(f"Time {line} was taken")
            time_edit.editingFinished.connect(
                lambda d=dose, e=time_edit: self.move(d, e.time())  # type: ignore[misc]
            )
            grid.addWidget(time_edit, row, 0)
            grid.addWidget(_plain(line, f"doseLine_{dose.id}"), row, 1)
            delete = QPushButton("Delete")
            delete.setObjectName(f"deleteDose_{dose.id}")
            delete.setAccessibleName(f"Delete {line} at {dose.taken_at:%H:%M}")
            delete.setToolTip("Removes it; Undo (Ctrl+Z) brings it back.")
            delete.clicked.connect(lambda _=False, d=dose: self.delete(d))  # type: ignore[misc]
            grid.addWidget(delete, row, 2)
            effect = _plain("", f"doseEffect_{dose.id}")
            effect.setIndent(8)
            grid.addWidget(effect, row + 1, 0, 1, 3)
            self.time_edits[dose.id] = time_edit
            self.effects[dose.id] = effect
            self.buttons[delete.objectName()] = delete
            row += 2
        grid.setColumnStretch(1, 1)
        return box

    # ------------------------------------------------------------------ actions

    def taken_now(self, treatment_id: str) -> Done[str] | None:
        """Log a dose or session now (on an earlier day: at this time of that day)."""
        now = clock.now()
        at = now if self.day == now.date() else _at(self.day, now.time())
        return self.ctx.perform(lambda: treatments.log_dose(treatment_id, at), source=self)

    def confirm(self, treatment_id: str, hhmm: str) -> Done[str] | None:
        """Confirm the regular dose due at ``hhmm`` on the day shown."""
        day = self.day
        return self.ctx.perform(
            lambda: treatments.confirm_regular_dose(treatment_id, day, hhmm), source=self
        )

    def move(self, dose: DoseRow, value: QTime) -> None:
        """A dose's time edited: it moves to that time of its own day."""
        at = dtime(value.hour(), value.minute())
        if at == dose.taken_at.time().replace(second=0, microsecond=0, tzinfo=None):
            return
        taken_at = _at(dose.taken_at.date(), at)
        self.ctx.perform(lambda: treatments.move_dose(dose.id, taken_at), source=self)

    def delete(self, dose: DoseRow) -> None:
        """Delete a logged dose; the page's Undo (Ctrl+Z) logs it again."""
        self.undo_stack.push(DeleteDoseCommand(self.ctx, dose, source=self))
