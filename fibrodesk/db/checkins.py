"""The daily check-in, its treatments and the flare episodes that follow its flare flag."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fibrodesk.core.flares import episodes as flare_episodes

from .changes import Change, Done
from .database import transaction
from .models import (
    CheckIn,
    CheckInTreatment,
    Flare,
    Treatment,
)
from .values import day_text as _day_text

# ------------------------------------------------------------------------------ check-ins

CHECKIN_SCORES = (
    "overall_pain",
    "leg_weakness",
    "fatigue",
    "sleep_quality",
    "fog",
    "mood",
    "restless_legs",
)
CHECKIN_FIELDS = (
    "overall_pain",
    "leg_weakness",
    "fatigue",
    "sleep_hours",
    "sleep_quality",
    "stiffness_minutes",
    "fog",
    "mood",
    "restless_legs",
    "falls",
    "flare",
    "note",
)
_LIMITS: dict[str, tuple[float, float]] = {
    **{name: (0, 10) for name in CHECKIN_SCORES},
    "sleep_hours": (0, 24),
    "stiffness_minutes": (0, 1440),
    "falls": (0, 100),
}

TREATMENT_KINDS = ("heat", "massage", "stretching", "tens", "medication", "own")
# Offered before the person has saved any of their own (domain.md s.6).
STANDARD_TREATMENTS: tuple[tuple[str, str], ...] = (
    ("Heat", "heat"),
    ("Massage", "massage"),
    ("Stretching", "stretching"),
    ("TENS", "tens"),
)


@dataclass(frozen=True, slots=True)
class TreatmentUse:
    """A treatment used on a day, with the dose taken (may be empty)."""

    name: str
    dose: str = ""


@dataclass(frozen=True, slots=True)
class TreatmentInfo:
    """A treatment in the person's remembered pick list."""

    name: str
    kind: str = "own"
    dose: str = ""


@dataclass(frozen=True, slots=True)
class CheckInData:
    """One day's check-in. ``fields`` holds every name of :data:`CHECKIN_FIELDS`;
    ``None`` is "not answered" (0 is a real answer)."""

    day: date
    fields: dict[str, Any]
    treatments: tuple[TreatmentUse, ...] = ()
    id: str = ""


def empty_checkin_fields() -> dict[str, Any]:
    return {name: ("" if name == "note" else None) for name in CHECKIN_FIELDS}


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(CHECKIN_FIELDS)
    if unknown:
        raise ValueError(f"unknown check-in fields {sorted(unknown)}")
    clean = empty_checkin_fields()
    for name, value in fields.items():
        if name == "note":
            clean[name] = "" if value is None else str(value)
        elif name == "flare":
            clean[name] = None if value is None else bool(value)
        elif value is None:
            clean[name] = None
        else:
            if isinstance(value, bool):
                raise ValueError(f"{name} must be a number, not {value!r}")
            lo, hi = _LIMITS[name]
            number = float(value) if name == "sleep_hours" else int(value)
            if not lo <= number <= hi:
                raise ValueError(f"{name} must be from {lo:g} to {hi:g}, not {value!r}")
            clean[name] = number
    return clean


def _checkin_data(row: CheckIn) -> CheckInData:
    fields = {name: getattr(row, name) for name in CHECKIN_FIELDS}
    if fields["flare"] is not None:
        fields["flare"] = bool(fields["flare"])
    fields["note"] = fields["note"] or ""
    uses = tuple(
        TreatmentUse(t.name, t.dose)
        for t in CheckInTreatment.select()
        .where(CheckInTreatment.checkin == row.id)
        .order_by(CheckInTreatment.created_at, CheckInTreatment.name)
    )
    return CheckInData(date.fromisoformat(row.date), fields, uses, row.id)


def get_checkin(day: date) -> CheckInData | None:
    row = CheckIn.get_or_none(CheckIn.date == _day_text(day))
    return None if row is None else _checkin_data(row)


def _remember(name: str, kind: str | None, dose: str | None) -> None:
    row = Treatment.get_or_none(Treatment.name == name)
    if row is None:
        standard = dict(STANDARD_TREATMENTS).get(name, "own")
        Treatment.create(name=name, kind=kind or standard, dose=dose or "")
        return
    changed = False
    if row.hidden:
        row.hidden = False
        changed = True
    if kind is not None and row.kind != kind:
        row.kind = kind
        changed = True
    if dose is not None and dose != row.dose:
        row.dose = dose
        changed = True
    if changed:
        row.save()


def _clean_uses(treatments: Iterable[TreatmentUse]) -> list[TreatmentUse]:
    seen: dict[str, TreatmentUse] = {}
    for use in treatments:
        name = use.name.strip()[:200]
        if name and name not in seen:
            seen[name] = TreatmentUse(name, use.dose.strip()[:200])
    return list(seen.values())


def save_checkin(
    day: date, fields: Mapping[str, Any], treatments: Iterable[TreatmentUse] = ()
) -> CheckInData:
    """Store the day's check-in: every field given (missing ones become unanswered) and
    the treatments used, which also join the remembered pick list."""
    clean = _clean_fields(fields)
    uses = _clean_uses(treatments)
    with transaction():
        row = CheckIn.get_or_none(CheckIn.date == _day_text(day))
        is_new = row is None
        if row is None:
            row = CheckIn(date=_day_text(day))
        for name, value in clean.items():
            setattr(row, name, value)
        row.save(force_insert=is_new)
        CheckInTreatment.delete().where(CheckInTreatment.checkin == row.id).execute()
        for use in uses:
            CheckInTreatment.create(checkin=row.id, name=use.name, dose=use.dose)
            _remember(use.name, None, None)
        sync_flare_episodes(day)
    return _checkin_data(row)


FLARE_REACH = timedelta(days=366)


def sync_flare_episodes(day: date) -> None:
    """Make the Flare episodes around ``day`` match the check-ins' flare flags.

    Episodes touching ``day`` or its neighbours are rebuilt from the runs of consecutive
    flagged days (up to a year either side); the notes of merged episodes are kept.
    """
    first, last = day - FLARE_REACH, day + FLARE_REACH
    flagged = [
        date.fromisoformat(c.date)
        for c in CheckIn.select(CheckIn.date).where(
            CheckIn.flare == True,  # noqa: E712 (SQL, not Python truth)
            CheckIn.date.between(_day_text(first), _day_text(last)),
        )
    ]
    near = [
        run
        for run in flare_episodes(flagged)
        if run[0] <= day + timedelta(days=1) and run[1] >= day - timedelta(days=1)
    ]
    from peewee import fn

    lo, hi = _day_text(day - timedelta(days=1)), _day_text(day + timedelta(days=1))
    touching = list(
        Flare.select().where(
            Flare.start_date <= hi, fn.COALESCE(Flare.end_date, Flare.start_date) >= lo
        )
    )
    notes = [f.note for f in touching if f.note]
    for old in touching:
        old.delete_instance()
    for start, end in near:
        Flare.create(start_date=start.isoformat(), end_date=end.isoformat(), note="\n".join(notes))


def delete_checkin(day: date) -> CheckInData | None:
    """Remove the day's check-in; returns what was removed."""
    with transaction():
        row = CheckIn.get_or_none(CheckIn.date == _day_text(day))
        if row is None:
            return None
        data = _checkin_data(row)
        row.delete_instance()
        sync_flare_episodes(day)
    return data


def previous_checkin(day: date) -> CheckInData | None:
    """The most recent check-in before ``day``."""
    row = (
        CheckIn.select().where(CheckIn.date < _day_text(day)).order_by(CheckIn.date.desc()).first()
    )
    return None if row is None else _checkin_data(row)


@dataclass(frozen=True, slots=True)
class CopiedCheckIn:
    """What "same as yesterday" did: the check-in copied from, the day's check-in before
    the copy (``None``: there was none; for undo) and after it."""

    source: CheckInData
    before: CheckInData | None
    after: CheckInData


def copy_previous_checkin(day: date, note: str | None = None) -> CopiedCheckIn | None:
    """ "Same as yesterday": copy the most recent earlier check-in into ``day``.

    Every answer and the treatments are copied; the day's own note is kept (a note is
    about its day and is never overwritten): ``note`` is the one typed on screen, else
    the stored one. ``None`` when there is no earlier check-in.
    """
    previous = previous_checkin(day)
    if previous is None:
        return None
    current = get_checkin(day)
    fields = dict(previous.fields)
    if note is None:
        note = current.fields["note"] if current is not None else ""
    fields["note"] = note
    return CopiedCheckIn(previous, current, save_checkin(day, fields, previous.treatments))


def remembered_treatments() -> list[TreatmentInfo]:
    """The pick list, in one fixed order: the standard treatments (Heat, Massage,
    Stretching, TENS) first in that order, then the person's own by name.

    A standard treatment keeps its place once it has been used (and so remembered), so
    ticking a box never moves it (issue 13 point 3); a hidden one is left out.
    """
    rows = list(Treatment.select())
    by_name = {r.name.casefold(): r for r in rows}
    standard_names = {n.casefold() for n, _k in STANDARD_TREATMENTS}
    result: list[TreatmentInfo] = []
    for name, kind in STANDARD_TREATMENTS:
        row = by_name.get(name.casefold())
        if row is None:
            result.append(TreatmentInfo(name, kind))
        elif not row.hidden:
            result.append(TreatmentInfo(row.name, row.kind, row.dose))
    own = sorted(
        (r for r in rows if not r.hidden and r.name.casefold() not in standard_names),
        key=lambda r: (r.name.casefold(), r.name),
    )
    return result + [TreatmentInfo(r.name, r.kind, r.dose) for r in own]


def remember_treatment(name: str, kind: str = "own", dose: str = "") -> TreatmentInfo:
    """Add (or update) a treatment in the pick list."""
    name = name.strip()[:200]
    if not name:
        raise ValueError("a treatment needs a name")
    if kind not in TREATMENT_KINDS:
        raise ValueError(f"unknown treatment kind {kind!r}")
    with transaction():
        _remember(name, kind, dose.strip()[:200])
    return TreatmentInfo(name, kind, dose.strip()[:200])


def forget_treatment(name: str) -> None:
    """Hide a treatment from the pick list (past check-ins keep it)."""
    with transaction():
        row = Treatment.get_or_none(Treatment.name == name)
        if row is None:
            kind = next((k for n, k in STANDARD_TREATMENTS if n == name), "own")
            Treatment.create(name=name, kind=kind, hidden=True)
        else:
            row.hidden = True
            row.save()


# ------------------------------------------------------------------------------ operations
# Run through ``AppContext.perform``: one transaction each, returning what changed.

CHECKIN_CHANGE = Change.CHECKIN | Change.TREATMENTS


def record_checkin(
    day: date, fields: Mapping[str, Any], treatments: Iterable[TreatmentUse] = ()
) -> Done[CheckInData]:
    """The check-in form saved: answers, treatments (remembered too), flare episodes."""
    return Done(save_checkin(day, fields, treatments), CHECKIN_CHANGE)


def copy_checkin(day: date, note: str) -> Done[CopiedCheckIn | None]:
    """ "Same as yesterday" with the note typed on screen kept, in one transaction."""
    copied = copy_previous_checkin(day, note)
    return Done(copied, Change.NONE if copied is None else CHECKIN_CHANGE)


def put_back_checkin(day: date, before: CheckInData | None) -> Change:
    """Undo of a copy: the day's check-in exactly as it was (or none again)."""
    if before is None:
        delete_checkin(day)
    else:
        save_checkin(day, before.fields, before.treatments)
    return CHECKIN_CHANGE


def add_treatment(name: str, kind: str = "own", dose: str = "") -> Done[TreatmentInfo]:
    """A treatment typed in joins the pick list."""
    return Done(remember_treatment(name, kind, dose), Change.TREATMENTS)
