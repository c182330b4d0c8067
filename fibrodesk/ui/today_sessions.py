"""The sessions of the day on screen, shown on the Today page: each with Start and Log.

One line per session says what, when, how much and its status in words; Start opens the
timer (which then opens the log with the dose filled in), Log opens the log directly.
It follows the day the Today page shows (:meth:`TodaySessions.set_day`): "Exercise today",
or "Exercise on Tuesday 3 March" for an earlier day, whose sessions can still be logged.
Refreshes when a change touches plans or sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fibrodesk.core.clock import day_name, now
from fibrodesk.core.plan_text import done_text
from fibrodesk.db import planner
from fibrodesk.db.planner import SessionView
from fibrodesk.ui.calendar_view import session_words, status_mark
from fibrodesk.ui.context import AppContext, Change


def _real_today() -> date:
    return now().date()


class TodaySessions(QWidget):
    """The day's sessions with Start / Log buttons.

    Attributes:
        day: the day shown (today unless the Today page shows another).
        rows: session id -> (label, start button, log button).
    """

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        today: Callable[[], date] = _real_today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.day = today()
        self.setObjectName("todaySessions")
        self.setAccessibleName("Today's exercise")
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._rows_box = QVBoxLayout()
        self._box.addLayout(self._rows_box)
        self.rows: dict[str, tuple[QLabel, QPushButton, QPushButton]] = {}
        self.empty = QLabel()
        self.empty.setObjectName("noSessionsToday")
        self.empty.setWordWrap(True)
        self._box.addWidget(self.empty)
        self._box.addStretch(1)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def title(self) -> str:
        """``Exercise today`` or ``Exercise on Tuesday 3 March``."""
        if self.day == self._today():
            return "Exercise today"
        return f"Exercise on {day_name(self.day)}"

    def set_day(self, day: date) -> None:
        """Show the sessions of ``day`` (the day on the Today page)."""
        if day != self.day:
            self.day = day
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches("plans", "sessions"):
            self.refresh()

    def refresh(self) -> None:
        while self._rows_box.count():
            item = self._rows_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when the loop comes back
                widget.deleteLater()
        self.rows = {}
        today, day = self._today(), self.day
        title = self.title()
        self.setAccessibleName(title)
        box = self.parentWidget()
        if isinstance(box, QGroupBox):
            box.setTitle(title)
        sessions = planner.sessions_between(day, day)
        for s in sessions:
            self._add_row(s, today)
        if sessions:
            self.empty.hide()
            return
        if day != today:
            self.empty.setText(f"No exercise was planned for {day_name(day)}.")
        elif planner.plans(today=today):
            self.empty.setText("No exercise planned for today: rest is part of the plan.")
        else:
            self.empty.setText(
                "No exercise planned for today. The Planner page helps you start gently."
            )
        self.empty.show()

    def _add_row(self, s: SessionView, today: date) -> None:
        row = QWidget()
        row.setObjectName(f"todaySession_{s.id}")
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 2, 0, 6)
        mark, word = status_mark(s, today)
        dose = s.dose_text()
        if s.status in ("done", "partly") and s.actual_dose is not None:
            dose = done_text(s.actual_dose, s.planned_dose, s.unit, s.sets)
        label = QLabel(
            f"{mark} {s.time_text} <b>{escape(s.exercise_name)}</b><br>{escape(dose)}, {word}"
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAccessibleName(session_words(s, today))
        label.setToolTip(s.pacing_reason)
        box.addWidget(label)
        buttons = QHBoxLayout()
        start = QPushButton("Start")
        start.setObjectName(f"start_{s.id}")
        start.setAccessibleName(f"Start {s.exercise_name} with the timer")
        start.setEnabled(s.status == "planned" and s.date == today)
        start.clicked.connect(lambda _=False, sid=s.id: self._start(sid))
        log = QPushButton(
            "Log\N{HORIZONTAL ELLIPSIS}"
            if s.status == "planned"
            else "Change log\N{HORIZONTAL ELLIPSIS}"
        )
        log.setObjectName(f"log_{s.id}")
        log.setAccessibleName(f"Log {s.exercise_name}")
        log.setEnabled(s.date <= today)
        log.clicked.connect(lambda _=False, sid=s.id: self._log(sid))
        buttons.addWidget(start)
        buttons.addWidget(log)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self._rows_box.addWidget(row)
        self.rows[s.id] = (label, start, log)

    # The timer and the log dialog are imported when first asked for, not with the page.
    def _start(self, session_id: str) -> None:
        from fibrodesk.ui.session_timer import start_flow

        start_flow(self.ctx, session_id, self)

    def _log(self, session_id: str) -> None:
        from fibrodesk.ui.session_dialog import log_flow

        log_flow(self.ctx, session_id, self)
