"""The report's period and its comparison period (no Qt).

The comparison is always the period of the same number of days just before the chosen
one, so that "this period against the one before" compares like with like.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fibrodesk.core.clock import MONTH_NAMES

# Choice key -> words shown on the Reports page.
CHOICES: tuple[tuple[str, str], ...] = (
    ("4w", "Last 4 weeks"),
    ("12w", "Last 12 weeks"),
    ("6m", "Last 6 months"),
    ("1y", "Last year"),
    ("custom", "From – to"),
)


@dataclass(frozen=True, slots=True)
class Period:
    """Days ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def words(self) -> str:
        """``3 March – 25 May 2026`` (both years when they differ)."""
        return span_words(self.start, self.end)


def day_words(day: date, year: bool = True) -> str:
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def short_day(day: date) -> str:
    """``3 Mar 2026``: compact, for tables."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def span_words(start: date, end: date) -> str:
    if start == end:
        return day_words(start)
    return f"{day_words(start, year=start.year != end.year)} – {day_words(end)}"


def _months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def period_for(choice: str, today: date) -> Period:
    """The period a choice names, ending today: 4 or 12 weeks, 6 months or a year."""
    if choice == "4w":
        return Period(today - timedelta(days=27), today)
    if choice == "12w":
        return Period(today - timedelta(days=83), today)
    if choice == "6m":
        return Period(_months_back(today, 6) + timedelta(days=1), today)
    if choice == "1y":
        return Period(_months_back(today, 12) + timedelta(days=1), today)
    raise ValueError(f"unknown period choice {choice!r}")


def export_period(
    start: date | None, end: date | None, span: tuple[date, date] | None, today: date
) -> Period:
    """The period of ``fibrodesk export --format pdf`` (and File > Export as pdf) from
    ``start`` to ``end``, for a diary whose first and last days are ``span`` (None when
    empty): the whole diary when neither is given (up to today or its last day, whichever
    is later), else from ``start`` (or the diary's first day) to ``end`` (or today); four
    weeks to today for an empty diary."""
    first = start if start is not None else (span[0] if span else None)
    if end is not None:
        last = end
    elif span and start is None:
        last = max(span[1], today)
    else:
        last = today
    if first is None:
        return period_for("4w", last)
    return Period(min(first, last), last)
