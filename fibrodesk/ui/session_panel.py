"""The Planner page's "Chosen session" box: the session chosen in the calendar in words
(what, when, planned and done doses, effort, leg pain before and after, why skipped, the
pacing reason) and its Start, Log and Undo log buttons.

The box only shows; the page connects the buttons (:mod:`fibrodesk.ui.planner_page`).
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fibrodesk.core.clock import day_name
from fibrodesk.core.plan_text import effort_text, skip_reason_text
from fibrodesk.db.planner import SessionView
from fibrodesk.ui.calendar_view import session_words, status_mark


class SessionPanel(QGroupBox):
    """One session in words, with its buttons.

    Attributes:
        details: the session in words (rich text, the person's words escaped).
        pacing: the pacing reason of its dose.
        start_button, log_button, undo_button: Start with timer, Log (or Change log),
            Undo log.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Chosen session", parent)
        self.setObjectName("sessionPanel")
        box = QVBoxLayout(self)
        self.details = QLabel()
        self.details.setObjectName("sessionDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)  # person's words escaped
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.details)
        self.pacing = QLabel()
        self.pacing.setObjectName("sessionPacing")
        self.pacing.setTextFormat(Qt.TextFormat.PlainText)
        self.pacing.setWordWrap(True)
        box.addWidget(self.pacing)
        row = QHBoxLayout()
        self.start_button = QPushButton("&Start with timer")
        self.start_button.setObjectName("startSession")
        self.log_button = QPushButton("&Log\N{HORIZONTAL ELLIPSIS}")
        self.log_button.setObjectName("logSession")
        self.undo_button = QPushButton("&Undo log")
        self.undo_button.setObjectName("undoLog")
        self.undo_button.setToolTip("Make this session planned again, forgetting its log")
        for button in (self.start_button, self.log_button, self.undo_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)

    def show_session(self, s: SessionView | None, today: date) -> None:
        """Show ``s`` (None: ask for a choice) and enable what can be done with it."""
        if s is None:
            self.details.setText("Choose a session in the calendar to start it or log it.")
            self.pacing.setText("")
            for button in (self.start_button, self.log_button, self.undo_button):
                button.setEnabled(False)
            return
        mark, word = status_mark(s, today)
        name = html.escape(s.exercise_name)  # the person's words, shown as text
        lines = [f"<b>{name}</b> \N{MIDDLE DOT} {day_name(s.date)} at {s.time_text}"]
        lines.append(f"Planned: {s.dose_text()} \N{MIDDLE DOT} {mark} {word}")
        if s.status in ("done", "partly"):
            done = [f"Done: {s.dose_text(s.actual_dose or 0)}"]
            if s.effort is not None:
                done.append(f"effort {effort_text(s.effort)}")
            if s.pain_before is not None or s.pain_after is not None:
                before = "-" if s.pain_before is None else str(s.pain_before)
                after = "-" if s.pain_after is None else str(s.pain_after)
                done.append(f"leg pain {before} before, {after} after")
            if s.stopped_for_pain:
                done.append("stopped because of pain")
            lines.append(", ".join(done))
        if s.skip_reason and not (s.stopped_for_pain and s.skip_reason == "pain"):
            word = "Skipped" if s.status == "skipped" else "Cut short"
            lines.append(f"{word} for {skip_reason_text(s.skip_reason)}")
        if s.reason:
            lines.append(f"Why: {html.escape(s.reason)}")
        self.details.setText("<br>".join(lines))
        self.details.setAccessibleName(session_words(s, today))
        self.pacing.setText(f"Pacing: {s.pacing_reason}" if s.pacing_reason else "")
        self.start_button.setEnabled(s.status == "planned" and s.date <= today)
        self.start_button.setToolTip(
            "" if s.date <= today else "A session can be started on its day."
        )
        self.log_button.setEnabled(s.date <= today)
        self.log_button.setText(
            "&Log\N{HORIZONTAL ELLIPSIS}"
            if s.status == "planned"
            else "Change &log\N{HORIZONTAL ELLIPSIS}"
        )
        self.undo_button.setEnabled(s.status != "planned")
