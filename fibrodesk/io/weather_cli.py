"""``fibrodesk import-weather CSV``: the weather import of issue 15 point 4 from the
command line, the same flow as the window's dialog (:mod:`fibrodesk.io.weather_csv`:
read, suggest the mapping, let the options change it, convert), then one operation,
:func:`fibrodesk.db.triggers.import_weather`. The file is read, never fetched: nothing
here opens a socket (a test proves it).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fibrodesk.core.wording import days
from fibrodesk.io.weather_csv import (
    DATE_ORDERS,
    PRESSURE_UNITS,
    TEMPERATURE_UNITS,
    ColumnMapping,
    WeatherCsvError,
    WeatherTable,
    convert,
    guess_mapping,
    read_table,
)

NONE = "none"  # a column option's value for "not in this file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's own arguments (the data folder option comes from the caller)."""
    parser.add_argument("path", metavar="CSV", help="a weather CSV you downloaded")
    parser.add_argument("--date-column", metavar="NAME", help="the column with the dates")
    parser.add_argument(
        "--dates", choices=DATE_ORDERS, help="how the file writes dates, when it cannot be told"
    )
    parser.add_argument(
        "--pressure-column", metavar="NAME", help=f"the air pressure column ('{NONE}': none)"
    )
    parser.add_argument("--pressure-unit", choices=PRESSURE_UNITS)
    parser.add_argument(
        "--temperature-column", metavar="NAME", help=f"the temperature column ('{NONE}': none)"
    )
    parser.add_argument("--temperature-unit", choices=TEMPERATURE_UNITS)
    parser.add_argument(
        "--dry-run", action="store_true", help="show the columns and the days; write nothing"
    )


def _column(table: WeatherTable, name: str) -> int | None:
    """A column by its name (case ignored) or its number from 1; None for ``none``."""
    if name.strip().casefold() == NONE:
        return None
    for i, column in enumerate(table.columns):
        if column.casefold() == name.strip().casefold():
            return i
    if name.strip().isdigit() and 1 <= int(name) <= len(table.columns):
        return int(name) - 1
    names = ", ".join(repr(c) for c in table.columns)
    raise WeatherCsvError(f"The file has no column {name!r}: its columns are {names}.")


def mapping_for(table: WeatherTable, args: argparse.Namespace) -> ColumnMapping:
    """The suggested mapping with the options given applied over it."""
    guessed = guess_mapping(table)
    date_column = guessed.date_column
    if args.date_column:
        found = _column(table, args.date_column)
        if found is None:
            raise WeatherCsvError("The dates are needed: name the column that holds them.")
        date_column = found
    pressure = guessed.pressure_column
    if args.pressure_column:
        pressure = _column(table, args.pressure_column)
    temperature = guessed.temperature_column
    if args.temperature_column:
        temperature = _column(table, args.temperature_column)
    return ColumnMapping(
        date_column,
        args.dates or (guessed.date_order if date_column == guessed.date_column else None),
        pressure,
        args.pressure_unit or guessed.pressure_unit,
        temperature,
        args.temperature_unit or guessed.temperature_unit,
    )


def describe(table: WeatherTable, mapping: ColumnMapping) -> str:
    """``Dates from 'date' (iso); pressure from 'pres' (hPa); temperature: none.``"""

    def name(column: int | None, unit: str) -> str:
        return "none" if column is None else f"from {table.columns[column]!r} ({unit})"

    return (
        f"Dates from {table.columns[mapping.date_column]!r} ({mapping.date_order or 'not known'}); "
        f"pressure {name(mapping.pressure_column, mapping.pressure_unit)}; "
        f"temperature {name(mapping.temperature_column, mapping.temperature_unit)}."
    )


def run(data_dir: Path, args: argparse.Namespace) -> int:
    """Read, map, convert, then import in one transaction (unless ``--dry-run``)."""
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.triggers import import_weather
    from fibrodesk.lock import acquire_lock

    table = read_table(Path(args.path))
    mapping = mapping_for(table, args)
    print(describe(table, mapping))
    try:
        result = convert(table, mapping)
    except WeatherCsvError as err:
        if mapping.date_order is None:
            raise WeatherCsvError(f"{err} Give --dates day_first or --dates month_first.") from None
        raise
    for sentence in result.skipped:
        print(sentence)
    if not result.days:
        raise WeatherCsvError("No day of the file has a plausible pressure or temperature.")
    first, last = result.days[0].day, result.days[-1].day
    if args.dry_run:
        print(f"{days(len(result.days))} of weather, {first} to {last}; nothing written.")
        return 0
    lock = acquire_lock(data_dir)
    try:
        open_diary(data_dir)
        written = import_weather(result.days).value
    finally:
        close_diary()
        lock.unlock()
    print(
        f"Weather of {days(len(result.days))} read, {first} to {last}; {days(written)} added "
        "or changed (days typed by hand keep their values)."
    )
    return 0
