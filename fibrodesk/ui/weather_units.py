"""Units of air pressure and temperature as the weather boxes show and read them.

The conversions themselves are :mod:`fibrodesk.io.weather_values`' (one definition, used
for typed values and imported files alike); here only their names on screen, the way
back from the diary's hPa and °C to the unit the person reads, and a typed number.
"""

from __future__ import annotations

from fibrodesk.io.weather_values import to_celsius, to_hpa

UNIT_WORDS = {
    "hPa": "hPa",
    "inHg": "inHg",
    "mmHg": "mmHg",
    "kPa": "kPa",
    "degC": "°C",
    "degF": "°F",
}


def parse_number(text: str) -> float | None:
    """A typed number ("1013", "29,92", " 14.5 "); ``None`` for an empty box.

    Raises ``ValueError`` for anything else.
    """
    text = text.strip().replace(",", ".")
    if not text:
        return None
    return float(text)


def from_hpa(hpa: float, unit: str) -> float:
    """``hpa`` in ``unit``: the inverse of ``to_hpa`` (a plain factor)."""
    return hpa / to_hpa(1.0, unit)


def from_celsius(celsius: float, unit: str) -> float:
    """``celsius`` in ``unit``: the inverse of ``to_celsius`` (linear)."""
    zero = to_celsius(0.0, unit)
    return (celsius - zero) / (to_celsius(1.0, unit) - zero)


__all__ = ["UNIT_WORDS", "from_celsius", "from_hpa", "parse_number", "to_celsius", "to_hpa"]
