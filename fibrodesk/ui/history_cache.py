"""What the History page keeps between ranges: the data it loaded and the patterns found.

The page loads just the range it shows and keeps the last few; once "All" was loaded
every range is a slice of it. Patterns are worked out once per range. A change in the
diary drops everything (:meth:`HistoryCache.clear`). No Qt here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from fibrodesk.core import insights as core_insights
from fibrodesk.core.treatment_effect import TreatmentSummary
from fibrodesk.db import history, treatment_history
from fibrodesk.progress import Cancelled

LOADED_RANGES = 8  # ranges kept after loading, for switching back without a query

# key, button text, days (None: from the diary's first day / two dates)
RANGES: tuple[tuple[str, str, int | None], ...] = (
    ("7d", "7 days", 7),
    ("30d", "30 days", 30),
    ("90d", "90 days", 90),
    ("1y", "1 year", 365),
    ("all", "All", None),
    ("custom", "Custom", None),
)
DEFAULT_RANGE = "90d"


def fitting_range(first: dt.date, end: dt.date) -> str:
    """The first range to show before the person picks one: 90 days, or the shortest
    range that holds the whole diary when it is younger (3 days of marks: 7 days)."""
    held = (end - first).days + 1
    for key, _text, days in RANGES:
        if days is not None and held <= days:
            return key if days <= 90 else DEFAULT_RANGE
    return DEFAULT_RANGE


def summary_words(data: history.HistoryData) -> str:
    """``41 of 90 days with entries; 3 flare days``: the range bar's summary."""
    d = data.daily
    logged = (
        data.regions.marked
        | ~np.isnan(d.overall_pain)
        | ~np.isnan(d.fatigue)
        | ~np.isnan(d.sleep_hours)
        | ~np.isnan(d.fog)
        | d.flare
    )
    flares = int(d.flare.sum())
    return (
        f"{int(logged.sum())} of {d.days.size} days with entries; "
        f"{flares} flare day{'' if flares == 1 else 's'}"
    )


Patterns = tuple[list[core_insights.Insight], list[core_insights.BoomBustEpisode]]


class HistoryCache:
    """Loaded ranges and their patterns.

    Attributes:
        span: the diary's first and last day with anything recorded (None: empty).
    """

    def __init__(self) -> None:
        self.span: tuple[dt.date, dt.date] | None = None
        self._full: history.HistoryData | None = None
        self._loaded: dict[tuple[dt.date, dt.date], history.HistoryData] = {}
        self._patterns: dict[tuple[dt.date, dt.date], Patterns] = {}
        self._treatments: dict[tuple[dt.date, dt.date], list[TreatmentSummary]] = {}

    def clear(self) -> tuple[dt.date, dt.date] | None:
        """Forget everything and read the diary's span again; returns it."""
        self._full = None
        self._loaded.clear()
        self._patterns.clear()
        self._treatments.clear()
        self.span = history.diary_span()
        return self.span

    def data_for(self, start: dt.date, end: dt.date) -> history.HistoryData:
        """The range's data: a slice of the whole diary once that was loaded (for "All"),
        else a load of just the range, kept for switching back."""
        full = self._full
        if full is not None and full.start <= start and end <= full.end:
            return full.between(start, end)
        key = (start, end)
        if key in self._loaded:
            return self._loaded[key]
        data = history.load_history(start, end)
        span = self.span
        if span is not None and start <= span[0] and end >= span[1]:
            self._full = data
            self._loaded.clear()
        else:
            if len(self._loaded) >= LOADED_RANGES:
                self._loaded.pop(next(iter(self._loaded)))
            self._loaded[key] = data
        return data

    def region_days_for(
        self, start: dt.date, end: dt.date, shown: history.HistoryData | None
    ) -> history.RegionDays:
        """The day x region marks of ``start`` to ``end``, from what is loaded if it can."""
        for data in (self._full, shown, *self._loaded.values()):
            if data is not None and data.start <= start and end <= data.end:
                return data.regions
        return history.load_region_days(start, end)

    def has_patterns(self, data: history.HistoryData) -> bool:
        """Whether the range's patterns and treatment summaries were worked out."""
        key = (data.start, data.end)
        return key in self._patterns and key in self._treatments

    def keep(self, data: history.HistoryData, found: Found) -> None:
        """Keep what :func:`work_out` found for the range (worked out on a worker thread)."""
        key = (data.start, data.end)
        self._patterns[key], self._treatments[key] = found

    def patterns(self, data: history.HistoryData) -> Patterns:
        """The insights and boom-bust episodes of the range, worked out once
        (:func:`find_patterns`)."""
        key = (data.start, data.end)
        if key not in self._patterns:
            self._patterns[key] = find_patterns(data)
        return self._patterns[key]

    def treatments(self, data: history.HistoryData) -> list[TreatmentSummary]:
        """Each treatment's leg regions before and after its doses in the range
        (:func:`fibrodesk.db.treatment_history.treatment_summaries`), worked out once."""
        key = (data.start, data.end)
        if key not in self._treatments:
            self._treatments[key] = treatment_history.treatment_summaries(data.start, data.end)
        return self._treatments[key]


Found = tuple[Patterns, list[TreatmentSummary]]


def find_patterns(data: history.HistoryData, stop: Callable[[], bool] = lambda: False) -> Patterns:
    """The insights and boom-bust episodes of the range: the exercise, sleep, trend, flare
    and boom-bust patterns, then the person's tags, the pressure falls and (when cycle
    tracking is on) the cycle phases. Reads the diary (any thread with a connection);
    raises :class:`~fibrodesk.progress.Cancelled` between steps once ``stop()`` is true."""
    # The context reaches two weeks before the range: a spike day is judged against the
    # diary's fortnight before it, whatever range is shown.
    d = data.context
    found = core_insights.compute_insights(
        d.days,
        d.leg_pain,
        d.overall_pain,
        d.flare,
        d.exercise_minutes,
        d.sleep_hours,
        start=data.start,
    )
    _check(stop)
    found += treatment_history.trigger_insights(d.days, d.leg_pain, d.flare, data.start, data.end)
    _check(stop)
    return found, core_insights.boom_bust_episodes(
        d.days, d.exercise_minutes, d.flare, start=data.start
    )


def work_out(data: history.HistoryData, stop: Callable[[], bool] = lambda: False) -> Found:
    """The range's patterns (:func:`find_patterns`) and treatment summaries, for
    :meth:`HistoryCache.keep`; stops between steps as :func:`find_patterns` does."""
    patterns = find_patterns(data, stop)
    _check(stop)
    return patterns, treatment_history.treatment_summaries(data.start, data.end)


def _check(stop: Callable[[], bool]) -> None:
    if stop():
        raise Cancelled("The patterns were not worked out; nothing was changed.")
