"""A timer that counts today's dose, then says clearly: stop here.

Time-contingent pacing means stopping when the dose is done, not when it starts to hurt
and not later on a good day. A minutes plan counts down; a repetitions plan walks through
its sets, with a rest countdown between them. Pause and resume at any moment; stopping
early is fine and is logged as "partly done".

Time is injectable: :meth:`SessionTimer.tick` advances the timer by the seconds it is
given (or by what the clock says since the last tick), so tests never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.plan_text import amount_text
from fibrodesk.db import planner
from fibrodesk.db.planner import SessionView
from fibrodesk.ui.context import AppContext

STOP_CUE = (
    "That's today's dose. Stopping here, even on a good day, is what makes next week possible."
)
EARLY_CUE = "Stopped early: that is fine. Log what you did, and rest."


def clock_text(seconds: float) -> str:
    """``4:05`` for 245 seconds (never negative)."""
    whole = max(0, int(round(seconds)))
    return f"{whole // 60}:{whole % 60:02d}"


class SessionTimer(QDialog):
    """Count one session's planned dose.

    Attributes:
        session: the session being done.
        state: ``running``, ``paused``, ``resting`` or ``finished``.
        elapsed: seconds exercised (minutes plans).
        set_index: the current set, from 0 (repetitions plans).
        sets_done: completed sets (repetitions plans).

    Signals:
        finished_dose(int): the dose is complete, with the dose done.
    """

    finished_dose = Signal(int)

    def __init__(
        self,
        session: SessionView,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
        autostart: bool = True,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("sessionTimer")
        self.setWindowTitle(f"{session.exercise_name}: {session.dose_text()}")
        self._clock = clock
        self._last = clock()
        self.minutes = session.unit == "minutes"
        self.total = session.planned_dose * 60 if self.minutes else 0
        self.sets = max(1, session.sets) if not self.minutes else 1
        self.elapsed = 0.0
        self.set_index = 0
        self.sets_done = 0
        self.rest_left = 0.0
        self.state = "running"
        self._paused_from = "running"
        self.stopped_early = False

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        heading = QLabel(f"<b>{escape(session.exercise_name)}</b> &middot; {session.dose_text()}")
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)

        self.big = QLabel()
        self.big.setObjectName("timerDisplay")
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.big.font()
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        self.big.setFont(font)
        # As wide as its widest text from the start, so the dialog never changes width
        # (and the texts above the buttons never re-wrap) while it counts.
        widest = max(
            ("Set 20 of 20", "20 of 20", "888:88"), key=QFontMetrics(font).horizontalAdvance
        )
        self.big.setMinimumWidth(QFontMetrics(font).horizontalAdvance(widest) + 8)
        layout.addWidget(self.big)

        self.progress = QProgressBar()
        self.progress.setObjectName("timerProgress")
        self.progress.setAccessibleName("Progress through today's dose")
        self.progress.setRange(0, self.total if self.minutes else self.sets)
        layout.addWidget(self.progress)

        # The buttons sit in fixed places right under the display: texts that change
        # (the step, the cue) are below them, and a button that gives way to another
        # (Set done / Start next set now, Stop early / Log) shares one place with it.
        row = QHBoxLayout()
        self.pause_button = QPushButton("&Pause")
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.set_button = QPushButton("Set &done")
        self.set_button.setObjectName("setDoneButton")
        self.set_button.clicked.connect(self.set_done)
        self.skip_rest_button = QPushButton("Start next set &now")
        self.skip_rest_button.setObjectName("skipRestButton")
        self.skip_rest_button.clicked.connect(self.end_rest)
        self.stop_button = QPushButton("&Stop early")
        self.stop_button.setObjectName("stopEarlyButton")
        self.stop_button.clicked.connect(self.stop_early)
        self.log_button = QPushButton("&Log this session\N{HORIZONTAL ELLIPSIS}")
        self.log_button.setObjectName("logAfterTimer")
        self.log_button.clicked.connect(self.accept)
        self.close_button = QPushButton("&Close")
        self.close_button.setObjectName("closeTimer")
        self.close_button.clicked.connect(self.reject)
        self.set_slot = QStackedWidget()
        self.set_slot.addWidget(self.set_button)
        self.set_slot.addWidget(self.skip_rest_button)
        self.end_slot = QStackedWidget()
        self.end_slot.addWidget(self.stop_button)
        self.end_slot.addWidget(self.log_button)
        for button in (
            self.pause_button,
            self.set_button,
            self.skip_rest_button,
            self.stop_button,
            self.log_button,
            self.close_button,
        ):
            button.setAutoDefault(False)  # Enter presses only the default, never Stop early
        row.addWidget(self.pause_button)
        row.addWidget(self.set_slot)
        self.set_slot.setVisible(not self.minutes)
        row.addWidget(self.end_slot)
        row.addWidget(self.close_button)
        layout.addLayout(row)

        self.step = QLabel()
        self.step.setObjectName("timerStep")
        self.step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step.setWordWrap(True)
        layout.addWidget(self.step)
        if session.how_to:  # below the buttons: wrapping text never moves them
            how = QLabel(session.how_to)
            how.setTextFormat(Qt.TextFormat.PlainText)
            how.setWordWrap(True)
            layout.addWidget(how)

        self.cue = QLabel()
        self.cue.setObjectName("stopCue")
        self.cue.setWordWrap(True)
        self.cue.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cue_font = self.cue.font()
        cue_font.setPointSizeF(cue_font.pointSizeF() * 1.2)
        self.cue.setFont(cue_font)
        self.cue.hide()
        layout.addWidget(self.cue)
        layout.addStretch(1)  # room to spare goes below, never between the buttons and the top

        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.toggle_pause)

        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.tick)
        if autostart:
            self.timer.start()
        self._update()

    # -- time ---------------------------------------------------------------------------
    def tick(self, seconds: float | None = None) -> None:
        """Advance by ``seconds`` (default: the clock's time since the last tick)."""
        current = self._clock()
        if seconds is None:
            seconds = max(0.0, current - self._last)
        self._last = current
        if self.state == "running" and self.minutes:
            self.elapsed = min(self.total, self.elapsed + seconds)
            if self.elapsed >= self.total:
                self._finish()
        elif self.state == "resting":
            self.rest_left -= seconds
            if self.rest_left <= 0:
                self.end_rest()
        self._update()

    def toggle_pause(self) -> None:
        if self.state == "finished":
            return
        if self.state == "paused":
            self.state = self._paused_from
            self._last = self._clock()
        else:
            self._paused_from = self.state
            self.state = "paused"
        self._update()

    def set_done(self) -> None:
        """A repetitions set is complete: rest, or finish after the last set."""
        if self.minutes or self.state not in ("running",):
            return
        self.sets_done += 1
        if self.sets_done >= self.sets:
            self._finish()
        else:
            self.state = "resting"
            self.rest_left = float(self.session.rest_seconds)
            if self.rest_left <= 0:
                self.end_rest()
        self._update()

    def end_rest(self) -> None:
        if self.state in ("resting", "paused") and self.sets_done < self.sets:
            self.set_index = self.sets_done
            self.state = "running"
            self.rest_left = 0
        self._update()

    def stop_early(self) -> None:
        if self.state == "finished":
            return
        self.stopped_early = True
        self._finish()
        self._update()

    def _finish(self) -> None:
        self.state = "finished"
        self.timer.stop()
        self.finished_dose.emit(self.actual_dose())

    # -- results ------------------------------------------------------------------------
    def complete(self) -> bool:
        if self.minutes:
            return self.elapsed >= self.total
        return self.sets_done >= self.sets

    def actual_dose(self) -> int:
        """The dose done: whole minutes, or repetitions per set averaged over the sets."""
        if self.complete():
            return self.session.planned_dose
        if self.minutes:
            return int(self.elapsed // 60)
        return self.session.planned_dose * self.sets_done // self.sets

    def status(self) -> str:
        return "done" if self.complete() else "partly"

    # -- display ------------------------------------------------------------------------
    def _update(self) -> None:
        finished = self.state == "finished"
        if self.minutes:
            left = self.total - self.elapsed
            self.big.setText(clock_text(left))
            self.big.setAccessibleName(f"{clock_text(left)} left")
            self.step.setText(
                (
                    "Keep an easy pace: you should be able to talk."
                    if self.session.kind == "aerobic"
                    else "Move slowly and gently, and keep breathing."
                )
                if not finished
                else f"{amount_text(self.actual_dose(), 'minutes')} done."
            )
            self.progress.setValue(int(self.elapsed))
            self.progress.setFormat(f"{clock_text(self.elapsed)} of {clock_text(self.total)}")
        else:
            self.progress.setValue(self.sets_done)
            self.progress.setFormat(f"{self.sets_done} of {self.sets} sets")
            reps = amount_text(self.session.planned_dose, "reps")
            if self.state == "resting" or (
                self.state == "paused" and self._paused_from == "resting"
            ):
                self.big.setText(clock_text(self.rest_left))
                self.step.setText(
                    f"Rest. Next: set {self.sets_done + 1} of {self.sets}, {reps}, slowly."
                )
            elif finished:
                self.big.setText(f"{self.sets_done} of {self.sets}")
                self.step.setText("Sets done.")
            else:
                self.big.setText(f"Set {self.set_index + 1} of {self.sets}")
                self.step.setText(f"Do {reps}, slowly, then press \u201cSet done\u201d.")
            self.big.setAccessibleName(self.big.text())
        if self.state == "paused":
            self.step.setText("Paused. Press Resume (or Space) when you are ready.")
        self.pause_button.setText("&Resume" if self.state == "paused" else "&Pause")
        self.pause_button.setEnabled(not finished)
        self.set_button.setEnabled(self.state == "running")
        self.set_slot.setCurrentWidget(
            self.skip_rest_button if self.state == "resting" else self.set_button
        )
        self.end_slot.setCurrentWidget(self.log_button if finished else self.stop_button)
        # Enter: Log once finished; otherwise the step forward (Set done) or Pause.
        default = (
            self.log_button
            if finished
            else self.set_button
            if not self.minutes and self.state == "running"
            else self.pause_button
        )
        default.setDefault(True)
        for button in (self.pause_button, self.set_button, self.log_button):
            if button is not default:
                button.setDefault(False)
        if finished and self.cue.isHidden():
            self.cue.setText(EARLY_CUE if self.stopped_early and not self.complete() else STOP_CUE)
            self.cue.show()
            self.adjustSize()  # grows downwards: the buttons above stay where they are
            self.log_button.setFocus()

    # -- closing ------------------------------------------------------------------------
    def close_box(self) -> QMessageBox:
        """The question before a running timer is closed; Keep going is its default."""
        box = QMessageBox(self)
        box.setWindowTitle("FibroDesk")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText("Close the timer? What you have done so far is not logged yet.")
        keep = box.addButton("&Keep going", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Close the &timer", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box

    def confirm_close(self) -> bool:
        """Ask before a running timer is closed (tests replace this)."""
        box = self.close_box()
        box.exec()
        return box.clickedButton() is not box.defaultButton()

    def reject(self) -> None:
        """Close (Close, Escape or the window's close box): a running timer asks first."""
        if self.state != "finished" and not self.confirm_close():
            return
        super().reject()

    # -- asking -------------------------------------------------------------------------
    @classmethod
    def run(
        cls, ctx: AppContext, session_id: str, parent: QWidget | None = None
    ) -> tuple[str, int] | None:
        """Time the session; ``(status, dose done)`` when the person goes on to log it."""
        dialog = cls(planner.session(session_id), parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.status(), dialog.actual_dose()
        finally:
            dialog.timer.stop()
            dialog.deleteLater()


def start_flow(ctx: AppContext, session_id: str, parent: QWidget | None = None) -> bool:
    """Run the timer for a session, then open its log with the dose filled in."""
    from fibrodesk.ui.session_dialog import log_flow

    result = SessionTimer.run(ctx, session_id, parent)
    if result is None:
        return False
    status, dose = result
    return log_flow(ctx, session_id, parent, {"status": status, "actual_dose": dose})
