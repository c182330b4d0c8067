"""Exact arithmetic on the numbers a person typed: ``5.2`` is 52/10, not the nearest
binary float, so that a rise of exactly 2 is a rise of 2 and a rise of 1.997 is not.
Used by the pacing rule (:mod:`fibrodesk.core.pacing`, :mod:`fibrodesk.core.pacing_week`)
and the starting dose (:mod:`fibrodesk.core.baseline`). Pure.
"""

from __future__ import annotations

import math
from fractions import Fraction

Number = int | float | Fraction


def exact(value: Number, what: str) -> Fraction:
    """``value`` as an exact fraction of its decimal form; ``ValueError`` if not finite."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise ValueError(f"{what} must be a number, not {value!r}")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return Fraction(repr(value))


def round_half_up(value: Fraction) -> int:
    """Round to the nearest whole number, halves upwards (2.5 -> 3, unlike ``round``)."""
    return math.floor(value + Fraction(1, 2))
