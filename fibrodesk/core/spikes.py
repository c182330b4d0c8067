"""Exercise spikes ("booms") and the flares that followed them ("busts").

A *boom* is a day whose ``exercise_minutes`` are at least 1.5 x, and at least 10 minutes
more than, the person's longest exercise day in the 14 calendar days before it (an
exercise day has minutes > 0; those 14 days must hold at least 3 of them, else the day is
not judged). A boom-bust episode is a boom followed by a **flare that started** on one of
the next 2 calendar days: a day already inside a flare (the day before was a flare day
too) is not a flare that followed.

The 14 days before are the whole diary's, not the shown range's: the arrays may begin
before ``start`` (the first day shown), and those earlier days are read as the fortnight
before, never reported. So the same day gets the same verdict whatever range is shown.

Why the longest day and not the median: exercise often comes in a weekly pattern (a daily
7-minute stretch plus a 30-minute walk on Monday, Wednesday and Friday). The median of
such a fortnight is about 7 minutes, so every ordinary walking day (37) would be "much
more than usual": on ten-year demo diaries that flagged about a thousand days. The
longest day of the fortnight is a full day the person really did, so a boom stands out
against their own full days. A boom inside the 14 days raises the bar for the days after
it: a second long day soon after is not called a boom unless it is again 1.5 x the first.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from fibrodesk.core.wording import day_month, days, minutes

BOOM_RATIO = 1.5  # a boom: at least this times the longest exercise day in the days before
BOOM_EXTRA_MINUTES = 10  # ... and at least this many minutes more than it
BOOM_LOOKBACK_DAYS = 14  # "the days before": this many calendar days, the day itself not in
BOOM_MIN_EXERCISE_DAYS = 3  # exercise days those 14 days must hold for a day to be judged
BUST_WITHIN_DAYS = 2  # a flare starting on one of this many calendar days after a boom

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]


@dataclass(frozen=True, slots=True)
class BoomBustEpisode:
    """A boom with a flare that started within the next 2 days.

    Attributes:
        date: the day of the exercise.
        minutes: the minutes exercised that day.
        longest_minutes: the longest exercise day in the 14 calendar days before.
        exercise_days: how many exercise days those 14 days held (at least 3).
        flare_date: the first day of the flare that followed (1 or 2 days later).
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


def _to_date(day: np.datetime64) -> dt.date:
    return dt.date.fromisoformat(str(day.astype("datetime64[D]")))


def times(ratio: float) -> str:
    return {1.5: "one and a half times", 2.0: "twice"}.get(ratio, f"{ratio:g} times")


def booms(dates: DateArray, exercise_minutes: FloatArray) -> tuple[IntArray, FloatArray, IntArray]:
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
    done = np.where(np.isnan(exercise_minutes), 0.0, exercise_minutes)  # unknown: none
    day = dates.astype(np.int64)
    padded_minutes = np.concatenate([np.zeros(lookback), done])
    padded_days = np.concatenate([np.full(lookback, day[0] - lookback - 1), day])
    before_minutes = sliding_window_view(padded_minutes, lookback)[:n]  # rows i-14 .. i-1
    before_days = sliding_window_view(padded_days, lookback)[:n]
    in_window = (day[:, np.newaxis] - before_days) <= lookback
    counted = np.where(in_window, before_minutes, 0.0)
    longest = counted.max(axis=1)
    exercise_days = np.count_nonzero(counted > 0, axis=1)
    boom = (
        (exercise_days >= BOOM_MIN_EXERCISE_DAYS)
        & (done >= BOOM_RATIO * longest)
        & (done >= longest + BOOM_EXTRA_MINUTES)
    )
    rows = np.flatnonzero(boom).astype(np.int64)
    return rows, longest[rows], exercise_days[rows].astype(np.int64)


def flare_starts(dates: DateArray, flare: BoolArray) -> DateArray:
    """The first day of each flare: a flare day whose calendar day before was not one."""
    flare_days = dates[flare]
    if flare_days.size == 0:
        return flare_days
    gap = np.diff(flare_days.astype(np.int64), prepend=flare_days[0].astype(np.int64) - 2)
    return flare_days[gap > 1]


def _episodes(
    dates: DateArray,
    exercise_minutes: FloatArray,
    flare: BoolArray,
    found: tuple[IntArray, FloatArray, IntArray],
) -> list[BoomBustEpisode]:
    rows, longest, exercise_days = found
    if rows.size == 0:
        return []
    boom_dates = dates[rows]
    starts = flare_starts(dates, flare)
    # The first flare start after each boom day (not the same day), if any.
    after = np.searchsorted(starts, boom_dates, side="right")
    has_later = after < starts.size
    gaps = np.full(rows.size, BUST_WITHIN_DAYS + 1, dtype=np.int64)
    gaps[has_later] = (starts[after[has_later]] - boom_dates[has_later]).astype(np.int64)
    reference_year = _to_date(dates[-1]).year
    episodes: list[BoomBustEpisode] = []
    for k in np.flatnonzero(gaps <= BUST_WITHIN_DAYS):
        date = _to_date(boom_dates[k])
        gap = int(gaps[k])
        done, before = float(exercise_minutes[rows[k]]), float(longest[k])
        sentence = (
            f"On {day_month(date, reference_year)} you exercised {minutes(done)} "
            f"minutes, at least {times(BOOM_RATIO)} your longest day in the two weeks "
            f"before ({minutes(before)} minutes); a flare began {days(gap)} later."
        )
        episodes.append(
            BoomBustEpisode(
                date=date,
                minutes=done,
                longest_minutes=before,
                exercise_days=int(exercise_days[k]),
                flare_date=date + dt.timedelta(days=gap),
                sentence=sentence,
            )
        )
    return episodes


@functools.lru_cache(maxsize=4)
def _boom_bust(
    days_key: bytes, minutes_key: bytes, flare_key: bytes, first: int
) -> tuple[int, tuple[BoomBustEpisode, ...]]:
    """The number of boom days from row ``first`` on and their boom-bust episodes, for
    the checked arrays given as their bytes.

    ``compute_insights`` and ``boom_bust_episodes`` are called one after the other on the
    same arrays (the history page does), so the second call finds the work done. The
    result is immutable (a tuple of frozen episodes).
    """
    dates = np.frombuffer(days_key, dtype="datetime64[D]")
    done = np.frombuffer(minutes_key, dtype=np.float64)
    flare = np.frombuffer(flare_key, dtype=np.bool_)
    rows, longest, exercise_days = booms(dates, done)
    shown = rows >= first
    found = (rows[shown], longest[shown], exercise_days[shown])
    return int(shown.sum()), tuple(_episodes(dates, done, flare, found))


def boom_bust(
    dates: DateArray, exercise_minutes: FloatArray, flare: BoolArray, first: int = 0
) -> tuple[int, tuple[BoomBustEpisode, ...]]:
    """Boom days from row ``first`` on (earlier rows only lend their fortnight) and the
    episodes among them, for checked arrays."""
    return _boom_bust(dates.tobytes(), exercise_minutes.tobytes(), flare.tobytes(), first)
