"""How the diary stores a day and checks an intensity: shared by the journal's modules."""

from __future__ import annotations

from datetime import date


def day_text(day: date) -> str:
    """A local day as stored in every ``date`` column: ``YYYY-MM-DD``."""
    return day.isoformat()


def check_intensity(value: int) -> int:
    """A whole number from 0 to 10, or a ValueError (a bug in the caller)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"intensity must be a whole number from 0 to 10, not {value!r}")
    return value
