"""The weekly pacing review on the diary: gather a week's facts, decide, apply, revise.

The rule itself lives in :mod:`fibrodesk.core.pacing` (:func:`~fibrodesk.core.pacing.
review_week` and :func:`~fibrodesk.core.pacing.decide`, the same functions the demo
uses); this module only reads the facts and writes the decision back. No Qt.

* **Leg pain of a day**: :mod:`fibrodesk.core.legpain` (the highest leg-region intensity
  of the day; a day without a leg mark has none; overall pain never stands in).
* **Review week**: the 7 days before the review day (every 7 days from the plan's
  start); it runs once the week is over, on the review day itself.
* **Cut short for pain**: a ``done`` or ``partly`` session stopped because of pain
  (``skip_reason`` pain); **skipped for pain**: a ``skipped`` one with that reason; both
  hold. **Full**: ``done``, or ``partly`` with the whole dose.
* **Revision**: when an entry of the latest reviewed week (a mark, a check-in, a session
  of the plan) is added or changed after the review, and no session has been done yet
  at the dose it set, the review is made again; if the decision changes, the stored
  one is replaced, with why in ``revision`` ("a flare was logged for Sunday 9 March").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import fn

from fibrodesk.core import pacing
from fibrodesk.core.clock import now, parse_iso
from fibrodesk.core.exact import round_half_up
from fibrodesk.core.legpain import leg_pain_by_day as legpain_by_day
from fibrodesk.core.legpain import leg_regions
from fibrodesk.core.pacing_week import average_leg_pain
from fibrodesk.core.plan_text import revision_text, with_revision
from fibrodesk.db.changes import Change, Done
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
    mean = average_leg_pain(leg_pain_by_day(first, last), first, last)
    return None if mean is None else float(round_half_up(mean * 10)) / 10


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
    for_pain = [s for s in sessions if s.stopped_for_pain or s.skip_reason == "pain"]

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
        cut_short=days([s for s in for_pain if s.status in ACTIVE]),
        skipped_for_pain=days([s for s in for_pain if s.status == "skipped"]),
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


# --------------------------------------------------------------------------- revision


def _changed_since(stamp: str, since: datetime) -> bool:
    return parse_iso(stamp) >= since


def late_entries(row: Plan, decision: PacingDecision) -> list[tuple[str, date]]:
    """The entries of the decision's review week added or changed since it was made:
    ``(kind, day)`` with kind ``flare`` / ``checkin`` / ``leg_pain`` / ``session``."""
    review_day = date.fromisoformat(decision.review_date)
    (first, last), _ = pacing.review_periods(review_day, plan_settings(row))
    lo, hi = first.isoformat(), last.isoformat()
    since = parse_iso(decision.updated_at)
    late: list[tuple[str, date]] = []
    for day, flare, stamp in tuples(
        CheckIn.select(CheckIn.date, CheckIn.flare, CheckIn.updated_at).where(
            CheckIn.date.between(lo, hi)
        )
    ):
        if _changed_since(stamp, since):
            late.append(("flare" if flare else "checkin", date.fromisoformat(day)))
    for day, stamp in tuples(
        PainMark.select(Entry.date, PainMark.updated_at)
        .join(Entry)
        .where(Entry.date.between(lo, hi) & PainMark.region.in_(sorted(leg_regions())))
    ):
        if _changed_since(stamp, since):
            late.append(("leg_pain", date.fromisoformat(day)))
    for day, stamp in tuples(
        ExerciseSession.select(ExerciseSession.date, ExerciseSession.updated_at).where(
            (ExerciseSession.plan == row)
            & ExerciseSession.date.between(lo, hi)
            & ExerciseSession.status.in_(("done", "partly", "skipped"))
        )
    ):
        if _changed_since(stamp, since):
            late.append(("session", date.fromisoformat(day)))
    return late


def _dose_done_since(row: Plan, day: date) -> bool:
    return (
        ExerciseSession.select()
        .where(
            (ExerciseSession.plan == row)
            & (ExerciseSession.date >= day.isoformat())
            & ExerciseSession.status.in_(ACTIVE)
        )
        .exists()
    )


def _decisive(late: list[tuple[str, date]], review: pacing.WeekReview) -> list[tuple[str, date]]:
    """The late entries that the new review's decision rests on: a flare day that holds,
    the leg pain of a payback day, a session cut short or skipped for pain, or the
    session before a payback day whose pain was there already. Only these are named."""
    paybacks = set(review.payback_days)
    late_pain = {day for kind, day in late if kind == "leg_pain"}
    for_pain = set(review.cut_short_for_pain) | set(review.skipped_for_pain)
    keep = []
    for kind, day in late:
        after = day + timedelta(days=1)
        if (
            (kind == "flare" and day in review.flare_days)
            or (kind == "leg_pain" and day in paybacks)
            or (kind == "session" and day in for_pain)
            or (kind == "session" and after in paybacks and after not in late_pain)
        ):
            keep.append((kind, day))
    return keep


@dataclass(frozen=True, slots=True)
class Revision:
    """A latest review that a late entry of its week changes: the stored decision, what
    the review decides now, and why in words."""

    stored: PacingDecision
    decision: pacing.PacingDecision
    why: str


def revisable(row: Plan) -> Revision | None:
    """The revision of the plan's latest review, when one is due: a weekly review (not
    the start), its dose still in force and not done yet, some entry of its week added
    or changed since it was made, and the review deciding otherwise now."""
    latest = latest_decision(row)
    if latest is None or latest.old_dose is None:
        return None
    day = date.fromisoformat(latest.review_date)
    if not _is_review_day(row, day) or row.current_dose != latest.new_dose:
        return None
    late = late_entries(row, latest)
    if not late or _dose_done_since(row, day):
        return None
    review = week_facts(row, day, dose=latest.old_dose).review
    decision = pacing.decide(review, plan_settings(row))
    if (decision.action, decision.new_dose) == (latest.action, latest.new_dose):
        return None
    return Revision(latest, decision, revision_text(_decisive(late, review)))


def revise_review(row: Plan) -> DecisionView | None:
    """Make the plan's latest review again if an entry of its week came late (module
    doc); returns the revised decision, or None when nothing changed."""
    found = revisable(row)
    if found is None:
        return None
    latest, decision = found.stored, found.decision
    day = date.fromisoformat(latest.review_date)
    with transaction():
        latest.revision = found.why
        latest.action, latest.new_dose, latest.reason = (
            decision.action,
            decision.new_dose,
            decision.reason,
        )
        latest.save()
        row.current_dose = decision.new_dose
        row.save()
        redose_planned(
            row, day, decision.new_dose, decision.action, with_revision(decision.reason, found.why)
        )
    return decision_view(latest)


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
    """True when :func:`run_due_reviews` would change something: a review, a revision
    to look at, or the schedule."""
    today = today or now().date()
    return any(
        review_due(p, today) or _needs_schedule(p, today) or revisable(p) is not None
        for p in _active_plans()
    )


def run_due_reviews(today: date | None = None) -> Done[list[DecisionView]]:
    """Run every due review of every active plan, in order, revise a latest review whose
    week got a late entry, and keep the schedule ahead; all in one transaction.

    Call it when the planner opens and when the app starts a new day. Returns the new or
    revised decisions, oldest first.
    """
    today = today or now().date()
    done: list[DecisionView] = []
    scheduled = 0
    with transaction():
        for row in _active_plans():
            revised = revise_review(row)
            if revised is not None:
                done.append(revised)
            for day in review_due(row, today):
                done.append(weekly_review(row, day, today))
            if _needs_schedule(row, today):
                until = today + timedelta(days=HORIZON_DAYS)
                scheduled += schedule_sessions(row, until, from_date=today)
    change = Change.PLANS | Change.SESSIONS if done or scheduled else Change.NONE
    return Done(done, change)
