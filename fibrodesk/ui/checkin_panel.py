"""The daily check-in (domain.md s.6): every field optional, "same as yesterday" in one
click, saved as the person goes.

One saving model, stated once at the top of the page (issue 13 point 3): every answer is
saved the moment it is given, with no Save button to forget. A number is saved when it is
tapped (or its box is left, or Enter pressed), a tick when it is made, the note after a
pause in typing and when its box is left, everything when the day or page changes or the
window closes. If the diary cannot be written the answers stay on screen, marked "not
saved yet" with a "Try again" button (the only button that saves, shown only then), and
are never replaced by a reload until they are saved.

Treatments keep one fixed order whatever is ticked (the order of
:func:`fibrodesk.db.checkins.remembered_treatments`), on screen and after a reload; their
box is :class:`fibrodesk.ui.checkin_treatments.TreatmentsBox`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.clock import day_name, now
from fibrodesk.db import checkins as journal
from fibrodesk.db.checkins import CheckInData, TreatmentUse
from fibrodesk.ui.answer_fields import NumberAnswer, ScaleAnswer
from fibrodesk.ui.checkin_treatments import TreatmentsBox
from fibrodesk.ui.context import AppContext, Change

NOTE_PAUSE_MS = 1500

SAVING_MODEL = (
    "Every question is optional: tap a number to answer, tap it again to take the answer "
    "back. Each answer is saved as soon as you give it; there is nothing else to press."
)
"""The page's one statement of how it saves (nothing else on the page repeats it)."""

# field, label with mnemonic, lowest, highest, suffix
# field, question with mnemonic, what the ends of the scale mean, lowest, highest, suffix
SCORE_ROWS: tuple[tuple[str, str, str, int, int, str], ...] = (
    ("overall_pain", "Overall pain", "0 none, 10 worst", 0, 10, ""),
    ("leg_weakness", "Leg weakness or heaviness", "0 none, 10 worst", 0, 10, ""),
    ("fatigue", "Fatigue", "0 none, 10 worst", 0, 10, ""),
    ("sleep_hours", "Sleep last night", "hours", 0, 24, " h"),
    ("sleep_quality", "How well I slept last night", "0 very poor, 10 very good", 0, 10, ""),
    ("stiffness_minutes", "Morning stiffness", "minutes until it eased", 0, 1440, " min"),
    ("fog", "Fibro fog", "0 clear head, 10 worst", 0, 10, ""),
    ("mood", "Mood", "0 very low, 10 very good", 0, 10, ""),
    ("restless_legs", "Restless legs at night", "0 none, 10 worst", 0, 10, ""),
    ("falls", "Falls or near-falls", "how many today", 0, 100, ""),
)


class CheckInPanel(QWidget):
    """The check-in of one day (:meth:`set_day`).

    Attributes:
        day: the day shown.
        fields: field name -> its input widget.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checkinPanel")
        self.day = clock.today()
        self._saved: tuple[dict[str, Any], tuple[TreatmentUse, ...]] | None = None
        # Answers that could not be written, by day: shown again, never replaced.
        self._pending: dict[date, tuple[dict[str, Any], tuple[TreatmentUse, ...]]] = {}
        self._loading = False
        self._flare_answered = False
        self._loaded_flare: bool | None = None
        self._copy_undo: list[CheckInData | None] = []  # what a copy replaced, for undo

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("checkinTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.same_button = QPushButton("Same as &yesterday")
        self.same_button.setObjectName("sameAsYesterday")
        self.same_button.setAccessibleName("Same as yesterday")
        self.same_button.setToolTip(
            "Copy the answers and treatments of your last check-in to this day, in one "
            "click. This day's note is kept."
        )
        self.same_button.clicked.connect(self.same_as_yesterday)
        head.addWidget(self.same_button)
        layout.addLayout(head)

        status_row = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("checkinStatus")
        self.status.setWordWrap(True)
        status_row.addWidget(self.status, 1)
        self.undo_copy = QPushButton("Undo copy")
        self.undo_copy.setObjectName("undoCopy")
        self.undo_copy.setAccessibleName("Undo the copy from the last check-in")
        self.undo_copy.clicked.connect(self._undo_copy)
        self.undo_copy.hide()
        status_row.addWidget(self.undo_copy)
        # Shown only when a save was refused (disk full...): the answers wait on screen.
        self.retry_button = QPushButton("Try a&gain")
        self.retry_button.setObjectName("retrySaveCheckin")
        self.retry_button.setAccessibleName("Try again to save the check-in")
        self.retry_button.clicked.connect(self.save)
        self.retry_button.hide()
        status_row.addWidget(self.retry_button)
        layout.addLayout(status_row)

        hint = QLabel(SAVING_MODEL)
        hint.setObjectName("checkinHowItSaves")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # room for 0-10
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, Any] = {}
        for name, question, scale, lo, hi, suffix in SCORE_ROWS:
            plain = question.replace("&", "")
            spin: ScaleAnswer | NumberAnswer
            if (lo, hi) == (0, 10):
                spin = ScaleAnswer(f"{plain}, {scale}")
            else:
                spin = NumberAnswer(lo, hi, plain, scale, decimals=1 if suffix == " h" else 0)
            spin.setObjectName(f"checkin_{name}")
            spin.editingFinished.connect(self.save)
            self.fields[name] = spin
            form.addRow(self._question_label(question, scale, spin), spin)
        layout.addLayout(form)

        self.flare = QPushButton("I am in a flare today")
        self.flare.setObjectName("checkin_flare")
        self.flare.setCheckable(True)
        self.flare.setAccessibleName("Flare day")
        self.flare.setToolTip("Mark this day as a flare day. Click again to take it off.")
        self.flare.setStyleSheet(
            "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text); }"
        )
        self.flare.toggled.connect(self._flare_toggled)
        self.fields["flare"] = self.flare
        layout.addWidget(self.flare, 0, Qt.AlignmentFlag.AlignLeft)

        box = TreatmentsBox()
        self.treatments_box = box
        self.treatments = box.treatments
        self.new_name, self.new_kind = box.new_name, box.new_kind
        self.new_dose, self.add_button = box.new_dose, box.add_button
        self.treatments.itemChanged.connect(self._treatment_ticked)
        self.add_button.clicked.connect(self.add_treatment)
        self.new_name.returnPressed.connect(self.add_treatment)
        self.new_dose.returnPressed.connect(self.add_treatment)
        layout.addWidget(box)

        note_label = QLabel("N&ote for the day:")
        layout.addWidget(note_label)
        self.note = QPlainTextEdit()
        self.note.setObjectName("checkin_note")
        self.note.setAccessibleName("Note for the day")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 4)
        note_label.setBuddy(self.note)
        self.note.installEventFilter(self)
        self.note.textChanged.connect(self._note_edited)
        self.fields["note"] = self.note
        layout.addWidget(self.note)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_PAUSE_MS)
        self._timer.timeout.connect(self.save)

        # The evening reminder to check in: set here, no exercise plan needed.
        remind_row = QHBoxLayout()
        self.reminder_label = QLabel()
        self.reminder_label.setObjectName("checkinReminder")
        self.reminder_label.setWordWrap(True)
        remind_row.addWidget(self.reminder_label, 1)
        self.reminder_button = QPushButton("C&hange\N{HORIZONTAL ELLIPSIS}")
        self.reminder_button.setObjectName("checkinReminderButton")
        self.reminder_button.setAccessibleName("Change the evening reminder")
        self.reminder_button.clicked.connect(self._edit_reminders)
        remind_row.addWidget(self.reminder_button)
        layout.addLayout(remind_row)
        layout.addStretch(1)

        ctx.changed.connect(self._on_changed)
        self.set_day(self.day)

    @staticmethod
    def _question_label(question: str, scale: str, buddy: QWidget) -> QWidget:
        """The question on one line, what the scale means in smaller words under it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        title = QLabel(question)
        title.setBuddy(buddy)
        column.addWidget(title)
        if scale:
            words = QLabel(scale)
            font = words.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            words.setFont(font)
            column.addWidget(words)
        return box

    # ------------------------------------------------------------------ loading

    def set_day(self, day: date) -> None:
        """Show ``day``'s check-in (saving the one on screen first)."""
        if day != self.day:
            self.save()
            self._copy_undo.clear()
            self.undo_copy.hide()
        self.day = day
        self.title.setText(f"Check-in for {day_name(day, year=True)}")
        self.reload(force=True)

    def dirty(self) -> bool:
        """True when the form holds answers the diary does not."""
        return self._saved is None or self.answers() != self._saved

    def reload(self, force: bool = False) -> None:
        """Show what the diary holds, unless answers on screen are not saved yet.

        Answers that failed to save for this day are put back on top.
        """
        if not force and self.dirty():
            return
        data = journal.get_checkin(self.day)
        fields = data.fields if data is not None else journal.empty_checkin_fields()
        uses = data.treatments if data is not None else ()
        self._loading = True
        try:
            self.treatments_box.fill(uses)
        finally:
            self._loading = False
        self._show_answers(fields, uses)
        self._loaded_flare = fields["flare"]
        self._flare_answered = False
        self._saved = (dict(fields), tuple(uses))
        self.status.setText("Not filled in yet." if data is None else "Saved.")
        self.retry_button.hide()
        pending = self._pending.get(self.day)
        if pending is not None:
            self._show_answers(*pending)
            self._not_saved()
        self._show_reminder()
        previous = journal.previous_checkin(self.day)
        self.same_button.setEnabled(previous is not None)
        self.same_button.setToolTip(
            f"Copy the answers of {day_name(previous.day, year=True)} to this day, in one click. "
            "This day's note is kept."
            if previous is not None
            else "There is no earlier check-in to copy yet."
        )

    NOT_SAVED = (
        "Not saved yet: your answers stay here. Press Try again once the problem above is fixed."
    )

    def _not_saved(self) -> None:
        self.status.setText(self.NOT_SAVED)
        self.retry_button.show()

    def _show_reminder(self) -> None:
        from fibrodesk.db.planner import reminder_settings
        from fibrodesk.ui.reminders_dialog import evening_words

        self.reminder_label.setText(evening_words(reminder_settings()) + ".")

    def _edit_reminders(self) -> None:
        from fibrodesk.ui.reminders_dialog import RemindersDialog

        RemindersDialog.edit(self.ctx, self)
        self._show_reminder()

    def _show_answers(self, fields: dict[str, Any], uses: tuple[TreatmentUse, ...]) -> None:
        self._loading = True
        try:
            for name, widget in self.fields.items():
                if name == "flare":
                    widget.setChecked(bool(fields["flare"]))
                elif name == "note":
                    if widget.toPlainText() != fields["note"]:
                        widget.setPlainText(fields["note"])
                else:
                    widget.set_answer(fields[name])
            self._flare_answered = fields["flare"] is not None
            self.treatments_box.show_ticked(uses)
        finally:
            self._loading = False

    # ------------------------------------------------------------------ reading the form

    def answers(self) -> tuple[dict[str, Any], tuple[TreatmentUse, ...]]:
        """What the form says now: fields (None = not answered) and treatments ticked."""
        fields: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if name == "flare":
                if widget.isChecked():
                    fields[name] = True
                elif self._flare_answered or self._loaded_flare is not None:
                    fields[name] = False
                else:
                    fields[name] = None
            elif name == "note":
                fields[name] = widget.toPlainText()
            else:
                fields[name] = widget.answer()
        return fields, self.treatments_box.ticked()

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save the form if it differs from the diary; True when the diary matches it."""
        self._timer.stop()
        if self._loading:
            return True
        fields, uses = self.answers()
        if self._saved is not None and (fields, uses) == self._saved:
            return True
        day = self.day
        done = self.ctx.perform(lambda: journal.record_checkin(day, fields, uses), source=self)
        if done is None:
            self._pending[day] = (fields, uses)
            self._not_saved()
            return False
        self._pending.pop(day, None)
        self._saved = (dict(done.value.fields), tuple(done.value.treatments))
        self.status.setText(f"Saved at {now():%H:%M}.")
        self.retry_button.hide()
        return True

    def _flare_toggled(self, _checked: bool) -> None:
        if self._loading:
            return
        self._flare_answered = True
        self.save()

    def _treatment_ticked(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.save()

    def _note_edited(self) -> None:
        if self._loading:
            return
        self.status.setText("Saved when you pause or leave the box.")
        self._timer.start()

    def add_treatment(self) -> None:
        """Remember the typed treatment and tick it for this day."""
        name = self.new_name.text().strip()
        if not name:
            self.new_name.setFocus()
            self.status.setText("Type the treatment's name first.")
            return
        kind = self.new_kind.currentData()
        dose = self.new_dose.text().strip()
        done = self.ctx.perform(lambda: journal.add_treatment(name, kind, dose), source=self)
        if done is None:
            self.status.setText("The treatment could not be added yet; it stays typed in.")
            return
        # The list is rebuilt in its fixed order, the new one ticked where it belongs.
        uses = [u for u in self.answers()[1] if u.name != name] + [TreatmentUse(name, dose)]
        self._loading = True
        try:
            self.treatments_box.fill(tuple(uses))
        finally:
            self._loading = False
        self.new_name.clear()
        self.new_dose.clear()
        self.save()

    def same_as_yesterday(self) -> None:
        """Copy the last check-in before this day into it, in one click."""
        day = self.day
        previous = journal.previous_checkin(day)
        if previous is None:
            self.status.setText("There is no earlier check-in to copy yet.")
            return
        # The note typed here is the day's own: it is kept, in the same transaction.
        self._timer.stop()
        note = self.answers()[0]["note"]
        done = self.ctx.perform(lambda: journal.copy_checkin(day, note), source=self)
        if done is None:
            self._pending[day] = self.answers()
            self._not_saved()
            return
        if done.value is None:  # the earlier check-in went away meanwhile
            return
        self._pending.pop(day, None)
        self._copy_undo = [done.value.before]
        self.reload(force=True)
        self.status.setText(
            f"Copied from {day_name(previous.day, year=True)} and saved. Change anything that differs."
        )
        self.undo_copy.show()

    def _undo_copy(self) -> None:
        if not self._copy_undo:
            return
        before = self._copy_undo[0]
        day = self.day

        if self.ctx.perform(lambda: journal.put_back_checkin(day, before), source=self) is None:
            return
        self._copy_undo.clear()
        self.undo_copy.hide()
        self.reload(force=True)
        self.status.setText("The copy was undone: the answers are back as they were.")

    # ------------------------------------------------------------------ events

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is self:
            return
        if change.touches("checkin", "treatments"):
            self.reload()
        elif change.touches("settings"):
            self._show_reminder()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.save()
        return super().eventFilter(watched, event)
