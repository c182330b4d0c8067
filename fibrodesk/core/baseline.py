"""A plan's starting dose (domain.md s.7 baseline): from three trials, or from what the
person manages on a good and on a bad day. Pure: no Qt, no database."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from fibrodesk.core.exact import exact, round_half_up


def baseline_from_trials(trials: Sequence[float], reduction_pct: float = 20.0) -> int:
    """Starting dose from three trials: their mean minus 20%, in whole units.

    The caller passes only trials done on *flare-free* days, spread over three days
    (domain.md s.7, after the Canadian fibromyalgia guidance); this function cannot tell
    and trusts it. Rounding: the reduced mean is rounded *down* to a whole unit, and the
    result is never below 1. ``[10, 12, 8]`` -> mean 10 -> 8.

    Raises ``ValueError`` unless there are exactly 3 trials, each a finite number >= 0.
    """
    if isinstance(trials, str | bytes) or len(trials) != 3:
        raise ValueError("a baseline needs exactly 3 trials, done on flare-free days")
    values = [exact(t, "a trial") for t in trials]
    if any(v < 0 for v in values):
        raise ValueError("a trial cannot be negative")
    reduction = exact(reduction_pct, "reduction_pct")
    if not 0 <= reduction < 100:
        raise ValueError("reduction_pct must be at least 0 and below 100")
    mean = sum(values, Fraction(0)) / 3
    return max(1, math.floor(mean * (100 - reduction) / 100))


def baseline_from_tolerance(good_day: float, bad_day: float) -> int:
    """Starting dose from what the user manages on a good day and on a bad day.

    The mean of the two, rounded to the nearest whole unit with halves upwards, never
    below 1: ``(20, 10)`` -> 15, ``(5, 2)`` -> 4. ``ValueError`` for a negative or
    non-finite value.
    """
    good = exact(good_day, "good_day")
    bad = exact(bad_day, "bad_day")
    if good < 0 or bad < 0:
        raise ValueError("a tolerance cannot be negative")
    return max(1, round_half_up((good + bad) / 2))
