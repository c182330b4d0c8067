"""The weekly pacing review on the diary: gather a week's facts, decide, apply, revise.

The rule itself lives in :mod:`fibrodesk.core.pacing` (:func:`~fibrodesk.core.pacing.
review_week` and :func:`~fibrodesk.core.pacing.decide`, the same functions the demo
uses); this module only reads the facts and writes the decision back. No Qt.

* **Leg pain of a day**: :mod:`fibrodesk.core.legpain` (the highest leg-region intensity
  of the day; a day without a leg mark has none; overall pain never stands in).
* **Review week**: the 7 days before the review day (every 7 days from the plan's
  start); it runs once the week is over, on the review day itself.
* **Cut short for pain**: a ``done`` or ``partly`` session marked "stopped because of
  pain"; **full**: ``done``, or ``partly`` with the whole dose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import fn

from fibrodesk.core import pacing
from fibrodesk.core.clock import now
from fibrodesk.core.legpain import leg_pain_by_day as legpain_by_day
from fibrodesk.core.legpain import leg_regions
from fibrodesk.db.database import transaction
from fibrodesk.db.models import CheckIn, Entry, ExerciseSession, PacingDecision, PainMark, Plan

from .common import (
    HORIZON_DAYS,
    REVIEW_DAYS,
    DecisionView,
    decision_view,
    get_plan,
    latest_decision,
    tuples,
)
from .schedule import redose_planned, schedule_sessions

ACTIVE = ("done", "partly")


def plan_settings(plan: Plan) -> pacing.PacingSettings:
    """The plan's pacing numbers as the rule takes them."""
    return pacing.PacingSettings(
        max_increase_pct=plan.max_increase_pct,
        step_back_pct=plan.step_back_pct,
        floor=plan.floor_dose,
        leg_pain_rise_hold=plan.leg_pain_rise_hold,
        payback_margin=plan.payback_margin,
        review_days=REVIEW_DAYS,
    )


def leg_pain_by_day(first: date, last: date) -> dict[date, int]:
    """Leg pain per day from ``first`` to ``last`` (:mod:`fibrodesk.core.legpain`)."""
    rows = tuples(
        PainMark.select(Entry.date, PainMark.region, PainMark.intensity)
        .join(Entry)
        .where(
            Entry.date.between(first.isoformat(), last.isoformat())
            & PainMark.region.in_(sorted(leg_regions()))
        )
    )
    return legpain_by_day((date.fromisoformat(d), region, value) for d, region, value in rows)


def usual_leg_pain(until: date, days: int = 14) -> float | None:
    """Average leg pain of the ``days`` days before ``until``, to one decimal (a value to
    offer the person as their usual leg pain), or None."""
    first, last = until - timedelta(days=days), until - timedelta(days=1)
    mean = pacing.average_leg_pain(leg_pain_by_day(first, last), first, last)
    return None if mean is None else float(pacing.round_half_up(mean * 10)) / 10


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What :func:`week_facts` found: the rule's input and the week it covers."""

    review: pacing.WeekReview
    week: tuple[date, date]


def week_facts(plan: Plan | str, review_date: date, dose: int | None = None) -> WeekFacts:
    """Gather one review week's facts for a plan from the diary (module doc); ``dose``
    is the dose of that week (the plan's current dose unless given)."""
    row = get_plan(plan)
    settings = plan_settings(row)
    (r_first, r_last), (b_first, b_last) = pacing.review_periods(review_date, settings)
    pain = leg_pain_by_day(b_first, r_last)
    flared = CheckIn.select(CheckIn.date).where(
        CheckIn.date.between(r_first.isoformat(), r_last.isoformat()) & (CheckIn.flare == True)  # noqa: E712
    )
    sessions = list(
        ExerciseSession.select()
        .where(
            (ExerciseSession.plan == row)
            & ExerciseSession.date.between(
                (r_first - timedelta(days=1)).isoformat(), r_last.isoformat()
            )
        )
        .order_by(ExerciseSession.scheduled_for)
    )
    active = [s for s in sessions if s.status in ACTIVE]
    full = [s for s in active if s.status == "done" or (s.actual_dose or 0) >= s.planned_dose]

    def days(rows: list[ExerciseSession]) -> list[date]:
        return [date.fromisoformat(s.date) for s in rows]

    review = pacing.review_week(
        review_date,
        dose=row.current_dose if dose is None else dose,
        target=row.target_dose,
        unit=row.unit,
        leg_pain=pain,
        flare_days=[date.fromisoformat(d) for (d,) in tuples(flared)],
        session_days=days(active),
        full_days=days(full),
        cut_short=days([s for s in active if s.stopped_for_pain]),
        baseline_pain=row.baseline_pain,
        settings=settings,
    )
    return WeekFacts(review=review, week=(r_first, r_last))


def weekly_review(plan: Plan | str, review_date: date, today: date | None = None) -> DecisionView:
    """Review the week before ``review_date``, store the decision and apply it.

    The decision (with its reason in words) is stored once per plan and day: a second
    call for the same day returns the stored one. The plan's dose becomes the new dose,
    and every still-planned session from ``review_date`` on takes it, with the action and
    reason. The schedule is then kept :data:`HORIZON_DAYS` ahead of ``today``.
    ``ValueError`` for a review day after ``today`` (its week is not over) or before the
    newest decision.
    """
    row = get_plan(plan)
    today = today or now().date()
    if review_date > today:
        raise ValueError("a week can be reviewed only once it is over")
    existing = PacingDecision.get_or_none(
        (PacingDecision.plan == row) & (PacingDecision.review_date == review_date.isoformat())
    )
    if existing is not None:
        return decision_view(existing)
    latest = latest_decision(row)
    if latest is not None and latest.review_date > review_date.isoformat():
        raise ValueError("a later review already decided this plan's dose")
    decision = pacing.decide(week_facts(row, review_date).review, plan_settings(row))
    with transaction():
        stored = PacingDecision.create(
            plan=row,
            review_date=review_date.isoformat(),
            action=decision.action,
            old_dose=row.current_dose,
            new_dose=decision.new_dose,
            reason=decision.reason,
        )
        row.current_dose = decision.new_dose
        row.save()
        redose_planned(row, review_date, decision.new_dose, decision.action, decision.reason)
        schedule_sessions(row, today + timedelta(days=HORIZON_DAYS))
    return decision_view(stored)


def review_due(row: Plan, today: date) -> list[date]:
    """The review days of a plan up to today (every 7 days from its start) not yet done."""
    start = date.fromisoformat(row.start_date)
    end = date.fromisoformat(row.end_date) if row.end_date else None
    latest = latest_decision(row)
    after = date.fromisoformat(latest.review_date) if latest else start
    days = []
    day = start + timedelta(days=REVIEW_DAYS)
    while day <= today and (end is None or day <= end):
        if day > after:
            days.append(day)
        day += timedelta(days=REVIEW_DAYS)
    return days


def _is_review_day(row: Plan, day: date) -> bool:
    offset = (day - date.fromisoformat(row.start_date)).days
    return offset > 0 and offset % REVIEW_DAYS == 0


# --------------------------------------------------------------------------- due work


def _needs_schedule(row: Plan, today: date) -> bool:
    last = (
        ExerciseSession.select(fn.MAX(ExerciseSession.date))
        .where(ExerciseSession.plan == row)
        .scalar()
    )
    want = today + timedelta(days=HORIZON_DAYS - REVIEW_DAYS)
    if row.end_date:
        want = min(want, date.fromisoformat(row.end_date))
    return last is None or date.fromisoformat(last) < want


def _active_plans() -> list[Plan]:
    return list(Plan.select().where(Plan.active == True))  # noqa: E712


def due_reviews(today: date | None = None) -> list[tuple[str, date]]:
    """(plan id, review day) of every review that has come due, oldest first."""
    today = today or now().date()
    return [(row.id, day) for row in _active_plans() for day in review_due(row, today)]


def has_due_work(today: date | None = None) -> bool:
    """True when :func:`run_due_reviews` would change something: a review or the
    schedule."""
    today = today or now().date()
    return any(review_due(p, today) or _needs_schedule(p, today) for p in _active_plans())


def run_due_reviews(today: date | None = None) -> list[DecisionView]:
    """Run every due review of every active plan, in order, and keep the schedule ahead;
    all in one transaction.

    Call it when the planner opens and when the app starts a new day. Returns the new
    decisions, oldest first.
    """
    today = today or now().date()
    done: list[DecisionView] = []
    with transaction():
        for row in _active_plans():
            for day in review_due(row, today):
                done.append(weekly_review(row, day, today))
            if _needs_schedule(row, today):
                schedule_sessions(row, today + timedelta(days=HORIZON_DAYS), from_date=today)
    return done
