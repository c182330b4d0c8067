"""Read-only queries for what came together with treatments and triggers over a range
(issue 15): the doses and entries :mod:`fibrodesk.core.treatment_effect` pairs, and the
tags, pressures and period starts :mod:`fibrodesk.core.triggers` and
:mod:`fibrodesk.core.cycle` compare leg pain with. No writes, no Qt. Tags, weather,
period starts, medications are read through :mod:`fibrodesk.db.treatments` and
:mod:`fibrodesk.db.triggers`; the doses and the entries with their leg marks are read
here in plain SQL, only on the days a dose can pair with (on a ten-year diary of five
entries a day, reading every entry took 2.6 s even with no dose at all).

History and the clinician report call :func:`treatment_summaries` and
:func:`trigger_insights`; the report also :func:`medications_in`; the Today page may call
:func:`dose_effect_of` to show one dose's pairing ("left calf 7 -> 4 by 16:10", with
:func:`fibrodesk.core.treatment_effect.effect_words`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fibrodesk.core import cycle, triggers
from fibrodesk.core.clock import parse_iso
from fibrodesk.core.dose_windows import leg_vector
from fibrodesk.core.insights import Insight
from fibrodesk.core.legpain import leg_regions
from fibrodesk.core.treatment_effect import (
    CompactDose,
    Dose,
    DoseEffect,
    TreatmentSummary,
    effects_of,
    summarise_doses,
)
from fibrodesk.db import treatments
from fibrodesk.db import triggers as trigger_records
from fibrodesk.db.models import db

__all__ = [
    "MedicationRow",
    "dose_effect_of",
    "effects_between",
    "medications_in",
    "treatment_summaries",
    "trigger_insights",
]

# A dose's windows reach 3 h before and 4 h after it: the day before and after a range
# hold every entry (and every other dose) a dose of the range can be paired with.
_MARGIN = timedelta(days=1)
_NONE = timedelta(0)


def _dose_rows(start: date, end: date) -> Iterator[tuple[str, str, str, str, str]]:
    """The doses from ``start`` to ``end`` as ``(id, treatment id, treatment name,
    taken_at, date)`` rows, one at a time (one query; the treatments' rows through peewee
    took most of the time on a ten-year diary)."""
    sql = (
        "SELECT d.id, d.treatment_id, t.name, d.taken_at, d.date FROM treatment_dose AS d "
        "JOIN treatment AS t ON t.id = d.treatment_id WHERE d.date BETWEEN ? AND ?"
    )
    return iter(db.execute_sql(sql, (start.isoformat(), end.isoformat())))


def _near(days: Iterable[str]) -> set[date]:
    """The days of the doses and the days either side (a dose's windows reach 3 h back
    and 4 h on): they hold every entry a dose can pair with."""
    return {
        date.fromisoformat(day) + shift for day in set(days) for shift in (-_MARGIN, _NONE, _MARGIN)
    }


def _leg_vectors(days: set[date]) -> Iterator[tuple[datetime, bytes]]:
    """The entries of ``days`` with a leg mark, each as ``(recorded_at, leg vector)``
    (:func:`fibrodesk.core.treatment_effect.leg_vector`); a query per 500 days, one row
    an entry, so that no Python object is made per mark."""
    legs = sorted(leg_regions())
    wanted = sorted(day.isoformat() for day in days)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        sql = (
            "SELECT e.recorded_at, group_concat(m.region || ' ' || m.intensity) "
            "FROM entry AS e JOIN pain_mark AS m ON m.entry_id = e.id "
            f"WHERE e.date IN ({', '.join('?' * len(chunk))}) "
            f"AND m.region IN ({', '.join('?' * len(legs))}) GROUP BY e.id "
            "ORDER BY e.recorded_at, e.created_at, e.id"
        )
        for recorded_at, marks in db.execute_sql(sql, (*chunk, *legs)):
            vector = leg_vector(
                (region, int(intensity))
                for region, intensity in (mark.split(" ") for mark in marks.split(","))
            )
            if vector is not None:
                yield parse_iso(recorded_at), vector


def effects_between(start: date, end: date) -> list[DoseEffect]:
    """The pairing of every dose taken from ``start`` to ``end`` (by its date), in time
    order; the doses and entries of the day before and after are read too, so that a dose
    near midnight is paired, and confounded, as any other."""
    rows = list(_dose_rows(start - _MARGIN, end + _MARGIN))
    if not rows:
        return []
    first, last = start.isoformat(), end.isoformat()
    wanted = {id_ for id_, _t, _n, _at, day in rows if first <= day <= last}
    doses = sorted(
        (Dose(id_, treatment, name, parse_iso(at)) for id_, treatment, name, at, _day in rows),
        key=lambda d: (d.taken_at, d.treatment_name, d.id),
    )
    effects = effects_of(doses, _leg_vectors(_near(row[4] for row in rows)))
    return [effect for effect in effects if effect.dose.id in wanted]


# Days of doses paired at a time by treatment_summaries: the entries near them are read
# per stretch, so a heavy ten-year diary (330,000 leg marks) never holds them all at once.
SUMMARY_STRETCH = timedelta(days=90)


def treatment_summaries(start: date, end: date) -> list[TreatmentSummary]:
    """Each treatment with a dose from ``start`` to ``end``, summarised per leg region
    (:func:`fibrodesk.core.treatment_effect.summarise`: regions from 5 pairs on).

    The range is paired a stretch at a time (:data:`SUMMARY_STRETCH`); each stretch reads
    its own margin of doses and entries, so the pairs are those of the whole range. The
    pairs are tallied from compact values (:func:`~fibrodesk.core.treatment_effect.
    summarise_doses`), the same as summarising :func:`effects_between`: a dose is its
    time, its treatment and whether it is in the range, an entry its time and its leg
    vector. The effects of every dose of the ten-year demo, as objects, took some 10 MB
    that the process kept (History after "All": 155 MB instead of 146).
    """
    ids: dict[str, tuple[str, str]] = {}  # one id and name string per treatment, not per dose

    def stretches() -> Iterator[tuple[list[CompactDose], Iterator[tuple[datetime, bytes]]]]:
        first = start
        while first <= end:
            last = min(end, first + SUMMARY_STRETCH - timedelta(days=1))
            shown = (first.isoformat(), last.isoformat())
            doses: list[CompactDose] = []
            days: set[str] = set()
            for _id, treatment, name, taken_at, day in _dose_rows(first - _MARGIN, last + _MARGIN):
                treatment, name = ids.setdefault(treatment, (treatment, name))
                doses.append((parse_iso(taken_at), treatment, name, shown[0] <= day <= shown[1]))
                days.add(day)
            if doses:
                yield doses, _leg_vectors(_near(days))
            first = last + timedelta(days=1)

    return summarise_doses(stretches())


def dose_effect_of(dose_id: str) -> DoseEffect | None:
    """The pairing of one dose (None when there is no such dose)."""
    row = treatments.get_dose(dose_id)
    if row is None:
        return None
    for effect in effects_between(row.date, row.date):
        if effect.dose.id == dose_id:
            return effect
    return None


def trigger_insights(days: Any, leg_pain: Any, flare: Any, start: date, end: date) -> list[Insight]:
    """The tag, pressure-fall and (when cycle tracking is on) cycle-phase insights of the
    range ``start`` to ``end``, from the per-day arrays History already holds (``days``
    may reach back before ``start`` as context: the day before a tagged day, the pressure
    of the day before). Each keeps the insights' 7-days-a-side rule."""
    first = start - timedelta(days=2)  # a fall on the first day needs the day before's
    found = triggers.tag_insights(
        days, leg_pain, trigger_records.tag_days_between(first, end), start=start
    )
    found += triggers.pressure_insights(
        days, leg_pain, trigger_records.pressures_between(first, end), start=start
    )
    if trigger_records.cycle_enabled():
        reach = timedelta(days=cycle.MAX_CYCLE_DAYS)
        starts = trigger_records.period_starts(start - reach, end + reach)
        found += cycle.phase_insights(days, leg_pain, flare, starts, start=start)
    return found


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class MedicationRow:
    """A medication in force or taken in a period.

    Attributes:
        name, amount, unit, schedule (``regular`` or ``as_needed``), times (``HH:MM``),
        start_date, stop_date, purpose: as the person set the medication up.
        doses: doses logged in the period.
    """

    name: str
    amount: float | None
    unit: str
    schedule: str
    times: tuple[str, ...]
    start_date: date | None
    stop_date: date | None
    purpose: str
    doses: int


def medications_in(start: date, end: date) -> list[MedicationRow]:
    """Medications with a dose logged from ``start`` to ``end``, or started on or before
    ``end`` and not stopped before ``start``, by name (hidden ones too: a medication taken
    off the pick list was still taken)."""
    # Counted in SQLite: a row object per dose of thirty years took 50 MB for a number.
    counts: dict[str, int] = dict(
        db.execute_sql(
            "SELECT treatment_id, COUNT(*) FROM treatment_dose WHERE date BETWEEN ? AND ? "
            "GROUP BY treatment_id",
            (start.isoformat(), end.isoformat()),
        ).fetchall()
    )
    rows = []
    for item in treatments.list_treatments(include_stopped=True, include_hidden=True):
        if item.kind != "medication":
            continue
        in_force = (
            item.start_date is not None
            and item.start_date <= end
            and (item.stop_date is None or item.stop_date >= start)
        )
        doses = counts.get(item.id, 0)
        if doses or in_force:
            rows.append(
                MedicationRow(
                    item.name,
                    item.amount,
                    item.unit,
                    item.schedule,
                    item.times,
                    item.start_date,
                    item.stop_date,
                    item.purpose,
                    doses,
                )
            )
    return sorted(rows, key=lambda r: (r.name.casefold(), r.name))
