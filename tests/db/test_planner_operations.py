"""Each planner action is one operation in one transaction (issue 10 points 1 and 3).

For every write an action makes, that write fails once (full disk, I/O error, database
busy): the diary must then hold exactly what it held before, and the person's retry,
with the fault gone, must succeed without leaving any row twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from fibrodesk.core import pacing
from fibrodesk.db import planner
from fibrodesk.db.changes import Change
from fibrodesk.db.models import CheckIn, Exercise, ExerciseSession, PacingDecision, Plan, Setting
from tests.faults import fail_each_write

MON = date(2026, 3, 2)
MWF = planner.weekdays_to_mask([0, 2, 4])


def day(n: int) -> date:
    return MON + timedelta(days=n)


def answers(**changes: object) -> planner.PlanAnswers:
    values: dict[str, object] = {
        "plan_id": None,
        "exercise_id": None,
        "new_exercise": planner.NewExercise("Garden walk", "aerobic", "minutes", "Slowly."),
        "weekdays": MWF,
        "time_of_day": "10:30",
        "start_date": MON,
        "start_dose": 6,
        "target_dose": 20,
        "settings": pacing.PacingSettings(max_increase_pct=5),
        "baseline_pain": 3.0,
        "reminders": True,
    }
    values.update(changes)
    return planner.PlanAnswers(**values)  # type: ignore[arg-type]


def walking_plan() -> str:
    return planner.create_plan("flat_walking", MWF, "10:30", MON, 10, 30, today=MON).id


def test_save_plan_with_a_new_own_exercise(diary, faults) -> None:
    results: list[object] = []
    writes = fail_each_write(
        faults, lambda: results.append(planner.save_plan(answers(), today=MON))
    )
    assert writes >= 4  # the exercise, the plan, its first decision, its sessions
    (done,) = results
    assert done.change == Change.PLANS | Change.SESSIONS  # type: ignore[attr-defined]
    (own,) = Exercise.select().where(Exercise.custom == True)  # noqa: E712
    (plan,) = Plan.select()
    assert (own.name, plan.exercise_id, plan.id) == ("Garden walk", own.id, done.value)  # type: ignore[attr-defined]
    assert PacingDecision.select().count() == 1
    dates = [s.date for s in ExerciseSession.select()]
    assert dates and len(dates) == len(set(dates))


def test_save_plan_changes_with_a_lowered_target(diary, faults) -> None:
    plan_id = walking_plan()
    change = answers(
        plan_id=plan_id, new_exercise=None, weekdays=planner.weekdays_to_mask([1, 3]), target_dose=8
    )
    fail_each_write(faults, lambda: planner.save_plan(change, today=day(2)))
    view = planner.plan(plan_id)
    assert (view.weekdays, view.current_dose, view.target_dose) == ((1, 3), 8, 8)
    planned = planner.sessions_between(day(2), day(60), plan_id)
    assert planned and all(s.planned_dose == 8 for s in planned)
    assert len({s.date for s in planned}) == len(planned)
    assert (
        PacingDecision.select().where(PacingDecision.review_date == day(2).isoformat()).count() == 1
    )


def test_stop_plan(diary, faults) -> None:
    plan_id = walking_plan()
    fail_each_write(faults, lambda: planner.stop_plan(plan_id, day(3)))
    assert planner.plan(plan_id).active is False
    assert not planner.sessions_between(day(3), day(90), plan_id)
    assert planner.sessions_between(MON, day(2), plan_id)  # the past stays


def test_log_session_and_its_undo(diary, faults) -> None:
    plan_id = walking_plan()
    first = planner.sessions_between(MON, MON, plan_id)[0]
    fail_each_write(
        faults, lambda: planner.log_session(first.id, "partly", 5, effort=3, skip_reason="pain")
    )
    logged = planner.session(first.id)
    assert (logged.status, logged.actual_dose, logged.skip_reason) == ("partly", 5, "pain")
    fail_each_write(faults, lambda: planner.reset_session(first.id))
    assert planner.session(first.id).status == "planned"
    assert ExerciseSession.select().where(ExerciseSession.date == MON.isoformat()).count() == 1


def test_reminder_settings_are_one_operation(diary, faults) -> None:
    writes = fail_each_write(faults, lambda: planner.save_reminder_settings(False, False, "19:30"))
    assert writes == 3
    assert planner.reminder_settings() == {
        "sessions": False,
        "evening": False,
        "evening_time": "19:30",
    }
    assert Setting.select().count() == 3


def test_due_reviews_and_a_revision(diary, faults) -> None:
    plan_id = walking_plan()
    for s in planner.sessions_between(MON, day(6), plan_id):
        planner.log_session(s.id, "done")
    fail_each_write(faults, lambda: planner.run_due_reviews(day(7)))
    assert planner.plan(plan_id).current_dose == 11
    CheckIn.create(date=day(6).isoformat(), flare=True)
    fail_each_write(faults, lambda: planner.run_due_reviews(day(7)))
    latest = planner.plan(plan_id).latest
    assert latest is not None and (latest.action, latest.new_dose) == ("hold", 10)
    assert PacingDecision.select().where(PacingDecision.plan == plan_id).count() == 2
