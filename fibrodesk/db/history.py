"""The history page's numbers: aggregate SQL into numpy arrays on a complete day grid.

Every query here groups in SQLite (``GROUP BY date`` on the indexed ``date`` columns)
and hands back plain tuples, which go straight into numpy arrays: no model object is
made per row, so ten years of diary load in a few tens of milliseconds.

Shapes (defined in :mod:`fibrodesk.db.history_series`, with the numpy work that needs no
database: rolling means, heat-map statistics), so that every plot can share one x axis:

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
from typing import Any

import numpy as np

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.fiqr import fiqr_totals
from fibrodesk.core.legpain import leg_pain_of_days
from fibrodesk.core.scoring import SSS_ITEMS, sss_totals, wpi_area_matrix
from fibrodesk.db.history_series import (
    CONTEXT_DAYS,
    ONE_WEEK,
    REGION_IDS,
    ROLLING_DAYS,
    DailySeries,
    DateArray,
    DayIndex,
    FloatArray,
    HistoryData,
    RegionDays,
    WeeklySeries,
    columns,
    day_grid,
    floats,
    on_grid,
    rolling_mean,
    week_sum,
)
from fibrodesk.db.models import FIQR_COLUMNS, db

CHUNK_ROWS = 4096
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
    return _region_days(days, DayIndex(days), (start.isoformat(), end.isoformat()))


def _region_days(days: DateArray, day_index: DayIndex, params: tuple[str, str]) -> RegionDays:
    n, n_regions = days.size, len(REGION_IDS)
    maxima = np.full((n, n_regions), np.nan)
    marked = np.zeros(n, dtype=np.bool_)
    # Ten years give some 50,000 (day, region) rows: taken a few thousand at a time, so
    # that they never all sit in memory as Python tuples at once.
    cursor = db.execute_sql(SQL_REGION_DAYS, params)
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        dates, region, highest = columns(chunk, 3)
        rows = day_index(dates)
        cols = np.fromiter(map(_REGION_COLUMN.__getitem__, region), np.int64, count=len(region))
        maxima[rows, cols] = floats(highest)
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
    day_index = DayIndex(days)
    params = (first.isoformat(), last.isoformat())

    regions = _region_days(days, day_index, params)
    leg_pain = leg_pain_of_days(regions.max_intensity, regions.regions)

    dates, overall_, fatigue, fog, sleep, flare_ = columns(_rows(SQL_CHECKINS, params), 6)
    checkin_days = day_index(dates)
    overall = on_grid(n, checkin_days, floats(overall_))
    flare = np.zeros(n, dtype=np.bool_)
    flare[checkin_days] = floats(flare_) == 1

    dates, planned_, done_ = columns(_rows(SQL_SESSIONS, params), 3)
    idx = day_index(dates)
    planned = np.zeros(n)
    planned[idx] = floats(planned_)
    done = np.zeros(n)
    done[idx] = floats(done_)

    dates, painful = columns(_rows(SQL_TENDER, params), 2)
    tender_count = on_grid(n, day_index(dates), floats(painful))
    fiqr = _fiqr_by_day(n, day_index, _rows(SQL_FIQR, params))
    dates, answers = columns(_rows(SQL_PGIC, params), 2)
    pgic = on_grid(n, day_index(dates), floats(answers))

    daily = DailySeries(
        days=days,
        overall_pain=overall,
        overall_pain_7d=rolling_mean(overall),
        leg_pain=leg_pain,
        leg_pain_7d=rolling_mean(leg_pain),
        fatigue=on_grid(n, checkin_days, floats(fatigue)),
        fog=on_grid(n, checkin_days, floats(fog)),
        sleep_hours=on_grid(n, checkin_days, floats(sleep)),
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


def _fiqr_by_day(n: int, day_index: DayIndex, rows: list[tuple[Any, ...]]) -> FloatArray:
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
    scored = week_sum(week_of_day, n_weeks, regions.marked.astype(np.float64)) > 0
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

    planned = week_sum(week_of_day, n_weeks, daily.planned_minutes)
    done = week_sum(week_of_day, n_weeks, daily.exercise_minutes)
    counted = (daily.exercise_minutes > 0) & ~np.isnan(next_leg)
    n_counted = np.bincount(week_of_day[counted], minlength=n_weeks)
    total = np.bincount(week_of_day[counted], weights=next_leg[counted], minlength=n_weeks)
    next_day = np.full(n_weeks, np.nan)
    some = n_counted > 0
    next_day[some] = total[some] / n_counted[some]
    return WeeklySeries(weeks, wpi, sss, wpi + sss, planned, done, next_day)
