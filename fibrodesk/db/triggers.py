"""The person's own triggers (issue 15): tags on a day or an entry, the day's weather, and
period start days when cycle tracking is switched on.

Every operation is one transaction returning a :class:`~fibrodesk.db.changes.Change`
(``TAGS``, ``WEATHER``, ``CYCLE``) or a :class:`~fibrodesk.db.changes.Done`; queries
return frozen values. Weather is only ever typed or imported from a file the person
chose: nothing here (or anywhere in FibroDesk) opens the network.

**Typed weather wins.** :func:`import_weather` fills days that hold no weather and
replaces days an earlier import filled; a day whose weather the person typed by hand
keeps it (they read it off their own barometer; a file is often a distant station).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fibrodesk.core import clock
from fibrodesk.errors import UserError

from .changes import Change, Done
from .database import transaction
from .models import DayTag, Entry, PeriodStart, Tag, Weather, db
from .settings import get_setting, set_setting
from .values import day_text

__all__ = [
    "CYCLE_KEY",
    "PRESSURE_RANGE",
    "SUGGESTED_TAGS",
    "TEMPERATURE_RANGE",
    "DayTagRow",
    "TagItem",
    "WeatherDay",
    "cycle_enabled",
    "forget_tag",
    "import_weather",
    "list_tags",
    "period_starts",
    "save_weather",
    "set_cycle_enabled",
    "set_period_start",
    "set_tag",
    "pressures_between",
    "tag_days_between",
    "tags_between",
    "weather_between",
]

SUGGESTED_TAGS: tuple[str, ...] = (
    "long standing",
    "long sitting",
    "stress",
    "poor sleep",
    "cold",
    "travel",
    "overexertion",
)
"""Tags offered before the person has used them; each is created on first use."""

CYCLE_KEY = "cycle/enabled"
"""Setting: menstrual cycle tracking ("1" on, "0" off; off by default)."""

PRESSURE_RANGE = (870.0, 1090.0)
"""Air pressure the diary accepts, hPa (the lowest and highest ever measured, about)."""
TEMPERATURE_RANGE = (-60.0, 60.0)
"""Air temperature the diary accepts, degrees Celsius."""


# ------------------------------------------------------------------------------ values


@dataclass(frozen=True, slots=True)
class TagItem:
    """A tag the person can put on a day or an entry.

    ``id`` is ``""`` for a suggested tag not used yet (it is created on first use);
    ``suggested`` says it is one of :data:`SUGGESTED_TAGS`.
    """

    name: str
    id: str = ""
    hidden: bool = False
    suggested: bool = False


@dataclass(frozen=True, slots=True)
class DayTagRow:
    """A tag on a day (``entry_id`` None) or on one entry of that day."""

    id: str
    tag_id: str
    name: str
    date: date
    entry_id: str | None


@dataclass(frozen=True, slots=True)
class WeatherDay:
    """A day's weather: pressure in hPa and temperature in degrees C (``None`` when not
    known); ``source`` is ``typed`` or ``imported``."""

    day: date
    pressure_hpa: float | None
    temperature_c: float | None
    source: str = "imported"


# ------------------------------------------------------------------------------ tags


def _clean_tag_name(name: str) -> str:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 60:
        raise UserError("A tag needs a name of 1 to 60 characters; type a shorter one.")
    return name


def _find_tag(name: str) -> Tag | None:
    """The tag called ``name``, letter case aside ("Stress" is "stress")."""
    exact = Tag.get_or_none(Tag.name == name)
    if exact is not None:
        return exact
    folded = name.casefold()
    return next((t for t in Tag.select() if t.name.casefold() == folded), None)


def list_tags(include_hidden: bool = False) -> list[TagItem]:
    """The person's tags and the suggested ones not used yet, by name."""
    rows = list(Tag.select())
    items = [
        TagItem(
            name=r.name,
            id=r.id,
            hidden=bool(r.hidden),
            suggested=r.name.casefold() in SUGGESTED_TAGS,
        )
        for r in rows
        if include_hidden or not r.hidden
    ]
    known = {r.name.casefold() for r in rows}
    items += [TagItem(name=s, suggested=True) for s in SUGGESTED_TAGS if s not in known]
    return sorted(items, key=lambda t: (t.name.casefold(), t.name))


def set_tag(day: date, name: str, on: bool, entry_id: str | None = None) -> Change:
    """Put the tag ``name`` on ``day`` (or on the entry ``entry_id``, which lies on its
    own day) or take it off. The tag is created on first use; a hidden one comes back.
    Returns ``Change.NONE`` when the tag already was as asked."""
    name = _clean_tag_name(name)
    with transaction():
        when = day_text(day)
        if entry_id is not None:
            entry = Entry.get_or_none(Entry.id == entry_id)
            if entry is None:
                raise UserError(
                    "That entry is no longer in the diary (it was removed meanwhile); "
                    "nothing was tagged."
                )
            when = entry.date
        tag = _find_tag(name)
        if tag is None:
            if not on:
                return Change.NONE
            tag = Tag.create(id=clock.new_id(), name=name, hidden=False)
        elif on and tag.hidden:
            tag.hidden = False
            tag.save()
        where = [DayTag.tag == tag.id]
        if entry_id is None:
            where += [DayTag.date == when, DayTag.entry.is_null()]
        else:
            where += [DayTag.entry == entry_id]
        present = DayTag.select().where(*where).first()
        if on:
            if present is not None:
                return Change.NONE
            DayTag.create(id=clock.new_id(), tag=tag.id, date=when, entry=entry_id)
        else:
            if present is None:
                return Change.NONE
            DayTag.delete().where(DayTag.id == present.id).execute()
    return Change.TAGS


def forget_tag(name: str) -> Change:
    """Take a tag off the list of tags offered (the days it is on keep it)."""
    with transaction():
        tag = _find_tag(" ".join(name.split()))
        if tag is None or tag.hidden:
            return Change.NONE
        tag.hidden = True
        tag.save()
    return Change.TAGS


def tags_between(start: date, end: date) -> list[DayTagRow]:
    """Every tag on a day or an entry from ``start`` to ``end`` (inclusive)."""
    query = (
        DayTag.select(DayTag, Tag)
        .join(Tag)
        .where(DayTag.date.between(day_text(start), day_text(end)))
    )
    rows = [
        DayTagRow(
            id=d.id,
            tag_id=d.tag.id,
            name=d.tag.name,
            date=date.fromisoformat(d.date),
            entry_id=d.entry_id,  # type: ignore[attr-defined]
        )
        for d in query
    ]
    return sorted(rows, key=lambda r: (r.date, r.name.casefold(), r.entry_id or "", r.id))


def tag_days_between(start: date, end: date) -> dict[str, list[date]]:
    """Each tag's days from ``start`` to ``end`` (a tag on the day or on one of its
    entries), earliest first, by tag name: what the trigger insights compare. One row a
    tag and day in plain SQL; ten years of tags as row objects were 3 MB at once."""
    sql = (
        "SELECT DISTINCT t.name, d.date FROM day_tag AS d JOIN tag AS t ON t.id = d.tag_id "
        "WHERE d.date BETWEEN ? AND ? ORDER BY t.name, d.date"
    )
    found: dict[str, list[date]] = {}
    for name, day in db.execute_sql(sql, (day_text(start), day_text(end))):
        found.setdefault(name, []).append(date.fromisoformat(day))
    return found


# ------------------------------------------------------------------------------ weather


def _check_weather(day: date, pressure: Any, temperature: Any) -> tuple[float | None, float | None]:
    def number(value: Any, lo: float, hi: float, what: str, unit: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise UserError(f"The {what} of {day.isoformat()} is not a number; correct it.")
        if not lo <= value <= hi:
            raise UserError(
                f"The {what} of {day.isoformat()}, {value:g} {unit}, is outside {lo:g} to "
                f"{hi:g} {unit}; check the value and its unit."
            )
        return float(value)

    return (
        number(pressure, *PRESSURE_RANGE, "air pressure", "hPa"),
        number(temperature, *TEMPERATURE_RANGE, "temperature", "°C"),
    )


def save_weather(day: date, pressure_hpa: float | None, temperature_c: float | None) -> Change:
    """The day's weather typed by hand; both empty removes the day's weather."""
    pressure, temperature = _check_weather(day, pressure_hpa, temperature_c)
    with transaction():
        row = Weather.get_or_none(Weather.date == day_text(day))
        if pressure is None and temperature is None:
            if row is None:
                return Change.NONE
            row.delete_instance()
            return Change.WEATHER
        if row is None:
            Weather.create(
                id=clock.new_id(),
                date=day_text(day),
                pressure_hpa=pressure,
                temperature_c=temperature,
                source="typed",
            )
            return Change.WEATHER
        if (row.pressure_hpa, row.temperature_c, row.source) == (pressure, temperature, "typed"):
            return Change.NONE
        row.pressure_hpa, row.temperature_c, row.source = pressure, temperature, "typed"
        row.save()
    return Change.WEATHER


def _weather_values(row: Any) -> tuple[date, Any, Any]:
    if isinstance(row, tuple):
        day, pressure, temperature = row[:3]
    else:
        day = getattr(row, "day", None) or row.date
        pressure, temperature = row.pressure_hpa, row.temperature_c
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day, pressure, temperature


def import_weather(rows: Iterable[Any]) -> Done[int]:
    """Days of weather read from a file (already in hPa and degrees C), all or nothing.

    ``rows``: :class:`WeatherDay` values, ``(day, pressure_hpa, temperature_c)``
    tuples, or any objects with ``day`` (or ``date``), ``pressure_hpa`` and
    ``temperature_c``. A day typed by hand keeps its typed values; a day imported before
    takes the file's; a row with neither value is passed over; the same day twice in the
    file: the last one counts. Returns how many days were added or changed. A value out
    of range refuses the whole file with one sentence naming the day.
    """
    wanted: dict[date, tuple[float | None, float | None]] = {}
    for row in rows:
        day, pressure, temperature = _weather_values(row)
        checked = _check_weather(day, pressure, temperature)
        if checked != (None, None):
            wanted[day] = checked
    if not wanted:
        return Done(0, Change.NONE)
    written = 0
    with transaction():
        texts = [day_text(d) for d in wanted]
        existing: dict[str, Weather] = {}
        for i in range(0, len(texts), 500):
            for w in Weather.select().where(Weather.date.in_(texts[i : i + 500])):
                existing[w.date] = w
        new_rows = []
        for day, (pressure, temperature) in sorted(wanted.items()):
            old = existing.get(day_text(day))
            if old is None:
                new_rows.append(
                    {
                        "id": clock.new_id(),
                        "created_at": clock.iso(clock.now()),
                        "updated_at": clock.iso(clock.now()),
                        "date": day_text(day),
                        "pressure_hpa": pressure,
                        "temperature_c": temperature,
                        "source": "imported",
                    }
                )
            elif old.source == "imported" and (old.pressure_hpa, old.temperature_c) != (
                pressure,
                temperature,
            ):
                old.pressure_hpa, old.temperature_c = pressure, temperature
                old.save()
                written += 1
        for i in range(0, len(new_rows), 100):
            Weather.insert_many(new_rows[i : i + 100]).execute()
        written += len(new_rows)
    return Done(written, Change.WEATHER if written else Change.NONE)


def weather_between(start: date, end: date) -> list[WeatherDay]:
    """The weather of each day from ``start`` to ``end`` that has any, by day."""
    query = (
        Weather.select()
        .where(Weather.date.between(day_text(start), day_text(end)))
        .order_by(Weather.date)
    )
    return [
        WeatherDay(date.fromisoformat(w.date), w.pressure_hpa, w.temperature_c, w.source)
        for w in query
    ]


def pressures_between(start: date, end: date) -> dict[date, float]:
    """The air pressure (hPa) of each day from ``start`` to ``end`` that has one."""
    sql = (
        "SELECT date, pressure_hpa FROM weather "
        "WHERE date BETWEEN ? AND ? AND pressure_hpa IS NOT NULL"
    )
    rows = db.execute_sql(sql, (day_text(start), day_text(end)))
    return {date.fromisoformat(day): float(hpa) for day, hpa in rows}


# ------------------------------------------------------------------------------ cycle


def cycle_enabled() -> bool:
    """Whether menstrual cycle tracking is switched on (off by default)."""
    return get_setting(CYCLE_KEY, "0") in ("1", 1, True)


def set_cycle_enabled(on: bool) -> Change:
    """Switch cycle tracking on or off; the period starts recorded stay either way."""
    with transaction():
        set_setting(CYCLE_KEY, "1" if on else "0")
    return Change.SETTINGS | Change.CYCLE


def set_period_start(day: date, on: bool) -> Change:
    """Mark ``day`` as the first day of a period, or unmark it."""
    with transaction():
        row = PeriodStart.get_or_none(PeriodStart.date == day_text(day))
        if on and row is None:
            PeriodStart.create(id=clock.new_id(), date=day_text(day))
        elif not on and row is not None:
            row.delete_instance()
        else:
            return Change.NONE
    return Change.CYCLE


def period_starts(start: date, end: date) -> list[date]:
    """The period start days from ``start`` to ``end`` (inclusive), in order."""
    query = (
        PeriodStart.select(PeriodStart.date)
        .where(PeriodStart.date.between(day_text(start), day_text(end)))
        .order_by(PeriodStart.date)
    )
    return [date.fromisoformat(p.date) for p in query]
