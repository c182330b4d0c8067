"""Local time with its UTC offset, as every FibroDesk timestamp is stored (domain.md s.2)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

# Where the time comes from: the computer's clock, or what a test set (set_clock).
_source: Callable[[], datetime] | None = None


def now() -> datetime:
    """The current local time, aware of its UTC offset, to the second.

    The one place FibroDesk reads the clock (with :func:`today`): nothing else calls
    ``datetime.now()`` or ``date.today()``, so a test can set the day for the whole app.
    """
    if _source is not None:
        return local(_source()).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0)


def today() -> date:
    """Today's local date."""
    return now().date()


def set_clock(source: Callable[[], datetime] | datetime | None) -> None:
    """Make :func:`now` answer ``source`` (a fixed moment, or a function giving one);
    ``None`` goes back to the computer's clock. For tests and reproducible demos."""
    global _source
    if isinstance(source, datetime):
        moment = source
        _source = lambda: moment  # noqa: E731
    else:
        _source = source


def local(dt: datetime) -> datetime:
    """An aware datetime for a naive local one (or the same instant in local time)."""
    return dt.astimezone() if dt.tzinfo is None else dt.astimezone()


def iso(dt: datetime) -> str:
    """ISO 8601 with the offset, e.g. ``2026-11-21T08:30:00+01:00``."""
    if dt.tzinfo is None:
        dt = dt.astimezone()
    return dt.isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp that carries its offset; refuse one that does not."""
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        raise ValueError(f"time {text!r} has no UTC offset")
    return dt


def week_start(day: date) -> date:
    """Monday of the week holding ``day``: weekly scores are keyed by it."""
    return day - timedelta(days=day.weekday())


# Dates in sentences are English whatever the computer's language: the app's text is.
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_name(day: date, *, year: bool = False) -> str:
    """A day as sentences name it, e.g. ``Tuesday 3 March`` (``Tuesday 3 March 2026``)."""
    name = f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{name} {day.year}" if year else name


def new_id() -> str:
    """A fresh record id: a random UUID, so that exports of two copies merge cleanly."""
    return str(uuid.uuid4())
