"""Menstrual cycle day and phase from the period start days, and leg pain and flares by
phase (issue 15 point 5; cycle tracking is off by default, setting ``cycle/enabled``).

**Convention** (a simple split, documented because the literature leaves the choice to
the app; the diary only knows the days a period started):

- *Cycle day*: the start day is day 1, the next day day 2, and so on up to the day before
  the next start. A day before the first start has no cycle day.
- *Cycle length*: from one start to the next. A cycle longer than :data:`MAX_CYCLE_DAYS`
  (45) days most likely has a start that was not marked, so its days after the menstrual
  days have phase ``unknown``, and its days beyond day 45 have no cycle day either.
- *Phases*: ``menstrual`` = days 1 to :data:`MENSTRUAL_DAYS` (5); ``luteal`` = the last
  :data:`LUTEAL_DAYS` (14) days before the next start (the luteal phase is the steadier
  one, about 14 days); ``follicular`` = the days between. The menstrual days win where a
  short cycle would make them overlap the luteal days.
- *The cycle still running* (no next start yet): days 1-5 are menstrual; later days are
  ``unknown`` until the next start is marked (the luteal days cannot be placed without
  it), and beyond day 45 the cycle day is unknown too.

The by-phase comparison keeps the insights' honesty rules (and uses their code): a phase
is shown only with at least 7 days with a leg pain value, at least two phases must be
shown, each with its mean, number of days and middle half; the words say what came
together, never a cause. Pure: no Qt, no database.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from fibrodesk.core.insights import MIN_DAYS, Insight, Side, _dates, _first_row, _flags, _floats
from fibrodesk.core.insights import _side as side_of_days
from fibrodesk.core.wording import days as days_words

__all__ = [
    "LUTEAL_DAYS",
    "MAX_CYCLE_DAYS",
    "MENSTRUAL_DAYS",
    "CycleDay",
    "Phase",
    "cycle_day",
    "cycle_days",
    "phase_insights",
]

MENSTRUAL_DAYS = 5
LUTEAL_DAYS = 14
MAX_CYCLE_DAYS = 45


class Phase(StrEnum):
    MENSTRUAL = "menstrual"
    FOLLICULAR = "follicular"
    LUTEAL = "luteal"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The phase as a sentence names it."""
        return {
            Phase.MENSTRUAL: f"menstrual (cycle days 1-{MENSTRUAL_DAYS})",
            Phase.FOLLICULAR: "follicular",
            Phase.LUTEAL: f"luteal (the {LUTEAL_DAYS} days before a period)",
            Phase.UNKNOWN: "phase not known",
        }[self]


@dataclass(frozen=True, slots=True)
class CycleDay:
    """A day's place in the cycle.

    Attributes:
        day: the cycle day (1 = a start day), None when not known.
        phase: its phase (:class:`Phase`), ``unknown`` when it cannot be placed.
    """

    day: int | None
    phase: Phase


_NONE = CycleDay(None, Phase.UNKNOWN)


def _sorted_starts(starts: Iterable[dt.date]) -> list[dt.date]:
    return sorted(set(starts))


def _place(day: dt.date, starts: list[dt.date]) -> CycleDay:
    """``starts`` sorted without repeats."""
    index = bisect.bisect_right(starts, day)
    if index == 0:
        return _NONE
    begun = starts[index - 1]
    number = (day - begun).days + 1
    following = starts[index] if index < len(starts) else None
    if number > MAX_CYCLE_DAYS:
        return _NONE
    if number <= MENSTRUAL_DAYS:
        return CycleDay(number, Phase.MENSTRUAL)
    if following is None or (following - begun).days > MAX_CYCLE_DAYS:
        return CycleDay(number, Phase.UNKNOWN)
    if (following - day).days <= LUTEAL_DAYS:
        return CycleDay(number, Phase.LUTEAL)
    return CycleDay(number, Phase.FOLLICULAR)


def cycle_day(day: dt.date, starts: Iterable[dt.date]) -> CycleDay:
    """The cycle day and phase of ``day`` given the period start days ``starts`` (any
    order, repeats ignored; pass the starts up to about 45 days before ``day`` and the
    first one after it, or simply all of them)."""
    return _place(day, _sorted_starts(starts))


def cycle_days(days: Iterable[dt.date], starts: Iterable[dt.date]) -> dict[dt.date, CycleDay]:
    """:func:`cycle_day` for many days at once."""
    ordered = _sorted_starts(starts)
    return {day: _place(day, ordered) for day in days}


def _phases(dates: npt.NDArray[np.datetime64], starts: list[dt.date]) -> list[Phase]:
    return [_place(dt.date.fromisoformat(str(d)), starts).phase for d in dates]


def phase_insights(
    dates: npt.ArrayLike,
    leg_pain: npt.ArrayLike,
    flare: npt.ArrayLike,
    starts: Iterable[dt.date],
    start: dt.date | None = None,
) -> list[Insight]:
    """Leg pain by cycle phase (``cycle_leg_pain``) and flare days by phase
    (``cycle_flares``), over the days from ``start`` (default: the first date).

    ``cycle_leg_pain``: each known phase with at least 7 days with a leg pain value, when
    at least two phases have them. ``cycle_flares``: how many of each phase's diary days
    were flare days, for the phases with at least 7 diary days, when at least two have.
    ``starts`` are all the period start days known (those before the range place its
    first days).
    """
    days_ = _dates(dates)
    n = days_.size
    legs = _floats(leg_pain, "leg_pain", n)
    flares = _flags(flare, "flare", n)
    first = _first_row(days_, start)
    if first >= n:
        return []
    shown = np.arange(n) >= first
    phases = np.array(_phases(days_, _sorted_starts(starts)), dtype=object)
    order = (Phase.MENSTRUAL, Phase.FOLLICULAR, Phase.LUTEAL)
    found: list[Insight] = []

    sides: list[tuple[Phase, Side]] = []
    for phase in order:
        side = side_of_days(phase.label, legs, shown & (phases == phase))
        if side is not None:
            sides.append((phase, side))
    if len(sides) >= 2:
        found.append(
            Insight(
                kind="cycle_leg_pain",
                sentence=(
                    "By cycle phase your leg pain averaged: "
                    + "; ".join(f"{side.label} {side.words()}" for _, side in sides)
                    + "."
                ),
                numbers={f"mean_{phase.value}": side.mean for phase, side in sides},
                n_days_a=sides[0][1].n,
                n_days_b=max(side.n for _, side in sides[1:]),
                sides=tuple(side for _, side in sides),
            )
        )

    counts: list[tuple[Phase, int, int]] = []
    for phase in order:
        in_phase = shown & (phases == phase)
        total = int(in_phase.sum())
        if total >= MIN_DAYS:
            counts.append((phase, int((flares & in_phase).sum()), total))
    if len(counts) >= 2:
        found.append(
            Insight(
                kind="cycle_flares",
                sentence=(
                    "Flare days by cycle phase: "
                    + "; ".join(
                        f"{phase.label} {flared} of {days_words(total)}"
                        for phase, flared, total in counts
                    )
                    + "."
                ),
                numbers={
                    **{f"flares_{phase.value}": float(f) for phase, f, _ in counts},
                    **{f"days_{phase.value}": float(t) for phase, _, t in counts},
                },
                n_days_a=counts[0][2],
                n_days_b=max(total for _, _, total in counts[1:]),
            )
        )
    return found
