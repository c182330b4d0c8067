"""The windows around a dose, over compact entries (issue 15 point 2): which entry is the
one before a dose and which the one after, and which doses came between them.

The rules are :mod:`fibrodesk.core.treatment_effect`'s (its docstring says them whole):
the entry before is the last with a leg mark from 3 hours before up to the dose time, the
entry after the first with a leg mark from 1 to 4 hours after, every end included; a dose
taken at or after the entry before and before the entry after lies between them.

An entry is kept as its time and a *leg vector*: one byte per leg region in the
catalogue's order, the highest of several marks of a region, :data:`NO_MARK` where it was
not marked. A ten-year diary pairs thousands of entries; a tuple and a string per mark
took some 10 MB that the process kept. Pure: no Qt, no database.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.legpain import leg_regions

__all__ = [
    "AFTER_FROM",
    "AFTER_TO",
    "BEFORE",
    "NO_MARK",
    "Timeline",
    "has_pair",
    "leg_index",
    "leg_order",
    "leg_vector",
]

BEFORE = timedelta(hours=3)  # the entry before: from 3 h before up to the dose time
AFTER_FROM = timedelta(hours=1)  # the entry after: from 1 h ...
AFTER_TO = timedelta(hours=4)  # ... to 4 h after the dose
NO_MARK = 255  # in a leg vector: the region was not marked in the entry


@cache
def leg_order() -> tuple[str, ...]:
    """The leg regions in the catalogue's order (groin to sole, left before right): the
    positions of a :func:`leg_vector`."""
    legs = leg_regions()
    return tuple(region for region in catalogue().regions if region in legs)


@cache
def leg_index() -> dict[str, int]:
    """Each leg region's position in a leg vector."""
    return {region: i for i, region in enumerate(leg_order())}


def leg_vector(marks: Iterable[tuple[str, int]]) -> bytes | None:
    """An entry's ``(region, intensity)`` marks as a leg vector (the highest of several
    marks of a region; other regions ignored); None when the entry has no leg mark."""
    index = leg_index()
    vector = bytearray([NO_MARK]) * len(index)
    found = False
    for region, intensity in marks:
        i = index.get(region)
        if i is not None and (vector[i] == NO_MARK or intensity > vector[i]):
            vector[i] = intensity
            found = True
    return bytes(vector) if found else None


def has_pair(before: bytes, after: bytes) -> bool:
    """True when some leg region is marked in both leg vectors."""
    return any(b != NO_MARK and a != NO_MARK for b, a in zip(before, after, strict=True))


class Timeline:
    """Entries with a leg mark and dose times, each in time order, searched by bisection.

    Attributes:
        times, vectors: the entries' times (aware) and leg vectors, earliest first
            (entries at the same time keep the order they were given in: the db gives
            them in the order they were made, ``created_at`` then ``id``, so of two
            entries recorded at the same minute the one made first is "the first after"
            a dose and the one made last "the last before"; the same in every place).
        dose_times: the doses' times, earliest first.
    """

    def __init__(self, entries: Iterable[tuple[datetime, bytes]], dose_times: list[datetime]):
        ordered = sorted(entries, key=lambda e: e[0])
        self.times = [at for at, _vector in ordered]
        self.vectors = [vector for _at, vector in ordered]
        self.dose_times = dose_times

    def around(self, t: datetime) -> tuple[int, int]:
        """The entry before a dose at ``t`` (the last in [t - 3 h, t]) and the entry
        after (the first in [t + 1 h, t + 4 h]), as indices; -1 where there is none."""
        times = self.times
        last = bisect.bisect_right(times, t) - 1
        before = last if last >= 0 and times[last] >= t - BEFORE else -1
        first = bisect.bisect_left(times, t + AFTER_FROM)
        after = first if first < len(times) and times[first] <= t + AFTER_TO else -1
        return before, after

    def doses_between(self, before: int, after: int) -> tuple[int, int]:
        """The doses taken at or after entry ``before`` and before entry ``after``, as a
        slice of :attr:`dose_times` (a dose paired with these entries is one of them)."""
        return (
            bisect.bisect_left(self.dose_times, self.times[before]),
            bisect.bisect_left(self.dose_times, self.times[after]),
        )
