"""The week's scores: symptom-severity answers, WPI overrides and the FIQR."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import week_start

from .changes import Change, Done
from .database import transaction
from .models import (
    FIQR_COLUMNS,
    FiqrResponse,
    WeeklySymptoms,
    WpiOverride,
)
from .values import check_intensity as _check_intensity
from .values import day_text as _day_text

# ------------------------------------------------------------------------------ weekly

SSS_FIELDS = (
    "fatigue",
    "unrefreshed",
    "cognitive",
    "headaches",
    "lower_abdomen",
    "depression",
    "months",
)


@dataclass(frozen=True, slots=True)
class WeeklyAnswers:
    """The week's SSS answers (``None`` = not answered)."""

    fatigue: int | None = None
    unrefreshed: int | None = None
    cognitive: int | None = None
    headaches: bool | None = None
    lower_abdomen: bool | None = None
    depression: bool | None = None
    months: int | None = None

    def complete(self) -> bool:
        return all(getattr(self, name) is not None for name in SSS_FIELDS)


def _monday(day: date) -> date:
    if day.weekday() != 0:
        raise ValueError(f"week_start {day} is not a Monday")
    return day


def get_weekly(week_start_day: date) -> WeeklyAnswers:
    row = WeeklySymptoms.get_or_none(
        WeeklySymptoms.week_start == _day_text(_monday(week_start_day))
    )
    if row is None:
        return WeeklyAnswers()
    values = {name: getattr(row, name) for name in SSS_FIELDS}
    for name in ("headaches", "lower_abdomen", "depression"):
        if values[name] is not None:
            values[name] = bool(values[name])
    return WeeklyAnswers(**values)


def save_weekly(week_start_day: date, answers: WeeklyAnswers) -> WeeklyAnswers:
    """Store the week's SSS answers (all of them, unanswered ones as empty)."""
    for name in ("fatigue", "unrefreshed", "cognitive"):
        value = getattr(answers, name)
        if value is not None and not 0 <= value <= 3:
            raise ValueError(f"{name} must be from 0 to 3, not {value!r}")
    if answers.months is not None and not 0 <= answers.months <= 1200:
        raise ValueError(f"months must be from 0 to 1200, not {answers.months!r}")
    key = _day_text(_monday(week_start_day))
    with transaction():
        row = WeeklySymptoms.get_or_none(WeeklySymptoms.week_start == key)
        is_new = row is None
        if row is None:
            row = WeeklySymptoms(week_start=key)
        for name in SSS_FIELDS:
            setattr(row, name, getattr(answers, name))
        row.save(force_insert=is_new)
    return get_weekly(week_start_day)


def record_weekly(week_start_day: date, answers: WeeklyAnswers) -> Done[WeeklyAnswers]:
    """The Week tab's SSS answers saved: one operation, ``Change.WEEKLY``."""
    return Done(save_weekly(week_start_day, answers), Change.WEEKLY)


def wpi_overrides(week_start_day: date) -> dict[str, bool]:
    """WPI area -> painful, as set by hand for the week."""
    key = _day_text(_monday(week_start_day))
    return {
        r.area: bool(r.painful) for r in WpiOverride.select().where(WpiOverride.week_start == key)
    }


def set_wpi_override(week_start_day: date, area: str, painful: bool | None) -> Change:
    """Set an area painful or not by hand for the week; ``None`` goes back to the map.
    The Week tab's tick on a WPI area: one operation, ``Change.WEEKLY``."""
    if area not in catalogue().wpi_areas:
        raise ValueError(f"unknown WPI area {area!r}")
    key = _day_text(_monday(week_start_day))
    with transaction():
        row = WpiOverride.get_or_none((WpiOverride.week_start == key) & (WpiOverride.area == area))
        if painful is None:
            if row is not None:
                row.delete_instance()
        elif row is None:
            WpiOverride.create(week_start=key, area=area, painful=painful)
        elif bool(row.painful) != painful:
            row.painful = painful
            row.save()
    return Change.WEEKLY


# ------------------------------------------------------------------------------ FIQR

FIQR_SIZES = (9, 2, 10)


@dataclass(frozen=True, slots=True)
class FiqrAnswers:
    """The 21 FIQR answers in three sections (``None`` = not answered)."""

    function: tuple[int | None, ...] = (None,) * 9
    overall: tuple[int | None, ...] = (None,) * 2
    symptoms: tuple[int | None, ...] = (None,) * 10
    day: date | None = None
    id: str = ""

    def items(self) -> list[int | None]:
        return [*self.function, *self.overall, *self.symptoms]

    def answered(self) -> int:
        return sum(v is not None for v in self.items())


def _fiqr_row_for_week(day: date) -> FiqrResponse | None:
    monday = week_start(day)
    return (
        FiqrResponse.select()
        .where(
            (FiqrResponse.date >= _day_text(monday))
            & (FiqrResponse.date <= _day_text(monday + timedelta(days=6)))
        )
        .order_by(FiqrResponse.date.desc(), FiqrResponse.created_at.desc())
        .first()
    )


def get_fiqr(day: date) -> FiqrAnswers | None:
    """The FIQR filled in during the week holding ``day`` (it is about the past 7 days)."""
    row = _fiqr_row_for_week(day)
    if row is None:
        return None
    values = [getattr(row, col) for col in FIQR_COLUMNS]
    return FiqrAnswers(
        tuple(values[:9]),
        tuple(values[9:11]),
        tuple(values[11:]),
        date.fromisoformat(row.date),
        row.id,
    )


def save_fiqr(
    day: date,
    function: Sequence[int | None],
    overall: Sequence[int | None],
    symptoms: Sequence[int | None],
) -> FiqrAnswers | None:
    """Store the week's FIQR answers (updating the one already begun that week).

    All items blank removes the week's questionnaire; returns ``None`` then.
    """
    sizes = (len(function), len(overall), len(symptoms))
    if sizes != FIQR_SIZES:
        raise ValueError(f"FIQR sections must have {FIQR_SIZES} answers, not {sizes}")
    values = [*function, *overall, *symptoms]
    for value in values:
        if value is not None:
            _check_intensity(value)
    with transaction():
        row = _fiqr_row_for_week(day)
        if all(v is None for v in values):
            if row is not None:
                row.delete_instance()
            return None
        is_new = row is None
        if row is None:
            row = FiqrResponse(date=_day_text(day))
        for col, value in zip(FIQR_COLUMNS, values, strict=True):
            setattr(row, col, value)
        row.save(force_insert=is_new)
    return get_fiqr(day)


def record_fiqr(
    day: date,
    function: Sequence[int | None],
    overall: Sequence[int | None],
    symptoms: Sequence[int | None],
) -> Done[FiqrAnswers | None]:
    """The Week tab's FIQR answers saved (all blank: the week's questionnaire removed):
    one operation, ``Change.FIQR``."""
    return Done(save_fiqr(day, function, overall, symptoms), Change.FIQR)
