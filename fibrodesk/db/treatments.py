"""Treatments the way people take them (issue 15): the list, doses and sessions logged with
their time, regular doses confirmed, side effects.

Every operation is one transaction (run through ``AppContext.perform``) and returns a
:class:`~fibrodesk.db.changes.Change` or a :class:`~fibrodesk.db.changes.Done`: the list of
treatments is ``Change.TREATMENTS``; doses, sessions and side effects are ``Change.DOSES``.
Queries return frozen values, never models. A problem the person can fix (a name already
used, a stop date before the start) is a :class:`~fibrodesk.errors.UserError` with one
sentence; nothing is written then.

Times: ``taken_at`` is stored like an entry's ``recorded_at`` (ISO 8601 local time with its
offset) with the local ``date`` beside it. A naive ``datetime`` given here is local time.
"""

from __future__ import annotations

from datetime import date, datetime, time

from fibrodesk.core import clock
from fibrodesk.errors import UserError

from .changes import Change, Done
from .database import transaction
from .models import SCHEDULES, SIDE_EFFECTS, TREATMENT_KINDS, SideEffect, Treatment, TreatmentDose
from .settings import get_setting, set_setting
from .treatment_values import (
    DoseRow,
    RegularDose,
    SideEffectRow,
    TreatmentItem,
    clean_amount,
    clean_times,
    clean_unit,
    dose_text,
)
from .values import day_text

__all__ = [
    "DOSE_FOLLOWUP_KEY",
    "SCHEDULES",
    "SIDE_EFFECTS",
    "TREATMENT_KINDS",
    "DoseRow",
    "RegularDose",
    "SideEffectRow",
    "TreatmentItem",
    "confirm_regular_dose",
    "delete_dose",
    "delete_side_effect",
    "dose_followup_enabled",
    "doses_between",
    "get_dose",
    "get_treatment",
    "list_treatments",
    "log_dose",
    "move_dose",
    "put_back_dose",
    "regular_doses",
    "save_side_effect",
    "save_treatment",
    "set_dose_followup",
    "side_effects_between",
    "stop_treatment",
]

DOSE_FOLLOWUP_KEY = "reminders/dose_followup"
"""Setting: offer a short follow-up entry about 2 hours after an as-needed dose ("1" on,
"0" off; off by default)."""


# ------------------------------------------------------------------------------ reading


def _item(row: Treatment) -> TreatmentItem:
    return TreatmentItem(
        id=row.id,
        name=row.name,
        kind=row.kind,
        dose=row.dose,
        amount=row.amount,
        unit=row.unit,
        schedule=row.schedule,
        times=tuple(t for t in row.times.split(";") if t),
        start_date=date.fromisoformat(row.start_date) if row.start_date else None,
        stop_date=date.fromisoformat(row.stop_date) if row.stop_date else None,
        purpose=row.purpose,
        hidden=bool(row.hidden),
    )


def list_treatments(
    include_stopped: bool = True, include_hidden: bool = False
) -> list[TreatmentItem]:
    """The person's treatments, medication first, then by name.

    Without ``include_stopped``, treatments whose stop date is before today are left out.
    Hidden ones (taken off the check-in's pick list) only with ``include_hidden``.
    """
    query = Treatment.select()
    if not include_hidden:
        query = query.where(Treatment.hidden == False)  # noqa: E712
    items = [_item(row) for row in query]
    if not include_stopped:
        today = clock.today()
        items = [t for t in items if t.stop_date is None or t.stop_date >= today]
    return sorted(items, key=lambda t: (t.kind != "medication", t.name.casefold(), t.name))


def get_treatment(treatment_id: str) -> TreatmentItem | None:
    row = Treatment.get_or_none(Treatment.id == treatment_id)
    return None if row is None else _item(row)


def _treatment(treatment_id: str) -> Treatment:
    row = Treatment.get_or_none(Treatment.id == treatment_id)
    if row is None:
        raise UserError(
            "That treatment is no longer in the diary (it was removed meanwhile); "
            "choose it again from the list."
        )
    return row


def _aware(moment: datetime) -> datetime:
    return clock.local(moment) if moment.tzinfo is None else moment.replace(microsecond=0)


def _dose_row(dose: TreatmentDose, treatment: Treatment) -> DoseRow:
    return DoseRow(
        id=dose.id,
        treatment_id=treatment.id,
        name=treatment.name,
        kind=treatment.kind,
        schedule=treatment.schedule,
        taken_at=clock.parse_iso(dose.taken_at),
        date=date.fromisoformat(dose.date),
        amount=dose.amount,
        unit=dose.unit,
        note=dose.note,
    )


def doses_between(start: date, end: date) -> list[DoseRow]:
    """Every dose and session from ``start`` to ``end`` (inclusive), in time order."""
    query = (
        TreatmentDose.select(TreatmentDose, Treatment)
        .join(Treatment)
        .where(TreatmentDose.date.between(day_text(start), day_text(end)))
    )
    rows = [_dose_row(d, d.treatment) for d in query]
    return sorted(rows, key=lambda r: (r.taken_at, r.name, r.id))


def get_dose(dose_id: str) -> DoseRow | None:
    query = (
        TreatmentDose.select(TreatmentDose, Treatment)
        .join(Treatment)
        .where(TreatmentDose.id == dose_id)
    )
    dose = query.first()
    return None if dose is None else _dose_row(dose, dose.treatment)


def regular_doses(day: date) -> list[RegularDose]:
    """The regular times of ``day`` for every regular treatment in force that day, each
    with the dose confirmed for it (a dose of that treatment logged at that time)."""
    items = [t for t in list_treatments() if t.regular and t.active_on(day)]
    if not items:
        return []
    logged: dict[tuple[str, str], str] = {}
    for dose in TreatmentDose.select().where(
        TreatmentDose.date == day_text(day),
        TreatmentDose.treatment.in_([t.id for t in items]),
    ):
        hhmm = clock.parse_iso(dose.taken_at).strftime("%H:%M")
        logged.setdefault((dose.treatment_id, hhmm), dose.id)  # type: ignore[attr-defined]
    result = [
        RegularDose(t.id, t.name, t.kind, hhmm, t.amount, t.unit, logged.get((t.id, hhmm)))
        for t in items
        for hhmm in t.times
    ]
    return sorted(result, key=lambda r: (r.time, r.name))


def side_effects_between(start: date, end: date) -> list[SideEffectRow]:
    """Every side effect from ``start`` to ``end`` (inclusive), by day and treatment."""
    query = (
        SideEffect.select(SideEffect, Treatment)
        .join(Treatment)
        .where(SideEffect.date.between(day_text(start), day_text(end)))
    )
    rows = [
        SideEffectRow(
            id=s.id,
            treatment_id=s.treatment.id,
            name=s.treatment.name,
            date=date.fromisoformat(s.date),
            effect=s.effect,
            severity=s.severity,
            note=s.note,
        )
        for s in query
    ]
    return sorted(rows, key=lambda r: (r.date, r.name, SIDE_EFFECTS.index(r.effect)))


def dose_followup_enabled() -> bool:
    """Whether the gentle follow-up after an as-needed dose is on (off by default)."""
    return get_setting(DOSE_FOLLOWUP_KEY, "0") in ("1", 1, True)


# ------------------------------------------------------------------------------ operations


def save_treatment(item: TreatmentItem) -> Done[str]:
    """Add a treatment (``item.id`` empty) or change one; returns its id.

    A new treatment whose name the list already holds as a hidden one brings that one
    back with these details (its past records keep pointing to it).
    """
    name = item.name.strip()
    if not 1 <= len(name) <= 200:
        raise UserError("A treatment needs a name of 1 to 200 characters; type one.")
    if item.kind not in TREATMENT_KINDS:
        raise ValueError(f"unknown treatment kind {item.kind!r}")
    if item.schedule not in SCHEDULES:
        raise ValueError(f"unknown schedule {item.schedule!r}")
    amount = clean_amount(item.amount)
    unit = clean_unit(item.unit)
    times = clean_times(item.times)
    if item.schedule == "regular" and not times:
        raise UserError("A regular treatment needs at least one time of day; add one.")
    if item.start_date and item.stop_date and item.stop_date < item.start_date:
        raise UserError(
            "The stop date is before the start date; correct one of them, then save again."
        )
    dose = item.dose.strip() or dose_text(amount, unit)
    purpose = item.purpose.strip()
    if len(dose) > 200 or len(purpose) > 200:
        raise UserError("The dose and what it is for take at most 200 characters each.")
    values = {
        "name": name,
        "kind": item.kind,
        "dose": dose,
        "amount": amount,
        "unit": unit,
        "schedule": item.schedule,
        "times": times if item.schedule == "regular" else "",
        "start_date": day_text(item.start_date) if item.start_date else None,
        "stop_date": day_text(item.stop_date) if item.stop_date else None,
        "purpose": purpose,
        "hidden": bool(item.hidden),
    }
    with transaction():
        same_name = Treatment.get_or_none(Treatment.name == name)
        if item.id:
            row = _treatment(item.id)
            if same_name is not None and same_name.id != row.id:
                raise UserError(
                    f"Another treatment is already called {name!r}; choose another name."
                )
        elif same_name is not None:
            if not same_name.hidden:
                raise UserError(f"A treatment called {name!r} is already in your list.")
            row = same_name  # a hidden one comes back
        else:
            row = Treatment.create(id=clock.new_id(), **values)
            return Done(row.id, Change.TREATMENTS)
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
    return Done(row.id, Change.TREATMENTS)


def stop_treatment(treatment_id: str, day: date) -> Change:
    """The person stopped a treatment on ``day`` (its doses and history stay)."""
    with transaction():
        row = _treatment(treatment_id)
        if row.start_date and day_text(day) < row.start_date:
            raise UserError(
                f"{row.name} started on {row.start_date}; a stop date cannot be before it."
            )
        if row.stop_date == day_text(day):
            return Change.NONE
        row.stop_date = day_text(day)
        row.save()
    return Change.TREATMENTS


def log_dose(
    treatment_id: str, taken_at: datetime, amount: float | None = None, note: str = ""
) -> Done[str]:
    """A dose taken or a session done at ``taken_at`` ("taken now", time editable).

    Without ``amount`` the treatment's usual amount and unit are recorded. Returns the
    dose's id.
    """
    moment = _aware(taken_at)
    note = note.strip()
    if len(note) > 20000:
        raise UserError("The note is longer than 20,000 characters; shorten it.")
    with transaction():
        treatment = _treatment(treatment_id)
        given = clean_amount(amount)
        dose = TreatmentDose.create(
            id=clock.new_id(),
            treatment=treatment.id,
            taken_at=clock.iso(moment),
            date=day_text(moment.date()),
            amount=given if given is not None else treatment.amount,
            unit=treatment.unit,
            note=note,
        )
    return Done(dose.id, Change.DOSES)


def confirm_regular_dose(treatment_id: str, day: date, time_hhmm: str) -> Done[str]:
    """A regular dose confirmed in one click: the dose of ``time_hhmm`` on ``day``.

    Confirming again finds the dose already there and writes nothing (``Change.NONE``).
    """
    try:
        at = time.fromisoformat(time_hhmm)
    except ValueError:
        raise ValueError(f"not a time of day: {time_hhmm!r}") from None
    moment = clock.local(datetime.combine(day, at.replace(second=0, microsecond=0)))
    with transaction():
        treatment = _treatment(treatment_id)
        for dose in TreatmentDose.select().where(
            TreatmentDose.treatment == treatment.id, TreatmentDose.date == day_text(day)
        ):
            if clock.parse_iso(dose.taken_at).strftime("%H:%M") == at.strftime("%H:%M"):
                return Done(dose.id, Change.NONE)
        dose = TreatmentDose.create(
            id=clock.new_id(),
            treatment=treatment.id,
            taken_at=clock.iso(moment),
            date=day_text(day),
            amount=treatment.amount,
            unit=treatment.unit,
            note="",
        )
    return Done(dose.id, Change.DOSES)


def _dose(dose_id: str) -> TreatmentDose:
    dose = TreatmentDose.get_or_none(TreatmentDose.id == dose_id)
    if dose is None:
        raise UserError("That dose is no longer in the diary (it was removed meanwhile).")
    return dose


def move_dose(dose_id: str, taken_at: datetime) -> Change:
    """The time of a logged dose corrected (its day follows the time)."""
    moment = _aware(taken_at)
    with transaction():
        dose = _dose(dose_id)
        stamp = clock.iso(moment)
        if dose.taken_at == stamp:
            return Change.NONE
        dose.taken_at = stamp
        dose.date = day_text(moment.date())
        dose.save()
    return Change.DOSES


def delete_dose(dose_id: str) -> Done[DoseRow | None]:
    """A dose logged by mistake removed; returns it as it was (for undo), or ``None``
    when it was already gone."""
    with transaction():
        row = get_dose(dose_id)
        if row is None:
            return Done(None, Change.NONE)
        TreatmentDose.delete().where(TreatmentDose.id == dose_id).execute()
    return Done(row, Change.DOSES)


def put_back_dose(row: DoseRow) -> Change:
    """Undo of :func:`delete_dose`: the dose back with its id and values."""
    with transaction():
        _treatment(row.treatment_id)
        if TreatmentDose.get_or_none(TreatmentDose.id == row.id) is not None:
            return Change.NONE
        TreatmentDose.create(
            id=row.id,
            treatment=row.treatment_id,
            taken_at=clock.iso(row.taken_at),
            date=day_text(row.date),
            amount=row.amount,
            unit=row.unit,
            note=row.note,
        )
    return Change.DOSES


def save_side_effect(
    treatment_id: str, day: date, effect: str, severity: int, note: str = ""
) -> Done[str]:
    """A side effect of a treatment on a day, 0-10 with a note; saving the same effect of
    the same day again changes it. Returns its id."""
    if effect not in SIDE_EFFECTS:
        raise ValueError(f"unknown side effect {effect!r}")
    if isinstance(severity, bool) or not isinstance(severity, int) or not 0 <= severity <= 10:
        raise ValueError(f"severity must be a whole number from 0 to 10, not {severity!r}")
    note = note.strip()
    if len(note) > 20000:
        raise UserError("The note is longer than 20,000 characters; shorten it.")
    with transaction():
        treatment = _treatment(treatment_id)
        row = SideEffect.get_or_none(
            SideEffect.treatment == treatment.id,
            SideEffect.date == day_text(day),
            SideEffect.effect == effect,
        )
        if row is None:
            row = SideEffect.create(
                id=clock.new_id(),
                treatment=treatment.id,
                date=day_text(day),
                effect=effect,
                severity=severity,
                note=note,
            )
        elif (row.severity, row.note) == (severity, note):
            return Done(row.id, Change.NONE)
        else:
            row.severity, row.note = severity, note
            row.save()
    return Done(row.id, Change.DOSES)


def delete_side_effect(side_effect_id: str) -> Change:
    with transaction():
        gone = SideEffect.delete().where(SideEffect.id == side_effect_id).execute()
    return Change.DOSES if gone else Change.NONE


def set_dose_followup(on: bool) -> Change:
    """Switch the follow-up prompt after an as-needed dose on or off."""
    with transaction():
        set_setting(DOSE_FOLLOWUP_KEY, "1" if on else "0")
    return Change.SETTINGS
