"""A realistic, deterministic sample diary for trying the app and for benchmarks.

The sample is a day-by-day simulation of one person, not independent random rows:

* a slowly drifting pain level with a seasonal swing, and flares lasting 3-10 days that
  raise pain, fatigue and fog;
* check-ins on most days, one to three body-map sittings a day with marks concentrated
  in the legs (each region with its own usual level and qualities);
* weekly tender-point exams and SSS answers, a monthly FIQR;
* exercise plans whose dose is set each week by the real pacing rule
  (:func:`fibrodesk.core.pacing.decide`) from the simulated diary: sessions done, partly
  done and skipped, and occasional "boom" days (far more than planned on a good day) that
  are followed by payback pain and sometimes a flare, so the history shows what pacing
  is for.

Everything is drawn from one ``random.Random(seed)``, ids included, and timestamps are
derived from the simulated dates, so the same seed and end date give the same diary.
Rows go in through ``executemany`` in one transaction: ten years take a few seconds.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from fibrodesk.core import pacing
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, now, week_start
from fibrodesk.core.exercises import library
from fibrodesk.core.legpain import day_leg_pain
from fibrodesk.errors import UserError

from .database import has_entries, transaction
from .models import (
    FIQR_COLUMNS,
    MODELS,
    CheckIn,
    CheckInTreatment,
    Entry,
    Exercise,
    ExerciseSession,
    FiqrResponse,
    Flare,
    PacingDecision,
    PainMark,
    Plan,
    TenderExam,
    TenderPointResult,
    Treatment,
    WeeklySymptoms,
    db,
)
from .planner.exercises import library_fields

# Why a simulated session was skipped, as exercise_session.skip_reason records it.
SKIP_FOR = {
    "Flare, resting.": "fatigue_flare",
    "Too tired.": "fatigue_flare",
    "Legs too heavy.": "fatigue_flare",
    "Appointment.": "no_time",
}

# Region -> (usual intensity offset from the day's level, chance to be marked, qualities).
PATTERN: dict[str, tuple[float, float, tuple[str, ...]]] = {
    "calf_left": (0.8, 0.85, ("aching", "cramping", "heaviness")),
    "calf_right": (0.5, 0.8, ("aching", "cramping", "heaviness")),
    "thigh_front_left": (0.3, 0.7, ("aching", "heaviness", "weakness")),
    "thigh_front_right": (0.1, 0.65, ("aching", "heaviness", "weakness")),
    "knee_inner_left": (0.6, 0.6, ("aching", "tender_to_touch", "stiffness")),
    "knee_inner_right": (0.4, 0.55, ("aching", "tender_to_touch", "stiffness")),
    "shin_left": (-0.5, 0.35, ("aching", "throbbing")),
    "shin_right": (-0.6, 0.3, ("aching", "throbbing")),
    "sole_left": (0.2, 0.5, ("burning", "tingling", "numbness")),
    "sole_right": (0.3, 0.5, ("burning", "tingling", "numbness")),
    "thigh_back_left": (0.0, 0.45, ("aching", "tingling", "restless")),
    "thigh_back_right": (-0.2, 0.4, ("aching", "restless")),
    "hip_outer_left": (0.4, 0.5, ("aching", "tender_to_touch")),
    "hip_outer_right": (0.3, 0.45, ("aching", "tender_to_touch")),
    "buttock_left": (-0.3, 0.3, ("aching", "shooting")),
    "buttock_right": (-0.4, 0.3, ("aching",)),
    "thigh_outer_left": (-0.4, 0.25, ("burning", "tender_to_touch")),
    "groin_right": (-1.0, 0.15, ("aching",)),
    "ankle_left": (-0.8, 0.2, ("stiffness", "aching")),
    "foot_top_right": (-1.2, 0.15, ("tingling", "cold")),
    "heel_left": (-0.9, 0.15, ("stabbing",)),
    "knee_back_left": (-0.5, 0.2, ("stiffness",)),
    "lower_back": (0.5, 0.6, ("aching", "stiffness")),
    "neck": (0.0, 0.45, ("stiffness", "aching")),
    "shoulder_left": (-0.3, 0.35, ("aching", "tender_to_touch")),
    "shoulder_right": (-0.2, 0.35, ("aching", "tender_to_touch")),
    "upper_back": (-0.6, 0.25, ("aching", "burning")),
    "upper_arm_right": (-1.5, 0.1, ("aching", "heaviness")),
    "lower_arm_left": (-1.5, 0.08, ("tingling",)),
    "head": (-1.0, 0.2, ("throbbing",)),
    "jaw_left": (-1.5, 0.08, ("aching",)),
    "abdomen": (-1.5, 0.1, ("cramping",)),
    "chest": (-2.0, 0.05, ("tender_to_touch",)),
}

TREATMENTS = [
    ("Heat pad", "heat", "", 0.35),
    ("Gentle stretching", "stretching", "", 0.4),
    ("Amitriptyline", "medication", "10 mg at night", 0.8),
    ("TENS", "tens", "", 0.1),
    ("Massage", "massage", "", 0.05),
    ("Warm bath", "own", "", 0.2),
]

NOTES = [
    "Bad night, legs restless until 2am.",
    "Walked to the shop and back, legs heavy after.",
    "Cold and damp today, everything aches.",
    "Good day! Managed the garden for 20 minutes.",
    "Brain fog all morning.",
    "Calves cramping in bed again.",
    "Feet burning in the evening.",
    "Rested most of the day.",
]

# (library id, start offset in days from the diary's start, weekdays, time, start, target)
PLANS = [
    ("flat_walking", 14, (0, 2, 4), "10:30", 5, 30),
    ("sit_to_stand", 60, (1, 3), "11:00", 5, 15),
    ("calf_stretch", 120, (0, 1, 2, 3, 4, 5, 6), "20:00", 3, 10),
]

PLANS_BY_ID = {p[0]: p for p in PLANS}


@dataclass
class _PlanState:
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


class _Rows:
    """Rows per model, inserted at the end with executemany."""

    def __init__(self) -> None:
        self.rows: dict[Any, list[dict[str, Any]]] = {}

    def add(self, model: Any, **values: Any) -> None:
        self.rows.setdefault(model, []).append(values)

    def count(self, model: Any) -> int:
        return len(self.rows.get(model, []))

    def write(self, order: Sequence[Any]) -> None:
        conn = db.connection()
        for model in order:
            rows = self.rows.get(model)
            if not rows:
                continue
            fields = model._meta.sorted_fields
            sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
                model._meta.table_name,
                ", ".join(f'"{f.column_name}"' for f in fields),
                ", ".join("?" for _ in fields),
            )
            # A field the demo does not set takes the model's default (as a save would).
            defaults = [f.default() if callable(f.default) else f.default for f in fields]
            names = [f.name for f in fields]
            conn.executemany(
                sql,
                [tuple(r.get(n, d) for n, d in zip(names, defaults, strict=True)) for r in rows],
            )


def _clip(value: float, lo: int = 0, hi: int = 10) -> int:
    return int(min(hi, max(lo, round(value))))


DENSITIES = ("normal", "heavy")
"""How much a simulated person logs: ``normal`` one or two body-map sittings on most days
with about 12 marks each; ``heavy`` about five sittings a day with 20 to 30 marks each
(about 450,000 marks in ten years), for measuring the app on the heaviest diaries."""

# The five sittings of a heavy logger: label, earliest hour, spread in hours.
HEAVY_SITTINGS = (
    ("Morning", 7.0, 1.5),
    ("Late morning", 10.0, 1.5),
    ("Afternoon", 13.0, 2.0),
    ("Evening", 18.0, 2.0),
    ("Night", 21.5, 1.5),
)
HEAVY_MARK_FACTOR = 2.8  # each region's chance x 2.8: about 25 of the 33 pattern regions


def generate_demo(
    years: int = 2, seed: int = 1, end: date | None = None, density: str = "normal"
) -> str:
    """Fill the open, empty diary with ``years`` of sample up to ``end`` (default today).

    ``density`` is one of :data:`DENSITIES`. Refuses a diary that already holds entries.
    Returns a one-line summary.
    """
    if density not in DENSITIES:
        raise ValueError(f"unknown demo density {density!r}")
    if has_entries():
        raise UserError(
            "This diary already holds entries, so no sample was added; "
            "use an empty folder with --data-dir to try the demo."
        )
    end = end or now().date()
    start = end - timedelta(days=round(365.25 * years) - 1)
    rows = _simulate(random.Random(seed), start, end, heavy=density == "heavy")
    with transaction():
        rows.write(MODELS)  # MODELS lists parents before the records that point to them
    return (
        f"Added a {years}-year sample diary ({start} to {end}): "
        f"{rows.count(Entry)} entries with {rows.count(PainMark)} pain marks, "
        f"{rows.count(CheckIn)} check-ins, {rows.count(TenderExam)} tender-point exams, "
        f"{rows.count(Flare)} flares, {rows.count(Plan)} exercise plans with "
        f"{rows.count(ExerciseSession)} sessions."
    )


def _simulate(rng: random.Random, start: date, end: date, heavy: bool = False) -> _Rows:
    rows = _Rows()

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def stamp(day: date, at: time) -> str:
        return iso(datetime.combine(day, at).astimezone())

    def at(day: date, hour: float) -> tuple[time, str]:
        minutes = int(hour * 60) % (24 * 60)
        t = time(minutes // 60, minutes % 60)
        return t, stamp(day, t)

    def meta(day: date, hour: float = 21.0, record_id: str | None = None) -> dict[str, str]:
        _t, s = at(day, hour)
        return {"id": record_id or uid(), "created_at": s, "updated_at": s}

    cat = catalogue()
    lib = library()
    points = list(cat.tender_points)
    regions = [r for r in PATTERN if r in cat.regions]

    for name, kind, dose, _p in TREATMENTS:
        rows.add(Treatment, **meta(start, 9), name=name, kind=kind, dose=dose, hidden=False)

    plans: list[_PlanState] = []
    for lib_id, offset, weekdays, tod, start_dose, target in PLANS:
        plan_start = start + timedelta(days=offset)
        if plan_start > end or lib_id not in lib:
            continue
        ex = lib[lib_id]
        rows.add(Exercise, **meta(plan_start, 9, lib_id), **library_fields(lib_id))
        state = _PlanState(
            id=uid(),
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
            **meta(plan_start, 9),
            plan=state.id,
            review_date=plan_start.isoformat(),
            action="start",
            old_dose=None,
            new_dose=start_dose,
            reason=state.reason,
        )

    drift = 0.0
    flare_left = 0
    flare_id: str | None = None
    flare_start: date | None = None
    boost_tomorrow = 0.0
    leg_pain: dict[date, int] = {}
    flare_days: set[date] = set()
    fatigue_week: list[int] = []
    fog_week: list[int] = []
    sleep_week: list[int] = []
    total_days = (end - start).days + 1
    day = start
    while day <= end:
        n = (day - start).days
        # -- the day's state ------------------------------------------------------------
        drift = 0.93 * drift + rng.gauss(0, 0.35)
        season = 0.6 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
        improvement = -0.8 * n / max(total_days, 1)  # pacing helps a little over the years
        if flare_left == 0 and rng.random() < 1 / 40 + (0.25 if boost_tomorrow > 2 else 0):
            flare_left = rng.randint(3, 10)
            flare_id, flare_start = uid(), day
        in_flare = flare_left > 0
        level = 4.0 + drift + season + improvement + boost_tomorrow + (2.5 if in_flare else 0)
        boost_tomorrow = 0.0
        if in_flare:
            flare_days.add(day)
            flare_left -= 1
            if flare_left == 0 and flare_id and flare_start:
                rows.add(
                    Flare,
                    **meta(day),
                    start_date=flare_start.isoformat(),
                    end_date=day.isoformat(),
                    note=rng.choice(["", "", "After a busy weekend.", "Weather change."]),
                )
                flare_id = flare_start = None

        # -- body-map entries -------------------------------------------------------------
        leg_marks: list[tuple[str, int]] = []
        mark_factor = HEAVY_MARK_FACTOR if heavy else 1.0
        if heavy and rng.random() < 0.98:
            sittings = [
                (label, first + rng.random() * spread)
                for label, first, spread in HEAVY_SITTINGS
                if rng.random() < 0.95
            ]
        elif not heavy and rng.random() < 0.88:
            sittings = [("Morning", 7.5 + rng.random() * 1.5)]
            if rng.random() < 0.55:
                sittings.append(("Evening", 19 + rng.random() * 2.5))
        else:
            sittings = []
        for label, hour in sittings:
            _t, recorded = at(day, hour)
            entry_id = uid()
            rows.add(
                Entry,
                id=entry_id,
                created_at=recorded,
                updated_at=recorded,
                recorded_at=recorded,
                date=day.isoformat(),
                label=label,
                note="",
            )
            evening = label in ("Evening", "Night")
            for region in regions:
                bias, chance, qualities = PATTERN[region]
                if rng.random() > chance * mark_factor * (1.15 if in_flare else 1.0):
                    continue
                value = _clip(level + bias + (0.4 if evening else 0) + rng.gauss(0, 0.9))
                leg_marks.append((region, value))
                picked = [q for q in qualities if rng.random() < 0.45]
                if evening and region.startswith(("calf", "thigh_back")) and rng.random() < 0.3:
                    picked.append("restless")
                rows.add(
                    PainMark,
                    id=uid(),
                    created_at=recorded,
                    updated_at=recorded,
                    entry=entry_id,
                    region=region,
                    intensity=value,
                    qualities=";".join(dict.fromkeys(picked)),
                    note="",
                )
        day_pain = day_leg_pain(leg_marks)
        if day_pain is not None:
            # A day's leg pain as everything reads it (core.legpain): the highest leg mark.
            leg_pain[day] = day_pain

        # -- daily check-in ---------------------------------------------------------------
        fatigue = _clip(level + 1 + rng.gauss(0, 1))
        fog = _clip(level - 0.5 + (1.5 if in_flare else 0) + rng.gauss(0, 1.2))
        sleep_quality = _clip(7 - level * 0.6 + rng.gauss(0, 1.2))
        fatigue_week.append(fatigue)
        fog_week.append(fog)
        sleep_week.append(sleep_quality)
        if rng.random() < 0.9:
            checkin_id = uid()
            rows.add(
                CheckIn,
                **meta(day, 21.5, checkin_id),
                date=day.isoformat(),
                overall_pain=_clip(level + rng.gauss(0, 0.8)),
                leg_weakness=_clip(level - 0.5 + rng.gauss(0, 1)),
                fatigue=fatigue,
                sleep_hours=round(min(10.0, max(3.0, 7.2 - 0.35 * level + rng.gauss(0, 0.8))) * 2)
                / 2,
                sleep_quality=sleep_quality,
                stiffness_minutes=int(max(0, 10 * level + rng.gauss(0, 12))) // 5 * 5,
                fog=fog,
                mood=_clip(7.5 - 0.5 * level + rng.gauss(0, 1.2)),
                restless_legs=_clip(level - 1 + rng.gauss(0, 1.5)),
                falls=1 if rng.random() < 0.012 else 0,
                flare=in_flare,
                note=rng.choice(NOTES) if rng.random() < 0.06 else "",
            )
            for name, _kind, dose, chance in TREATMENTS:
                if rng.random() < chance * (1.4 if in_flare else 1.0):
                    rows.add(
                        CheckInTreatment,
                        **meta(day, 21.5),
                        checkin=checkin_id,
                        name=name,
                        dose=dose,
                    )

        # -- weekly tender-point exam (Sundays) and SSS answers ----------------------------
        if day.weekday() == 6:
            exam_id = uid()
            rows.add(
                TenderExam,
                **meta(day, 18, exam_id),
                date=day.isoformat(),
                recorded_at=at(day, 18)[1],
                note="",
            )
            for point in points:
                leg_site = cat.tender_points[point].leg
                p = 1 / (1 + math.exp(-(level - (3.0 if leg_site else 4.5))))
                painful = rng.random() < p
                rows.add(
                    TenderPointResult,
                    **meta(day, 18),
                    exam=exam_id,
                    point=point,
                    painful=painful,
                    pain=_clip(level + rng.gauss(0, 1)) if painful else None,
                )
            mean = lambda xs: sum(xs) / max(len(xs), 1)  # noqa: E731
            rows.add(
                WeeklySymptoms,
                **meta(day, 18),
                week_start=week_start(day).isoformat(),
                fatigue=_clip(mean(fatigue_week) / 3, 0, 3),
                unrefreshed=_clip((10 - mean(sleep_week)) / 3, 0, 3),
                cognitive=_clip(mean(fog_week) / 3.3, 0, 3),
                headaches=rng.random() < 0.4,
                lower_abdomen=rng.random() < 0.15,
                depression=rng.random() < 0.25,
                months=24 + n // 30,
            )
            fatigue_week, fog_week, sleep_week = [], [], []

        # -- monthly FIQR -------------------------------------------------------------------
        if day.day == 1:
            answers: dict[str, int | None] = {}
            for col in FIQR_COLUMNS:
                answers[col] = None if rng.random() < 0.03 else _clip(level + rng.gauss(0, 1.5))
            rows.add(FiqrResponse, **meta(day, 12), date=day.isoformat(), **answers)

        # -- exercise: weekly pacing review, then today's sessions -------------------------
        for plan in plans:
            if day < plan.start:
                continue
            if day == plan.next_review:
                _review(rows, plan, day, leg_pain, flare_days, meta)
            if day.weekday() not in plan.weekdays or day == end:
                continue
            boost_tomorrow = max(
                boost_tomorrow, _session(rows, rng, plan, day, level, in_flare, uid, stamp)
            )
        day += timedelta(days=1)
    _finish_plans(rows, plans, end, uid, stamp, meta)
    return rows


def _review(
    rows: _Rows,
    plan: _PlanState,
    day: date,
    leg_pain: dict[date, int],
    flare_days: set[date],
    meta: Any,
) -> None:
    """The weekly pacing review, by the same rule as the planner on a real diary."""
    review = pacing.review_week(
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
    decision = pacing.decide(review)
    rows.add(
        PacingDecision,
        **meta(day, 6),
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


def _session(
    rows: _Rows,
    rng: random.Random,
    plan: _PlanState,
    day: date,
    level: float,
    in_flare: bool,
    uid: Any,
    stamp: Any,
) -> float:
    """One scheduled session and its outcome; returns extra pain it causes tomorrow."""
    hour, minute = (int(x) for x in plan.time_of_day.split(":"))
    scheduled = stamp(day, time(hour, minute))
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
        else _clip(2.5 + (actual / max(plan.dose, 1) - 1) * 3 + rng.gauss(0, 0.8))
    )
    pain_before = None if actual is None else _clip(level + rng.gauss(0, 0.8))
    pain_after = (
        None
        if pain_before is None
        else _clip(pain_before + rng.choice([-1, 0, 0, 1]) + (1 if extra_pain else 0))
    )
    rows.add(
        ExerciseSession,
        id=uid(),
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


def _finish_plans(
    rows: _Rows, plans: list[_PlanState], end: date, uid: Any, stamp: Any, meta: Any
) -> None:
    """Write each plan with the dose the rule reached, and its next two weeks as planned."""
    for plan in plans:
        weekdays = sum(1 << d for d in plan.weekdays)
        rows.add(
            Plan,
            **meta(plan.start, 9, plan.id),
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
            scheduled = stamp(day, time(hour, minute))
            rows.add(
                ExerciseSession,
                id=uid(),
                created_at=stamp(end, time(6, 0)),
                updated_at=stamp(end, time(6, 0)),
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
