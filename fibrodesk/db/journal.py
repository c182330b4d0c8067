"""The daily log: body-map entries and marks, check-ins, tender exams and weekly scores.

Every function here is what the Today page calls; each write runs in one
:func:`~fibrodesk.db.database.transaction` and every value handed back is a plain
dataclass or dict, never a peewee row, so the UI can keep it after the database moves on.
Days are :class:`datetime.date`; times of day are :class:`datetime.time` (local).

The undo stack of the Today page needs to put back exactly what was there before a
change, ids included: :func:`put_mark`, :func:`restore_entry` and :func:`set_point` do
that, while :func:`set_mark` is the everyday "record this intensity" write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, now, parse_iso, week_start
from fibrodesk.core.flares import episodes as flare_episodes

from .database import transaction
from .models import (
    FIQR_COLUMNS,
    CheckIn,
    CheckInTreatment,
    Entry,
    FiqrResponse,
    Flare,
    PainMark,
    TenderExam,
    TenderPointResult,
    Treatment,
    WeeklySymptoms,
    WpiOverride,
)
from .settings import get_setting, set_setting

DEFAULT_INTENSITY = 5
LAST_INTENSITY_KEY = "last_intensity"

# ------------------------------------------------------------------------------ helpers


def _day_text(day: date) -> str:
    return day.isoformat()


def _stamp(day: date, at: dtime) -> str:
    """ISO local time with the offset that applies on that day (summer or winter)."""
    naive = datetime.combine(day, at.replace(microsecond=0, tzinfo=None))
    return iso(naive.astimezone())


def _clamp(value: int, lo: int = 0, hi: int = 10) -> int:
    return max(lo, min(hi, int(value)))


def _check_intensity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"intensity must be a whole number from 0 to 10, not {value!r}")
    return value


def _check_region(region: str) -> str:
    catalogue().region(region)  # raises ValueError for an unknown id
    return region


def _check_qualities(qualities: Iterable[str]) -> tuple[str, ...]:
    known = catalogue().qualities
    if isinstance(qualities, str):
        raise TypeError("qualities must be a collection of ids, not one string")
    result: list[str] = []
    for quality in qualities:
        if quality not in known:
            raise ValueError(f"unknown pain quality {quality!r}")
        if quality not in result:
            result.append(quality)
    # Catalogue order, so the stored text does not depend on the order of clicks.
    order = list(known)
    return tuple(sorted(result, key=order.index))


# ------------------------------------------------------------------------------ entries


@dataclass(frozen=True, slots=True)
class EntryInfo:
    """One sitting on the body map.

    Attributes:
        id: the record id.
        day: the local day it belongs to.
        time: local time of day (to the minute, as shown).
        recorded_at: the full ISO timestamp with its offset.
        label: "Morning", "After exercise"..., may be empty.
        mark_count: how many regions carry a mark.
    """

    id: str
    day: date
    time: dtime
    recorded_at: str
    label: str
    mark_count: int = 0


@dataclass(frozen=True, slots=True)
class MarkInfo:
    """Pain in one region during one entry (intensity 0 is "checked, no pain")."""

    id: str
    entry_id: str
    region: str
    intensity: int
    qualities: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntrySnapshot:
    """An entry with all its marks: what :func:`delete_entry` removed, for undo."""

    entry: EntryInfo
    marks: tuple[MarkInfo, ...] = ()
    note: str = ""


def _entry_info(row: Entry, count: int | None = None) -> EntryInfo:
    at = parse_iso(row.recorded_at)
    if count is None:
        count = PainMark.select().where(PainMark.entry == row.id).count()
    return EntryInfo(
        id=row.id,
        day=date.fromisoformat(row.date),
        time=at.time().replace(second=0, tzinfo=None),
        recorded_at=row.recorded_at,
        label=row.label,
        mark_count=count,
    )


def _mark_info(row: PainMark) -> MarkInfo:
    qualities = tuple(q for q in row.qualities.split(";") if q)
    return MarkInfo(
        id=row.id,
        entry_id=row.entry_id,  # type: ignore[attr-defined]
        region=row.region,
        intensity=row.intensity,
        qualities=qualities,
        note=row.note,
    )


def default_label(at: dtime) -> str:
    """A label that fits the time of day; the person can change it."""
    if at.hour < 12:
        return "Morning"
    if at.hour < 17:
        return "Afternoon"
    return "Evening"


def create_entry(day: date, time: dtime | None = None, label: str | None = None) -> EntryInfo:
    """Start a new sitting on ``day`` at ``time`` (now's time of day when not given)."""
    at = time if time is not None else now().time()
    text = default_label(at) if label is None else label.strip()[:100]
    with transaction():
        row = Entry.create(recorded_at=_stamp(day, at), date=_day_text(day), label=text)
    return _entry_info(row, 0)


def list_entries(day: date) -> list[EntryInfo]:
    """The day's entries, earliest first, each with its number of marks (one query)."""
    from peewee import JOIN, fn

    count = fn.COUNT(PainMark.id)
    query = (
        Entry.select(Entry, count.alias("n"))
        .join(PainMark, JOIN.LEFT_OUTER, on=(PainMark.entry == Entry.id))
        .where(Entry.date == _day_text(day))
        .group_by(Entry.id)
        .order_by(Entry.recorded_at, Entry.created_at)
    )
    return [_entry_info(row, row.n) for row in query]  # type: ignore[attr-defined]


def set_entry_time(entry_id: str, time: dtime) -> EntryInfo:
    """Move an entry to another time of the same day."""
    with transaction():
        row = Entry.get_by_id(entry_id)
        row.recorded_at = _stamp(date.fromisoformat(row.date), time)
        row.save()
    return _entry_info(row)


def set_entry_label(entry_id: str, label: str) -> EntryInfo:
    with transaction():
        row = Entry.get_by_id(entry_id)
        row.label = label.strip()[:100]
        row.save()
    return _entry_info(row)


def delete_entry(entry_id: str) -> EntrySnapshot | None:
    """Remove an entry and its marks; returns what was removed (for undo)."""
    with transaction():
        row = Entry.get_or_none(Entry.id == entry_id)
        if row is None:
            return None
        marks = tuple(_mark_info(m) for m in PainMark.select().where(PainMark.entry == entry_id))
        snapshot = EntrySnapshot(_entry_info(row, len(marks)), marks, row.note)
        PainMark.delete().where(PainMark.entry == entry_id).execute()
        row.delete_instance()
    return snapshot


def restore_entry(snapshot: EntrySnapshot | EntryInfo) -> EntryInfo:
    """Put back an entry (and its marks) exactly as it was, same ids."""
    if isinstance(snapshot, EntryInfo):
        snapshot = EntrySnapshot(snapshot)
    info = snapshot.entry
    with transaction():
        Entry.insert(
            id=info.id,
            recorded_at=info.recorded_at,
            date=_day_text(info.day),
            label=info.label,
            note=snapshot.note,
        ).on_conflict_replace().execute()
        for mark in snapshot.marks:
            _put_mark_row(mark)
    return _entry_info(Entry.get_by_id(info.id))


# ------------------------------------------------------------------------------ marks


def last_intensity() -> int:
    """The intensity last recorded by hand (5 before the first mark)."""
    value = get_setting(LAST_INTENSITY_KEY, DEFAULT_INTENSITY)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    return DEFAULT_INTENSITY


def remember_intensity(intensity: int) -> None:
    """Make ``intensity`` the one the next click on the map records."""
    _check_intensity(intensity)
    with transaction():
        set_setting(LAST_INTENSITY_KEY, intensity)


def get_mark(entry_id: str, region: str) -> MarkInfo | None:
    row = PainMark.get_or_none((PainMark.entry == entry_id) & (PainMark.region == region))
    return None if row is None else _mark_info(row)


def marks_of_entry(entry_id: str) -> dict[str, MarkInfo]:
    """Region id -> mark, for one entry."""
    return {
        row.region: _mark_info(row)
        for row in PainMark.select().where(PainMark.entry == entry_id).order_by(PainMark.region)
    }


def set_mark(entry_id: str, region: str, intensity: int, *, remember: bool = True) -> MarkInfo:
    """Record ``intensity`` for ``region`` in the entry (insert or update).

    Qualities and note of an existing mark are kept. With ``remember`` the intensity
    becomes the "last used" one that the next click records.
    """
    _check_region(region)
    _check_intensity(intensity)
    with transaction():
        row = PainMark.get_or_none((PainMark.entry == entry_id) & (PainMark.region == region))
        if row is None:
            row = PainMark.create(entry=entry_id, region=region, intensity=intensity)
        elif row.intensity != intensity:
            row.intensity = intensity
            row.save()
        if remember:
            set_setting(LAST_INTENSITY_KEY, intensity)
    return _mark_info(row)


def step_mark(entry_id: str, region: str, step: int) -> MarkInfo:
    """Raise or lower a mark by ``step``, kept within 0-10 (a new mark starts from the
    last used intensity)."""
    current = get_mark(entry_id, region)
    base = current.intensity if current is not None else last_intensity()
    return set_mark(entry_id, region, _clamp(base + step))


def set_mark_details(entry_id: str, region: str, qualities: Iterable[str], note: str) -> MarkInfo:
    """Set the qualities and the note of an existing mark."""
    checked = _check_qualities(qualities)
    with transaction():
        row = PainMark.get((PainMark.entry == entry_id) & (PainMark.region == region))
        row.qualities = ";".join(checked)
        row.note = note
        row.save()
    return _mark_info(row)


def _put_mark_row(mark: MarkInfo) -> None:
    _check_region(mark.region)
    _check_intensity(mark.intensity)
    qualities = ";".join(_check_qualities(mark.qualities))
    existing = PainMark.get_or_none(
        (PainMark.entry == mark.entry_id) & (PainMark.region == mark.region)
    )
    if existing is not None and existing.id != mark.id:
        existing.delete_instance()
        existing = None
    if existing is None:
        PainMark.create(
            id=mark.id,
            entry=mark.entry_id,
            region=mark.region,
            intensity=mark.intensity,
            qualities=qualities,
            note=mark.note,
        )
    else:
        existing.intensity = mark.intensity
        existing.qualities = qualities
        existing.note = mark.note
        existing.save()


def put_mark(mark: MarkInfo) -> MarkInfo:
    """Make the stored mark exactly ``mark`` (same id, intensity, qualities, note).

    Used by undo and redo; does not change the last used intensity.
    """
    with transaction():
        _put_mark_row(mark)
    result = get_mark(mark.entry_id, mark.region)
    assert result is not None
    return result


def delete_mark(entry_id: str, region: str) -> MarkInfo | None:
    """Remove the region's mark from the entry; returns what was removed."""
    with transaction():
        row = PainMark.get_or_none((PainMark.entry == entry_id) & (PainMark.region == region))
        if row is None:
            return None
        info = _mark_info(row)
        row.delete_instance()
    return info


def painful_regions(end_day: date, days: int = 7) -> frozenset[str]:
    """Regions with a mark of intensity 1 or more in the ``days`` days ending on
    ``end_day`` (both ends included): what the week's WPI is derived from."""
    first = end_day - timedelta(days=days - 1)
    query = (
        PainMark.select(PainMark.region)
        .join(Entry)
        .where(
            (Entry.date >= _day_text(first))
            & (Entry.date <= _day_text(end_day))
            & (PainMark.intensity >= 1)
        )
        .distinct()
    )
    return frozenset(row.region for row in query)


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


def copy_previous_checkin(day: date) -> CheckInData | None:
    """ "Same as yesterday": copy the most recent earlier check-in into ``day``.

    Every answer and the treatments are copied; the day's own note is kept (a note is
    about its day and is never overwritten). Returns the saved check-in, or ``None``
    when there is no earlier check-in.
    """
    previous = previous_checkin(day)
    if previous is None:
        return None
    current = get_checkin(day)
    fields = dict(previous.fields)
    fields["note"] = current.fields["note"] if current is not None else ""
    return save_checkin(day, fields, previous.treatments)


def remembered_treatments() -> list[TreatmentInfo]:
    """The pick list: the person's own treatments, then the standard ones not yet used."""
    rows = Treatment.select().where(Treatment.hidden == False).order_by(Treatment.name)  # noqa: E712
    result = [TreatmentInfo(r.name, r.kind, r.dose) for r in rows]
    known = {t.name.casefold() for t in result} | {
        r.name.casefold()
        for r in Treatment.select(Treatment.name).where(Treatment.hidden == True)  # noqa: E712
    }
    standard = [TreatmentInfo(n, k) for n, k in STANDARD_TREATMENTS if n.casefold() not in known]
    return standard + result


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


def update_weekly(week_start_day: date, **changes: Any) -> WeeklyAnswers:
    """Change some SSS answers of the week, keeping the others."""
    return save_weekly(week_start_day, replace(get_weekly(week_start_day), **changes))


def wpi_overrides(week_start_day: date) -> dict[str, bool]:
    """WPI area -> painful, as set by hand for the week."""
    key = _day_text(_monday(week_start_day))
    return {
        r.area: bool(r.painful) for r in WpiOverride.select().where(WpiOverride.week_start == key)
    }


def set_wpi_override(week_start_day: date, area: str, painful: bool | None) -> None:
    """Set an area painful or not by hand for the week; ``None`` goes back to the map."""
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


@dataclass(frozen=True, slots=True)
class WeekPain:
    """What the weekly panel shows for the WPI.

    Attributes:
        week_start: Monday of the week (overrides and answers are keyed by it).
        end_day: the last of the 7 days the map is read over.
        regions: painful regions of those 7 days.
        derived: WPI areas the map gives.
        overrides: areas set by hand.
        areas: the areas counted (derived, then overrides applied).
    """

    week_start: date
    end_day: date
    regions: frozenset[str]
    derived: frozenset[str]
    overrides: dict[str, bool] = field(default_factory=dict)
    areas: frozenset[str] = frozenset()


def week_pain(end_day: date) -> WeekPain:
    """The WPI picture for the 7 days ending on ``end_day``, with that week's overrides."""
    from fibrodesk.core.scoring import wpi_areas, wpi_from_areas

    regions = painful_regions(end_day)
    derived = wpi_areas(regions)
    monday = week_start(end_day)
    overrides = wpi_overrides(monday)
    return WeekPain(
        monday, end_day, regions, derived, overrides, wpi_from_areas(derived, overrides)
    )


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
