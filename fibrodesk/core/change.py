"""Change over time in the FIQR, and when to offer the PGIC (domain.md s.5).

Pure functions: the report and the Week tab call the same ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from fibrodesk.core.fiqr_items import PGIC_EVERY_DAYS
from fibrodesk.core.wording import one_decimal

# The minimal clinically important difference for the FIQ total: a fall of 14% or more
# (Bennett RM, Bushmakin AG, Cappelleri JC, Zlateva G, Sadosky AB. Minimal clinically
# important difference in the fibromyalgia impact questionnaire. J Rheumatol
# 2009;36(6):1304-1311). domain.md s.5 applies it to the FIQR total.
MCID_FALL_PERCENT = 14


@dataclass(frozen=True, slots=True)
class FiqrChange:
    """The change of the FIQR total from one questionnaire to another.

    Attributes:
        since: the day of the earlier questionnaire.
        before, after: the two totals (0-100).
        points: ``after - before`` (negative: lower, i.e. less impact).
        percent: ``points`` as a share of ``before`` (None when ``before`` is 0).
        meaningful: a fall of 14% or more of ``before`` (the MCID).
    """

    since: dt.date
    before: float
    after: float
    points: float
    percent: float | None
    meaningful: bool


def fiqr_change(since: dt.date, before: float, after: float) -> FiqrChange:
    """The change from ``before`` to ``after``; ``meaningful`` when the total fell by 14%
    or more of ``before`` (compared exactly, not as rounded)."""
    for value in (before, after):
        if not 0 <= value <= 100:
            raise ValueError(f"a FIQR total is from 0 to 100, not {value!r}")
    points = after - before
    percent = None if before == 0 else points / before
    # In whole percent, so that exactly 14% (7 of 50) is not lost to 0.14's binary error.
    meaningful = before > 0 and -points * 100 >= MCID_FALL_PERCENT * before
    return FiqrChange(since, before, after, points, percent, meaningful)


@dataclass(frozen=True, slots=True)
class FiqrTrend:
    """The latest FIQR total and its change since the first and since the previous one.

    Attributes:
        day, total: the latest questionnaire.
        since_first, since_last: None with only one questionnaire (since_last is also the
            first one's when there are two).
    """

    day: dt.date
    total: float
    since_first: FiqrChange | None
    since_last: FiqrChange | None


def fiqr_trend(
    totals: Sequence[tuple[dt.date, float]], upto: dt.date | None = None
) -> FiqrTrend | None:
    """The trend of the questionnaires in ``totals`` (day, total), up to ``upto``; None
    when there is none."""
    scored = sorted((day, total) for day, total in totals if upto is None or day <= upto)
    if not scored:
        return None
    day, total = scored[-1]
    if len(scored) == 1:
        return FiqrTrend(day, total, None, None)
    first_day, first = scored[0]
    last_day, last = scored[-2]
    return FiqrTrend(
        day, total, fiqr_change(first_day, first, total), fiqr_change(last_day, last, total)
    )


def _short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def change_words(change: FiqrChange, what: str) -> str:
    """``since your first (3 Mar 2025, 62.0): 14.5 lower (23%), a meaningful improvement``."""
    size = one_decimal(abs(change.points))
    if change.points == 0:
        moved = "no change"
    else:
        moved = f"{size} {'lower' if change.points < 0 else 'higher'}"
        if change.percent is not None:
            moved += f" ({one_decimal(abs(change.percent) * 100).removesuffix('.0')}%)"
    text = f"since your {what} ({_short_date(change.since)}, {one_decimal(change.before)}): {moved}"
    if change.meaningful:
        text += ", a fall of 14% or more: a meaningful improvement"
    return text


def pgic_due(today: dt.date, diary_start: dt.date | None, last_answer: dt.date | None) -> bool:
    """Whether to offer the PGIC today: every 4 weeks, first 4 weeks after the diary's
    first day, then 4 weeks after the last answer."""
    since = last_answer if last_answer is not None else diary_start
    if since is None:
        return False
    return (today - since).days >= PGIC_EVERY_DAYS
