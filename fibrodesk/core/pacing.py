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

Pure and deterministic: no Qt, no database, no clock. Arithmetic on user numbers uses
exact fractions of the numbers as written (``5.2`` is 52/10) and averages stay exact
fractions, so that a rise of exactly 2 is a rise of 2 and a rise of 1.997 is not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

# Re-exported: the planner's screens name days as the reasons do.
from fibrodesk.core.clock import WEEKDAY_NAMES as WEEKDAY_NAMES
from fibrodesk.core.clock import day_name as day_name
from fibrodesk.core.plan_text import amount_text

PacingAction = Literal["start", "increase", "hold", "step_back", "at_target"]
ACTIONS: tuple[PacingAction, ...] = ("start", "increase", "hold", "step_back", "at_target")
"""The values of ``pacing_action`` in ``exercise_sessions.csv`` (contract.md)."""

UNITS: tuple[str, ...] = ("minutes", "reps")

Number = int | float | Fraction


# --------------------------------------------------------------------------- numbers


def exact(value: Number, what: str) -> Fraction:
    """``value`` as an exact fraction of its decimal form; ``ValueError`` if not finite."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise ValueError(f"{what} must be a number, not {value!r}")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return Fraction(repr(value))


def round_half_up(value: Fraction) -> int:
    """Round to the nearest whole number, halves upwards (2.5 -> 3, unlike ``round``)."""
    return math.floor(value + Fraction(1, 2))


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


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class PacingSettings:
    """The pacing rule's numbers (domain.md s.7 defaults); all user-settable.

    Attributes:
        max_increase_pct: largest weekly increase, as a percentage of the dose.
        min_step: smallest increase in units (1 minute or 1 repetition); it wins when
            ``max_increase_pct`` of the dose is smaller.
        step_back_pct: how much a payback day takes off, as a percentage of the dose.
        floor: the dose never steps back below this many units.
        leg_pain_rise_hold: a rise of this much in average leg pain (review week against
            the two weeks before) holds the dose.
        payback_margin: leg pain this much above the baseline pain, the day after a
            session, makes a payback day.
        review_days: length of the review week in days (see :func:`review_periods`).
    """

    max_increase_pct: float = 10.0
    min_step: int = 1
    step_back_pct: float = 20.0
    floor: int = 1
    leg_pain_rise_hold: float = 2.0
    payback_margin: float = 3.0
    review_days: int = 7

    def __post_init__(self) -> None:
        if not 0 <= exact(self.max_increase_pct, "max_increase_pct") <= 100:
            raise ValueError("max_increase_pct must be between 0 and 100")
        if not 0 <= exact(self.step_back_pct, "step_back_pct") < 100:
            raise ValueError("step_back_pct must be at least 0 and below 100")
        if self.min_step < 1:
            raise ValueError("min_step must be at least 1 unit")
        if self.floor < 1:
            raise ValueError("floor must be at least 1 unit")
        if exact(self.leg_pain_rise_hold, "leg_pain_rise_hold") <= 0:
            raise ValueError("leg_pain_rise_hold must be above 0")
        if exact(self.payback_margin, "payback_margin") <= 0:
            raise ValueError("payback_margin must be above 0")
        if self.review_days < 1:
            raise ValueError("review_days must be at least 1")


DEFAULT_SETTINGS = PacingSettings()


def review_periods(
    decision_day: date, settings: PacingSettings = DEFAULT_SETTINGS
) -> tuple[tuple[date, date], tuple[date, date]]:
    """The review week and "the two weeks before" for a review made on ``decision_day``.

    Returns ``((review_first, review_last), (before_first, before_last))``, every bound
    inclusive: the review week is the ``review_days`` days up to the day before
    ``decision_day``; the two weeks before are the ``2 * review_days`` days before that.
    """
    review_last = decision_day - timedelta(days=1)
    review_first = decision_day - timedelta(days=settings.review_days)
    before_last = review_first - timedelta(days=1)
    before_first = review_first - timedelta(days=2 * settings.review_days)
    return (review_first, review_last), (before_first, before_last)


# --------------------------------------------------------------------------- the rule


@dataclass(frozen=True)
class WeekReview:
    """What the diary says about one plan's review week.

    Attributes:
        dose: the dose done this week, in ``unit`` (at least 1).
        target: the plan's target (at least 1).
        unit: ``"minutes"`` or ``"reps"``.
        flare_days: days of the review week with a flare logged.
        leg_pain_prev_two_weeks_avg: average leg pain (0-10) over the two weeks before
            the review week, or None when not enough was logged. Exact (a Fraction).
        leg_pain_review_week_avg: average leg pain (0-10) over the review week, or None.
            The dose holds when this minus the two-week average is >= 2, exactly.
        cut_short_for_pain: days of sessions done only partly, with pain as the reason.
        skipped_for_pain: days of sessions skipped, with pain as the reason.
        payback_days: days after a session with leg pain >= ``baseline_pain`` + 3
            (see :func:`payback_days`).
        baseline_pain: the user's usual leg pain (0-10), or None if not known yet.
        baseline_is_average: the baseline is the average of the two weeks before (the
            person has not given one); the reasons say so.
        is_first_week: the plan's first week: the decision is ``start`` at ``dose``.
        leg_pain_by_day: leg pain per day, to quote the value of a payback day in the
            reason ("leg pain 7 on Wednesday 4 March").
        untried: no session of the review week was done with the whole dose.
        week: the review week's first and last day, to name it in the reasons.
    """

    dose: int
    target: int
    unit: str = "minutes"
    flare_days: Sequence[date] = ()
    leg_pain_prev_two_weeks_avg: Number | None = None
    leg_pain_review_week_avg: Number | None = None
    cut_short_for_pain: Sequence[date] = ()
    payback_days: Sequence[date] = ()
    baseline_pain: Number | None = None
    is_first_week: bool = False
    leg_pain_by_day: Mapping[date, Number] = field(default_factory=dict)
    skipped_for_pain: Sequence[date] = ()
    untried: bool = False
    week: tuple[date, date] | None = None
    baseline_is_average: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.dose, bool) or not isinstance(self.dose, int) or self.dose < 1:
            raise ValueError(f"dose must be a whole number of at least 1, not {self.dose!r}")
        if isinstance(self.target, bool) or not isinstance(self.target, int) or self.target < 1:
            raise ValueError(f"target must be a whole number of at least 1, not {self.target!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unit must be 'minutes' or 'reps', not {self.unit!r}")
        for name in ("leg_pain_prev_two_weeks_avg", "leg_pain_review_week_avg", "baseline_pain"):
            value = getattr(self, name)
            if value is not None and not 0 <= exact(value, name) <= 10:
                raise ValueError(f"{name} must be between 0 and 10, not {value!r}")


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


def next_dose_sequence(
    start: int,
    target: int,
    reviews: Sequence[WeekReview],
    settings: PacingSettings = DEFAULT_SETTINGS,
) -> list[PacingDecision]:
    """Decide week after week, carrying the dose forward.

    Each review's ``dose`` and ``target`` are replaced: the first week's dose is
    ``start``, every later week's is the previous decision's ``new_dose``; the rest of
    each review (flares, pain, ``is_first_week``) is used as given. One decision per
    review, in order.
    """
    decisions: list[PacingDecision] = []
    dose = start
    for review in reviews:
        decision = decide(replace(review, dose=dose, target=target), settings)
        decisions.append(decision)
        dose = decision.new_dose
    return decisions


def payback_days(
    session_dates: Iterable[date],
    next_day_leg_pain: Mapping[date, Number],
    baseline_pain: Number | None,
    margin: float = DEFAULT_SETTINGS.payback_margin,
) -> list[date]:
    """The payback days: days after a session whose leg pain is >= baseline + margin.

    ``next_day_leg_pain`` maps a *calendar day* to its leg pain
    (:func:`fibrodesk.core.legpain.leg_pain_by_day`); for each session on day D the
    function looks up day D + 1, and a day without a leg mark is never a payback day.
    Returns those days D + 1, sorted, each once. With no baseline pain known there are
    no payback days. Exact comparison.
    """
    if baseline_pain is None:
        return []
    threshold = exact(baseline_pain, "baseline_pain") + exact(margin, "margin")
    found: set[date] = set()
    for session_day in session_dates:
        after = session_day + timedelta(days=1)
        pain = next_day_leg_pain.get(after)
        if pain is not None and exact(pain, "leg pain") >= threshold:
            found.add(after)
    return sorted(found)


MIN_DAYS_FOR_AVERAGE = 3
"""An average leg pain needs at least this many days with one; otherwise it is unknown."""


def average_leg_pain(leg_pain: Mapping[date, Number], first: date, last: date) -> Fraction | None:
    """Mean leg pain of the days ``first`` to ``last`` (inclusive) that have one, exactly
    (a Fraction, never rounded), or None with fewer than :data:`MIN_DAYS_FOR_AVERAGE`."""
    inside = [exact(v, "leg pain") for d, v in leg_pain.items() if first <= d <= last]
    if len(inside) < MIN_DAYS_FOR_AVERAGE:
        return None
    return sum(inside, Fraction(0)) / len(inside)


def review_week(
    review_day: date,
    *,
    dose: int,
    target: int,
    unit: str,
    leg_pain: Mapping[date, Number],
    flare_days: Iterable[date],
    session_days: Iterable[date],
    full_days: Iterable[date],
    cut_short: Iterable[date],
    skipped_for_pain: Iterable[date] = (),
    baseline_pain: Number | None,
    settings: PacingSettings = DEFAULT_SETTINGS,
) -> WeekReview:
    """The review of the week before ``review_day`` from a diary's facts per day.

    One rule for the planner (facts read from the database) and the demo generator
    (facts it simulates). ``leg_pain`` maps a day to its leg pain
    (:func:`fibrodesk.core.legpain.leg_pain_by_day`: days without a leg mark are absent)
    and must cover the review week and the two weeks before; ``session_days`` are the
    days of sessions done in full or in part, ``full_days`` those done with the whole
    dose; ``flare_days``, ``cut_short`` and ``skipped_for_pain`` may hold days outside
    the week. Without a usual leg pain of the person's own, the average of the two
    weeks before stands in for it.
    """
    (r_first, r_last), (b_first, b_last) = review_periods(review_day, settings)
    before = average_leg_pain(leg_pain, b_first, b_last)
    baseline = baseline_pain if baseline_pain is not None else before
    # A session on the day before the week can make its first day a payback day.
    active = [d for d in set(session_days) if r_first - timedelta(days=1) <= d < r_last]
    paybacks = payback_days(active, leg_pain, baseline, settings.payback_margin)

    def inside(days: Iterable[date]) -> list[date]:
        return sorted(d for d in set(days) if r_first <= d <= r_last)

    return WeekReview(
        dose=dose,
        target=target,
        unit=unit,
        flare_days=inside(flare_days),
        leg_pain_prev_two_weeks_avg=before,
        leg_pain_review_week_avg=average_leg_pain(leg_pain, r_first, r_last),
        cut_short_for_pain=inside(cut_short),
        skipped_for_pain=inside(skipped_for_pain),
        payback_days=paybacks,
        baseline_pain=baseline,
        baseline_is_average=baseline_pain is None and baseline is not None,
        leg_pain_by_day={d: leg_pain[d] for d in paybacks if d in leg_pain},
        untried=not inside(full_days),
        week=(r_first, r_last),
    )
