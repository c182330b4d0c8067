"""The menstrual cycle on the Today page: "period started this day" and the cycle day.

Optional and off by default: the box exists only while cycle tracking is switched on
(View > Track menstrual cycle, :mod:`fibrodesk.ui.trigger_menus`); switched off, nothing
about cycles is shown. The cycle day comes from :mod:`fibrodesk.core.cycle`, the one
definition every screen uses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from fibrodesk.core import clock, cycle
from fibrodesk.db import triggers
from fibrodesk.db.changes import Change
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.undo import JournalCommand

LOOK_BACK = timedelta(days=cycle.MAX_CYCLE_DAYS + 1)
LOOK_AHEAD = timedelta(days=cycle.MAX_CYCLE_DAYS + 1)
"""The period starts read around a day: enough for its cycle day and its phase (which
needs the next start), as :func:`fibrodesk.core.cycle.cycle_day` asks."""


def cycle_words(place: cycle.CycleDay) -> str:
    """The cycle day and phase of a day in words."""
    if place.day is None:
        return "Cycle day not known: mark the day a period starts."
    if place.phase is cycle.Phase.UNKNOWN:
        return f"Cycle day {place.day}."
    return f"Cycle day {place.day}, {place.phase.label}."


def cycle_enabled() -> bool:
    """Cycle tracking is switched on in this diary (off by default)."""
    return triggers.cycle_enabled()


class PeriodCommand(JournalCommand):
    """A period start marked (or unmarked) on a day; undo does the opposite."""

    def __init__(
        self,
        ctx: AppContext,
        day: date,
        on: bool,
        after: Callable[[JournalCommand, bool, Change], None] | None = None,
        source: Any = None,
    ) -> None:
        super().__init__(ctx, "Period started" if on else "Period start removed", after, source)
        self.day, self.on = day, on

    def forward(self) -> Change:
        return triggers.set_period_start(self.day, self.on)

    def backward(self) -> Change:
        return triggers.set_period_start(self.day, not self.on)


class CycleBox(QGroupBox):
    """The period-start toggle and the cycle day of the day shown (:meth:`set_day`)."""

    def __init__(
        self,
        ctx: AppContext,
        undo_stack: QUndoStack | None = None,
        show_day: Callable[[date], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Cycle", parent)
        self.ctx = ctx
        self.setObjectName("todayCycle")
        self._undo = undo_stack
        self._show_day = show_day
        self.day = clock.today()
        layout = QVBoxLayout(self)
        self.started = QCheckBox("Period started this da&y")
        self.started.setObjectName("periodStarted")
        self.started.setAccessibleName("Period started this day")
        self.started.clicked.connect(self.toggle)
        layout.addWidget(self.started, 0, Qt.AlignmentFlag.AlignLeft)  # only as wide as its text
        self.cycle_day = QLabel()
        self.cycle_day.setObjectName("cycleDay")
        self.cycle_day.setWordWrap(True)
        layout.addWidget(self.cycle_day)
        ctx.changed.connect(self._on_changed)

    def set_day(self, day: date) -> None:
        self.day = day
        self.reload()

    def reload(self) -> None:
        starts = triggers.period_starts(self.day - LOOK_BACK, self.day + LOOK_AHEAD)
        self.started.setChecked(self.day in starts)
        self.cycle_day.setText(cycle_words(cycle.cycle_day(self.day, starts)))

    def toggle(self, on: bool) -> None:
        command = PeriodCommand(self.ctx, self.day, on, self._after, source=self)
        if self._undo is not None:
            self._undo.push(command)
        else:
            command.redo()
        if command.failed:
            self.reload()

    def _after(self, command: JournalCommand, undoing: bool, change: Change) -> None:
        assert isinstance(command, PeriodCommand)
        if command.day != self.day and self._show_day is not None:
            self._show_day(command.day)
        else:
            self.reload()

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is not self and change.touches(Change.CYCLE):
            self.reload()
