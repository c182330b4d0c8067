"""The Planner page: paced exercise plans, their calendar, and logging a session.

A new person sees one friendly sentence and one button ("Choose a gentle exercise").
Then: each plan with its dose now, its target, and the pacing rule's latest decision in
words; a week or month calendar of sessions, each saying its status in words; and, for
the chosen session, Start (the timer) and Log. Opening the page runs any weekly review
that has come due, so the dose shown is always the one in force.

Every write goes through ``ctx.perform``; the page refreshes on changes that touch
``plans`` or ``sessions``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import day_name, now
from fibrodesk.core.plan_text import (
    effort_text,
    skip_reason_text,
    weekdays_text,
    with_revision,
)
from fibrodesk.db import planner
from fibrodesk.db.planner import PlanView, SessionView
from fibrodesk.ui.calendar_view import CalendarView, session_words, status_mark
from fibrodesk.ui.context import AppContext, Change
from fibrodesk.ui.empty_state import EmptyState
from fibrodesk.ui.session_dialog import log_flow
from fibrodesk.ui.session_timer import start_flow

KIND_WORDS = {
    "aerobic": "aerobic",
    "strength": "gentle strength",
    "stretching": "stretching",
    "balance": "balance",
    "mind_body": "mind and body",
}


def _bigger(label: QLabel, factor: float = 1.2, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


class _WrapHost(QWidget):
    """A scroll area's content that is as tall as its wrapped lines need at its width
    (QScrollArea alone sizes it by a guess, cutting the plan cards' wrapped lines)."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None:
            need = layout.totalHeightForWidth(self.width())
            if need > 0 and need != self.minimumHeight():
                self.setMinimumHeight(need)


def decision_words(plan: PlanView) -> str:
    """The latest decision in words, with the day it was made."""
    latest = plan.latest
    if latest is None:
        return ""
    if latest.action == "start":
        return latest.reason
    return (
        f"Review of {day_name(latest.review_date)}: {with_revision(latest.reason, latest.revision)}"
    )


class DecisionsDialog(QDialog):
    """Every pacing decision of one plan, newest first, each with its reason."""

    def __init__(self, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionsDialog")
        self.setWindowTitle(f"{plan.exercise_name}: how the dose has moved")
        box = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("decisionsList")
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Pacing decisions, newest first")
        for d in planner.decisions(plan.id):
            self.list.addItem(
                f"{day_name(d.review_date)} {d.review_date.year}: "
                f"{plan.dose_text(d.new_dose)}. {with_revision(d.reason, d.revision)}"
            )
        box.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(620, 420)


class PlanCard(QFrame):
    """One plan: what, when, how much now, the target, and the latest decision."""

    def __init__(self, plan: PlanView, page: PlannerPage) -> None:
        super().__init__()
        self.plan = plan
        self.setObjectName(f"plan_{plan.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        self.name = _bigger(QLabel(plan.exercise_name), 1.15)
        self.name.setObjectName("planName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # an exercise name is text
        box.addWidget(self.name)
        self.when = QLabel(
            f"{KIND_WORDS.get(plan.kind, plan.kind).capitalize()} \N{MIDDLE DOT} "
            f"{weekdays_text(plan.weekdays)} at {plan.time_of_day}"
        )
        self.when.setObjectName("planWhen")
        self.when.setWordWrap(True)
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.when)
        self.dose = QLabel(
            f"Now: <b>{plan.dose_text()}</b> \N{MIDDLE DOT} target {plan.dose_text(plan.target_dose)}"
        )
        self.dose.setObjectName("planDose")
        self.dose.setTextFormat(Qt.TextFormat.RichText)
        self.dose.setWordWrap(True)
        box.addWidget(self.dose)
        bar = QProgressBar()
        bar.setRange(0, plan.target_dose)
        bar.setValue(min(plan.current_dose, plan.target_dose))
        bar.setFormat(f"{plan.current_dose} of {plan.target_dose}")
        bar.setAccessibleName(f"Dose {plan.current_dose} of target {plan.target_dose}")
        bar.setMaximumHeight(bar.fontMetrics().height() + 6)
        box.addWidget(bar)
        self.decision = QLabel(decision_words(plan))
        self.decision.setObjectName("latestDecision")
        self.decision.setTextFormat(Qt.TextFormat.PlainText)
        self.decision.setWordWrap(True)
        self.decision.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.decision)
        if plan.next_session is not None:
            box.addWidget(QLabel(f"Next session: {day_name(plan.next_session)}"))
        row = QHBoxLayout()
        self.change = QPushButton("Change\N{HORIZONTAL ELLIPSIS}")
        self.change.setObjectName("changePlan")
        self.change.setAccessibleName(f"Change {plan.exercise_name} plan")
        self.change.clicked.connect(lambda: page.change_plan(plan))
        self.history = QPushButton("Why\N{HORIZONTAL ELLIPSIS}")
        self.history.setObjectName("planHistory")
        self.history.setAccessibleName(f"How the {plan.exercise_name} dose has moved, and why")
        self.history.setToolTip("Every change of dose, with its reason")
        self.history.clicked.connect(lambda: DecisionsDialog(plan, page).exec())
        self.stop = QPushButton("Stop\N{HORIZONTAL ELLIPSIS}")
        self.stop.setObjectName("stopPlan")
        self.stop.setAccessibleName(f"Stop {plan.exercise_name} plan")
        self.stop.clicked.connect(lambda: page.stop_plan(plan))
        for button in (self.change, self.history, self.stop):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.setAccessibleName(
            f"{plan.exercise_name}: now {plan.dose_text()}, target "
            f"{plan.dose_text(plan.target_dose)}. {decision_words(plan)}"
        )


class PlannerPage(QWidget):
    """Plans, calendar and session log.

    Attributes:
        ctx: the shared context.
        calendar: the week/month calendar.
        cards: plan id -> its card.
        selected: the chosen session, or None.
    """

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        today: Callable[[], date] = lambda: now().date(),
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.setObjectName("plannerContent")
        self.cards: dict[str, PlanCard] = {}
        self.selected: SessionView | None = None

        outer = QVBoxLayout(self)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        # -- empty state ------------------------------------------------------------------
        empty = QWidget()
        empty_box = QVBoxLayout(empty)
        self.empty_state = EmptyState(
            "No exercise plan yet",
            "Choose a gentle exercise from the library and start with a small dose: the "
            "planner will grow it only as fast as your body allows.",
        )
        self.empty_state.setObjectName("plannerEmptyState")
        empty_box.addWidget(self.empty_state)
        self.choose_button = QPushButton("&Choose a gentle exercise")
        self.choose_button.setObjectName("chooseExercise")
        self.choose_button.setMinimumHeight(self.choose_button.sizeHint().height() * 2)
        self.choose_button.clicked.connect(self.add_plan)
        row = QHBoxLayout()
        row.setContentsMargins(0, 12, 0, 0)
        row.addStretch(1)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        # Right under the sentence (the empty state's layout: stretch, title, text, stretch).
        empty_layout = self.empty_state.layout()
        if isinstance(empty_layout, QVBoxLayout):
            empty_layout.insertLayout(3, row)
        else:
            empty_box.addLayout(row)
        self.stack.addWidget(empty)

        # -- plans, calendar, session -----------------------------------------------------
        main = QWidget()
        main_box = QVBoxLayout(main)
        main_box.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(_bigger(QLabel("Exercise plans"), 1.4))
        header.addStretch(1)
        self.add_button = QPushButton("&Add a plan\N{HORIZONTAL ELLIPSIS}")
        self.add_button.setObjectName("addPlan")
        self.add_button.clicked.connect(self.add_plan)
        header.addWidget(self.add_button)
        main_box.addLayout(header)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        main_box.addWidget(split, 1)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        self.plans_scroll = QScrollArea()
        self.plans_scroll.setWidgetResizable(True)
        self.plans_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.plans_host = _WrapHost()
        self.plans_box = QVBoxLayout(self.plans_host)
        self.plans_box.setContentsMargins(0, 0, 0, 0)
        self.plans_scroll.setWidget(self.plans_host)
        left_box.addWidget(self.plans_scroll, 1)
        left_box.addWidget(self._build_reminders())
        split.addWidget(left)

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        self.calendar = CalendarView(planner.sessions_between, today=self._today)
        self.calendar.sessionSelected.connect(self.select_session)
        self.calendar.sessionActivated.connect(self._activated)
        right_box.addWidget(self.calendar, 1)
        right_box.addWidget(self._build_details())
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([330, 820])
        self.stack.addWidget(main)

        ctx.changed.connect(self._on_changed)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _build_reminders(self) -> QGroupBox:
        group = QGroupBox("Reminders")
        group.setObjectName("reminderSettings")
        box = QVBoxLayout(group)
        self.remind_sessions = QCheckBox("At each sessi&on's time")
        self.remind_sessions.setObjectName("remindSessions")
        box.addWidget(self.remind_sessions)
        self.remind_evening = QCheckBox("Eve&ning reminder to fill in the diary")
        self.remind_evening.setObjectName("remindEvening")
        box.addWidget(self.remind_evening)
        evening = QHBoxLayout()
        evening.setContentsMargins(24, 0, 0, 0)
        at = QLabel("at")
        self.evening_time = QTimeEdit()
        self.evening_time.setObjectName("eveningTime")
        self.evening_time.setDisplayFormat("HH:mm")
        self.evening_time.setAccessibleName("Evening reminder time")
        at.setBuddy(self.evening_time)
        evening.addWidget(at)
        evening.addWidget(self.evening_time)
        evening.addStretch(1)
        box.addLayout(evening)
        self._load_reminders()
        self.remind_sessions.toggled.connect(self._save_reminders)
        self.remind_evening.toggled.connect(self._save_reminders)
        self.evening_time.editingFinished.connect(self._save_reminders)
        return group

    def _build_details(self) -> QGroupBox:
        group = QGroupBox("Chosen session")
        group.setObjectName("sessionPanel")
        box = QVBoxLayout(group)
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
        self.start_button.clicked.connect(self.start_selected)
        self.log_button = QPushButton("&Log\N{HORIZONTAL ELLIPSIS}")
        self.log_button.setObjectName("logSession")
        self.log_button.clicked.connect(self.log_selected)
        self.undo_button = QPushButton("&Undo log")
        self.undo_button.setObjectName("undoLog")
        self.undo_button.setToolTip("Make this session planned again, forgetting its log")
        self.undo_button.clicked.connect(self.undo_selected)
        for button in (self.start_button, self.log_button, self.undo_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        return group

    # -- refreshing ---------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.run_due_reviews()

    def run_due_reviews(self) -> None:
        """Run the weekly reviews that have come due (and keep the schedule ahead)."""
        today = self._today()
        if planner.has_due_work(today):
            self.ctx.perform(lambda: planner.run_due_reviews(today), source=self)

    def _on_changed(self, change: Change) -> None:
        if change.touches("plans", "sessions", "settings"):
            self.refresh()

    def refresh(self) -> None:
        views = planner.plans(today=self._today())
        self.stack.setCurrentIndex(1 if views else 0)
        self._fill_cards(views)
        if views:
            self.calendar.refresh()
        self._load_reminders()
        if self.selected is not None:
            try:
                self.selected = planner.session(self.selected.id)
            except ValueError:
                self.selected = None
        if self.selected is None and views:
            today = self._today()
            todays = [s for s in planner.sessions_between(today, today) if s.status == "planned"]
            if todays:
                self.calendar.select(todays[0].id)
                return
        self._show_selected()

    def _fill_cards(self, views: list[PlanView]) -> None:
        while self.plans_box.count():
            item = self.plans_box.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = {}
        for view in views:
            card = PlanCard(view, self)
            self.plans_box.addWidget(card)
            self.cards[view.id] = card
        self.plans_box.addStretch(1)

    def _load_reminders(self) -> None:
        settings = planner.reminder_settings()
        for widget in (self.remind_sessions, self.remind_evening, self.evening_time):
            widget.blockSignals(True)
        self.remind_sessions.setChecked(settings["sessions"])
        self.remind_evening.setChecked(settings["evening"])
        hour, minute = (int(x) for x in settings["evening_time"].split(":"))
        self.evening_time.setTime(QTime(hour, minute))
        for widget in (self.remind_sessions, self.remind_evening, self.evening_time):
            widget.blockSignals(False)

    def _save_reminders(self, *_args: object) -> None:
        sessions = self.remind_sessions.isChecked()
        evening = self.remind_evening.isChecked()
        at = self.evening_time.time().toString("HH:mm")
        self.ctx.perform(lambda: planner.save_reminder_settings(sessions, evening, at), source=self)

    # -- the chosen session ---------------------------------------------------------------
    def select_session(self, session_id: str) -> None:
        try:
            self.selected = planner.session(session_id)
        except ValueError:
            self.selected = None
        self._show_selected()

    def _show_selected(self) -> None:
        s = self.selected
        if s is None:
            self.details.setText("Choose a session in the calendar to start it or log it.")
            self.pacing.setText("")
            for button in (self.start_button, self.log_button, self.undo_button):
                button.setEnabled(False)
            return
        today = self._today()
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

    def _activated(self, session_id: str) -> None:
        self.select_session(session_id)
        if self.log_button.isEnabled():
            self.log_selected()

    def start_selected(self) -> None:
        if self.selected is not None:
            start_flow(self.ctx, self.selected.id, self)

    def log_selected(self) -> None:
        if self.selected is not None:
            log_flow(self.ctx, self.selected.id, self)

    def undo_selected(self) -> None:
        if self.selected is None:
            return
        session_id = self.selected.id
        self.ctx.perform(lambda: planner.reset_session(session_id), source=self)

    # -- plans ----------------------------------------------------------------------------
    def add_plan(self) -> None:
        from fibrodesk.ui.plan_flow import plan_flow

        plan_flow(self.ctx, self)

    def change_plan(self, plan: PlanView) -> None:
        from fibrodesk.ui.plan_flow import plan_flow

        plan_flow(self.ctx, self, plan)

    def confirm(self, question: str) -> bool:
        """Ask yes or no (tests replace this)."""
        from fibrodesk.ui.messages import ask_yes_no

        return ask_yes_no(self, question)

    def stop_plan(self, plan: PlanView) -> None:
        question = (
            f"Stop the {html.escape(plan.exercise_name)} plan? Its sessions from today on are removed; "
            "everything you logged stays in your diary."
        )
        if self.confirm(question):
            today = self._today()
            self.ctx.perform(lambda: planner.stop_plan(plan.id, today), source=self)
