"""The pacing rule (domain.md s.7 Convention) and the weekly scheduling rules.

Dose is time or repetitions, never "until it hurts" (time-contingent pacing). Once a week
the plan's dose is reviewed against what the diary says about that week:

1. ``start``: the plan's first week uses its starting dose; there is nothing to review yet.
2. ``step_back``: a *payback day* (leg pain the day after a session 3 or more above the
   user's baseline pain) steps the dose back by 20%, at least one unit, never below the
   floor of 1 unit. This wins over everything below.
3. ``hold``: a flare day, average leg pain up by 2 or more on the two weeks before, or a
   session cut short for pain: no increase.
4. ``at_target``: the dose has reached the target.
5. ``increase``: otherwise add 10% at most (at least one unit), never past the target.

Every decision carries its reason in plain words naming the day, so that the user sees
why. All thresholds are user-settable through :class:`PacingSettings`.

Pure and deterministic: no Qt, no database, no clock. Arithmetic on user numbers uses
exact fractions of the numbers as written (``5.2`` is 52/10), so that a rise of exactly 2
or a dose of exactly 10% is never lost to binary floating point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from itertools import combinations
from typing import Literal

# Re-exported: the planner's screens name days as the reasons do.
from fibrodesk.core.clock import WEEKDAY_NAMES as WEEKDAY_NAMES
from fibrodesk.core.clock import day_name as day_name

PacingAction = Literal["start", "increase", "hold", "step_back", "at_target"]
ACTIONS: tuple[PacingAction, ...] = ("start", "increase", "hold", "step_back", "at_target")
"""The values of ``pacing_action`` in ``exercise_sessions.csv`` (contract.md)."""

UNITS: tuple[str, ...] = ("minutes", "reps")
SCHEDULE_KINDS: tuple[str, ...] = ("aerobic", "strength", "stretching", "balance", "mind_body")


# --------------------------------------------------------------------------- numbers


def _exact(value: float, what: str) -> Fraction:
    """``value`` as an exact fraction of its decimal form; ``ValueError`` if not finite."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise ValueError(f"{what} must be a number, not {value!r}")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return Fraction(repr(value))


def _round_half_up(value: Fraction) -> int:
    """Round to the nearest whole number, halves upwards (2.5 -> 3, unlike ``round``)."""
    return math.floor(value + Fraction(1, 2))


def _num(value: float) -> str:
    """A pain score or percentage as a person writes it: ``7``, ``5.5``, ``10``."""
    as_float = float(value)
    return str(int(as_float)) if as_float.is_integer() else f"{as_float:g}"


def _amount(n: int, unit: str) -> str:
    """``1 minute``, ``6 minutes``, ``1 repetition``, ``12 repetitions``."""
    word = "minute" if unit == "minutes" else "repetition"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _days(days: Iterable[date]) -> str:
    return _and([day_name(d) for d in sorted(set(days))])


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
        if not 0 <= _exact(self.max_increase_pct, "max_increase_pct") <= 100:
            raise ValueError("max_increase_pct must be between 0 and 100")
        if not 0 <= _exact(self.step_back_pct, "step_back_pct") < 100:
            raise ValueError("step_back_pct must be at least 0 and below 100")
        if self.min_step < 1:
            raise ValueError("min_step must be at least 1 unit")
        if self.floor < 1:
            raise ValueError("floor must be at least 1 unit")
        if _exact(self.leg_pain_rise_hold, "leg_pain_rise_hold") <= 0:
            raise ValueError("leg_pain_rise_hold must be above 0")
        if _exact(self.payback_margin, "payback_margin") <= 0:
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


# --------------------------------------------------------------------------- baseline


def baseline_from_trials(trials: Sequence[float], reduction_pct: float = 20.0) -> int:
    """Starting dose from three trials: their mean minus 20%, in whole units.

    The caller passes only trials done on *flare-free* days, spread over three days
    (domain.md s.7, after the Canadian fibromyalgia guidance); this function cannot tell
    and trusts it. Rounding: the reduced mean is rounded *down* to a whole unit, and the
    result is never below 1. ``[10, 12, 8]`` -> mean 10 -> 8.

    Raises ``ValueError`` unless there are exactly 3 trials, each a finite number >= 0.
    """
    if isinstance(trials, str | bytes) or len(trials) != 3:
        raise ValueError("a baseline needs exactly 3 trials, done on flare-free days")
    values = [_exact(t, "a trial") for t in trials]
    if any(v < 0 for v in values):
        raise ValueError("a trial cannot be negative")
    reduction = _exact(reduction_pct, "reduction_pct")
    if not 0 <= reduction < 100:
        raise ValueError("reduction_pct must be at least 0 and below 100")
    mean = sum(values, Fraction(0)) / 3
    return max(1, math.floor(mean * (100 - reduction) / 100))


def baseline_from_tolerance(good_day: float, bad_day: float) -> int:
    """Starting dose from what the user manages on a good day and on a bad day.

    The mean of the two, rounded to the nearest whole unit with halves upwards, never
    below 1: ``(20, 10)`` -> 15, ``(5, 2)`` -> 4. ``ValueError`` for a negative or
    non-finite value.
    """
    good = _exact(good_day, "good_day")
    bad = _exact(bad_day, "bad_day")
    if good < 0 or bad < 0:
        raise ValueError("a tolerance cannot be negative")
    return max(1, _round_half_up((good + bad) / 2))


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
            the review week, or None when not enough was logged.
        leg_pain_review_week_avg: average leg pain (0-10) over the review week, or None.
            The dose holds when this minus the two-week average is >= 2.
        cut_short_for_pain: days of sessions done only partly, with pain as the reason.
        payback_days: days after a session with leg pain >= ``baseline_pain`` + 3
            (see :func:`payback_days`).
        baseline_pain: the user's usual leg pain (0-10), or None if not known yet.
        is_first_week: the plan's first week: the decision is ``start`` at ``dose``.
        leg_pain_by_day: optional leg pain per day, only to name the value of a
            payback day in the reason ("leg pain on Wednesday 4 March was 7").
    """

    dose: int
    target: int
    unit: str = "minutes"
    flare_days: Sequence[date] = ()
    leg_pain_prev_two_weeks_avg: float | None = None
    leg_pain_review_week_avg: float | None = None
    cut_short_for_pain: Sequence[date] = ()
    payback_days: Sequence[date] = ()
    baseline_pain: float | None = None
    is_first_week: bool = False
    leg_pain_by_day: Mapping[date, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.dose, bool) or not isinstance(self.dose, int) or self.dose < 1:
            raise ValueError(f"dose must be a whole number of at least 1, not {self.dose!r}")
        if isinstance(self.target, bool) or not isinstance(self.target, int) or self.target < 1:
            raise ValueError(f"target must be a whole number of at least 1, not {self.target!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unit must be 'minutes' or 'reps', not {self.unit!r}")
        for name in ("leg_pain_prev_two_weeks_avg", "leg_pain_review_week_avg", "baseline_pain"):
            value = getattr(self, name)
            if value is not None and not 0 <= _exact(value, name) <= 10:
                raise ValueError(f"{name} must be between 0 and 10, not {value!r}")


@dataclass(frozen=True, slots=True)
class PacingDecision:
    """What the rule decided for the next week.

    Attributes:
        action: one of :data:`ACTIONS`.
        new_dose: the dose for the next week, in the review's unit.
        reason: one or two plain sentences saying why, naming the day(s).
    """

    action: PacingAction
    new_dose: int
    reason: str


def step_back_dose(dose: int, settings: PacingSettings = DEFAULT_SETTINGS) -> int:
    """The dose after a step back.

    Exact rule: take off ``step_back_pct`` of the dose rounded to the nearest whole unit
    (halves upwards), but at least 1 unit; never go below ``floor``; never go up (a dose
    already at or below the floor stays where it is). With the defaults:
    10 -> 8, 3 -> 2 (20% is 0.6, so one unit), 1 -> 1.
    """
    cut = max(1, _round_half_up(dose * _exact(settings.step_back_pct, "step_back_pct") / 100))
    return min(dose, max(settings.floor, dose - cut))


def increase_step(dose: int, settings: PacingSettings = DEFAULT_SETTINGS) -> int:
    """The weekly increase before the target cap.

    ``max_increase_pct`` of the dose rounded *down* to whole units, so it is never more
    than 10%; but at least ``min_step`` (the one-unit minimum wins when 10% is smaller).
    With the defaults: 5 -> 1, 15 -> 1, 30 -> 3.
    """
    pct = _exact(settings.max_increase_pct, "max_increase_pct")
    return max(settings.min_step, math.floor(dose * pct / 100))


def _payback_reason(review: WeekReview, settings: PacingSettings) -> str:
    days = sorted(set(review.payback_days))
    pains = [review.leg_pain_by_day.get(d) for d in days]
    margin = _num(settings.payback_margin)
    usual = (
        f"your usual {_num(review.baseline_pain)}"
        if review.baseline_pain is not None
        else "your usual level"
    )
    label = "a payback day" if len(days) == 1 else "payback days"
    known = [p for p in pains if p is not None]
    if len(known) == len(days):
        said = _and([f"on {day_name(d)} was {_num(p)}" for d, p in zip(days, known, strict=True)])
        return f"leg pain {said}, {margin} or more above {usual} ({label})"
    return f"leg pain on {_days(days)} was {margin} or more above {usual} ({label})"


def _hold_reasons(review: WeekReview, settings: PacingSettings) -> list[str]:
    reasons = []
    if review.flare_days:
        noun = "flare" if len(set(review.flare_days)) == 1 else "flares"
        reasons.append(f"{noun} logged on {_days(review.flare_days)}")
    before, now = review.leg_pain_prev_two_weeks_avg, review.leg_pain_review_week_avg
    if before is not None and now is not None:
        rise = _exact(now, "leg_pain_review_week_avg") - _exact(
            before, "leg_pain_prev_two_weeks_avg"
        )
        if rise >= _exact(settings.leg_pain_rise_hold, "leg_pain_rise_hold"):
            reasons.append(
                f"average leg pain rose from {float(before):.1f} to {float(now):.1f} "
                "over the two weeks before"
            )
    if review.cut_short_for_pain:
        many = len(set(review.cut_short_for_pain)) > 1
        subject = "sessions were" if many else "a session was"
        reasons.append(f"{subject} cut short for pain on {_days(review.cut_short_for_pain)}")
    return reasons


def decide(review: WeekReview, settings: PacingSettings = DEFAULT_SETTINGS) -> PacingDecision:
    """The pacing decision for the week after ``review`` (precedence in the module doc).

    ``start`` (first week) keeps the dose, capped at the target; ``step_back`` uses
    :func:`step_back_dose` and wins over any hold; ``hold`` keeps the dose; ``at_target``
    sets the dose to the target; ``increase`` adds :func:`increase_step`, capped at the
    target. A dose at or below the target therefore never goes above it.
    """
    dose, target, unit = review.dose, review.target, review.unit

    if review.is_first_week:
        start = min(dose, target)
        if start == target:
            return PacingDecision(
                "start", start, f"First week: start at your target of {_amount(start, unit)}."
            )
        return PacingDecision(
            "start", start, f"First week: start gently at {_amount(start, unit)}."
        )

    if review.payback_days:
        new = step_back_dose(dose, settings)
        why = _payback_reason(review, settings)
        if new < dose:
            return PacingDecision(
                "step_back", new, f"Stepped back by {_amount(dose - new, unit)}: {why}."
            )
        return PacingDecision(
            "step_back",
            new,
            f"Stepped back: {why}. {_amount(new, unit).capitalize()} is already the "
            "smallest dose, so it stays there.",
        )

    holds = _hold_reasons(review, settings)
    if holds:
        return PacingDecision("hold", dose, "Held: " + "; ".join(holds) + ".")

    if dose >= target:
        if dose > target:
            return PacingDecision(
                "at_target", target, f"Brought down to your target of {_amount(target, unit)}."
            )
        return PacingDecision("at_target", target, f"At your target of {_amount(target, unit)}.")

    step = increase_step(dose, settings)
    new = min(target, dose + step)
    if new == target:
        return PacingDecision(
            "increase",
            new,
            f"Increased by {_amount(new - dose, unit)} to reach your target of "
            f"{_amount(target, unit)}.",
        )
    pct = _num(settings.max_increase_pct)
    return PacingDecision(
        "increase", new, f"Increased by {_amount(step, unit)} ({pct}% a week at most)."
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
    next_day_leg_pain: Mapping[date, float],
    baseline_pain: float | None,
    margin: float = DEFAULT_SETTINGS.payback_margin,
) -> list[date]:
    """The payback days: days after a session whose leg pain is >= baseline + margin.

    ``next_day_leg_pain`` maps a *calendar day* to the leg pain logged on it (0-10); for
    each session on day D the function looks up day D + 1. Returns those days D + 1,
    sorted, each once. With no baseline pain known there are no payback days.
    """
    if baseline_pain is None:
        return []
    threshold = _exact(baseline_pain, "baseline_pain") + _exact(margin, "margin")
    found: set[date] = set()
    for session_day in session_dates:
        after = session_day + timedelta(days=1)
        pain = next_day_leg_pain.get(after)
        if pain is not None and _exact(pain, "leg pain") >= threshold:
            found.add(after)
    return sorted(found)


MIN_DAYS_FOR_AVERAGE = 3
"""An average leg pain needs at least this many days with one; otherwise it is unknown."""


def average_leg_pain(leg_pain: Mapping[date, float], first: date, last: date) -> float | None:
    """Mean leg pain of the days ``first`` to ``last`` (inclusive), to 2 decimals, or None."""
    inside = [v for d, v in leg_pain.items() if first <= d <= last]
    if len(inside) < MIN_DAYS_FOR_AVERAGE:
        return None
    return round(sum(inside) / len(inside), 2)


def review_week(
    review_day: date,
    *,
    dose: int,
    target: int,
    unit: str,
    leg_pain: Mapping[date, float],
    flare_days: Iterable[date],
    session_days: Iterable[date],
    cut_short: Iterable[date],
    baseline_pain: float | None,
    settings: PacingSettings = DEFAULT_SETTINGS,
) -> WeekReview:
    """The review of the week before ``review_day`` from a diary's facts per day.

    One rule for the planner (facts read from the database) and the demo generator
    (facts it simulates). ``leg_pain`` maps a day to its leg pain and must cover the
    review week and the two weeks before; ``session_days`` are the days of sessions done
    in full or in part; ``flare_days`` and ``cut_short`` may hold days outside the week.
    Without a usual leg pain of the person's own, the average of the two weeks before
    stands in for it.
    """
    (r_first, r_last), (b_first, b_last) = review_periods(review_day, settings)
    before = average_leg_pain(leg_pain, b_first, b_last)
    baseline = baseline_pain if baseline_pain is not None else before
    # A session on the day before the week can make its first day a payback day.
    active = [d for d in set(session_days) if r_first - timedelta(days=1) <= d < r_last]
    paybacks = payback_days(active, leg_pain, baseline, settings.payback_margin)
    return WeekReview(
        dose=dose,
        target=target,
        unit=unit,
        flare_days=sorted(d for d in set(flare_days) if r_first <= d <= r_last),
        leg_pain_prev_two_weeks_avg=before,
        leg_pain_review_week_avg=average_leg_pain(leg_pain, r_first, r_last),
        cut_short_for_pain=sorted(d for d in set(cut_short) if r_first <= d <= r_last),
        payback_days=paybacks,
        baseline_pain=baseline,
        leg_pain_by_day={d: leg_pain[d] for d in paybacks if d in leg_pain},
    )


# --------------------------------------------------------------------------- schedule


@dataclass(frozen=True, slots=True)
class PlanDays:
    """One plan's weekly days, for the scheduling checks.

    Attributes:
        name: the plan's display name (used in warnings).
        kind: the exercise kind, one of :data:`SCHEDULE_KINDS`.
        weekdays: the weekdays it is done on, 0 = Monday ... 6 = Sunday.
    """

    name: str
    kind: str
    weekdays: tuple[int, ...]


def _check_day(day: int) -> None:
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
        raise ValueError(f"a weekday is 0 (Monday) to 6 (Sunday), not {day!r}")


def _check_kind(kind: str) -> None:
    if kind not in SCHEDULE_KINDS:
        raise ValueError(f"unknown exercise kind {kind!r}")


def _days_with(assignments: Mapping[int, Iterable[str]]) -> dict[str, set[int]]:
    by_kind: dict[str, set[int]] = {k: set() for k in SCHEDULE_KINDS}
    for day, kinds in assignments.items():
        _check_day(day)
        for kind in kinds:
            _check_kind(kind)
            by_kind[kind].add(day)
    return by_kind


def _weekdays(days: Iterable[int]) -> str:
    return _and([WEEKDAY_NAMES[d] for d in sorted(days)])


def _adjacent(a: int, b: int) -> bool:
    """Neighbouring weekdays, Sunday next to Monday (the week repeats)."""
    return (a - b) % 7 in (1, 6)


def _spread(days: Sequence[int]) -> bool:
    return not any(_adjacent(a, b) for a, b in combinations(days, 2))


def check_week_schedule(assignments: Mapping[int, Iterable[str]]) -> list[str]:
    """Warnings for a week's plan: ``{weekday: [kind, ...]}``, 0 = Monday.

    Rules (domain.md s.7, Mayo Clinic guidance): strength on at most 2 days a week, with a
    rest day between them; aerobic and strength on alternate days where possible (a day
    with both is flagged only while some day has neither); stretching, balance and
    mind-body work fit any day. An empty list means the week is fine.
    ``ValueError`` for a weekday outside 0-6 or an unknown kind.
    """
    by_kind = _days_with(assignments)
    strength, aerobic = by_kind["strength"], by_kind["aerobic"]
    warnings: list[str] = []
    if len(strength) > 2:
        warnings.append(
            f"Strength is planned on {len(strength)} days ({_weekdays(strength)}); "
            "twice a week is enough."
        )
    for a, b in combinations(sorted(strength), 2):
        if _adjacent(a, b):
            first, second = (b, a) if (a - b) % 7 == 1 else (a, b)
            warnings.append(
                f"Strength on {WEEKDAY_NAMES[first]} and {WEEKDAY_NAMES[second]}: "
                "leave a rest day between strength days."
            )
    both = aerobic & strength
    free = set(range(7)) - aerobic - strength
    if both and free:
        verb = "is" if len(free) == 1 else "are"
        warnings.append(
            f"Aerobic and strength are both on {_weekdays(both)}, while {_weekdays(free)} "
            f"{verb} free: alternate them where you can."
        )
    return warnings


def schedule_warnings(plans: Iterable[PlanDays]) -> list[str]:
    """Warnings for a set of plans: each strength plan at most twice a week, then the
    whole week through :func:`check_week_schedule` (strength at most twice overall too).
    """
    plans = list(plans)
    warnings: list[str] = []
    week: dict[int, list[str]] = {}
    largest_plan = 0
    for plan in plans:
        _check_kind(plan.kind)
        days = set(plan.weekdays)
        for day in days:
            _check_day(day)
            week.setdefault(day, []).append(plan.kind)
        if plan.kind == "strength":
            largest_plan = max(largest_plan, len(days))
            if len(days) > 2:
                warnings.append(
                    f"{plan.name} is planned on {len(days)} days a week; "
                    "strength twice a week is enough."
                )
    overall = check_week_schedule(week)
    strength_days = {d for d, kinds in week.items() if "strength" in kinds}
    if largest_plan > 2 and len(strength_days) == largest_plan:
        # One plan alone already breaks the limit and was named above.
        overall = [w for w in overall if not w.startswith("Strength is planned on")]
    return warnings + overall


def schedule_ok(plans: Iterable[PlanDays]) -> bool:
    """True when :func:`schedule_warnings` has nothing to say."""
    return not schedule_warnings(plans)


def suggest_days(kind: str, existing: Mapping[int, Iterable[str]] | None = None) -> list[int]:
    """Weekdays (0 = Monday) to propose for a new plan of ``kind``, given the week so far.

    - strength: 2 days with a rest day between; the days other strength work is on come
      first (strength stays at twice a week overall), then days free of aerobic work.
    - aerobic: 3 alternate days (Monday, Wednesday, Friday when nothing clashes),
      avoiding strength days, then sharing days other aerobic work is on.
    - mind_body: 3 alternate days, on days other mind-body work is on, then the days
      with least aerobic and strength work.
    - stretching and balance: every day.

    Ties go to the earliest days, so the answer is deterministic.
    """
    _check_kind(kind)
    by_kind = _days_with(existing or {})
    if kind in ("stretching", "balance"):
        return list(range(7))
    strength, aerobic = by_kind["strength"], by_kind["aerobic"]
    if kind == "strength":
        pairs = [p for p in combinations(range(7), 2) if _spread(p)]
        pair = min(
            pairs,
            key=lambda p: (-len(strength.intersection(p)), len(aerobic.intersection(p)), p),
        )
        return list(pair)
    triples = [t for t in combinations(range(7), 3) if _spread(t)]
    if kind == "aerobic":
        best = min(
            triples,
            key=lambda t: (len(strength.intersection(t)), -len(aerobic.intersection(t)), t),
        )
    else:  # mind_body
        busy = strength | aerobic
        same = by_kind["mind_body"]
        best = min(
            triples, key=lambda t: (-len(same.intersection(t)), len(busy.intersection(t)), t)
        )
    return list(best)
