"""Plain-words patterns in a date range of the diary, for the history page and the report.

Input is one numpy array per measure, one row per day (``dates`` strictly increasing;
a missing day is simply absent, a missing value is NaN). Rows before ``start`` (the first
day shown) are context only: the day before the first day, the two weeks before an
exercise spike. Output is a list of :class:`Insight` values, each with a sentence a
person can read and the numbers behind it.

Rules every sentence here keeps:

- a comparison is shown only when each side rests on at least ``MIN_DAYS`` (7) days,
  and each side says its number of days and its spread, the lower and upper quartile
  ("middle half 3.0 to 5.0"; numpy's default linear percentile), besides the mean;
- a group that would mix unlike days is split: days after no exercise and days after a
  shorter session are two sides, not one "other days";
- the wording describes what went together in time ("on days after ... averaged",
  "began ... later"), never a cause: a diary cannot tell what made pain better or worse;
- numbers are shown to one decimal, halves rounded up (:func:`wording.one_decimal`).

Conventions (documented here and relied on by the tests):

- *Leg pain* is :mod:`fibrodesk.core.legpain`'s: the day's highest leg mark.
- *Next day after exercise*: the leg pain of day D is grouped by the exercise minutes of
  day D-1: 20 or more, 1 to 19 (a shorter session), none. A day whose previous calendar
  day is not in the arrays is left out.
- *Sleep*: ``sleep_hours`` on day D is the night that ended on the morning of D (the
  check-in asks about last night), so it is compared with the leg pain of the same day
  D. Nights of 6 to under 7 hours belong to neither side.
- *Trend*: the last 30 calendar days of the range (ending on its last date) against the
  30 before them, both inside the range shown; "about the same" when the two
  averages, as shown to one decimal, differ by 0.5 or less.
- *Boom-bust*: see :mod:`fibrodesk.core.spikes`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from fibrodesk.core.spikes import (
    BOOM_EXTRA_MINUTES,
    BOOM_RATIO,
    BUST_WITHIN_DAYS,
    BoomBustEpisode,
    boom_bust,
    times,
)
from fibrodesk.core.wording import days, one_decimal

__all__ = ["MIN_DAYS", "BoomBustEpisode", "Insight", "Side", "boom_bust_episodes"]

MIN_DAYS = 7  # each side of a comparison
EXERCISE_MINUTES = 20  # "20 or more minutes of exercise"
SHORT_SLEEP_HOURS = 6  # a short night: less than this
LONG_SLEEP_HOURS = 7  # a long enough night: this or more
TREND_DAYS = 30
ABOUT_THE_SAME = 0.5

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
DateArray = npt.NDArray[np.datetime64]


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison.

    Attributes:
        label: what the days have in common, in words ("after no exercise").
        n: how many days.
        mean, q1, q3: the mean, lower and upper quartile of their values.
    """

    label: str
    n: int
    mean: float
    q1: float
    q3: float

    def words(self) -> str:
        """``4.0 (12 days, middle half 3.0 to 5.0)``."""
        return (
            f"{one_decimal(self.mean)} ({days(self.n)}, middle half {one_decimal(self.q1)} "
            f"to {one_decimal(self.q3)})"
        )


@dataclass(frozen=True, slots=True)
class Insight:
    """One pattern in words.

    Attributes:
        kind: ``exercise_next_day``, ``sleep``, ``trend``, ``flare_days`` or ``boom_bust``.
        sentence: the plain-words sentence shown to the person.
        numbers: the numbers behind the sentence, unrounded, by name:
            ``exercise_next_day``: threshold_minutes, mean_after_exercise, and where shown
            mean_after_short, mean_after_none; ``sleep``: short_hours, long_hours,
            mean_short, mean_long; ``trend``: mean_recent, mean_before;
            ``flare_days``: flare_days, days; ``boom_bust``: boom_days, episodes.
        n_days_a: days behind the first side of a comparison; for a count (flare days,
            boom-bust) the days in the range it was counted over.
        n_days_b: days behind the second side shown (the largest other side); 0 for a
            count.
        sides: every side shown, with its spread; empty for a count.
    """

    kind: str
    sentence: str
    numbers: dict[str, float]
    n_days_a: int
    n_days_b: int
    sides: tuple[Side, ...] = field(default=())


# --------------------------------------------------------------------------- input


def _dates(dates: npt.ArrayLike) -> DateArray:
    days_ = np.asarray(dates).astype("datetime64[D]")
    if days_.ndim != 1:
        raise ValueError("dates must be a one-dimensional array")
    if days_.size and np.isnat(days_).any():
        raise ValueError("dates must not contain missing dates")
    if days_.size > 1 and not (np.diff(days_) > np.timedelta64(0, "D")).all():
        raise ValueError("dates must be strictly increasing, one row per day")
    return days_


def _floats(values: npt.ArrayLike, name: str, n: int) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    if array.shape != (n,):
        raise ValueError(f"{name} must have one value per date ({n}), not shape {array.shape}")
    if (array[~np.isnan(array)] < 0).any():
        raise ValueError(f"{name} must not be negative")
    return array


def _flags(values: npt.ArrayLike, name: str, n: int) -> BoolArray:
    array = np.asarray(values)
    if array.shape != (n,):
        raise ValueError(f"{name} must have one value per date ({n}), not shape {array.shape}")
    if array.dtype != np.bool_ and not np.isin(array, (0, 1)).all():
        raise ValueError(f"{name} must hold only True/False (or 1/0)")
    return array.astype(np.bool_)


def _first_row(dates: DateArray, start: dt.date | None) -> int:
    if start is None:
        return 0
    return int(np.searchsorted(dates, np.datetime64(start.isoformat(), "D")))


def _at_offset(dates: DateArray, values: FloatArray, offset: int) -> FloatArray:
    """For each day D, the value of day D + offset, NaN when that day is not in the arrays."""
    wanted = dates + np.timedelta64(offset, "D")
    index = np.searchsorted(dates, wanted)
    inside = index < dates.size
    found = np.zeros(dates.size, dtype=np.bool_)
    found[inside] = dates[index[inside]] == wanted[inside]
    result = np.full(dates.size, np.nan)
    result[found] = values[index[found]]
    return result


def _side(label: str, values: FloatArray, chosen: BoolArray) -> Side | None:
    """The side of the days ``chosen`` with a known value, or None with fewer than 7."""
    picked = values[chosen & ~np.isnan(values)]
    if picked.size < MIN_DAYS:
        return None
    q1, q3 = quartiles(picked)
    return Side(label, int(picked.size), float(picked.mean()), q1, q3)


def quartiles(values: FloatArray) -> tuple[float, float]:
    """The lower and upper quartile of ``values`` (no NaN, at least one), exactly as
    numpy's default percentile gives them (linear between the two nearest of the sorted
    values, interpolated from the nearer one). Worked out here because ``np.percentile``
    imports numpy.ma on its first call (through ``np.unique``): about 1.5 MB kept for
    the History page's quartiles."""
    ordered = np.sort(values)
    last = ordered.size - 1
    found = []
    for q in (0.25, 0.75):
        position = q * last  # exact for a quarter and three quarters
        below = int(position)
        gamma = position - below
        low, high = float(ordered[below]), float(ordered[min(below + 1, last)])
        diff = high - low
        found.append(high - diff * (1 - gamma) if gamma >= 0.5 else low + diff * gamma)
    return found[0], found[1]


# --------------------------------------------------------------------------- insights


def _exercise_next_day(
    dates: DateArray, leg_pain: FloatArray, exercise_minutes: FloatArray, shown: BoolArray
) -> Insight | None:
    """Leg pain on days after 20 or more minutes of exercise, after a shorter session and
    after none: each group its own side."""
    before = _at_offset(dates, exercise_minutes, -1)
    known = shown & ~np.isnan(before)
    long_side = _side(
        f"after {EXERCISE_MINUTES} or more minutes of exercise",
        leg_pain,
        known & (before >= EXERCISE_MINUTES),
    )
    short = _side(
        "after a shorter session", leg_pain, known & (before > 0) & (before < EXERCISE_MINUTES)
    )
    none = _side("after no exercise", leg_pain, known & (before == 0))
    others = [side for side in (short, none) if side is not None]
    if long_side is None or not others:
        return None
    parts = [f"{side.label} {side.words()}" for side in others]
    numbers = {"threshold_minutes": float(EXERCISE_MINUTES), "mean_after_exercise": long_side.mean}
    if short is not None:
        numbers["mean_after_short"] = short.mean
    if none is not None:
        numbers["mean_after_none"] = none.mean
    return Insight(
        kind="exercise_next_day",
        sentence=(
            f"On days {long_side.label} your leg pain averaged {long_side.words()}; "
            + "; ".join(parts)
            + "."
        ),
        numbers=numbers,
        n_days_a=long_side.n,
        n_days_b=max(side.n for side in others),
        sides=(long_side, *others),
    )


def _sleep(leg_pain: FloatArray, sleep_hours: FloatArray, shown: BoolArray) -> Insight | None:
    """Leg pain on days after a night under 6 hours against days after 7 hours or more."""
    # Same-day convention: the day's check-in holds the night that ended that morning.
    known = shown & ~np.isnan(sleep_hours)
    short = _side(
        f"after a night of less than {SHORT_SLEEP_HOURS} hours' sleep",
        leg_pain,
        known & (sleep_hours < SHORT_SLEEP_HOURS),
    )
    long_enough = _side(
        f"after a night of {LONG_SLEEP_HOURS} hours or more",
        leg_pain,
        known & (sleep_hours >= LONG_SLEEP_HOURS),
    )
    if short is None or long_enough is None:
        return None
    return Insight(
        kind="sleep",
        sentence=(
            f"On days {short.label} your leg pain averaged {short.words()}; "
            f"{long_enough.label} {long_enough.words()}."
        ),
        numbers={
            "short_hours": float(SHORT_SLEEP_HOURS),
            "long_hours": float(LONG_SLEEP_HOURS),
            "mean_short": short.mean,
            "mean_long": long_enough.mean,
        },
        n_days_a=short.n,
        n_days_b=long_enough.n,
        sides=(short, long_enough),
    )


def _trend(dates: DateArray, leg_pain: FloatArray) -> Insight | None:
    """The last 30 days' mean leg pain against the 30 days before them."""
    if dates.size == 0:
        return None
    end = dates[-1]
    start_recent = end - np.timedelta64(TREND_DAYS - 1, "D")
    start_before = start_recent - np.timedelta64(TREND_DAYS, "D")
    recent = _side("the last 30 days", leg_pain, dates >= start_recent)
    before = _side("the 30 days before", leg_pain, (dates >= start_before) & (dates < start_recent))
    if recent is None or before is None:
        return None
    shown_recent, shown_before = one_decimal(recent.mean), one_decimal(before.mean)
    difference = float(shown_recent) - float(shown_before)
    if abs(difference) <= ABOUT_THE_SAME + 1e-9:
        relation = "about the same as"
    elif difference < 0:
        relation = "lower than"
    else:
        relation = "higher than"
    return Insight(
        kind="trend",
        sentence=(
            f"Over the last {TREND_DAYS} days your leg pain averaged {recent.words()}, "
            f"{relation} in the {TREND_DAYS} days before: {before.words()}."
        ),
        numbers={"mean_recent": recent.mean, "mean_before": before.mean},
        n_days_a=recent.n,
        n_days_b=before.n,
        sides=(recent, before),
    )


def _flare_days(dates: DateArray, flare: BoolArray) -> Insight | None:
    """How many flare days the range holds."""
    if dates.size == 0:
        return None
    span = int((dates[-1] - dates[0]) / np.timedelta64(1, "D")) + 1
    if span < MIN_DAYS:
        return None
    count = int(flare.sum())
    if count == 0:
        counted = "no flare days"
    elif count == 1:
        counted = "1 flare day"
    else:
        counted = f"{count} flare days"
    return Insight(
        kind="flare_days",
        sentence=f"You logged {counted} in these {span} days.",
        numbers={"flare_days": float(count), "days": float(span)},
        n_days_a=span,
        n_days_b=0,
    )


def _boom_bust_insight(
    dates: DateArray, exercise_minutes: FloatArray, flare: BoolArray, first: int
) -> Insight | None:
    """A count of boom days, and how many a flare began after within 2 days."""
    n_booms, episodes = boom_bust(dates, exercise_minutes, flare, first)
    span = int((dates[-1] - dates[first]) / np.timedelta64(1, "D")) + 1
    if n_booms == 0 or span < MIN_DAYS:  # like every insight: 7 days at least
        return None
    n_episodes = len(episodes)
    within = f"within {BUST_WITHIN_DAYS} days"
    if n_episodes == 0:
        followed = f"no flare began {within} after"
    elif n_booms == 1:
        followed = f"a flare began {within} after"
    else:
        followed = f"a flare began {within} after {n_episodes} of them"
    return Insight(
        kind="boom_bust",
        sentence=(
            f"On {days(n_booms)} you exercised at least {times(BOOM_RATIO)} your longest "
            f"day in the two weeks before, and at least {BOOM_EXTRA_MINUTES} minutes more; "
            f"{followed}."
        ),
        numbers={"boom_days": float(n_booms), "episodes": float(n_episodes)},
        n_days_a=span,
        n_days_b=0,
    )


def boom_bust_episodes(
    dates: npt.ArrayLike,
    exercise_minutes: npt.ArrayLike,
    flare: npt.ArrayLike,
    start: dt.date | None = None,
) -> list[BoomBustEpisode]:
    """Each boom from ``start`` on (default: the first date) that a flare began after
    within 2 days, oldest first; earlier rows only lend their two weeks before."""
    days_ = _dates(dates)
    done = _floats(exercise_minutes, "exercise_minutes", days_.size)
    flares = _flags(flare, "flare", days_.size)
    return list(boom_bust(days_, done, flares, _first_row(days_, start))[1])


def compute_insights(
    dates: npt.ArrayLike,
    leg_pain: npt.ArrayLike,
    overall_pain: npt.ArrayLike,
    flare: npt.ArrayLike,
    exercise_minutes: npt.ArrayLike,
    sleep_hours: npt.ArrayLike,
    start: dt.date | None = None,
) -> list[Insight]:
    """Every insight the range supports, in a fixed order: exercise, sleep, trend, flare
    days, boom-bust.

    The range shown runs from ``start`` (default: the first date) to the last date; rows
    before ``start`` are context only. ``overall_pain`` is checked but no rule reads it:
    leg pain never falls back on it. Raises ``ValueError`` for arrays that do not line up
    with ``dates`` or dates that are not strictly increasing.
    """
    days_ = _dates(dates)
    n = days_.size
    legs = _floats(leg_pain, "leg_pain", n)
    _floats(overall_pain, "overall_pain", n)
    flares = _flags(flare, "flare", n)
    done = _floats(exercise_minutes, "exercise_minutes", n)
    hours = _floats(sleep_hours, "sleep_hours", n)
    first = _first_row(days_, start)
    if first >= n:
        return []
    shown = np.arange(n) >= first
    found = [
        _exercise_next_day(days_, legs, done, shown),
        _sleep(legs, hours, shown),
        _trend(days_[first:], legs[first:]),
        _flare_days(days_[first:], flares[first:]),
        _boom_bust_insight(days_, done, flares, first),
    ]
    return [insight for insight in found if insight is not None]
