"""Reads for the Today page's treatments box: the entries around the day's doses.

Read-only (no writes, no transaction): the effect of a dose is paired by
:mod:`fibrodesk.core.treatment_effect` from the entries read here. No Qt.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from fibrodesk.core.clock import parse_iso
from fibrodesk.core.legpain import leg_regions
from fibrodesk.core.treatment_effect import Entry as MarkedEntry
from fibrodesk.db.models import Entry, PainMark

__all__ = ["leg_entries_around", "leg_entries_between"]


def leg_entries_between(start: date, end: date) -> list[MarkedEntry]:
    """Every entry from ``start`` to ``end`` (inclusive) with its leg marks, earliest
    first, in one query; entries with no leg mark are left out (they say nothing about
    the legs)."""
    query = (
        PainMark.select(PainMark.region, PainMark.intensity, Entry.id, Entry.recorded_at)
        .join(Entry)
        .where(
            (Entry.date >= start.isoformat())
            & (Entry.date <= end.isoformat())
            & (PainMark.region.in_(sorted(leg_regions())))
        )
        .order_by(Entry.recorded_at, Entry.created_at, Entry.id)
        .tuples()
    )
    found: dict[str, tuple[str, list[tuple[str, int]]]] = {}
    for row in query:
        region, intensity, entry_id, recorded_at = cast(tuple[str, int, str, str], row)
        found.setdefault(entry_id, (recorded_at, []))[1].append((region, intensity))
    entries = [MarkedEntry(parse_iso(at), tuple(marks)) for at, marks in found.values()]
    return sorted(entries, key=lambda e: e.recorded_at)


def leg_entries_around(day: date) -> list[MarkedEntry]:
    """The entries that can pair with a dose taken on ``day``: a day either side too, so
    a late-evening dose finds the entry after midnight."""
    return leg_entries_between(day - timedelta(days=1), day + timedelta(days=1))
