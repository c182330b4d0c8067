"""The history page's numbers: aggregate SQL into numpy arrays on a complete day grid.

Every query here groups in SQLite (``GROUP BY date`` on the indexed ``date`` columns)
and hands back plain tuples, which go straight into numpy arrays: no model object is
made per row, so ten years of diary load in a few tens of milliseconds.

Shapes, so that every plot can share one x axis:

* :class:`DailySeries`: one row per calendar day from ``start`` to ``end`` (a complete
  grid of ``datetime64[D]``); a day without a value holds NaN (``flare`` holds False).
* :class:`WeeklySeries`: one row per week, keyed by its Monday (as weekly SSS answers
  and WPI overrides are); a week cut by the grid's ends counts only its days inside.
* :class:`RegionDays`: the day x region matrix of the day's highest mark (NaN for no
  mark), behind the one-region plot and the body heat maps.

Conventions (documented here, relied on by the page and its tests):

* *Leg pain* of a day is :mod:`fibrodesk.core.legpain`'s (domain.md s.7): the highest
  mark of the day on any leg region, over all of the day's sittings; NaN without a leg
  mark (overall pain never stands in for it).
* *Overall pain*, fatigue, fog, sleep hours and flare come from the day's check-in.
* *PGIC*: the answer (1 very much improved ... 7 very much worse) on the day it was
  given, NaN on other days.
* *Exercise minutes* done: sessions in minutes, ``done`` counting the actual dose (the
  planned one when none was logged), ``partly`` the actual dose; planned minutes: every
  session in minutes, whatever became of it. Repetition sessions are not minutes and are
  left out of both. A day without sessions holds 0.
* A *week* is the calendar week, Monday to Sunday (domain.md s.4), as on the Today page.
* *WPI* of a week: the WPI areas with a mark of 1 or more on any day of the week
  (:func:`fibrodesk.core.scoring.wpi_area_matrix`), with the week's overrides applied;
  NaN for a week with neither marks nor overrides. *SSS* and *FIQR* totals are scored by
  :mod:`fibrodesk.core.scoring` from the answers read here (SSS needs all six answers of
  the week); *FS* = WPI + SSS.
* *Next-day leg pain* of a week: the mean leg pain on the days after the week's exercise
  days (days with minutes done), where that next day has a leg mark.
* *Rolling mean*: the mean of the values known in the 7 days ending on the day, when at
  least 3 of them are known.
* *Heat map*: a region's share of the period's body-map days (days with any mark) on
  which it had a mark of 1 or more, and the mean of its daily highest mark on those days.
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
from fibrodesk.core.fiqr import fiqr_totals
from fibrodesk.core.legpain import leg_pain_of_days
from fibrodesk.core.scoring import SSS_ITEMS, sss_totals, wpi_area_matrix
from fibrodesk.core.spikes import BOOM_LOOKBACK_DAYS
from fibrodesk.db.models import FIQR_COLUMNS, db

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]

ROLLING_DAYS = 7
ROLLING_MIN_DAYS = 3
CONTEXT_DAYS = BOOM_LOOKBACK_DAYS  # days before a range the insights read
ONE_DAY = np.timedelta64(1, "D")
ONE_WEEK = np.timedelta64(7, "D")
CHUNK_ROWS = 4096

REGION_IDS: tuple[str, ...] = tuple(catalogue().regions)
LEG_REGION_IDS: tuple[str, ...] = tuple(r for r in REGION_IDS if catalogue().regions[r].leg)
AREA_IDS: tuple[str, ...] = tuple(catalogue().wpi_areas)

# ----------------------------------------------------------------------------- SQL
# Each statement takes (start, end) as ISO dates, both included.

SQL_REGION_DAYS = """
SELECT e.date, pm.region, MAX(pm.intensity)
FROM entry AS e JOIN pain_mark AS pm ON pm.entry_id = e.id
WHERE e.date BETWEEN ? AND ?
GROUP BY e.date, pm.region
"""

SQL_CHECKINS = """
SELECT date, overall_pain, fatigue, fog, sleep_hours, flare
FROM check_in
WHERE date BETWEEN ? AND ?
"""

SQL_SESSIONS = """
SELECT date,
       SUM(CASE WHEN unit = 'minutes' THEN planned_dose ELSE 0 END),
       SUM(CASE WHEN unit <> 'minutes' THEN 0
                WHEN status = 'done' THEN COALESCE(actual_dose, planned_dose)
                WHEN status = 'partly' THEN COALESCE(actual_dose, 0)
                ELSE 0 END)
FROM exercise_session
WHERE date BETWEEN ? AND ?
GROUP BY date
"""

SQL_TENDER = """
SELECT te.date, SUM(tpr.painful)
FROM tender_exam AS te JOIN tender_point_result AS tpr ON tpr.exam_id = te.id
WHERE te.date BETWEEN ? AND ?
GROUP BY te.date
"""


SQL_FIQR = f"""
SELECT date, {", ".join(FIQR_COLUMNS)}
FROM fiqr_response
WHERE date BETWEEN ? AND ?
"""

SQL_SSS = f"""
SELECT week_start, {", ".join(SSS_ITEMS)}
FROM weekly_symptoms
WHERE week_start BETWEEN ? AND ?
"""

SQL_PGIC = """
SELECT date, answer
FROM pgic
WHERE date BETWEEN ? AND ?
"""

SQL_WPI_OVERRIDES = """
SELECT week_start, area, painful
FROM wpi_override
WHERE week_start BETWEEN ? AND ?
"""


def _first_and_last(table: str, column: str = "date", where: str = "") -> str:
    """SQL for a table's first and last ``column`` value: each an index search that stops
    at the first row it finds (a query with both MIN() and MAX() reads the whole index,
    or with a WHERE the whole table)."""
    where = f" WHERE {where}" if where else ""
    return (
        f"SELECT (SELECT {column} FROM {table}{where} ORDER BY {column} LIMIT 1) AS first,"
        f" (SELECT {column} FROM {table}{where} ORDER BY {column} DESC LIMIT 1) AS last"
    )


_SPAN_PARTS = (
    _first_and_last("entry"),
    _first_and_last("check_in"),
    _first_and_last("tender_exam"),
    _first_and_last("fiqr_response"),
    _first_and_last("weekly_symptoms", "week_start"),
    _first_and_last("exercise_session", where="status <> 'planned'"),
)
SQL_SPAN = (
    "SELECT MIN(first), MAX(last) FROM (\n    " + "\n    UNION ALL ".join(_SPAN_PARTS) + "\n)"
)

# The statements one load_history() runs, by name, for the benchmark's raw-sqlite3 side.
QUERIES: dict[str, str] = {
    "region_days": SQL_REGION_DAYS,
    "checkins": SQL_CHECKINS,
    "sessions": SQL_SESSIONS,
    "tender": SQL_TENDER,
    "fiqr": SQL_FIQR,
    "sss": SQL_SSS,
    "wpi_overrides": SQL_WPI_OVERRIDES,
    "pgic": SQL_PGIC,
}


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return db.execute_sql(sql, tuple(params)).fetchall()


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


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """The fetched rows transposed into one list per column."""
    return [[row[i] for row in rows] for i in range(width)]


def _floats(column: Sequence[Any]) -> FloatArray:
    """A column of numbers as floats; SQL NULL (None) becomes NaN."""
    return np.array(column, dtype=np.float64)


class _DayIndex:
    """Maps ISO date strings to positions on a day grid, without parsing each one."""

    def __init__(self, days: DateArray) -> None:
        self._position = {str(day): i for i, day in enumerate(days.astype(str))}

    def __call__(self, dates: Sequence[str]) -> IntArray:
        return np.fromiter(map(self._position.__getitem__, dates), np.int64, count=len(dates))


def _on_grid(n: int, index: IntArray, values: FloatArray) -> FloatArray:
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


def _week_sum(week_of_day: IntArray, n_weeks: int, values: FloatArray) -> FloatArray:
    return np.bincount(week_of_day, weights=values, minlength=n_weeks).astype(np.float64)


# ----------------------------------------------------------------------------- queries


def diary_span() -> tuple[dt.date, dt.date] | None:
    """The first and last day holding anything the person recorded, or None."""
    first, last = _rows(SQL_SPAN, ())[0]
    if first is None:
        return None
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def load_region_days(start: dt.date, end: dt.date) -> RegionDays:
    """The day x region matrix of the days ``start`` to ``end``."""
    days = day_grid(start, end)
    return _region_days(days, _DayIndex(days), (start.isoformat(), end.isoformat()))


def _region_days(days: DateArray, day_index: _DayIndex, params: tuple[str, str]) -> RegionDays:
    n, n_regions = days.size, len(REGION_IDS)
    maxima = np.full((n, n_regions), np.nan)
    marked = np.zeros(n, dtype=np.bool_)
    # Ten years give some 50,000 (day, region) rows: taken a few thousand at a time, so
    # that they never all sit in memory as Python tuples at once.
    cursor = db.execute_sql(SQL_REGION_DAYS, params)
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        dates, region, highest = _columns(chunk, 3)
        rows = day_index(dates)
        cols = np.fromiter(map(_REGION_COLUMN.__getitem__, region), np.int64, count=len(region))
        maxima[rows, cols] = _floats(highest)
        marked[rows] = True  # every row counts at least one mark
    return RegionDays(days, REGION_IDS, maxima, marked)


_REGION_COLUMN = {rid: i for i, rid in enumerate(REGION_IDS)}


def read_span(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The days :func:`load_history` reads for ``start`` to ``end``: 14 more before (the
    insights' context, which also covers the rolling means' 6), one more after."""
    before = max(ROLLING_DAYS - 1, CONTEXT_DAYS)
    return start - dt.timedelta(days=before), end + dt.timedelta(days=1)


def load_history(start: dt.date, end: dt.date) -> HistoryData:
    """Every series of the history page for ``start`` to ``end`` (both included).

    Reads the 14 days before ``start`` too, so that the 7-day rolling means are right from
    the first day, the first week is a whole week and the insights have their context,
    and the day after ``end``, for the next-day leg pain of ``end``. ``load_history(a, b)`` equals
    ``load_history(c, d).between(a, b)`` for any ``c <= a <= b <= d``, except for the
    week holding ``b`` when ``b`` is not a Sunday: a longer load counts all of that week.
    """
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    first, last = read_span(start, end)
    days = day_grid(first, last)
    n = days.size
    day_index = _DayIndex(days)
    params = (first.isoformat(), last.isoformat())

    regions = _region_days(days, day_index, params)
    leg_pain = leg_pain_of_days(regions.max_intensity, regions.regions)

    dates, overall_, fatigue, fog, sleep, flare_ = _columns(_rows(SQL_CHECKINS, params), 6)
    checkin_days = day_index(dates)
    overall = _on_grid(n, checkin_days, _floats(overall_))
    flare = np.zeros(n, dtype=np.bool_)
    flare[checkin_days] = _floats(flare_) == 1

    dates, planned_, done_ = _columns(_rows(SQL_SESSIONS, params), 3)
    idx = day_index(dates)
    planned = np.zeros(n)
    planned[idx] = _floats(planned_)
    done = np.zeros(n)
    done[idx] = _floats(done_)

    dates, painful = _columns(_rows(SQL_TENDER, params), 2)
    tender_count = _on_grid(n, day_index(dates), _floats(painful))
    fiqr = _fiqr_by_day(n, day_index, _rows(SQL_FIQR, params))
    dates, answers = _columns(_rows(SQL_PGIC, params), 2)
    pgic = _on_grid(n, day_index(dates), _floats(answers))

    daily = DailySeries(
        days=days,
        overall_pain=overall,
        overall_pain_7d=rolling_mean(overall),
        leg_pain=leg_pain,
        leg_pain_7d=rolling_mean(leg_pain),
        fatigue=_on_grid(n, checkin_days, _floats(fatigue)),
        fog=_on_grid(n, checkin_days, _floats(fog)),
        sleep_hours=_on_grid(n, checkin_days, _floats(sleep)),
        flare=flare,
        exercise_minutes=done,
        planned_minutes=planned,
        tender_count=tender_count,
        fiqr=fiqr,
        pgic=pgic,
    )
    # The day after ``end`` only lends its leg pain to ``end``'s next-day value.
    next_leg = daily.leg_pain[1:]
    daily, regions = daily.between(first, end), regions.between(first, end)
    weekly = _weekly(daily, regions, next_leg)
    return HistoryData(first, end, daily, weekly, regions, daily).between(start, end)


def _fiqr_by_day(n: int, day_index: _DayIndex, rows: list[tuple[Any, ...]]) -> FloatArray:
    """Each day's FIQR total (core.fiqr), the mean where a day holds more than one."""
    out = np.full(n, np.nan)
    if not rows:
        return out
    totals = fiqr_totals(np.array([row[1:] for row in rows], dtype=np.float64))
    index = day_index([row[0] for row in rows])
    scored = ~np.isnan(totals)
    count = np.bincount(index[scored], minlength=n)
    total = np.bincount(index[scored], weights=totals[scored], minlength=n)
    some = count > 0
    out[some] = total[some] / count[some]
    return out


def _weekly(daily: DailySeries, regions: RegionDays, next_leg: FloatArray) -> WeeklySeries:
    """Weekly series of the days in ``daily``; ``next_leg[i]`` is the leg pain of the day
    after day ``i``."""
    days = daily.days
    # 1970-01-01 (day 0) was a Thursday, so (day number + 3) % 7 counts days since Monday.
    first_monday = days[0] - (days[0].astype(np.int64) + 3) % 7
    week_of_day = ((days - first_monday) // ONE_WEEK).astype(np.int64)
    n_weeks = int(week_of_day[-1]) + 1
    weeks = first_monday + 7 * np.arange(n_weeks)
    params = (str(weeks[0]), str(days[-1]))

    # WPI: the areas with a mark >= 1 on any day of the week (core.scoring), then the
    # week's overrides. (A day without a mark holds NaN, which is not >= 1.) Days are
    # reduced to weeks region by region first, a small weeks x regions matrix.
    first_day_of_week = np.flatnonzero(np.diff(week_of_day, prepend=-1))
    hurt = np.logical_or.reduceat(regions.max_intensity >= 1, first_day_of_week, axis=0)
    painful = wpi_area_matrix(hurt, regions.regions)
    scored = _week_sum(week_of_day, n_weeks, regions.marked.astype(np.float64)) > 0
    for monday, area, flag in _rows(SQL_WPI_OVERRIDES, params):
        w = int((np.datetime64(monday, "D") - first_monday) // ONE_WEEK)
        painful[w, AREA_IDS.index(area)] = bool(flag)
        scored[w] = True
    wpi = np.where(scored, painful.sum(axis=1), np.nan).astype(np.float64)

    rows = _rows(SQL_SSS, params)
    sss = np.full(n_weeks, np.nan)
    if rows:
        mondays = np.array([row[0] for row in rows], dtype="datetime64[D]")
        w_index = ((mondays - first_monday) // ONE_WEEK).astype(np.int64)
        sss[w_index] = sss_totals(np.array([row[1:] for row in rows], dtype=np.float64))

    planned = _week_sum(week_of_day, n_weeks, daily.planned_minutes)
    done = _week_sum(week_of_day, n_weeks, daily.exercise_minutes)
    counted = (daily.exercise_minutes > 0) & ~np.isnan(next_leg)
    n_counted = np.bincount(week_of_day[counted], minlength=n_weeks)
    total = np.bincount(week_of_day[counted], weights=next_leg[counted], minlength=n_weeks)
    next_day = np.full(n_weeks, np.nan)
    some = n_counted > 0
    next_day[some] = total[some] / n_counted[some]
    return WeeklySeries(weeks, wpi, sss, wpi + sss, planned, done, next_day)


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
