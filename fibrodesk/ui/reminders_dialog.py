"""Reminders: when FibroDesk reminds the person, in one small dialog.

Reachable from File > Reminders and from the check-in, so the evening reminder to fill in
the diary can be set (or switched off) without creating an exercise plan first. The
switches live in the diary (:func:`fibrodesk.db.planner.save_reminder_settings`); OK
saves them all in one operation, Cancel changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.db import planner
from fibrodesk.ui.context import AppContext


def evening_words(settings: dict[str, object]) -> str:
    """What the check-in shows: ``Evening reminder to fill in the diary: at 20:00`` (or
    ``: off``)."""
    when = f"at {settings['evening_time']}" if settings["evening"] else "off"
    return f"Evening reminder to fill in the diary: {when}"


def evening_reminder_row(
    text: str, box_name: str, time_name: str, at: str = "&at"
) -> tuple[QCheckBox, QTimeEdit, QHBoxLayout]:
    """The evening reminder's switch and its time ("at 20:00", indented under it), as the
    Planner's reminder box and this dialog both show them (``at`` without a shortcut
    where Alt+A is taken)."""
    switch = QCheckBox(text)
    switch.setObjectName(box_name)
    row = QHBoxLayout()
    row.setContentsMargins(24, 0, 0, 0)
    label = QLabel(at)
    time_edit = QTimeEdit()
    time_edit.setObjectName(time_name)
    time_edit.setDisplayFormat("HH:mm")
    time_edit.setAccessibleName("Evening reminder time")
    label.setBuddy(time_edit)
    row.addWidget(label)
    row.addWidget(time_edit)
    row.addStretch(1)
    return switch, time_edit, row


class RemindersDialog(QDialog):
    """The reminder switches; :meth:`edit` opens it and saves on OK."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("remindersDialog")
        self.setWindowTitle("Reminders")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "FibroDesk reminds you while it is open: in the system tray when there is one, "
            "otherwise at the top of the window."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.evening, self.evening_time, row = evening_reminder_row(
            "&Evening reminder to fill in the diary", "remindEveningDialog", "eveningTimeDialog"
        )
        layout.addWidget(self.evening)
        layout.addLayout(row)
        skipped = QLabel("It is not given on a day you have already written something.")
        skipped.setWordWrap(True)
        skipped.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(skipped)
        self.evening.toggled.connect(self.evening_time.setEnabled)

        self.sessions = QCheckBox("At each planned &session's time (exercise plans)")
        self.sessions.setObjectName("remindSessionsDialog")
        layout.addWidget(self.sessions)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("remindersButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)

        settings = planner.reminder_settings()
        self.evening.setChecked(bool(settings["evening"]))
        hour, minute = (int(x) for x in str(settings["evening_time"]).split(":"))
        self.evening_time.setTime(QTime(hour, minute))
        self.evening_time.setEnabled(self.evening.isChecked())
        self.sessions.setChecked(bool(settings["sessions"]))

    def accept(self) -> None:
        """Save every switch in one operation; a refused write keeps the dialog open."""
        evening = self.evening.isChecked()
        sessions = self.sessions.isChecked()
        at = self.evening_time.time().toString("HH:mm")
        done = self.ctx.perform(
            lambda: planner.save_reminder_settings(sessions, evening, at), source=self
        )
        if done is not None:
            super().accept()

    @classmethod
    def edit(cls, ctx: AppContext, parent: QWidget | None = None) -> bool:
        """Open the dialog; True when the person saved."""
        dialog = cls(ctx, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
