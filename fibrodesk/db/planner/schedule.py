"""A plan's planned sessions: created on its weekdays up to a day, and re-dosed. No Qt."""

from __future__ import annotations

from datetime import date, datetime, time

from fibrodesk.core.clock import iso, new_id, now
from fibrodesk.db.database import transaction
from fibrodesk.db.models import ExerciseSession, Plan

from .common import fk, get_plan, latest_decision, tuples


def _scheduled_for(day: date, time_of_day: str) -> str:
    hour, minute = (int(x) for x in time_of_day.split(":"))
    return iso(datetime.combine(day, time(hour, minute)).astimezone())


def schedule_sessions(plan: Plan | str, until: date, from_date: date | None = None) -> int:
    """Create ``planned`` sessions on the plan's weekdays up to ``until`` (inclusive).

    From the plan's start (or ``from_date``, when later) to ``until`` or the plan's end
    date, on days that hold no session of this plan yet. Each carries the current dose and
    the action and reason of the decision in force. Returns how many were created.
    """
    row = get_plan(plan)
    first = date.fromisoformat(row.start_date)
    if from_date is not None and from_date > first:
        first = from_date
    last = until
    if row.end_date:
        last = min(last, date.fromisoformat(row.end_date))
    if last < first or not row.active:
        return 0
    taken = {
        d
        for (d,) in tuples(
            ExerciseSession.select(ExerciseSession.date).where(
                (ExerciseSession.plan == row)
                & (ExerciseSession.date.between(first.isoformat(), last.isoformat()))
            )
        )
    }
    decision = latest_decision(row)
    stamp = iso(now())
    rows = []
    day = first
    while day <= last:
        if row.weekdays & (1 << day.weekday()) and day.isoformat() not in taken:
            rows.append(
                {
                    "id": new_id(),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "plan": row.id,
                    "exercise": fk(row, "exercise"),
                    "scheduled_for": _scheduled_for(day, row.time_of_day),
                    "date": day.isoformat(),
                    "planned_dose": row.current_dose,
                    "unit": row.unit,
                    "status": "planned",
                    "stopped_for_pain": False,
                    "reason": "",
                    "pacing_action": decision.action if decision else None,
                    "pacing_reason": decision.reason if decision else "",
                    "note": "",
                }
            )
        day = date.fromordinal(day.toordinal() + 1)
    with transaction():
        for start in range(0, len(rows), 100):
            ExerciseSession.insert_many(rows[start : start + 100]).execute()
    return len(rows)


def redose_planned(plan: Plan, from_day: date, dose: int, action: str, reason: str) -> None:
    """Give every still-planned session of ``plan`` from ``from_day`` on the new dose,
    with the action and reason of the decision that set it (caller's transaction)."""
    ExerciseSession.update(
        planned_dose=dose, pacing_action=action, pacing_reason=reason, updated_at=iso(now())
    ).where(
        (ExerciseSession.plan == plan)
        & (ExerciseSession.status == "planned")
        & (ExerciseSession.date >= from_day.isoformat())
    ).execute()


def drop_planned(plan: Plan, from_day: date) -> None:
    """Delete the still-planned sessions of ``plan`` from ``from_day`` on (caller's
    transaction); logged sessions stay."""
    ExerciseSession.delete().where(
        (ExerciseSession.plan == plan)
        & (ExerciseSession.status == "planned")
        & (ExerciseSession.date >= from_day.isoformat())
    ).execute()
