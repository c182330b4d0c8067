"""The demo's day-by-day simulation of one person: the pain level, flares, body-map
entries and their marks, check-ins, weekly exams and SSS answers, the monthly FIQR; each
day also runs the exercise plans (:mod:`.planner`) and the treatments and triggers
(:mod:`.treatments`)."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import week_start
from fibrodesk.core.legpain import day_leg_pain
from fibrodesk.db.models import (
    FIQR_COLUMNS,
    CheckIn,
    CheckInTreatment,
    Entry,
    FiqrResponse,
    Flare,
    PainMark,
    TenderExam,
    TenderPointResult,
    WeeklySymptoms,
)

from .common import Rows, Stamps, clip
from .planner import finish_plans, plan_day, start_plans
from .treatments import Triggers

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

# The five sittings of a heavy logger: label, earliest hour, spread in hours.
HEAVY_SITTINGS = (
    ("Morning", 7.0, 1.5),
    ("Late morning", 10.0, 1.5),
    ("Afternoon", 13.0, 2.0),
    ("Evening", 18.0, 2.0),
    ("Night", 21.5, 1.5),
)
HEAVY_MARK_FACTOR = 2.8  # each region's chance x 2.8: about 25 of the 33 pattern regions
FOLLOW_UP = "After a painkiller"
"""The label of the entry a person makes 1 to 4 hours after an as-needed dose."""


def simulate(
    rng: random.Random, start: date, end: date, heavy: bool = False, cycle: bool = False
) -> Rows:
    """The whole diary of one simulated person from ``start`` to ``end``, as rows."""
    rows = Rows()
    st = Stamps(rng)
    cat = catalogue()
    points = list(cat.tender_points)
    regions = [r for r in PATTERN if r in cat.regions]
    legs = {r for r in regions if cat.regions[r].leg}

    triggers = Triggers(rng, st, start, end, cycle)
    triggers.begin(rows)
    plans = start_plans(rows, st, start, end)

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
            flare_id, flare_start = st.uid(), day
        in_flare = flare_left > 0
        level = 4.0 + drift + season + improvement + boost_tomorrow + (2.5 if in_flare else 0)
        level += triggers.level_shift(day)
        boost_tomorrow = 0.0
        if in_flare:
            flare_days.add(day)
            flare_left -= 1
            if flare_left == 0 and flare_id and flare_start:
                rows.add(
                    Flare,
                    **st.meta(day),
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
        triggers.plan_follow_up(level, in_flare, [hour for _label, hour in sittings])
        if triggers.follow_up is not None:
            sittings.append((FOLLOW_UP, triggers.follow_up.entry_hour))
            sittings.sort(key=lambda s: s[1])
        entries: dict[str, str] = {}
        for label, hour in sittings:
            _t, recorded = st.at(day, hour)
            entry_id = st.uid()
            entries[label] = entry_id
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
            taken = triggers.follow_up
            # an as-needed dose eases the legs in the entries 1 to 4 hours after it
            relief = (
                taken.relief
                if taken and taken.dose_hour + 0.75 <= hour <= taken.dose_hour + 4.5
                else 0
            )
            for region in regions:
                bias, chance, qualities = PATTERN[region]
                if rng.random() > chance * mark_factor * (1.15 if in_flare else 1.0):
                    continue
                eased = relief if region in legs else 0.0
                value = clip(level + bias + (0.4 if evening else 0) - eased + rng.gauss(0, 0.9))
                leg_marks.append((region, value))
                picked = [q for q in qualities if rng.random() < 0.45]
                if evening and region.startswith(("calf", "thigh_back")) and rng.random() < 0.3:
                    picked.append("restless")
                rows.add(
                    PainMark,
                    id=st.uid(),
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

        # -- exercise: weekly pacing review, then today's sessions -------------------------
        boom = plan_day(rows, rng, st, plans, day, end, level, in_flare, leg_pain, flare_days)
        boost_tomorrow = max(boost_tomorrow, boom)

        # -- treatments, side effects, tags and weather -----------------------------------
        fatigue = clip(level + 1 + rng.gauss(0, 1))
        fog = clip(level - 0.5 + (1.5 if in_flare else 0) + rng.gauss(0, 1.2))
        sleep_quality = clip(7 - level * 0.6 + rng.gauss(0, 1.2))
        used, trigger_boost, dizzy = triggers.day(
            rows, day, level, in_flare, entries, sleep_quality, boom > 0
        )
        boost_tomorrow += trigger_boost

        # -- daily check-in ---------------------------------------------------------------
        fatigue_week.append(fatigue)
        fog_week.append(fog)
        sleep_week.append(sleep_quality)
        if rng.random() < 0.9:
            checkin_id = st.uid()
            rows.add(
                CheckIn,
                **st.meta(day, 21.5, checkin_id),
                date=day.isoformat(),
                overall_pain=clip(level + rng.gauss(0, 0.8)),
                leg_weakness=clip(level - 0.5 + rng.gauss(0, 1)),
                fatigue=fatigue,
                sleep_hours=round(min(10.0, max(3.0, 7.2 - 0.35 * level + rng.gauss(0, 0.8))) * 2)
                / 2,
                sleep_quality=sleep_quality,
                stiffness_minutes=int(max(0, 10 * level + rng.gauss(0, 12))) // 5 * 5,
                fog=fog,
                mood=clip(7.5 - 0.5 * level + rng.gauss(0, 1.2)),
                restless_legs=clip(level - 1 + rng.gauss(0, 1.5)),
                falls=1 if rng.random() < (0.05 if dizzy else 0.012) else 0,
                flare=in_flare,
                note=rng.choice(NOTES) if rng.random() < 0.06 else "",
            )
            for name, dose in used:
                rows.add(
                    CheckInTreatment, **st.meta(day, 21.5), checkin=checkin_id, name=name, dose=dose
                )

        # -- weekly tender-point exam (Sundays) and SSS answers ----------------------------
        if day.weekday() == 6:
            exam_id = st.uid()
            rows.add(
                TenderExam,
                **st.meta(day, 18, exam_id),
                date=day.isoformat(),
                recorded_at=st.at(day, 18)[1],
                note="",
            )
            for point in points:
                leg_site = cat.tender_points[point].leg
                p = 1 / (1 + math.exp(-(level - (3.0 if leg_site else 4.5))))
                painful = rng.random() < p
                rows.add(
                    TenderPointResult,
                    **st.meta(day, 18),
                    exam=exam_id,
                    point=point,
                    painful=painful,
                    pain=clip(level + rng.gauss(0, 1)) if painful else None,
                )
            mean = lambda xs: sum(xs) / max(len(xs), 1)  # noqa: E731
            rows.add(
                WeeklySymptoms,
                **st.meta(day, 18),
                week_start=week_start(day).isoformat(),
                fatigue=clip(mean(fatigue_week) / 3, 0, 3),
                unrefreshed=clip((10 - mean(sleep_week)) / 3, 0, 3),
                cognitive=clip(mean(fog_week) / 3.3, 0, 3),
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
                answers[col] = None if rng.random() < 0.03 else clip(level + rng.gauss(0, 1.5))
            rows.add(FiqrResponse, **st.meta(day, 12), date=day.isoformat(), **answers)
        day += timedelta(days=1)
    finish_plans(rows, st, plans, end)
    return rows
