"""The pacing rule (domain.md s.7 Convention): one weekly decision on a plan's dose.

Dose is time or repetitions, never "until it hurts" (time-contingent pacing). Once a week
the plan's dose is reviewed against what the diary says about that week:

1. ``start``: the plan's first week uses its starting dose; there is nothing to review yet.
2. ``step_back``: a *payback day* (leg pain the day after a session 3 or more above the
   user's baseline pain) steps the dose back: times 0.8, rounded to the nearest unit
   (halves up), at least one unit less, never below the floor. This wins over the rest.
3. ``hold``: a flare day, average leg pain up by 2 or more on the two weeks before, or a
   session cut short or skipped for pain: no increase.
4. ``at_target``: the dose has reached the target.
5. ``hold`` again when no session of the week was done with the whole dose: a dose nobody
   has tried is not raised (raising it is how a boom starts).
6. ``increase``: otherwise add 10% at most (at least one unit), never past the target.

A target the person lowers applies at once, even during a hold (:func:`lower_to_target`,
and in rules 2-3 a dose above the target is brought down to it). Every decision carries
its reason in plain words, quoting the value it used and the day. All thresholds are
user-settable through :class:`PacingSettings`. Leg pain is always the one measure of
:mod:`fibrodesk.core.legpain`: the highest leg-region intensity of a day.

This module holds the decision and its reasons in words; the settings and the week's
facts it decides on (:class:`PacingSettings`, :class:`WeekReview`, :func:`review_week`)
are in :mod:`fibrodesk.core.pacing_week` and re-exported here.

Pure and deterministic: no Qt, no database, no clock. Arithmetic on user numbers uses
exact fractions of the numbers as written (``5.2`` is 52/10) and averages stay exact
fractions, so that a rise of exactly 2 is a rise of 2 and a rise of 1.997 is not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

# Re-exported: the planner's screens name days as the reasons do.
from fibrodesk.core.clock import WEEKDAY_NAMES as WEEKDAY_NAMES
from fibrodesk.core.clock import day_name as day_name
from fibrodesk.core.exact import Number, exact, round_half_up

# The rule's inputs live in pacing_week; re-exported, so that ``pacing`` stays the one
# name the planner, the demo and the plan dialog use for the pacing rule.
from fibrodesk.core.pacing_week import DEFAULT_SETTINGS as DEFAULT_SETTINGS
from fibrodesk.core.pacing_week import PacingSettings as PacingSettings
from fibrodesk.core.pacing_week import WeekReview as WeekReview
from fibrodesk.core.pacing_week import review_periods as review_periods
from fibrodesk.core.pacing_week import review_week as review_week
from fibrodesk.core.plan_text import amount_text

PacingAction = Literal["start", "increase", "hold", "step_back", "at_target"]
ACTIONS: tuple[PacingAction, ...] = ("start", "increase", "hold", "step_back", "at_target")
"""The values of ``pacing_action`` in ``exercise_sessions.csv`` (contract.md)."""


# --------------------------------------------------------------------------- numbers


def _num(value: Number) -> str:
    """A pain score or margin as a person writes it: ``7``, ``5.5``, ``3.1`` (one decimal
    at most, halves up, and only for showing: every comparison uses the exact value)."""
    tenths = round_half_up(exact(value, "a value") * 10)
    whole, tenth = divmod(tenths, 10)
    return str(whole) if tenth == 0 else f"{whole}.{tenth}"


def _one_decimal(value: Number) -> str:
    """An average as shown: always one decimal, halves up (``3.0``, ``5.2``)."""
    tenths = round_half_up(exact(value, "a value") * 10)
    return f"{tenths // 10}.{tenths % 10}"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _days(days: Iterable[date]) -> str:
    return _and([day_name(d) for d in sorted(set(days))])


def _span(week: tuple[date, date]) -> str:
    return f"{day_name(week[0])} to {day_name(week[1])}"


# --------------------------------------------------------------------------- the rule


@dataclass(frozen=True, slots=True)
class PacingDecision:
    """What the rule decided for the next week.

    Attributes:
        action: one of :data:`ACTIONS`.
        new_dose: the dose for the next week, in the review's unit.
        reason: one or two plain sentences saying why, quoting the values and the days.
    """

    action: PacingAction
    new_dose: int
    reason: str


def step_back_dose(dose: int, settings: PacingSettings = DEFAULT_SETTINGS) -> int:
    """The dose after a step back.

    Exact rule (domain.md s.7): the dose times ``1 - step_back_pct/100`` (0.8 by default)
    rounded to the nearest whole unit, halves upwards; at least one unit less than
    before; never below ``floor``; never up (a dose at or below the floor stays).
    With the defaults: 10 -> 8, 12 -> 10 (9.6), 3 -> 2, 2 -> 1, 1 -> 1.
    """
    kept = round_half_up(dose * (100 - exact(settings.step_back_pct, "step_back_pct")) / 100)
    return min(dose, max(settings.floor, min(kept, dose - 1)))


def increase_step(dose: int, settings: PacingSettings = DEFAULT_SETTINGS) -> int:
    """The weekly increase before the target cap.

    ``max_increase_pct`` of the dose rounded *down* to whole units, so it is never more
    than 10%; but at least ``min_step`` (the one-unit minimum wins when 10% is smaller).
    With the defaults: 5 -> 1, 15 -> 1, 30 -> 3.
    """
    pct = exact(settings.max_increase_pct, "max_increase_pct")
    return max(settings.min_step, math.floor(dose * pct / 100))


def _usual(review: WeekReview) -> str:
    if review.baseline_pain is None:
        return "your usual level"
    said = f"your usual {_num(review.baseline_pain)}"
    if review.baseline_is_average:
        said += " (your average of the two weeks before)"
    return said


def _payback_reason(review: WeekReview, settings: PacingSettings) -> str:
    days = sorted(set(review.payback_days))
    label = "a payback day" if len(days) == 1 else "payback days"
    known = {d: review.leg_pain_by_day[d] for d in days if d in review.leg_pain_by_day}
    if len(known) == len(days) and review.baseline_pain is not None:
        base = exact(review.baseline_pain, "baseline_pain")
        said = _and(
            [
                f"leg pain {_num(p)} on {day_name(d)}, "
                f"{_num(exact(p, 'leg pain') - base)} above {_usual(review)}"
                for d, p in known.items()
            ]
        )
        return f"{said}, the day after a session ({label})"
    margin = _num(settings.payback_margin)
    return f"leg pain on {_days(days)} was {margin} or more above {_usual(review)} ({label})"


def _hold_reasons(review: WeekReview, settings: PacingSettings) -> list[str]:
    reasons = []
    if review.flare_days:
        noun = "flare" if len(set(review.flare_days)) == 1 else "flares"
        reasons.append(f"{noun} logged on {_days(review.flare_days)}")
    before, now = review.leg_pain_prev_two_weeks_avg, review.leg_pain_review_week_avg
    if before is not None and now is not None:
        rise = exact(now, "leg_pain_review_week_avg") - exact(before, "leg_pain_prev_two_weeks_avg")
        if rise >= exact(settings.leg_pain_rise_hold, "leg_pain_rise_hold"):
            where = f"from {_span(review.week)}" if review.week else "in the review week"
            reasons.append(
                f"average leg pain was {_one_decimal(now)} {where}, up {_one_decimal(rise)} "
                f"from {_one_decimal(before)} in the two weeks before"
            )
    for days, what in (
        (review.cut_short_for_pain, "cut short"),
        (review.skipped_for_pain, "skipped"),
    ):
        if days:
            subject = "sessions were" if len(set(days)) > 1 else "a session was"
            reasons.append(f"{subject} {what} for pain on {_days(days)}")
    return reasons


def _brought_down(dose: int, new: int, target: int, unit: str) -> str:
    if new < dose and new == target:
        return f" Brought down to your target of {amount_text(target, unit)}."
    return ""


def decide(review: WeekReview, settings: PacingSettings = DEFAULT_SETTINGS) -> PacingDecision:
    """The pacing decision for the week after ``review`` (precedence in the module doc).

    ``start`` (first week) keeps the dose, capped at the target; ``step_back`` uses
    :func:`step_back_dose` and wins over any hold; ``hold`` keeps the dose (a dose above
    a lowered target comes down to it even so); ``at_target`` sets the dose to the
    target; ``increase`` adds :func:`increase_step`, capped at the target. A dose at or
    below the target therefore never goes above it.
    """
    dose, target, unit = review.dose, review.target, review.unit

    if review.is_first_week:
        start = min(dose, target)
        if start == target:
            return PacingDecision(
                "start", start, f"First week: start at your target of {amount_text(start, unit)}."
            )
        return PacingDecision(
            "start", start, f"First week: start gently at {amount_text(start, unit)}."
        )

    if review.payback_days:
        stepped = step_back_dose(dose, settings)
        new = min(stepped, target)
        why = _payback_reason(review, settings)
        if new < dose:
            return PacingDecision(
                "step_back",
                new,
                f"Stepped back by {amount_text(dose - new, unit)}: {why}."
                + (_brought_down(dose, new, target, unit) if new < stepped else ""),
            )
        return PacingDecision(
            "step_back",
            new,
            f"Stepped back: {why}. {amount_text(new, unit).capitalize()} is already the "
            "smallest dose, so it stays there.",
        )

    holds = _hold_reasons(review, settings)
    if holds:
        new = min(dose, target)
        return PacingDecision(
            "hold",
            new,
            "Held: " + "; ".join(holds) + "." + _brought_down(dose, new, target, unit),
        )

    if dose >= target:
        if dose > target:
            return PacingDecision(
                "at_target", target, f"Brought down to your target of {amount_text(target, unit)}."
            )
        return PacingDecision(
            "at_target", target, f"At your target of {amount_text(target, unit)}."
        )

    if review.untried:
        where = f"from {_span(review.week)}" if review.week else "in the review week"
        return PacingDecision(
            "hold",
            dose,
            f"Held: no session was done in full {where}, so {amount_text(dose, unit)} "
            "stays until it has been tried.",
        )

    step = increase_step(dose, settings)
    new = min(target, dose + step)
    if new == target:
        return PacingDecision(
            "increase",
            new,
            f"Increased by {amount_text(new - dose, unit)} to reach your target of "
            f"{amount_text(target, unit)}.",
        )
    pct = _num(settings.max_increase_pct)
    return PacingDecision(
        "increase", new, f"Increased by {amount_text(step, unit)} ({pct}% a week at most)."
    )


def lower_to_target(dose: int, target: int, unit: str) -> PacingDecision | None:
    """The change when the person sets a target below the dose in force: it applies at
    once, hold or not. None when the target is not below the dose (nothing to change)."""
    if target >= dose:
        return None
    return PacingDecision(
        "at_target",
        target,
        f"Brought down to your new target of {amount_text(target, unit)} at once.",
    )
