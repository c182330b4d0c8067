"""The values of a weather CSV: its cells read as dates and numbers, units converted to
hPa and degC, plausible ranges, and the whole table turned into one row per day
(issue 15 point 4). :mod:`fibrodesk.io.weather_csv` reads the file and suggests the
column mapping; this module holds the types they share and :func:`convert`. No network,
no writes.

Dates: the date written in the cell is the day (a time after it is ignored, an offset
too: a station writes its own local time). Accepted: ``2026-03-01`` (also with ``/``,
a time after ``T`` or a space), ``20260301`` and ``2026030114`` (DWD), and ``01.03.2026``,
``01/03/2026``, ``3/1/2026`` with a two- or four-digit year, day-first or month-first.

Units: pressure in hPa (mbar is the same), inHg (x 33.8639), mmHg (x 1.333224) or kPa
(x 10); temperature in degC or degF ((F - 32) x 5/9). Plausible: 870-1090 hPa (the
diary's weather table's range) and -60 to 60 degC.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fibrodesk.errors import UserError

__all__ = [
    "DATE_ORDERS",
    "PRESSURE_RANGE_HPA",
    "PRESSURE_UNITS",
    "TEMPERATURE_RANGE_C",
    "TEMPERATURE_UNITS",
    "ColumnMapping",
    "WeatherCsvError",
    "WeatherDay",
    "WeatherImport",
    "WeatherTable",
    "convert",
    "date_orders",
    "is_value",
    "numbers_of",
    "pressure_unit_of",
    "to_celsius",
    "to_hpa",
]

PRESSURE_UNITS = ("hPa", "inHg", "mmHg", "kPa")
TEMPERATURE_UNITS = ("degC", "degF")
DATE_ORDERS = ("iso", "day_first", "month_first")
PRESSURE_RANGE_HPA = (870.0, 1090.0)
TEMPERATURE_RANGE_C = (-60.0, 60.0)

_TO_HPA = {"hPa": 1.0, "inHg": 33.8639, "mmHg": 1.333224, "kPa": 10.0}
_MISSING = {
    "",
    "-",
    "--",
    "na",
    "n/a",
    "nan",
    "null",
    "none",
    "m",
    "-999",
    "-9999",
    "-99.9",
}
_NUMBER = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(?:[^\d\s].*)?$")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])")
_COMPACT = re.compile(r"^(19|20)(\d{2})(\d{2})(\d{2})(?:\d{2}(?:\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:$|[T\s,])")


class WeatherCsvError(UserError):
    """The weather file cannot be read as it is; ``str(err)`` is one plain sentence."""


@dataclass(frozen=True, slots=True)
class WeatherTable:
    """A weather CSV as text.

    Attributes:
        columns: the column names from the header row, in file order.
        rows: the data rows, each as many cells as there are columns.
        delimiter: the delimiter found.
        line_numbers: each row's line number in the file (1-based), for the words.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    delimiter: str
    line_numbers: tuple[int, ...]

    def sample(self, column: int, n: int = 3) -> list[str]:
        """The first ``n`` non-empty values of a column, to show beside its name."""
        found = [row[column] for row in self.rows if row[column].strip()]
        return found[:n]


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds what, and in which unit.

    Attributes:
        date_column: index of the date (or date and time) column.
        date_order: ``iso``, ``day_first`` or ``month_first``; None when not yet known.
        pressure_column, temperature_column: indexes, None for "not in this file".
        pressure_unit: one of :data:`PRESSURE_UNITS`.
        temperature_unit: one of :data:`TEMPERATURE_UNITS`.
    """

    date_column: int
    date_order: str | None
    pressure_column: int | None
    pressure_unit: str
    temperature_column: int | None
    temperature_unit: str


@dataclass(frozen=True, slots=True)
class WeatherDay:
    """One day's weather, already in hPa and degC (None: not in the file that day)."""

    day: date
    pressure_hpa: float | None
    temperature_c: float | None


@dataclass(frozen=True, slots=True)
class WeatherImport:
    """What :func:`convert` found.

    Attributes:
        days: one :class:`WeatherDay` per date with a plausible value, in date order.
        skipped: plain sentences for what was left out (empty if nothing).
        rows_read: data rows in the file.
    """

    days: tuple[WeatherDay, ...]
    skipped: tuple[str, ...]
    rows_read: int


# --------------------------------------------------------------------------- cells


def _number(cell: str, decimal_comma: bool) -> float | None:
    """A cell's number, or None for an empty or missing cell; raises ValueError for text."""
    text = cell.strip()
    if text.casefold() in _MISSING:
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(text)
    number = match.group(1)
    if "," in number:
        if not decimal_comma:
            raise ValueError(text)
        number = number.replace(",", ".")
    return float(number)


def _parts(cell: str) -> tuple[str, int, int, int] | None:
    """``(kind, a, b, year)`` of a date cell: kind ``iso`` (a month, b day) or ``pair``
    (a and b day and month in an order still to be decided); None if no date."""
    text = cell.strip()
    if match := _ISO.match(text):
        return ("iso", int(match[2]), int(match[3]), int(match[1]))
    if match := _COMPACT.match(text):
        return ("iso", int(match[3]), int(match[4]), int(match[1] + match[2]))
    if match := _DMY.match(text):
        year = int(match[3])
        return (
            "pair",
            int(match[1]),
            int(match[2]),
            year + 2000 if year < 100 else year,
        )
    return None


def _date(cell: str, order: str) -> date | None:
    parts = _parts(cell)
    if parts is None:
        return None
    kind, a, b, year = parts
    if kind == "iso":
        if order != "iso":
            return None
        month, day = a, b
    elif order == "day_first":
        day, month = a, b
    elif order == "month_first":
        month, day = a, b
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_orders(table: WeatherTable, column: int) -> tuple[str, ...]:
    """The date orders under which every non-empty cell of ``column`` is a date, in
    :data:`DATE_ORDERS` order: ``("iso",)``, ``("day_first",)``, ``("month_first",)``,
    both of the last two (ambiguous: ask the person), or ``()`` (not a date column)."""
    cells = [row[column] for row in table.rows if row[column].strip()]
    if not cells:
        return ()
    return tuple(
        order for order in DATE_ORDERS if all(_date(cell, order) is not None for cell in cells)
    )


def is_value(cell: str) -> bool:
    text = cell.strip()
    return bool(_NUMBER.match(text) or _ISO.match(text) or _DMY.match(text)) or (
        text.casefold() in _MISSING
    )


def numbers_of(table: WeatherTable, column: int) -> list[float]:
    comma = table.delimiter != ","
    values = []
    for row in table.rows:
        try:
            value = _number(row[column], comma)
        except ValueError:
            continue
        if value is not None:
            values.append(value)
    return values


def pressure_unit_of(values: Sequence[float]) -> str | None:
    """The pressure unit whose plausible range holds the values' median, or None."""
    if not values:
        return None
    median = statistics.median(values)
    low, high = PRESSURE_RANGE_HPA
    for unit in PRESSURE_UNITS:
        if low <= median * _TO_HPA[unit] <= high:
            return unit
    return None


# --------------------------------------------------------------------------- converting


def _celsius(value: float, unit: str) -> float:
    return (value - 32.0) * 5.0 / 9.0 if unit == "degF" else value


def to_hpa(value: float, unit: str) -> float:
    """A pressure in ``unit`` (one of :data:`PRESSURE_UNITS`) in hPa: a value typed by
    hand is converted as a file's are."""
    return value * _TO_HPA[unit]


def to_celsius(value: float, unit: str) -> float:
    """A temperature in ``unit`` (``degC`` or ``degF``) in degrees C, as a file's are."""
    return _celsius(value, unit)


def _check(mapping: ColumnMapping, table: WeatherTable) -> None:
    width = len(table.columns)
    for name, column in (
        ("date", mapping.date_column),
        ("pressure", mapping.pressure_column),
        ("temperature", mapping.temperature_column),
    ):
        if column is not None and not 0 <= column < width:
            raise WeatherCsvError(f"The {name} column chosen is not in the file: choose again.")
    if mapping.pressure_column is None and mapping.temperature_column is None:
        raise WeatherCsvError(
            "Choose the column with the air pressure or the temperature (or both): there "
            "is nothing to import without one."
        )
    if mapping.pressure_unit not in PRESSURE_UNITS:
        raise WeatherCsvError(
            f"The pressure unit {mapping.pressure_unit!r} is not one the app knows: choose "
            "hPa (also mbar), inHg, mmHg or kPa."
        )
    if mapping.temperature_unit not in TEMPERATURE_UNITS:
        raise WeatherCsvError(
            f"The temperature unit {mapping.temperature_unit!r} is not one the app knows: "
            "choose degrees Celsius or Fahrenheit."
        )
    orders = date_orders(table, mapping.date_column)
    if mapping.date_order is None:
        if set(orders) >= {"day_first", "month_first"}:
            raise WeatherCsvError(
                "The dates could be day-first (31.12.) or month-first (12/31): no day in "
                "the file is above 12, so choose which the file uses."
            )
        raise WeatherCsvError("Choose how the file writes its dates.")
    if mapping.date_order not in DATE_ORDERS:
        raise WeatherCsvError(
            "Choose how the file writes its dates: ISO, day-first or month-first."
        )


def _implausible(
    what: str, values: list[float], low: float, high: float, unit: str, hint: str | None
) -> None:
    """Raise when most values of a column are outside the plausible range: the unit (or
    the column) must be wrong."""
    if not values:
        return
    outside = sum(1 for v in values if not low <= v <= high)
    if outside * 2 > len(values):
        example = statistics.median(values)
        text = (
            f"Most {what} values are not plausible in {unit} (the middle one would be "
            f"{example:.1f}): "
        )
        text += (
            f"they look like {hint}; choose that unit."
            if hint
            else "check the column and its unit."
        )
        raise WeatherCsvError(text)


def convert(table: WeatherTable, mapping: ColumnMapping) -> WeatherImport:
    """One :class:`WeatherDay` per date in the file, averaged over its rows, in hPa and
    degC, plausible values only. Raises :class:`WeatherCsvError` for a mapping that does
    not fit the file (no date order chosen for ambiguous dates, an unknown unit, a unit
    under which most values are implausible, no date readable)."""
    _check(mapping, table)
    order = mapping.date_order
    assert order is not None
    comma = table.delimiter != ","
    pressures: dict[date, list[float]] = {}
    temperatures: dict[date, list[float]] = {}
    no_date = unreadable = out_pressure = out_temperature = 0
    raw_pressure: list[float] = []
    raw_temperature: list[float] = []
    low_p, high_p = PRESSURE_RANGE_HPA
    low_t, high_t = TEMPERATURE_RANGE_C
    parsed: list[tuple[date, float | None, float | None]] = []
    for row in table.rows:
        day = _date(row[mapping.date_column], order)
        if day is None:
            no_date += 1
            continue
        values: list[float | None] = []
        for column in (mapping.pressure_column, mapping.temperature_column):
            if column is None:
                values.append(None)
                continue
            try:
                values.append(_number(row[column], comma))
            except ValueError:
                unreadable += 1
                values.append(None)
        pressure = None if values[0] is None else values[0] * _TO_HPA[mapping.pressure_unit]
        temperature = None if values[1] is None else _celsius(values[1], mapping.temperature_unit)
        if pressure is not None:
            raw_pressure.append(pressure)
        if temperature is not None:
            raw_temperature.append(temperature)
        parsed.append((day, pressure, temperature))
    if not parsed:
        raise WeatherCsvError(
            f"No row has a date the app can read in the column {table.columns[mapping.date_column]!r}: "
            "choose the column with the dates."
        )
    pressure_hint = pressure_unit_of([v / _TO_HPA[mapping.pressure_unit] for v in raw_pressure])
    _implausible(
        "pressure",
        raw_pressure,
        low_p,
        high_p,
        mapping.pressure_unit,
        pressure_hint if pressure_hint != mapping.pressure_unit else None,
    )
    temperature_hint = None
    if mapping.temperature_unit == "degC" and raw_temperature:
        as_f = [_celsius(v, "degF") for v in raw_temperature]
        if sum(1 for v in as_f if low_t <= v <= high_t) * 2 > len(as_f):
            temperature_hint = "degrees Fahrenheit"
    _implausible(
        "temperature",
        raw_temperature,
        low_t,
        high_t,
        "degrees Celsius" if mapping.temperature_unit == "degC" else "degrees Fahrenheit",
        temperature_hint,
    )
    for day, pressure, temperature in parsed:
        if pressure is not None:
            if low_p <= pressure <= high_p:
                pressures.setdefault(day, []).append(pressure)
            else:
                out_pressure += 1
        if temperature is not None:
            if low_t <= temperature <= high_t:
                temperatures.setdefault(day, []).append(temperature)
            else:
                out_temperature += 1
    days = []
    for day in sorted(set(pressures) | set(temperatures)):
        p = pressures.get(day)
        t = temperatures.get(day)
        days.append(
            WeatherDay(
                day,
                round(statistics.fmean(p), 1) if p else None,
                round(statistics.fmean(t), 1) if t else None,
            )
        )
    skipped = []
    if no_date:
        skipped.append(f"{_rows(no_date)} without a date the app can read left out.")
    if unreadable:
        skipped.append(f"{_values(unreadable)} not readable as a number left out.")
    if out_pressure:
        skipped.append(
            f"{_values(out_pressure)} of pressure outside {low_p:.0f}-{high_p:.0f} hPa left out."
        )
    if out_temperature:
        skipped.append(
            f"{_values(out_temperature)} of temperature outside {low_t:.0f} to {high_t:.0f} "
            "degrees Celsius left out."
        )
    return WeatherImport(tuple(days), tuple(skipped), len(table.rows))


def _rows(n: int) -> str:
    return "1 row" if n == 1 else f"{n} rows"


def _values(n: int) -> str:
    return "1 value" if n == 1 else f"{n} values"
