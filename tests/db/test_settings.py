"""Settings stored in the diary round-trip, and a refused write is a sentence."""

from __future__ import annotations

import pytest

from fibrodesk.db.models import db
from fibrodesk.db.settings import get_setting, set_setting
from fibrodesk.errors import SaveError


def test_settings_round_trip(diary):
    assert get_setting("evening", "absent") == "absent"
    set_setting("evening", {"on": True, "at": "20:00"})
    set_setting("evening", {"on": False, "at": "21:30"})
    assert get_setting("evening") == {"on": False, "at": "21:30"}


def test_a_read_only_diary_refuses_a_setting_in_a_sentence(diary):
    set_setting("last_intensity", 5)
    db.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(SaveError, match="could not be saved"):
            set_setting("last_intensity", 7)
    finally:
        db.execute_sql("PRAGMA query_only = 0")
    assert get_setting("last_intensity") == 5
