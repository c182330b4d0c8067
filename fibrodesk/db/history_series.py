"""The shapes of the History page's numbers, and the numpy work on them that needs no
database: the day grid, rolling means, the heat-map statistics.

:mod:`fibrodesk.db.history` fills these from SQL (its module docstring gives the
conventions of every series); the page, the heat maps and the clinician report slice and
summarise them with what is here. No database access, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import week_start
from fibrodesk.core.spikes import BOOM_LOOKBACK_DAYS

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]

ROLLING_DAYS = 7
ROLLING_MIN_DAYS = 3
CONTEXT_DAYS = BOOM_LOOKBACK_DAYS  # days before a range the insights read
ONE_DAY = np.timedelta64(1, "D")
ONE_WEEK = np.timedelta64(7, "D")

REGION_IDS: tuple[str, ...] = tuple(catalogue().regions)
LEG_REGION_IDS: tuple[str, ...] = tuple(r for r in REGION_IDS if catalogue().regions[r].leg)


# ----------------------------------------------------------------------------- shapes


@dataclass(frozen=True, slots=True, eq=False)
class DailySeries:
    """Per-day arrays on a complete day grid (see the module docstring for each)."""

    days: DateArray
    overall_pain: FloatArray
    overall_pain_7d: FloatArray
    leg_pain: FloatArray
    leg_pain_7d: FloatArray
    fatigue: FloatArray
    fog: FloatArray
    sleep_hours: FloatArray
    flare: BoolArray
    exercise_minutes: FloatArray
    planned_minutes: FloatArray
    tender_count: FloatArray
    fiqr: FloatArray
    pgic: FloatArray

    def between(self, start: dt.date, end: dt.date) -> DailySeries:
        """The days from ``start`` to ``end`` (clipped to the grid), as views."""
        lo, hi = _bounds(self.days, start, end)
        return replace(self, **{f.name: getattr(self, f.name)[lo:hi] for f in fields(self)})


@dataclass(frozen=True, slots=True, eq=False)
class WeeklySeries:
    """Per-week arrays keyed by Monday (see the module docstring for each)."""

    weeks: DateArray
    wpi: FloatArray
    sss: FloatArray
    fs: FloatArray
    planned_minutes: FloatArray
    done_minutes: FloatArray
    next_day_leg_pain: FloatArray

    def between(self, start: dt.date, end: dt.date) -> WeeklySeries:
        """The weeks holding a day from ``start`` to ``end``, as views."""
        lo, hi = _bounds(self.weeks, week_start(start), end)
        return replace(self, **{f.name: getattr(self, f.name)[lo:hi] for f in fields(self)})


@dataclass(frozen=True, slots=True, eq=False)
class RegionDays:
    """The day x region matrices of body-map marks.

    Attributes:
        days: the day grid.
        regions: region ids, the matrices' column order (catalogue order).
        max_intensity: the day's highest mark of each region, NaN for no mark.
        marked: whether the day has any mark at all (a body-map day).
    """

    days: DateArray
    regions: tuple[str, ...]
    max_intensity: FloatArray
    marked: BoolArray

    def column(self, region_id: str) -> FloatArray:
        """One region's daily highest mark (NaN for no mark), on the day grid."""
        return self.max_intensity[:, self.regions.index(region_id)]

    def between(self, start: dt.date, end: dt.date) -> RegionDays:
        lo, hi = _bounds(self.days, start, end)
        return RegionDays(
            self.days[lo:hi], self.regions, self.max_intensity[lo:hi], self.marked[lo:hi]
        )


@dataclass(frozen=True, slots=True, eq=False)
class HeatStats:
    """How often and how strongly each region hurt in a period.

    Attributes:
        regions: region ids, in the arrays' order.
        body_map_days: days of the period with any mark.
        days_hurt: per region, the days with a mark of 1 or more.
        share: ``days_hurt / body_map_days`` (0 when there are no body-map days).
        mean_intensity: per region, the mean daily highest mark on the days it hurt (NaN
            when it never did).
    """

    regions: tuple[str, ...]
    body_map_days: int
    days_hurt: IntArray
    share: FloatArray
    mean_intensity: FloatArray


@dataclass(frozen=True, slots=True, eq=False)
class HistoryData:
    """Everything the history page plots, for the days ``start`` to ``end``.

    Attributes:
        context: the daily series from 14 days before ``start`` to ``end``: the insights
            judge an exercise spike against the diary's two weeks before it, whatever
            range is shown (views of the same arrays as ``daily``).
    """

    start: dt.date
    end: dt.date
    daily: DailySeries
    weekly: WeeklySeries
    regions: RegionDays
    context: DailySeries

    def between(self, start: dt.date, end: dt.date) -> HistoryData:
        """The part from ``start`` to ``end`` (clipped to what was loaded), as views."""
        start, end = max(start, self.start), min(end, self.end)
        return HistoryData(
            start,
            end,
            self.daily.between(start, end),
            self.weekly.between(start, end),
            self.regions.between(start, end),
            self.context.between(start - dt.timedelta(days=CONTEXT_DAYS), end),
        )


# ----------------------------------------------------------------------------- helpers


def _day(value: dt.date) -> np.datetime64:
    return np.datetime64(value.isoformat(), "D")


def _bounds(grid: DateArray, start: dt.date, end: dt.date) -> tuple[int, int]:
    lo = int(np.searchsorted(grid, _day(start), side="left"))
    hi = int(np.searchsorted(grid, _day(end), side="right"))
    return lo, max(lo, hi)


def day_grid(start: dt.date, end: dt.date) -> DateArray:
    """Every day from ``start`` to ``end``, both included."""
    return np.arange(_day(start), _day(end) + ONE_DAY, dtype="datetime64[D]")


def columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """The fetched rows transposed into one list per column."""
    return [[row[i] for row in rows] for i in range(width)]


def floats(column: Sequence[Any]) -> FloatArray:
    """A column of numbers as floats; SQL NULL (None) becomes NaN."""
    return np.array(column, dtype=np.float64)


class DayIndex:
    """Maps ISO date strings to positions on a day grid, without parsing each one."""

    def __init__(self, days: DateArray) -> None:
        self._position = {str(day): i for i, day in enumerate(days.astype(str))}

    def __call__(self, dates: Sequence[str]) -> IntArray:
        return np.fromiter(map(self._position.__getitem__, dates), np.int64, count=len(dates))


def on_grid(n: int, index: IntArray, values: FloatArray) -> FloatArray:
    out = np.full(n, np.nan)
    out[index] = values
    return out


def rolling_mean(
    values: FloatArray, days: int = ROLLING_DAYS, min_days: int = ROLLING_MIN_DAYS
) -> FloatArray:
    """Mean of the known values in the ``days`` days ending on each day (NaN with fewer
    than ``min_days`` known)."""
    # A window sum (not a running cumsum) gives each day the same floating-point result
    # whichever day the grid starts on.
    padded = np.concatenate((np.full(days - 1, np.nan), values))
    windows = np.lib.stride_tricks.sliding_window_view(padded, days)
    known = ~np.isnan(windows)
    counts = known.sum(axis=1)
    sums = np.where(known, windows, 0.0).sum(axis=1)
    out = np.full(values.size, np.nan)
    enough = counts >= min_days
    out[enough] = sums[enough] / counts[enough]
    return out


def week_sum(week_of_day: IntArray, n_weeks: int, values: FloatArray) -> FloatArray:
    return np.bincount(week_of_day, weights=values, minlength=n_weeks).astype(np.float64)


def heat_stats(regions: RegionDays, start: dt.date, end: dt.date) -> HeatStats:
    """How often (share of body-map days) and how strongly each region hurt in a period."""
    part = regions.between(start, end)
    body_map_days = int(part.marked.sum())
    hurt = part.max_intensity >= 1  # no mark (NaN) is not >= 1
    days_hurt = hurt.sum(axis=0).astype(np.int64)
    share = days_hurt / body_map_days if body_map_days else np.zeros(len(part.regions))
    totals = part.max_intensity.sum(axis=0, where=hurt)  # no day x region copy
    mean = np.full(len(part.regions), np.nan)
    some = days_hurt > 0
    mean[some] = totals[some] / days_hurt[some]
    return HeatStats(part.regions, body_map_days, days_hurt, share.astype(np.float64), mean)
