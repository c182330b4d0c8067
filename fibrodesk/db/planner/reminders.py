"""The reminder switches, stored with the diary (so they travel with backups). No Qt."""

from __future__ import annotations

from typing import Any

from fibrodesk.db.changes import Change
from fibrodesk.db.database import transaction
from fibrodesk.db.planner.common import check_time
from fibrodesk.db.settings import get_setting, set_setting

SESSIONS_KEY = "reminders.sessions"
EVENING_KEY = "reminders.evening"
EVENING_TIME_KEY = "reminders.evening_time"
DEFAULT_EVENING = "20:00"


def reminder_settings() -> dict[str, Any]:
    """``{"sessions": bool, "evening": bool, "evening_time": "HH:MM"}``."""
    evening_time = get_setting(EVENING_TIME_KEY, DEFAULT_EVENING)
    if not isinstance(evening_time, str) or len(evening_time) != 5:
        evening_time = DEFAULT_EVENING
    return {
        "sessions": bool(get_setting(SESSIONS_KEY, True)),
        "evening": bool(get_setting(EVENING_KEY, True)),
        "evening_time": evening_time,
    }


def save_reminder_settings(
    sessions: bool | None = None, evening: bool | None = None, evening_time: str | None = None
) -> Change:
    """Store the switches (each left alone when None), all in one transaction."""
    if evening_time is not None:
        check_time(evening_time)
    with transaction():
        if sessions is not None:
            set_setting(SESSIONS_KEY, bool(sessions))
        if evening is not None:
            set_setting(EVENING_KEY, bool(evening))
        if evening_time is not None:
            set_setting(EVENING_TIME_KEY, evening_time)
    return Change.SETTINGS
