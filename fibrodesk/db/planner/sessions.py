"""Exercise sessions on the diary: log one, undo a log, and read them. No Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fibrodesk.core.clock import parse_iso
from fibrodesk.core.plan_text import dose_text
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.database import transaction
from fibrodesk.db.models import SKIP_REASONS, CheckIn, Entry, Exercise, ExerciseSession

from .common import LOGGED_STATUSES, MAX_DOSE, fk


@dataclass(frozen=True, slots=True)
class SessionView:
    """A scheduled session with its exercise, as the calendar and the log show it."""

    id: str
    plan_id: str | None
    exercise_id: str
    exercise_name: str
    kind: str
    how_to: str
    sets: int
    rest_seconds: int
    scheduled_for: datetime
    date: date
    planned_dose: int
    unit: str
    status: str
    actual_dose: int | None
    effort: int | None
    pain_before: int | None
    pain_after: int | None
    stopped_for_pain: bool
    reason: str
    note: str
    pacing_action: str | None
    pacing_reason: str
    skip_reason: str | None = None

    @property
    def time_text(self) -> str:
        return self.scheduled_for.strftime("%H:%M")

    def dose_text(self, dose: int | None = None) -> str:
        return dose_text(self.planned_dose if dose is None else dose, self.unit, self.sets)


def _check_score(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{what} is a whole number from 0 to 10, not {value!r}")


def log_session(
    session_id: str,
    status: str,
    actual_dose: int | None = None,
    effort: int | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    stopped_for_pain: bool = False,
    reason: str = "",
    note: str | None = None,
    skip_reason: str | None = None,
) -> Done[SessionView]:
    """Record what was done in a session: ``done``, ``partly`` or ``skipped`` (one
    operation; the session as logged and :data:`Change.SESSIONS`).

    ``done`` without a dose means the planned dose; ``skipped`` stores no dose. Effort is
    0-10 in the app's own words (:data:`fibrodesk.core.plan_text.EFFORT_WORDS`), pains
    are 0-10, each optional. Logging again replaces the log. ``skip_reason`` says why a
    session was skipped or cut short (:data:`fibrodesk.db.models.SKIP_REASONS`: pain,
    fatigue or flare, no time, other); a session stopped because of pain has reason
    ``pain``, and a ``done`` session none.
    """
    if status not in LOGGED_STATUSES:
        raise ValueError(f"a session is logged as done, partly or skipped, not {status!r}")
    row = ExerciseSession.get_or_none(ExerciseSession.id == session_id)
    if row is None:
        raise ValueError(f"no exercise session with id {session_id!r}")
    if status == "done" and actual_dose is None:
        actual_dose = row.planned_dose
    if status == "skipped":
        actual_dose = None
    if actual_dose is not None and (
        isinstance(actual_dose, bool)
        or not isinstance(actual_dose, int)
        or not 0 <= actual_dose <= MAX_DOSE
    ):
        raise ValueError(f"the dose done is a whole number from 0 to {MAX_DOSE}")
    _check_score(effort, "effort")
    _check_score(pain_before, "leg pain before")
    _check_score(pain_after, "leg pain after")
    if skip_reason is not None and skip_reason not in SKIP_REASONS:
        raise ValueError(f"a session is skipped for {', '.join(SKIP_REASONS)}, not {skip_reason!r}")
    stopped = bool(stopped_for_pain) and status != "skipped"
    if stopped and skip_reason is None:
        skip_reason = "pain"
    if status == "done" and not stopped:
        skip_reason = None
    if len(reason) > 2000:
        raise ValueError("the reason is at most 2000 characters")
    row.status = status
    row.actual_dose = actual_dose
    row.effort = effort
    row.pain_before = pain_before
    row.pain_after = pain_after
    row.stopped_for_pain = stopped or (status != "skipped" and skip_reason == "pain")
    row.skip_reason = skip_reason
    row.reason = reason.strip()
    if note is not None:
        row.note = note
    with transaction():
        row.save()
    return Done(session(row.id), Change.SESSIONS)


def reset_session(session_id: str) -> Done[SessionView]:
    """Undo a log: the session is ``planned`` again, with nothing recorded."""
    row = ExerciseSession.get_or_none(ExerciseSession.id == session_id)
    if row is None:
        raise ValueError(f"no exercise session with id {session_id!r}")
    row.status = "planned"
    row.actual_dose = row.effort = row.pain_before = row.pain_after = None
    row.stopped_for_pain = False
    row.skip_reason = None
    row.reason = ""
    with transaction():
        row.save()
    return Done(session(row.id), Change.SESSIONS)


def _session_view(row: ExerciseSession, ex: Exercise) -> SessionView:
    return SessionView(
        id=row.id,
        plan_id=fk(row, "plan"),
        exercise_id=ex.id,
        exercise_name=ex.name,
        kind=ex.kind,
        how_to=ex.how_to,
        sets=ex.sets,
        rest_seconds=ex.rest_seconds,
        scheduled_for=parse_iso(row.scheduled_for),
        date=date.fromisoformat(row.date),
        planned_dose=row.planned_dose,
        unit=row.unit,
        status=row.status,
        actual_dose=row.actual_dose,
        effort=row.effort,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        stopped_for_pain=bool(row.stopped_for_pain),
        reason=row.reason,
        note=row.note,
        pacing_action=row.pacing_action,
        pacing_reason=row.pacing_reason,
        skip_reason=row.skip_reason,
    )


def sessions_between(first: date, last: date, plan_id: str | None = None) -> list[SessionView]:
    """Sessions from ``first`` to ``last`` (inclusive), by scheduled time."""
    query = (
        ExerciseSession.select(ExerciseSession, Exercise)
        .join(Exercise)
        .where(ExerciseSession.date.between(first.isoformat(), last.isoformat()))
    )
    if plan_id is not None:
        query = query.where(ExerciseSession.plan == plan_id)
    return [
        _session_view(s, s.exercise)
        for s in query.order_by(ExerciseSession.scheduled_for, Exercise.name)
    ]


def session(session_id: str) -> SessionView:
    """One session by id."""
    row = (
        ExerciseSession.select(ExerciseSession, Exercise)
        .join(Exercise)
        .where(ExerciseSession.id == session_id)
        .first()
    )
    if row is None:
        raise ValueError(f"no exercise session with id {session_id!r}")
    return _session_view(row, row.exercise)


def diary_written_on(day: date) -> bool:
    """True when the day has a check-in or a body-map entry (the evening reminder asks)."""
    iso_day = day.isoformat()
    return (
        CheckIn.select().where(CheckIn.date == iso_day).exists()
        or Entry.select().where(Entry.date == iso_day).exists()
    )
