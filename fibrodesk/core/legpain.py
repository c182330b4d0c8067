"""The leg pain of a day: the one definition every screen, rule and export uses.

domain.md section 7: the leg pain of a day is the **highest** intensity marked that day on
any leg region (section 1's table, groin to sole, either side). A day without a leg mark
has no leg pain value; overall pain from the check-in never stands in for it. The payback
rule, the "rose by 2" hold, the baseline pain, History and the insights all call this
module, so the definition lives here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any

from fibrodesk.core.catalogue import catalogue


@cache
def leg_regions() -> frozenset[str]:
    """Every leg region id (32: sixteen stems, each left and right)."""
    return frozenset(r.id for r in catalogue().regions.values() if r.leg)


def is_leg(region_id: str) -> bool:
    return region_id in leg_regions()


def day_leg_pain(marks: Iterable[tuple[str, int]]) -> int | None:
    """The leg pain of one day from its marks ``(region, intensity)``, or None.

    None when no mark of the day is on a leg region; 0 is a real value (a leg region
    checked and marked 0).
    """
    legs = leg_regions()
    values = [intensity for region, intensity in marks if region in legs]
    return max(values) if values else None


def leg_pain_by_day(rows: Iterable[tuple[date, str, int]]) -> dict[date, int]:
    """The leg pain of each day that has a leg mark, from ``(day, region, intensity)`` rows.

    Days without a leg mark are absent from the result, never filled in.
    """
    legs = leg_regions()
    result: dict[date, int] = {}
    for day, region, intensity in rows:
        if region in legs and intensity > result.get(day, -1):
            result[day] = intensity
    return dict(sorted(result.items()))


def leg_pain_of_days(max_intensity: Any, region_ids: Sequence[str]) -> Any:
    """The leg pain of many days at once, vectorised (History's ten years).

    ``max_intensity`` is a days x regions numpy array of each region's highest mark of
    the day (NaN: no mark), its columns named by ``region_ids``. Returns one float per
    day: the highest value in a leg column, NaN for a day without a leg mark; the same
    value :func:`day_leg_pain` gives for that day's marks. numpy is imported here, not at
    the top, so the Today page's start-up does not pay for it.
    """
    import numpy as np

    matrix = np.asarray(max_intensity, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(region_ids):
        raise ValueError(
            f"max_intensity must be days x {len(region_ids)} regions, not {matrix.shape}"
        )
    legs = leg_regions()
    columns = [i for i, region in enumerate(region_ids) if region in legs]
    result = np.full(matrix.shape[0], np.nan)
    if not columns:
        return result
    leg = matrix[:, columns]
    has_leg = ~np.isnan(leg).all(axis=1)
    # fmax.reduce skips NaN (no mark) without the all-NaN warning of nanmax.
    result[has_leg] = np.fmax.reduce(leg[has_leg], axis=1)
    return result
