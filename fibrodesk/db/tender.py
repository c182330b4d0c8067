"""The day's tender-point exam (ACR 1990, for information)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, now

from .changes import Change
from .database import transaction
from .models import (
    TenderExam,
    TenderPointResult,
)
from .values import check_intensity as _check_intensity
from .values import day_text as _day_text

# ------------------------------------------------------------------------------ tender points


@dataclass(frozen=True, slots=True)
class PointResult:
    painful: bool
    pain: int | None = None


def _check_point(point: str) -> str:
    if point not in catalogue().tender_points:
        raise ValueError(f"unknown tender point {point!r}")
    return point


def _exam(day: date, create: bool) -> TenderExam | None:
    row = TenderExam.get_or_none(TenderExam.date == _day_text(day))
    if row is None and create:
        row = TenderExam.create(date=_day_text(day), recorded_at=iso(now()))
    return row


def exam_points(day: date) -> dict[str, PointResult]:
    """Point id -> result, for the points recorded in the day's exam."""
    exam = _exam(day, create=False)
    if exam is None:
        return {}
    return {
        r.point: PointResult(bool(r.painful), r.pain)
        for r in TenderPointResult.select().where(TenderPointResult.exam == exam.id)
    }


def painful_points(day: date) -> set[str]:
    return {p for p, r in exam_points(day).items() if r.painful}


def set_point(day: date, point: str, painful: bool | None, pain: int | None = None) -> None:
    """Record a point as painful or not; ``None`` removes the point from the exam."""
    _check_point(point)
    if pain is not None:
        _check_intensity(pain)
    with transaction():
        exam = _exam(day, create=painful is not None)
        if exam is None:
            return
        row = TenderPointResult.get_or_none(
            (TenderPointResult.exam == exam.id) & (TenderPointResult.point == point)
        )
        if painful is None:
            if row is not None:
                row.delete_instance()
            if not TenderPointResult.select().where(TenderPointResult.exam == exam.id).exists():
                exam.delete_instance()
            return
        if row is None:
            TenderPointResult.create(exam=exam.id, point=point, painful=painful, pain=pain)
        else:
            row.painful = painful
            row.pain = pain
            row.save()


def toggle_point(day: date, point: str) -> bool:
    """Flip a tender point between painful and not; returns the new state."""
    current = exam_points(day).get(_check_point(point))
    painful = not (current is not None and current.painful)
    set_point(day, point, painful, current.pain if current is not None and painful else None)
    return painful


# ------------------------------------------------------------------------------ operations


def apply_point(day: date, point: str, state: PointResult | None) -> Change:
    """A tender point's click, undo or redo: the point becomes ``state`` (None: unrecorded)."""
    if state is None:
        set_point(day, point, None)
    else:
        set_point(day, point, state.painful, state.pain)
    return Change.TENDER
