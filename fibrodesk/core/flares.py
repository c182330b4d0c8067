"""Flare episodes from the days a person flagged as flare days.

The check-in records, per day, whether it was a flare day; an episode is a run of
consecutive flagged days. Pure, so the rule is tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def episodes(flare_days: Iterable[date]) -> list[tuple[date, date]]:
    """Runs of consecutive days, each as ``(first, last)``, in date order."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(flare_days)):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
