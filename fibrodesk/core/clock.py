"""Local time with its UTC offset, as every FibroDesk timestamp is stored (domain.md s.2)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta


def now() -> datetime:
    """The current local time, aware of its UTC offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


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
