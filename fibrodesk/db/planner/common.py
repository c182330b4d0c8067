"""What the planner's db modules share: limits, the decision row as shown, small helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fibrodesk.db.models import PacingDecision, Plan

HORIZON_DAYS = 56
"""Planned sessions are kept this many days ahead of today (a month view fits in it)."""

REVIEW_DAYS = 7
"""A plan is reviewed every 7 days from its start date."""

LOGGED_STATUSES = ("done", "partly", "skipped")
STATUSES = ("planned", *LOGGED_STATUSES)
MAX_DOSE = 1000

_TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@dataclass(frozen=True, slots=True)
class DecisionView:
    """One pacing decision as the planner shows it.

    Attributes:
        revision: why the review was revised after it ran, in words ('' if never).
    """

    id: str
    plan_id: str
    review_date: date
    action: str
    old_dose: int | None
    new_dose: int
    reason: str
    revision: str = ""


def decision_view(row: PacingDecision) -> DecisionView:
    return DecisionView(
        id=row.id,
        plan_id=fk(row, "plan"),
        review_date=date.fromisoformat(row.review_date),
        action=row.action,
        old_dose=row.old_dose,
        new_dose=row.new_dose,
        reason=row.reason,
        revision=row.revision or "",
    )


def tuples(query: Any) -> list[tuple[Any, ...]]:
    """A query's rows as plain tuples (peewee's typing does not follow ``.tuples()``)."""
    return [tuple(r) for r in query.tuples()]


def fk(row: Any, name: str) -> Any:
    """The raw id a foreign key holds, without loading the row it points to."""
    return row.__data__.get(name)


def check_dose(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DOSE:
        raise ValueError(f"the {what} must be a whole number from 1 to {MAX_DOSE}, not {value!r}")


def check_time(text: str) -> None:
    if not _TIME_RE.match(text or ""):
        raise ValueError(f"a time of day is written HH:MM, like 10:30, not {text!r}")


def get_plan(plan: Plan | str) -> Plan:
    if isinstance(plan, Plan):
        return plan
    row = Plan.get_or_none(Plan.id == plan)
    if row is None:
        raise ValueError(f"no exercise plan with id {plan!r}")
    return row


def latest_decision(plan: Plan, on_or_before: date | None = None) -> PacingDecision | None:
    query = PacingDecision.select().where(PacingDecision.plan == plan)
    if on_or_before is not None:
        query = query.where(PacingDecision.review_date <= on_or_before.isoformat())
    return query.order_by(PacingDecision.review_date.desc()).first()


def weekdays_to_mask(days: Any) -> int:
    """Weekdays (0 = Monday) to the stored bitmask (bit 0 = Monday)."""
    mask = 0
    for day in days:
        if not 0 <= day <= 6:
            raise ValueError(f"a weekday is 0 (Monday) to 6 (Sunday), not {day!r}")
        mask |= 1 << day
    return mask


def mask_to_weekdays(mask: int) -> tuple[int, ...]:
    """The stored bitmask to weekdays, 0 = Monday."""
    return tuple(d for d in range(7) if mask & (1 << d))
