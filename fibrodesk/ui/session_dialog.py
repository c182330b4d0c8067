"""Log one exercise session: done, partly done or skipped, the dose, effort and leg pain.

Effort is a 0-10 rating in the app's own words (domain.md s.7; not the licensed Borg
CR10 labels), shown with its number *and* its words, since "3" alone means little to a
tired mind. Every answer but the status is optional.
If the diary refuses the write (a full disk), the dialog comes back with everything the
person typed and the reason, so nothing is lost.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import day_name
from fibrodesk.core.plan_text import EFFORT_AIM, SKIP_REASONS, effort_words
from fibrodesk.db import planner
from fibrodesk.db.planner import SessionView
from fibrodesk.ui.answer_fields import WheelNeedsFocus
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.reflow import scrolling_dialog

STATUS_LABELS = {"done": "&Done", "partly": "&Partly done", "skipped": "&Skipped"}
NOT_NOTED = "not noted"
NOT_SAID = "not said"


class PainSpinBox(WheelNeedsFocus, QSpinBox):
    """Leg pain 0-10 or *not noted* (one step below 0); the wheel needs focus first."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, 10)
        self.setSpecialValueText(NOT_NOTED)
        self.setAccessibleName(name)
        self.setToolTip(f"{name}: 0 (no pain) to 10 (worst imaginable). Step below 0 to leave it.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setValue(-1)

    def answer(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_answer(self, value: int | None) -> None:
        self.setValue(-1 if value is None else int(value))


class SessionDialog(QDialog):
    """Ask what was done in one session.

    Attributes:
        session: the session being logged.

    Signals:
        statusChanged(str): the chosen status changed.
    """

    statusChanged = Signal(str)

    def __init__(
        self,
        session: SessionView,
        initial: dict[str, Any] | None = None,
        problem: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("sessionDialog")
        self.setWindowTitle(f"Log {session.exercise_name}")
        body = QWidget()
        layout = QVBoxLayout(body)

        title = QLabel(
            f"<b>{escape(session.exercise_name)}</b><br>{day_name(session.date)} at {session.time_text}"
            f" &middot; planned {session.dose_text()}"
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        layout.addWidget(title)
        if session.pacing_reason:
            why = QLabel(session.pacing_reason)
            why.setTextFormat(Qt.TextFormat.PlainText)
            why.setWordWrap(True)
            why.setObjectName("pacingReason")
            layout.addWidget(why)

        self.problem = QLabel(problem)
        self.problem.setObjectName("saveProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)

        status_row = QHBoxLayout()
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[str, QRadioButton] = {}
        for key, label in STATUS_LABELS.items():
            button = QRadioButton(label)
            button.setObjectName(f"status_{key}")
            self.status_group.addButton(button)
            self.status_buttons[key] = button
            status_row.addWidget(button)
            button.toggled.connect(lambda on, k=key: on and self._status_changed(k))
        status_row.addStretch(1)
        layout.addLayout(status_row)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.dose = QSpinBox()
        self.dose.setObjectName("actualDose")
        self.dose.setRange(0, planner.MAX_DOSE)
        unit = "minutes" if session.unit == "minutes" else "repetitions"
        if session.unit == "reps" and session.sets > 1:
            unit = "repetitions per set"
        self.dose.setSuffix(f" {unit}")
        self.dose.setAccessibleName("Dose actually done")
        self.dose.setValue(session.planned_dose)
        self.dose.valueChanged.connect(self._dose_changed)
        form.addRow("Dose actuall&y done:", self.dose)

        self.effort = QComboBox()
        self.effort.setObjectName("effort")
        self.effort.setAccessibleName("Effort, 0 at rest to 10 the hardest I could")
        self.effort.addItem(NOT_NOTED, None)
        for value in range(11):
            self.effort.addItem(f"{value} \N{EM DASH} {effort_words(value)}", value)
        effort_box = QVBoxLayout()
        effort_box.addWidget(self.effort)
        aim = QLabel(EFFORT_AIM)
        aim.setWordWrap(True)
        effort_box.addWidget(aim)
        effort_label = QLabel("&Effort in the legs:")
        effort_label.setBuddy(self.effort)
        form.addRow(effort_label, effort_box)

        self.pain_before = PainSpinBox("Leg pain before")
        self.pain_before.setObjectName("painBefore")
        self.pain_after = PainSpinBox("Leg pain after")
        self.pain_after.setObjectName("painAfter")
        form.addRow("Leg pain &before (0-10):", self.pain_before)
        form.addRow("Leg pain &after (0-10):", self.pain_after)

        self.stopped = QCheckBox("S&topped because of pain")
        self.stopped.setObjectName("stoppedForPain")
        self.stopped.toggled.connect(self._stopped_changed)
        form.addRow("", self.stopped)

        self.skip_reason = QComboBox()
        self.skip_reason.setObjectName("skipReason")
        self.skip_reason.setAccessibleName("Skipped or cut short for")
        self.skip_reason.addItem(NOT_SAID, None)
        for code, words in SKIP_REASONS.items():
            self.skip_reason.addItem(words, code)
        self.skip_reason.setToolTip(
            "Skipped or cut short for pain holds next week's dose, so it does not rise."
        )
        self.skip_reason.currentIndexChanged.connect(self._skip_reason_changed)
        form.addRow("Skipped or cut short &for:", self.skip_reason)

        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(2000)
        self.reason.setPlaceholderText("For example: too tired, appointment, calves hurt")
        self.reason.setAccessibleName("Reason")
        form.addRow("&Why, in your words (optional):", self.reason)

        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setMaxLength(20000)
        self.note.setAccessibleName("Note")
        form.addRow("&Note (optional):", self.note)
        layout.addLayout(form)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveSession")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.body = scrolling_dialog(self, body, buttons)

        self._auto_status = True
        start = dict(initial or {})
        if not start and session.status != "planned":
            start = {
                "status": session.status,
                "actual_dose": session.actual_dose,
                "effort": session.effort,
                "pain_before": session.pain_before,
                "pain_after": session.pain_after,
                "stopped_for_pain": session.stopped_for_pain,
                "skip_reason": session.skip_reason,
                "reason": session.reason,
                "note": session.note,
            }
        self.set_values(start)

    # -- values -------------------------------------------------------------------------
    def status(self) -> str:
        for key, button in self.status_buttons.items():
            if button.isChecked():
                return key
        return "done"

    def set_status(self, status: str) -> None:
        self.status_buttons[status].setChecked(True)

    def set_values(self, values: dict[str, Any]) -> None:
        self._auto_status = False
        self.set_status(values.get("status") or "done")
        dose = values.get("actual_dose")
        self.dose.setValue(self.session.planned_dose if dose is None else int(dose))
        effort = values.get("effort")
        self.effort.setCurrentIndex(0 if effort is None else int(effort) + 1)
        self.pain_before.set_answer(values.get("pain_before"))
        self.pain_after.set_answer(values.get("pain_after"))
        self.stopped.setChecked(bool(values.get("stopped_for_pain")))
        index = self.skip_reason.findData(values.get("skip_reason"))
        if values.get("skip_reason") is not None and index > 0:
            self.skip_reason.setCurrentIndex(index)
        elif not values.get("stopped_for_pain"):
            self.skip_reason.setCurrentIndex(0)
        self.reason.setText(values.get("reason") or "")
        self.note.setText(values.get("note") or "")
        self._auto_status = True
        self._update_enabled()

    def values(self) -> dict[str, Any]:
        status = self.status()
        return {
            "status": status,
            "actual_dose": None if status == "skipped" else self.dose.value(),
            "effort": None if status == "skipped" else self.effort.currentData(),
            "pain_before": self.pain_before.answer(),
            "pain_after": None if status == "skipped" else self.pain_after.answer(),
            "stopped_for_pain": status != "skipped" and self.stopped.isChecked(),
            "skip_reason": None if status == "done" else self.skip_reason.currentData(),
            "reason": self.reason.text().strip(),
            "note": self.note.text(),
        }

    # -- reactions ----------------------------------------------------------------------
    def _status_changed(self, status: str) -> None:
        self._update_enabled()
        if self._auto_status and status == "done":
            self._auto_status = False
            self.dose.setValue(max(self.dose.value(), self.session.planned_dose))
            self._auto_status = True
        self.statusChanged.emit(status)

    def _update_enabled(self) -> None:
        doing = self.status() != "skipped"
        for widget in (self.dose, self.effort, self.pain_after, self.stopped):
            widget.setEnabled(doing)

    def _dose_changed(self, value: int) -> None:
        if self._auto_status and self.status() == "done" and value < self.session.planned_dose:
            self.set_status("partly")

    def _stopped_changed(self, on: bool) -> None:
        if on and self.skip_reason.currentData() != "pain":
            self.skip_reason.setCurrentIndex(self.skip_reason.findData("pain"))
        if self._auto_status and on and self.status() == "done":
            self.set_status("partly")

    def _skip_reason_changed(self, _index: int) -> None:
        pain = self.skip_reason.currentData() == "pain"
        if self.status() != "skipped" and self.stopped.isChecked() != pain:
            self.stopped.setChecked(pain)
        if self._auto_status and self.skip_reason.currentData() and self.status() == "done":
            self.set_status("partly")

    # -- asking -------------------------------------------------------------------------
    @classmethod
    def ask(
        cls,
        ctx: AppContext,
        session_id: str,
        parent: QWidget | None = None,
        initial: dict[str, Any] | None = None,
        problem: str = "",
    ) -> dict[str, Any] | None:
        """Show the dialog; the values to pass to ``planner.log_session``, or None."""
        dialog = cls(planner.session(session_id), initial, problem, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


def log_flow(
    ctx: AppContext,
    session_id: str,
    parent: QWidget | None = None,
    initial: dict[str, Any] | None = None,
) -> bool:
    """Ask for a session's log and save it; if saving fails, ask again with what was typed.

    Returns True once saved, False when the person cancels.
    """
    problems: list[str] = []

    def remember(sentence: str) -> None:
        problems.append(sentence)

    ctx.saveFailed.connect(remember)
    try:
        values = initial
        while True:
            problem = problems[-1] if problems else ""
            values = SessionDialog.ask(ctx, session_id, parent, values, problem)
            if values is None:
                return False
            saved = ctx.perform(
                lambda v=values: planner.log_session(session_id, **v), source=parent
            )
            if saved is not None:
                return True
    finally:
        ctx.saveFailed.disconnect(remember)
