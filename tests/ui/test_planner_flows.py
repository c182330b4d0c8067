"""Planner actions as a person meets them when the disk refuses, and the weekly review
that sees the whole week (issue 10 point 3, issue 11 points 3 and 5)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fibrodesk.db import planner
from fibrodesk.db.models import CheckIn, ExerciseSession, Plan
from fibrodesk.ui.plan_cards import DecisionsDialog
from fibrodesk.ui.plan_dialog import PlanDialog
from fibrodesk.ui.planner_page import PlannerPage
from fibrodesk.ui.reminders import Reminders
from fibrodesk.ui.session_dialog import SessionDialog, log_flow
from tests.faults import fail_each_write

EVERY_DAY = 127


def one_sentence(text: str) -> bool:
    return bool(text) and text.endswith(".") and ". " not in text


def test_log_flow_keeps_what_was_typed_when_any_write_fails(window, faults, monkeypatch) -> None:
    today = date.today()
    plan = planner.create_plan("flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    (s,) = planner.sessions_between(today, today, plan.id)
    typed = {
        "status": "partly",
        "actual_dose": 6,
        "effort": 4,
        "pain_before": 3,
        "pain_after": 6,
        "stopped_for_pain": True,
        "skip_reason": "pain",
        "reason": "Calves hurt.",
        "note": "",
    }
    asked: list[tuple[Any, str]] = []
    banner: list[str] = []
    window.ctx.saveFailed.connect(banner.append)

    def ask(cls, ctx, session_id, parent=None, initial=None, problem=""):
        asked.append((initial, problem))
        return dict(typed) if len(asked) == 1 else None  # after a refusal: read, then close

    monkeypatch.setattr(SessionDialog, "ask", classmethod(ask))

    def action() -> None:
        asked.clear()
        banner.clear()
        log_flow(window.ctx, s.id)

    def check(n: int, code: int) -> None:
        assert len(asked) == 2, f"write {n}: the log was not asked for again"
        again, problem = asked[1]
        assert again == typed  # everything typed is back on screen
        assert one_sentence(problem) and banner == [problem]

    writes = fail_each_write(faults, action, check=check)
    assert writes >= 1 and len(asked) == 1
    row = ExerciseSession.get_by_id(s.id)
    assert (row.status, row.actual_dose, row.skip_reason) == ("partly", 6, "pain")


def test_plan_flow_with_an_own_exercise_survives_any_failing_write(
    window, qtbot, faults, monkeypatch
) -> None:
    page = window.show_page("planner")
    asked: list[tuple[dict[str, Any] | None, str]] = []
    typed: dict[str, Any] = {}

    def ask(cls, ctx, parent=None, plan=None, initial=None, problem=""):
        asked.append((initial, problem))
        dialog = cls(ctx, parent, plan, initial, problem=problem)
        qtbot.addWidget(dialog)
        if len(asked) > 1:  # the same dialog again, with the reason and the answers
            assert dialog.problem.text() == problem and not dialog.problem.isHidden()
            assert dialog.values() == typed
            return None
        dialog.add_custom_choice(
            {"name": "Stairs <b>", "kind": "strength", "unit": "reps", "how_to": "", "cautions": ""}
        )
        dialog.target.setValue(12)
        typed.clear()
        typed.update(dialog.values())
        return dialog.values()

    monkeypatch.setattr(PlanDialog, "ask", classmethod(ask))

    def action() -> None:
        asked.clear()
        page.add_plan()

    def check(n: int, code: int) -> None:
        assert len(asked) == 2 and one_sentence(asked[1][1])

    fail_each_write(faults, action, check=check)
    (view,) = planner.plans()
    assert (view.exercise_name, view.custom, view.target_dose) == ("Stairs <b>", True, 12)
    assert page.cards[view.id].name.text() == "Stairs <b>"  # shown as typed, not as markup


def test_reminder_switches_are_one_save(window, qtbot, faults) -> None:
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("planner")
    banner: list[str] = []
    window.ctx.saveFailed.connect(banner.append)

    def action() -> None:
        banner.clear()
        page.evening_time.setTime(page.evening_time.time().addSecs(-3600))
        page._save_reminders()

    def check(n: int, code: int) -> None:
        assert len(banner) == 1 and one_sentence(banner[0])

    fail_each_write(faults, action, check=check)
    assert planner.reminder_settings()["evening_time"] < "20:00"


# -- skipped or cut short, and why ----------------------------------------------------------


def test_the_log_says_why_a_session_was_skipped(window, qtbot) -> None:
    today = date.today()
    planner.create_plan("flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    (s,) = planner.sessions_between(today, today)
    dialog = SessionDialog(s)
    qtbot.addWidget(dialog)
    reasons = [dialog.skip_reason.itemText(i) for i in range(dialog.skip_reason.count())]
    assert reasons == ["not said", "pain", "fatigue or a flare", "no time", "another reason"]
    qtbot.mouseClick(dialog.status_buttons["skipped"], Qt.MouseButton.LeftButton)
    dialog.skip_reason.setCurrentIndex(dialog.skip_reason.findText("fatigue or a flare"))
    assert dialog.values()["skip_reason"] == "fatigue_flare"
    # Stopping for pain is a session cut short for pain.
    qtbot.mouseClick(dialog.status_buttons["done"], Qt.MouseButton.LeftButton)
    dialog.stopped.setChecked(True)
    values = dialog.values()
    assert (values["status"], values["skip_reason"], values["stopped_for_pain"]) == (
        "partly",
        "pain",
        True,
    )
    dialog.skip_reason.setCurrentIndex(dialog.skip_reason.findText("no time"))
    assert not dialog.stopped.isChecked()


# -- the weekly review sees the whole week --------------------------------------------------


def test_a_late_flare_revises_the_review_on_screen(window, qtbot) -> None:
    """Scenario: week Monday-Sunday done in full; Sunday 23:59 no review yet; Monday's
    first tick reviews (an increase); a flare for Sunday logged on Monday morning turns
    it into a hold, shown with why."""
    monday = date.today() - timedelta(days=date.today().weekday()) - timedelta(days=7)
    sunday = monday + timedelta(days=6)
    plan = planner.create_plan("flat_walking", EVERY_DAY, "10:00", monday, 10, 30, today=monday)
    for s in planner.sessions_between(monday, sunday, plan.id):
        planner.log_session(s.id, "done")
    reminders = Reminders(window.ctx, use_tray=False)
    reminders.check(datetime.combine(sunday, time(23, 59)).astimezone())
    assert Plan.get_by_id(plan.id).current_dose == 10  # the week is not over yet
    with qtbot.waitSignal(window.ctx.changed):
        reminders.check(datetime.combine(sunday + timedelta(days=1), time(0, 0)).astimezone())
    assert Plan.get_by_id(plan.id).current_dose == 11

    page = PlannerPage(window.ctx, today=lambda: sunday + timedelta(days=1))
    qtbot.addWidget(page)
    page.refresh()
    assert "Increased by 1 minute" in page.cards[plan.id].decision.text()

    CheckIn.create(date=sunday.isoformat(), flare=True)  # logged late
    with qtbot.waitSignal(window.ctx.changed):
        reminders.check(datetime.combine(sunday + timedelta(days=1), time(8, 1)).astimezone())
    from fibrodesk.core.clock import day_name

    text = page.cards[plan.id].decision.text()
    assert f"Held: flare logged on {day_name(sunday)}." in text
    assert f"(Revised: a flare was logged for {day_name(sunday)}.)" in text
    assert "Now: <b>10 minutes</b>" in page.cards[plan.id].dose.text()
    history = DecisionsDialog(planner.plan(plan.id))
    qtbot.addWidget(history)
    assert "Revised: a flare was logged" in history.list.item(0).text()


# -- the session timer is safe (issue 13 point 6) -------------------------------------------


def _places(timer) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    QApplication.processEvents()  # the dialog grows to fit a longer text first
    return {
        name: (w.mapTo(timer, w.rect().topLeft()).x(), w.mapTo(timer, w.rect().topLeft()).y())
        for name, w in (
            ("pause", timer.pause_button),
            ("end", timer.end_slot),
            ("set", timer.set_slot),
            ("close", timer.close_button),
        )
    }


def test_the_timer_never_defaults_to_stop_early_and_keeps_its_buttons_in_place(
    window, qtbot, monkeypatch
) -> None:
    from fibrodesk.ui.session_timer import SessionTimer

    today = date.today()
    planner.create_plan("calf_raise", EVERY_DAY, "11:00", today, 8, 15)
    (s,) = planner.sessions_between(today, today)
    timer = SessionTimer(s, clock=lambda: 0.0, autostart=False)
    qtbot.addWidget(timer)
    timer.show()
    qtbot.waitExposed(timer)
    start = _places(timer)
    buttons = (timer.pause_button, timer.set_button, timer.stop_button, timer.log_button)
    assert not any(b.autoDefault() for b in buttons)
    assert timer.set_button.isDefault() and not timer.stop_button.isDefault()
    qtbot.keyClick(timer, Qt.Key.Key_Return)  # Enter: the set is done, never "stop early"
    assert timer.state == "resting" and timer.sets_done == 1
    assert timer.skip_rest_button.isVisible() and not timer.stop_button.isDefault()
    assert _places(timer) == start
    qtbot.keyClick(timer, Qt.Key.Key_Return)  # resting: Enter pauses
    assert timer.state == "paused" and _places(timer) == start
    qtbot.keyClick(timer, Qt.Key.Key_Space)
    timer.end_rest()
    qtbot.keyClick(timer, Qt.Key.Key_Return)
    assert timer.state == "finished" and timer.log_button.isDefault()
    assert timer.log_button.isVisible() and not timer.stop_button.isVisible()
    assert _places(timer) == start  # Log stands where Stop early stood
    assert timer.cue.isVisible()


def test_closing_a_running_timer_asks_first(window, qtbot, monkeypatch) -> None:
    from fibrodesk.ui.session_timer import SessionTimer

    today = date.today()
    planner.create_plan("flat_walking", EVERY_DAY, "09:00", today, 10, 30)
    (s,) = planner.sessions_between(today, today)
    timer = SessionTimer(s, clock=lambda: 0.0, autostart=False)
    qtbot.addWidget(timer)
    timer.show()
    qtbot.waitExposed(timer)
    timer.tick(90)
    assert timer.pause_button.isDefault()
    qtbot.keyClick(timer, Qt.Key.Key_Return)  # Enter pauses a minutes timer
    assert timer.state == "paused"
    asked: list[bool] = []
    answer = [False]

    def confirm(self) -> bool:  # type: ignore[no-untyped-def]
        asked.append(True)
        return answer[0]

    monkeypatch.setattr(SessionTimer, "confirm_close", confirm)
    qtbot.keyClick(timer, Qt.Key.Key_Escape)
    qtbot.mouseClick(timer.close_button, Qt.MouseButton.LeftButton)
    timer.close()  # the window's close box
    assert len(asked) == 3 and timer.isVisible() and timer.elapsed == 90
    answer[0] = True
    qtbot.mouseClick(timer.close_button, Qt.MouseButton.LeftButton)
    assert not timer.isVisible()
    # A finished timer closes without a question.
    done = SessionTimer(s, clock=lambda: 0.0, autostart=False)
    qtbot.addWidget(done)
    done.show()
    done.stop_early()
    asked.clear()
    qtbot.mouseClick(done.close_button, Qt.MouseButton.LeftButton)
    assert asked == [] and not done.isVisible()


# -- small things: the day on screen, colours as well as marks (issue 13 point 7) ----------


def test_exercise_card_follows_the_day_on_screen(window, qtbot) -> None:
    from fibrodesk.core.clock import day_name

    today = date.today()
    yesterday = today - timedelta(days=1)
    plan = planner.create_plan("calf_raise", EVERY_DAY, "11:00", yesterday, 8, 15, today=yesterday)
    page = window.show_page("today")
    window.ctx.broadcast("plans")
    card = page.sessions
    assert card.parentWidget().title() == "Exercise today"
    (today_id,) = card.rows
    planner.log_session(today_id, "done")
    window.ctx.broadcast("sessions")
    label = card.rows[today_id][0].text()
    assert label.count("2 sets of 8 repetitions") == 1 and label.endswith("done")

    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert card.parentWidget().title() == f"Exercise on {day_name(yesterday)}"
    (past_id,) = card.rows
    assert (
        planner.session(past_id).date == yesterday and planner.session(past_id).plan_id == plan.id
    )
    label, start, log = card.rows[past_id]
    assert "not logged" in label.text() and log.isEnabled() and not start.isEnabled()
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert (
        card.empty.text()
        == f"No exercise was planned for {day_name(yesterday - timedelta(days=1))}."
    )


def test_session_chips_differ_by_colour_as_well_as_mark(diary, qtbot) -> None:
    from fibrodesk.ui.calendar_view import STRIPE, CalendarView

    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    planner.create_plan("flat_walking", EVERY_DAY, "10:00", monday, 10, 30, today=monday)
    week = planner.sessions_between(monday, monday + timedelta(days=6))
    planner.log_session(week[0].id, "done")
    planner.log_session(week[1].id, "partly", 5)
    planner.log_session(week[2].id, "skipped", skip_reason="no_time")
    view = CalendarView(planner.sessions_between, today=lambda: monday + timedelta(days=4))
    qtbot.addWidget(view)
    view.resize(1100, 500)
    view.show()
    qtbot.waitExposed(view)
    words = {}
    for s in week[:5]:
        button = view.buttons[s.id]
        image = button.grab().toImage()
        stripe = image.pixelColor(2 + STRIPE // 2, image.height() // 2)
        assert stripe == button.status_color  # drawn, not only stored
        words[button.text_shown().split("\n")[1].split(" \N{MIDDLE DOT} ")[1]] = stripe.name()
    assert set(words) == {"done", "partly done", "skipped", "not logged", "planned"}
    assert len(set(words.values())) == 5  # five statuses, five colours
    planned = view.buttons[week[4].id].text_shown()
    assert "=" not in planned
