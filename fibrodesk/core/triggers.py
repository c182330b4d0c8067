"""The person's own triggers in words: leg pain with and without a tag, and after a fall in
air pressure (issue 15 points 3 and 4).

Input is the same per-day arrays as :func:`fibrodesk.core.insights.compute_insights`
(``dates`` strictly increasing, one row per day the diary holds anything; leg pain NaN on a
day without a leg mark), plus the tags or the pressures by date. Output is
:class:`~fibrodesk.core.insights.Insight` values, shown with the other insights.

The honesty rules are the insights' own (and use their code): a comparison is shown only
when each side rests on at least :data:`~fibrodesk.core.insights.MIN_DAYS` (7) days with a
leg pain value; each side gives its mean, its number of days and its spread (the middle
half, lower to upper quartile); the words say what came together in time, never a cause.

Conventions (relied on by the tests):

- *Leg pain* is :mod:`fibrodesk.core.legpain`'s daily value, passed in by the caller.
- *A tag on a day*: the tag was set on the day or on one of its entries. A day in the
  arrays without the tag is a day "without" it.
- *The day after a tag*: the leg pain of day D+1 grouped by whether day D had the tag. As
  for exercise, a day whose previous calendar day is not in the arrays is left out (the
  diary cannot say whether that day had the tag).
- *A pressure fall*: the day's pressure is at least :data:`PRESSURE_FALL_HPA` (5 hPa)
  below the previous calendar day's (daily values, hPa). "Other days" are days whose
  pressure and previous day's pressure are both known and fell by less (or rose). A day
  without both pressures stands on neither side. The leg pain compared is that of the day
  the pressure fell to (``pressure_fall``) and of the day after it
  (``pressure_fall_next_day``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt

from fibrodesk.core.insights import (
    MIN_DAYS,
    Insight,
    Side,
    _at_offset,
    _dates,
    _first_row,
    _floats,
    _side,
)

__all__ = ["MIN_DAYS", "PRESSURE_FALL_HPA", "pressure_insights", "tag_insights"]

PRESSURE_FALL_HPA = 5.0

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def _on(dates: npt.NDArray[np.datetime64], days: Iterable[dt.date]) -> BoolArray:
    """True on the rows of ``dates`` (strictly increasing) that are among ``days``.

    Found by bisection rather than ``np.isin``, which imports numpy.ma on its first call
    (through ``np.unique``): some 1.5 MB the History page kept for a lookup."""
    wanted = np.array(sorted({d.isoformat() for d in days}), dtype="datetime64[D]")
    index = np.searchsorted(dates, wanted)
    inside = index < dates.size
    index, wanted = index[inside], wanted[inside]
    found = np.zeros(dates.size, dtype=np.bool_)
    found[index[dates[index] == wanted]] = True
    return found


def _comparison(kind: str, first: Side, second: Side, sentence: str, name: str) -> Insight:
    return Insight(
        kind=kind,
        sentence=sentence,
        numbers={f"mean_{name}": first.mean, "mean_other": second.mean},
        n_days_a=first.n,
        n_days_b=second.n,
        sides=(first, second),
    )


def _tag_pair(
    tag: str,
    dates: npt.NDArray[np.datetime64],
    leg: FloatArray,
    tagged: BoolArray,
    shown: BoolArray,
) -> list[Insight]:
    found: list[Insight] = []
    same_with = _side(f'tagged "{tag}"', leg, shown & tagged)
    same_without = _side("without it", leg, shown & ~tagged)
    if same_with is not None and same_without is not None:
        found.append(
            _comparison(
                "tag",
                same_with,
                same_without,
                f"On days {same_with.label} your leg pain averaged {same_with.words()}; "
                f"on days {same_without.label} {same_without.words()}.",
                "tagged",
            )
        )
    # The day after: day D+1's leg pain by day D's tag; D must be in the arrays.
    before = _at_offset(dates, tagged.astype(np.float64), -1)
    known = shown & ~np.isnan(before)
    next_with = _side(f'after a day tagged "{tag}"', leg, known & (before == 1))
    next_without = _side("after a day without it", leg, known & (before == 0))
    if next_with is not None and next_without is not None:
        found.append(
            _comparison(
                "tag_next_day",
                next_with,
                next_without,
                f"On days {next_with.label} your leg pain averaged {next_with.words()}; "
                f"on days {next_without.label} {next_without.words()}.",
                "tagged",
            )
        )
    return found


def tag_insights(
    dates: npt.ArrayLike,
    leg_pain: npt.ArrayLike,
    tag_days: Mapping[str, Iterable[dt.date]],
    start: dt.date | None = None,
) -> list[Insight]:
    """For each tag (in name order, case ignored): leg pain on days with it against days
    without it (``tag``), and on the day after (``tag_next_day``), each only when both
    sides have 7 days. ``tag_days`` maps a tag's name to the days it was on (a day tag or
    a tag on one of the day's entries). Rows before ``start`` are context only (the day
    before the first day shown)."""
    days_ = _dates(dates)
    legs = _floats(leg_pain, "leg_pain", days_.size)
    first = _first_row(days_, start)
    if first >= days_.size:
        return []
    shown = np.arange(days_.size) >= first
    found: list[Insight] = []
    for tag in sorted(tag_days, key=lambda name: (name.casefold(), name)):
        found += _tag_pair(tag, days_, legs, _on(days_, tag_days[tag]), shown)
    return found


def pressure_falls(pressure_hpa: Mapping[dt.date, float]) -> dict[dt.date, float]:
    """Each day with a known pressure and a known pressure the calendar day before, with
    its fall in hPa (previous day minus this day; negative for a rise)."""
    return {
        day: pressure_hpa[day - dt.timedelta(days=1)] - value
        for day, value in sorted(pressure_hpa.items())
        if day - dt.timedelta(days=1) in pressure_hpa
    }


def pressure_insights(
    dates: npt.ArrayLike,
    leg_pain: npt.ArrayLike,
    pressure_hpa: Mapping[dt.date, float],
    start: dt.date | None = None,
) -> list[Insight]:
    """Leg pain on days the pressure fell by 5 hPa or more from the day before, against
    other days with both pressures known (``pressure_fall``), and the same for the day
    after (``pressure_fall_next_day``); each only with 7 days a side."""
    days_ = _dates(dates)
    legs = _floats(leg_pain, "leg_pain", days_.size)
    first = _first_row(days_, start)
    if first >= days_.size:
        return []
    shown = np.arange(days_.size) >= first
    falls = pressure_falls(pressure_hpa)
    fall = np.array(
        [falls.get(dt.date.fromisoformat(str(d)), np.nan) for d in days_], dtype=np.float64
    )
    threshold = f"{PRESSURE_FALL_HPA:g} hPa"
    found: list[Insight] = []
    for kind, values, label_fall, label_other in (
        (
            "pressure_fall",
            fall,
            f"when the air pressure was {threshold} or more below the day before",
            "on other days with the pressure known",
        ),
        (
            "pressure_fall_next_day",
            _at_offset(days_, fall, -1),
            f"after a day the air pressure fell by {threshold} or more",
            "after other days with the pressure known",
        ),
    ):
        known = shown & ~np.isnan(values)
        fell = _side(label_fall, legs, known & (values >= PRESSURE_FALL_HPA))
        other = _side(label_other, legs, known & (values < PRESSURE_FALL_HPA))
        if fell is None or other is None:
            continue
        found.append(
            _comparison(
                kind,
                fell,
                other,
                f"On days {fell.label} your leg pain averaged {fell.words()}; "
                f"{other.label} {other.words()}.",
                "fall",
            )
        )
    return found
