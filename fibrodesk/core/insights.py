"""Plain-words patterns in a date range of the diary, for the history page.

Input is one numpy array per measure, one row per day (``dates`` strictly increasing;
a missing day is simply absent, a missing value is NaN). Output is a list of ``Insight``
values, each with a sentence a person can read and the numbers behind it.

Two rules hold for every sentence here:

- a comparison is shown only when each side rests on at least ``MIN_DAYS`` days, and the
  sentence says how many days stand behind each number;
- the wording describes what went together in time ("on days after ... averaged",
  "followed"), never a cause: a diary cannot tell what made pain better or worse.

Conventions (documented here and relied on by the tests):

- *Next day after exercise*: the leg pain of day D is compared by the exercise minutes of
  day D-1; a day whose previous calendar day is not in the arrays is left out.
- *Sleep*: ``sleep_hours`` on day D is the night that ended on the morning of D (the
  check-in asks about last night), so it is compared with the leg pain of the same day
  D. Nights of 6 to under 7 hours belong to neither side.
- *Trend*: the last 30 calendar days of the range (ending on its last date) against the
  30 before them; "about the same" when the two averages, as shown to one decimal,
  differ by 0.5 or less.
- *Boom-bust*: a *boom* is a day whose ``exercise_minutes`` are at least 1.5 x, and at
  least 10 minutes more than, the person's longest exercise day in the 14 calendar days
  before it (an exercise day has minutes > 0; the 14 days must hold at least
  ``MIN_DAYS`` of them, else the day is not judged). A boom-bust episode is a boom
  followed by a flare on one of the next 2 calendar days (not the same day).

  Why the longest day and not the median: exercise often comes in a weekly pattern (a
  daily 7-minute stretch plus a 30-minute walk on Monday, Wednesday and Friday). The
  median of such a fortnight is about 7 minutes, so every ordinary walking day (37) would
  be "much more than usual": on ten-year demo diaries that flagged about a thousand days.
  The longest day of the fortnight is a full day the person really did, so a boom is a
  day that stands out against their own full days, and the sentence can name that day's
  minutes. A boom inside the 14 days raises the bar for the days after it: a second long
  day soon after is not called a boom unless it is again 1.5 x the first.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from fibrodesk.core.clock import MONTH_NAMES

MIN_DAYS = 3
EXERCISE_MINUTES = 20  # "20 or more minutes of exercise"
SHORT_SLEEP_HOURS = 6  # a short night: less than this
LONG_SLEEP_HOURS = 7  # a long enough night: this or more
TREND_DAYS = 30
ABOUT_THE_SAME = 0.5
BOOM_RATIO = 1.5  # a boom: at least this times the longest exercise day in the days before
BOOM_EXTRA_MINUTES = 10  # ... and at least this many minutes more than it
BOOM_LOOKBACK_DAYS = 14  # "the days before": this many calendar days, the day itself not in
BUST_WITHIN_DAYS = 2  # a flare on one of this many calendar days after a boom

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]


@dataclass(frozen=True, slots=True)
class Insight:
    """One pattern in words.

    Attributes:
        kind: what was looked at: ``exercise_next_day``, ``sleep``, ``trend``,
            ``flare_days`` or ``boom_bust``.
        sentence: the plain-words sentence shown to the person.
        numbers: the numbers behind the sentence, unrounded, by name:
            ``exercise_next_day``: threshold_minutes, mean_after_exercise, mean_other;
            ``sleep``: short_hours, long_hours, mean_short, mean_long;
            ``trend``: mean_recent, mean_before; ``flare_days``: flare_days, days;
            ``boom_bust``: boom_days, episodes.
        n_days_a: days behind the first side of a comparison; for a count (flare days,
            boom-bust) the days in the range it was counted over.
        n_days_b: days behind the second side of a comparison; 0 for a count.
    """

    kind: str
    sentence: str
    numbers: dict[str, float]
    n_days_a: int
    n_days_b: int


@dataclass(frozen=True, slots=True)
class BoomBustEpisode:
    """A boom (at least 1.5 x, and 10 minutes more than, the longest exercise day in the
    14 days before) with a flare within the next 2 days.

    Attributes:
        date: the day of the exercise.
        minutes: the minutes exercised that day.
        longest_minutes: the longest exercise day in the 14 calendar days before.
        exercise_days: how many exercise days (minutes > 0) those 14 days held; at least
            ``MIN_DAYS``.
        flare_date: the first flare day after it (1 or 2 days later).
        sentence: the episode in plain words.
    """

    date: dt.date
    minutes: float
    longest_minutes: float
    exercise_days: int
    flare_date: dt.date
    sentence: str

    @property
    def days_to_flare(self) -> int:
        return (self.flare_date - self.date).days


# --------------------------------------------------------------------------- input


def _dates(dates: npt.ArrayLike) -> DateArray:
    days = np.asarray(dates).astype("datetime64[D]")
    if days.ndim != 1:
        raise ValueError("dates must be a one-dimensional array")
    if days.size and np.isnat(days).any():
        raise ValueError("dates must not contain missing dates")
    if days.size > 1 and not (np.diff(days) > np.timedelta64(0, "D")).all():
        raise ValueError("dates must be strictly increasing, one row per day")
    return days


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


# --------------------------------------------------------------------------- words


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _one_decimal(value: float) -> str:
    return f"{value:.1f}"


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _day_month(day: dt.date, reference_year: int) -> str:
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return text if day.year == reference_year else f"{text} {day.year}"


def _to_date(day: np.datetime64) -> dt.date:
    return dt.date.fromisoformat(str(day.astype("datetime64[D]")))


# --------------------------------------------------------------------------- insights


def _comparison(
    values: FloatArray, side_a: BoolArray, side_b: BoolArray
) -> tuple[float, int, float, int] | None:
    known = ~np.isnan(values)
    a = values[side_a & known]
    b = values[side_b & known]
    if a.size < MIN_DAYS or b.size < MIN_DAYS:
        return None
    return float(a.mean()), int(a.size), float(b.mean()), int(b.size)


def _exercise_next_day(
    dates: DateArray, leg_pain: FloatArray, exercise_minutes: FloatArray
) -> Insight | None:
    """Leg pain on days after 20 or more minutes of exercise against days after less."""
    before = _at_offset(dates, exercise_minutes, -1)
    known = ~np.isnan(before)
    after_exercise = known & (before >= EXERCISE_MINUTES)
    other = known & (before < EXERCISE_MINUTES)
    found = _comparison(leg_pain, after_exercise, other)
    if found is None:
        return None
    mean_a, n_a, mean_b, n_b = found
    return Insight(
        kind="exercise_next_day",
        sentence=(
            f"On days after {EXERCISE_MINUTES} or more minutes of exercise your leg pain "
            f"averaged {_one_decimal(mean_a)} ({_days(n_a)}), "
            f"on other days {_one_decimal(mean_b)} ({_days(n_b)})."
        ),
        numbers={
            "threshold_minutes": float(EXERCISE_MINUTES),
            "mean_after_exercise": mean_a,
            "mean_other": mean_b,
        },
        n_days_a=n_a,
        n_days_b=n_b,
    )


def _sleep(leg_pain: FloatArray, sleep_hours: FloatArray) -> Insight | None:
    """Leg pain on days after a night under 6 hours against days after 7 hours or more."""
    # Same-day convention: the day's check-in holds the night that ended that morning.
    known = ~np.isnan(sleep_hours)
    short = known & (sleep_hours < SHORT_SLEEP_HOURS)
    long_enough = known & (sleep_hours >= LONG_SLEEP_HOURS)
    found = _comparison(leg_pain, short, long_enough)
    if found is None:
        return None
    mean_a, n_a, mean_b, n_b = found
    return Insight(
        kind="sleep",
        sentence=(
            f"On days after a night of less than {SHORT_SLEEP_HOURS} hours' sleep your leg "
            f"pain averaged {_one_decimal(mean_a)} ({_days(n_a)}), after a night of "
            f"{LONG_SLEEP_HOURS} hours or more {_one_decimal(mean_b)} ({_days(n_b)})."
        ),
        numbers={
            "short_hours": float(SHORT_SLEEP_HOURS),
            "long_hours": float(LONG_SLEEP_HOURS),
            "mean_short": mean_a,
            "mean_long": mean_b,
        },
        n_days_a=n_a,
        n_days_b=n_b,
    )


def _trend(dates: DateArray, leg_pain: FloatArray) -> Insight | None:
    """The last 30 days' mean leg pain against the 30 days before them."""
    if dates.size == 0:
        return None
    end = dates[-1]
    start_recent = end - np.timedelta64(TREND_DAYS - 1, "D")
    start_before = start_recent - np.timedelta64(TREND_DAYS, "D")
    recent = dates >= start_recent
    before = (dates >= start_before) & (dates < start_recent)
    found = _comparison(leg_pain, recent, before)
    if found is None:
        return None
    mean_recent, n_recent, mean_before, n_before = found
    shown_recent, shown_before = _one_decimal(mean_recent), _one_decimal(mean_before)
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
            f"Over the last {TREND_DAYS} days your leg pain averaged {shown_recent} "
            f"({_days(n_recent)}), {relation} in the {TREND_DAYS} days before: "
            f"{shown_before} ({_days(n_before)})."
        ),
        numbers={"mean_recent": mean_recent, "mean_before": mean_before},
        n_days_a=n_recent,
        n_days_b=n_before,
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


def _times(ratio: float) -> str:
    return {1.5: "one and a half times", 2.0: "twice"}.get(ratio, f"{ratio:g} times")


def _booms(dates: DateArray, exercise_minutes: FloatArray) -> tuple[IntArray, FloatArray, IntArray]:
    """The row of each boom day, the longest exercise day in the 14 calendar days before
    it and how many exercise days those 14 days held.

    Dates strictly increase, so the 14 calendar days before a row lie among its 14
    previous rows: a sliding window over the rows (padded in front with 14 rows of no
    exercise), keeping the rows whose date is at most 14 days back, covers them even when
    days are missing from the arrays.
    """
    n = dates.size
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, np.zeros(0), empty
    lookback = BOOM_LOOKBACK_DAYS
    minutes = np.where(np.isnan(exercise_minutes), 0.0, exercise_minutes)  # unknown: none
    day = dates.astype(np.int64)
    padded_minutes = np.concatenate([np.zeros(lookback), minutes])
    padded_days = np.concatenate([np.full(lookback, day[0] - lookback - 1), day])
    before_minutes = sliding_window_view(padded_minutes, lookback)[:n]  # rows i-14 .. i-1
    before_days = sliding_window_view(padded_days, lookback)[:n]
    in_window = (day[:, np.newaxis] - before_days) <= lookback
    counted = np.where(in_window, before_minutes, 0.0)
    longest = counted.max(axis=1)
    exercise_days = np.count_nonzero(counted > 0, axis=1)
    # With MIN_DAYS >= 1 exercise days before, longest > 0, so a boom day exercised too.
    boom = (
        (exercise_days >= MIN_DAYS)
        & (minutes >= BOOM_RATIO * longest)
        & (minutes >= longest + BOOM_EXTRA_MINUTES)
    )
    rows = np.flatnonzero(boom).astype(np.int64)
    return rows, longest[rows], exercise_days[rows].astype(np.int64)


def _episodes(
    dates: DateArray,
    exercise_minutes: FloatArray,
    flare: BoolArray,
    booms: tuple[IntArray, FloatArray, IntArray],
) -> list[BoomBustEpisode]:
    rows, longest, exercise_days = booms
    if rows.size == 0:
        return []
    boom_dates = dates[rows]
    flare_dates = dates[flare]
    # The first flare day after each boom day (not the same day), if any.
    after = np.searchsorted(flare_dates, boom_dates, side="right")
    has_later = after < flare_dates.size
    gaps = np.full(rows.size, BUST_WITHIN_DAYS + 1, dtype=np.int64)
    gaps[has_later] = (flare_dates[after[has_later]] - boom_dates[has_later]).astype(np.int64)
    reference_year = _to_date(dates[-1]).year
    episodes: list[BoomBustEpisode] = []
    for k in np.flatnonzero(gaps <= BUST_WITHIN_DAYS):
        date = _to_date(boom_dates[k])
        gap = int(gaps[k])
        minutes, before = float(exercise_minutes[rows[k]]), float(longest[k])
        sentence = (
            f"On {_day_month(date, reference_year)} you exercised {_minutes(minutes)} "
            f"minutes, at least {_times(BOOM_RATIO)} your longest day in the two weeks "
            f"before ({_minutes(before)} minutes); a flare followed {_days(gap)} later."
        )
        episodes.append(
            BoomBustEpisode(
                date=date,
                minutes=minutes,
                longest_minutes=before,
                exercise_days=int(exercise_days[k]),
                flare_date=date + dt.timedelta(days=gap),
                sentence=sentence,
            )
        )
    return episodes


@functools.lru_cache(maxsize=4)
def _boom_bust(
    days_key: bytes, minutes_key: bytes, flare_key: bytes
) -> tuple[int, tuple[BoomBustEpisode, ...]]:
    """The number of boom days and the boom-bust episodes, for the checked arrays given
    as their bytes.

    ``compute_insights`` and ``boom_bust_episodes`` are called one after the other on the
    same arrays (the history page does), so the second call finds the work done: the key
    is the arrays' bytes (equal bytes, equal arrays, as dtypes are fixed by the checks),
    and a few ranges are kept. The result is immutable (a tuple of frozen episodes).
    """
    dates = np.frombuffer(days_key, dtype="datetime64[D]")
    minutes = np.frombuffer(minutes_key, dtype=np.float64)
    flare = np.frombuffer(flare_key, dtype=np.bool_)
    booms = _booms(dates, minutes)
    return int(booms[0].size), tuple(_episodes(dates, minutes, flare, booms))


def _boom_bust_of(
    dates: DateArray, exercise_minutes: FloatArray, flare: BoolArray
) -> tuple[int, tuple[BoomBustEpisode, ...]]:
    return _boom_bust(dates.tobytes(), exercise_minutes.tobytes(), flare.tobytes())


def boom_bust_episodes(
    dates: npt.ArrayLike, exercise_minutes: npt.ArrayLike, flare: npt.ArrayLike
) -> list[BoomBustEpisode]:
    """Each boom (at least 1.5 x, and 10 minutes more than, the longest exercise day in
    the 14 days before) that a flare followed within 2 days, oldest first."""
    days = _dates(dates)
    minutes = _floats(exercise_minutes, "exercise_minutes", days.size)
    flares = _flags(flare, "flare", days.size)
    return list(_boom_bust_of(days, minutes, flares)[1])


def _boom_bust_insight(
    dates: DateArray, exercise_minutes: FloatArray, flare: BoolArray
) -> Insight | None:
    """A count of boom days, and how many a flare followed within 2 days."""
    n_booms, episodes = _boom_bust_of(dates, exercise_minutes, flare)
    if n_booms == 0:
        return None
    span = int((dates[-1] - dates[0]) / np.timedelta64(1, "D")) + 1
    n_episodes = len(episodes)
    if n_episodes == 0:
        followed = "no flare followed within 2 days"
    elif n_booms == 1:
        followed = "a flare followed within 2 days"
    else:
        followed = f"a flare followed within 2 days on {n_episodes} of them"
    return Insight(
        kind="boom_bust",
        sentence=(
            f"On {_days(n_booms)} you exercised at least {_times(BOOM_RATIO)} your longest "
            f"day in the two weeks before, and at least {BOOM_EXTRA_MINUTES} minutes more; "
            f"{followed}."
        ),
        numbers={"boom_days": float(n_booms), "episodes": float(n_episodes)},
        n_days_a=span,
        n_days_b=0,
    )


def compute_insights(
    dates: npt.ArrayLike,
    leg_pain: npt.ArrayLike,
    overall_pain: npt.ArrayLike,
    flare: npt.ArrayLike,
    exercise_minutes: npt.ArrayLike,
    sleep_hours: npt.ArrayLike,
) -> list[Insight]:
    """Every insight the range supports, in a fixed order: exercise, sleep, trend, flare
    days, boom-bust.

    ``overall_pain`` is checked but no rule reads it yet; it is part of the input so the
    history page passes one bundle of arrays. Raises ``ValueError`` for arrays that do
    not line up with ``dates`` or dates that are not strictly increasing.
    """
    days = _dates(dates)
    n = days.size
    legs = _floats(leg_pain, "leg_pain", n)
    _floats(overall_pain, "overall_pain", n)
    flares = _flags(flare, "flare", n)
    minutes = _floats(exercise_minutes, "exercise_minutes", n)
    hours = _floats(sleep_hours, "sleep_hours", n)
    found = [
        _exercise_next_day(days, legs, minutes),
        _sleep(legs, hours),
        _trend(days, legs),
        _flare_days(days, flares),
        _boom_bust_insight(days, minutes, flares),
    ]
    return [insight for insight in found if insight is not None]
