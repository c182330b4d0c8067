"""The demo's exercise plans: weekly reviews by the real pacing rule
(:func:`fibrodesk.core.pacing.decide`) on the simulated diary, and each session's outcome
(done, partly done, skipped, and the occasional "boom" day followed by payback pain)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from fibrodesk.core import pacing
from fibrodesk.core.exercises import library
from fibrodesk.db.models import Exercise, ExerciseSession, PacingDecision, Plan
from fibrodesk.db.planner.exercises import library_fields

from .common import Rows, Stamps, clip

# Why a simulated session was skipped, as exercise_session.skip_reason records it.
SKIP_FOR = {
    "Flare, resting.": "fatigue_flare",
    "Too tired.": "fatigue_flare",
    "Legs too heavy.": "fatigue_flare",
    "Appointment.": "no_time",
}

# (library id, start offset in days from the diary's start, weekdays, time, start, target)
PLANS = [
    ("flat_walking", 14, (0, 2, 4), "10:30", 5, 30),
    ("sit_to_stand", 60, (1, 3), "11:00", 5, 15),
    ("calf_stretch", 120, (0, 1, 2, 3, 4, 5, 6), "20:00", 3, 10),
]

PLANS_BY_ID = {p[0]: p for p in PLANS}


@dataclass
class PlanState:
    id: str
    exercise_id: str
    unit: str
    weekdays: tuple[int, ...]
    time_of_day: str
    start: date
    dose: int
    target: int
    baseline_pain: float
    aerobic: bool = False
    action: str = "start"
    reason: str = ""
    next_review: date = date.min
    session_days: list[date] = field(default_factory=list)
    cut_short: list[date] = field(default_factory=list)
    full_days: list[date] = field(default_factory=list)


def start_plans(rows: Rows, st: Stamps, start: date, end: date) -> list[PlanState]:
    """The plans that begin inside the diary, with their exercise and first decision."""
    lib = library()
    plans: list[PlanState] = []
    for lib_id, offset, weekdays, tod, start_dose, target in PLANS:
        plan_start = start + timedelta(days=offset)
        if plan_start > end or lib_id not in lib:
            continue
        ex = lib[lib_id]
        rows.add(Exercise, **st.meta(plan_start, 9, lib_id), **library_fields(lib_id))
        state = PlanState(
            id=st.uid(),
            exercise_id=lib_id,
            unit=ex.unit,
            weekdays=weekdays,
            time_of_day=tod,
            start=plan_start,
            dose=start_dose,
            target=target,
            baseline_pain=4.0,
            aerobic=ex.kind == "aerobic",
            reason=f"Started at {start_dose} {'minutes' if ex.unit == 'minutes' else 'repetitions'}: a gentle dose to build on.",
            next_review=plan_start + timedelta(days=7),
        )
        plans.append(state)
        rows.add(
            PacingDecision,
            **st.meta(plan_start, 9),
            plan=state.id,
            review_date=plan_start.isoformat(),
            action="start",
            old_dose=None,
            new_dose=start_dose,
            reason=state.reason,
        )
    return plans


def plan_day(
    rows: Rows,
    rng: random.Random,
    st: Stamps,
    plans: list[PlanState],
    day: date,
    end: date,
    level: float,
    in_flare: bool,
    leg_pain: dict[date, int],
    flare_days: set[date],
) -> float:
    """The day's reviews and sessions; returns the extra pain they cause tomorrow."""
    boost = 0.0
    for plan in plans:
        if day < plan.start:
            continue
        if day == plan.next_review:
            review(rows, st, plan, day, leg_pain, flare_days)
        if day.weekday() not in plan.weekdays or day == end:
            continue
        boost = max(boost, session(rows, rng, st, plan, day, level, in_flare))
    return boost


def review(
    rows: Rows,
    st: Stamps,
    plan: PlanState,
    day: date,
    leg_pain: dict[date, int],
    flare_days: set[date],
) -> None:
    """The weekly pacing review, by the same rule as the planner on a real diary."""
    result = pacing.review_week(
        day,
        dose=plan.dose,
        target=plan.target,
        unit=plan.unit,
        leg_pain=leg_pain,
        flare_days=flare_days,
        session_days=plan.session_days,
        full_days=plan.full_days,
        cut_short=plan.cut_short,
        baseline_pain=plan.baseline_pain,
    )
    decision = pacing.decide(result)
    rows.add(
        PacingDecision,
        **st.meta(day, 6),
        plan=plan.id,
        review_date=day.isoformat(),
        action=decision.action,
        old_dose=plan.dose,
        new_dose=decision.new_dose,
        reason=decision.reason,
    )
    plan.dose, plan.action, plan.reason = decision.new_dose, decision.action, decision.reason
    plan.next_review = day + timedelta(days=7)
    # The last day of the week can still make the next week's first day a payback day.
    plan.session_days = [d for d in plan.session_days if d >= day - timedelta(days=1)]
    plan.cut_short = []
    plan.full_days = []


def session(
    rows: Rows,
    rng: random.Random,
    st: Stamps,
    plan: PlanState,
    day: date,
    level: float,
    in_flare: bool,
) -> float:
    """One scheduled session and its outcome; returns extra pain it causes tomorrow."""
    hour, minute = (int(x) for x in plan.time_of_day.split(":"))
    scheduled = st.stamp(day, time(hour, minute))
    skip_chance = 0.45 if in_flare else 0.15
    roll = rng.random()
    extra_pain = 0.0
    actual: int | None = plan.dose
    status, stopped, reason = "done", False, ""
    skip_reason: str | None = None
    if roll < skip_chance:
        status, actual = "skipped", None
        reason = (
            rng.choice(["Flare, resting.", "Too tired.", "Appointment.", "Legs too heavy."])
            if in_flare
            else rng.choice(["Appointment.", "Too tired.", "Forgot."])
        )
        skip_reason = SKIP_FOR.get(reason, "other")
    elif roll < skip_chance + 0.08:
        status, actual = "partly", max(1, plan.dose // 2)
        stopped = rng.random() < 0.6
        reason = "Calves started to hurt." if stopped else "Ran out of time."
        skip_reason = "pain" if stopped else "no_time"
        if stopped:
            plan.cut_short.append(day)
    elif plan.aerobic and level < 3.8 and rng.random() < 0.08:
        # A good day and a long walk far beyond the plan: the boom of boom-bust.
        actual = int(plan.dose * rng.uniform(1.6, 2.4)) + 5
        extra_pain = rng.uniform(2.0, 3.5)
    if status != "skipped":
        plan.session_days.append(day)
    if actual is not None and actual >= plan.dose:
        plan.full_days.append(day)
    effort = (
        None
        if actual is None
        else clip(2.5 + (actual / max(plan.dose, 1) - 1) * 3 + rng.gauss(0, 0.8))
    )
    pain_before = None if actual is None else clip(level + rng.gauss(0, 0.8))
    pain_after = (
        None
        if pain_before is None
        else clip(pain_before + rng.choice([-1, 0, 0, 1]) + (1 if extra_pain else 0))
    )
    rows.add(
        ExerciseSession,
        id=st.uid(),
        created_at=scheduled,
        updated_at=scheduled,
        plan=plan.id,
        exercise=plan.exercise_id,
        scheduled_for=scheduled,
        date=day.isoformat(),
        planned_dose=plan.dose,
        unit=plan.unit,
        status=status,
        actual_dose=actual,
        effort=effort,
        pain_before=pain_before,
        pain_after=pain_after,
        stopped_for_pain=stopped,
        skip_reason=skip_reason,
        reason=reason,
        pacing_action=plan.action,
        pacing_reason=plan.reason,
        note="",
    )
    return extra_pain


def finish_plans(rows: Rows, st: Stamps, plans: list[PlanState], end: date) -> None:
    """Write each plan with the dose the rule reached, and its next two weeks as planned."""
    for plan in plans:
        weekdays = sum(1 << d for d in plan.weekdays)
        rows.add(
            Plan,
            **st.meta(plan.start, 9, plan.id),
            exercise=plan.exercise_id,
            weekdays=weekdays,
            time_of_day=plan.time_of_day,
            start_date=plan.start.isoformat(),
            end_date=None,
            unit=plan.unit,
            start_dose=PLANS_BY_ID[plan.exercise_id][4],
            current_dose=plan.dose,
            target_dose=plan.target,
            max_increase_pct=10.0,
            step_back_pct=20.0,
            floor_dose=1,
            leg_pain_rise_hold=2.0,
            payback_margin=3.0,
            baseline_pain=plan.baseline_pain,
            active=True,
            reminders=True,
            note="",
        )
        hour, minute = (int(x) for x in plan.time_of_day.split(":"))
        for offset in range(0, 14):
            day = end + timedelta(days=offset)
            if day.weekday() not in plan.weekdays:
                continue
            scheduled = st.stamp(day, time(hour, minute))
            rows.add(
                ExerciseSession,
                id=st.uid(),
                created_at=st.stamp(end, time(6, 0)),
                updated_at=st.stamp(end, time(6, 0)),
                plan=plan.id,
                exercise=plan.exercise_id,
                scheduled_for=scheduled,
                date=day.isoformat(),
                planned_dose=plan.dose,
                unit=plan.unit,
                status="planned",
                actual_dose=None,
                effort=None,
                pain_before=None,
                pain_after=None,
                stopped_for_pain=False,
                reason="",
                pacing_action=plan.action,
                pacing_reason=plan.reason,
                note="",
            )
