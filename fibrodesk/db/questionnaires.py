"""The week's WPI picture, the date the widespread pain began, and the PGIC answers.

Reads return answers and facts; the scores are worked out in :mod:`fibrodesk.core.scoring`
(one definition). The week is the calendar week, Monday to Sunday (domain.md s.4), the
same on the Today page and in History: a Thursday calf mark counts in one week only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from fibrodesk.core.clock import week_start
from fibrodesk.core.scoring import wpi_areas, wpi_from_areas

from .changes import Change, Done
from .database import transaction
from .models import FIQR_COLUMNS, Entry, PainMark, Pgic, Setting, WpiOverride, db
from .settings import get_setting

PAIN_ONSET_KEY = "pain_onset"


@dataclass(frozen=True, slots=True)
class WeekPain:
    """What the week panel shows for the WPI of one calendar week.

    Attributes:
        week_start: Monday of the week (overrides and answers are keyed by it).
        regions: regions with a mark of 1 or more from that Monday to that Sunday.
        derived: WPI areas those regions give.
        overrides: areas the person set by hand for the week.
        areas: the areas counted (derived, then overrides applied).
    """

    week_start: date
    regions: frozenset[str]
    derived: frozenset[str]
    overrides: dict[str, bool] = field(default_factory=dict)
    areas: frozenset[str] = frozenset()

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


def week_regions(day: date) -> frozenset[str]:
    """Regions with a mark of 1 or more in the calendar week (Monday-Sunday) holding
    ``day``."""
    monday = week_start(day)
    query = (
        PainMark.select(PainMark.region)
        .join(Entry)
        .where(
            (Entry.date >= monday.isoformat())
            & (Entry.date <= (monday + timedelta(days=6)).isoformat())
            & (PainMark.intensity >= 1)
        )
        .distinct()
    )
    return frozenset(row.region for row in query)


def week_overrides(day: date) -> dict[str, bool]:
    """WPI area -> painful, as set by hand for the calendar week holding ``day``."""
    key = week_start(day).isoformat()
    rows = WpiOverride.select().where(WpiOverride.week_start == key)
    return {row.area: bool(row.painful) for row in rows}


def week_pain(day: date) -> WeekPain:
    """The WPI picture of the calendar week holding ``day``, with that week's overrides."""
    regions = week_regions(day)
    derived = wpi_areas(regions)
    overrides = week_overrides(day)
    return WeekPain(
        week_start(day), regions, derived, overrides, wpi_from_areas(derived, overrides)
    )


# ------------------------------------------------------------------------------ onset


def pain_onset() -> date | None:
    """The date the widespread pain began, as the person gave it, or None."""
    text = get_setting(PAIN_ONSET_KEY)
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class OnsetChange:
    """What :func:`set_pain_onset` changed: the date before and after (None: not given)."""

    before: date | None
    after: date | None


def set_pain_onset(onset: date | None) -> Done[OnsetChange]:
    """Store (or with None, forget) the date the widespread pain began, in one
    transaction. The date is asked once and can be changed at any time; a date in the
    future is refused (``ValueError``)."""
    from fibrodesk.core.clock import now

    if onset is not None and onset > now().date():
        raise ValueError(f"the pain cannot have begun in the future ({onset})")
    with transaction():
        before = pain_onset()
        if onset is None:
            Setting.delete().where(Setting.key == PAIN_ONSET_KEY).execute()
        else:
            value = json.dumps(onset.isoformat())
            Setting.insert(key=PAIN_ONSET_KEY, value=value).on_conflict_replace().execute()
    return Done(OnsetChange(before, onset), Change.WEEKLY | Change.SETTINGS)


# ------------------------------------------------------------------------------ FIQR, PGIC


def fiqr_answers_by_day() -> list[tuple[date, list[int | None]]]:
    """Every FIQR questionnaire's 21 answers (None: blank), oldest first. The totals are
    scored by :func:`fibrodesk.core.fiqr.fiqr_totals`."""
    columns = ", ".join(FIQR_COLUMNS)
    rows = db.execute_sql(
        f"SELECT date, {columns} FROM fiqr_response ORDER BY date, created_at"
    ).fetchall()
    return [(date.fromisoformat(row[0]), list(row[1:])) for row in rows]


def first_day() -> date | None:
    """The first day the diary holds a body-map entry or a check-in (the PGIC asks about
    the change "since you started this diary"), or None."""
    row = db.execute_sql(
        "SELECT MIN(d) FROM (SELECT (SELECT date FROM entry ORDER BY date LIMIT 1) AS d"
        " UNION ALL SELECT (SELECT date FROM check_in ORDER BY date LIMIT 1))"
    ).fetchone()
    return None if row is None or row[0] is None else date.fromisoformat(row[0])


def pgic_answers() -> list[tuple[date, int]]:
    """Every PGIC answer (1 very much improved ... 7 very much worse), oldest first."""
    return [(date.fromisoformat(row.date), row.answer) for row in Pgic.select().order_by(Pgic.date)]


def save_pgic(day: date, answer: int) -> Done[date]:
    """Store the PGIC answer of ``day`` (replacing one given that day), in one
    transaction; ``ValueError`` for an answer outside 1-7."""
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 7:
        raise ValueError(f"a PGIC answer is from 1 to 7, not {answer!r}")
    with transaction():
        row = Pgic.get_or_none(Pgic.date == day.isoformat())
        if row is None:
            Pgic.create(date=day.isoformat(), answer=answer)
        elif row.answer != answer:
            row.answer = answer
            row.save()
    return Done(day, Change.FIQR)
