"""The Planner page: paced exercise plans, their calendar, and logging a session.

A new person sees one friendly sentence and one button ("Choose a gentle exercise").
Then: each plan with its dose now, its target, and the pacing rule's latest decision in
words; a week or month calendar of sessions, each saying its status in words; and, for
the chosen session, Start (the timer) and Log. Opening the page runs any weekly review
that has come due, so the dose shown is always the one in force.

Every write goes through ``ctx.perform``; the page refreshes on changes that touch
``plans`` or ``sessions``. This module holds the page (its layout, the reminder settings,
refreshing, and what each button does); :mod:`fibrodesk.ui.plan_cards` the plan cards and
the decisions dialog, :mod:`fibrodesk.ui.session_panel` the chosen session's box.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import now
from fibrodesk.db import planner
from fibrodesk.db.planner import PlanView, SessionView
from fibrodesk.ui.calendar_view import CalendarView
from fibrodesk.ui.context import AppContext, Change
from fibrodesk.ui.empty_state import EmptyState
from fibrodesk.ui.page_title import page_title
from fibrodesk.ui.plan_cards import PlanCard, WrapHost
from fibrodesk.ui.reflow import SplitterReflow
from fibrodesk.ui.reminders_dialog import evening_reminder_row
from fibrodesk.ui.session_dialog import log_flow
from fibrodesk.ui.session_panel import SessionPanel
from fibrodesk.ui.session_timer import start_flow


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
        empty_box.setContentsMargins(0, 0, 0, 0)  # the title where it is with plans
        empty_box.addWidget(page_title("Exercise plans"))  # the page's title, plans or not
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
        header.addWidget(page_title("Exercise plans"))
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
        self.plans_host = WrapHost()
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
        self.session_panel = SessionPanel()
        self.details, self.pacing = self.session_panel.details, self.session_panel.pacing
        self.start_button = self.session_panel.start_button
        self.log_button = self.session_panel.log_button
        self.undo_button = self.session_panel.undo_button
        self.start_button.clicked.connect(self.start_selected)
        self.log_button.clicked.connect(self.log_selected)
        self.undo_button.clicked.connect(self.undo_selected)
        right_box.addWidget(self.session_panel)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([330, 820])
        # Plans beside the calendar when the window has room, above it when it has not.
        self.split = split
        self.reflow = SplitterReflow(split, self, turned=self._columns_turned)
        self.stack.addWidget(main)

        ctx.changed.connect(self._on_changed)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _columns_turned(self, orientation: Qt.Orientation) -> None:
        """Stacked above the calendar, the plans keep room for a whole card."""
        stacked = orientation == Qt.Orientation.Vertical
        self.plans_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 14 if stacked else 0)

    def _build_reminders(self) -> QGroupBox:
        group = QGroupBox("Reminders")
        group.setObjectName("reminderSettings")
        box = QVBoxLayout(group)
        self.remind_sessions = QCheckBox("At each sessi&on's time")
        self.remind_sessions.setObjectName("remindSessions")
        box.addWidget(self.remind_sessions)
        self.remind_evening, self.evening_time, evening = evening_reminder_row(
            "Eve&ning reminder to fill in the diary", "remindEvening", "eveningTime", at="at"
        )
        box.addWidget(self.remind_evening)
        box.addLayout(evening)
        self._load_reminders()
        self.remind_sessions.toggled.connect(self._save_reminders)
        self.remind_evening.toggled.connect(self._save_reminders)
        self.evening_time.editingFinished.connect(self._save_reminders)
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
            card = PlanCard(view)
            card.changeRequested.connect(self.change_plan)
            card.stopRequested.connect(self.stop_plan)
            self.plans_box.addWidget(card)
            self.cards[view.id] = card
        # The column is never narrower than its cards (buttons, a long word): it scrolls
        # down only, and the page stacks it above the calendar when both do not fit.
        self.plans_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self.plans_scroll.verticalScrollBar().sizeHint().width()
        self.plans_scroll.setMinimumWidth(self.plans_host.minimumSizeHint().width() + bar + 2)
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
        self.session_panel.show_session(self.selected, self._today())

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
