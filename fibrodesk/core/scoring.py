"""Clinical scores as pure functions: ACR 2016 (WPI, SSS, FS, criteria) and ACR 1990
tender points (domain.md s.3-4), one at a time and, for History, many weeks at once. The
FIQR (domain.md s.5) is scored in :mod:`fibrodesk.core.fiqr`; :func:`fiqr` is importable
from here too (the public Python API of contract.md).

The app shows every result here as information for the person and their clinician, never
as a diagnosis (see ``DISCLAIMER``). Nothing here touches Qt or the database, so the rules
can be tested, and reused by scripts, on their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fibrodesk.core.catalogue import catalogue

# The FIQR is scored in fibrodesk.core.fiqr; its total stays importable from here, as the
# public Python API promises (contract.md "Python API").
from fibrodesk.core.fiqr import fiqr as fiqr

DISCLAIMER = "This is information for you and your doctor, not a diagnosis."

# ACR 2016 thresholds (Wolfe et al. 2016).
WPI_MAX = 19
SSS_MAX = 12
MIN_REGIONS = 4  # generalized pain: at least 4 of the 5 regions
MIN_MONTHS = 3  # symptoms at a similar level for at least 3 months
# ACR 1990: at least 11 of 18 tender points painful.
TENDER_POINTS_TOTAL = 18
TENDER_POINTS_NEEDED = 11


# --------------------------------------------------------------------------- ACR 2016


@dataclass(frozen=True, slots=True)
class Acr2016Result:
    """One week's ACR 2016 assessment.

    Attributes:
        wpi: widespread pain index, 0-19 (the number of ``areas``).
        areas: the WPI area ids counted as painful.
        sss: symptom severity scale, 0-12.
        fs: fibromyalgia severity (polysymptomatic distress), WPI + SSS, 0-31.
        regions: how many of the 5 generalized-pain regions have pain (jaw, chest and
            abdomen do not count toward it).
        met: whether all three parts of the 2016 criteria hold.
        months: how many months the symptoms have lasted, as given.
    """

    wpi: int
    areas: frozenset[str]
    sss: int
    fs: int
    regions: int
    met: bool
    months: float

    @property
    def severity_met(self) -> bool:
        """(WPI >= 7 and SSS >= 5) or (WPI 4-6 and SSS >= 9)."""
        return _severity_met(self.wpi, self.sss)

    @property
    def generalized_met(self) -> bool:
        """Pain in at least 4 of the 5 generalized-pain regions."""
        return self.regions >= MIN_REGIONS

    @property
    def duration_met(self) -> bool:
        """Symptoms for at least 3 months."""
        return self.months >= MIN_MONTHS


def _severity_met(wpi: int, sss: int) -> bool:
    return (wpi >= 7 and sss >= 5) or (4 <= wpi <= 6 and sss >= 9)


def _reject_bare_string(value: object, what: str) -> None:
    # A bare string is iterable too, and would be read one letter at a time.
    if isinstance(value, str):
        raise TypeError(f"{what} must be a collection of ids, not one string")


def wpi_areas(painful_regions: Iterable[str]) -> frozenset[str]:
    """The WPI area ids that the given body-map region ids count toward.

    Regions with no WPI area (head, hands, ankles, feet, heels, soles) add nothing.
    Raises ``ValueError`` for an unknown region id.
    """
    _reject_bare_string(painful_regions, "painful_regions")
    cat = catalogue()
    areas: set[str] = set()
    for region_id in painful_regions:
        area = cat.region(region_id).wpi_area
        if area is not None:
            areas.add(area)
    return frozenset(areas)


def _check_areas(areas: Iterable[str]) -> frozenset[str]:
    _reject_bare_string(areas, "areas")
    known = catalogue().wpi_areas
    result = frozenset(areas)
    for area in result:
        if area not in known:
            raise ValueError(f"unknown WPI area {area!r}")
    return result


def wpi_from_areas(
    areas: Iterable[str], overrides: Mapping[str, bool] | None = None
) -> frozenset[str]:
    """The painful WPI areas once the person's own overrides are applied.

    ``areas`` are the areas derived from the body map; an override wins over them:
    ``True`` counts the area as painful, ``False`` counts it as not painful.
    Raises ``ValueError`` for an unknown area id or an override that is not a bool.
    """
    result = set(_check_areas(areas))
    for area, painful in (overrides or {}).items():
        _check_areas((area,))
        if not isinstance(painful, bool):
            raise ValueError(f"override for {area!r} must be True or False, not {painful!r}")
        if painful:
            result.add(area)
        else:
            result.discard(area)
    return frozenset(result)


def generalized_regions(areas: Iterable[str]) -> int:
    """How many of the 5 generalized-pain regions have pain in the given WPI areas.

    Jaw, chest and abdomen are WPI areas but do not count toward generalized pain (2016).
    """
    cat = catalogue()
    groups = {cat.wpi_areas[a].group for a in _check_areas(areas) if cat.wpi_areas[a].generalized}
    return len(groups)


def _severity(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number from 0 to 3, not {value!r}")
    if not 0 <= int(value) <= 3:
        raise ValueError(f"{name} must be from 0 to 3, not {value!r}")
    return int(value)


def _yes_no(value: object, name: str) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Integral) and int(value) in (0, 1):
        return int(value)
    raise ValueError(f"{name} must be yes or no (True/False or 1/0), not {value!r}")


def sss(
    fatigue: int,
    unrefreshed: int,
    cognitive: int,
    headaches: bool,
    lower_abdomen: bool,
    depression: bool,
) -> int:
    """Symptom severity scale 0-12: three 0-3 severities plus three yes/no items.

    Raises ``ValueError`` for a severity outside 0-3 or a yes/no item that is neither.
    """
    return (
        _severity(fatigue, "fatigue")
        + _severity(unrefreshed, "unrefreshed")
        + _severity(cognitive, "cognitive")
        + _yes_no(headaches, "headaches")
        + _yes_no(lower_abdomen, "lower_abdomen")
        + _yes_no(depression, "depression")
    )


def _months(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"months must be a number, not {value!r}")
    months = float(value)
    if math.isnan(months) or months < 0:
        raise ValueError(f"months must be 0 or more, not {value!r}")
    return months


def acr2016_from_areas(
    areas: Iterable[str],
    fatigue: int,
    unrefreshed: int,
    cognitive: int,
    headaches: bool,
    lower_abdomen: bool,
    depression: bool,
    months: float,
) -> Acr2016Result:
    """The ACR 2016 result from WPI area ids (after any overrides).

    Raises ``ValueError`` for an unknown area id or an out-of-range item.
    """
    counted = _check_areas(areas)
    wpi = len(counted)
    score = sss(fatigue, unrefreshed, cognitive, headaches, lower_abdomen, depression)
    regions = generalized_regions(counted)
    duration = _months(months)
    met = _severity_met(wpi, score) and regions >= MIN_REGIONS and duration >= MIN_MONTHS
    return Acr2016Result(
        wpi=wpi,
        areas=counted,
        sss=score,
        fs=wpi + score,
        regions=regions,
        met=met,
        months=duration,
    )


def acr2016(
    painful_regions: Iterable[str],
    fatigue: int,
    unrefreshed: int,
    cognitive: int,
    headaches: bool,
    lower_abdomen: bool,
    depression: bool,
    months: float,
) -> Acr2016Result:
    """The ACR 2016 result from the body-map region ids painful in the past week.

    Raises ``ValueError`` for an unknown region id or an out-of-range item.
    """
    return acr2016_from_areas(
        wpi_areas(painful_regions),
        fatigue,
        unrefreshed,
        cognitive,
        headaches,
        lower_abdomen,
        depression,
        months,
    )


def _months_words(months: float) -> str:
    text = f"{months:g}"
    return f"{text} month" if text == "1" else f"{text} months"


# Severity bands of the FS score (polysymptomatic distress), Wolfe et al. 2015,
# J Rheumatol 42:1494: (lowest, highest, name).
FS_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 3, "none"),
    (4, 7, "mild"),
    (8, 11, "moderate"),
    (12, 19, "severe"),
    (20, 31, "very severe"),
)
FS_MAX = WPI_MAX + SSS_MAX


def fs_band(fs: int) -> str:
    """The FS score's severity band (Wolfe et al. 2015): ``none``, ``mild``,
    ``moderate``, ``severe`` or ``very severe``. Raises ``ValueError`` outside 0-31."""
    if isinstance(fs, bool) or not isinstance(fs, numbers.Integral) or not 0 <= fs <= FS_MAX:
        raise ValueError(f"an FS score is a whole number from 0 to {FS_MAX}, not {fs!r}")
    return next(name for low, high, name in FS_BANDS if low <= fs <= high)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by whole calendar months; a day past the month's end becomes its
    last day (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_since(onset: dt.date, day: dt.date) -> int:
    """Whole calendar months from ``onset`` (the day the widespread pain began) to
    ``day``: the ``n`` with onset + n months <= day < onset + (n + 1) months; 0 when
    ``day`` is before the onset month is over.

    domain.md s.4: the app asks once for the date the widespread pain began and computes
    "generally present for at least 3 months" from it. **Convention**: a month after
    31 January ends on the last day of February (calendar months, end clamped).
    """
    if day < onset:
        return 0
    months = (day.year - onset.year) * 12 + day.month - onset.month
    while months > 0 and _add_months(onset, months) > day:
        months -= 1
    return months


def criteria_sentence(result: Acr2016Result) -> str:
    """A plain-words summary of the result, naming any part not met, ending with
    ``DISCLAIMER``."""
    if result.met:
        return (
            f"The 2016 criteria thresholds are met this week: WPI {result.wpi} and "
            f"SSS {result.sss}, pain in {result.regions} of 5 regions, generally present "
            f"for at least {MIN_MONTHS} months. {DISCLAIMER}"
        )
    missing: list[str] = []
    if not result.severity_met:
        if result.wpi < 4:
            missing.append(f"WPI {result.wpi} and SSS {result.sss} (a WPI of 4 or more is needed)")
        elif result.wpi <= 6:
            missing.append(
                f"WPI {result.wpi} and SSS {result.sss} (with a WPI of 4 to 6, "
                f"an SSS of 9 or more is needed)"
            )
        else:
            missing.append(
                f"WPI {result.wpi} and SSS {result.sss} (with a WPI of 7 or more, "
                f"an SSS of 5 or more is needed)"
            )
    if not result.generalized_met:
        missing.append(f"pain in {result.regions} of 5 regions ({MIN_REGIONS} are needed)")
    if not result.duration_met:
        missing.append(
            f"symptoms generally present for {_months_words(result.months)} "
            f"(at least {MIN_MONTHS} months are needed)"
        )
    return (
        f"The 2016 criteria thresholds are not met this week. Not met: {'; '.join(missing)}. "
        f"{DISCLAIMER}"
    )


# --------------------------------------------------------------------------- ACR 1990


def tender_point_count(painful_points: Iterable[str]) -> int:
    """How many distinct tender points (of 18) are painful.

    Raises ``ValueError`` for an unknown tender point id.
    """
    _reject_bare_string(painful_points, "painful_points")
    known = catalogue().tender_points
    points = set(painful_points)
    for point in points:
        if point not in known:
            raise ValueError(f"unknown tender point {point!r}")
    return len(points)


# --------------------------------------------------------------------------- many at once
# History scores ten years of weeks at a time: the same rules as sss() and wpi_areas()
# above, on numpy arrays (NaN for an unanswered item). numpy is imported inside, so the
# Today page's start-up does not pay for it.

SSS_ITEMS = ("fatigue", "unrefreshed", "cognitive", "headaches", "lower_abdomen", "depression")


def sss_totals(answers: Any) -> Any:
    """The SSS of many weeks: ``answers`` is weeks x 6 (the order of :data:`SSS_ITEMS`,
    NaN for unanswered); a week's total needs all six answers, else NaN.

    Raises ``ValueError`` for a severity outside 0-3 or a yes/no item not 0 or 1.
    """
    import numpy as np

    values = np.asarray(answers, dtype=np.float64).reshape(-1, len(SSS_ITEMS))
    known = ~np.isnan(values)
    severities, yes_no = values[:, :3], values[:, 3:]
    if (known[:, :3] & ~np.isin(severities, (0, 1, 2, 3))).any():
        raise ValueError("fatigue, unrefreshed and cognitive must be from 0 to 3")
    if (known[:, 3:] & ~np.isin(yes_no, (0, 1))).any():
        raise ValueError("headaches, lower_abdomen and depression must be 0 or 1")
    totals = np.full(values.shape[0], np.nan)
    complete = known.all(axis=1)
    totals[complete] = values[complete].sum(axis=1)
    return totals


def wpi_area_matrix(hurt: Any, region_ids: Sequence[str]) -> Any:
    """Painful WPI areas of many weeks at once, as :func:`wpi_areas` counts them.

    ``hurt`` is weeks x regions (True: the region had a mark of 1 or more that week),
    its columns named by ``region_ids``. Returns weeks x 19 booleans, columns in the
    catalogue's order of WPI areas (``tuple(catalogue().wpi_areas)``).
    """
    import numpy as np

    matrix = np.asarray(hurt, dtype=np.bool_)
    cat = catalogue()
    result = np.zeros((matrix.shape[0], len(cat.wpi_areas)), dtype=np.bool_)
    for a, area in enumerate(cat.wpi_areas):
        columns = [i for i, rid in enumerate(region_ids) if cat.region(rid).wpi_area == area]
        if columns:
            result[:, a] = matrix[:, columns].any(axis=1)
    return result
