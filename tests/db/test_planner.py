"""The planner's storage: plans, sessions and the weekly pacing review on a real diary."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from fibrodesk.core.clock import iso
from fibrodesk.core.schedule import schedule_warnings
from fibrodesk.db import planner
from fibrodesk.db.models import (
    CheckIn,
    Entry,
    Exercise,
    ExerciseSession,
    PacingDecision,
    PainMark,
    Plan,
)

MON = date(2026, 3, 2)  # a Monday; Tuesday 3 March 2026 is the flare day below
MWF = planner.weekdays_to_mask([0, 2, 4])


def day(n: int) -> date:
    return MON + timedelta(days=n)


def add_marks(on: date, **intensities: int) -> None:
    entry = Entry.create(
        recorded_at=iso(datetime.combine(on, time(9, 0)).astimezone()), date=on.isoformat()
    )
    for region, value in intensities.items():
        PainMark.create(entry=entry, region=region, intensity=value)


def walking_plan(start_dose: int = 10, target: int = 30, baseline: float | None = 3.0) -> Plan:
    return planner.create_plan(
        "flat_walking",
        MWF,
        "10:30",
        MON,
        start_dose,
        target,
        baseline_pain=baseline,
        today=MON,
    )


def test_each_plan_shows_its_own_latest_decision_whatever_order_they_were_written(diary) -> None:
    """plans() reads only each plan's decision with the latest review date (unique per
    plan), not every decision: the latest is by date, not by the order rows were added."""
    first, second = walking_plan(), walking_plan(start_dose=5)
    for plan, dates in ((first, (day(21), day(7), day(14))), (second, (day(7),))):
        for n, review in enumerate(dates):
            PacingDecision.create(
                plan=plan,
                review_date=review.isoformat(),
                action="hold",
                new_dose=10,
                reason=f"{plan.id} {n}",
            )
    latest = {v.id: v.latest for v in planner.plans(today=MON)}
    assert latest[first.id] is not None and latest[first.id].review_date == day(21)
    assert latest[first.id].reason == f"{first.id} 0"
    assert latest[second.id] is not None and latest[second.id].review_date == day(7)
    assert latest[second.id].reason == f"{second.id} 0"


def log_week(plan: Plan, first: date, last: date, status: str = "done") -> None:
    for s in planner.sessions_between(first, last, plan.id):
        planner.log_session(s.id, status, effort=3)


def test_weekday_mask_round_trip() -> None:
    assert MWF == 0b10101
    assert planner.mask_to_weekdays(MWF) == (0, 2, 4)


def test_ensure_exercise_upserts_the_library_row(diary) -> None:
    first = planner.ensure_exercise("calf_raise")
    assert (first.name, first.unit, first.kind, first.sets) == ("Calf raise", "reps", "strength", 2)
    Exercise.update(name="old name").where(Exercise.id == "calf_raise").execute()
    again = planner.ensure_exercise("calf_raise")
    assert Exercise.select().count() == 1
    assert again.name != "old name"
    with pytest.raises(ValueError):
        planner.ensure_exercise("no_such_exercise")


def test_add_custom_exercise(diary) -> None:
    own = planner.add_custom_exercise("  Garden   walk ", "aerobic", "minutes", how_to="Slowly.")
    assert own.custom and own.name == "Garden walk" and own.category == "own"
    assert [e.id for e in planner.custom_exercises()] == [own.id]
    plan = planner.create_plan(own.id, MWF, "09:00", MON, 5, 20, today=MON)
    assert planner.plan(plan.id).exercise_name == "Garden walk"
    with pytest.raises(ValueError):
        planner.add_custom_exercise(" ", "aerobic", "minutes")


def test_create_plan_stores_start_decision_and_schedules_sessions(diary) -> None:
    plan = walking_plan()
    decision = PacingDecision.get(PacingDecision.plan == plan)
    assert (decision.action, decision.new_dose, decision.review_date) == ("start", 10, "2026-03-02")
    assert decision.reason == "First week: start gently at 10 minutes."
    sessions = planner.sessions_between(MON, MON + timedelta(days=planner.HORIZON_DAYS))
    assert sessions, "sessions are scheduled"
    assert {s.date.weekday() for s in sessions} == {0, 2, 4}
    assert all(s.status == "planned" and s.planned_dose == 10 for s in sessions)
    assert all(s.pacing_action == "start" and s.pacing_reason == decision.reason for s in sessions)
    assert sessions[0].scheduled_for.hour == 10 and sessions[0].scheduled_for.minute == 30
    assert sessions[0].scheduled_for.utcoffset() is not None
    view = planner.plans(today=MON)[0]
    assert (view.current_dose, view.target_dose, view.next_session) == (10, 30, MON)
    assert view.latest is not None and view.latest.action == "start"
    # Scheduling again adds nothing: one session per plan and day.
    assert planner.schedule_sessions(plan, MON + timedelta(days=planner.HORIZON_DAYS)) == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekdays": 0},
        {"time_of_day": "25:00"},
        {"start_dose": 0},
        {"start_dose": 40},
        {"baseline_pain": 11},
    ],
)
def test_create_plan_refuses_bad_values(diary, kwargs) -> None:
    values = {"weekdays": MWF, "time_of_day": "10:00", "start_dose": 5, "target_dose": 30}
    values.update(kwargs)
    with pytest.raises(ValueError):
        planner.create_plan(
            "flat_walking",
            values.pop("weekdays"),
            values.pop("time_of_day"),
            MON,
            values.pop("start_dose"),
            values.pop("target_dose"),
            today=MON,
            **values,
        )
    assert Plan.select().count() == 0


def test_log_session_records_what_was_done(diary) -> None:
    walking_plan()
    first = planner.sessions_between(MON, MON)[0]
    logged = planner.log_session(
        first.id,
        "partly",
        6,
        effort=4,
        pain_before=3,
        pain_after=5,
        stopped_for_pain=True,
        reason="Calves hurt.",
    ).value
    row = ExerciseSession.get_by_id(first.id)
    assert (row.status, row.actual_dose, row.effort, row.pain_before, row.pain_after) == (
        "partly",
        6,
        4,
        3,
        5,
    )
    assert row.stopped_for_pain and row.reason == "Calves hurt."
    assert logged.status == "partly"
    done = planner.log_session(first.id, "done").value
    assert done.actual_dose == 10 and not done.stopped_for_pain
    skipped = planner.log_session(first.id, "skipped", 4, reason="Appointment.").value
    assert skipped.actual_dose is None and skipped.reason == "Appointment."
    assert planner.reset_session(first.id).value.status == "planned"
    with pytest.raises(ValueError):
        planner.log_session(first.id, "done", effort=11)
    with pytest.raises(ValueError):
        planner.log_session(first.id, "maybe")


def test_leg_pain_is_the_highest_leg_mark_and_overall_pain_never_stands_in(diary) -> None:
    add_marks(day(0), calf_left=6, knee_inner_right=3, neck=9)  # neck is not a leg
    add_marks(day(0), calf_left=4)  # a second sitting the same day
    CheckIn.create(date=day(0).isoformat(), overall_pain=8)
    CheckIn.create(date=day(1).isoformat(), overall_pain=5)  # no leg mark: no leg pain
    add_marks(day(2), sole_right=0)  # 0 is a real value
    assert planner.leg_pain_by_day(day(0), day(2)) == {day(0): 6, day(2): 0}


def test_flare_in_review_week_holds_with_its_day_in_words(diary) -> None:
    plan = walking_plan()
    log_week(plan, day(0), day(6))
    CheckIn.create(date="2026-03-03", flare=True)
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert decision.action == "hold" and decision.new_dose == 10
    assert decision.reason == "Held: flare logged on Tuesday 3 March."
    assert Plan.get_by_id(plan.id).current_dose == 10
    nxt = planner.sessions_between(day(7), day(13), plan.id)
    assert all(s.pacing_action == "hold" and s.pacing_reason == decision.reason for s in nxt)


def test_clean_week_increases_by_at_most_ten_percent(diary) -> None:
    plan = walking_plan(start_dose=25, target=40)
    log_week(plan, day(0), day(6))
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert (decision.action, decision.old_dose, decision.new_dose) == ("increase", 25, 27)
    assert decision.new_dose - 25 <= 25 * 0.10
    later = planner.sessions_between(day(7), day(30), plan.id)
    assert later and all(s.planned_dose == 27 for s in later)
    earlier = planner.sessions_between(day(0), day(6), plan.id)
    assert all(s.planned_dose == 25 for s in earlier)


def test_small_dose_increases_by_one_unit(diary) -> None:
    plan = walking_plan(start_dose=5)
    log_week(plan, day(0), day(6))
    assert planner.weekly_review(plan, day(7), today=day(7)).new_dose == 6


def test_payback_day_steps_back(diary) -> None:
    plan = walking_plan(start_dose=10, baseline=3.0)
    log_week(plan, day(0), day(6))
    add_marks(day(3), calf_left=6, calf_right=6)  # Thursday, the day after Wednesday's walk
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert decision.action == "step_back"
    assert decision.new_dose == 8 < 10
    assert "Thursday 5 March" in decision.reason and "payback" in decision.reason
    assert Plan.get_by_id(plan.id).current_dose == 8


def test_pain_the_day_after_a_skipped_session_is_no_payback(diary) -> None:
    plan = walking_plan(baseline=3.0)
    log_week(plan, day(0), day(6), status="skipped")
    add_marks(day(3), calf_left=8)
    assert planner.weekly_review(plan, day(7), today=day(7)).action == "hold"  # untried


def test_untried_dose_is_held_not_increased(diary) -> None:
    plan = walking_plan()
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert decision.action == "hold" and decision.new_dose == 10
    assert decision.reason == (
        "Held: no session was done in full from Monday 2 March to Sunday 8 March, so 10 "
        "minutes stays until it has been tried."
    )


def test_session_cut_short_for_pain_holds(diary) -> None:
    plan = walking_plan()
    log_week(plan, day(0), day(6))
    wednesday = planner.sessions_between(day(2), day(2), plan.id)[0]
    planner.log_session(wednesday.id, "partly", 5, stopped_for_pain=True)
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert decision.reason == "Held: a session was cut short for pain on Wednesday 4 March."


def test_leg_pain_rise_holds(diary) -> None:
    plan = walking_plan(baseline=None)
    for n in range(-14, 0):
        add_marks(day(n), calf_left=3, shin_right=1)
    for n in range(0, 7):
        add_marks(day(n), calf_left=4, thigh_back_right=5)  # the day's highest: 5
    log_week(plan, day(0), day(6))
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert decision.action == "hold"
    assert decision.reason == (
        "Held: average leg pain was 5.0 from Monday 2 March to Sunday 8 March, up 2.0 from "
        "3.0 in the two weeks before."
    )


def test_overall_pain_never_stands_in_for_leg_pain(diary) -> None:
    plan = walking_plan(baseline=None)
    for n in range(-14, 0):
        CheckIn.create(date=day(n).isoformat(), overall_pain=2)
    for n in range(0, 7):
        CheckIn.create(date=day(n).isoformat(), overall_pain=9)  # no leg mark at all
    log_week(plan, day(0), day(6))
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert (decision.action, decision.new_dose) == ("increase", 11)


def test_a_rise_just_under_two_does_not_hold(diary) -> None:
    plan = walking_plan(baseline=None)
    for n in range(-14, 0):  # two weeks before: 3 on 13 days, 4 on one: 43/14 = 3.07
        add_marks(day(n), calf_left=4 if n == -1 else 3)
    for n in range(0, 7):
        add_marks(day(n), calf_left=5)  # a rise of 1.93, shown as 3.1 -> 5.0
    log_week(plan, day(0), day(6))
    assert planner.weekly_review(plan, day(7), today=day(7)).action == "increase"


def test_payback_reason_quotes_the_value_and_the_day(diary) -> None:
    plan = walking_plan(start_dose=10, baseline=4.0)
    log_week(plan, day(0), day(6))
    add_marks(day(1), knee_inner_left=7, calf_left=2)  # Tuesday, after Monday's walk
    decision = planner.weekly_review(plan, day(7), today=day(7))
    assert decision.reason == (
        "Stepped back by 2 minutes: leg pain 7 on Tuesday 3 March, 3 above your usual 4, "
        "the day after a session (a payback day)."
    )


def test_review_is_stored_once_and_never_in_the_future(diary) -> None:
    plan = walking_plan()
    log_week(plan, day(0), day(6))
    first = planner.weekly_review(plan, day(7), today=day(7))
    assert planner.weekly_review(plan, day(7), today=day(8)) == first
    assert PacingDecision.select().where(PacingDecision.plan == plan).count() == 2
    with pytest.raises(ValueError):
        planner.weekly_review(plan, day(14), today=day(10))


def test_run_due_reviews_runs_each_missed_week_in_order(diary) -> None:
    plan = walking_plan(start_dose=10)
    for week in range(3):
        log_week(plan, day(7 * week), day(7 * week + 6))
    assert planner.due_reviews(day(22)) == [
        (plan.id, day(7)),
        (plan.id, day(14)),
        (plan.id, day(21)),
    ]
    assert planner.has_due_work(day(22))
    done = planner.run_due_reviews(day(22)).value
    assert [(d.review_date, d.new_dose) for d in done] == [
        (day(7), 11),
        (day(14), 12),
        (day(21), 13),
    ]
    assert planner.run_due_reviews(day(22)).value == []
    assert not planner.has_due_work(day(22))
    last = max(s.date for s in planner.sessions_between(day(0), day(200), plan.id))
    assert last >= day(22) + timedelta(days=planner.HORIZON_DAYS - 7)
    history = planner.decisions(plan.id)
    assert [d.action for d in history] == ["increase", "increase", "increase", "start"]


def test_update_plan_reschedules_from_today_and_stop_plan(diary) -> None:
    plan = walking_plan()
    planner.log_session(planner.sessions_between(day(0), day(0))[0].id, "done")
    planner.update_plan(
        plan, weekdays=planner.weekdays_to_mask([1, 3]), time_of_day="17:00", today=day(7)
    )
    before = planner.sessions_between(day(0), day(6), plan.id)
    after = planner.sessions_between(day(7), day(20), plan.id)
    assert {s.date.weekday() for s in before} == {0, 2, 4}
    assert {s.date.weekday() for s in after} == {1, 3}
    assert all(s.time_text == "17:00" for s in after)
    planner.stop_plan(plan, today=day(9))
    assert planner.plans() == []
    assert planner.plan(plan.id).active is False
    assert not planner.sessions_between(day(9), day(100), plan.id)
    assert planner.sessions_between(day(0), day(0))[0].status == "done"  # history stays
    assert planner.due_reviews(day(30)) == []


def test_schedule_warnings_from_stored_plans(diary) -> None:
    planner.create_plan(
        "sit_to_stand", planner.weekdays_to_mask([0, 1, 2]), "11:00", MON, 5, 15, today=MON
    )
    assert planner.week_assignments() == {0: ["strength"], 1: ["strength"], 2: ["strength"]}
    warnings = schedule_warnings(planner.plan_days())
    assert any("twice a week" in w for w in warnings)


def test_a_lowered_target_applies_at_once_even_during_a_hold(diary) -> None:
    plan = walking_plan(start_dose=20, target=30)
    log_week(plan, day(0), day(6))
    CheckIn.create(date=day(1).isoformat(), flare=True)
    assert planner.weekly_review(plan, day(7), today=day(7)).action == "hold"
    planner.update_plan(plan.id, target_dose=15, today=day(9))  # a Wednesday, mid-hold
    view = planner.plan(plan.id)
    assert (view.current_dose, view.target_dose) == (15, 15)
    assert view.latest is not None and view.latest.review_date == day(9)
    assert view.latest.reason == "Brought down to your new target of 15 minutes at once."
    upcoming = planner.sessions_between(day(9), day(20), plan.id)
    assert upcoming and all(s.planned_dose == 15 for s in upcoming)
    assert {s.planned_dose for s in planner.sessions_between(day(7), day(8), plan.id)} == {20}
    # The next review carries on from the lowered dose, on its own day.
    log_week(plan, day(9), day(13))
    assert planner.due_reviews(day(14)) == [(plan.id, day(14))]
    assert planner.weekly_review(plan.id, day(14), today=day(14)).action == "at_target"


def test_a_raised_target_waits_for_the_next_review(diary) -> None:
    plan = walking_plan(start_dose=10, target=30)
    planner.update_plan(plan.id, target_dose=40, today=day(2))
    assert planner.plan(plan.id).current_dose == 10
    assert planner.decisions(plan.id)[0].action == "start"


# --------------------------------------------------------------------------- revision


def test_a_flare_logged_late_turns_an_increase_into_a_hold(diary) -> None:
    """Scenario (issue 11 point 3): the week is reviewed on Monday, a flare for the
    Sunday before is logged afterwards, before the new dose is done."""
    plan = walking_plan(start_dose=10, target=30)
    log_week(plan, day(0), day(6))
    assert planner.due_reviews(day(6)) == []  # the week is not over on its last day
    (first,) = planner.run_due_reviews(day(7)).value
    assert (first.action, first.new_dose, first.revision) == ("increase", 11, "")
    assert not planner.has_due_work(day(7))

    CheckIn.create(date=day(6).isoformat(), flare=True)  # Sunday 8 March, logged late
    assert planner.has_due_work(day(7))
    (revised,) = planner.run_due_reviews(day(7)).value
    assert (revised.action, revised.new_dose) == ("hold", 10)
    assert revised.reason == "Held: flare logged on Sunday 8 March."
    assert revised.revision == "a flare was logged for Sunday 8 March"
    stored = PacingDecision.get_by_id(first.id)  # the same decision, revised in place
    assert (stored.action, stored.new_dose, stored.revision) == ("hold", 10, revised.revision)
    assert planner.plan(plan.id).current_dose == 10
    upcoming = planner.sessions_between(day(7), day(20), plan.id)
    assert all(s.planned_dose == 10 and s.pacing_action == "hold" for s in upcoming)
    assert upcoming[0].pacing_reason == (
        "Held: flare logged on Sunday 8 March. (Revised: a flare was logged for Sunday 8 March.)"
    )
    assert planner.run_due_reviews(day(7)).value == []  # once revised, it stays


def test_no_revision_once_the_new_dose_was_done(diary) -> None:
    plan = walking_plan(start_dose=10, target=30)
    log_week(plan, day(0), day(6))
    planner.run_due_reviews(day(7))
    log_week(plan, day(7), day(7))  # Monday's walk at the new 11 minutes
    CheckIn.create(date=day(6).isoformat(), flare=True)
    assert not planner.has_due_work(day(8))
    assert planner.run_due_reviews(day(8)).value == []
    assert planner.plan(plan.id).current_dose == 11


def test_a_late_leg_mark_can_make_a_payback_day(diary) -> None:
    plan = walking_plan(start_dose=10, target=30, baseline=3.0)
    log_week(plan, day(0), day(6))
    planner.run_due_reviews(day(7))
    add_marks(day(5), calf_right=7)  # Saturday, after Friday's walk, logged on Monday
    (revised,) = planner.run_due_reviews(day(7)).value
    assert (revised.action, revised.new_dose) == ("step_back", 8)
    assert revised.revision == "leg pain was logged for Saturday 7 March"


def test_a_late_entry_that_changes_nothing_is_no_revision(diary) -> None:
    plan = walking_plan(start_dose=10, target=30, baseline=3.0)
    log_week(plan, day(0), day(6))
    (first,) = planner.run_due_reviews(day(7)).value
    add_marks(day(5), calf_right=4)  # not a payback day
    assert planner.run_due_reviews(day(7)).value == []
    assert PacingDecision.get_by_id(first.id).revision == ""


def test_skipped_for_pain_holds_and_fatigue_does_not(diary) -> None:
    plan = walking_plan()
    log_week(plan, day(0), day(6))
    monday, wednesday, _friday = planner.sessions_between(day(0), day(6), plan.id)
    planner.log_session(wednesday.id, "skipped", skip_reason="pain")
    planner.log_session(monday.id, "skipped", skip_reason="fatigue_flare")
    decision = planner.weekly_review(plan.id, day(7), today=day(7))
    assert decision.reason == "Held: a session was skipped for pain on Wednesday 4 March."


def test_stopped_for_pain_records_pain_as_the_reason(diary) -> None:
    plan = walking_plan()
    s = planner.sessions_between(day(0), day(0), plan.id)[0]
    logged = planner.log_session(s.id, "partly", 4, stopped_for_pain=True).value
    assert (logged.skip_reason, logged.stopped_for_pain) == ("pain", True)
    logged = planner.log_session(s.id, "partly", 4, skip_reason="pain").value
    assert logged.stopped_for_pain
    logged = planner.log_session(s.id, "partly", 4, skip_reason="no_time").value
    assert not logged.stopped_for_pain
    assert planner.log_session(s.id, "done").value.skip_reason is None
    assert planner.reset_session(s.id).value.skip_reason is None
    with pytest.raises(ValueError):
        planner.log_session(s.id, "skipped", skip_reason="bored")
