"""Body-map entries and their pain marks: what a click on the map writes.

Each sitting on the map is an :class:`EntryInfo`; each region's pain in it a
:class:`MarkInfo`. Values handed back are frozen dataclasses, never peewee rows.
The undo stack needs to put back exactly what was there before, ids included:
:func:`put_mark` and :func:`restore_entry` do that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from datetime import time as dtime

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, new_id, now, parse_iso

from .changes import Change, Done
from .database import transaction
from .models import (
    Entry,
    PainMark,
)
from .settings import get_setting, set_setting
from .values import check_intensity as _check_intensity
from .values import day_text as _day_text

DEFAULT_INTENSITY = 5
LAST_INTENSITY_KEY = "last_intensity"

# ------------------------------------------------------------------------------ helpers


def _stamp(day: date, at: dtime) -> str:
    """ISO local time with the offset that applies on that day (summer or winter)."""
    naive = datetime.combine(day, at.replace(microsecond=0, tzinfo=None))
    return iso(naive.astimezone())


def _clamp(value: int, lo: int = 0, hi: int = 10) -> int:
    return max(lo, min(hi, int(value)))


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
    for_doctor: bool = False


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
        snapshot = EntrySnapshot(
            _entry_info(row, len(marks)), marks, row.note, bool(row.for_doctor)
        )
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
            for_doctor=snapshot.for_doctor,
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


# ------------------------------------------------------------------------------ operations
# What the Today page runs through ``AppContext.perform``: each is one transaction (the
# caller's) and returns what it changed. A step of the undo stack is one of them too.


def new_entry_info(day: date, at: dtime, label: str | None = None) -> EntryInfo:
    """The entry a first click (or New entry) will make, its id chosen now and kept, so
    that a redo puts back the same record. Writes nothing."""
    at = at.replace(second=0, microsecond=0, tzinfo=None)
    text = default_label(at) if label is None else label.strip()[:100]
    return EntryInfo(new_id(), day, at, _stamp(day, at), text, 0)


def _insert_entry(entry: EntryInfo) -> None:
    if Entry.get_or_none(Entry.id == entry.id) is None:
        Entry.insert(
            id=entry.id, recorded_at=entry.recorded_at, date=_day_text(entry.day), label=entry.label
        ).execute()


def add_entry(entry: EntryInfo) -> Change:
    """New entry (and its redo): make the sitting :func:`new_entry_info` described."""
    _insert_entry(entry)
    return Change.MARKS


def remove_entry(entry_id: str) -> Done[EntrySnapshot | None]:
    """Delete an entry with its marks; the snapshot puts it back (undo)."""
    return Done(delete_entry(entry_id), Change.MARKS)


def put_back_entry(snapshot: EntrySnapshot | EntryInfo) -> Change:
    """Undo of a deletion (or redo of a New entry): the entry and its marks, same ids."""
    restore_entry(snapshot)
    return Change.MARKS


def move_entry(entry_id: str, time: dtime) -> Done[EntryInfo]:
    return Done(set_entry_time(entry_id, time), Change.MARKS)


def relabel_entry(entry_id: str, label: str) -> Done[EntryInfo]:
    return Done(set_entry_label(entry_id, label), Change.MARKS)


@dataclass(frozen=True, slots=True)
class MarkStep:
    """One region's mark in one entry going from ``before`` to ``after`` (None: no mark).

    Attributes:
        entry_id: the entry the mark belongs to.
        region: the region id.
        before, after: the mark before and after the step.
        new_entry: the day's first click creates this entry (and its undo removes it).
        remember: the step makes ``after``'s intensity the one the next click records.
    """

    entry_id: str
    region: str
    before: MarkInfo | None
    after: MarkInfo | None
    new_entry: EntryInfo | None = None
    remember: bool = False


def _apply(entry_id: str, region: str, state: MarkInfo | None) -> None:
    if state is None:
        delete_mark(entry_id, region)
    else:
        _put_mark_row(replace(state, entry_id=entry_id))


def entry_is_empty(entry_id: str) -> bool:
    """True when the entry holds nothing the person made: no mark, no note, not marked
    "for my doctor", and no label but the automatic one for its time of day.

    Removing its last mark removes such an entry too (issue 13 point 7): an empty
    "Morning" left in the list is clutter, not a record. An entry with a note, a label
    the person gave it, or the doctor flag is kept. The day's tender-point exam is a
    record of its own (one per day, not part of any entry) and is never touched by this,
    so it neither keeps nor loses an entry.
    """
    row = Entry.get_or_none(Entry.id == entry_id)
    if row is None or PainMark.select().where(PainMark.entry == entry_id).exists():
        return False
    if (row.note or "").strip() or row.for_doctor:
        return False
    label = (row.label or "").strip()
    automatic = default_label(parse_iso(row.recorded_at).time())
    return label in ("", automatic)


def record_mark(step: MarkStep) -> Done[EntryInfo | None]:
    """A click, a digit, a note, a removal (and their redo): the step's ``after`` in one
    transaction.

    The first click of a day creates its entry, puts the mark and remembers the
    intensity together: all of it is written, or none. Removing an entry's only mark
    removes the entry too when nothing else is in it (:func:`entry_is_empty`); the
    value is that entry (``None`` when none was removed), for :func:`unrecord_mark`.
    """
    if step.new_entry is not None:
        _insert_entry(step.new_entry)
    _apply(step.entry_id, step.region, step.after)
    if step.remember and step.after is not None:
        set_setting(LAST_INTENSITY_KEY, _check_intensity(step.after.intensity))
    removed = None
    if step.after is None and step.before is not None and entry_is_empty(step.entry_id):
        removed = _entry_info(Entry.get_by_id(step.entry_id), 0)
        Entry.delete().where(Entry.id == step.entry_id).execute()
    return Done(removed, Change.MARKS)


def unrecord_mark(step: MarkStep, removed_entry: EntryInfo | None = None) -> Change:
    """Undo of :func:`record_mark`: ``before`` back, and the entry the step made removed.

    ``removed_entry`` is the empty entry the step removed with its last mark: it comes
    back first (same id, time and label), then the mark in it.
    """
    if removed_entry is not None:
        _insert_entry(removed_entry)
    _apply(step.entry_id, step.region, step.before)
    if step.new_entry is not None:
        delete_entry(step.new_entry.id)
    return Change.MARKS


def save_mark_note(entry_id: str, region: str, note: str) -> Done[MarkInfo | None]:
    """A note left in another entry than the one shown: saved there (no undo step)."""
    current = get_mark(entry_id, region)
    if current is None:
        return Done(None, Change.NONE)
    _put_mark_row(replace(current, note=note))
    return Done(replace(current, note=note), Change.MARKS)
