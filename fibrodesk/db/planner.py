"""Exercise plans, their sessions and the weekly pacing review, on the diary. No Qt.

A plan is one exercise on some weekdays at a time of day, with a dose (minutes, or
repetitions per set) that the pacing rule (:mod:`fibrodesk.core.pacing`) moves once a
week. This module is the only place that turns the diary into the rule's facts and the
rule's decision back into rows:

* :func:`create_plan` stores the plan, its first decision (``start``) and schedules
  ``planned`` sessions :data:`HORIZON_DAYS` ahead;
* :func:`log_session` records what was done;
* :func:`weekly_review` gathers one review week's facts (:func:`week_facts`), calls
  :func:`fibrodesk.core.pacing.decide`, stores the decision with its reason in words and
  moves the plan's dose and every still-planned session from the review day on;
* :func:`run_due_reviews` runs every review that has come due, in order, and keeps the
  schedule ahead of today; the window calls it when the planner opens and on a new day.

Definitions used by the review (documented here because the rule depends on them):

* **Leg pain of a day**: the mean intensity of that day's body-map marks on leg regions
  (``Region.leg`` in the catalogue, every sitting of the day together); on a day without
  any leg mark, the check-in's overall pain; otherwise unknown. Rounded to one decimal.
* **Average leg pain** of a period: the mean of its days' leg pain, over the days that
  have one; unknown when fewer than :data:`MIN_DAYS_FOR_AVERAGE` days have one.
* **Review week**: the 7 days before the review day; **the two weeks before**: the 14
  days before that (:func:`fibrodesk.core.pacing.review_periods`).
* **Payback day**: a day of the review week that follows a ``done`` or ``partly``
  session of this plan and whose leg pain is at least the baseline pain plus the plan's
  margin (3 by default). Each payback day belongs to exactly one review week.
* **Baseline pain**: the plan's ``baseline_pain`` (the person's usual leg pain, asked when
  the plan is made); when unknown, the average leg pain of the two weeks before.
* **Cut short for pain**: a ``done`` or ``partly`` session of the review week marked
  "stopped because of pain".
* **Untried dose**: an increase needs at least one session of the review week done in
  full (``done``, or ``partly`` with the whole dose); otherwise the dose is held and the
  reason says so. The rule cannot know this, and raising a dose nobody has tried is how
  a boom starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import fn

from fibrodesk.core import pacing
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, new_id, now, parse_iso
from fibrodesk.core.exercises import KINDS, UNITS, library

from .database import transaction
from .models import CheckIn, Entry, Exercise, ExerciseSession, PacingDecision, PainMark, Plan

HORIZON_DAYS = 56
"""Planned sessions are kept this many days ahead of today (a month view fits in it)."""

REVIEW_DAYS = 7
"""A plan is reviewed every 7 days from its start date."""

MIN_DAYS_FOR_AVERAGE = pacing.MIN_DAYS_FOR_AVERAGE
"""An average leg pain needs at least this many days with a value, else it is unknown."""

LOGGED_STATUSES = ("done", "partly", "skipped")
STATUSES = ("planned", *LOGGED_STATUSES)
MAX_DOSE = 1000
SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


# --------------------------------------------------------------------------- plain rows


@dataclass(frozen=True, slots=True)
class DecisionView:
    """One pacing decision as the planner shows it."""

    id: str
    plan_id: str
    review_date: date
    action: str
    old_dose: int | None
    new_dose: int
    reason: str


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


@dataclass(frozen=True, slots=True)
class SessionView:
    """A scheduled session with its exercise, as the calendar and the log show it."""

    id: str
    plan_id: str | None
    exercise_id: str
    exercise_name: str
    kind: str
    how_to: str
    sets: int
    rest_seconds: int
    scheduled_for: datetime
    date: date
    planned_dose: int
    unit: str
    status: str
    actual_dose: int | None
    effort: int | None
    pain_before: int | None
    pain_after: int | None
    stopped_for_pain: bool
    reason: str
    note: str
    pacing_action: str | None
    pacing_reason: str

    @property
    def time_text(self) -> str:
        return self.scheduled_for.strftime("%H:%M")

    def dose_text(self, dose: int | None = None) -> str:
        return dose_text(self.planned_dose if dose is None else dose, self.unit, self.sets)


# --------------------------------------------------------------------------- words


def amount_text(n: int, unit: str) -> str:
    """``1 minute``, ``6 minutes``, ``1 repetition``, ``12 repetitions``."""
    word = "minute" if unit == "minutes" else "repetition"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def dose_text(dose: int, unit: str, sets: int = 1) -> str:
    """A dose in words: ``6 minutes``, ``8 repetitions``, ``2 sets of 8 repetitions``."""
    if unit == "reps" and sets > 1:
        return f"{sets} sets of {amount_text(dose, unit)}"
    return amount_text(dose, unit)


def weekdays_to_mask(days: Iterable[int]) -> int:
    """Weekdays (0 = Monday) to the stored bitmask (bit 0 = Monday)."""
    mask = 0
    for day in days:
        if not 0 <= day <= 6:
            raise ValueError(f"a weekday is 0 (Monday) to 6 (Sunday), not {day!r}")
        mask |= 1 << day
    return mask


def mask_to_weekdays(mask: int) -> tuple[int, ...]:
    """The stored bitmask to weekdays, 0 = Monday."""
    return tuple(d for d in range(7) if mask & (1 << d))


def weekdays_text(days: Sequence[int]) -> str:
    """``every day``, ``weekdays``, or ``Mon, Wed, Fri``."""
    days = sorted(set(days))
    if len(days) == 7:
        return "every day"
    if days == [0, 1, 2, 3, 4]:
        return "weekdays"
    return ", ".join(SHORT_DAYS[d] for d in days)


ACTION_WORDS = {
    "start": "Started",
    "increase": "Increased",
    "hold": "Held",
    "step_back": "Stepped back",
    "at_target": "At target",
}


# --------------------------------------------------------------------------- exercises


def library_fields(library_id: str) -> dict[str, Any]:
    """The Exercise row's columns (but its id and times) for a library exercise."""
    try:
        ex = library()[library_id]
    except KeyError:
        raise ValueError(f"unknown library exercise {library_id!r}") from None
    return {
        "name": ex.name,
        "kind": ex.kind,
        "category": ex.category,
        "unit": ex.unit,
        "custom": False,
        "how_to": ex.how_to,
        "cautions": "\n".join(ex.cautions),
        "default_start": ex.default_start,
        "default_target": ex.default_target,
        "sets": ex.sets,
        "rest_seconds": ex.rest_seconds,
    }


def ensure_exercise(library_id: str) -> Exercise:
    """The diary's row for a library exercise, created or refreshed from the library."""
    values = library_fields(library_id)
    with transaction():
        row = Exercise.get_or_none(Exercise.id == library_id)
        if row is None:
            return Exercise.create(id=library_id, **values)
        if any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
        return row


def add_custom_exercise(
    name: str,
    kind: str,
    unit: str,
    how_to: str = "",
    cautions: str = "",
    default_start: int | None = None,
    default_target: int | None = None,
    sets: int = 1,
    rest_seconds: int | None = None,
) -> Exercise:
    """Store the person's own exercise (``custom``); returns its row."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("an exercise needs a name")
    if len(name) > 200:
        raise ValueError("an exercise name is at most 200 characters")
    if kind not in KINDS:
        raise ValueError(f"unknown exercise kind {kind!r}")
    if unit not in UNITS:
        raise ValueError(f"unit must be 'minutes' or 'reps', not {unit!r}")
    start = default_start if default_start is not None else 5
    target = default_target if default_target is not None else (30 if unit == "minutes" else 15)
    rest = rest_seconds if rest_seconds is not None else (60 if unit == "reps" and sets > 1 else 0)
    _check_dose(start, "starting dose")
    _check_dose(target, "target")
    with transaction():
        return Exercise.create(
            name=name,
            kind=kind,
            category="own",
            unit=unit,
            custom=True,
            how_to=how_to.strip(),
            cautions=cautions.strip(),
            default_start=start,
            default_target=max(start, target),
            sets=max(1, min(20, sets)),
            rest_seconds=max(0, min(3600, rest)),
        )


def custom_exercises() -> list[Exercise]:
    """The person's own exercises, by name."""
    return list(Exercise.select().where(Exercise.custom == True).order_by(Exercise.name))  # noqa: E712


# --------------------------------------------------------------------------- plans


def _check_dose(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DOSE:
        raise ValueError(f"the {what} must be a whole number from 1 to {MAX_DOSE}, not {value!r}")


def _check_time(text: str) -> None:
    if not _TIME_RE.match(text or ""):
        raise ValueError(f"a time of day is written HH:MM, like 10:30, not {text!r}")


def _settings_fields(settings: pacing.PacingSettings) -> dict[str, Any]:
    return {
        "max_increase_pct": float(settings.max_increase_pct),
        "step_back_pct": float(settings.step_back_pct),
        "floor_dose": int(settings.floor),
        "leg_pain_rise_hold": float(settings.leg_pain_rise_hold),
        "payback_margin": float(settings.payback_margin),
    }


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


def _plan(plan: Plan | str) -> Plan:
    if isinstance(plan, Plan):
        return plan
    row = Plan.get_or_none(Plan.id == plan)
    if row is None:
        raise ValueError(f"no exercise plan with id {plan!r}")
    return row


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
) -> Plan:
    """Store a new plan, its first decision (``start``) and its planned sessions.

    ``exercise_id`` is a library id (its row is made with :func:`ensure_exercise`) or the
    id of a stored exercise (the person's own). ``weekdays`` is a bitmask, bit 0 = Monday.
    Sessions are scheduled from ``start_date`` up to :data:`HORIZON_DAYS` after
    ``today`` (or after the start, when it lies ahead). Returns the plan row.
    """
    settings = settings or pacing.DEFAULT_SETTINGS
    today = today or date.today()
    if not 1 <= weekdays <= 127:
        raise ValueError("choose at least one day of the week")
    _check_time(time_of_day)
    _check_dose(start_dose, "starting dose")
    _check_dose(target_dose, "target")
    if start_dose > target_dose:
        raise ValueError("the starting dose is above the target; lower it or raise the target")
    if end_date is not None and end_date < start_date:
        raise ValueError("the plan cannot end before it starts")
    if baseline_pain is not None and not 0 <= baseline_pain <= 10:
        raise ValueError("the usual leg pain is a number from 0 to 10")
    with transaction():
        if exercise_id in library():
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
    sessions and past plans are never touched. A new target takes effect at the next
    review (a dose above it is brought down then, with its reason).
    """
    row = _plan(plan)
    today = today or date.today()
    reschedule = False
    if weekdays is not None and weekdays != row.weekdays:
        if not 1 <= weekdays <= 127:
            raise ValueError("choose at least one day of the week")
        row.weekdays, reschedule = weekdays, True
    if time_of_day is not None and time_of_day != row.time_of_day:
        _check_time(time_of_day)
        row.time_of_day, reschedule = time_of_day, True
    if target_dose is not None:
        _check_dose(target_dose, "target")
        row.target_dose = target_dose
    if settings is not None:
        for key, value in _settings_fields(settings).items():
            setattr(row, key, value)
    if baseline_pain is not _KEEP:
        if baseline_pain is not None and not 0 <= baseline_pain <= 10:
            raise ValueError("the usual leg pain is a number from 0 to 10")
        row.baseline_pain = baseline_pain
    if end_date is not _KEEP:
        if end_date is not None and end_date.isoformat() < row.start_date:
            raise ValueError("the plan cannot end before it starts")
        old_end = row.end_date
        row.end_date = end_date.isoformat() if end_date else None
        reschedule = reschedule or row.end_date != old_end
    if reminders is not None:
        row.reminders = reminders
    if note is not None:
        row.note = note
    with transaction():
        row.save()
        if reschedule:
            ExerciseSession.delete().where(
                (ExerciseSession.plan == row)
                & (ExerciseSession.status == "planned")
                & (ExerciseSession.date >= today.isoformat())
            ).execute()
            schedule_sessions(row, today + timedelta(days=HORIZON_DAYS), from_date=today)
    return row


def stop_plan(plan: Plan | str, today: date | None = None) -> Plan:
    """Stop a plan: no more sessions from today; its history stays in the diary."""
    row = _plan(plan)
    today = today or date.today()
    with transaction():
        row.active = False
        row.end_date = max(today.isoformat(), row.start_date)
        row.save()
        ExerciseSession.delete().where(
            (ExerciseSession.plan == row)
            & (ExerciseSession.status == "planned")
            & (ExerciseSession.date >= today.isoformat())
        ).execute()
    return row


def _latest_decision(plan: Plan, on_or_before: date | None = None) -> PacingDecision | None:
    query = PacingDecision.select().where(PacingDecision.plan == plan)
    if on_or_before is not None:
        query = query.where(PacingDecision.review_date <= on_or_before.isoformat())
    return query.order_by(PacingDecision.review_date.desc()).first()


def _scheduled_for(day: date, time_of_day: str) -> str:
    hour, minute = (int(x) for x in time_of_day.split(":"))
    return iso(datetime.combine(day, time(hour, minute)).astimezone())


def schedule_sessions(plan: Plan | str, until: date, from_date: date | None = None) -> int:
    """Create ``planned`` sessions on the plan's weekdays up to ``until`` (inclusive).

    From the plan's start (or ``from_date``, when later) to ``until`` or the plan's end
    date, on days that hold no session of this plan yet. Each carries the current dose and
    the action and reason of the decision in force. Returns how many were created.
    """
    row = _plan(plan)
    first = date.fromisoformat(row.start_date)
    if from_date is not None and from_date > first:
        first = from_date
    last = until
    if row.end_date:
        last = min(last, date.fromisoformat(row.end_date))
    if last < first or not row.active:
        return 0
    taken = {
        d
        for (d,) in _tuples(
            ExerciseSession.select(ExerciseSession.date).where(
                (ExerciseSession.plan == row)
                & (ExerciseSession.date.between(first.isoformat(), last.isoformat()))
            )
        )
    }
    decision = _latest_decision(row)
    stamp = iso(now())
    rows = []
    day = first
    while day <= last:
        if row.weekdays & (1 << day.weekday()) and day.isoformat() not in taken:
            rows.append(
                {
                    "id": new_id(),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "plan": row.id,
                    "exercise": _fk(row, "exercise"),
                    "scheduled_for": _scheduled_for(day, row.time_of_day),
                    "date": day.isoformat(),
                    "planned_dose": row.current_dose,
                    "unit": row.unit,
                    "status": "planned",
                    "stopped_for_pain": False,
                    "reason": "",
                    "pacing_action": decision.action if decision else None,
                    "pacing_reason": decision.reason if decision else "",
                    "note": "",
                }
            )
        day += timedelta(days=1)
    with transaction():
        for start in range(0, len(rows), 100):
            ExerciseSession.insert_many(rows[start : start + 100]).execute()
    return len(rows)


# --------------------------------------------------------------------------- sessions


def _check_score(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{what} is a whole number from 0 to 10, not {value!r}")


def log_session(
    session_id: str,
    status: str,
    actual_dose: int | None = None,
    effort: int | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    stopped_for_pain: bool = False,
    reason: str = "",
    note: str | None = None,
) -> SessionView:
    """Record what was done in a session: ``done``, ``partly`` or ``skipped``.

    ``done`` without a dose means the planned dose; ``skipped`` stores no dose. Effort is
    Borg CR10 (0-10), pains are 0-10, each optional. Logging again replaces the log.
    """
    if status not in LOGGED_STATUSES:
        raise ValueError(f"a session is logged as done, partly or skipped, not {status!r}")
    row = ExerciseSession.get_or_none(ExerciseSession.id == session_id)
    if row is None:
        raise ValueError(f"no exercise session with id {session_id!r}")
    if status == "done" and actual_dose is None:
        actual_dose = row.planned_dose
    if status == "skipped":
        actual_dose = None
    if actual_dose is not None and (
        isinstance(actual_dose, bool)
        or not isinstance(actual_dose, int)
        or not 0 <= actual_dose <= MAX_DOSE
    ):
        raise ValueError(f"the dose done is a whole number from 0 to {MAX_DOSE}")
    _check_score(effort, "effort")
    _check_score(pain_before, "leg pain before")
    _check_score(pain_after, "leg pain after")
    if len(reason) > 2000:
        raise ValueError("the reason is at most 2000 characters")
    row.status = status
    row.actual_dose = actual_dose
    row.effort = effort
    row.pain_before = pain_before
    row.pain_after = pain_after
    row.stopped_for_pain = bool(stopped_for_pain) and status != "skipped"
    row.reason = reason.strip()
    if note is not None:
        row.note = note
    with transaction():
        row.save()
    return session(row.id)


def reset_session(session_id: str) -> SessionView:
    """Undo a log: the session is ``planned`` again, with nothing recorded."""
    row = ExerciseSession.get_or_none(ExerciseSession.id == session_id)
    if row is None:
        raise ValueError(f"no exercise session with id {session_id!r}")
    row.status = "planned"
    row.actual_dose = row.effort = row.pain_before = row.pain_after = None
    row.stopped_for_pain = False
    row.reason = ""
    with transaction():
        row.save()
    return session(row.id)


# --------------------------------------------------------------------------- facts


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    """A query's rows as plain tuples (peewee's typing does not follow ``.tuples()``)."""
    return [tuple(r) for r in query.tuples()]


def _fk(row: Any, name: str) -> Any:
    """The raw id a foreign key holds, without loading the row it points to."""
    return row.__data__.get(name)


def _leg_regions() -> list[str]:
    return [r.id for r in catalogue().regions.values() if r.leg]


def leg_pain_by_day(first: date, last: date) -> dict[date, float]:
    """Leg pain per day from ``first`` to ``last`` (see the module doc for the definition)."""
    lo, hi = first.isoformat(), last.isoformat()
    result: dict[date, float] = {}
    marks = _tuples(
        PainMark.select(Entry.date, fn.AVG(PainMark.intensity))
        .join(Entry)
        .where(Entry.date.between(lo, hi) & PainMark.region.in_(_leg_regions()))
        .group_by(Entry.date)
    )
    for day, mean in marks:
        result[date.fromisoformat(day)] = round(float(mean), 1)
    checkins = _tuples(
        CheckIn.select(CheckIn.date, CheckIn.overall_pain).where(
            CheckIn.date.between(lo, hi) & CheckIn.overall_pain.is_null(False)
        )
    )
    for day, pain in checkins:
        result.setdefault(date.fromisoformat(day), float(pain))
    return dict(sorted(result.items()))


def usual_leg_pain(until: date, days: int = 14) -> float | None:
    """Average leg pain of the ``days`` days before ``until``, to one decimal, or None."""
    first, last = until - timedelta(days=days), until - timedelta(days=1)
    mean = pacing.average_leg_pain(leg_pain_by_day(first, last), first, last)
    return None if mean is None else round(mean, 1)


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What :func:`week_facts` found, with the review it builds.

    Attributes:
        review: the rule's input.
        week: (first, last) day of the review week.
        fully_done: sessions of the review week done with the whole dose.
    """

    review: pacing.WeekReview
    week: tuple[date, date]
    fully_done: int


def week_facts(plan: Plan | str, review_date: date) -> WeekFacts:
    """Gather one review week's facts for a plan from the diary (module doc)."""
    row = _plan(plan)
    settings = plan_settings(row)
    (r_first, r_last), (b_first, b_last) = pacing.review_periods(review_date, settings)
    pain = leg_pain_by_day(b_first, r_last)
    flared = CheckIn.select(CheckIn.date).where(
        CheckIn.date.between(r_first.isoformat(), r_last.isoformat()) & (CheckIn.flare == True)  # noqa: E712
    )
    flare_days = [date.fromisoformat(d) for (d,) in _tuples(flared)]
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
    in_week = [s for s in sessions if r_first.isoformat() <= s.date <= r_last.isoformat()]
    fully_done = sum(
        1
        for s in in_week
        if s.status == "done" or (s.status == "partly" and (s.actual_dose or 0) >= s.planned_dose)
    )
    active = [s for s in sessions if s.status in ("done", "partly")]
    review = pacing.review_week(
        review_date,
        dose=row.current_dose,
        target=row.target_dose,
        unit=row.unit,
        leg_pain=pain,
        flare_days=flare_days,
        session_days=[date.fromisoformat(s.date) for s in active],
        cut_short=[date.fromisoformat(s.date) for s in active if s.stopped_for_pain],
        baseline_pain=row.baseline_pain,
        settings=settings,
    )
    return WeekFacts(review=review, week=(r_first, r_last), fully_done=fully_done)


# --------------------------------------------------------------------------- reviews


def _decision_view(row: PacingDecision) -> DecisionView:
    return DecisionView(
        id=row.id,
        plan_id=_fk(row, "plan"),
        review_date=date.fromisoformat(row.review_date),
        action=row.action,
        old_dose=row.old_dose,
        new_dose=row.new_dose,
        reason=row.reason,
    )


def weekly_review(plan: Plan | str, review_date: date, today: date | None = None) -> DecisionView:
    """Review the week before ``review_date``, store the decision and apply it.

    The decision (with its reason in words) is stored once per plan and day: a second
    call for the same day returns the stored one. The plan's dose becomes the new dose,
    and every still-planned session from ``review_date`` on takes it, with the action and
    reason. The schedule is then kept :data:`HORIZON_DAYS` ahead of ``today``.
    ``ValueError`` for a review day after ``today`` or before the newest decision.
    """
    row = _plan(plan)
    today = today or date.today()
    if review_date > today:
        raise ValueError("a week can be reviewed only once it is over")
    existing = PacingDecision.get_or_none(
        (PacingDecision.plan == row) & (PacingDecision.review_date == review_date.isoformat())
    )
    if existing is not None:
        return _decision_view(existing)
    latest = _latest_decision(row)
    if latest is not None and latest.review_date > review_date.isoformat():
        raise ValueError("a later review already decided this plan's dose")
    facts = week_facts(row, review_date)
    decision = pacing.decide(facts.review, plan_settings(row))
    action, new_dose, reason = decision.action, decision.new_dose, decision.reason
    if action == "increase" and facts.fully_done == 0:
        first, last = facts.week
        action, new_dose = "hold", row.current_dose
        reason = (
            f"Held: no session was done in full between {pacing.day_name(first)} and "
            f"{pacing.day_name(last)}, so {amount_text(row.current_dose, row.unit)} "
            "stays until it has been tried."
        )
    with transaction():
        stored = PacingDecision.create(
            plan=row,
            review_date=review_date.isoformat(),
            action=action,
            old_dose=row.current_dose,
            new_dose=new_dose,
            reason=reason,
        )
        row.current_dose = new_dose
        row.save()
        ExerciseSession.update(
            planned_dose=new_dose,
            pacing_action=action,
            pacing_reason=reason,
            updated_at=iso(now()),
        ).where(
            (ExerciseSession.plan == row)
            & (ExerciseSession.status == "planned")
            & (ExerciseSession.date >= review_date.isoformat())
        ).execute()
        schedule_sessions(row, today + timedelta(days=HORIZON_DAYS))
    return _decision_view(stored)


def _review_days(row: Plan, today: date) -> list[date]:
    """The review days of a plan up to today (every 7 days from its start) not yet done."""
    start = date.fromisoformat(row.start_date)
    end = date.fromisoformat(row.end_date) if row.end_date else None
    latest = _latest_decision(row)
    after = date.fromisoformat(latest.review_date) if latest else start
    days = []
    day = start + timedelta(days=REVIEW_DAYS)
    while day <= today and (end is None or day <= end):
        if day > after:
            days.append(day)
        day += timedelta(days=REVIEW_DAYS)
    return days


def due_reviews(today: date | None = None) -> list[tuple[str, date]]:
    """(plan id, review day) of every review that has come due, oldest first."""
    today = today or date.today()
    return [
        (row.id, day)
        for row in Plan.select().where(Plan.active == True)  # noqa: E712
        for day in _review_days(row, today)
    ]


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


def has_due_work(today: date | None = None) -> bool:
    """True when :func:`run_due_reviews` would change something (a review or the schedule)."""
    today = today or date.today()
    plans = list(Plan.select().where(Plan.active == True))  # noqa: E712
    return any(_review_days(p, today) or _needs_schedule(p, today) for p in plans)


def run_due_reviews(today: date | None = None) -> list[DecisionView]:
    """Run every due review of every active plan, in order, and keep the schedule ahead.

    Call it when the planner opens and when the app starts a new day. Returns the new
    decisions, oldest first.
    """
    today = today or date.today()
    done: list[DecisionView] = []
    with transaction():
        for row in list(Plan.select().where(Plan.active == True)):  # noqa: E712
            for day in _review_days(row, today):
                done.append(weekly_review(row, day, today))
            if _needs_schedule(row, today):
                schedule_sessions(row, today + timedelta(days=HORIZON_DAYS), from_date=today)
    return done


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
    today = today or date.today()
    query = Plan.select(Plan, Exercise).join(Exercise)
    if not include_stopped:
        query = query.where(Plan.active == True)  # noqa: E712
    rows = list(query.order_by(Plan.start_date, Plan.created_at))
    if not rows:
        return []
    ids = [r.id for r in rows]
    latest: dict[str, DecisionView] = {}
    for d in (
        PacingDecision.select()
        .where(PacingDecision.plan.in_(ids))
        .order_by(PacingDecision.review_date)
    ):
        latest[_fk(d, "plan")] = _decision_view(d)
    upcoming: dict[str, str] = dict(
        _tuples(
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
        _decision_view(d)
        for d in PacingDecision.select()
        .where(PacingDecision.plan == plan_id)
        .order_by(PacingDecision.review_date.desc())
    ]


def _session_view(row: ExerciseSession, ex: Exercise) -> SessionView:
    return SessionView(
        id=row.id,
        plan_id=_fk(row, "plan"),
        exercise_id=ex.id,
        exercise_name=ex.name,
        kind=ex.kind,
        how_to=ex.how_to,
        sets=ex.sets,
        rest_seconds=ex.rest_seconds,
        scheduled_for=parse_iso(row.scheduled_for),
        date=date.fromisoformat(row.date),
        planned_dose=row.planned_dose,
        unit=row.unit,
        status=row.status,
        actual_dose=row.actual_dose,
        effort=row.effort,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        stopped_for_pain=bool(row.stopped_for_pain),
        reason=row.reason,
        note=row.note,
        pacing_action=row.pacing_action,
        pacing_reason=row.pacing_reason,
    )


def sessions_between(first: date, last: date, plan_id: str | None = None) -> list[SessionView]:
    """Sessions from ``first`` to ``last`` (inclusive), by scheduled time."""
    query = (
        ExerciseSession.select(ExerciseSession, Exercise)
        .join(Exercise)
        .where(ExerciseSession.date.between(first.isoformat(), last.isoformat()))
    )
    if plan_id is not None:
        query = query.where(ExerciseSession.plan == plan_id)
    return [
        _session_view(s, s.exercise)
        for s in query.order_by(ExerciseSession.scheduled_for, Exercise.name)
    ]


def session(session_id: str) -> SessionView:
    """One session by id."""
    row = (
        ExerciseSession.select(ExerciseSession, Exercise)
        .join(Exercise)
        .where(ExerciseSession.id == session_id)
        .first()
    )
    if row is None:
        raise ValueError(f"no exercise session with id {session_id!r}")
    return _session_view(row, row.exercise)


def week_assignments(exclude_plan: str | None = None) -> dict[int, list[str]]:
    """{weekday: [kind, ...]} of the active plans, for the scheduling checks."""
    week: dict[int, list[str]] = {}
    for view in plans():
        if view.id == exclude_plan:
            continue
        for day in view.weekdays:
            week.setdefault(day, []).append(view.kind)
    return week


def plan_days(exclude_plan: str | None = None) -> list[pacing.PlanDays]:
    """The active plans as :class:`fibrodesk.core.pacing.PlanDays`."""
    return [
        pacing.PlanDays(name=v.exercise_name, kind=v.kind, weekdays=v.weekdays)
        for v in plans()
        if v.id != exclude_plan
    ]


def diary_written_on(day: date) -> bool:
    """True when the day has a check-in or a body-map entry (the evening reminder asks)."""
    iso_day = day.isoformat()
    return (
        CheckIn.select().where(CheckIn.date == iso_day).exists()
        or Entry.select().where(Entry.date == iso_day).exists()
    )
