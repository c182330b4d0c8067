"""What the diary says about one plan's review week, as the pacing rule reads it
(domain.md s.7): the rule's numbers (:class:`PacingSettings`), the review week and the two
weeks before it (:func:`review_periods`), and the week's facts (:class:`WeekReview`,
built by :func:`review_week` from leg pain, flares and sessions per day, with the payback
days and the average leg pain worked out here).

The decision made from a :class:`WeekReview` is :func:`fibrodesk.core.pacing.decide`;
:mod:`fibrodesk.core.pacing` re-exports the names of this module that its callers pass to
it. Pure and deterministic: no Qt, no database, no clock; exact arithmetic
(:mod:`fibrodesk.core.exact`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from fibrodesk.core.exact import Number, exact

UNITS: tuple[str, ...] = ("minutes", "reps")


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


# --------------------------------------------------------------------------- the week


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
