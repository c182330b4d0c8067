"""Numbers and days in the words a person reads: one decimal rounded as a person expects,
day counts, short dates. Pure, shared by the insights and the change-over-time sentences.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from fibrodesk.core.clock import MONTH_NAMES


def one_decimal(value: float) -> str:
    """``value`` to one decimal, halves rounded up as a person expects (2.25 -> 2.3,
    2.35 -> 2.4, -2.25 -> -2.3), not to the nearest binary float (``round(2.35, 1)`` is
    2.3 because 2.35 is stored as 2.3499999...).

    Rounds the value's decimal text (12 significant digits, which also drops the noise
    of summing floats, 2.2499999999999996 -> 2.25) with Decimal's ROUND_HALF_UP.
    """
    text = Decimal(f"{float(value):.12g}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return "0.0" if text == 0 else f"{text}"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else one_decimal(value)


def day_month(day: dt.date, reference_year: int) -> str:
    """``5 March``, with the year only when it is not ``reference_year``."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return text if day.year == reference_year else f"{text} {day.year}"
