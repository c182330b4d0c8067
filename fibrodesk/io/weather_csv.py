"""Reading a weather CSV the person downloaded or copied off a home station (issue 15
point 4). Never fetched: this module opens the file it is given and nothing else, and
imports no network code. It writes nothing either: it returns daily rows for
:func:`fibrodesk.db.triggers.import_weather`.

The flow, as the import dialog (and the ``weather-import`` command) uses it:

1. :func:`read_table` (or :func:`parse_table` for bytes) reads the file: UTF-8 (with or
   without a byte-order mark) or UTF-16 with its mark; the delimiter (``,`` ``;`` tab
   ``|``) is detected; lines starting with ``#`` and a leading block of metadata separated
   by a blank line (as Open-Meteo writes) are skipped; the first row must name the
   columns. It raises :class:`WeatherCsvError` with one plain sentence for a bad file.
2. :func:`guess_mapping` suggests a :class:`ColumnMapping` from the column names and
   values: the date column, the pressure column and its unit (hPa, inHg, mmHg, kPa; mbar
   is hPa), the temperature column and its unit (degC, degF), and the date order.
   :attr:`WeatherTable.columns` and :meth:`WeatherTable.sample` let the person check or
   change it. :func:`date_orders` says which date orders fit a column: ``iso``,
   ``day_first``, ``month_first``. When both day-first and month-first fit every date
   (no day above 12), the suggested ``date_order`` is ``None``: ask the person.
3. :func:`convert` turns the table into one :class:`WeatherDay` per date: hourly (or any
   sub-daily) rows are averaged to the day; values are converted to hPa and degC, checked
   against plausible ranges (870-1090 hPa, -60 to 60 degC); a cell outside them, empty or
   unreadable is left out and counted in :attr:`WeatherImport.skipped` in plain words. A
   unit that makes most values implausible raises :class:`WeatherCsvError` naming the unit
   that fits.

Dates and units: see :mod:`fibrodesk.io.weather_values`, whose names this module also
exports so the dialog needs one import.
"""

from __future__ import annotations

import csv
import re
import statistics
from collections.abc import Sequence
from pathlib import Path

from fibrodesk.io.weather_values import (
    DATE_ORDERS,
    PRESSURE_RANGE_HPA,
    PRESSURE_UNITS,
    TEMPERATURE_RANGE_C,
    TEMPERATURE_UNITS,
    ColumnMapping,
    WeatherCsvError,
    WeatherDay,
    WeatherImport,
    WeatherTable,
    convert,
    date_orders,
    is_value,
    numbers_of,
    pressure_unit_of,
)

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
    "guess_mapping",
    "load",
    "parse_table",
    "read_table",
]

MAX_BYTES = 50 * 1024 * 1024  # a decade of hourly rows is a few MB
_DELIMITERS = (",", ";", "\t", "|")

# --------------------------------------------------------------------------- reading


def read_table(path: Path) -> WeatherTable:
    """The CSV file at ``path`` as a :class:`WeatherTable` (see :func:`parse_table`)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise WeatherCsvError(
                f"The file {path.name} is {size // (1024 * 1024)} MB, too large for a weather "
                "file: export a shorter period and import it."
            )
        data = path.read_bytes()
    except WeatherCsvError:
        raise
    except OSError as err:
        raise WeatherCsvError(
            f"The file {path.name} cannot be read ({err.strerror or err}): check it and "
            "choose it again."
        ) from None
    return parse_table(data)


def _text(data: bytes) -> str:
    if not data.strip():
        raise WeatherCsvError(
            "The file is empty: download the weather again or choose another file."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        raise WeatherCsvError(
            "This is not a CSV text file (it may be a spreadsheet or an archive): save it "
            "as CSV from the program that made it, then import that."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WeatherCsvError(
            "The file is not UTF-8 text: save it again as CSV UTF-8 (most spreadsheets "
            "offer it under Save as), then import it."
        ) from None


def _looks_like_header(line: str) -> bool:
    """Whether a line splits into two or more cells, one of them not a value (a name)."""
    cells = max((_split([line], d)[0] for d in _DELIMITERS), key=len)
    return len(cells) >= 2 and not all(is_value(cell) for cell in cells)


def _block(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The table's lines: comment lines (``#``) and blank lines dropped, and a leading
    block of metadata before a blank line skipped when a header row follows the blank
    line (as Open-Meteo writes: location lines, a blank line, then the table)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line.lstrip().startswith("#"):
            continue
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append((number, line))
    blocks = [block for block in blocks if block]
    while len(blocks) > 1 and _looks_like_header(blocks[1][0][1]):
        blocks.pop(0)
    return [line for block in blocks for line in block]


def _split(lines: list[str], delimiter: str) -> list[list[str]]:
    return [next(csv.reader([line], delimiter=delimiter), []) for line in lines]


def _delimiter(lines: list[str]) -> str | None:
    """The delimiter that splits the header into two or more cells and at least half of
    the first rows into as many (the most common count); the one with most cells when
    several do."""
    head = lines[:50]
    best: tuple[int, str] | None = None
    for delimiter in _DELIMITERS:
        counts = [len(cells) for cells in _split(head, delimiter)]
        if counts[0] < 2:
            continue
        agree = sum(1 for c in counts if c == counts[0])
        if agree * 2 < len(counts) or max(counts, key=counts.count) != counts[0]:
            continue
        if best is None or counts[0] > best[0]:
            best = (counts[0], delimiter)
    return best[1] if best else None


def parse_table(data: bytes) -> WeatherTable:
    """The bytes of a weather CSV as a :class:`WeatherTable`.

    Raises :class:`WeatherCsvError` for an empty file, a file that is not UTF-8 (or
    UTF-16 with a mark), a spreadsheet or binary file, one without a delimiter (a single
    column), one without a header row, or one with a header and no rows.
    """
    text = _text(data)
    lines = _block(list(enumerate(text.splitlines(), start=1)))
    if not lines:
        raise WeatherCsvError(
            "The file holds no rows, only comments: download the weather again or choose "
            "another file."
        )
    delimiter = _delimiter([line for _, line in lines])
    if delimiter is None:
        raise WeatherCsvError(
            "No columns were found: the file should have one row per day or hour with the "
            "values separated by commas, semicolons or tabs."
        )
    cells = _split([line for _, line in lines], delimiter)
    header = tuple(cell.strip() for cell in cells[0])
    if all(is_value(cell) for cell in header):
        raise WeatherCsvError(
            "The file has no header row naming its columns: add one as the first line "
            "(for example date,pressure,temperature) and import it again."
        )
    width = len(header)
    rows = []
    numbers = []
    for (number, _), row in zip(lines[1:], cells[1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        row = [*row[:width], *([""] * (width - len(row)))]
        rows.append(tuple(cell.strip() for cell in row))
        numbers.append(number)
    if not rows:
        raise WeatherCsvError(
            "The file names its columns but has no rows of weather under them: export a "
            "period with data and import it."
        )
    return WeatherTable(header, tuple(rows), delimiter, tuple(numbers))


# --------------------------------------------------------------------------- mapping

_DATE_NAMES = ("date", "time", "day", "datum", "timestamp", "mess_datum", "obs")
_PRESSURE_NAMES = (
    "press",
    "baro",
    "hpa",
    "mbar",
    "inhg",
    "mmhg",
    "kpa",
    "slp",
    "pres",
    "druck",
)
_TEMPERATURE_NAMES = ("temp", "tavg", "tmean", "°c", "°f", "tmk", "tt_tu")


def _named(columns: Sequence[str], names: Sequence[str]) -> list[int]:
    found = []
    for i, column in enumerate(columns):
        lowered = column.casefold()
        if any(name in lowered for name in names):
            found.append(i)
    return found


def _unit_in_name(name: str, units: Sequence[str]) -> str | None:
    lowered = name.casefold().replace(" ", "")
    aliases = {
        "mbar": "hPa",
        "(mb)": "hPa",
        "°c": "degC",
        "degc": "degC",
        "(c)": "degC",
    }
    aliases |= {"°f": "degF", "degf": "degF", "(f)": "degF", "fahrenheit": "degF"}
    for unit in units:
        if unit.casefold() in lowered:
            return unit
    for alias, unit in aliases.items():
        if alias in lowered and unit in units:
            return unit
    return None


def guess_mapping(table: WeatherTable) -> ColumnMapping:
    """A suggested mapping for ``table``: the first date column (by name, else by its
    values), the pressure and temperature columns by name (mean or average preferred over
    min and max), each unit from the column's name, else from the values. Raises
    :class:`WeatherCsvError` when no column holds dates."""
    columns = table.columns
    date_candidates = _named(columns, _DATE_NAMES) + list(range(len(columns)))
    date_column = next((i for i in date_candidates if date_orders(table, i)), None)
    if date_column is None:
        raise WeatherCsvError(
            "No column of the file holds dates the app can read (such as 2026-03-01 or "
            "01.03.2026): check that it is a weather file with a date on each row."
        )
    orders = date_orders(table, date_column)
    date_order = orders[0] if len(orders) == 1 else None

    def pick(names: Sequence[str]) -> int | None:
        named = [i for i in _named(columns, names) if i != date_column and numbers_of(table, i)]
        for preferred in ("mean", "avg", "msl", "sea"):
            for i in named:
                if preferred in columns[i].casefold():
                    return i
        plain = [i for i in named if not re.search(r"min|max", columns[i], re.IGNORECASE)]
        chosen = plain or named
        return chosen[0] if chosen else None

    pressure_column = pick(_PRESSURE_NAMES)
    temperature_column = pick(_TEMPERATURE_NAMES)
    if temperature_column == pressure_column:
        temperature_column = None
    pressure_unit = "hPa"
    if pressure_column is not None:
        pressure_unit = (
            _unit_in_name(columns[pressure_column], PRESSURE_UNITS)
            or pressure_unit_of(numbers_of(table, pressure_column))
            or "hPa"
        )
    temperature_unit = "degC"
    if temperature_column is not None:
        named_unit = _unit_in_name(columns[temperature_column], TEMPERATURE_UNITS)
        values = numbers_of(table, temperature_column)
        if named_unit:
            temperature_unit = named_unit
        elif values and statistics.median(values) > TEMPERATURE_RANGE_C[1]:
            temperature_unit = "degF"
    return ColumnMapping(
        date_column,
        date_order,
        pressure_column,
        pressure_unit,
        temperature_column,
        temperature_unit,
    )


def load(path: Path, mapping: ColumnMapping | None = None) -> WeatherImport:
    """The whole flow for a file: read it, take ``mapping`` or the suggested one, convert.
    Raises :class:`WeatherCsvError` where the person must decide (ambiguous dates)."""
    table = read_table(path)
    return convert(table, mapping or guess_mapping(table))
