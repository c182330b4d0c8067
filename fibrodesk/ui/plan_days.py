"""The plan dialog's "2. Days and time" box: the seven weekday boxes, the suggested days
with the reason (:func:`fibrodesk.core.schedule.suggest_days`), warnings when the week
breaks the rules (:func:`fibrodesk.core.schedule.schedule_warnings`), the time of day, the
first day and the reminder tick.

The box works out suggestions and warnings from the chosen exercise and the person's
other plans; the dialog (:mod:`fibrodesk.ui.plan_dialog`) decides when to ask.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import WEEKDAY_NAMES
from fibrodesk.core.plan_text import SHORT_DAYS, weekdays_text
from fibrodesk.core.schedule import PlanDays, schedule_warnings, suggest_days

KIND_WHY = {
    "aerobic": "aerobic work about 3 times a week, on alternate days",
    "strength": "strength twice a week, with a rest day between",
    "stretching": "stretching can be done every day",
    "balance": "balance practice can be done every day",
    "mind_body": "about 3 times a week, on alternate days",
}


class PlanDaysBox(QGroupBox):
    """Which days, at what time, from which day, with reminders or not.

    Attributes:
        day_boxes: the seven weekday check boxes, Monday first.
        suggestion, use_suggestion: the suggested days in words, and the button using them.
        warnings: what breaks the week's rules, one line each.
        time, start_date, reminders: time of day, first day, "Remind me".

    Signals:
        daysToggled(): the person ticked or unticked a day.
        suggestionUsed(): the person clicked "Use suggested days".
    """

    daysToggled = Signal()
    suggestionUsed = Signal()

    def __init__(
        self, existing: list[PlanDays], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__("2. Days and time", parent)
        self._existing = existing
        days_box = QVBoxLayout(self)
        day_row = QHBoxLayout()
        self.day_boxes: list[QCheckBox] = []
        for index, name in enumerate(WEEKDAY_NAMES):
            check = QCheckBox(SHORT_DAYS[index])
            check.setObjectName(f"day_{index}")
            check.setAccessibleName(name)
            check.toggled.connect(lambda _on: self.daysToggled.emit())
            self.day_boxes.append(check)
            day_row.addWidget(check)
        day_row.addStretch(1)
        days_box.addLayout(day_row)
        suggest_row = QHBoxLayout()
        self.suggestion = QLabel()
        self.suggestion.setObjectName("daySuggestion")
        self.suggestion.setWordWrap(True)
        suggest_row.addWidget(self.suggestion, 1)
        self.use_suggestion = QPushButton("Use su&ggested days")
        self.use_suggestion.setObjectName("useSuggestedDays")
        self.use_suggestion.clicked.connect(lambda: self.suggestionUsed.emit())
        suggest_row.addWidget(self.use_suggestion)
        days_box.addLayout(suggest_row)
        self.warnings = QLabel()
        self.warnings.setObjectName("scheduleWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        days_box.addWidget(self.warnings)
        when = QFormLayout()
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setObjectName("planTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of day")
        when.addRow("&Time:", self.time)
        self.start_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.start_date.setObjectName("planStartDate")
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setAccessibleName("First day")
        when.addRow("&First day:", self.start_date)
        self.reminders = QCheckBox("&Remind me at the session time")
        self.reminders.setObjectName("planReminders")
        self.reminders.setChecked(True)
        when.addRow("", self.reminders)
        days_box.addLayout(when)

    # -- days ---------------------------------------------------------------------------
    def weekdays(self) -> list[int]:
        return [i for i, check in enumerate(self.day_boxes) if check.isChecked()]

    def set_weekdays(self, days: list[int] | tuple[int, ...], quiet: bool = False) -> None:
        """Tick exactly ``days`` (Monday 0); ``quiet``: without ``daysToggled``."""
        for index, check in enumerate(self.day_boxes):
            check.blockSignals(quiet)
            check.setChecked(index in days)
            check.blockSignals(False)

    def suggested_days(self, info: dict[str, Any] | None) -> list[int]:
        """The days suggested for the exercise ``info`` beside the other plans."""
        if info is None:
            return []
        week: dict[int, list[str]] = {}
        for plan in self._existing:
            for day in plan.weekdays:
                week.setdefault(day, []).append(plan.kind)
        return suggest_days(info["kind"], week)

    def schedule_warnings(self, info: dict[str, Any] | None) -> list[str]:
        """What the week would break with the exercise ``info`` on the days ticked."""
        days = tuple(self.weekdays())
        if info is None or not days:
            return []
        this = PlanDays(name=info["name"], kind=info["kind"], weekdays=days)
        return schedule_warnings([*self._existing, this])

    def refresh(self, info: dict[str, Any] | None) -> None:
        """Show the suggestion and the warnings for the exercise ``info``."""
        if info is None:
            self.suggestion.setText("")
            self.use_suggestion.setEnabled(False)
        else:
            days = self.suggested_days(info)
            self.suggestion.setText(
                f"Suggested: {weekdays_text(days)} ({KIND_WHY.get(info['kind'], '')})."
            )
            self.use_suggestion.setEnabled(days != self.weekdays())
        lines = ["\N{WARNING SIGN} " + w for w in self.schedule_warnings(info)]
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))

    # -- time and first day -------------------------------------------------------------
    def set_time_text(self, hhmm: str) -> None:
        hour, minute = (int(x) for x in hhmm.split(":"))
        self.time.setTime(QTime(hour, minute))

    def time_text(self) -> str:
        return self.time.time().toString("HH:mm")

    def set_start_date(self, day: date) -> None:
        self.start_date.setDate(QDate(day.year, day.month, day.day))

    def first_day(self) -> date:
        qdate = self.start_date.date()
        return date(qdate.year(), qdate.month(), qdate.day())
