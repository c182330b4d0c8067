"""Exercise plans on the diary: make, change, stop, and read them. No Qt.

A plan is one exercise on some weekdays at a time of day, with a dose (minutes, or
repetitions per set) that the pacing rule (:mod:`fibrodesk.core.pacing`) moves once a week
(:mod:`fibrodesk.db.planner.reviews`). Each person's action here is one function doing all
its writes in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from peewee import fn

from fibrodesk.core import pacing
from fibrodesk.core.clock import now
from fibrodesk.core.exercises import library
from fibrodesk.core.plan_text import dose_text
from fibrodesk.core.schedule import PlanDays
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.database import transaction
from fibrodesk.db.models import Exercise, ExerciseSession, PacingDecision, Plan

from .common import (
    HORIZON_DAYS,
    DecisionView,
    check_dose,
    check_time,
    decision_view,
    fk,
    get_plan,
    mask_to_weekdays,
    tuples,
)
from .exercises import NewExercise, ensure_exercise, store_new_exercise
from .reviews import plan_settings, review_due, weekly_review
from .schedule import drop_planned, redose_planned, schedule_sessions


@dataclass(frozen=True, slots=True)
class PlanView:
    """A plan with its exercise and its latest decision, for lists and exports.

    Attributes:
        weekdays: the plan's weekdays, 0 = Monday.
        settings: the plan's pacing numbers.
        latest: the decision in force (the newest), or None.
        next_session: the date of the next still-planned session from today, or None.
    """

    id: str
    exercise_id: str
    exercise_name: str
    kind: str
    category: str
    unit: str
    sets: int
    rest_seconds: int
    how_to: str
    cautions: str
    custom: bool
    weekdays: tuple[int, ...]
    time_of_day: str
    start_date: date
    end_date: date | None
    start_dose: int
    current_dose: int
    target_dose: int
    baseline_pain: float | None
    settings: pacing.PacingSettings
    active: bool
    reminders: bool
    note: str
    updated_at: str
    latest: DecisionView | None
    next_session: date | None

    def dose_text(self, dose: int | None = None) -> str:
        return dose_text(self.current_dose if dose is None else dose, self.unit, self.sets)


def _settings_fields(settings: pacing.PacingSettings) -> dict[str, Any]:
    return {
        "max_increase_pct": float(settings.max_increase_pct),
        "step_back_pct": float(settings.step_back_pct),
        "floor_dose": int(settings.floor),
        "leg_pain_rise_hold": float(settings.leg_pain_rise_hold),
        "payback_margin": float(settings.payback_margin),
    }


def _check_plan(weekdays: int, start_dose: int, target_dose: int) -> None:
    if not 1 <= weekdays <= 127:
        raise ValueError("choose at least one day of the week")
    check_dose(start_dose, "starting dose")
    check_dose(target_dose, "target")
    if start_dose > target_dose:
        raise ValueError("the starting dose is above the target; lower it or raise the target")


def _check_pain(baseline_pain: float | None) -> None:
    if baseline_pain is not None and not 0 <= baseline_pain <= 10:
        raise ValueError("the usual leg pain is a number from 0 to 10")


def create_plan(
    exercise_id: str,
    weekdays: int,
    time_of_day: str,
    start_date: date,
    start_dose: int,
    target_dose: int,
    settings: pacing.PacingSettings | None = None,
    *,
    baseline_pain: float | None = None,
    end_date: date | None = None,
    reminders: bool = True,
    note: str = "",
    today: date | None = None,
    new_exercise: NewExercise | None = None,
) -> Plan:
    """Store a new plan, its first decision (``start``) and its planned sessions.

    ``exercise_id`` is a library id (its row is made with :func:`ensure_exercise`) or the
    id of a stored exercise (the person's own); with ``new_exercise`` the person's new
    exercise is stored first, in the same transaction, and ``exercise_id`` is ignored.
    ``weekdays`` is a bitmask, bit 0 = Monday. Sessions are scheduled from ``start_date``
    up to :data:`HORIZON_DAYS` after ``today`` (or after the start, when it lies ahead).
    """
    settings = settings or pacing.DEFAULT_SETTINGS
    today = today or now().date()
    _check_plan(weekdays, start_dose, target_dose)
    check_time(time_of_day)
    if end_date is not None and end_date < start_date:
        raise ValueError("the plan cannot end before it starts")
    _check_pain(baseline_pain)
    with transaction():
        if new_exercise is not None:
            exercise = store_new_exercise(new_exercise)
        elif exercise_id in library():
            exercise = ensure_exercise(exercise_id)
        else:
            found = Exercise.get_or_none(Exercise.id == exercise_id)
            if found is None:
                raise ValueError(f"no exercise with id {exercise_id!r}")
            exercise = found
        first = pacing.decide(
            pacing.WeekReview(
                dose=start_dose, target=target_dose, unit=exercise.unit, is_first_week=True
            ),
            settings,
        )
        plan = Plan.create(
            exercise=exercise,
            weekdays=weekdays,
            time_of_day=time_of_day,
            start_date=start_date.isoformat(),
            end_date=end_date.isoformat() if end_date else None,
            unit=exercise.unit,
            start_dose=start_dose,
            current_dose=first.new_dose,
            target_dose=target_dose,
            baseline_pain=baseline_pain,
            active=True,
            reminders=reminders,
            note=note,
            **_settings_fields(settings),
        )
        PacingDecision.create(
            plan=plan,
            review_date=start_date.isoformat(),
            action=first.action,
            old_dose=None,
            new_dose=first.new_dose,
            reason=first.reason,
        )
        schedule_sessions(plan, max(today, start_date) + timedelta(days=HORIZON_DAYS))
    return plan


_KEEP: Any = object()


def _lower_to_target(row: Plan, today: date) -> None:
    """A target below the dose in force applies at once, hold or not (domain.md s.7):
    the dose comes down to it today, with its reason, in the caller's transaction."""
    lowered = pacing.lower_to_target(row.current_dose, row.target_dose, row.unit)
    if lowered is None:
        return
    day = max(today, date.fromisoformat(row.start_date))
    same_day = PacingDecision.get_or_none(
        (PacingDecision.plan == row) & (PacingDecision.review_date == day.isoformat())
    )
    if same_day is not None:
        same_day.new_dose = lowered.new_dose
        same_day.reason = f"{same_day.reason} {lowered.reason}".strip()
        same_day.save()
        action, reason = same_day.action, same_day.reason
    else:
        PacingDecision.create(
            plan=row,
            review_date=day.isoformat(),
            action=lowered.action,
            old_dose=row.current_dose,
            new_dose=lowered.new_dose,
            reason=lowered.reason,
        )
        action, reason = lowered.action, lowered.reason
    row.current_dose = lowered.new_dose
    row.save()
    redose_planned(row, today, lowered.new_dose, action, reason)


def update_plan(
    plan: Plan | str,
    *,
    weekdays: int | None = None,
    time_of_day: str | None = None,
    target_dose: int | None = None,
    settings: pacing.PacingSettings | None = None,
    baseline_pain: float | None = _KEEP,
    end_date: date | None = _KEEP,
    reminders: bool | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Plan:
    """Change a plan's days, time, target, pacing numbers, usual pain or reminders.

    New days or a new time replace the still-planned sessions from ``today`` on; logged
    sessions and past plans are never touched. A target lowered below the dose in force
    brings the dose down to it at once, even during a hold; a raised target is used from
    the next review on. Due reviews run first, so the change lands after them.
    """
    row = get_plan(plan)
    today = today or now().date()
    if weekdays is not None and not 1 <= weekdays <= 127:
        raise ValueError("choose at least one day of the week")
    if time_of_day is not None:
        check_time(time_of_day)
    if target_dose is not None:
        check_dose(target_dose, "target")
    if baseline_pain is not _KEEP:
        _check_pain(baseline_pain)
    if end_date is not _KEEP and end_date is not None and end_date.isoformat() < row.start_date:
        raise ValueError("the plan cannot end before it starts")
    with transaction():
        for day in review_due(row, today):
            weekly_review(row, day, today)
        reschedule = False
        if weekdays is not None and weekdays != row.weekdays:
            row.weekdays, reschedule = weekdays, True
        if time_of_day is not None and time_of_day != row.time_of_day:
            row.time_of_day, reschedule = time_of_day, True
        if target_dose is not None:
            row.target_dose = target_dose
        if settings is not None:
            for key, value in _settings_fields(settings).items():
                setattr(row, key, value)
        if baseline_pain is not _KEEP:
            row.baseline_pain = baseline_pain
        if end_date is not _KEEP:
            old_end = row.end_date
            row.end_date = end_date.isoformat() if end_date else None
            reschedule = reschedule or row.end_date != old_end
        if reminders is not None:
            row.reminders = reminders
        if note is not None:
            row.note = note
        row.save()
        _lower_to_target(row, today)
        if reschedule:
            drop_planned(row, today)
            schedule_sessions(row, today + timedelta(days=HORIZON_DAYS), from_date=today)
    return row


def stop_plan(plan: Plan | str, today: date | None = None) -> Change:
    """Stop a plan: no more sessions from today; its history stays in the diary."""
    row = get_plan(plan)
    today = today or now().date()
    with transaction():
        row.active = False
        row.end_date = max(today.isoformat(), row.start_date)
        row.save()
        drop_planned(row, today)
    return Change.PLANS | Change.SESSIONS


@dataclass(frozen=True, slots=True)
class PlanAnswers:
    """What the plan dialog asks, for :func:`save_plan`.

    Attributes:
        plan_id: the plan being changed, or None for a new plan.
        exercise_id: a library id or a stored exercise's id (new plans).
        new_exercise: the person's own new exercise (new plans), stored with the plan.
        weekdays: bitmask, bit 0 = Monday.
    """

    plan_id: str | None
    exercise_id: str | None
    new_exercise: NewExercise | None
    weekdays: int
    time_of_day: str
    start_date: date
    start_dose: int
    target_dose: int
    settings: pacing.PacingSettings
    baseline_pain: float | None
    reminders: bool


def save_plan(answers: PlanAnswers, today: date | None = None) -> Done[str]:
    """The plan dialog's Save: a new plan (with a new own exercise, if one was typed), or
    the changes to a plan (days, time, target, pacing settings, usual pain, reminders),
    in one transaction. The plan's id, and what changed."""
    change = Change.PLANS | Change.SESSIONS
    with transaction():
        if answers.plan_id:
            update_plan(
                answers.plan_id,
                weekdays=answers.weekdays,
                time_of_day=answers.time_of_day,
                target_dose=answers.target_dose,
                settings=answers.settings,
                baseline_pain=answers.baseline_pain,
                reminders=answers.reminders,
                today=today,
            )
            return Done(answers.plan_id, change)
        if answers.new_exercise is None and not answers.exercise_id:
            raise ValueError("a plan needs an exercise")
        plan = create_plan(
            answers.exercise_id or "",
            answers.weekdays,
            answers.time_of_day,
            answers.start_date,
            answers.start_dose,
            answers.target_dose,
            answers.settings,
            baseline_pain=answers.baseline_pain,
            reminders=answers.reminders,
            today=today,
            new_exercise=answers.new_exercise,
        )
        return Done(str(plan.id), change)


# --------------------------------------------------------------------------- queries


def _plan_view(row: Plan, ex: Exercise, latest: DecisionView | None, nxt: date | None) -> PlanView:
    return PlanView(
        id=row.id,
        exercise_id=ex.id,
        exercise_name=ex.name,
        kind=ex.kind,
        category=ex.category,
        unit=row.unit,
        sets=ex.sets,
        rest_seconds=ex.rest_seconds,
        how_to=ex.how_to,
        cautions=ex.cautions,
        custom=bool(ex.custom),
        weekdays=mask_to_weekdays(row.weekdays),
        time_of_day=row.time_of_day,
        start_date=date.fromisoformat(row.start_date),
        end_date=date.fromisoformat(row.end_date) if row.end_date else None,
        start_dose=row.start_dose,
        current_dose=row.current_dose,
        target_dose=row.target_dose,
        baseline_pain=row.baseline_pain,
        settings=plan_settings(row),
        active=bool(row.active),
        reminders=bool(row.reminders),
        note=row.note,
        updated_at=row.updated_at,
        latest=latest,
        next_session=nxt,
    )


def plans(include_stopped: bool = False, today: date | None = None) -> list[PlanView]:
    """The plans (active ones unless asked), oldest first, each with its latest decision."""
    today = today or now().date()
    query = Plan.select(Plan, Exercise).join(Exercise)
    if not include_stopped:
        query = query.where(Plan.active == True)  # noqa: E712
    rows = list(query.order_by(Plan.start_date, Plan.created_at))
    if not rows:
        return []
    ids = [r.id for r in rows]
    # Only each plan's latest decision (review dates are unique per plan): on a heavy
    # diary the plans hold some 1,500 decisions, read once a minute by the reminders.
    last = PacingDecision.alias()
    last_dates = (
        last.select(last.plan, fn.MAX(last.review_date).alias("last_date"))
        .where(last.plan.in_(ids))
        .group_by(last.plan)
    )
    latest: dict[str, DecisionView] = {
        fk(d, "plan"): decision_view(d)
        for d in PacingDecision.select().join(
            last_dates,
            on=(
                (PacingDecision.plan == last_dates.c.plan_id)
                & (PacingDecision.review_date == last_dates.c.last_date)
            ),
        )
    }
    upcoming: dict[str, str] = dict(
        tuples(
            ExerciseSession.select(ExerciseSession.plan, fn.MIN(ExerciseSession.date))
            .where(
                ExerciseSession.plan.in_(ids)
                & (ExerciseSession.status == "planned")
                & (ExerciseSession.date >= today.isoformat())
            )
            .group_by(ExerciseSession.plan)
        )
    )
    return [
        _plan_view(
            r,
            r.exercise,
            latest.get(r.id),
            date.fromisoformat(upcoming[r.id]) if r.id in upcoming else None,
        )
        for r in rows
    ]


def plan(plan_id: str) -> PlanView:
    """One plan by id (stopped or not)."""
    for view in plans(include_stopped=True):
        if view.id == plan_id:
            return view
    raise ValueError(f"no exercise plan with id {plan_id!r}")


def decisions(plan_id: str) -> list[DecisionView]:
    """A plan's decisions, newest first."""
    return [
        decision_view(d)
        for d in PacingDecision.select()
        .where(PacingDecision.plan == plan_id)
        .order_by(PacingDecision.review_date.desc())
    ]


def week_assignments(exclude_plan: str | None = None) -> dict[int, list[str]]:
    """{weekday: [kind, ...]} of the active plans, for the scheduling checks."""
    week: dict[int, list[str]] = {}
    for view in plans():
        if view.id == exclude_plan:
            continue
        for day in view.weekdays:
            week.setdefault(day, []).append(view.kind)
    return week


def plan_days(exclude_plan: str | None = None) -> list[PlanDays]:
    """The active plans as :class:`fibrodesk.core.schedule.PlanDays`."""
    return [
        PlanDays(name=v.exercise_name, kind=v.kind, weekdays=v.weekdays)
        for v in plans()
        if v.id != exclude_plan
    ]
