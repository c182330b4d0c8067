"""The calendar week's WPI picture and the date the widespread pain began (domain.md s.4)."""

from __future__ import annotations

from datetime import date, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest

from fibrodesk.core.clock import now
from fibrodesk.db import marks, questionnaires, weekly
from fibrodesk.db.changes import Change
from fibrodesk.db.models import Setting

MONDAY = date(2025, 3, 3)


def mark(day: date, region: str, intensity: int) -> None:
    entry = marks.create_entry(day, dtime(9, 0))
    marks.set_mark(entry.id, region, intensity)


@pytest.mark.parametrize("offset", range(7))
def test_every_day_of_a_week_gives_that_weeks_picture(diary: Path, offset: int) -> None:
    mark(MONDAY, "calf_left", 4)
    mark(MONDAY + timedelta(days=6), "neck", 1)
    mark(MONDAY - timedelta(days=1), "shoulder_left", 9)  # the Sunday before
    mark(MONDAY + timedelta(days=7), "lower_back", 9)  # the Monday after
    mark(MONDAY + timedelta(days=3), "jaw_left", 0)  # 0 does not count
    weekly.set_wpi_override(MONDAY, "chest", True)
    pain = questionnaires.week_pain(MONDAY + timedelta(days=offset))
    assert pain.week_start == MONDAY and pain.week_end == MONDAY + timedelta(days=6)
    assert pain.regions == {"calf_left", "neck"}
    assert pain.derived == {"lower_leg_left", "neck"}
    assert pain.overrides == {"chest": True}
    assert pain.areas == {"lower_leg_left", "neck", "chest"}


def test_the_onset_date_is_asked_once_changeable_and_kept(diary: Path) -> None:
    assert questionnaires.pain_onset() is None
    done = questionnaires.set_pain_onset(date(2024, 5, 1))
    assert done.change == Change.WEEKLY | Change.SETTINGS
    first = done.value
    assert (first.before, first.after) == (None, date(2024, 5, 1))
    change = questionnaires.set_pain_onset(date(2024, 2, 1)).value
    assert (change.before, change.after) == (date(2024, 5, 1), date(2024, 2, 1))
    assert questionnaires.pain_onset() == date(2024, 2, 1)
    assert Setting.select().where(Setting.key == questionnaires.PAIN_ONSET_KEY).count() == 1
    questionnaires.set_pain_onset(None)
    assert questionnaires.pain_onset() is None


def test_an_onset_in_the_future_is_refused_and_nothing_is_written(diary: Path) -> None:
    with pytest.raises(ValueError, match="future"):
        questionnaires.set_pain_onset(now().date() + timedelta(days=1))
    assert questionnaires.pain_onset() is None


def test_pgic_answers_are_kept_one_per_day(diary: Path) -> None:
    from fibrodesk.db.models import Pgic

    done = questionnaires.save_pgic(date(2025, 3, 29), 2)
    assert done.change == Change.FIQR
    questionnaires.save_pgic(date(2025, 3, 29), 3)  # changed the same day
    questionnaires.save_pgic(date(2025, 4, 26), 4)
    assert questionnaires.pgic_answers() == [(date(2025, 3, 29), 3), (date(2025, 4, 26), 4)]
    assert Pgic.select().count() == 2
    for bad in (0, 8):
        with pytest.raises(ValueError):
            questionnaires.save_pgic(date(2025, 5, 1), bad)
    assert questionnaires.first_day() is None
    mark(date(2025, 2, 1), "calf_left", 3)
    assert questionnaires.first_day() == date(2025, 2, 1)
