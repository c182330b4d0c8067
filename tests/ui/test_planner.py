"""The planner as a person uses it: make a plan, run a session, log it, see the dose move."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QLabel

from fibrodesk.core.clock import iso
from fibrodesk.core.exercises import library
from fibrodesk.core.pacing import day_name
from fibrodesk.db import planner
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.models import CheckIn, Entry, ExerciseSession, PacingDecision, PainMark, Plan
from fibrodesk.db.planner import reminder_settings, save_reminder_settings
from fibrodesk.errors import SaveError
from fibrodesk.ui.calendar_view import CalendarView
from fibrodesk.ui.plan_cards import DecisionsDialog
from fibrodesk.ui.plan_dialog import PlanDialog
from fibrodesk.ui.planner_page import PlannerPage
from fibrodesk.ui.reminders import Reminders
from fibrodesk.ui.session_dialog import SessionDialog
from fibrodesk.ui.session_timer import STOP_CUE, SessionTimer
from fibrodesk.ui.today_sessions import TodaySessions

EVERY_DAY = 127


def make_plan(window, *args: Any) -> Plan:
    """A plan made as one operation, its change broadcast to every page."""
    done = window.ctx.perform(
        lambda: Done(planner.create_plan(*args), Change.PLANS | Change.SESSIONS)
    )
    assert done is not None
    return done.value


def planner_page(window) -> PlannerPage:
    page = window.show_page("planner")
    assert isinstance(page, PlannerPage)
    return page


def type_into(qtbot, widget, text: str) -> None:
    """Select what a field holds and type over it, as a person does."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def add_leg_marks(on: date, value: int) -> None:
    entry = Entry.create(
        recorded_at=iso(datetime.combine(on, time(9, 0)).astimezone()), date=on.isoformat()
    )
    PainMark.create(entry=entry, region="calf_left", intensity=value)
    PainMark.create(entry=entry, region="calf_right", intensity=value)


# -- a new person ----------------------------------------------------------------------------


def test_new_user_sees_an_empty_state_with_one_button(window) -> None:
    page = planner_page(window)
    assert page.stack.currentIndex() == 0
    assert page.empty_state.title.text() == "No exercise plan yet"
    assert page.choose_button.text().replace("&", "") == "Choose a gentle exercise"
    assert page.choose_button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_create_plan_through_its_dialog(window, qtbot, monkeypatch) -> None:
    page = planner_page(window)
    seen: dict[str, Any] = {}

    def fill_and_accept(cls, ctx, parent=None, plan=None, initial=None, problem=""):
        dialog = cls(ctx, parent, plan, initial)
        qtbot.addWidget(dialog)
        dialog.show()
        # Choose "Flat walking" in the picker, as a person clicks it.
        item = dialog.tree.findItems(
            "Flat walking", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )[0]
        dialog.tree.scrollToItem(item)
        rect = dialog.tree.visualItemRect(item)
        qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert dialog.title.text() == "Flat walking"
        assert dialog.how_to.text() == library()["flat_walking"].how_to
        # The suggestion for aerobic work: Monday, Wednesday, Friday.
        assert dialog.weekdays() == [0, 2, 4]
        seen["suggestion"] = dialog.suggestion.text()
        # Saturday too, then change their mind and untick it again.
        qtbot.mouseClick(dialog.day_boxes[5], Qt.MouseButton.LeftButton)
        assert dialog.weekdays() == [0, 2, 4, 5]
        qtbot.mouseClick(dialog.day_boxes[5], Qt.MouseButton.LeftButton)
        type_into(qtbot, dialog.time, "10:30")
        type_into(qtbot, dialog.start_dose, "6")
        type_into(qtbot, dialog.target, "30")
        dialog.target.interpretText()
        dialog.start_dose.interpretText()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.values()

    monkeypatch.setattr(PlanDialog, "ask", classmethod(fill_and_accept))
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)

    assert "Mon, Wed, Fri" in seen["suggestion"]
    plan = Plan.get()
    assert (plan.exercise_id, plan.weekdays, plan.time_of_day) == ("flat_walking", 0b10101, "10:30")
    assert (plan.start_dose, plan.current_dose, plan.target_dose) == (6, 6, 30)
    assert plan.max_increase_pct == 10.0 and plan.payback_margin == 3.0
    sessions = list(ExerciseSession.select().where(ExerciseSession.plan == plan))
    assert len(sessions) >= 20 and all(s.planned_dose == 6 for s in sessions)
    assert {date.fromisoformat(s.date).weekday() for s in sessions} == {0, 2, 4}
    # On screen: the plan with its dose now, its target and the first decision in words.
    assert page.stack.currentIndex() == 1
    card = page.cards[plan.id]
    assert card.name.text() == "Flat walking"
    assert "6 minutes" in card.dose.text() and "target 30 minutes" in card.dose.text()
    assert card.decision.text() == "First week: start gently at 6 minutes."
    # The calendar shows this week's sessions with their status in words.
    page.calendar.set_mode("month")
    texts = [b.text_shown() for b in page.calendar.buttons.values()]
    assert texts and all("Flat walking" in t for t in texts)
    assert any("planned" in t for t in texts)


def test_plan_dialog_warns_about_strength_every_day_and_offers_a_baseline(window, qtbot) -> None:
    dialog = PlanDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog._select_exercise(("library", "sit_to_stand"))
    assert dialog.weekdays() == [0, 2]  # twice a week, a rest day between
    for box in dialog.day_boxes[1:4]:
        box.setChecked(True)
    assert "twice a week" in dialog.warnings.text()
    assert dialog.ok.isEnabled()
    # Baseline helper: three trials of 10, 12 and 8 -> mean 10 minus 20% -> 8.
    dialog.helper_toggle.setChecked(True)
    for spin, value in zip(dialog.trials, (10, 12, 8), strict=True):
        spin.setValue(value)
    assert dialog.helper.dose() == 8
    qtbot.mouseClick(dialog.use_helper, Qt.MouseButton.LeftButton)
    assert dialog.start_dose.value() == 8
    dialog.tolerance_mode.setChecked(True)
    dialog.good_day.setValue(20)
    dialog.bad_day.setValue(10)
    assert dialog.helper.dose() == 15
    # Advanced settings hold the domain.md defaults until changed.
    assert dialog.settings().max_increase_pct == 10.0
    assert dialog.settings().step_back_pct == 20.0
    for box in dialog.day_boxes:
        box.setChecked(False)
    assert not dialog.ok.isEnabled()


def test_own_exercise_is_saved_with_the_plan(window, qtbot, monkeypatch) -> None:
    page = planner_page(window)

    def fill(cls, ctx, parent=None, plan=None, initial=None, problem=""):
        dialog = cls(ctx, parent, plan, initial)
        qtbot.addWidget(dialog)
        dialog.add_custom_choice(
            {
                "name": "Walk to the post box",
                "kind": "aerobic",
                "unit": "minutes",
                "how_to": "",
                "cautions": "",
            }
        )
        assert dialog.title.text() == "Walk to the post box"
        dialog.accept()
        return dialog.values()

    monkeypatch.setattr(PlanDialog, "ask", classmethod(fill))
    page.add_plan()
    (view,) = planner.plans()
    assert view.exercise_name == "Walk to the post box" and view.custom


# -- a session: timer, then log ------------------------------------------------------------


def test_run_a_session_with_the_timer_then_log_it(window, qtbot, monkeypatch) -> None:
    page = planner_page(window)
    today = date.today()
    plan = make_plan(window, "flat_walking", EVERY_DAY, "10:00", today, 5, 30)
    assert page.selected is not None and page.selected.date == today  # today's is chosen
    assert page.start_button.isEnabled()
    shown: dict[str, Any] = {}

    def run_timer(cls, ctx, session_id, parent=None):
        timer = cls(planner.session(session_id), parent, clock=lambda: 0.0, autostart=False)
        qtbot.addWidget(timer)
        timer.show()
        assert timer.big.text() == "5:00"
        timer.tick(60)
        assert timer.big.text() == "4:00"
        qtbot.mouseClick(timer.pause_button, Qt.MouseButton.LeftButton)
        timer.tick(600)  # paused: nothing counts
        assert timer.big.text() == "4:00" and "Paused" in timer.step.text()
        qtbot.mouseClick(timer.pause_button, Qt.MouseButton.LeftButton)
        for _ in range(4 * 60):
            timer.tick(1)
        assert timer.state == "finished"
        shown["cue"] = timer.cue.text()
        assert timer.log_button.isVisible()
        qtbot.mouseClick(timer.log_button, Qt.MouseButton.LeftButton)
        assert timer.result() == QDialog.DialogCode.Accepted
        return timer.status(), timer.actual_dose()

    def fill_log(cls, ctx, session_id, parent=None, initial=None, problem=""):
        dialog = cls(planner.session(session_id), initial, problem, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        shown["dose_filled"] = dialog.dose.value()
        shown["status_filled"] = dialog.status()
        dialog.effort.setCurrentIndex(dialog.effort.findData(3))
        assert dialog.effort.currentText() == "3 \N{EM DASH} moderate"
        type_into(qtbot, dialog.pain_before, "2")
        type_into(qtbot, dialog.pain_after, "3")
        dialog.pain_before.interpretText()
        dialog.pain_after.interpretText()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.values()

    monkeypatch.setattr(SessionTimer, "run", classmethod(run_timer))
    monkeypatch.setattr(SessionDialog, "ask", classmethod(fill_log))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)

    assert shown["cue"] == STOP_CUE
    assert (shown["status_filled"], shown["dose_filled"]) == ("done", 5)
    row = ExerciseSession.get(
        (ExerciseSession.plan == plan) & (ExerciseSession.date == today.isoformat())
    )
    assert (row.status, row.actual_dose, row.effort, row.pain_before, row.pain_after) == (
        "done",
        5,
        3,
        2,
        3,
    )
    assert not row.stopped_for_pain
    assert "effort 3 (moderate)" in page.details.text()
    assert "\N{CHECK MARK}" in page.details.text() and "done" in page.details.text()
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert ExerciseSession.get_by_id(row.id).status == "planned"


def test_timer_counts_sets_with_rests_and_stopping_early(window, qtbot) -> None:
    today = date.today()
    planner.create_plan("calf_raise", EVERY_DAY, "11:00", today, 8, 15)
    (s,) = planner.sessions_between(today, today)
    timer = SessionTimer(s, clock=lambda: 0.0, autostart=False)
    qtbot.addWidget(timer)
    assert timer.big.text() == "Set 1 of 2"
    qtbot.mouseClick(timer.set_button, Qt.MouseButton.LeftButton)
    assert timer.state == "resting" and timer.big.text() == "1:00"
    timer.tick(59)
    assert timer.state == "resting"
    timer.tick(1)
    assert timer.state == "running" and timer.big.text() == "Set 2 of 2"
    qtbot.mouseClick(timer.set_button, Qt.MouseButton.LeftButton)
    assert timer.state == "finished" and timer.actual_dose() == 8 and timer.status() == "done"
    assert timer.cue.text() == STOP_CUE

    planner.create_plan("flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    walk = next(x for x in planner.sessions_between(today, today) if x.unit == "minutes")
    early = SessionTimer(walk, clock=lambda: 0.0, autostart=False)
    qtbot.addWidget(early)
    early.tick(6 * 60 + 30)
    qtbot.mouseClick(early.stop_button, Qt.MouseButton.LeftButton)
    assert (early.status(), early.actual_dose()) == ("partly", 6)
    assert "Stopped early" in early.cue.text()


def test_log_dialog_effort_words_and_status_follow_what_is_typed(window, qtbot) -> None:
    today = date.today()
    planner.create_plan("flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    (s,) = planner.sessions_between(today, today)
    dialog = SessionDialog(s)
    qtbot.addWidget(dialog)
    items = [dialog.effort.itemText(i) for i in range(dialog.effort.count())]
    assert items[0] == "not noted"
    # The app's own words (domain.md s.7), not the Borg CR10 labels.
    assert items[1:] == [
        "0 \N{EM DASH} at rest",
        "1 \N{EM DASH} very light",
        "2 \N{EM DASH} light",
        "3 \N{EM DASH} moderate",
        "4 \N{EM DASH} a bit hard",
        "5 \N{EM DASH} hard",
        "6 \N{EM DASH} between hard and very hard",
        "7 \N{EM DASH} very hard",
        "8 \N{EM DASH} between very hard and the hardest I could",
        "9 \N{EM DASH} between very hard and the hardest I could",
        "10 \N{EM DASH} the hardest I could",
    ]
    aims = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Aim for light to moderate effort: about 2 to 4." in aims
    dialog.stopped.setChecked(True)
    assert dialog.status() == "partly"  # stopping for pain is a partly done session
    dialog.status_buttons["skipped"].setChecked(True)
    assert not dialog.dose.isEnabled()
    dialog.reason.setText("Too tired.")
    values = dialog.values()
    assert values["status"] == "skipped" and values["actual_dose"] is None
    assert values["reason"] == "Too tired." and values["stopped_for_pain"] is False


def test_a_refused_save_brings_the_log_back_with_what_was_typed(window, monkeypatch) -> None:
    page = planner_page(window)
    today = date.today()
    make_plan(window, "flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    calls: list[tuple[Any, str]] = []
    typed = {
        "status": "partly",
        "actual_dose": 7,
        "effort": 4,
        "pain_before": 3,
        "pain_after": 6,
        "stopped_for_pain": True,
        "reason": "Calves hurt.",
        "note": "",
    }

    def ask(cls, ctx, session_id, parent=None, initial=None, problem=""):
        calls.append((initial, problem))
        return dict(typed) if len(calls) < 3 else None

    real = planner.log_session
    attempts: list[int] = []

    def full_disk(*args, **kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            raise SaveError("The change could not be saved (disk full); free some space.")
        return real(*args, **kwargs)

    monkeypatch.setattr(SessionDialog, "ask", classmethod(ask))
    monkeypatch.setattr(planner, "log_session", full_disk)
    page.log_selected()
    assert len(calls) == 2
    assert calls[1][0] == typed and "disk full" in calls[1][1]
    row = ExerciseSession.get_by_id(page.selected.id)
    assert (row.status, row.actual_dose, row.reason) == ("partly", 7, "Calves hurt.")


# -- the weekly review, on screen -----------------------------------------------------------


def test_weekly_reviews_hold_step_back_and_increase_with_reasons_on_screen(window, qtbot) -> None:
    ctx = window.ctx
    start = date.today() - timedelta(days=30)
    current = [start]
    page = PlannerPage(ctx, today=lambda: current[0])
    qtbot.addWidget(page)
    plan = planner.create_plan(
        "flat_walking", EVERY_DAY, "10:00", start, 10, 30, baseline_pain=3.0, today=start
    )

    def live_week(first: date) -> None:
        for s in planner.sessions_between(first, first + timedelta(days=6), plan.id):
            planner.log_session(s.id, "done", effort=3)

    def review_on(day: date) -> None:
        current[0] = day
        page.run_due_reviews()

    # Week 1: a flare on its second day -> hold.
    live_week(start)
    flare_day = start + timedelta(days=1)
    CheckIn.create(date=flare_day.isoformat(), flare=True)
    review_on(start + timedelta(days=7))
    card = page.cards[plan.id]
    assert f"Held: flare logged on {day_name(flare_day)}." in card.decision.text()
    assert "Now: <b>10 minutes</b>" in card.dose.text()
    assert PacingDecision.get(PacingDecision.review_date == current[0].isoformat()).action == "hold"

    # Week 2: leg pain 7 the day after a session, baseline 3 + 3 -> payback -> step back.
    week2 = start + timedelta(days=7)
    live_week(week2)
    add_leg_marks(week2 + timedelta(days=3), 7)
    review_on(start + timedelta(days=14))
    card = page.cards[plan.id]
    assert card.decision.text().startswith(f"Review of {day_name(current[0])}: Stepped back")
    assert "payback" in card.decision.text()
    assert Plan.get_by_id(plan.id).current_dose == 8
    upcoming = planner.sessions_between(current[0], current[0] + timedelta(days=6), plan.id)
    assert all(s.planned_dose == 8 and s.pacing_action == "step_back" for s in upcoming)

    # Week 3: nothing to worry about -> increase by at most 10%, at least one minute.
    live_week(start + timedelta(days=14))
    review_on(start + timedelta(days=21))
    decision = PacingDecision.get(PacingDecision.review_date == current[0].isoformat())
    assert (decision.action, decision.old_dose, decision.new_dose) == ("increase", 8, 9)
    assert "Increased by 1 minute" in page.cards[plan.id].decision.text()

    # "Why..." lists every decision with its reason, newest first.
    history = DecisionsDialog(planner.plan(plan.id))
    qtbot.addWidget(history)
    lines = [history.list.item(i).text() for i in range(history.list.count())]
    assert len(lines) == 4
    assert "Increased" in lines[0] and "Stepped back" in lines[1] and "Held" in lines[2]
    assert "First week" in lines[3]


def test_opening_the_planner_runs_the_due_review(window, qtbot) -> None:
    today = date.today()
    plan = planner.create_plan(
        "flat_walking", EVERY_DAY, "10:00", today - timedelta(days=7), 10, 30
    )
    for s in planner.sessions_between(today - timedelta(days=7), today - timedelta(days=1)):
        planner.log_session(s.id, "done")
    window.show()
    qtbot.waitExposed(window)
    page = planner_page(window)
    assert Plan.get_by_id(plan.id).current_dose == 11
    assert "Increased by 1 minute" in page.cards[plan.id].decision.text()


# -- calendar, plans, today ---------------------------------------------------------------


def test_calendar_week_and_month_views_with_status_in_words(diary, qtbot) -> None:
    monday = date(2026, 3, 2)
    planner.create_plan("flat_walking", 0b10101, "10:30", monday, 10, 30, today=monday)
    sessions = planner.sessions_between(monday, monday + timedelta(days=6))
    planner.log_session(sessions[0].id, "done")
    planner.log_session(sessions[1].id, "skipped", reason="Appointment.")
    view = CalendarView(planner.sessions_between, today=lambda: monday + timedelta(days=5))
    qtbot.addWidget(view)
    view.show_day(monday)
    assert view.title.text() == "Week of Monday 2 March 2026"
    texts = [view.buttons[s.id].text_shown() for s in sessions]
    assert "\N{CHECK MARK}" in texts[0] and "done" in texts[0]
    assert "\N{BALLOT X}" in texts[1] and "skipped" in texts[1]
    assert "?" in texts[2] and "not logged" in texts[2]  # Friday, past and never logged
    name = view.buttons[sessions[0].id].accessibleName()
    assert name.startswith("Flat walking, Monday 2 March at 10:30, 10 minutes, done")
    with qtbot.waitSignal(view.sessionSelected) as chosen:
        qtbot.mouseClick(view.buttons[sessions[1].id], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert chosen.args == [sessions[1].id]
    view.set_mode("month")
    assert view.title.text() == "March 2026"
    first, last = view.period()
    assert first == date(2026, 2, 23) and last == date(2026, 4, 5)
    assert len(view.buttons) == len(planner.sessions_between(first, last))
    view.step(1)
    assert view.title.text() == "April 2026"
    view.step(-2)
    assert view.title.text() == "February 2026"


def test_change_and_stop_a_plan_from_its_card(window, qtbot, monkeypatch) -> None:
    page = planner_page(window)
    today = date.today()
    plan = make_plan(window, "flat_walking", 0b10101, "10:00", today, 10, 30)

    def change(cls, ctx, parent=None, plan=None, initial=None, problem=""):
        dialog = cls(ctx, parent, plan, initial)
        qtbot.addWidget(dialog)
        assert not dialog.tree.isEnabled() and dialog.ok.text() == "Save changes"
        dialog.day_boxes[0].setChecked(False)
        dialog.day_boxes[1].setChecked(True)
        dialog.target.setValue(25)
        dialog.accept()
        return dialog.values()

    monkeypatch.setattr(PlanDialog, "ask", classmethod(change))
    qtbot.mouseClick(page.cards[plan.id].change, Qt.MouseButton.LeftButton)
    row = Plan.get_by_id(plan.id)
    assert (row.weekdays, row.target_dose) == (0b10110, 25)
    assert "Tue, Wed, Fri at 10:00" in page.cards[plan.id].when.text()

    monkeypatch.setattr(PlannerPage, "confirm", lambda self, question: True)
    qtbot.mouseClick(page.cards[plan.id].stop, Qt.MouseButton.LeftButton)
    assert not Plan.get_by_id(plan.id).active
    assert page.stack.currentIndex() == 0  # back to the friendly empty state


def test_today_sessions_start_and_log(window, qtbot, monkeypatch) -> None:
    today = date.today()
    widget = TodaySessions(window.ctx)
    qtbot.addWidget(widget)
    assert "No exercise planned for today" in widget.empty.text()
    make_plan(window, "flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    (session_id,) = widget.rows
    label, start, log = widget.rows[session_id]
    assert "Flat walking" in label.text() and "planned" in label.text()
    assert start.isEnabled()

    def ask(cls, ctx, sid, parent=None, initial=None, problem=""):
        return {"status": "done", "actual_dose": 10, "effort": 2}

    monkeypatch.setattr(SessionDialog, "ask", classmethod(ask))
    qtbot.mouseClick(log, Qt.MouseButton.LeftButton)
    label, start, log = widget.rows[session_id]
    assert "done" in label.text() and not start.isEnabled()
    assert ExerciseSession.get_by_id(session_id).effort == 2


# -- reminders ----------------------------------------------------------------------------


def test_reminders_at_session_time_and_in_the_evening(window, qtbot) -> None:
    today = date.today()
    planner.create_plan("flat_walking", EVERY_DAY, "10:00", today, 10, 30)
    reminders = Reminders(window.ctx, use_tray=False)
    at = datetime.combine(today, time(10, 1)).astimezone()
    with qtbot.waitSignal(reminders.notice) as notice:
        given = reminders.check(at)
    assert "Flat walking" in notice.args[0] and "10 minutes" in notice.args[0]
    assert len(given) == 1
    assert reminders.check(at + timedelta(minutes=1)) == []  # once per session
    assert reminders.check(datetime.combine(today, time(9, 0)).astimezone()) == []
    evening = reminders.check(datetime.combine(today, time(20, 0)).astimezone())
    assert evening == [
        "Time to fill in today's diary: a minute is enough, and every field is optional."
    ]
    assert reminders.check(datetime.combine(today, time(21, 0)).astimezone()) == []


def test_reminders_can_be_switched_off_on_the_page(window, qtbot) -> None:
    today = date.today()
    make_plan(window, "flat_walking", EVERY_DAY, "10:00", today, 10, 30)
    window.show()
    qtbot.waitExposed(window)
    page = planner_page(window)
    assert page.remind_sessions.isChecked() and page.remind_evening.isChecked()
    for box in (page.remind_sessions, page.remind_evening):  # click on the tick box itself
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert reminder_settings() == {"sessions": False, "evening": False, "evening_time": "20:00"}
    reminders = Reminders(window.ctx, use_tray=False)
    assert reminders.check(datetime.combine(today, time(10, 5)).astimezone()) == []
    assert reminders.check(datetime.combine(today, time(20, 30)).astimezone()) == []
    save_reminder_settings(evening=True, evening_time="19:30")
    CheckIn.create(date=today.isoformat(), overall_pain=4)  # the diary is filled in
    assert reminders.check(datetime.combine(today, time(19, 45)).astimezone()) == []


def test_a_new_day_runs_the_due_reviews(window, qtbot) -> None:
    start = date.today() - timedelta(days=7)
    plan = planner.create_plan("flat_walking", EVERY_DAY, "10:00", start, 10, 30, today=start)
    reminders = Reminders(window.ctx, use_tray=False)
    with qtbot.waitSignal(window.ctx.changed):
        reminders.check(datetime.combine(date.today(), time(0, 1)).astimezone())
    assert PacingDecision.select().where(PacingDecision.plan == plan).count() == 2
    # Past midnight with nothing due: today's sessions are still told to refresh.
    with qtbot.waitSignal(window.ctx.changed) as change:
        reminders.check(datetime.combine(date.today() + timedelta(days=1), time(0, 1)).astimezone())
    assert change.args[0].touches("sessions")


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_page_builds_in_both_palettes(window, theme) -> None:
    window.set_theme(theme)
    planner.create_plan("flat_walking", EVERY_DAY, "10:00", date.today(), 10, 30)
    window.ctx.broadcast("plans")
    page = planner_page(window)
    assert page.stack.currentIndex() == 1
    for button in page.findChildren(type(page.add_button)):
        assert button.font().pixelSize() == -1  # sizes follow the system font, never pixels


# -- keyboard -------------------------------------------------------------------------------


def alt_keys(root) -> list[str]:
    """Every Alt-key a person can press in ``root``: buttons, labelled fields, group titles."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

    keys = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        text = text.replace("&&", "")
        if "&" in text:
            keys.append(text[text.index("&") + 1].lower())
    return keys


def no_repeats(keys: list[str]) -> list[str]:
    return sorted({k for k in keys if keys.count(k) > 1})


def test_alt_keys_are_unique(window, qtbot) -> None:
    today = date.today()
    make_plan(window, "calf_raise", EVERY_DAY, "10:00", today, 8, 15)
    page = planner_page(window)
    menus = [a.text() for a in window.menuBar().actions()]
    sidebar = [
        b.text()
        for b in window.findChildren(type(page.add_button))
        if b.objectName().endswith("Button")
    ]
    window_keys = [t[t.index("&") + 1].lower() for t in menus + sidebar if "&" in t]
    assert no_repeats(alt_keys(page) + window_keys) == []
    dialog = PlanDialog(window.ctx)
    qtbot.addWidget(dialog)
    assert no_repeats(alt_keys(dialog)) == []
    (s,) = planner.sessions_between(today, today)
    log = SessionDialog(s)
    qtbot.addWidget(log)
    assert no_repeats(alt_keys(log)) == []
    timer = SessionTimer(s, autostart=False)
    qtbot.addWidget(timer)
    assert no_repeats(alt_keys(timer)) == []
